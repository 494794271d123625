/**
 * `npm run check` as a person types it: right answers, and for bad input a clear message and
 * a non-zero exit (2 for a usage error, 1 for a failed check), in English and Korean, with
 * colour only where asked for.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import stringWidth from 'string-width';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { COURSE_ROOT } from '../src/paths.ts';
import { loadLesson } from '../src/lessons.ts';
import { listVariants, materialize } from './support/variants.ts';
import { committedStarters, type Starters } from './support/starters.ts';

const ESC = '\u001b[';

function check(args: string[], env: Record<string, string> = {}) {
  return execa(process.execPath, ['scripts/run.mjs', 'check', ...args], {
    cwd: COURSE_ROOT,
    reject: false,
    env: { NO_COLOR: '', FORCE_COLOR: '', LANG: 'C.UTF-8', LC_ALL: '', ...env },
    extendEnv: true,
    timeout: 90_000,
  });
}

// Lesson 01's starter as committed, so these tests do not depend on the learner's work in lessons/.
let starter: Starters;
const starters = {} as { lesson04: Starters };
beforeAll(() => {
  starter = committedStarters(loadLesson('lesson-01-hello-tcp'));
  starters.lesson04 = committedStarters(loadLesson('lesson-04-line-protocol'));
});
afterAll(() => {
  starter.dispose();
  starters.lesson04.dispose();
});

function npm(args: string[]) {
  return execa('npm', ['run', '--silent', ...args], { cwd: COURSE_ROOT, reject: false, env: { NO_COLOR: '1', LANG: 'C.UTF-8', LC_ALL: '' }, timeout: 90_000 });
}

describe.concurrent('npm run check', () => {
  test('as typed, through npm: the solution passes with exit 0', async () => {
    const r = await execa('npm', ['run', '--silent', 'check', 'lesson-01', '--', '--solution'], { cwd: COURSE_ROOT, reject: false, timeout: 90_000 });
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('Lesson passed!');
  });

  // npm keeps flags typed before "--" for itself and passes them as npm_config_<flag>.
  test('through npm without "--": --solution and --lang ko are honoured, with a tip on how to type them', async () => {
    const r = await npm(['check', 'lesson-01', '--solution', '--lang', 'ko']);
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('레슨 통과!');
    expect(r.stderr).toContain('npm run check lesson-01 -- --lang ko --solution');
  });

  test('through npm without "--": a flag whose value npm dropped is answered with exactly what to type', async () => {
    const r = await npm(['check', 'lesson-01', '--dir', 'test/fixtures/faults/syntax-error']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('npm run check -- lesson-01 --dir test/fixtures/faults/syntax-error');
    const bogus = await check(['lesson-01', '--bogus']);
    expect(bogus.stderr).toContain('npm run check -- --help'); // what npm itself lets through
  });

  test('the untouched starter fails with exit 1 and says what to do', async () => {
    const r = await check(['lesson-01', '--dir', starter.dir]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('✗');
    expect(r.stdout).toContain('Fix the first failure above');
  });

  test('an unknown lesson: exit 2, and the lessons are listed', async () => {
    const r = await check(['lesson-99']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('Unknown lesson "lesson-99"');
    expect(r.stderr).toContain('lesson-01-hello-tcp');
  });

  test('lessons can be named by number, padded number or slug', async () => {
    for (const name of ['1', '01', 'hello-tcp', 'lesson-01-hello-tcp']) {
      const r = await check([name, '--help']);
      expect(r.exitCode, name).toBe(0);
    }
  });

  test('--solution without a lesson: exit 2 with usage (with no lesson at all, the progress overview runs)', async () => {
    const r = await check(['--solution']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('npm run check lesson-01 -- --solution');
  });

  test('an unknown flag: exit 2, naming the flag', async () => {
    const r = await check(['lesson-01', '--bogus']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('Unknown option --bogus');
  });

  test('a folder that does not exist: exit 2, naming it', async () => {
    const r = await check(['lesson-01', '--dir', '/no/such/folder']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('Folder not found: /no/such/folder');
  });

  test('a folder without the lesson files: exit 1, naming the missing files', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'empty-'));
    const r = await check(['lesson-01', '--dir', dir]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('Missing file(s)');
    expect(r.stdout).toContain('server.ts');
    fs.rmSync(dir, { recursive: true });
  });

  test('a syntax error: exit 1, file:line:column and the line, nothing started', async () => {
    const r = await check(['lesson-01', '--dir', 'test/fixtures/faults/syntax-error']);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/syntax-error[\\/]server\.ts:\d+:\d+ does not compile/);
  });

  test('--only runs one check; a wrong id lists the ids', async () => {
    const r = await check(['lesson-01', '--solution', '--only', 'client-sends-and-prints']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('1 of 1 checks passed');
    expect(r.stdout).toContain('Run without --only to check the whole lesson.');
    const wrong = await check(['lesson-01', '--solution', '--only', 'nope']);
    expect(wrong.exitCode).toBe(2);
    expect(wrong.stderr).toContain('has no check "nope"');
    expect(wrong.stderr).toContain('  server-answers-a-line');
  });

  test('--bail stops at the first failure', async () => {
    const r = await check(['lesson-04', '--dir', starters.lesson04.dir, '--bail']);
    expect(r.exitCode).toBe(1);
    expect(r.stdout.match(/^ {2}✗/gm)).toHaveLength(1);
    expect(r.stdout).toMatch(/Stopped at the first failure \(--bail\): \d+ more not run\./);
  });

  test('the lesson 04 starter: one mistake is explained once, its repeats in a line each', async () => {
    const r = await check(['lesson-04', '--dir', starters.lesson04.dir]);
    expect(r.exitCode).toBe(1);
    const repeats = r.stdout.match(/\(explained above\)/g) ?? [];
    expect(repeats.length).toBeGreaterThan(3);
    expect(r.stdout.split('\n').length).toBeLessThan(120);
  });

  test('type errors are a warning, not a failure', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'typed-'));
    for (const f of ['server.ts', 'client.ts']) fs.copyFileSync(path.join(COURSE_ROOT, 'solutions/lesson-01-hello-tcp', f), path.join(dir, f));
    const server = path.join(dir, 'server.ts');
    fs.writeFileSync(server, fs.readFileSync(server, 'utf8').replace('const PORT = Number(', 'const PORT: string = Number('));
    const r = await check(['lesson-01', '--dir', dir]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/Warning: \d+ type errors? in your files/);
    expect(r.stdout).toMatch(/server\.ts:\d+:\d+ Type 'number' is not assignable to type 'string'\. \(TS2322\)/);
    fs.rmSync(dir, { recursive: true });
  });

  test('an import that cannot be found is not called a syntax error', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-'));
    for (const f of ['server.ts', 'client.ts']) fs.copyFileSync(path.join(COURSE_ROOT, 'solutions/lesson-01-hello-tcp', f), path.join(dir, f));
    fs.writeFileSync(path.join(dir, 'client.ts'), `import chalk from 'chalk';\nconsole.log(chalk);\n${fs.readFileSync(path.join(dir, 'client.ts'), 'utf8')}`);
    const r = await check(['lesson-01', '--dir', dir]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('The import "chalk" cannot be found');
    expect(r.stdout).not.toContain('syntax error');
    fs.rmSync(dir, { recursive: true });
  });

  test('--solution and --dir together: exit 2', async () => {
    const r = await check(['lesson-01', '--solution', '--dir', '.']);
    expect(r.exitCode).toBe(2);
  });

  test('--lang with an unknown language: exit 2', async () => {
    const r = await check(['lesson-01', '--lang', 'fr']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('--lang must be en or ko');
  });

  test('Korean with --lang ko, and from a Korean LANG', async () => {
    const flag = await check(['lesson-01', '--solution', '--lang', 'ko']);
    expect(flag.stdout).toContain('레슨 통과!');
    const env = await check(['lesson-99'], { LANG: 'ko_KR.UTF-8' });
    expect(env.stderr).toContain('레슨이 없습니다');
  });

  test('plain text when output is captured or NO_COLOR is set; colour when FORCE_COLOR asks', async () => {
    const plain = await check(['lesson-01', '--dir', starter.dir]);
    expect(plain.stdout).not.toContain(ESC);
    const noColor = await check(['lesson-01', '--dir', starter.dir], { NO_COLOR: '1', FORCE_COLOR: '1' });
    expect(noColor.stdout).not.toContain(ESC);
    const forced = await check(['lesson-01', '--dir', starter.dir], { FORCE_COLOR: '1' });
    expect(forced.stdout).toContain(ESC);
  });

  test('sequence diagrams fit 80 columns, in both languages', async () => {
    const lesson = loadLesson('lesson-01-hello-tcp');
    const variant = listVariants(lesson.dir).find((v) => v.name === 'waits-for-newline')!;
    const copy = materialize(lesson, variant);
    for (const lang of ['en', 'ko']) {
      const r = await check(['lesson-01', '--dir', copy.dir, '--lang', lang]);
      const diagram = r.stdout.split('\n').filter((l) => /│.*│/.test(l));
      expect(diagram.length, lang).toBeGreaterThan(0);
      expect(diagram.filter((l) => stringWidth(l) > 80), lang).toEqual([]);
    }
    copy.dispose();
  });
});
