/**
 * The engine under faults. Each program below misbehaves in one way; each must give a clear
 * failure in bounded time, and afterwards no process it started may be alive and no port it
 * listened on may still accept connections. Also: the checker itself interrupted (Ctrl-C) or
 * killed outright leaves nothing behind.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, test } from 'vitest';
import { loadLesson } from '../src/lessons.ts';
import { runLesson, type LessonResult } from '../src/checks/run-lesson.ts';
import { liveCount } from '../src/runner/cleanup.ts';
import { COURSE_ROOT } from '../src/paths.ts';
import { sandboxAvailable } from '../src/runner/sandbox.ts';
import { RUN_TAG } from '../src/runner/process.ts';
import { hasJava } from '../src/checks/interop.ts';
import { processesWith, taggedProcesses, waitUntilNone } from './support/alive.ts';

const FAULTS = path.join(COURSE_ROOT, 'test', 'fixtures', 'faults');
const lesson = loadLesson('lesson-01-hello-tcp');
const boxed = sandboxAvailable();

/**
 * What is left of a fault's run: its compiled program (its build folder is named after the
 * fixture, and bwrap's own command line names it too) and any child the fixture marked.
 */
function leftovers(fault: string, ms = 5000): Promise<string[]> {
  return waitUntilNone(() => [...processesWith(`socket-course-build-${fault}-`), ...processesWith(`fixture:${fault}`)], ms);
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

/**
 * A lesson 01 folder for a fault: its faulty server.ts beside the reference client. The folder
 * is named after the fault, and so is the build (`socket-course-build-<fault>-…`).
 */
function faultFolder(fault: string): string {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'faults-')), fault);
  fs.mkdirSync(dir);
  fs.copyFileSync(path.join(FAULTS, fault, 'server.ts'), path.join(dir, 'server.ts'));
  fs.copyFileSync(path.join(lesson.solutionDir, 'client.ts'), path.join(dir, 'client.ts'));
  return dir;
}

/** Runs lesson 01's first server scenario against a faulty server.ts. */
async function runFault(fault: string, limits: Partial<typeof lesson.manifest.limits> = {}): Promise<{ r: LessonResult; ms: number; reason?: string; summary?: string; output: string }> {
  const started = Date.now();
  const limited = { ...lesson, manifest: { ...lesson.manifest, limits: { ...lesson.manifest.limits, ...limits } } };
  const r = await runLesson(limited, faultFolder(fault), { lang: 'en', only: (s) => s.id === 'server-answers-a-line' });
  const s = r.scenarios[0];
  return { r, ms: Date.now() - started, reason: s?.failure?.reason, summary: s?.failure?.summary.en, output: s?.programs.flatMap((p) => p.tail).join('\n') ?? '' };
}

/**
 * Bounded, not quick: a fault that hangs would never end (the test's own limit would stop it);
 * one that ends within three times the scenario's own limit (build, wait, teardown) is bounded,
 * however loaded the machine (three test files at once on 2 cores: 16.7 s, where 15 s was the
 * old fixed bound).
 */
function expectBounded(ms: number): void {
  expect(ms).toBeLessThan(3 * lesson.manifest.limits.scenarioMs);
}

afterAll(async () => {
  expect(liveCount()).toBe(0); // nothing the engine started is still tracked as running
  expect(await waitUntilNone(() => taggedProcesses(RUN_TAG))).toEqual([]); // nor alive at all
});

