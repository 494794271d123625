/**
 * `npm run grade` end to end on a fixture class: a student with every solution, one with the
 * untouched starters, one whose server hangs, one who replaced the checks and package.json
 * (and must gain nothing by it), an empty folder, and a stray file. The gradebook must be
 * exactly as expected, nothing may be left running, and a run killed half-way and continued
 * with --resume must end with the same gradebook.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, test } from 'vitest';
import { COURSE_ROOT } from '../src/paths.ts';
import { studentFileName } from '../src/grade/names.ts';
import { gradeClass } from '../src/grade/grade.ts';
import { loadLesson } from '../src/lessons.ts';
import { taggedProcesses, waitUntilNone } from './support/alive.ts';

const LESSON = 'lesson-01-hello-tcp';
/** Every program a grader of this file starts carries it: how the test finds what is left. */
const TAG = `grade-test-${process.pid}`;
const EXPECTED = ['student,lesson-01,total', 'all-solutions,10,10', 'empty,0,0', 'hangs,5,5', 'replaced-tests,0,0', 'starters,0,0', ''].join('\n');

let classDir: string;

function copy(from: string, to: string) {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.cpSync(from, to, { recursive: true });
}

/** A server that accepts and never answers. */
const HANGING_SERVER = `import net from 'node:net';
const server = net.createServer((socket) => socket.on('data', () => {}));
server.listen(Number(process.env.PORT ?? 8080), process.env.HOST ?? '127.0.0.1');
`;

beforeAll(() => {
  classDir = fs.mkdtempSync(path.join(os.tmpdir(), 'class-'));
  const lessonDir = path.join(COURSE_ROOT, 'lessons', LESSON);
  const solutionDir = path.join(COURSE_ROOT, 'solutions', LESSON);
  // a whole clone's layout, with the solutions
  copy(solutionDir, path.join(classDir, 'all-solutions', 'lessons', LESSON));
  // lesson folders alone, untouched starters
  copy(lessonDir, path.join(classDir, 'starters', LESSON));
  // a server that hangs
  copy(solutionDir, path.join(classDir, 'hangs', LESSON));
  fs.writeFileSync(path.join(classDir, 'hangs', LESSON, 'server.ts'), HANGING_SERVER);
  // starters, but the checks and package.json replaced to pass everything
  const cheat = path.join(classDir, 'replaced-tests');
  copy(lessonDir, path.join(cheat, 'lessons', LESSON));
  fs.writeFileSync(path.join(cheat, 'lessons', LESSON, '.checks', 'checks.ts'), "export default [{ id: 'free', title: { en: 'free', ko: 'free' }, run: async () => {} }];\n");
  fs.writeFileSync(path.join(cheat, 'package.json'), JSON.stringify({ scripts: { test: 'true', check: 'true' } }));
  fs.mkdirSync(path.join(classDir, 'empty'));
  fs.writeFileSync(path.join(classDir, 'stray.txt'), 'not a student\n');
});

function grade(out: string, extra: string[] = []) {
  return execa(process.execPath, ['--import', 'tsx', 'scripts/grade.ts', classDir, '--lessons', '1', '--out', out, ...extra], {
    cwd: COURSE_ROOT,
    reject: false,
    env: { NO_COLOR: '1', LANG: 'C.UTF-8', SOCKET_COURSE_TAG: TAG },
    timeout: 300_000,
  });
}

/** What is still alive of the graders' programs (nothing, after any run). */
function learnersLeft(): Promise<string[]> {
  return waitUntilNone(() => taggedProcesses(TAG));
}

