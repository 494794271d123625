/**
 * Grading is checking many folders: every (student, lesson) pair is one run of the same
 * engine `npm run check` uses, on a temporary folder holding only that lesson's files from
 * the submission. Pairs run a few at a time; each record is written as soon as it is done.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LANGS, text, type Lang, type Text } from '../i18n.ts';
import type { Lesson } from '../lessons.ts';
import { COURSE_ROOT } from '../paths.ts';
import { runLesson, type LessonResult } from '../checks/run-lesson.ts';
import { renderScenario, renderSummary } from '../report/terminal.ts';
import { makeStyle } from '../report/style.ts';
import { POINTS_PER_LESSON, pointsFor } from './points.ts';
import { RecordStore, type LessonRecord } from './records.ts';
import { findLessonFolder, readClassFolder, takeLessonFiles } from './submissions.ts';
import type { Gradebook } from './outputs.ts';

export interface GradeOptions {
  classDir: string;
  lessons: Lesson[];
  jobs: number;
  out: string;
  resume: boolean;
  /** Called after each (student, lesson) pair, graded now or taken from an earlier run. */
  onProgress?: (p: { done: number; total: number; record: LessonRecord; resumed: boolean }) => void;
}

export interface GradeRun {
  book: Gradebook;
  stray: string[];
  resumed: number;
}

export async function gradeClass(o: GradeOptions): Promise<GradeRun> {
  const { students, stray } = readClassFolder(o.classDir);
  const store = new RecordStore(path.join(o.out, '.records'));
  if (!o.resume) store.clear();
  const tasks = students.flatMap((student) => o.lessons.map((lesson) => ({ student, lesson })));
  const book: Gradebook = { students, lessons: o.lessons.map((l) => l.name), records: new Map(students.map((s) => [s, new Map()])) };
  let done = 0;
  let resumed = 0;
  const finish = (record: LessonRecord, wasResumed: boolean) => {
    book.records.get(record.student)!.set(record.lesson, record);
    o.onProgress?.({ done: ++done, total: tasks.length, record, resumed: wasResumed });
  };
  const pending = tasks.filter(({ student, lesson }) => {
    const old = o.resume ? store.read(student, lesson.name) : undefined;
    if (old) {
      resumed++;
      finish(old, true);
    }
    return !old;
  });
  let next = 0;
  const worker = async () => {
    while (next < pending.length) {
      const { student, lesson } = pending[next++]!;
      const record = await gradeOne(path.join(o.classDir, student), student, lesson);
      store.write(record);
      finish(record, false);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(o.jobs, pending.length)) }, worker));
  return { book, stray, resumed };
}

async function gradeOne(studentDir: string, student: string, lesson: Lesson): Promise<LessonRecord> {
  const started = Date.now();
  const folder = findLessonFolder(studentDir, lesson);
  if (!folder) {
    return {
      student,
      lesson: lesson.name,
      status: 'not-submitted',
      points: 0,
      maxPoints: POINTS_PER_LESSON,
      scenarios: [],
      feedback: notSubmittedFeedback(lesson),
      ms: Date.now() - started,
    };
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'socket-course-grade-'));
  try {
    takeLessonFiles(lesson, folder, work);
    // Two scenarios at a time per lesson; the grader's jobs multiply that.
    const result = await runLesson(lesson, work, { lang: 'en', concurrency: 2 });
    return {
      student,
      lesson: lesson.name,
      status: result.status,
      points: pointsFor(result),
      maxPoints: POINTS_PER_LESSON,
      scenarios: result.scenarios.map((s) => ({ id: s.id, title: s.title, status: s.status, reason: s.failure?.reason, summary: s.failure?.summary, ms: s.ms })),
      feedback: feedbackFor(result, work),
      ms: Date.now() - started,
    };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function notSubmittedFeedback(lesson: Lesson): Text {
  const fb = {} as Text;
  for (const lang of LANGS) {
    const msg = text(
      `Not submitted: no folder lesson-${lesson.manifest.id}-… in the submission.`,
      `제출하지 않음: 제출물에 lesson-${lesson.manifest.id}-… 폴더가 없습니다.`,
    )[lang];
    fb[lang] = `## ${lesson.name} — ${lesson.manifest.title[lang]} (0/${POINTS_PER_LESSON})\n\n${msg}\n`;
  }
  return fb;
}

/** The same report `npm run check` prints, as plain text inside the feedback Markdown. */
function feedbackFor(result: LessonResult, work: string): Text {
  const fb = {} as Text;
  const style = makeStyle(false);
  const points = pointsFor(result);
  for (const lang of LANGS) {
    const o = { lang: lang as Lang, style, cwd: COURSE_ROOT, explained: new Set<string>() };
    const body = [...result.scenarios.map((s) => renderScenario(s, result, o)), renderSummary(result, o)].join('');
    const clean = body.split(work + path.sep).join('').split(work).join('.');
    fb[lang] = `## ${result.lesson.name} — ${result.lesson.manifest.title[lang]} (${points}/${POINTS_PER_LESSON})\n\n\`\`\`text\n${clean.trimEnd()}\n\`\`\`\n`;
  }
  return fb;
}
