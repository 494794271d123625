/**
 * The grader's files, all built from the per-lesson records: the CSV gradebook, one Markdown
 * feedback file per student, Gradescope's results JSON per student, and JUnit XML.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pick, text, type Lang } from '../i18n.ts';
import { printable } from '../report/visible.ts';
import { gradescopeResults, type GradescopeRunInfo } from './gradescope.ts';
import { studentFileName } from './names.ts';
import type { GradeStatus, LessonRecord } from './records.ts';

export interface Gradebook {
  students: string[];
  lessons: string[];
  /** records[student][lesson] */
  records: Map<string, Map<string, LessonRecord>>;
}

export const STATUS_TEXT: Record<GradeStatus, ReturnType<typeof text>> = {
  pass: text('passed', '통과'),
  fail: text('some checks failed', '일부 검사 실패'),
  'not-submitted': text('not submitted', '제출하지 않음'),
  'missing-files': text('missing files', '파일 없음'),
  'compile-error': text('does not compile', '컴파일 오류'),
  refused: text('refused: a link out of the submission, or an unsafe zip', '거부: 제출물 밖을 가리키는 링크 또는 안전하지 않은 zip'),
  'checker-error': text('checker error (not the student\'s fault)', '검사기 오류(학생 잘못 아님)'),
};

/** `lesson-03-echo-stream` → `lesson-03`, the gradebook's column name. */
export function column(lesson: string): string {
  return lesson.slice(0, 'lesson-NN'.length);
}

export function total(book: Gradebook, student: string): number {
  return book.lessons.reduce((sum, l) => sum + (book.records.get(student)?.get(l)?.points ?? 0), 0);
}

/**
 * A CSV cell a spreadsheet shows as text: a cell that would start a formula (`=`, `+`, `-`,
 * `@`, or a tab or CR before one) gets a leading `'`, as OWASP advises for CSV injection.
 */
export function csvCell(v: string | number): string {
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function gradebookCsv(book: Gradebook): string {
  const rows = [['student', ...book.lessons.map(column), 'total']];
  for (const s of book.students) {
    rows.push([s, ...book.lessons.map((l) => String(book.records.get(s)?.get(l)?.points ?? 0)), String(total(book, s))]);
  }
  return rows.map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
}

export function feedbackMarkdown(book: Gradebook, student: string, lang: Lang): string {
  const max = book.lessons.reduce((sum, l) => sum + (book.records.get(student)?.get(l)?.maxPoints ?? 10), 0);
  const name = printable(student);
  const head = pick(text(`# Feedback for ${name}\n\nTotal: **${total(book, student)} / ${max}**\n`, `# ${name} 피드백\n\n합계: **${total(book, student)} / ${max}**\n`), lang);
  const parts = book.lessons.map((l) => book.records.get(student)?.get(l)?.feedback[lang] ?? '');
  return [head, ...parts].join('\n');
}

/** Gradescope's autograder results format (results.json): see src/grade/gradescope.ts. */
export function gradescopeJson(book: Gradebook, student: string, lang: Lang, run?: GradescopeRunInfo): string {
  return JSON.stringify(gradescopeResults(book, student, lang, run), null, 2) + '\n';
}

/** Text XML 1.0 allows (control bytes, lone surrogates, U+FFFE and U+FFFF removed), escaped. */
export function xml(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

export function junitXml(book: Gradebook, lang: Lang): string {
  const suites: string[] = [];
  let allTests = 0;
  let allFailures = 0;
  for (const s of book.students) {
    const cases: string[] = [];
    let failures = 0;
    let skipped = 0;
    for (const l of book.lessons) {
      const r = book.records.get(s)?.get(l);
      if (!r || r.scenarios.length === 0) {
        failures++;
        const why = pick(STATUS_TEXT[r?.status ?? 'not-submitted'], lang);
        cases.push(`    <testcase classname="${xml(`${s}.${l}`)}" name="${xml(l)}"><failure message="${xml(why)}"/></testcase>`);
        continue;
      }
      for (const sc of r.scenarios) {
        const name = xml(`${sc.id}: ${pick(sc.title, lang)}`);
        const head = `    <testcase classname="${xml(`${s}.${l}`)}" name="${name}" time="${(sc.ms / 1000).toFixed(3)}"`;
        if (sc.status === 'pass') cases.push(`${head}/>`);
        else if (sc.status === 'skip') {
          skipped++;
          cases.push(`${head}><skipped/></testcase>`);
        } else {
          failures++;
          cases.push(`${head}><failure message="${xml(sc.summary ? pick(sc.summary, lang) : '')}" type="${xml(sc.reason ?? 'fail')}"/></testcase>`);
        }
      }
    }
    allTests += cases.length;
    allFailures += failures;
    suites.push(`  <testsuite name="${xml(s)}" tests="${cases.length}" failures="${failures}" skipped="${skipped}">\n${cases.join('\n')}\n  </testsuite>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="socket-course" tests="${allTests}" failures="${allFailures}">\n${suites.join('\n')}\n</testsuites>\n`;
}

export function writeOutputs(out: string, book: Gradebook, lang: Lang): void {
  fs.mkdirSync(path.join(out, 'feedback'), { recursive: true });
  fs.mkdirSync(path.join(out, 'results'), { recursive: true });
  fs.writeFileSync(path.join(out, 'gradebook.csv'), gradebookCsv(book));
  fs.writeFileSync(path.join(out, 'junit.xml'), junitXml(book, lang));
  for (const s of book.students) {
    fs.writeFileSync(path.join(out, 'feedback', `${studentFileName(s)}.md`), feedbackMarkdown(book, s, lang));
    fs.writeFileSync(path.join(out, 'results', `${studentFileName(s)}.json`), gradescopeJson(book, s, lang));
  }
}
