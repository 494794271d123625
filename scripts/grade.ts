/**
 * `npm run grade -- <submissions-dir | lms-export.zip> [--lessons 1-5,8] [--jobs N] [--out dir] [--resume] [--lang en|ko]`
 * Grades a whole class with the instructor's own checks; see README, "Grading a class".
 */
import fs from 'node:fs';
import path from 'node:path';
import stringWidth from 'string-width';
import { langOption, parseCommandArgs } from '../src/cli/args.ts';
import { runCommand } from '../src/cli/main.ts';
import { UsageError } from '../src/errors.ts';
import { fill, pick, text, type Lang, type Text } from '../src/i18n.ts';
import { defaultJobs, gradeClass, scenarioCap } from '../src/grade/grade.ts';
import { lessonsOption } from '../src/grade/lesson-list.ts';
import { openLmsExport, refusedRecords } from '../src/grade/lms.ts';
import { ZipRefused } from '../src/grade/safe-unzip.ts';
import { trackTempDir } from '../src/runner/cleanup.ts';
import type { Lesson } from '../src/lessons.ts';
import { column, STATUS_TEXT, total, writeOutputs, type Gradebook } from '../src/grade/outputs.ts';
import { makeStyle } from '../src/report/style.ts';
import { printable } from '../src/report/visible.ts';
import { sandboxAvailable, sandboxUnavailableReason } from '../src/runner/sandbox.ts';

const HELP = text(
  `Usage: npm run grade -- <submissions-dir | export.zip> [options]

Each sub-folder of <submissions-dir> is one student: a clone of the course, or lesson folders.
Or give the zip your LMS downloads with all submissions (Canvas, Moodle, or a folder or zip
per student): it is unpacked, with the same safety rules, into a temporary folder.
Only the files each lesson's manifest names are taken; the checks are this checkout's own.

Options:
  --lessons <list>  lessons to grade, e.g. 1-5,8 (default: all)
  --jobs <n>        lessons graded at the same time (default: ${defaultJobs()}, four per core;
                    at most ${scenarioCap()} checks run at once across all of them)
  --out <dir>       where to write results (default: ./grade-out)
  --resume          continue an interrupted run without redoing finished lessons
  --lang en|ko      language of the feedback (default: from LANG, else English)
  --no-sandbox      grade without a sandbox where none can be used (students' programs
                    can then read and change your files: see README, "What the grader
                    protects against")
  --help            show this help`,
  `사용법: npm run grade -- <제출물-폴더 | 내보낸.zip> [옵션]

<제출물-폴더>의 하위 폴더 하나가 학생 한 명입니다. 코스 전체를 복제한 것이어도, 레슨 폴더만 있어도 됩니다.
LMS에서 '모든 제출물 다운로드'로 받은 zip(Canvas, Moodle, 또는 학생마다 폴더나 zip 하나)을 그대로 줘도
됩니다. 같은 안전 규칙에 따라 임시 폴더에 풉니다.
각 레슨 매니페스트가 지정한 파일만 가져오며, 검사는 이 체크아웃의 것을 씁니다.

옵션:
  --lessons <목록>  채점할 레슨, 예: 1-5,8 (기본값: 전부)
  --jobs <n>        동시에 채점할 레슨 수 (기본값: ${defaultJobs()}, 코어당 4개.
                    모두 합쳐 검사는 한 번에 최대 ${scenarioCap()}개까지 돕니다)
  --out <폴더>      결과를 쓸 곳 (기본값: ./grade-out)
  --resume          중단된 채점을 끝난 레슨은 다시 하지 않고 이어서 진행
  --lang en|ko      피드백 언어 (기본값: LANG 환경 변수, 없으면 영어)
  --no-sandbox      샌드박스 없이 채점(샌드박스를 쓸 수 없는 컴퓨터에서). 학생 프로그램이
                    내 파일을 읽고 바꿀 수 있습니다. README의 "채점기가 막아 주는 것" 참고
  --help            이 도움말 보기`,
);

/** `--out` must be a folder of its own: not a file, not inside the class folder (a student's). */
function checkOutFolder(out: string, classDir: string): void {
  if (fs.existsSync(out) && !fs.statSync(out).isDirectory()) {
    throw new UsageError(text(`--out must be a folder, but ${out} is a file.`, `--out은 폴더여야 하는데 ${out}은(는) 파일입니다.`));
  }
  const r = path.relative(classDir, out);
  if (r === '' || (!r.startsWith('..') && !path.isAbsolute(r))) {
    throw new UsageError(text(`--out (${out}) is inside the submissions folder; choose a folder outside it.`, `--out(${out})이 제출물 폴더 안에 있습니다. 그 밖의 폴더를 고르세요.`));
  }
}

/** Grading runs code from students: only boxed, unless the instructor says otherwise. */
function requireSandbox(noSandbox: boolean): void {
  if (noSandbox) {
    process.env.SOCKET_COURSE_SANDBOX = 'off';
    return;
  }
  if (!sandboxAvailable()) {
    throw new UsageError(
      text(
        `No sandbox can be used here (${sandboxUnavailableReason()}), and grading runs students' code. Install bubblewrap (Debian/Ubuntu: apt-get install bubblewrap) or, knowing that a submission can then read and change your files, pass --no-sandbox.`,
        `이 컴퓨터에서는 샌드박스를 쓸 수 없는데(${sandboxUnavailableReason()}), 채점은 학생의 코드를 실행합니다. bubblewrap을 설치하거나(Debian/Ubuntu: apt-get install bubblewrap), 제출물이 내 파일을 읽고 바꿀 수 있음을 알고서 --no-sandbox를 주세요.`,
      ),
    );
  }
}

