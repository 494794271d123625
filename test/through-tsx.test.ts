/**
 * The grader and the autograder run the checks through tsx, whose esbuild transform keeps
 * function names (`__name(…)` wrappers); vitest and the checker's bundle do not. A check that
 * sends a function's source to another runtime (a browser page) must work both ways: lesson
 * 15's page failed for every graded student ("__name is not defined") while its self-test passed.
 */
import { execa } from 'execa';
import { expect, test } from 'vitest';
import { COURSE_ROOT } from '../src/paths.ts';

test("lesson 15's browser check passes when the checks run through tsx, as the grader runs them", async () => {
  const r = await execa(process.execPath, ['--import', 'tsx', 'scripts/check.ts', 'lesson-15', '--solution', '--only', 'browser-korean'], {
    cwd: COURSE_ROOT,
    reject: false,
    env: { NO_COLOR: '1' },
    timeout: 90_000,
  });
  expect(r.stdout).not.toContain('__name');
  expect(r.exitCode, r.stdout).toBe(0);
}, 120_000);