describe('npm run grade', () => {
  test('grades the fixture class exactly, with every output, and leaves nothing running', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'grade-out-'));
    const r = await grade(out, ['--jobs', '2']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(fs.readFileSync(path.join(out, 'gradebook.csv'), 'utf8')).toBe(EXPECTED);
    expect(r.stdout).toContain('stray.txt is not a folder; ignored');
    // per-student feedback, Gradescope results and JUnit
    const alice = fs.readFileSync(path.join(out, 'feedback', `${studentFileName('hangs')}.md`), 'utf8');
    expect(alice).toContain('## lesson-01-hello-tcp');
    expect(alice).toContain('✗');
    // Each record keeps both languages, chosen when rendered: no English label in the Korean one,
    // and the particles fit the words put in (server.ts가, not server.ts이(가)).
    const record = JSON.parse(fs.readFileSync(path.join(out, '.records', studentFileName('hangs'), `${LESSON}.json`), 'utf8')) as { feedback: { ko: string } };
    expect(record.feedback.ko).toContain('내 서버');
    expect(record.feedback.ko).not.toMatch(/your server|your client/);
    expect(record.feedback.ko).not.toMatch(/이\(가\)|을\(를\)|은\(는\)|와\(과\)|\(으\)로/);
    expect(fs.readFileSync(path.join(out, 'feedback', `${studentFileName('empty')}.md`), 'utf8')).toContain('Not submitted');
    const gs = JSON.parse(fs.readFileSync(path.join(out, 'results', `${studentFileName('all-solutions')}.json`), 'utf8'));
    expect(gs.score).toBe(10);
    expect(gs.tests[0]).toMatchObject({ name: LESSON, score: 10, max_score: 10, status: 'passed' });
    const junit = fs.readFileSync(path.join(out, 'junit.xml'), 'utf8');
    expect(junit).toMatch(/<testsuite name="starters" tests="\d+" failures="\d+"/);
    expect(junit).toContain('<testsuite name="all-solutions"');
    expect(await learnersLeft()).toEqual([]);
  }, 300_000);

  test('a run killed half-way and continued with --resume ends with the same gradebook', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'grade-out-'));
    const first = grade(out, ['--jobs', '1']);
    // Wait for the first finished record, then kill the grader outright.
    const records = path.join(out, '.records');
    const end = Date.now() + 120_000;
    // Records written whole (a student's folder may exist before its first record is renamed in).
    const count = () => (fs.existsSync(records) ? (fs.readdirSync(records, { recursive: true }) as string[]).filter((f) => f.endsWith('.json')).length : 0);
    while (Date.now() < end && count() < 1) await new Promise((r) => setTimeout(r, 50));
    first.kill('SIGKILL');
    await first;
    const before = count();
    expect(before).toBeGreaterThanOrEqual(1);
    expect(before).toBeLessThan(5);
    const second = await grade(out, ['--jobs', '2', '--resume']);
    expect(second.exitCode, second.stderr).toBe(0);
    expect(second.stdout).toContain('from the earlier run');
    expect(fs.readFileSync(path.join(out, 'gradebook.csv'), 'utf8')).toBe(EXPECTED);
    expect(await learnersLeft()).toEqual([]);
  }, 300_000);

  test('bad input: no folder, a missing folder, a bad lesson list, a bad --jobs', async () => {
    const run = (args: string[]) => execa(process.execPath, ['--import', 'tsx', 'scripts/grade.ts', ...args], { cwd: COURSE_ROOT, reject: false });
    const none = await run([]);
    expect(none.exitCode).toBe(2);
    const missing = await run(['/no/such/class']);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('Submissions folder not found');
    const lessons = await run([classDir, '--lessons', '1,99']);
    expect(lessons.exitCode).toBe(2);
    expect(lessons.stderr).toContain('no lesson "99"');
    const jobs = await run([classDir, '--jobs', '0']);
    expect(jobs.exitCode).toBe(2);
    const inside = await run([classDir, '--out', path.join(classDir, 'grades')]);
    expect(inside.exitCode).toBe(2);
    expect(inside.stderr).toContain('is inside the submissions folder');
    const file = path.join(classDir, 'stray.txt');
    const onFile = await run([classDir, '--out', file]);
    expect(onFile.exitCode).toBe(2);
    expect(onFile.stderr).toContain('must be a folder');
    const unboxed = await execa(process.execPath, ['--import', 'tsx', 'scripts/grade.ts', classDir, '--out', fs.mkdtempSync(path.join(os.tmpdir(), 'grade-out-'))], {
      cwd: COURSE_ROOT,
      reject: false,
      env: { SOCKET_COURSE_SANDBOX: 'off' },
    });
    expect(unboxed.exitCode).toBe(2);
    expect(unboxed.stderr).toContain('No sandbox can be used here');
    expect(unboxed.stderr).toContain('--no-sandbox');
  }, 60_000);

  test('Ctrl-C: says which pairs were being graded and removes its temporary folders', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'grade-tmp-'));
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'grade-out-'));
    const grader = execa(process.execPath, ['--import', 'tsx', 'scripts/grade.ts', classDir, '--lessons', '1', '--out', out, '--jobs', '1'], {
      cwd: COURSE_ROOT,
      reject: false,
      env: { NO_COLOR: '1', LANG: 'C.UTF-8', SOCKET_COURSE_TAG: TAG, TMPDIR: tmp },
    });
    const end = Date.now() + 60_000;
    while (Date.now() < end && !fs.readdirSync(tmp).some((n) => n.startsWith('socket-course-build-'))) await new Promise((r) => setTimeout(r, 25));
    grader.kill('SIGINT');
    const r = await grader;
    expect(r.exitCode).toBe(130);
    expect(r.stderr).toMatch(/Interrupted\. Being graded then, not recorded: \S+ lesson-01\./);
    expect(fs.readdirSync(tmp).filter((n) => n.startsWith('socket-course-'))).toEqual([]); // tsx keeps its own cache there
    expect(await learnersLeft()).toEqual([]);
  }, 120_000);
});

