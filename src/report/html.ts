/**
 * The check report as a self-contained HTML page: the same findings as the terminal report
 * (what was expected, what came, the likely cause, what to try, where to read, the tail of each
 * program's output), with every exchange drawn as an SVG sequence diagram. One file, no script,
 * no outside resource: it opens from disk, as a CI artefact or in a grader's feedback.
 *
 * Everything shown may come from a program (what it printed or sent): all of it is escaped.
 */
import { fill, pick, text, type Lang, type Text } from '../i18n.ts';
import type { LessonResult, ScenarioResult } from '../checks/run-lesson.ts';
import { describeExit } from '../checks/explain.ts';
import { drawDiagram } from './diagram.ts';
import { escapeXml, transcriptSvg } from './svg.ts';
import { localCounts, printable } from './visible.ts';

export interface HtmlOptions {
  lang: Lang;
  /**
   * Turns a failure's `section` into the README it points at (`lessons/…/README.md#mistakes`);
   * shown as text, since where the page is opened from is not known.
   */
  sectionLink?: (section: string) => string;
}

const L = {
  title: text('{lesson} — check report', '{lesson} — 검사 보고서'),
  checked: text('Checked {dir}', '검사한 폴더: {dir}'),
  counts: text('{passed} of {total} checks passed', '검사 {total}개 중 {passed}개 통과'),
  skippedN: text(', {n} skipped', ', {n}개 건너뜀'),
  passed: text('Lesson passed!', '레슨 통과!'),
  fixFirst: text('Fix the first failure and check again.', '첫 번째 실패부터 고치고 다시 검사하세요.'),
  missing: text('Missing file(s): {files}.', '파일이 없습니다: {files}.'),
  compile: text('{where} does not compile: {detail}', '{where} 컴파일 오류: {detail}'),
  expected: text('Expected', '기대한 것'),
  got: text('Got', '실제로 온 것'),
  exchange: text('The exchange', '주고받은 내용'),
  asText: text('The same, as text', '같은 내용을 텍스트로'),
  printed: text('{label} printed (last lines)', '{label} 출력 (마지막 줄)'),
  printedNothing: text('{label} printed nothing', '{label} 출력 없음'),
  cause: text('Likely cause', '가능한 원인'),
  fix: text('Try', '해 볼 것'),
  read: text('Read', '읽을 곳'),
  note: text('Note', '참고'),
  skipped: text('skipped', '건너뜀'),
  sameAsAbove: text('(explained above)', '(위에서 설명함)'),
  status: { pass: text('passed', '통과'), fail: text('failed', '실패'), skip: text('skipped', '건너뜀') },
};

/** Text safe in HTML content and attribute values (program output included). */
export function escapeHtml(s: string): string {
  return escapeXml(s);
}

function show(t: Text | string, lang: Lang): string {
  return escapeHtml(localCounts(printable(pick(t, lang)), lang));
}

function diagrams(r: ScenarioResult, lang: Lang): string {
  const drawn = r.transcripts.filter((t) => t.events.length > 0);
  if (drawn.length === 0) return '';
  const pictures = drawn.map((t) => `<figure>${transcriptSvg(t, { lang })}</figure>`).join('\n');
  const asText = drawn.map((t) => drawDiagram(t, lang).join('\n')).join('\n\n');
  return `<h4>${show(L.exchange, lang)}</h4>\n${pictures}\n<details><summary>${show(L.asText, lang)}</summary><pre>${escapeHtml(asText)}</pre></details>`;
}

function programs(r: ScenarioResult, lang: Lang): string {
  return r.programs
    .map((p) => {
      const label = printable(p.labels[lang]);
      const head = p.tail.length === 0 ? fill(L.printedNothing, { label }) : fill(L.printed, { label });
      const tail = p.tail.length === 0 ? '' : `<pre class="output">${escapeHtml(p.tail.map((l) => printable(l)).join('\n'))}</pre>`;
      const ended = p.exit && p.exit.stoppedFor !== 'killed' ? `<p class="dim">${escapeHtml(label)}: ${show(describeExit(p.exit), lang)}</p>` : '';
      return `<h4>${show(head, lang)}</h4>${tail}${ended}`;
    })
    .join('\n');
}

