/**
 * Every lesson, both ways: its solution passes, its untouched starter fails, and each wrong
 * implementation kept with its checks fails with the reason it is meant to trigger. After
 * each run no learner process is left.
 */
import { describe, expect, test } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { listLessonNames, loadLesson } from '../src/lessons.ts';
import { LESSONS_DIR } from '../src/paths.ts';
import { runLesson, type LessonResult } from '../src/checks/run-lesson.ts';
import { liveCount } from '../src/runner/cleanup.ts';
import { renderScenario } from '../src/report/terminal.ts';
import { makeStyle } from '../src/report/style.ts';
import { listVariants, materialize, variantSource } from './support/variants.ts';
import { loadScenarios } from '../src/checks/run-lesson.ts';
import { COURSE_ROOT } from '../src/paths.ts';
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
    describe.concurrent('wrong implementations fail with the intended reason', () => {
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
    describe.runIf(correct.length > 0).concurrent('changes the README allows still pass', () => {
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
    describe.runIf(blind.length > 0).concurrent('programs written from the README alone get the right verdict', () => {
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

// A variant is a learner's program with one mistake, not a type error: every one compiles
// under the settings a learner's code is checked with (one tsc run for all of them).
test('every wrong implementation type-checks', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'variants-typecheck-'));
  try {
    const files: string[] = [];
    for (const name of listLessonNames()) {
      const lesson = loadLesson(name);
      for (const v of listVariants(path.join(LESSONS_DIR, name))) {
        for (const f of lesson.manifest.files) {
          const rel = path.join(name, v.name, f);
          fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
          fs.writeFileSync(path.join(root, rel), variantSource(lesson, v, f));
          files.push(rel);
        }
      }
    }
    const tsc = path.join(COURSE_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const options = ['--noEmit', '--pretty', 'false', '--strict', '--target', 'ES2022', '--module', 'ESNext', '--moduleResolution', 'Bundler', '--skipLibCheck', '--types', 'node', '--typeRoots', path.join(COURSE_ROOT, 'node_modules', '@types')];
    let output = '';
    try {
      execFileSync(process.execPath, [tsc, ...options, ...files], { cwd: root, encoding: 'utf8' });
    } catch (err) {
      output = (err as { stdout?: string }).stdout ?? String(err);
    }
    expect(files.length).toBeGreaterThan(100);
    expect(output).toBe('');
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}, 120_000);
