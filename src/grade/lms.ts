/**
 * The zip an LMS gives when an instructor downloads all submissions, turned into the class
 * folder the grader reads (one sub-folder per student), in a fresh temporary folder:
 *   - Canvas: one file per upload at the top, `smithjohn_12345_6789012_lesson01.zip` (or
 *     `smithjohn_LATE_12345_6789012_server.ts`): name, [LATE], user id, submission id, file;
 *   - Moodle: one folder per student, `John Smith_12345_assignsubmission_file_/…`;
 *   - otherwise: a folder or a `<name>.zip` per student.
 * A student is `<name>_<id>` where the LMS gives an id (two John Smiths stay apart, and the
 * id finds the student in the LMS), the folder or zip name otherwise. A student's own zip is
 * unpacked with the same rules as the export itself (src/grade/safe-unzip.ts); a student whose
 * files break them is refused, with the reason, and the others are graded as usual.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fill, LANGS, text, type Text } from '../i18n.ts';
import type { Lesson } from '../lessons.ts';
import { POINTS_PER_LESSON } from './points.ts';
import type { LessonRecord } from './records.ts';
import { CLASS_ZIP_LIMITS, STUDENT_ZIP_LIMITS, unpackZip, writeFiles, ZipRefused, type ZipLimits } from './safe-unzip.ts';

export interface LmsClass {
  /** A fresh temporary folder: one sub-folder per student whose files were taken. */
  classDir: string;
  /** Students whose submission was not taken, with why. */
  refused: Map<string, Text>;
  /** Top-level entries that belong to no student (ignored). */
  stray: string[];
}

export interface LmsLimits {
  export: ZipLimits;
  student: ZipLimits;
}

type UnpackedFile = { segments: string[]; data: Uint8Array };

const CANVAS = /^([^_]+)_(?:LATE_)?(\d+)_(\d+)_(.+)$/;
const MOODLE = /^(.+)_(\d+)_assignsubmission_[a-z]+_$/;
/** What macOS and Windows add to a zip, never a student's work. */
const JUNK = /^(__MACOSX|\.DS_Store|Thumbs\.db|desktop\.ini)$/;

/** Which student a top-level entry belongs to, and its path inside their folder. */
export function studentOf(segments: string[]): { student: string; rest: string[] } | undefined {
  const [first, ...rest] = segments;
  if (!first || first.startsWith('.') || JUNK.test(first)) return undefined;
  if (rest.length > 0) {
    const moodle = MOODLE.exec(first);
    return { student: moodle ? `${moodle[1]}_${moodle[2]}` : first, rest };
  }
  const canvas = CANVAS.exec(first);
  if (canvas) return { student: `${canvas[1]}_${canvas[2]}`, rest: [canvas[4]!] };
  if (/\.zip$/i.test(first) && first.length > 4) return { student: first.slice(0, -4), rest: [first] };
  return undefined;
}

export function openLmsExport(zipFile: string, lessons: Lesson[], limits: LmsLimits = { export: CLASS_ZIP_LIMITS, student: STUDENT_ZIP_LIMITS }): LmsClass {
  // Judged whole before anything is written: an export with one bad entry is refused whole.
  const files = unpackZip(fs.readFileSync(zipFile), limits.export);
  const classDir = fs.mkdtempSync(path.join(os.tmpdir(), 'socket-course-lms-'));
  const byStudent = new Map<string, UnpackedFile[]>();
  const stray = new Set<string>();
  for (const f of files) {
    if (f.segments.some((s) => JUNK.test(s))) continue;
    const owner = studentOf(f.segments);
    if (!owner) {
      stray.add(f.segments[0]!);
      continue;
    }
    const list = byStudent.get(owner.student) ?? [];
    list.push({ segments: owner.rest, data: f.data });
    byStudent.set(owner.student, list);
  }
  const refused = new Map<string, Text>();
  for (const [student, own] of byStudent) {
    const dir = path.join(classDir, student);
    try {
      fs.mkdirSync(dir);
      writeStudent(dir, own, limits.student);
      shapeForGrader(dir, lessons);
    } catch (err) {
      if (!(err instanceof ZipRefused)) throw err;
      fs.rmSync(dir, { recursive: true, force: true }); // nothing of a refused student is graded
      refused.set(student, err.why);
    }
  }
  return { classDir, refused, stray: [...stray].sort() };
}