/** `lessons/<lesson>/README.md#mistakes`, or `README.md#…` for a course-wide `course:` section, as the terminal says it. */
function readmeSection(lesson: string, lang: Lang): (section: string) => string {
  const readme = lang === 'ko' ? 'README.ko.md' : 'README.md';
  return (section) => (section.startsWith('course:') ? `${readme}#${section.slice('course:'.length)}` : `lessons/${lesson}/${readme}#${section}`);
}

function field(label: Text, value: Text | string | undefined, lang: Lang): string {
  if (value === undefined) return '';
  return `<dt>${show(label, lang)}</dt><dd>${show(value, lang).replace(/\n/g, '<br>')}</dd>`;
}

function failureBody(r: ScenarioResult, lesson: string, o: HtmlOptions, explained: Set<string>): string {
  const f = r.failure!;
  const lang = o.lang;
  const key = f.collapseKey ?? `${f.reason}\0${f.cause?.en ?? ''}\0${f.fix?.en ?? ''}`;
  if (explained.has(key)) return `<p class="summary">${show(f.summary, lang)} ${show(L.sameAsAbove, lang)}</p>`;
  explained.add(key);
  const read = f.section ? field(L.read, (o.sectionLink ?? readmeSection(lesson, lang))(f.section), lang) : '';
  const notes = r.notes.map((n) => field(L.note, n, lang)).join('');
  return [
    `<p class="summary">${show(f.summary, lang)} <code>${escapeHtml(f.reason)}</code></p>`,
    `<dl>${field(L.expected, f.expected, lang)}${field(L.got, f.actual, lang)}</dl>`,
    diagrams(r, lang),
    programs(r, lang),
    `<dl>${field(L.cause, f.cause, lang)}${field(L.fix, f.fix, lang)}${notes}${read}</dl>`,
  ].join('\n');
}

function scenarioSection(r: ScenarioResult, lesson: string, o: HtmlOptions, explained: Set<string>): string {
  const lang = o.lang;
  const mark = r.status === 'pass' ? '✓' : r.status === 'skip' ? '–' : '✗';
  const head = `<span class="mark" aria-label="${show(L.status[r.status], lang)}">${mark}</span> ${show(r.title, lang)} <span class="dim">${(r.ms / 1000).toFixed(2)} s</span>`;
  if (r.status === 'fail') return `<section class="scenario fail"><h3>${head}</h3>\n${failureBody(r, lesson, o, explained)}</section>`;
  const why = r.status === 'skip' ? `<p class="dim">${show(L.skipped, lang)}: ${show(r.skipReason ?? '', lang)}</p>` : '';
  // A pass keeps its pictures behind a click: the failures are what the reader came for.
  const pictures = diagrams(r, lang);
  const more = pictures ? `<details><summary>${show(L.exchange, lang)}</summary>${pictures}</details>` : '';
  return `<section class="scenario ${r.status}"><h3>${head}</h3>${why}${more}</section>`;
}

function summaryLine(result: LessonResult, lang: Lang): string {
  if (result.status === 'missing-files') return `<p class="verdict fail">${show(fill(L.missing, { files: result.missing.join(', ') }), lang)}</p>`;
  if (result.status === 'compile-error') {
    const e = result.compileError!;
    const where = `${e.file}:${e.line}:${e.column}`;
    const caret = e.lineText ? `<pre>${escapeHtml(printable(e.lineText))}\n${' '.repeat(Math.max(0, e.column - 1))}^</pre>` : '';
    return `<p class="verdict fail">${show(fill(L.compile, { where, detail: e.detail }), lang)}</p>${caret}`;
  }
  const passed = result.scenarios.filter((r) => r.status === 'pass').length;
  const skipped = result.scenarios.filter((r) => r.status === 'skip').length;
  const counts = fill(L.counts, { passed, total: result.scenarios.length - skipped })[lang] + (skipped ? fill(L.skippedN, { n: skipped })[lang] : '');
  const verdict = result.status === 'pass' ? L.passed : L.fixFirst;
  return `<p class="verdict ${result.status}">${escapeHtml(counts)}. ${show(verdict, lang)}</p>`;
}

