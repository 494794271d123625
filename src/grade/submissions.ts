/**
 * Reading a class folder: one sub-folder per student, each a whole clone of the course
 * (lessons/lesson-NN-slug/…) or lesson folders alone (lesson-NN-slug/…). Only the files a
 * lesson's manifest names are ever taken from a submission, and only regular files of a sane
 * size: the checks, the engine and everything else come from the instructor's checkout.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Lesson } from '../lessons.ts';

export interface ClassFolder {
  students: string[];
  /** Files and other entries beside the student folders, ignored. */
  stray: string[];
}

const MAX_FILE_BYTES = 1024 * 1024;

export function readClassFolder(dir: string): ClassFolder {
  const students: string[] = [];
  const stray: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name.startsWith('.')) continue;
    if (e.isDirectory()) students.push(e.name);
    else stray.push(e.name);
  }
  return { students: students.sort((a, b) => a.localeCompare(b)), stray: stray.sort() };
}

export type LessonFolder = { folder: string } | { link: string } | undefined;

function isInside(p: string, dir: string): boolean {
  const r = path.relative(dir, p);
  return r === '' || (!r.startsWith('..') && !path.isAbsolute(r));
}

/**
 * The student's folder for a lesson, matched by its number (`lesson-03-…`), if any. A folder
 * (or `lessons/`) that is a link leading out of the student's own folder — to the instructor's
 * solutions, to a classmate — is not taken: `{ link }` names it, for the feedback.
 */
export function findLessonFolder(studentDir: string, lesson: Lesson): LessonFolder {
  const prefix = `lesson-${lesson.manifest.id}`;
  const home = fs.realpathSync(studentDir);
  for (const base of [path.join(studentDir, 'lessons'), studentDir]) {
    if (!fs.existsSync(base) || !fs.statSync(base).isDirectory()) continue;
    const names = fs
      .readdirSync(base, { withFileTypes: true })
      .filter((e) => (e.isDirectory() || e.isSymbolicLink()) && (e.name === prefix || e.name.startsWith(`${prefix}-`)))
      .map((e) => e.name);
    const best = names.find((n) => n === lesson.name) ?? names.sort()[0];
    if (!best) continue;
    const folder = path.join(base, best);
    let real: string;
    try {
      real = fs.realpathSync(folder);
    } catch {
      return { link: path.relative(studentDir, folder) }; // a dangling link
    }
    if (!isInside(real, home) || !fs.statSync(real).isDirectory()) return { link: path.relative(studentDir, folder) };
    return { folder };
  }
  return undefined;
}

export type RefusedWhy = 'missing' | 'link' | 'not-a-file' | 'too-large';

export interface TakenFiles {
  /** Files copied into the working folder. */
  taken: string[];
  /** Files named by the manifest that were absent, not regular files, or too large. */
  refused: Array<{ file: string; why: RefusedWhy }>;
}

/** Copies the manifest's files (and nothing else) from a submission into `workDir`. */
export function takeLessonFiles(lesson: Lesson, from: string, workDir: string): TakenFiles {
  fs.mkdirSync(workDir, { recursive: true });
  const result: TakenFiles = { taken: [], refused: [] };
  for (const file of lesson.manifest.files) {
    const src = path.join(from, file);
    let st: fs.Stats;
    try {
      st = fs.lstatSync(src);
    } catch {
      result.refused.push({ file, why: 'missing' });
      continue;
    }
    if (st.isSymbolicLink()) result.refused.push({ file, why: 'link' });
    else if (!st.isFile()) result.refused.push({ file, why: 'not-a-file' });
    else if (st.size > MAX_FILE_BYTES) result.refused.push({ file, why: 'too-large' });
    else {
      fs.copyFileSync(src, path.join(workDir, file));
      result.taken.push(file);
    }
  }
  return result;
}