describe.concurrent('a learner program that misbehaves', () => {
  test('hangs (never answers): no-reply, bounded, process gone, port free', async () => {
    const { r, ms, reason } = await runFault('hangs');
    expect(reason).toBe('no-reply');
    expectBounded(ms);
    expect(await leftovers('hangs')).toEqual([]);
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
    expectBounded(ms);
    expect(await leftovers('never-listens')).toEqual([]);
  });

  test('ignores PORT: ignored-port', async () => {
    const { reason } = await runFault('ignores-port');
    expect(reason).toBe('ignored-port');
    expect(await leftovers('ignores-port')).toEqual([]);
  });

  test('prints without end: stopped at the output limit', async () => {
    // A low limit keeps the test quick: a loaded machine drains pipes slowly.
    const { reason, ms } = await runFault('prints-forever', { outputBytes: 32 * 1024 });
    expect(reason).toBe('output-limit');
    expectBounded(ms);
  });

  test('allocates without end (Buffers, outside the V8 heap): stopped at the memory limit', async () => {
    // A low limit keeps the test quick: filling memory is slow on a loaded machine.
    const { reason, ms } = await runFault('allocates-forever', { rssMiB: 160 });
    expect(reason).toBe('memory-limit');
    expectBounded(ms);
    expect(await leftovers('allocates-forever')).toEqual([]);
  });

  test('ignores SIGTERM: still stopped, nothing left', async () => {
    const { reason } = await runFault('ignores-sigterm');
    expect(reason).toBe('no-reply');
    expect(await leftovers('ignores-sigterm')).toEqual([]);
  });

  test('starts a child process of its own: the child is stopped too', async () => {
    const { reason } = await runFault('starts-a-child');
    expect(reason).toBe('no-reply');
    expect(await leftovers('starts-a-child')).toEqual([]);
  });

  test('a child holds the memory, not the program: the limit counts the whole tree', async () => {
    const { reason, summary } = await runFault('child-holds-memory', { rssMiB: 200 });
    expect(reason).toBe('memory-limit');
    expect(summary).toMatch(/used [\d.]+ MB of memory \(with every process it started\); the limit is 209\.7 MB/);
    expect(await leftovers('child-holds-memory')).toEqual([]);
  });

  test('starts processes without end: stopped at the process limit, all of them gone', async () => {
    const { reason, summary } = await runFault('starts-processes-without-end', { processes: 12 });
    expect(reason).toBe('process-limit');
    expect(summary).toMatch(/the limit is 12/);
    expect(await leftovers('starts-processes-without-end')).toEqual([]);
  });
});

describe.runIf(boxed).concurrent('a program that tries to get out of its box (bubblewrap present)', () => {
  test('children in a new session, detached, double-forked: all gone with the check', async () => {
    const { reason } = await runFault('escapes-its-group');
    expect(reason).toBe('no-reply');
    expect(await leftovers('escapes-its-group')).toEqual([]);
  });

  test('a child that kills the program and lives on: gone too', async () => {
    const { r } = await runFault('child-kills-its-parent');
    expect(r.status).toBe('fail');
    expect(await leftovers('child-kills-its-parent')).toEqual([]);
  });

  test('a child left behind by a program that already ended: gone with it', async () => {
    const { reason } = await runFault('exits-leaving-a-child');
    expect(reason).toBe('exited-before-listening');
    expect(await leftovers('exits-leaving-a-child')).toEqual([]);
  });

  test('sees neither the checker, the course, nor other runs; writes nowhere but its own /tmp', async () => {
    const probe = fs.mkdtempSync(path.join(os.tmpdir(), 'looks-around-'));
    try {
      fs.writeFileSync(path.join(probe, 'server.ts'), lookAround(probe));
      fs.copyFileSync(path.join(lesson.solutionDir, 'client.ts'), path.join(probe, 'client.ts'));
      const r = await runLesson(lesson, probe, { lang: 'en', only: (s) => s.id === 'server-answers-a-line' });
      const seen = JSON.parse(r.scenarios[0]!.programs[0]!.tail.find((l) => l.startsWith('{'))!) as Record<string, unknown>;
      expect(seen).toEqual({
        courseChecks: false,
        solutions: false,
        ownSource: false,
        otherBuilds: [],
        checkerVisible: false,
        pidsVisible: [1, 2],
        wroteChecks: 'ENOENT',
        wroteSystem: 'EROFS',
        wroteOwnTmp: true,
        home: '/tmp',
      });
      expect(fs.readFileSync(lesson.checksFile, 'utf8')).not.toContain('HACKED');
    } finally {
      fs.rmSync(probe, { recursive: true, force: true });
    }
  });
});

/** A server that reports what it can see and touch from inside its box, then serves nothing. */
function lookAround(ownFolder: string): string {
  const checks = JSON.stringify(lesson.checksFile);
  return `import fs from 'node:fs';
import net from 'node:net';
const tryWrite = (f: string) => { try { fs.writeFileSync(f, '// HACKED'); return true; } catch (e) { return (e as NodeJS.ErrnoException).code; } };
const seen = {
  courseChecks: fs.existsSync(${checks}),
  solutions: fs.existsSync(${JSON.stringify(lesson.solutionDir)}),
  ownSource: fs.existsSync(${JSON.stringify(path.join(ownFolder, 'server.ts'))}),
  otherBuilds: fs.readdirSync('/tmp').filter((n) => n.startsWith('socket-course-') && !n.startsWith('socket-course-build-looks-around-')),
  checkerVisible: fs.existsSync('/proc/${process.pid}'),
  pidsVisible: fs.readdirSync('/proc').filter((n) => /^[0-9]+$/.test(n)).map(Number).sort((a, b) => a - b),
  wroteChecks: tryWrite(${checks}),
  wroteSystem: tryWrite('/etc/socket-course-was-here'),
  wroteOwnTmp: tryWrite('/tmp/mine.txt'),
  home: process.env.HOME,
};
console.log(JSON.stringify(seen));
net.createServer((s) => s.on('data', () => {})).listen(Number(process.env.PORT), process.env.HOST);
`;
}