/** The report of one lesson as a fragment (`<section>` with its own scoped style), for a page or a grader's feedback. */
export function renderLessonFragment(result: LessonResult, o: HtmlOptions): string {
  const lang = o.lang;
  const m = result.lesson.manifest;
  const explained = new Set<string>();
  return [
    `<section class="socket-course-report" lang="${lang}">`,
    `<style>${STYLE}</style>`,
    `<h2>${escapeHtml(result.lesson.name)} — ${show(m.title, lang)}</h2>`,
    `<p class="dim">${show(fill(L.checked, { dir: result.dir }), lang)}</p>`,
    summaryLine(result, lang),
    ...result.scenarios.map((r) => scenarioSection(r, result.lesson.name, o, explained)),
    '</section>',
  ].join('\n');
}

/** The report of one lesson as a whole HTML page (`npm run check … -- --html <file>`). */
export function renderLessonHtml(result: LessonResult, o: HtmlOptions): string {
  const title = fill(L.title, { lesson: result.lesson.name })[o.lang];
  return [
    '<!doctype html>',
    `<html lang="${o.lang}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${PAGE_STYLE}</style></head>`,
    `<body><main>\n${renderLessonFragment(result, o)}\n</main></body>`,
    '</html>',
    '',
  ].join('\n');
}

const PAGE_STYLE = `
:root { color-scheme: light dark; }
body { margin: 0; font: 16px/1.5 system-ui, sans-serif; background: Canvas; color: CanvasText; }
main { max-width: 860px; margin: 0 auto; padding: 1rem; }
`;

const STYLE = `
.socket-course-report { font: inherit; }
.socket-course-report h2 { font-size: 1.4rem; margin: .5rem 0; }
.socket-course-report h3 { font-size: 1.05rem; margin: 0 0 .5rem; }
.socket-course-report h4 { font-size: .95rem; margin: 1rem 0 .25rem; }
.socket-course-report .scenario { border: 1px solid #8884; border-left-width: 4px; border-radius: 6px; padding: .6rem .8rem; margin: .6rem 0; }
.socket-course-report .scenario.pass { border-left-color: #15803d; }
.socket-course-report .scenario.fail { border-left-color: #b91c1c; }
.socket-course-report .scenario.skip { border-left-color: #a16207; }
.socket-course-report .pass .mark { color: #15803d; }
.socket-course-report .fail .mark, .socket-course-report .summary { color: #b91c1c; }
.socket-course-report .verdict { font-weight: bold; }
.socket-course-report .verdict.pass { color: #15803d; }
.socket-course-report .verdict.fail { color: #b91c1c; }
.socket-course-report .dim { opacity: .75; font-weight: normal; }
.socket-course-report dt { font-weight: bold; }
.socket-course-report dd { margin: 0 0 .4rem 1rem; overflow-wrap: anywhere; }
.socket-course-report pre { overflow-x: auto; padding: .5rem; border-radius: 4px; background: #8881; font-size: .85rem; }
.socket-course-report figure { margin: .5rem 0; }
.socket-course-report svg { max-width: 100%; height: auto; }
@media (prefers-color-scheme: dark) {
  .socket-course-report .pass .mark, .socket-course-report .verdict.pass { color: #4ade80; }
  .socket-course-report .fail .mark, .socket-course-report .summary, .socket-course-report .verdict.fail { color: #f87171; }
}
`;
