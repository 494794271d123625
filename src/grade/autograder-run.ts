/**
 * Inside Gradescope's container: `/autograder/submission` is one student, graded with the
 * checks bundled in `/autograder/source` by the same grader `npm run grade` uses, into
 * `/autograder/results/results.json`. The results file is written before anything runs and
 * again after every lesson, each time complete and valid: whenever the run ends — done, out of
 * time by its own deadline, or killed by Gradescope's — the file says what was graded and
 * why the rest was not.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fill, LANGS, text, type Lang, type Text } from '../i18n.ts';
import { loadLesson, type Lesson } from '../lessons.ts';
import { loadScenarios } from '../checks/run-lesson.ts';
import { hideFromSandbox, sandboxAvailable, sandboxUnavailableReason } from '../runner/sandbox.ts';
import { killAllSync } from '../runner/cleanup.ts';
import { defaultJobs, gradeClass } from './grade.ts';
import { gradescopeResults } from './gradescope.ts';
import { GradescopeResultsSchema, type GradescopeResults, type Visibility } from './gradescope-spec.ts';
import { refusedRecords, shapeForGrader } from './lms.ts';
import type { Gradebook } from './outputs.ts';
import { POINTS_PER_LESSON } from './points.ts';
import type { LessonRecord } from './records.ts';
import { STUDENT_ZIP_LIMITS, unpackZip, writeFiles, ZipRefused } from './safe-unzip.ts';

/** What `npm run autograder` decided, bundled in the zip as `autograder.json`. */
export interface AutograderConfig {
  lessons: string[];
  lang: Lang;
  visibility: Visibility;
  /** The run's own time limit, below Gradescope's, so that it ends with a results file. */
  deadlineSeconds: number;
}

export const CONFIG_FILE = 'autograder.json';
const STUDENT = 'submission';

const NOTE = {
  boxed: text('Every program ran in a sandbox (bubblewrap).', '모든 프로그램을 샌드박스(bubblewrap) 안에서 실행했습니다.'),
  unboxed: text(
    'This container cannot run the sandbox ({why}), so the programs ran without it. Gradescope runs each submission in a container of its own, so nothing a program does reaches another student; the checks were loaded before any program ran.',
    '이 컨테이너에서는 샌드박스를 쓸 수 없어서({why}) 프로그램을 샌드박스 없이 실행했습니다. Gradescope는 제출물마다 따로 컨테이너를 쓰므로 프로그램이 무엇을 하든 다른 학생에게는 닿지 않습니다. 검사 코드는 프로그램을 하나라도 실행하기 전에 모두 불러 두었습니다.',
  ),
  pending: text('Not graded: the autograder stopped before this lesson (Gradescope\'s time limit, or the run was cut short). Ask your instructor to grade it again.', '채점하지 않음: 이 레슨에 이르기 전에 자동 채점이 멈췄습니다(Gradescope의 시간 제한 등으로 중단됨). 강사에게 다시 채점해 달라고 하세요.'),
  deadline: text('Not graded: the autograder\'s time limit ({s} s) ran out before this lesson was done. Ask your instructor to raise the limit (npm run autograder -- --deadline) and grade it again.', '채점하지 않음: 이 레슨을 마치기 전에 자동 채점기의 시간 제한({s}초)이 다 됐습니다. 강사에게 제한을 늘려(npm run autograder -- --deadline) 다시 채점해 달라고 하세요.'),
};

export function readConfig(source: string): AutograderConfig {
  return JSON.parse(fs.readFileSync(path.join(source, CONFIG_FILE), 'utf8')) as AutograderConfig;
}

/** A lesson not graded (yet): 0 points and why, like any other record. */
function notGraded(lesson: Lesson, why: Text): LessonRecord {
  const feedback = {} as Text;
  for (const lang of LANGS) feedback[lang] = `## ${lesson.name} — ${lesson.manifest.title[lang]} (0/${POINTS_PER_LESSON})\n\n${why[lang]}\n`;
  return { student: STUDENT, lesson: lesson.name, status: 'checker-error', points: 0, maxPoints: POINTS_PER_LESSON, scenarios: [], feedback, ms: 0 };
}

