/**
 * The Gradescope autograder as Gradescope runs it: `npm run autograder` builds the zip, each
 * case unpacks it into a temporary root standing in for /autograder (source/, submission/,
 * results/), runs `run_autograder` there, and holds results.json to a schema of Gradescope's
 * specification. Submissions: the solutions, the starters, a file that does not compile, a
 * server that hangs past the run's own time limit, a submission uploaded as one zip, and a zip
 * with a link in it. Nothing may be left running after any of them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, test } from 'vitest';
import { COURSE_ROOT } from '../src/paths.ts';
import { GradescopeResultsSchema, type GradescopeResults } from '../src/grade/gradescope-spec.ts';
import { readDirectory } from '../src/grade/safe-unzip.ts';
import { taggedProcesses, waitUntilNone } from './support/alive.ts';

const L1 = 'lesson-01-hello-tcp';
const L2 = 'lesson-02-endpoints';
const TAG = `autograder-test-${process.pid}`;
const HANGING_SERVER = `import net from 'node:net';
net.createServer((socket) => socket.on('data', () => {})).listen(Number(process.env.PORT ?? 8080), process.env.HOST ?? '127.0.0.1');
`;

let zipFile: string;
let zip: Record<string, Uint8Array>;

beforeAll(async () => {
  zipFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'autograder-zip-')), 'autograder.zip');
  const built = await execa(process.execPath, ['--import', 'tsx', 'scripts/autograder.ts', '--lessons', '1-2', '--out', zipFile], { cwd: COURSE_ROOT, reject: false });
  expect(built.exitCode, built.stderr).toBe(0);
  zip = unzipSync(fs.readFileSync(zipFile));
}, 60_000);

function copyLesson(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  fs.cpSync(from, to, { recursive: true });
}

/** An /autograder of its own: the zip unpacked into source/, the submission, then run_autograder. */
async function gradeAt(fillSubmission: (dir: string) => void, config: Record<string, unknown> = {}, env: Record<string, string> = {}): Promise<{ results: GradescopeResults; ms: number; stdout: string }> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'autograder-root-'));
  const source = path.join(root, 'source');
  for (const [name, data] of Object.entries(zip)) {
    fs.mkdirSync(path.dirname(path.join(source, name)), { recursive: true });
    fs.writeFileSync(path.join(source, name), data);
  }
  fs.symlinkSync(path.join(COURSE_ROOT, 'node_modules'), path.join(source, 'node_modules'), 'junction'); // what setup.sh's npm ci makes
  fs.copyFileSync(path.join(source, 'run_autograder'), path.join(root, 'run_autograder')); // as Gradescope does
  const configFile = path.join(source, 'autograder.json');
  fs.writeFileSync(configFile, JSON.stringify({ ...JSON.parse(fs.readFileSync(configFile, 'utf8')), ...config }));
  fs.mkdirSync(path.join(root, 'submission'));
  fillSubmission(path.join(root, 'submission'));
  const started = Date.now();
  const r = await execa('bash', [path.join(root, 'run_autograder')], { cwd: root, reject: false, env: { AUTOGRADER_ROOT: root, SOCKET_COURSE_TAG: TAG, LANG: 'C.UTF-8', NO_COLOR: '1', ...env }, timeout: 240_000 });
  expect(r.exitCode, r.stderr).toBe(0);
  const results = GradescopeResultsSchema.parse(JSON.parse(fs.readFileSync(path.join(root, 'results', 'results.json'), 'utf8')));
  expect(await waitUntilNone(() => taggedProcesses(TAG))).toEqual([]);
  return { results, ms: Date.now() - started, stdout: r.stdout };
}

const lessonTest = (r: GradescopeResults, lesson: string) => r.tests!.find((t) => t.name === lesson)!;
const checksOf = (r: GradescopeResults, id: string) => r.tests!.filter((t) => t.tags?.[0] === id && t.name !== undefined && t.name.startsWith(`${id} ›`));

