/**
 * What the learner has done, kept in the course's untracked state folder (never in git):
 * each lesson's last verdict with a fingerprint of the files it judged (so a lesson whose files
 * have not changed since it passed is not run again), and how many hints were shown.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Text } from './i18n.ts';
import type { Lesson } from './lessons.ts';
import { STATE_DIR } from './paths.ts';

export interface LessonProgress {
  status: 'pass' | 'fail';
  /** Fingerprint of the learner's files when checked. */
  fingerprint: string;
  /** The first failing check, for the overview. */
  firstFailure?: { title: Text; summary: Text };
  at: string;
}

interface State {
  lessons: Record<string, LessonProgress>;
  hintsShown: Record<string, number>;
}

function stateFile(): string {
  return path.join(process.env.SOCKET_COURSE_STATE ?? STATE_DIR, 'progress.json');
}

export function readState(): State {
  try {
    const s = JSON.parse(fs.readFileSync(stateFile(), 'utf8')) as Partial<State>;
    return { lessons: s.lessons ?? {}, hintsShown: s.hintsShown ?? {} };
  } catch {
    return { lessons: {}, hintsShown: {} };
  }
}

export function writeState(state: State): void {
  const file = stateFile();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(state, null, 2));
  fs.renameSync(`${file}.tmp`, file);
}

/** SHA-256 over the lesson's files in `dir` (names and contents); missing files count too. */
export function fingerprint(lesson: Lesson, dir: string): string {
  const h = crypto.createHash('sha256');
  for (const f of lesson.manifest.files) {
    h.update(`${f}\0`);
    const p = path.join(dir, f);
    h.update(fs.existsSync(p) ? fs.readFileSync(p) : Buffer.from('(missing)'));
    h.update('\0');
  }
  return h.digest('hex');
}

export function recordCheck(lesson: Lesson, progress: LessonProgress): void {
  const state = readState();
  state.lessons[lesson.name] = progress;
  writeState(state);
}
