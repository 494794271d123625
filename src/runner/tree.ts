/**
 * A program's whole process tree, read from /proc on Linux: every process it started, the
 * ones that detached from its process group included (setsid, `detached: true`), as long as
 * they are still its descendants. Limits on memory and process count are held against the
 * tree, not the leader alone; and a tree is stopped before it is killed, so nothing in it
 * can fork its way out between the look and the kill.
 */
import fs from 'node:fs';

export const HAS_PROC = process.platform === 'linux' && fs.existsSync('/proc/self/stat');

/** parent pid → child pids, for every process visible in /proc now. */
function childrenByParent(): Map<number, number[]> {
  const map = new Map<number, number[]>();
  for (const name of fs.readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const ppid = parentOf(pid);
    if (ppid === undefined) continue;
    const list = map.get(ppid);
    if (list) list.push(pid);
    else map.set(ppid, [pid]);
  }
  return map;
}

function parentOf(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so cut at the last ')'.
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined; // gone meanwhile
  }
}

/** `root` and all its descendants (Linux only; elsewhere `root` alone). */
export function processTree(root: number, table = HAS_PROC ? childrenByParent() : new Map<number, number[]>()): number[] {
  const out: number[] = [];
  const queue = [root];
  const seen = new Set<number>();
  while (queue.length > 0) {
    const pid = queue.shift()!;
    if (seen.has(pid)) continue;
    seen.add(pid);
    out.push(pid);
    queue.push(...(table.get(pid) ?? []));
  }
  return out;
}

/** The first process `depth` generations below `root` (Linux), or undefined if there is none yet. */
export function descendantAt(root: number, depth: number): number | undefined {
  const table = childrenByParent();
  let pid: number | undefined = root;
  for (let i = 0; i < depth && pid !== undefined; i++) pid = table.get(pid)?.[0];
  return pid;
}

/** Resident memory of one process in bytes, or 0 if it is gone. */
export function residentBytes(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) * 1024 : 0;
  } catch {
    return 0;
  }
}

export interface TreeSample {
  processes: number;
  rssBytes: number;
}

/** Samples many trees from one read of /proc (one scan serves every running program). */
export function sampleTrees(roots: number[]): Map<number, TreeSample> {
  const table = childrenByParent();
  const samples = new Map<number, TreeSample>();
  for (const root of roots) {
    const pids = processTree(root, table);
    samples.set(root, { processes: pids.length, rssBytes: pids.reduce((sum, p) => sum + residentBytes(p), 0) });
  }
  return samples;
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

/**
 * Kills a tree for good: stop every member (a stopped process cannot fork), look again for
 * members started meanwhile, until none is new; then kill them all.
 */
export function killProcessTree(root: number): void {
  if (!HAS_PROC) return signal(root, 'SIGKILL');
  const members = new Set<number>();
  for (let round = 0; round < 5; round++) {
    const fresh = processTree(root).filter((p) => !members.has(p));
    if (fresh.length === 0) break;
    for (const p of fresh) {
      members.add(p);
      signal(p, 'SIGSTOP');
    }
  }
  for (const p of members) signal(p, 'SIGKILL');
}
