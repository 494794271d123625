/**
 * Whether anything of a run is still alive: the proof that a run left nothing behind. A boxed
 * program's own pid means nothing outside its box, so tests find processes from /proc: by
 * the run tag every program the engine starts carries in its environment (SOCKET_COURSE_TAG),
 * or by a marker a fixture puts on its children's command lines.
 */
import fs from 'node:fs';

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function read(file: string): string {
  try {
    return fs.readFileSync(file, 'latin1');
  } catch {
    return '';
  }
}

function livePids(): number[] {
  return fs
    .readdirSync('/proc')
    .map(Number)
    .filter((pid) => Number.isInteger(pid) && pid !== process.pid && !/^\S+ \(\S*\) Z/.test(read(`/proc/${pid}/stat`)));
}

/** Live processes (zombies aside) whose environment holds SOCKET_COURSE_TAG=<tag>. */
export function taggedProcesses(tag: string): number[] {
  return livePids().filter((pid) => read(`/proc/${pid}/environ`).split('\0').includes(`SOCKET_COURSE_TAG=${tag}`));
}

/** Live processes whose command line contains `marker`. */
export function processesWith(marker: string): number[] {
  return livePids().filter((pid) => read(`/proc/${pid}/cmdline`).includes(marker));
}

/** Waits (up to `ms`) until `find()` lists nothing; returns what is still there, described. */
export async function waitUntilNone(find: () => number[], ms = 5000): Promise<string[]> {
  const end = Date.now() + ms;
  let left = find();
  while (left.length > 0 && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 100));
    left = find();
  }
  return left.map((pid) => `${pid}: ${read(`/proc/${pid}/cmdline`).replace(/\0/g, ' ')}`);
}
