/**
 * Generated exchanges (src/checks/generate.ts), on lesson 04's model: the reference solution
 * passes whatever the seed; a server that decodes each chunk on its own fails, and the same seed
 * replays exactly that exchange. And the kit itself: a failure is shrunk to the smallest case,
 * which alone is replayed with a transcript; in lanes, cases run at once and a replay of the seed
 * reports the same case.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ScenarioContext } from '../src/checks/context.ts';
import { checkGenerated, splitIntoLanes } from '../src/checks/generate.ts';
import { CheckFailure } from '../src/checks/scenario.ts';
import { text } from '../src/i18n.ts';
import { loadLesson } from '../src/lessons.ts';
import { runLesson, type LessonResult } from '../src/checks/run-lesson.ts';
import { listVariants, materialize } from './support/variants.ts';

const lesson = loadLesson('lesson-04-line-protocol');
const only = { only: (s: { id: string }) => s.id === 'generated-exchanges' };

function failureOf(r: LessonResult) {
  const s = r.scenarios[0]!;
  return { reason: s.failure?.reason, expected: s.failure?.expected, actual: s.failure?.actual, drawn: s.transcripts.map((t) => t.events.filter((e) => e.kind === 'data').map((e) => (e as { bytes: Buffer }).bytes.toString('hex'))) };
}

describe('generated exchanges', () => {
  test('the reference solution passes, whatever the seed', async () => {
    for (const seed of [1, 2, 3]) {
      const r = await runLesson(lesson, lesson.solutionDir, { lang: 'en', seed, ...only });
      expect(r.scenarios[0]!.status, `seed ${seed}: ${r.scenarios[0]!.failure?.summary.en}`).toBe('pass');
    }
  });

  test('a wrong server fails with a shrunk exchange, and its seed replays exactly that exchange', async () => {
    const variant = listVariants(lesson.dir).find((v) => v.name === 'per-chunk-tostring')!;
    const copy = materialize(lesson, variant);
    try {
      const first = await runLesson(lesson, copy.dir, { lang: 'en', seed: 42, ...only });
      expect(first.scenarios[0]!.status).toBe('fail');
      expect(first.scenarios[0]!.notes.map((n) => n.en).join(' ')).toContain('--seed 42');
      expect(first.scenarios[0]!.notes.map((n) => n.en).join(' ')).toMatch(/shrunk \d+ times/);
      const again = await runLesson(lesson, copy.dir, { lang: 'en', seed: 42, ...only });
      expect(failureOf(again)).toEqual(failureOf(first));
    } finally {
      copy.dispose();
    }
  });

  // The kit itself, on cases whose smallest failure is known: numbers, wrong over 100. Whatever
  // the seed, the report names 101 and says how often it shrank.
  test('a failing case is shrunk to the smallest one, which alone is replayed with a transcript', async () => {
    for (const seed of [7, 8, 9]) {
      const ctx = new ScenarioContext(lesson, { programs: new Map(), dispose() {} } as never, seed, {
        'too-big': { summary: text('a number over 100', '100보다 큰 수') },
      });
      const replayed: number[] = [];
      const failure = await checkGenerated(ctx, {
        cases: fc.integer({ min: 0, max: 1000 }),
        examples: [3],
        run: async (c, transcript) => {
          const t = transcript(text('a', 'a'), text('b', 'b'));
          if (ctx.transcripts.includes(t)) replayed.push(c);
          return c > 100 ? ctx.mistake('too-big', { actual: String(c) }) : undefined;
        },
        describe: (c) => text(JSON.stringify(c), JSON.stringify(c)),
        runs: 50,
        ms: 5000,
      }).then(
        () => undefined,
        (err: unknown) => (err instanceof CheckFailure ? err.details : Promise.reject(err)),
      );
      expect(failure?.reason, `seed ${seed}`).toBe('too-big');
      expect(failure?.actual).toBe('101');
      expect(replayed).toEqual([101]); // the search's cases are not drawn, the smallest is
      expect(ctx.notes.map((n) => n.en).join(' ')).toMatch(new RegExp(`shrunk [1-9]\\d* times.*--seed ${seed}`));
    }
  });

  test('lanes: cases run at once, every corner runs, and the same seed reports the same shrunk case', async () => {
    const run = async (seed: number) => {
      const ctx = new ScenarioContext(lesson, { programs: new Map(), dispose() {} } as never, seed, {
        'too-big': { summary: text('a number over 100', '100보다 큰 수') },
      });
      let inFlight = 0;
      let most = 0;
      const tried: number[] = [];
      const failure = await checkGenerated(ctx, {
        cases: fc.integer({ min: 0, max: 1000 }),
        examples: [1, 2, 3, 4, 5, 6],
        run: async (c) => {
          tried.push(c);
          most = Math.max(most, ++inFlight);
          await new Promise((r) => setTimeout(r, 5));
          inFlight--;
          return c > 100 ? ctx.mistake('too-big', { actual: String(c) }) : undefined;
        },
        describe: (c) => text(JSON.stringify(c), JSON.stringify(c)),
        runs: 40,
        ms: 5000,
        lanes: 4,
      }).then(
        () => undefined,
        (err: unknown) => (err instanceof CheckFailure ? err.details : Promise.reject(err)),
      );
      return { failure, most, tried, notes: ctx.notes.map((n) => n.en).join(' ') };
    };
    const first = await run(11);
    expect(first.most).toBe(4);
    expect(first.tried).toEqual(expect.arrayContaining([1, 2, 3, 4, 5, 6]));
    expect(first.failure?.reason).toBe('too-big');
    expect(first.failure?.actual).toBe('101');
    const again = await run(11);
    expect(again.notes).toBe(first.notes);
  });

  test('lanes split the runs and the corners between them, and one lane is the plain search', () => {
    const lanes = splitIntoLanes(7, 10, ['a', 'b', 'c'], 3);
    expect(lanes.map((l) => l.seed)).toEqual([7, 8, 9]);
    expect(lanes.map((l) => l.examples)).toEqual([['a'], ['b'], ['c']]);
    expect(lanes.reduce((n, l) => n + l.runs, 0)).toBe(10);
    expect(splitIntoLanes(7, 2, ['a', 'b', 'c'], 1)).toEqual([{ seed: 7, runs: 3, examples: ['a', 'b', 'c'] }]);
  });
});
