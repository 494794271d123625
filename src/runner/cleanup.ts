/**
 * Every process the engine starts is registered here, and killed (with its whole process
 * tree) on every way out of the checker: normal exit, an exception, Ctrl-C, SIGTERM. So is
 * every temporary folder it makes (compiled programs, scratch folders). If the checker is
 * killed outright, a reaper it left for that (Linux) ends every process it started; besides,
 * boxes die with their parent (bwrap's --die-with-parent) and unboxed programs are ended by
 * the watchdog in their preload.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import type { Socket } from 'node:net';
import { HAS_PROC, killProcessTree } from './tree.ts';

interface Killable {
  pid: number | undefined;
  /** True once the process has exited. */
  done: boolean;
}

const live = new Set<Killable>();
const tempDirs = new Set<string>();
const interruptHooks = new Set<(signal: NodeJS.Signals) => void>();
let installed = false;

export function track(p: Killable): void {
  installCleanupHandlers();
  live.add(p);
}

export function untrack(p: Killable): void {
  live.delete(p);
}

/** A folder removed when the checker exits, however it exits (unless killed outright). */
export function trackTempDir(dir: string): () => void {
  installCleanupHandlers();
  tempDirs.add(dir);
  return () => {
    tempDirs.delete(dir);
    fs.rmSync(dir, { recursive: true, force: true });
  };
}

/** Called on Ctrl-C / SIGTERM / SIGHUP before everything is killed (the grader says what was running). */
export function onInterrupt(hook: (signal: NodeJS.Signals) => void): () => void {
  installCleanupHandlers();
  interruptHooks.add(hook);
  return () => interruptHooks.delete(hook);
}

/** Kills a process and everything it started, synchronously. */
export function killTree(pid: number): void {
  if (process.platform === 'win32') {
    spawnSync('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore' });
    return;
  }
  // Descendants first, the group's leader among them, stopped before they are killed: once a
  // parent dies its children move to init and no longer look like ours.
  killProcessTree(pid);
  try {
    process.kill(-pid, 'SIGKILL'); // and the rest of its group (spawned detached, it leads one)
  } catch {
    // no group left
  }
}

export function killAllSync(): void {
  for (const p of live) {
    if (!p.done && p.pid !== undefined) killTree(p.pid);
  }
  live.clear();
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

export function liveCount(): number {
  return [...live].filter((p) => !p.done).length;
}

/** Every program the engine starts carries this in its environment (and passes it on). */
export const CHECKER_ENV = { SOCKET_COURSE_CHECKER_PID: String(process.pid) };

/**
 * The environment of a course tool the checker runs for itself (tsc, javac, a probe): the
 * checker's own, plus its mark, so the reaper ends the tool too if the checker is killed
 * outright. Without it a javac or tsc still compiling outlived an interrupted check.
 */
export function toolEnv(): NodeJS.ProcessEnv {
  return { ...process.env, ...CHECKER_ENV };
}

/** A course tool started with spawn or execFile: killed on every way out, like a learner program. */
export function trackTool(child: ChildProcess): ChildProcess {
  const tool: Killable = { pid: child.pid, done: child.exitCode !== null || child.signalCode !== null };
  if (tool.done || tool.pid === undefined) return child;
  track(tool);
  child.once('exit', () => {
    tool.done = true;
    untrack(tool);
  });
  return child;
}

/**
 * The last line of defence when the checker is killed outright (SIGKILL, OOM, a crash of node
 * itself): a tiny shell, in a process group of its own, that waits for its stdin to close —
 * only the checker holds the other end — and then kills every process whose environment
 * carries this checker's mark, three times over a few hundred ms (a process forking at that
 * moment is caught next round). It closes two gaps no program-side watchdog can: a box
 * whose bwrap died before it could arm --die-with-parent, and the course's own Python and
 * Java peers, which have no preload. After a normal exit it finds nothing and ends.
 */
function startReaper(): void {
  const script = `read -r _
for round in 1 2 3; do
  pids=$(grep -lzx "$1" /proc/[0-9]*/environ 2>/dev/null | cut -d/ -f3)
  [ -n "$pids" ] && kill -9 $pids 2>/dev/null
  sleep 0.2
done`;
  try {
    const mark = `SOCKET_COURSE_CHECKER_PID=${process.pid}`;
    const reaper = spawn('sh', ['-c', script, 'socket-course-reaper', mark], { stdio: ['pipe', 'ignore', 'ignore'], detached: true, env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } });
    reaper.on('error', () => {}); // no sh: the other defences remain
    reaper.stdin!.on('error', () => {});
    reaper.unref();
    (reaper.stdin as Socket).unref(); // held open, but never keeps the checker alive
  } catch {
    // the other defences remain
  }
}

function installCleanupHandlers(): void {
  if (installed) return;
  installed = true;
  if (HAS_PROC) startReaper();
  process.on('exit', killAllSync);
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    process.once(signal, () => {
      for (const hook of interruptHooks) {
        try {
          hook(signal);
        } catch {
          // a hook must never keep the checker from cleaning up
        }
      }
      killAllSync();
      process.exit(code);
    });
  }
}
