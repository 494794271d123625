/**
 * Finding a lesson by what a learner types (`lesson-03`, `03`, `3`, `echo-stream`) and loading
 * its manifest (`lesson.json`), validated so that a broken manifest is an author's clear error.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { LESSONS_DIR, SOLUTIONS_DIR } from './paths.ts';
import { text } from './i18n.ts';
import { UsageError } from './errors.ts';

const TextSchema = z.object({ en: z.string().min(1), ko: z.string().min(1) });

const ManifestSchema = z.object({
  id: z.string().regex(/^\d\d$/),
  slug: z.string().regex(/^[a-z0-9-]+$/),
  title: TextSchema,
  summary: TextSchema,
  /** The files the learner edits; the only files taken from a submission. */
  files: z.array(z.string().regex(/^[\w.-]+\.ts$/)).min(1),
  /** About how long the lesson takes a learner, reading included, in minutes (shown in the overview). */
  minutes: z.number().int().positive().optional(),
  hints: z.array(TextSchema).min(3),
  limits: z
    .object({
      /** Wall time of one scenario, in ms. */
      scenarioMs: z.number().int().positive().default(8000),
      /** Output a learner program may print before it is stopped, in bytes. */
      outputBytes: z.number().int().positive().default(256 * 1024),
      /**
       * More output allowed for each connection the checker opens or accepts in the scenario, in
       * bytes: a log line per event stays within it at any number of clients, an endless loop does not.
       */
      outputBytesPerConnection: z.number().int().nonnegative().default(2048),
      /** V8 heap limit of a learner program, in MiB. */
      heapMiB: z.number().int().positive().default(256),
      /** Resident memory (Buffers included) a learner program may use, in MiB. */
      rssMiB: z.number().int().positive().default(768),
      /** Processes a learner program may have at once, counted over its whole tree. */
      processes: z.number().int().positive().default(32),
    })
    .prefault({}),
});

export type Manifest = z.infer<typeof ManifestSchema>;

export interface Lesson {
  /** Folder name, e.g. `lesson-03-echo-stream`. */
  name: string;
  dir: string;
  solutionDir: string;
  manifest: Manifest;
  /** Path of the lesson's hidden checks module. */
  checksFile: string;
}

export function listLessonNames(): string[] {
  if (!fs.existsSync(LESSONS_DIR)) return [];
  return fs
    .readdirSync(LESSONS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && /^lesson-\d\d-/.test(d.name))
    .map((d) => d.name)
    .sort();
}

/** `lesson-03`, `03`, `3`, `echo-stream` and `lesson-03-echo-stream` all name lesson 3. */
export function resolveLessonName(query: string): string | undefined {
  const names = listLessonNames();
  const q = query.trim().toLowerCase().replace(/\/+$/, '').split(/[\\/]/).pop() ?? '';
  const num = /^(?:lesson-?)?(\d{1,2})$/.exec(q)?.[1];
  if (num) return names.find((n) => n.startsWith(`lesson-${num.padStart(2, '0')}-`));
  return names.find((n) => n === q || n.replace(/^lesson-\d\d-/, '') === q);
}

export function loadLesson(name: string): Lesson {
  const dir = path.join(LESSONS_DIR, name);
  const file = path.join(dir, 'lesson.json');
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(
      text(`Cannot read ${file}: ${(err as Error).message}`, `${file} 파일을 읽을 수 없습니다: ${(err as Error).message}`),
    );
  }
  const parsed = ManifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new UsageError(text(`Invalid manifest ${file}: ${issues}`, `잘못된 매니페스트 ${file}: ${issues}`));
  }
  return {
    name,
    dir,
    solutionDir: path.join(SOLUTIONS_DIR, name),
    manifest: parsed.data,
    checksFile: path.join(dir, '.checks', 'checks.ts'),
  };
}

/** Loads the lesson a learner named, or explains which lessons exist. */
export function findLesson(query: string): Lesson {
  const name = resolveLessonName(query);
  if (!name) {
    const list = listLessonNames().join(', ') || '(none)';
    throw new UsageError(
      text(`Unknown lesson "${query}". Lessons: ${list}.`, `"${query}"라는 레슨이 없습니다. 레슨 목록: ${list}.`),
    );
  }
  return loadLesson(name);
}
