/**
 * The lessons' starter files as committed in git, in a temporary folder: the self-tests about
 * "the untouched starter" must not depend on what a learner has done in lessons/ since.
 * Outside a git checkout (a course unpacked from an archive) there is no committed version;
 * the working files are used then, and a warning says so.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Lesson } from '../../src/lessons.ts';
import { COURSE_ROOT } from '../../src/paths.ts';

export interface Starters {
  dir: string;
  /** Where the files came from. */
  from: 'git' | 'working-files';
  dispose(): void;
}

function committed(root: string, file: string): Buffer | undefined {
  const rel = path.relative(root, file).split(path.sep).join('/');
  try {
    return execFileSync('git', ['show', `HEAD:${rel}`], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 });
  } catch {
    return undefined; // not a git checkout, no git, or the file is not committed
  }
}

export function committedStarters(lesson: Lesson, root = COURSE_ROOT): Starters {
  const files = lesson.manifest.files.map((f) => ({ f, bytes: committed(root, path.join(lesson.dir, f)) }));
  if (files.some((x) => x.bytes === undefined)) {
    console.warn(`${lesson.name}: no committed starter in git (not a git checkout?): testing the working files in ${lesson.dir}`);
    return { dir: lesson.dir, from: 'working-files', dispose: () => {} };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `starter-${lesson.name}-`));
  for (const { f, bytes } of files) fs.writeFileSync(path.join(dir, f), bytes!);
  return { dir, from: 'git', dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
