/**
 * Every process the engine starts is registered here, and killed (with its whole process
 * tree) on every way out of the checker: normal exit, an exception, Ctrl-C, SIGTERM.
 * If the checker is killed outright, the preload in each program notices the closed IPC
 * pipe and ends that program's own group.
 */
import { spawnSync } from 'node:child_process';

interface Killable {
  pid: number | undefined;
  /** True once the process has exited. */
  done: boolean;
}

const live = new Set<Killable>();
let installed = false;

export function track(p: Killable): void {
  installCleanupHandlers();
  live.add(p);
}

export function untrack(p: Killable): void {
  live.delete(p);
}

/** Kills a process and everything it started, synchronously. */
export function killTree(pid: number): void {
  if (process.platform === 'win32') {
    spawnSync('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore' });
    return;
  }
  try {
    process.kill(-pid, 'SIGKILL'); // the program leads its own group (spawned detached)
  } catch {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

export function killAllSync(): void {
  for (const p of live) {
    if (!p.done && p.pid !== undefined) killTree(p.pid);
  }
  live.clear();
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
      killAllSync();
      process.exit(code);
    });
  }
}
