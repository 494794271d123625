/**
 * One student's grade as Gradescope's results.json, built from the grader's records: per
 * lesson, one test that carries the lesson's points (the same as gradebook.csv: 7 of 10 checks
 * give 7) with the lesson's whole report as its output; then one test per check, with its
 * status and what went wrong, weighted 0 so that the points are counted once and Gradescope's
 * total is the gradebook's. A lesson with no checks run (not submitted, missing files, does not
 * compile, refused) has its lesson test only, whose output says why.
 */
import { fill, pick, text, type Lang, type Text } from '../i18n.ts';
import type { GradescopeResults, GradescopeTest, Visibility } from './gradescope-spec.ts';
import { column, total, type Gradebook } from './outputs.ts';
import type { LessonRecord, ScenarioRecord } from './records.ts';

export interface GradescopeRunInfo {
  visibility?: Visibility;
  /** Wall time of the whole grading, in seconds. */
  executionSeconds?: number;
  /** Said at the top of the results, above the tests (how this submission was run). */
  notes?: Text[];
  extra?: Record<string, unknown>;
}

const L = {
  head: text('**socket-course**: {score} of {max} points.', '**socket-course**: {max}점 중 {score}점.'),
  rule: text(
    'Each lesson is worth 10: all its checks passing give 10, otherwise each passing check earns its share, rounded down. Each lesson\'s test holds its points and its whole report; the checks below it say which passed.',
    '레슨마다 10점입니다. 검사를 모두 통과하면 10점, 아니면 통과한 검사의 비율만큼 받고 소수점은 버립니다. 레슨 항목에 점수와 전체 보고서가 있고, 그 아래 검사 항목에서 어느 검사를 통과했는지 볼 수 있습니다.',
  ),
  passed: text('✓ Passed.', '✓ 통과.'),
  skipped: text('Skipped here (a tool it needs, such as Python or Java, is missing); not counted either way.', '이 컴퓨터에서는 건너뜀(Python이나 Java처럼 이 검사에 필요한 도구가 없음). 점수에 반영하지 않습니다.'),
  failed: text('**✗ {summary}**\n\nFailure `{reason}`. The report of {lesson} shows the exchange, the likely cause and what to try.', '**✗ {summary}**\n\n실패 `{reason}`. {lesson}의 보고서에서 주고받은 내용, 예상 원인, 해 볼 일을 볼 수 있습니다.'),
};

/** Markdown that shows as the text it is: what a program sent cannot become a link or a tag. */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_[\]#|~]/g, (c) => `\\${c}`).replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function checkOutput(sc: ScenarioRecord, lesson: string, lang: Lang): string {
  if (sc.status === 'pass') return pick(L.passed, lang);
  if (sc.status === 'skip') return pick(L.skipped, lang);
  const summary = escapeMarkdown(sc.summary ? pick(sc.summary, lang) : '');
  return fill(L.failed, { summary, reason: (sc.reason ?? 'fail').replace(/`/g, ''), lesson: column(lesson) })[lang];
}

function lessonTests(r: LessonRecord, index: number, lang: Lang, visibility: Visibility): GradescopeTest[] {
  const tag = column(r.lesson);
  const lessonTest: GradescopeTest = {
    name: r.lesson,
    name_format: 'text',
    number: String(index + 1),
    score: r.points,
    max_score: r.maxPoints,
    status: r.status === 'pass' ? 'passed' : 'failed',
    // The report with its diagrams where there is one (a lesson that ran); else the Markdown.
    output: r.feedbackHtml?.[lang] ?? r.feedback[lang],
    output_format: r.feedbackHtml ? 'html' : 'md',
    tags: [tag],
    visibility,
    extra_data: { status: r.status },
  };
  const checks = r.scenarios.map((sc, j): GradescopeTest => ({
    name: `${tag} › ${pick(sc.title, lang)}`,
    name_format: 'text',
    number: `${index + 1}.${j + 1}`,
    score: 0,
    max_score: 0,
    ...(sc.status === 'skip' ? {} : { status: sc.status === 'pass' ? 'passed' : 'failed' }),
    output: checkOutput(sc, r.lesson, lang),
    output_format: 'md',
    tags: [tag, sc.id],
    visibility,
    extra_data: { check: sc.id, ms: sc.ms, ...(sc.reason ? { reason: sc.reason } : {}) },
  }));
  return [lessonTest, ...checks];
}

export function gradescopeResults(book: Gradebook, student: string, lang: Lang, run: GradescopeRunInfo = {}): GradescopeResults {
  const visibility = run.visibility ?? 'visible';
  const records = book.lessons.map((l) => book.records.get(student)?.get(l)).filter((r): r is LessonRecord => r !== undefined);
  const max = records.reduce((n, r) => n + r.maxPoints, 0);
  const score = total(book, student);
  const output = [fill(L.head, { score, max })[lang], pick(L.rule, lang), ...(run.notes ?? []).map((n) => pick(n, lang))].join('\n\n');
  return {
    score,
    ...(run.executionSeconds === undefined ? {} : { execution_time: Math.round(run.executionSeconds) }),
    output,
    output_format: 'md',
    test_output_format: 'md',
    test_name_format: 'text',
    visibility,
    stdout_visibility: 'hidden',
    extra_data: { course: 'socket-course', lessons: book.lessons, ...run.extra },
    tests: records.flatMap((r, i) => lessonTests(r, i, lang, visibility)),
  };
}