/** An LMS export, unpacked into a temporary folder that goes when the grader does. */
function unpackExport(zip: string, lessons: Lesson[]) {
  try {
    const lms = openLmsExport(zip, lessons);
    trackTempDir(lms.classDir);
    return lms;
  } catch (err) {
    if (!(err instanceof ZipRefused)) throw err;
    throw new UsageError(fill(text('{zip} was not unpacked: {why}.', '{zip}의 압축을 풀지 않았습니다. {why}.'), { zip: printable(zip), why: err.why }));
  }
}

/** Students whose files were refused: in the gradebook with 0, and told why in their feedback. */
function addRefused(book: Gradebook, refused: Map<string, Text>, lessons: Lesson[], lang: Lang): void {
  for (const [student, why] of refused) {
    book.students.push(student);
    book.records.set(student, new Map(refusedRecords(student, why, lessons).map((r) => [r.lesson, r])));
    process.stdout.write(`${fill(text('{student}: not graded, the submission was refused: {why}.', '{student}: 채점하지 않음. 제출물을 받지 않았습니다: {why}.'), { student: printable(student), why })[lang]}\n`);
  }
  book.students.sort((a, b) => a.localeCompare(b));
}

function progressLine(done: number, totalTasks: number, label: string): string {
  const width = 24;
  const filled = Math.round((done / totalTasks) * width);
  return `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${totalTasks} ${label}`;
}

function summaryTable(book: Gradebook, lang: Lang): string {
  const header = [pick(text('student', '학생'), lang), ...book.lessons.map((l) => column(l).replace('lesson-', 'L')), pick(text('total', '합계'), lang)];
  const rows = book.students.map((s) => [printable(s), ...book.lessons.map((l) => String(book.records.get(s)?.get(l)?.points ?? 0)), String(total(book, s))]);
  const widths = header.map((h, i) => Math.max(stringWidth(h), ...rows.map((r) => stringWidth(r[i]!))));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c + ' '.repeat(widths[i]! - stringWidth(c)) : c.padStart(widths[i]!))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

await runCommand(async () => {
  const { values, positionals } = parseCommandArgs(process.argv.slice(2), {
    lessons: { type: 'string' },
    jobs: { type: 'string' },
    out: { type: 'string' },
    resume: { type: 'boolean' },
    'no-sandbox': { type: 'boolean' },
    lang: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  const lang = langOption(values.lang);
  if (values.help) {
    process.stdout.write(`${pick(HELP, lang)}\n`);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(text(`Give one submissions folder.\n\n${HELP.en}`, `제출물 폴더를 하나 주세요.\n\n${HELP.ko}`));
  const given = path.resolve(positionals[0]!);
  const isZip = fs.existsSync(given) && fs.statSync(given).isFile() && /\.zip$/i.test(given);
  if (!isZip && (!fs.existsSync(given) || !fs.statSync(given).isDirectory())) {
    throw new UsageError(text(`Submissions folder not found: ${given}`, `제출물 폴더가 없습니다: ${given}`));
  }
  const jobs = values.jobs === undefined ? defaultJobs() : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(text(`--jobs must be a whole number ≥ 1, not "${values.jobs}".`, `--jobs는 1 이상의 정수여야 합니다("${values.jobs}"는 안 됩니다).`));
  const lessons = lessonsOption(values.lessons);
  const out = path.resolve(values.out ?? 'grade-out');
  if (!isZip) checkOutFolder(out, given);
  requireSandbox(Boolean(values['no-sandbox']));
  const lms = isZip ? unpackExport(given, lessons) : undefined;
  const classDir = lms?.classDir ?? given;
  const tty = Boolean(process.stdout.isTTY);
  const style = makeStyle();

  const run = await gradeClass({
    classDir,
    lessons,
    jobs,
    out,
    resume: Boolean(values.resume),
    onInterrupted: (running) => {
      const list = running.map(printable).join(', ') || '—';
      process.stderr.write(`\n${fill(text('Interrupted. Being graded then, not recorded: {list}. Run again with --resume to go on.', '중단했습니다. 채점 중이어서 기록되지 않은 것: {list}. --resume으로 다시 실행하면 이어서 채점합니다.'), { list })[lang]}\n`);
    },
    onProgress: ({ done, total: all, record, resumed }) => {
      const what = `${printable(record.student)} ${column(record.lesson)}: ${record.points}/${record.maxPoints} (${pick(STATUS_TEXT[record.status], lang)})${resumed ? pick(text(' — from the earlier run', ' — 이전 실행 결과'), lang) : ''}`;
      if (tty) process.stdout.write(`\r\u001b[2K${progressLine(done, all, what)}${done === all ? '\n' : ''}`);
      else process.stdout.write(`${done}/${all} ${what}\n`);
    },
  });
  if (lms) addRefused(run.book, lms.refused, lessons, lang);
  for (const f of [...run.stray, ...(lms?.stray ?? [])]) {
    process.stdout.write(`${style.yellow(fill(text('Note: {f} is not a folder; ignored.', '참고: {f}은(는) 폴더가 아니어서 건너뜁니다.'), { f: printable(f) })[lang])}\n`);
  }
  writeOutputs(out, run.book, lang);
  process.stdout.write(`\n${summaryTable(run.book, lang)}\n\n`);
  process.stdout.write(
    fill(text('Wrote {out}/gradebook.csv, feedback/, results/ (Gradescope) and junit.xml.', '{out}/gradebook.csv, feedback/, results/(Gradescope), junit.xml을 썼습니다.'), { out: path.relative(process.cwd(), out) || '.' })[lang] + '\n',
  );
  return 0;
});
