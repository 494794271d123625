/**
 * The learner's workflow commands as a learner types them, on a fresh clone of the course:
 * the progress overview, hint, reset and watch — in both languages, with bad input answered
 * with a clear message and a non-zero exit.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, test } from 'vitest';
import { COURSE_ROOT } from '../src/paths.ts';
import { listLessonNames } from '../src/lessons.ts';

let clone: string;
let state: string;
const LESSON = 'lessons/lesson-01-hello-tcp';

function run(script: string, args: string[], env: Record<string, string> = {}) {
  // As npm runs it (package.json): the course's bundle, plain node.
  return execa(process.execPath, ['scripts/run.mjs', script, ...args], {
    cwd: clone,
    reject: false,
    env: { NO_COLOR: '1', LANG: 'C.UTF-8', SOCKET_COURSE_STATE: state, ...env },
    timeout: 120_000,
  });
}

/**
 * The engine, commands, tests and checks of this working tree over the clone, so the commands
 * tested are the ones being changed; the lessons' starter files stay as committed, as a
 * learner's fresh clone has them.
 */
function overlayEngine(): void {
  for (const p of ['src', 'scripts', 'test', 'solutions', 'package.json', 'vitest.config.ts', 'tsconfig.json']) {
    fs.cpSync(path.join(COURSE_ROOT, p), path.join(clone, p), { recursive: true });
  }
  for (const name of fs.readdirSync(path.join(COURSE_ROOT, 'lessons'))) {
    for (const p of ['.checks', 'lesson.json']) {
      const from = path.join(COURSE_ROOT, 'lessons', name, p);
      if (fs.existsSync(from)) fs.cpSync(from, path.join(clone, 'lessons', name, p), { recursive: true });
    }
  }
}

beforeAll(async () => {
  clone = fs.mkdtempSync(path.join(os.tmpdir(), 'course-clone-'));
  await execa('git', ['clone', '-q', COURSE_ROOT, clone]);
  overlayEngine();
  fs.symlinkSync(path.join(COURSE_ROOT, 'node_modules'), path.join(clone, 'node_modules'), 'junction');
  state = fs.mkdtempSync(path.join(os.tmpdir(), 'course-state-'));
}, 60_000);

describe('the commands run from a bundle of the checkout', () => {
  test('rebuilt when a source changes, so what runs is always the checkout\'s own code', async () => {
    const builds = () => (fs.existsSync(path.join(clone, '.course', 'build')) ? fs.readdirSync(path.join(clone, '.course', 'build')).filter((d) => !d.startsWith('tmp-')) : []);
    const first = await run('check', ['--help']);
    expect(first.exitCode, first.stderr).toBe(0);
    expect(first.stdout).toContain('Usage: npm run check');
    const before = builds();
    expect(before.length).toBe(1);
    const again = await run('check', ['--help']);
    expect(again.exitCode).toBe(0);
    expect(builds()).toEqual(before); // unchanged sources: the same bundle
    const script = path.join(clone, 'scripts', 'check.ts');
    const original = fs.readFileSync(script, 'utf8');
    try {
      fs.writeFileSync(script, original.replace('Usage: npm run check', 'Usage (edited): npm run check'));
      const edited = await run('check', ['--help']);
      expect(edited.stdout).toContain('Usage (edited): npm run check');
      expect(builds().length).toBe(2);
    } finally {
      fs.writeFileSync(script, original);
    }
  });
});

describe('npm run hint', () => {
  test('shows the next hint each time, remembers, and says when there are no more', async () => {
    const first = await run('hint', ['lesson-01']);
    expect(first.stdout).toMatch(/^Hint 1 of \d+:/);
    const second = await run('hint', ['1', '--lang', 'ko']);
    expect(second.stdout).toMatch(/^힌트 2\/\d+:/);
    const all = await run('hint', ['lesson-01', '--all']);
    expect(all.stdout.match(/^Hint \d+ of/gm)!.length).toBeGreaterThanOrEqual(3);
    const past = await run('hint', ['lesson-01']);
    expect(past.exitCode).toBe(0);
    expect(past.stdout).toContain('No more hints');
  });

  test('bad input: no lesson, an unknown lesson', async () => {
    expect((await run('hint', [])).exitCode).toBe(2);
    const unknown = await run('hint', ['lesson-77']);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain('Unknown lesson');
  });
});

