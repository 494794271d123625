/**
 * One lesson's self-tests, both ways: its solution passes, its untouched starter fails, each
 * wrong implementation kept with its checks fails with the reason it is meant to trigger, each
 * change the README allows passes, and every program written from the README alone gets its
 * verdict. After each run no learner process is left. Each lesson has its own test file
 * (test/lessons/), so vitest spreads the lessons over its workers.
 */
import { describe, expect, test } from 'vitest';
import path from 'node:path';
import { loadLesson } from '../../src/lessons.ts';
import { LESSONS_DIR } from '../../src/paths.ts';
import { runLesson, loadScenarios, type LessonResult } from '../../src/checks/run-lesson.ts';
import { liveCount } from '../../src/runner/cleanup.ts';
import { renderScenario } from '../../src/report/terminal.ts';
import { makeStyle } from '../../src/report/style.ts';
import { listVariants, materialize } from './variants.ts';
import { blindPrograms } from './blind.ts';
import { committedStarters } from './starters.ts';

/** Seeds the generated exchanges of the self-tests, so they replay the same cases each run. */
const SELF_TEST_SEED = 20261201;

function failures(r: LessonResult): string {
  return r.scenarios
    .filter((s) => s.status === 'fail')
    .map((s) => `${s.id}: ${s.failure!.reason} — ${s.failure!.summary.en}`)
    .join('\n');
}

/** The whole report of the failures, as a learner would see it: printed when a self-test fails. */
function report(r: LessonResult): string {
  const o = { lang: 'en' as const, style: makeStyle(false) };
  return r.scenarios.filter((s) => s.status === 'fail').map((s) => renderScenario(s, r, o)).join('');
}

export interface SelfTestOptions {
  /**
   * Why this lesson's programs are run one at a time, not several at once (the default): e.g.
   * lesson 12 moves 160 MiB per transfer, and several at once on a loaded 2-core machine ran
   * past their time limits.
   */
  oneAtATime?: string;
}

export function lessonSelfTests(name: string, o: SelfTestOptions = {}): void {
  // Loaded inside each test, so one broken manifest fails its own lesson's tests only.
  const load = () => loadLesson(name);
  const group = (run: boolean) => (o.oneAtATime ? describe.runIf(run) : describe.runIf(run).concurrent);

  describe(name, () => {
    test('the solution passes every scenario', async () => {
      const lesson = load();
      const r = await runLesson(lesson, lesson.solutionDir, { lang: 'en', seed: SELF_TEST_SEED });
      expect(failures(r), report(r)).toBe('');
      expect(r.status).toBe('pass');
      expect(liveCount()).toBe(0);
    });

    // The starter as committed, not lessons/ as a learner has changed it: `npm test` stays green
    // after the learner has done the lesson.
    test('the untouched starter fails', async () => {
      const lesson = load();
      const starter = committedStarters(lesson);
      try {
        const r = await runLesson(lesson, starter.dir, { lang: 'en', seed: SELF_TEST_SEED });
        expect(r.status).toBe('fail');
        expect(r.scenarios.filter((s) => s.status === 'pass').map((s) => s.id)).toEqual([]);
        expect(liveCount()).toBe(0);
      } finally {
        starter.dispose();
      }
    });

    const variants = listVariants(path.join(LESSONS_DIR, name));
    test('keeps at least four wrong implementations, each naming the scenarios it targets', async () => {
      expect(variants.length).toBeGreaterThanOrEqual(4);
      const ids = new Set((await loadScenarios(load())).map((s) => s.id));
      for (const v of variants) {
        expect(v.targets, `${v.name}: expect.json names no targets`).not.toEqual([]);
        expect(v.targets.filter((t) => !ids.has(t)), `${v.name}: targets that are not scenarios`).toEqual([]);
      }
    });

    // Each variant runs only the scenarios it targets: a mistake is proven where it is meant to
    // show, and npm test does not pay for every scenario of every variant.
    group(true)('wrong implementations fail with the intended reason', () => {
      for (const v of variants) {
        test(`${v.name}: ${v.about}`, async () => {
          const lesson = load();
          const copy = materialize(lesson, v);
          try {
            const only = v.targets.length > 0 ? (s: { id: string }) => v.targets.includes(s.id) : undefined;
            const r = await runLesson(lesson, copy.dir, { lang: 'en', seed: SELF_TEST_SEED, only });
            expect(r.status).toBe('fail');
            const reasons = r.scenarios.filter((s) => s.status === 'fail').map((s) => `${s.id}:${s.failure!.reason}`);
            expect(reasons.filter((x) => x.endsWith(`:${v.reason}`)), `failures were:\n${failures(r)}\n\n${report(r)}`).not.toEqual([]);
          } finally {
            copy.dispose();
          }
        });
      }
    });

    // Allowed by the README though the solution does not do it: must not be taken for a mistake.
    const correct = listVariants(path.join(LESSONS_DIR, name), 'correct');
    group(correct.length > 0)('changes the README allows still pass', () => {
      for (const v of correct) {
        test(`${v.name}: ${v.about}`, async () => {
          const lesson = load();
          const copy = materialize(lesson, v);
          try {
            const r = await runLesson(lesson, copy.dir, { lang: 'en', seed: SELF_TEST_SEED });
            expect(failures(r), report(r)).toBe('');
          } finally {
            copy.dispose();
          }
        });
      }
    });

    // Written from the README alone by someone who never read the checks: the proof that the
    // checks judge programs they were not written against.
    const blind = blindPrograms(loadLesson(name));
    group(blind.length > 0)('programs written from the README alone get the right verdict', () => {
      for (const b of blind) {
        test(`${b.name} should ${b.verdict}: ${b.mistake}`, async () => {
          // A fixed seed: the generated exchanges, and so the verdict, are the same on every run.
          // A wrong program needs only its first failure (`bail`), unless that one is not the
          // reason it is known for: then the whole lesson is run to find it.
          const run = (bail: boolean) => runLesson(load(), b.dir, { lang: 'en', seed: SELF_TEST_SEED, bail });
          let r = await run(b.verdict === 'fail');
          const named = (x: LessonResult) => x.scenarios.map((s) => s.failure?.reason);
          if (b.verdict === 'fail' && b.reason && !named(r).includes(b.reason)) r = await run(false);
          expect(r.status === 'pass' ? 'pass' : 'fail', `failures were:\n${failures(r)}\n\n${report(r)}`).toBe(b.verdict);
          if (b.verdict === 'fail' && b.reason) expect(named(r), failures(r)).toContain(b.reason);
        });
      }
    });
  });
}
