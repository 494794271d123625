/**
 * Generated exchanges (src/checks/generate.ts), on lesson 04's model: the reference solution
 * passes whatever the seed; a server that decodes each chunk on its own fails, and the same seed
 * replays exactly that exchange. And the kit itself: a failure is shrunk to the smallest case,
 * which alone is replayed with a transcript.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ScenarioContext } from '../src/checks/context.ts';
import { checkGenerated } from '../src/checks/generate.ts';
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
});
