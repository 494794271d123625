/**
 * `npm run template` as an instructor runs it, and the result as a student gets it: no
 * solutions and no self-test that needs them, the hidden checks kept, the CI workflow and a
 * README for students. In the template (node_modules linked from the course, as `npm install`
 * would make it), `npm run check lesson-01` runs and fails on the starters, `--solution` says
 * the solutions are not included, the kept self-tests of the README pass, and the workflow's
 * points step writes its table and junit.xml.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, test } from 'vitest';
import { COURSE_ROOT } from '../src/paths.ts';

const L1 = 'lesson-01-hello-tcp';
let tpl: string;

function template(dir: string, extra: string[] = []) {
  return execa('npm', ['run', '--silent', 'template', '--', dir, ...extra], { cwd: COURSE_ROOT, reject: false, env: { LANG: 'C.UTF-8' } });
}

function inTemplate(command: string, args: string[], env: Record<string, string> = {}) {
  return execa(command, args, { cwd: tpl, reject: false, env: { NO_COLOR: '1', LANG: 'C.UTF-8', SOCKET_COURSE_STATE: path.join(tpl, '.state'), ...env }, timeout: 180_000 });
}

const read = (f: string) => fs.readFileSync(path.join(tpl, f), 'utf8');

beforeAll(async () => {
  tpl = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'template-')), 'student-repo');
  const r = await template(tpl);
  expect(r.exitCode, r.stderr).toBe(0);
  expect(r.stdout).toContain('without the solutions');
  fs.symlinkSync(path.join(COURSE_ROOT, 'node_modules'), path.join(tpl, 'node_modules'), 'junction');
}, 60_000);

describe('npm run template', () => {
  test('leaves out the solutions, the self-tests that need them and the instructors\' commands; keeps the checks', () => {
    expect(fs.existsSync(path.join(tpl, 'solutions'))).toBe(false);
    // The checks' sample programs are answers too (a wrong one is the solution with one mistake).
    for (const lesson of fs.readdirSync(path.join(tpl, 'lessons'))) {
      for (const sample of ['wrong', 'correct', 'blind']) expect(fs.existsSync(path.join(tpl, 'lessons', lesson, '.checks', sample)), `${lesson}/.checks/${sample}`).toBe(false);
    }
    expect(fs.existsSync(path.join(tpl, 'lessons', L1, '.checks', 'checks.ts'))).toBe(true);
    expect(fs.existsSync(path.join(tpl, 'lessons', L1, 'server.ts'))).toBe(true);
    const tests = fs.readdirSync(path.join(tpl, 'test')).filter((f) => f.endsWith('.test.ts'));
    expect(tests).toContain('lesson-text.test.ts');
    for (const t of tests) expect(read(`test/${t}`), t).not.toMatch(/\bsolutions?\b|solutionDir/);
    for (const gone of ['grade.test.ts', 'autograder.test.ts', 'template.test.ts', 'lms.test.ts']) expect(tests).not.toContain(gone);
    for (const gone of ['scripts/autograder.ts', 'scripts/template.ts', 'scripts/bench.ts']) expect(fs.existsSync(path.join(tpl, gone)), gone).toBe(false);
    const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    expect(Object.keys(pkg.scripts)).not.toContain('autograder');
    expect(Object.keys(pkg.scripts)).not.toContain('bench');
    expect(pkg.scripts.test).toBe(`vitest run ${tests.sort().map((t) => `test/${t}`).join(' ')}`);
  });

  test('adds the CI workflow, with no Classroom action, and a README for students in both languages', () => {
    const workflow = read('.github/workflows/check.yml');
    expect(workflow).toContain('npm run --silent check');
    expect(workflow).toContain('GITHUB_STEP_SUMMARY');
    expect(workflow).toContain('junit.xml');
    expect(workflow).not.toContain('classroom-resources');
    expect(read('README.md')).toContain('This is your copy of the course');
    expect(read('README.md')).toContain('## How your work is graded');
    expect(read('README.md')).not.toContain('npm run autograder');
    expect(read('README.ko.md')).toContain('여러분이 실습할 코스 사본');
    expect(read('README.ko.md')).toContain('## 채점 방식');
    for (const f of ['README.md', 'README.ko.md']) {
      for (const id of ['your-copy', 'the-program-contract', 'when-things-go-wrong', 'grading-a-class', 'what-the-grader-protects-against']) expect(read(f), `${f} #${id}`).toContain(`<a id="${id}"></a>`);
    }
  });

  test('npm run check lesson-01 runs there and fails on the starters; --solution says there are none', async () => {
    const check = await inTemplate('npm', ['run', '--silent', 'check', 'lesson-01']);
    expect(check.exitCode, check.stderr).toBe(1);
    expect(check.stdout).toMatch(/0 of \d+ checks passed/);
    const solution = await inTemplate('npm', ['run', '--silent', 'check', 'lesson-01', '--', '--solution']);
    expect(solution.exitCode).toBe(2);
    expect(solution.stderr).toContain('The reference solutions are not included in this copy of the course');
    const ko = await inTemplate('npm', ['run', '--silent', 'check', 'lesson-01', '--', '--solution', '--lang', 'ko']);
    expect(ko.stderr).toContain('참고 답안이 들어 있지 않습니다');
  }, 180_000);

  test("the template's own README self-tests pass (every link and section a failure points to)", async () => {
    const r = await inTemplate(process.execPath, [path.join(tpl, 'node_modules', 'vitest', 'vitest.mjs'), 'run', 'test/lesson-text.test.ts', '-t', 'course README']);
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
  }, 180_000);

  test("the workflow's points step writes the table of lessons to the job summary, and junit.xml", async () => {
    const workflow = read('.github/workflows/check.yml');
    const step = workflow.slice(workflow.indexOf('- name: Points'));
    const lines = step.split('\n');
    const at = lines.findIndex((l) => l.trim() === 'run: |');
    const indent = lines[at + 1]!.length - lines[at + 1]!.trimStart().length;
    const body = lines.slice(at + 1).filter((_, i, all) => all.slice(0, i + 1).every((l) => l.trim() === '' || l.length - l.trimStart().length >= indent));
    const script = body.map((l) => l.slice(indent)).join('\n').replaceAll('${{ steps.check.outputs.lessons }}', '01');
    const summary = path.join(tpl, 'summary.md');
    const r = await inTemplate('bash', ['-e', '-c', script], { GITHUB_STEP_SUMMARY: summary });
    expect(r.exitCode, r.stderr).toBe(0);
    const table = fs.readFileSync(summary, 'utf8');
    expect(table).toContain('| lesson | points |');
    expect(table).toContain('| lesson-01 | 0 / 10 |');
    expect(table).toContain('| total | 0 |');
    expect(table).toContain('## lesson-01-hello-tcp');
    expect(fs.readFileSync(path.join(tpl, '.ci', 'grade', 'junit.xml'), 'utf8')).toContain('<testsuite name="you"');
  }, 180_000);

  test('solutions go in only when asked, and then every self-test with them', async () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'template-')), 'with');
    const r = await template(dir, ['--with-solutions']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('students can read them');
    expect(fs.existsSync(path.join(dir, 'solutions', L1, 'server.ts'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'test', 'grade.test.ts'))).toBe(true);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).scripts.test).toBe('vitest run');
  }, 60_000);

  test('bad input: a folder that is not empty, a folder inside the course, no folder', async () => {
    const full = fs.mkdtempSync(path.join(os.tmpdir(), 'template-'));
    fs.writeFileSync(path.join(full, 'x'), '');
    const notEmpty = await template(full);
    expect(notEmpty.exitCode).toBe(2);
    expect(notEmpty.stderr).toContain('not an empty folder');
    const inside = await template(path.join(COURSE_ROOT, 'student-copy'));
    expect(inside.exitCode).toBe(2);
    expect(inside.stderr).toContain('inside the course');
    expect((await template('')).exitCode).toBe(2);
  }, 60_000);
});
