/**
 * Every process the engine starts is registered here, and killed (with its whole process
 * tree) on every way out of the checker: normal exit, an exception, Ctrl-C, SIGTERM. So is
 * every temporary folder it makes (compiled programs, scratch folders). If the checker is
 * killed outright, boxed programs die with it (bwrap's --die-with-parent); unboxed ones are
 * ended by the watchdog in their preload.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { killProcessTree } from './tree.ts';

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

function installCleanupHandlers(): void {
  if (installed) return;
  installed = true;
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