describe('npm run grade -- --lang ko', () => {
  // The language is chosen when feedback is written, never while the checks run: a Korean
  // gradebook must not carry the English labels of programs and peers.
  test('writes Korean feedback with no English label in it', async () => {
    const small = fs.mkdtempSync(path.join(os.tmpdir(), 'class-ko-'));
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'grade-out-ko-'));
    try {
      copy(path.join(classDir, 'hangs'), path.join(small, 'hangs'));
      const r = await execa(process.execPath, ['--import', 'tsx', 'scripts/grade.ts', small, '--lessons', '1', '--out', out, '--lang', 'ko'], {
        cwd: COURSE_ROOT,
        reject: false,
        env: { NO_COLOR: '1', LANG: 'C.UTF-8', SOCKET_COURSE_TAG: TAG },
        timeout: 300_000,
      });
      expect(r.exitCode, r.stderr).toBe(0);
      const feedback = fs.readFileSync(path.join(out, 'feedback', `${studentFileName('hangs')}.md`), 'utf8');
      expect(feedback).toContain('내 서버');
      const english = ['your server', 'your client', 'checker (client)', '(checker)', 'Python client', 'Java client', 'Expected:', 'Got:', 'Cause:', 'printed'];
      expect(english.filter((w) => feedback.includes(w))).toEqual([]);
      expect(await learnersLeft()).toEqual([]);
    } finally {
      fs.rmSync(small, { recursive: true, force: true });
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('a fault in the course itself', () => {
  test('is recorded as that pair\'s checker-error, and the run goes on', async () => {
    const real = loadLesson(LESSON);
    const broken = { ...real, checksFile: path.join(COURSE_ROOT, 'test', 'fixtures', 'broken-checks', 'checks.ts') };
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'grade-out-'));
    const run = await gradeClass({ classDir, lessons: [broken], jobs: 2, out, resume: false });
    const statuses = run.book.students.map((s) => run.book.records.get(s)!.get(LESSON)!.status);
    expect(statuses).toContain('checker-error');
    expect(statuses.filter((s) => s === 'checker-error')).toHaveLength(4); // the four with files to check
    const record = run.book.records.get('all-solutions')!.get(LESSON)!;
    expect(record.feedback.en).toContain('a bug in the checks');
    expect(record.feedback.en).toContain("not the student's fault");
  }, 60_000);
});
