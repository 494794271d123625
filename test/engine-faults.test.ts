/**
 * The engine under faults. Each program below misbehaves in one way; each must give a clear
 * failure in bounded time, and afterwards no process it started may be alive and no port it
 * listened on may still accept connections. Also: the checker itself interrupted (Ctrl-C) or
 * killed outright leaves nothing behind.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, test } from 'vitest';
import { loadLesson } from '../src/lessons.ts';
import { runLesson, type LessonResult } from '../src/checks/run-lesson.ts';
import { liveCount } from '../src/runner/cleanup.ts';
import { COURSE_ROOT } from '../src/paths.ts';
import { isAlive } from './support/alive.ts';

const FAULTS = path.join(COURSE_ROOT, 'test', 'fixtures', 'faults');
const lesson = loadLesson('lesson-01-hello-tcp');

function pidFile(fault: string, name = 'pid.txt'): number | undefined {
  const f = path.join(FAULTS, fault, name);
  return fs.existsSync(f) ? Number(fs.readFileSync(f, 'utf8')) : undefined;
}

async function gone(pid: number | undefined, ms = 3000): Promise<boolean> {
  if (pid === undefined) return true;
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !isAlive(pid);
}

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ port, host: '127.0.0.1' });
    s.once('connect', () => {
      s.destroy();
      resolve(false);
    });
    s.once('error', () => resolve(true));
  });
}

/** Runs lesson 01's first server scenario against a faulty server.ts. */
async function runFault(fault: string, limits: Partial<typeof lesson.manifest.limits> = {}): Promise<{ r: LessonResult; ms: number; reason?: string; output: string }> {
  for (const f of ['pid.txt', 'child-pid.txt']) fs.rmSync(path.join(FAULTS, fault, f), { force: true });
  const started = Date.now();
  const limited = { ...lesson, manifest: { ...lesson.manifest, limits: { ...lesson.manifest.limits, ...limits } } };
  const r = await runLesson(limited, path.join(FAULTS, fault), { lang: 'en', only: (s) => s.id === 'server-answers-a-line' });
  const s = r.scenarios[0];
  return { r, ms: Date.now() - started, reason: s?.failure?.reason, output: s?.programs.flatMap((p) => p.tail).join('\n') ?? '' };
}

afterAll(() => {
  expect(liveCount()).toBe(0); // nothing the engine started is still tracked as running
});

describe.concurrent('a learner program that misbehaves', () => {
  test('hangs (never answers): no-reply, bounded, process gone, port free', async () => {
    const { r, ms, reason } = await runFault('hangs');
    expect(reason).toBe('no-reply');
    expect(ms).toBeLessThan(15_000);
    expect(await gone(pidFile('hangs'))).toBe(true);
    const port = r.scenarios[0]!.programs[0]!.listens[0]!.port;
    expect(await refused(port)).toBe(true); // nothing holds its port any more
  });

  test('crashes at start: the report shows the learner file and line', async () => {
    const { reason, output } = await runFault('crashes-at-start');
    expect(reason).toBe('exited-before-listening');
    expect(output).toContain('boom at start');
    expect(output).toMatch(/server\.ts:3:\d+/); // source-mapped to the .ts line
  });

  test('has a TypeScript syntax error: compile-error with file, line and column; nothing started', async () => {
    const { r } = await runFault('syntax-error');
    expect(r.status).toBe('compile-error');
    expect(r.compileError!.file).toMatch(/syntax-error[\\/]server\.ts$/);
    expect(r.compileError!.line).toBeGreaterThan(0);
    expect(r.scenarios).toEqual([]);
  });

  test('never listens: server-never-listened within the readiness limit, process gone', async () => {
    const { ms, reason } = await runFault('never-listens');
    expect(reason).toBe('server-never-listened');
    expect(ms).toBeLessThan(15_000);
    expect(await gone(pidFile('never-listens'))).toBe(true);
  });

  test('ignores PORT: ignored-port', async () => {
    const { reason } = await runFault('ignores-port');
    expect(reason).toBe('ignored-port');
    expect(await gone(pidFile('ignores-port'))).toBe(true);
  });

  test('prints without end: stopped at the output limit', async () => {
    // A low limit keeps the test quick: a loaded machine drains pipes slowly.
    const { reason, ms } = await runFault('prints-forever', { outputBytes: 32 * 1024 });
    expect(reason).toBe('output-limit');
    expect(ms).toBeLessThan(15_000);
  });

  test('allocates without end (Buffers, outside the V8 heap): stopped at the memory limit', async () => {
    // A low limit keeps the test quick: filling memory is slow on a loaded machine.
    const { reason, ms } = await runFault('allocates-forever', { rssMiB: 160 });
    expect(reason).toBe('memory-limit');
    expect(ms).toBeLessThan(15_000);
    expect(await gone(pidFile('allocates-forever'))).toBe(true);
  });

  test('ignores SIGTERM: still stopped, nothing left', async () => {
    const { reason } = await runFault('ignores-sigterm');
    expect(reason).toBe('no-reply');
    expect(await gone(pidFile('ignores-sigterm'))).toBe(true);
  });

  test('starts a child process of its own: the child is stopped too', async () => {
    const { reason } = await runFault('starts-a-child');
    expect(reason).toBe('no-reply');
    expect(await gone(pidFile('starts-a-child'))).toBe(true);
    expect(await gone(pidFile('starts-a-child', 'child-pid.txt'))).toBe(true);
  });
});

describe('the checker itself interrupted', () => {
  async function startCheckerOnHang(fault: string) {
    for (const f of ['pid.txt', 'child-pid.txt']) fs.rmSync(path.join(FAULTS, fault, f), { force: true });
    const checker = execa(process.execPath, ['--import', 'tsx', 'scripts/check.ts', 'lesson-01', '--dir', path.join(FAULTS, fault)], {
      cwd: COURSE_ROOT,
      reject: false,
      env: { NO_COLOR: '1' },
    });
    // Wait until the learner program (and its child) are up.
    const end = Date.now() + 20_000;
    while (Date.now() < end && (pidFile(fault) === undefined || pidFile(fault, 'child-pid.txt') === undefined)) {
      await new Promise((r) => setTimeout(r, 50));
    }
    return { checker }; // wrapped: an execa result is a promise, and returning it would await it
  }

  test('Ctrl-C (SIGINT): exits 130 and leaves no learner process', async () => {
    const { checker } = await startCheckerOnHang('starts-a-child');
    const learner = pidFile('starts-a-child');
    const child = pidFile('starts-a-child', 'child-pid.txt');
    expect(learner).toBeDefined();
    checker.kill('SIGINT');
    const result = await checker;
    expect(result.exitCode).toBe(130);
    expect(await gone(learner)).toBe(true);
    expect(await gone(child)).toBe(true);
  }, 60_000);

  test('killed outright (SIGKILL): its learner programs notice and end themselves', async () => {
    const { checker } = await startCheckerOnHang('starts-a-child');
    const learner = pidFile('starts-a-child');
    const child = pidFile('starts-a-child', 'child-pid.txt');
    checker.kill('SIGKILL');
    await checker;
    expect(await gone(learner, 5000)).toBe(true);
    expect(await gone(child, 5000)).toBe(true);
  }, 60_000);
});
