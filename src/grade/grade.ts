/**
 * Grading is checking many folders: every (student, lesson) pair is one run of the same
 * engine `npm run check` uses, on a temporary folder holding only that lesson's files from
 * the submission. Pairs run a few at a time; each record is written as soon as it is done.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mapWithConcurrency } from '../concurrency.ts';
import { fill, LANGS, text, type Lang, type Text } from '../i18n.ts';
import type { Lesson } from '../lessons.ts';
import { COURSE_ROOT } from '../paths.ts';
import { runLesson, type LessonResult } from '../checks/run-lesson.ts';
import { scenarioGate } from '../checks/gate.ts';
import { renderScenario, renderSummary } from '../report/terminal.ts';
import { makeStyle } from '../report/style.ts';
import { POINTS_PER_LESSON, pointsFor } from './points.ts';
import { codeFence, printable } from '../report/visible.ts';
import { renderLessonFragment } from '../report/html.ts';
import { onInterrupt, trackTempDir } from '../runner/cleanup.ts';
import { hideFromSandbox } from '../runner/sandbox.ts';
import { RecordStore, type GradeStatus, type LessonRecord } from './records.ts';
import { findLessonFolder, readClassFolder, takeLessonFiles, type RefusedWhy, type TakenFiles } from './submissions.ts';
import type { Gradebook } from './outputs.ts';

/**
 * Lessons graded at once by default. The scenarios mostly wait on sockets, so a class goes
 * fastest with several lessons per core: on 2 cores, 10 × 10 took 181 s at 2 jobs, 54 s at 8, 47 s
 * at 16 (where, before the timing guard, lesson 10's reference failed from the checker's lag).
 */
export function defaultJobs(): number {
  return 4 * os.availableParallelism();
}

/** Scenarios in flight at once across all jobs: more starts than this only queue for the CPU. */
export function scenarioCap(): number {
  return 6 * os.availableParallelism();
}

export interface GradeOptions {
  classDir: string;
  lessons: Lesson[];
  jobs: number;
  out: string;
  resume: boolean;
  /** Called after each (student, lesson) pair, graded now or taken from an earlier run. */
  onProgress?: (p: { done: number; total: number; record: LessonRecord; resumed: boolean }) => void;
  /** Called on Ctrl-C or SIGTERM with the pairs being graded then (`student lesson-NN`). */
  onInterrupted?: (running: string[]) => void;
}

export interface GradeRun {
  book: Gradebook;
  stray: string[];
  resumed: number;
}

export async function gradeClass(o: GradeOptions): Promise<GradeRun> {
  // No student's program may see the other submissions or the grade files.
  hideFromSandbox(o.classDir, o.out);
  scenarioGate.setCap(scenarioCap());
  const running = new Set<string>();
  const stopHook = onInterrupt(() => o.onInterrupted?.([...running]));
  try {
    return await gradeAll(o, running);
  } finally {
    stopHook();
  }
}

async function gradeAll(o: GradeOptions, running: Set<string>): Promise<GradeRun> {
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
  await mapWithConcurrency(pending, o.jobs, async ({ student, lesson }) => {
    const pair = `${student} ${lesson.name.slice(0, 'lesson-NN'.length)}`;
    running.add(pair);
    const record = await gradeOne(path.join(o.classDir, student), student, lesson);
    running.delete(pair);
    store.write(record);
    finish(record, false);
  });
  return { book, stray, resumed };
}

