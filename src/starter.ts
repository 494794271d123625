/**
 * A lesson's starter files are the versions committed in the course's git history: `reset`
 * restores them, and the overview tells an untouched lesson ("not started") from one begun.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Lesson } from './lessons.ts';
import { COURSE_ROOT } from './paths.ts';

/** The committed version of a file of the course, or undefined (not a git checkout, not committed). */
export function committedVersion(file: string): Buffer | undefined {
  const rel = path.relative(COURSE_ROOT, file).split(path.sep).join('/');
  try {
    return execFileSync('git', ['show', `HEAD:${rel}`], { cwd: COURSE_ROOT, stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 });
  } catch {
    return undefined;
  }
}

/** True when every file of the lesson is exactly its committed starter (false when unknown). */
export function isUntouched(lesson: Lesson): boolean {
  return lesson.manifest.files.every((f) => {
    const p = path.join(lesson.dir, f);
    const starter = committedVersion(p);
    return starter !== undefined && fs.existsSync(p) && fs.readFileSync(p).equals(starter);
  });
}