describe('npm run autograder', () => {
  test("writes Gradescope's layout: setup.sh and run_autograder at the root, the checks, no solutions", () => {
    const names = Object.keys(zip);
    expect(names).toContain('setup.sh');
    expect(names).toContain('run_autograder');
    expect(names).toContain('autograder.json');
    expect(names).toContain('package-lock.json');
    expect(names).toContain(`lessons/${L1}/.checks/checks.ts`);
    expect(names.filter((n) => n.startsWith('solutions/') || n.startsWith('test/') || n.startsWith('node_modules/'))).toEqual([]);
    expect(names.filter((n) => n.startsWith('lessons/') && !n.startsWith(`lessons/${L1}/`) && !n.startsWith(`lessons/${L2}/`))).toEqual([]);
    const modes = new Map(readDirectory(fs.readFileSync(zipFile), 10_000).map((e) => [e.name, e]));
    expect(modes.get('setup.sh')!.unixType).toBe(0o100000);
    const setup = new TextDecoder().decode(zip['setup.sh']);
    for (const needed of ['bubblewrap', 'setup_20.x', 'python3', 'default-jdk-headless', 'npm ci']) expect(setup).toContain(needed);
    expect(JSON.parse(new TextDecoder().decode(zip['autograder.json']))).toMatchObject({ lessons: [L1, L2], visibility: 'visible' });
  });

  test('setup.sh and run_autograder are valid bash', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'autograder-sh-'));
    for (const f of ['setup.sh', 'run_autograder']) {
      fs.writeFileSync(path.join(dir, f), zip[f]!);
      expect((await execa('bash', ['-n', path.join(dir, f)], { reject: false })).exitCode, f).toBe(0);
    }
  });

  test('bad input: an unknown lesson, a bad visibility', async () => {
    const run = (args: string[]) => execa(process.execPath, ['--import', 'tsx', 'scripts/autograder.ts', ...args], { cwd: COURSE_ROOT, reject: false });
    const lesson = await run(['--lessons', '99']);
    expect(lesson.exitCode).toBe(2);
    expect(lesson.stderr).toContain('no lesson "99"');
    const vis = await run(['--visibility', 'sometimes']);
    expect(vis.exitCode).toBe(2);
    expect(vis.stderr).toContain('--visibility');
  });
});

