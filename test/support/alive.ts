/** Proof that a run left nothing behind: no process still alive. */
import type { LessonResult } from '../../src/checks/run-lesson.ts';
import { liveCount } from '../../src/runner/cleanup.ts';

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function leftovers(): number {
  return liveCount();
}

export type { LessonResult };