describe('npm run reset', () => {
  test('restores the starter after a change, keeping a backup it names; with no changes says so', async () => {
    const file = path.join(clone, LESSON, 'server.ts');
    const starter = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, '// my work in progress\n');
    const refused = await run('reset', ['lesson-01']); // no terminal to ask, no --yes
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('--yes');
    expect(fs.readFileSync(file, 'utf8')).toBe('// my work in progress\n'); // nothing lost
    const done = await run('reset', ['lesson-01', '--yes']);
    expect(done.exitCode).toBe(0);
    expect(fs.readFileSync(file, 'utf8')).toBe(starter);
    const backup = /Your files are in (\S+)\./.exec(done.stdout)![1]!;
    expect(fs.readFileSync(path.resolve(clone, backup, 'server.ts'), 'utf8')).toBe('// my work in progress\n');
    const again = await run('reset', ['lesson-01', '--yes', '--lang', 'ko']);
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toContain('되돌릴 것이 없습니다');
  });

  test('bad input: an unknown lesson', async () => {
    expect((await run('reset', ['nope', '--yes'])).exitCode).toBe(2);
  });

  test('a deleted lesson file: check says how to get the starter back', async () => {
    const file = path.join(clone, 'lessons/lesson-04-line-protocol/server.ts');
    const starter = fs.readFileSync(file);
    fs.rmSync(file);
    const r = await run('check', ['lesson-04']);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('To get the starter back: npm run reset lesson-04');
    fs.writeFileSync(file, starter);
  });

  test('through npm, --yes before "--" is honoured; the hints start over from the first', async () => {
    await run('hint', ['lesson-02']);
    await run('hint', ['lesson-02']);
    const file = path.join(clone, 'lessons/lesson-02-endpoints/server.ts');
    const starter = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, '// begun\n');
    const r = await execa('npm', ['run', '--silent', 'reset', 'lesson-02', '--yes'], { cwd: clone, reject: false, env: { NO_COLOR: '1', LANG: 'C.UTF-8', SOCKET_COURSE_STATE: state }, timeout: 60_000 });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(fs.readFileSync(file, 'utf8')).toBe(starter);
    expect(r.stdout).toContain('The hints start again from the first.');
    expect((await run('hint', ['lesson-02'])).stdout).toMatch(/^Hint 1 of/);
  });
});