describe('run_autograder on a submission', () => {
  test('the solutions: every lesson 10/10, one test per check, the sandbox named', async () => {
    const { results } = await gradeAt((sub) => {
      copyLesson(path.join(COURSE_ROOT, 'solutions', L1), path.join(sub, 'lessons', L1));
      copyLesson(path.join(COURSE_ROOT, 'solutions', L2), path.join(sub, 'lessons', L2));
    });
    const failed = (results.tests ?? []).filter((t) => t.status === 'failed').map((t) => `${t.name}: ${(t.output ?? '').slice(0, 300)}`);
    expect(results.score, failed.join('\n')).toBe(20);
    expect(lessonTest(results, L1)).toMatchObject({ score: 10, max_score: 10, status: 'passed', output_format: 'html', tags: ['lesson-01'], visibility: 'visible' });
    expect(lessonTest(results, L1).output).toContain('<svg'); // the report with its exchanges drawn
    expect(lessonTest(results, L2)).toMatchObject({ score: 10, status: 'passed' });
    const checks = checksOf(results, 'lesson-01');
    expect(checks.length).toBeGreaterThanOrEqual(8);
    for (const c of checks) expect(c).toMatchObject({ score: 0, max_score: 0, output_format: 'md', name_format: 'text' });
    expect(checks.every((c) => c.status === 'passed' || c.status === undefined)).toBe(true);
    expect(results.execution_time).toBeGreaterThanOrEqual(0);
    expect(results.output).toMatch(/sandbox/);
  }, 240_000);

  test('the starters: lesson 1 fails with each check explained, lesson 2 not submitted', async () => {
    const { results } = await gradeAt((sub) => copyLesson(path.join(COURSE_ROOT, 'lessons', L1), path.join(sub, L1)));
    expect(results.score).toBe(0);
    expect(lessonTest(results, L1)).toMatchObject({ score: 0, status: 'failed' });
    expect(lessonTest(results, L1).output).toContain('✗');
    const failed = checksOf(results, 'lesson-01').filter((c) => c.status === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    for (const c of failed) expect(c.output).toMatch(/^\*\*✗ .+\*\*\n\nFailure `[a-z0-9-]+`/);
    expect(lessonTest(results, L2).output).toContain('Not submitted');
  }, 240_000);

  test('a file that does not compile: the results say where and why (and, unboxed, that they ran unboxed)', async () => {
    // SOCKET_COURSE_SANDBOX=off stands in for a container without user namespaces.
    const { results } = await gradeAt((sub) => copyLesson(path.join(COURSE_ROOT, 'test', 'fixtures', 'faults', 'syntax-error'), path.join(sub, L1)), { lessons: [L1] }, { SOCKET_COURSE_SANDBOX: 'off' });
    expect(results.output).toContain('cannot run the sandbox');
    expect(results.extra_data).toMatchObject({ sandbox: 'none' });
    expect(results.tests).toHaveLength(1);
    expect(lessonTest(results, L1)).toMatchObject({ score: 0, status: 'failed', extra_data: { status: 'compile-error' } });
    expect(lessonTest(results, L1).output).toContain('does not compile');
  }, 240_000);

  test('a run past its own time limit: ends on time, with a results file that says why', async () => {
    const { results, ms } = await gradeAt(
      (sub) => {
        copyLesson(path.join(COURSE_ROOT, 'solutions', L1), path.join(sub, L1));
        fs.writeFileSync(path.join(sub, L1, 'server.ts'), HANGING_SERVER);
      },
      { deadlineSeconds: 3 },
    );
    expect(ms).toBeLessThan(60_000);
    expect(lessonTest(results, L1).output).toContain('time limit (3 s) ran out');
    expect(results.score).toBe(0);
  }, 240_000);

  test('a submission uploaded as one zip is unpacked and graded; a zip with a link is refused', async () => {
    const files = (dir: string) => Object.fromEntries(fs.readdirSync(dir).map((f) => [f, new Uint8Array(fs.readFileSync(path.join(dir, f)))]));
    const zipped = zipSync({ 'my-work': { [L1]: files(path.join(COURSE_ROOT, 'solutions', L1)) } });
    const good = await gradeAt((sub) => fs.writeFileSync(path.join(sub, 'lesson01.zip'), zipped), { lessons: [L1] });
    expect(good.results.score).toBe(10);
    const linked = zipSync({ [L1]: { 'server.ts': [new TextEncoder().encode('/etc/passwd'), { os: 3, attrs: (0o120777 << 16) >>> 0 }], 'client.ts': new Uint8Array(1) } });
    const bad = await gradeAt((sub) => fs.writeFileSync(path.join(sub, 'lesson01.zip'), linked), { lessons: [L1] });
    expect(bad.results.score).toBe(0);
    expect(lessonTest(bad.results, L1).output).toContain('is a link');
  }, 240_000);
});

describe('the results schema', () => {
  test('holds to the specification: a score, only its fields, its formats and visibilities', () => {
    expect(GradescopeResultsSchema.safeParse({ score: 1 }).success).toBe(true);
    expect(GradescopeResultsSchema.safeParse({ tests: [{ score: 1, max_score: 1, name: 'x' }] }).success).toBe(true);
    expect(GradescopeResultsSchema.safeParse({ output: 'no score anywhere' }).success).toBe(false);
    expect(GradescopeResultsSchema.safeParse({ score: 1, tests: [{ score: 1, statuss: 'passed' }] }).success).toBe(false);
    expect(GradescopeResultsSchema.safeParse({ score: 1, tests: [{ score: 1, output_format: 'markdown' }] }).success).toBe(false);
    expect(GradescopeResultsSchema.safeParse({ score: 1, visibility: 'later' }).success).toBe(false);
  });
});