describe('the checker itself interrupted', () => {
  /** A checker in its own process, tagged, on a fault (or `--solution`), once `ready()` holds. */
  async function startChecker(args: string[], ready: (tag: string) => boolean, env: Record<string, string> = {}) {
    const tag = `interrupted-${process.pid}-${Math.random().toString(36).slice(2)}`;
    const checker = execa(process.execPath, ['--import', 'tsx', 'scripts/check.ts', 'lesson-01', ...args], {
      cwd: COURSE_ROOT,
      reject: false,
      env: { NO_COLOR: '1', SOCKET_COURSE_TAG: tag, ...env },
    });
    const end = Date.now() + 40_000; // a JVM starting on a loaded 2-core machine took over 20 s
    let up = ready(tag);
    while (Date.now() < end && !up) {
      await new Promise((r) => setTimeout(r, 25));
      up = ready(tag);
    }
    expect(up, 'the programs to interrupt never started').toBe(true);
    return { checker, tag }; // wrapped: an execa result is a promise, and returning it would await it
  }

  const onFault = (fault: string) => ['--dir', faultFolder(fault)];
  const childIsUp = () => processesWith('fixture:starts-a-child').length > 0;

  test('Ctrl-C (SIGINT): exits 130 and leaves no learner process', async () => {
    const { checker, tag } = await startChecker(onFault('starts-a-child'), childIsUp);
    checker.kill('SIGINT');
    const result = await checker;
    expect(result.exitCode).toBe(130);
    expect(await waitUntilNone(() => taggedProcesses(tag))).toEqual([]);
  }, 60_000);

  test('killed outright (SIGKILL): its learner programs and their children end too', async () => {
    const { checker, tag } = await startChecker(onFault('starts-a-child'), childIsUp);
    checker.kill('SIGKILL');
    await checker;
    expect(await waitUntilNone(() => taggedProcesses(tag))).toEqual([]);
  }, 60_000);

  // A busy loop runs no event handler: only the box (or, unboxed, the preload's own watchdog
  // thread) can end it. The loop starts when the checker connects: give it that moment.
  const spinning = () => processesWith('socket-course-build-busy-loops-').length > 0;
  for (const sandbox of boxed ? ['auto', 'off'] : ['off']) {
    test(`killed outright while a program spins in a busy loop (sandbox ${sandbox}): it ends too`, async () => {
      const { checker, tag } = await startChecker(onFault('busy-loops'), spinning, { SOCKET_COURSE_SANDBOX: sandbox });
      await new Promise((r) => setTimeout(r, 500));
      checker.kill('SIGKILL');
      await checker;
      expect(await waitUntilNone(() => taggedProcesses(tag))).toEqual([]);
    }, 60_000);
  }

  test("killed outright while the source's Java program runs: the course's own peers end too", async () => {
    const javaIsUp = (tag: string) => taggedProcesses(tag).some((pid) => processesWith('-XX:TieredStopAtLevel=1').includes(pid));
    // Against a server that never answers, the Java client waits for its reply for seconds: long
    // enough to be seen however loaded the machine (the solution's exchange is over in 0.4 s).
    const { checker, tag } = await startChecker([...onFault('hangs'), '--only', 'java-client-to-your-server'], hasJava() ? javaIsUp : () => true);
    checker.kill('SIGKILL');
    await checker;
    expect(await waitUntilNone(() => taggedProcesses(tag))).toEqual([]);
  }, 60_000);

  // The course's own tools run beside the scenarios: tsc type-checks the learner's files while
  // they run. Under load it was still compiling when the checker was interrupted, and outlived it.
  const tscIsUp = (tag: string) => taggedProcesses(tag).some((pid) => processesWith('typescript/bin/tsc').includes(pid));
  for (const signal of ['SIGINT', 'SIGKILL'] as const) {
    test(`${signal} while the course's own tsc still type-checks the learner's files: it ends too`, async () => {
      const { checker, tag } = await startChecker(['--solution'], tscIsUp);
      checker.kill(signal);
      await checker;
      // tsc alone would take seconds more to finish: a short wait tells "ended" from "finished".
      expect(await waitUntilNone(() => taggedProcesses(tag), 1500)).toEqual([]);
    }, 60_000);
  }
});
