/**
 * Generated exchanges (src/checks/generate.ts), on lesson 04's model: the reference solution
 * passes whatever the seed; a server that decodes each chunk on its own fails, shrunk to a
 * shrunk exchange, the only one drawn; the same seed replays exactly that exchange.
 */
import { describe, expect, test } from 'vitest';
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
      expect(first.scenarios[0]!.notes.map((n) => n.en).join(' ')).toMatch(/shrunk [1-9]\d* times/);
      expect(first.scenarios[0]!.transcripts).toHaveLength(1); // only the smallest case is drawn
      const again = await runLesson(lesson, copy.dir, { lang: 'en', seed: 42, ...only });
      expect(failureOf(again)).toEqual(failureOf(first));
    } finally {
      copy.dispose();
    }
  });
});

