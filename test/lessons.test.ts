/**
 * Every lesson, both ways: its solution passes, its untouched starter fails, and each wrong
 * implementation kept with its checks fails with the reason it is meant to trigger. After
 * each run no learner process is left.
 */
import { describe, expect, test } from 'vitest';
import path from 'node:path';
import { listLessonNames, loadLesson } from '../src/lessons.ts';
import { LESSONS_DIR } from '../src/paths.ts';
import { runLesson, type LessonResult } from '../src/checks/run-lesson.ts';
import { liveCount } from '../src/runner/cleanup.ts';
import { renderScenario } from '../src/report/terminal.ts';
import { makeStyle } from '../src/report/style.ts';
import { listVariants, materialize } from './support/variants.ts';
import { blindPrograms } from './support/blind.ts';

/** Seeds the generated exchanges of the self-tests, so they replay the same cases each run. */
const SELF_TEST_SEED = 20261201;
import { committedStarters } from './support/starters.ts';

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

for (const name of listLessonNames()) {
  // Loaded inside each test, so one broken manifest fails its own lesson's tests only.
  const load = () => loadLesson(name);

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
    test('keeps at least four wrong implementations', () => {
      expect(variants.length).toBeGreaterThanOrEqual(4);
    });

    describe.concurrent('wrong implementations fail with the intended reason', () => {
      for (const v of variants) {
        test(`${v.name}: ${v.about}`, async () => {
          const lesson = load();
          const copy = materialize(lesson, v);
          try {
            const r = await runLesson(lesson, copy.dir, { lang: 'en', seed: SELF_TEST_SEED });
            expect(r.status).toBe('fail');
            const reasons = r.scenarios.filter((s) => s.status === 'fail').map((s) => `${s.id}:${s.failure!.reason}`);
            const match = reasons.filter((x) => x.endsWith(`:${v.reason}`) && (!v.scenario || x.startsWith(`${v.scenario}:`)));
            expect(match, `failures were:\n${failures(r)}\n\n${report(r)}`).not.toEqual([]);
          } finally {
            copy.dispose();
          }
        });
      }
    });

    // Written from the README alone by someone who never read the checks: the proof that the
    // checks judge programs they were not written against.
    const blind = blindPrograms(loadLesson(name));
    describe.runIf(blind.length > 0).concurrent('programs written from the README alone get the right verdict', () => {
      for (const b of blind) {
        test(`${b.name} should ${b.verdict}: ${b.mistake}`, async () => {
          // A fixed seed: the generated exchanges, and so the verdict, are the same on every run.
          const r = await runLesson(load(), b.dir, { lang: 'en', seed: SELF_TEST_SEED });
          expect(r.status === 'pass' ? 'pass' : 'fail', `failures were:\n${failures(r)}\n\n${report(r)}`).toBe(b.verdict);
          if (b.verdict === 'fail' && b.reason) {
            expect(r.scenarios.map((s) => s.failure?.reason), failures(r)).toContain(b.reason);
          }
        });
      }
    });
  });
}