describe('npm run check with no lesson: the progress overview', () => {
  test('stops at the first unfinished lesson with its first failure; passed lessons are not re-run', async () => {
    const first = await run('check', []);
    expect(first.exitCode).toBe(1);
    expect(first.stdout).toMatch(/→ lesson-01-hello-tcp .* — not started \(~\d+ min\)/); // untouched: not a failure
    expect(first.stdout).toContain(`0 of ${listLessonNames().length} lessons passed.`);
    expect(first.stdout).toContain('Next: lesson-01-hello-tcp');
    // begin lesson 01 wrongly: now it is checked, and fails
    fs.appendFileSync(path.join(clone, LESSON, 'client.ts'), '\n// begun\n');
    const begun = await run('check', []);
    expect(begun.stdout).toMatch(/✗ lesson-01-hello-tcp .* — failing/);
    expect(begun.stdout).toContain('Next: lesson-01-hello-tcp. First failure:');
    // finish lesson 01
    for (const f of ['server.ts', 'client.ts']) fs.copyFileSync(path.join(clone, 'solutions/lesson-01-hello-tcp', f), path.join(clone, LESSON, f));
    const passed = await run('check', ['lesson-01']);
    expect(passed.stdout).toContain('Compare your files with the reference solution in solutions/lesson-01-hello-tcp/.');
    expect(passed.stdout).toContain('Next: lesson-02-endpoints — read lessons/lesson-02-endpoints/README.md, then run: npm run check lesson-02');
    const second = await run('check', []);
    expect(second.stdout).toMatch(/✓ lesson-01-hello-tcp .* — passed/);
    expect(second.stdout).toMatch(/→ lesson-02-endpoints .* — not started/);
    expect(second.stdout).toMatch(/· lesson-03-echo-stream .* — not started/);
    expect(second.stdout).toContain(`1 of ${listLessonNames().length} lessons passed.`);
    const progress = () => JSON.parse(fs.readFileSync(path.join(state, 'progress.json'), 'utf8')).lessons['lesson-01-hello-tcp'].at;
    const passedAt = progress();
    const third = await run('check', ['--lang', 'ko']);
    expect(third.stdout).toContain('진행 상황');
    expect(progress()).toBe(passedAt); // unchanged files: lesson 01 was not checked again
  }, 180_000);
});

describe('npm run watch', () => {
  test('checks at start, once more for a burst of saves, and Ctrl-C leaves nothing running', async () => {
    const watch = run('watch', ['lesson-01']);
    const output = () => watch.stdout as unknown as string;
    let text = '';
    watch.stdout!.on('data', (d: Buffer) => (text += d.toString()));
    const waitFor = async (pred: () => boolean, ms: number) => {
      const end = Date.now() + ms;
      while (Date.now() < end && !pred()) await new Promise((r) => setTimeout(r, 100));
      return pred();
    };
    const runs = () => (text.match(/checking lessons\/lesson-01-hello-tcp/g) ?? []).length;
    const watching = () => (text.match(/Watching server\.ts, client\.ts/g) ?? []).length;
    expect(await waitFor(() => watching() >= 1, 60_000)).toBe(true);
    expect(runs()).toBe(1);
    const file = path.join(clone, LESSON, 'client.ts');
    const body = fs.readFileSync(file, 'utf8');
    for (let i = 0; i < 3; i++) fs.writeFileSync(file, `${body}\n// save ${i}\n`); // three quick saves
    expect(await waitFor(() => watching() >= 2, 60_000)).toBe(true);
    expect(runs()).toBe(2);
    expect(text).toMatch(/── run 2, \d\d:\d\d:\d\d ─+\n/); // a separator between runs
    for (let i = 3; i < 5; i++) fs.writeFileSync(file, `${body}\n// save ${i}\n`);
    expect(await waitFor(() => runs() >= 3, 30_000)).toBe(true);
    watch.kill('SIGINT'); // while the third run is going
    const r = await watch;
    expect(r.exitCode).toBe(130);
    expect(watching()).toBe(2); // no "Watching…" after Ctrl-C
    void output;
  }, 180_000);
});

describe('npm test after a learner has done a lesson', () => {
  test('"the untouched starter fails" still passes: it tests the starter as committed, not the learner\'s files', async () => {
    for (const f of ['server.ts', 'client.ts']) fs.copyFileSync(path.join(clone, 'solutions/lesson-01-hello-tcp', f), path.join(clone, LESSON, f));
    const vitest = path.join(clone, 'node_modules', 'vitest', 'vitest.mjs');
    const r = await execa(process.execPath, [vitest, 'run', 'test/lessons/lesson-01-hello-tcp.test.ts', '-t', 'the untouched starter fails'], {
      cwd: clone,
      reject: false,
      env: { NO_COLOR: '1', CI: '1' },
      timeout: 120_000,
    });
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/1 passed/);
    expect(r.stderr).not.toContain('testing the working files'); // the clone is a git checkout
  }, 150_000);
});