/**
 * The submission copied into a class folder of one student, as the grader reads it. A
 * submission that is a single zip is unpacked with the LMS rules; links are copied as links,
 * for the grader to refuse as it always does.
 */
function stageSubmission(submission: string, studentDir: string, lessons: Lesson[]): Text | undefined {
  fs.mkdirSync(studentDir, { recursive: true });
  if (!fs.existsSync(submission)) return undefined;
  const top = fs.readdirSync(submission);
  const zips = top.filter((n) => /\.zip$/i.test(n));
  try {
    if (top.length === 1 && zips.length === 1) writeFiles(studentDir, unpackZip(fs.readFileSync(path.join(submission, zips[0]!)), STUDENT_ZIP_LIMITS));
    else fs.cpSync(submission, studentDir, { recursive: true, verbatimSymlinks: true, filter: (p) => !/[\\/](node_modules|\.git)$/.test(p) });
    shapeForGrader(studentDir, lessons);
  } catch (err) {
    if (err instanceof ZipRefused) return err.why;
    throw err;
  }
  return undefined;
}

export interface AutograderRun {
  root: string;
  config: AutograderConfig;
}

export async function runAutograder({ root, config }: AutograderRun): Promise<GradescopeResults> {
  const started = Date.now();
  const lessons = config.lessons.map(loadLesson);
  const resultsFile = path.join(root, 'results', 'results.json');
  const boxed = sandboxAvailable();
  const notes = [boxed ? NOTE.boxed : fill(NOTE.unboxed, { why: sandboxUnavailableReason() })];
  const book: Gradebook = { students: [STUDENT], lessons: lessons.map((l) => l.name), records: new Map([[STUDENT, new Map()]]) };
  /** results.json as of now: the lessons not done yet say `rest`. */
  const write = (rest: Text) => {
    const done = book.records.get(STUDENT)!;
    const now: Gradebook = { ...book, records: new Map([[STUDENT, new Map(lessons.map((l) => [l.name, done.get(l.name) ?? notGraded(l, rest)]))]]) };
    const results = gradescopeResults(now, STUDENT, config.lang, { visibility: config.visibility, executionSeconds: (Date.now() - started) / 1000, notes, extra: { sandbox: boxed ? 'bubblewrap' : 'none' } });
    writeAtomically(resultsFile, JSON.stringify(GradescopeResultsSchema.parse(results), null, 2) + '\n');
    return results;
  };
  write(NOTE.pending);

  // Loaded before any student program runs: unboxed, a program could otherwise rewrite them.
  await Promise.all(lessons.map(loadScenarios));
  hideFromSandbox(root);
  const classDir = fs.mkdtempSync(path.join(os.tmpdir(), 'socket-course-autograder-'));
  const refused = stageSubmission(path.join(root, 'submission'), path.join(classDir, STUDENT), lessons);
  if (refused) {
    for (const r of refusedRecords(STUDENT, refused, lessons)) book.records.get(STUDENT)!.set(r.lesson, r);
    return write(NOTE.pending);
  }
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'socket-course-autograder-out-'));
  const grading = gradeClass({
    classDir,
    lessons,
    jobs: defaultJobs(),
    out,
    resume: false,
    onProgress: ({ record }) => {
      book.records.get(STUDENT)!.set(record.lesson, record);
      write(NOTE.pending);
    },
  });
  const outcome = await Promise.race([grading.then(() => 'done' as const), sleep(config.deadlineSeconds * 1000).then(() => 'deadline' as const)]);
  const results = write(outcome === 'done' ? NOTE.pending : fill(NOTE.deadline, { s: config.deadlineSeconds }));
  if (outcome === 'deadline') killAllSync(); // what the unfinished lessons started
  fs.rmSync(classDir, { recursive: true, force: true });
  fs.rmSync(out, { recursive: true, force: true });
  return results;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** Written whole or not at all: Gradescope may read it the moment the run is killed. */
function writeAtomically(file: string, content: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, content);
  fs.renameSync(tmp, file);
}