/** A student's files, their own zips unpacked in place (one level: a zip in a zip stays a file). */
function writeStudent(dir: string, own: UnpackedFile[], limits: ZipLimits): void {
  const total = own.reduce((n, f) => n + f.data.length, 0);
  if (total > limits.totalBytes) throw new ZipRefused(fill(text('their files come to {n} MiB; at most {max} MiB are taken', '파일이 모두 {n}MiB입니다. 최대 {max}MiB까지만 받습니다'), { n: (total / 2 ** 20).toFixed(1), max: limits.totalBytes / 2 ** 20 }));
  const plain = own.filter((f) => !/\.zip$/i.test(f.segments.at(-1)!));
  writeFiles(dir, plain);
  for (const zip of own.filter((f) => !plain.includes(f))) {
    const inner = unpackZip(Buffer.from(zip.data.buffer, zip.data.byteOffset, zip.data.byteLength), limits);
    const base = zip.segments.slice(0, -1);
    writeFiles(dir, inner.filter((f) => !f.segments.some((s) => JUNK.test(s))).map((f) => ({ segments: [...base, ...f.segments], data: f.data })));
  }
}

function hasLessonFolders(dir: string): boolean {
  if (fs.existsSync(path.join(dir, 'lessons'))) return true;
  return fs.readdirSync(dir).some((n) => /^lesson-\d\d(-|$)/.test(n));
}

/**
 * The layout the grader reads: a zip of a folder (`my-repo-main/lessons/…`) is unwrapped (the
 * one folder's contents moved up, beside any loose file), and loose files (`server.ts`,
 * `client.ts` uploaded one by one) are the lesson's when one lesson is graded, as in an LMS
 * assignment per lesson.
 */
export function shapeForGrader(dir: string, lessons: Lesson[]): void {
  for (let depth = 0; depth < 3 && !hasLessonFolders(dir); depth++) {
    const folders = fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory());
    if (folders.length !== 1) break;
    const wrapper = path.join(dir, folders[0]!.name);
    const inside = fs.readdirSync(wrapper);
    if (inside.some((n) => fs.existsSync(path.join(dir, n)))) break; // would clash: left as it is
    for (const n of inside) fs.renameSync(path.join(wrapper, n), path.join(dir, n));
    fs.rmdirSync(wrapper);
  }
  if (hasLessonFolders(dir) || lessons.length !== 1) return;
  const lessonDir = path.join(dir, lessons[0]!.name);
  const loose = fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile());
  if (loose.length === 0) return;
  fs.mkdirSync(lessonDir);
  for (const f of loose) fs.renameSync(path.join(dir, f.name), path.join(lessonDir, f.name));
}

const REFUSED_ZIP = text(
  'Not graded: this submission was refused because {why}. Nothing of it was unpacked or run; submit a plain zip of your lesson folders.',
  '채점하지 않음: 이 제출물은 받지 않았습니다. {why}. 아무것도 풀거나 실행하지 않았습니다. 레슨 폴더를 평범한 zip으로 압축해 다시 제출하세요.',
);

/** The records of a refused student: 0 for each lesson, and why, in the feedback. */
export function refusedRecords(student: string, why: Text, lessons: Lesson[]): LessonRecord[] {
  return lessons.map((lesson) => {
    const feedback = {} as Text;
    const body = fill(REFUSED_ZIP, { why });
    for (const lang of LANGS) feedback[lang] = `## ${lesson.name} — ${lesson.manifest.title[lang]} (0/${POINTS_PER_LESSON})\n\n${body[lang]}\n`;
    return { student, lesson: lesson.name, status: 'refused', points: 0, maxPoints: POINTS_PER_LESSON, scenarios: [], feedback, ms: 0 };
  });
}