async function gradeOne(studentDir: string, student: string, lesson: Lesson): Promise<LessonRecord> {
  const started = Date.now();
  const record = (status: GradeStatus, feedback: Text, rest: Partial<LessonRecord> = {}): LessonRecord => ({
    student,
    lesson: lesson.name,
    status,
    points: 0,
    maxPoints: POINTS_PER_LESSON,
    scenarios: [],
    feedback,
    ms: Date.now() - started,
    ...rest,
  });
  const found = findLessonFolder(studentDir, lesson);
  if (!found) return record('not-submitted', lessonNote(lesson, 0, NOT_SUBMITTED, { id: lesson.manifest.id }));
  if ('link' in found) return record('refused', lessonNote(lesson, 0, REFUSED_LINK, { path: printable(found.link) }));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'socket-course-grade-'));
  const removeWork = trackTempDir(work);
  try {
    const taken = takeLessonFiles(lesson, found.folder, work);
    if (taken.refused.length > 0) return record('missing-files', refusedFeedback(lesson, taken.refused));
    // Two scenarios at a time per lesson; the grader's jobs multiply that.
    const result = await runLesson(lesson, work, { lang: 'en', concurrency: 2 });
    return record(result.status, feedbackFor(result, work), {
      feedbackHtml: htmlFeedbackFor(result, work),
      points: pointsFor(result),
      scenarios: result.scenarios.map((s) => ({ id: s.id, title: s.title, status: s.status, reason: s.failure?.reason, summary: s.failure?.summary, ms: s.ms })),
    });
  } catch (err) {
    // A fault in the course's own code, for this pair only: recorded, and the run goes on.
    const detail = printable((err as Error)?.stack ?? String(err));
    return record('checker-error', lessonNote(lesson, 0, CHECKER_ERROR, {}, detail));
  } finally {
    removeWork();
  }
}

const NOT_SUBMITTED = text('Not submitted: no folder lesson-{id}-… in the submission.', '제출하지 않음: 제출물에 lesson-{id}-… 폴더가 없습니다.');
const REFUSED_LINK = text(
  'Not taken: {path} is a link that leads out of the submission (to another folder, a classmate\'s or the course\'s). Submit the files themselves.',
  '가져오지 않음: {path}은(는) 제출물 밖(다른 폴더, 다른 학생이나 코스의 폴더)을 가리키는 링크입니다. 파일 자체를 제출하세요.',
);
const CHECKER_ERROR = text(
  'The checker itself failed while grading this lesson; this is not the student\'s fault. Grade it again after the course is fixed.',
  '이 레슨을 채점하는 중 검사기 자체에서 오류가 났습니다. 학생의 잘못이 아닙니다. 코스를 고친 뒤 다시 채점하세요.',
);
const REFUSED_FILE: Record<RefusedWhy, Text> = {
  missing: text('{file}: missing', '{file}: 없음'),
  link: text('{file}: a link, not taken (submit the file itself)', '{file}: 링크라서 가져오지 않음(파일 자체를 제출하세요)'),
  'not-a-file': text('{file}: not a regular file, not taken', '{file}: 일반 파일이 아니라서 가져오지 않음'),
  'too-large': text('{file}: larger than 1 MiB, not taken', '{file}: 1MiB보다 커서 가져오지 않음'),
};

/** A lesson's feedback section: its heading with the points, then the text (and a detail block). */
function lessonNote(lesson: Lesson, points: number, body: Text, vars: Record<string, string>, detail?: string): Text {
  const fb = {} as Text;
  for (const lang of LANGS) {
    const block = detail ? `\n${codeFence(detail)}\n` : '';
    fb[lang] = `## ${lesson.name} — ${lesson.manifest.title[lang]} (${points}/${POINTS_PER_LESSON})\n\n${fill(body, vars)[lang]}\n${block}`;
  }
  return fb;
}

function refusedFeedback(lesson: Lesson, refused: TakenFiles['refused']): Text {
  const lines = refused.map((r) => fill(REFUSED_FILE[r.why], { file: r.file }));
  const head = text('Some of the lesson\'s files could not be taken, so nothing was run:', '레슨 파일 일부를 가져올 수 없어 아무것도 실행하지 않았습니다:');
  const body = {} as Text;
  for (const lang of LANGS) body[lang] = `${head[lang]}\n\n${lines.map((l) => `- ${l[lang]}`).join('\n')}`;
  return lessonNote(lesson, 0, body, {});
}

/** The same report as an HTML fragment with the exchanges drawn, the work folder's path left out. */
function htmlFeedbackFor(result: LessonResult, work: string): Text {
  const fb = {} as Text;
  for (const lang of LANGS) fb[lang] = renderLessonFragment(result, { lang }).split(work + path.sep).join('').split(work).join('.');
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
    fb[lang] = `## ${result.lesson.name} — ${result.lesson.manifest.title[lang]} (${points}/${POINTS_PER_LESSON})\n\n${codeFence(clean.trimEnd())}\n`;
  }
  return fb;
}
