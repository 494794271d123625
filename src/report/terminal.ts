/**
 * The check report a learner reads in a terminal or a CI log: one line per scenario, and
 * for each failure what was expected, what came, the exchange as a diagram, the tail of the
 * program's own output, the likely cause, what to try and where to read.
 */
import path from 'node:path';
import { fill, pick, text, type Lang, type Text } from '../i18n.ts';
import type { LessonResult, ScenarioResult } from '../checks/run-lesson.ts';
import { describeExit } from '../checks/explain.ts';
import { drawDiagram } from './diagram.ts';
import { printable } from './visible.ts';
import { makeStyle, type Style } from './style.ts';
import { COURSE_ROOT } from '../paths.ts';

const L = {
  expected: text('Expected', '기대한 것'),
  got: text('Got', '실제로 온 것'),
  exchange: text('The exchange so far', '지금까지 주고받은 내용'),
  printed: text('{label} printed (last lines)', '{label} 출력 (마지막 줄)'),
  printedNothing: text('{label} printed nothing', '{label} 출력 없음'),
  ended: text('{label}: {how}', '{label}: {how}'),
  cause: text('Likely cause', '가능한 원인'),
  fix: text('Try', '해 볼 것'),
  read: text('Read', '읽을 곳'),
  skipped: text('skipped', '건너뜀'),
  note: text('Note', '참고'),
  sameAsAbove: text('(explained above)', '(위에서 설명함)'),
};

export interface RenderOptions {
  lang: Lang;
  style?: Style;
  /** Paths are shown relative to this folder. */
  cwd?: string;
  /**
   * Failures already explained in this report (by reason and summary): a repeat is shown in
   * one line, so one mistake does not fill the screen ten times.
   */
  explained?: Set<string>;
}

function rel(p: string, cwd: string): string {
  const r = path.relative(cwd, p);
  return r && !r.startsWith('..') ? r : p;
}

export function renderHeader(result: Pick<LessonResult, 'lesson' | 'dir'>, o: RenderOptions): string {
  const s = o.style ?? makeStyle();
  const m = result.lesson.manifest;
  const where = rel(result.dir, o.cwd ?? process.cwd());
  return `${s.bold(`${result.lesson.name}`)} — ${pick(m.title, o.lang)}\n${s.dim(fill(text('checking {dir}', '{dir} 검사 중'), { dir: where })[o.lang])}\n`;
}

export function renderScenario(r: ScenarioResult, result: Pick<LessonResult, 'lesson'>, o: RenderOptions): string {
  const s = o.style ?? makeStyle();
  // Every text here may carry what a program printed or sent: shown with controls escaped.
  const t = (x: Text) => printable(pick(x, o.lang));
  const time = s.dim(`${(r.ms / 1000).toFixed(2)}s`);
  if (r.status === 'pass') return `  ${s.green('✓')} ${t(r.title)} ${time}\n`;
  if (r.status === 'skip') return `  ${s.yellow('-')} ${t(r.title)} ${s.yellow(`(${t(L.skipped)}: ${t(r.skipReason!)})`)}\n`;
  const f = r.failure!;
  const out: string[] = [`  ${s.red('✗')} ${s.bold(t(r.title))} ${time}`];
  const ind = '      ';
  const key = `${f.reason}\0${f.summary.en}`;
  if (o.explained?.has(key)) {
    return `${out[0]}\n${ind}${s.red(t(f.summary))} ${s.dim(t(L.sameAsAbove))}\n`;
  }
  o.explained?.add(key);
  out.push(`${ind}${s.red(t(f.summary))}`);
  if (f.expected !== undefined) out.push(`${ind}${s.bold(t(L.expected))}: ${printable(pick(f.expected, o.lang))}`);
  if (f.actual !== undefined) out.push(`${ind}${s.bold(t(L.got))}: ${indentRest(printable(pick(f.actual, o.lang)), ind + '  ')}`);
  for (const tr of r.transcripts.filter((x) => x.events.length > 0)) {
    out.push('', `${ind}${s.bold(t(L.exchange))}:`);
    for (const line of drawDiagram(tr, o.lang)) out.push(`  ${line}`);
  }
  for (const p of r.programs) {
    out.push('');
    if (p.tail.length === 0) out.push(`${ind}${s.dim(fill(L.printedNothing, { label: p.label })[o.lang])}`);
    else {
      out.push(`${ind}${s.bold(fill(L.printed, { label: p.label })[o.lang])}:`);
      for (const line of p.tail) out.push(`${ind}${s.dim('│')} ${printable(line)}`);
    }
    if (p.exit && p.exit.stoppedFor !== 'killed') out.push(`${ind}${s.dim(fill(L.ended, { label: p.label, how: describeExit(p.exit) })[o.lang])}`);
  }
  out.push('');
  if (f.cause) out.push(`${ind}${s.bold(t(L.cause))}: ${t(f.cause)}`);
  if (f.fix) out.push(`${ind}${s.bold(t(L.fix))}: ${t(f.fix)}`);
  for (const n of r.notes) out.push(`${ind}${s.bold(t(L.note))}: ${t(n)}`);
  if (f.section) out.push(`${ind}${s.bold(t(L.read))}: ${s.cyan(sectionLink(f.section, result.lesson.dir, o))}`);
  return out.join('\n') + '\n\n';
}

/** `course:x` names a section of the course README; anything else one of the lesson's. */
export function sectionLink(section: string, lessonDir: string, o: RenderOptions): string {
  const readme = o.lang === 'ko' ? 'README.ko.md' : 'README.md';
  const courseWide = section.startsWith('course:');
  const dir = courseWide ? COURSE_ROOT : lessonDir;
  return `${rel(path.join(dir, readme), o.cwd ?? process.cwd())}#${section.replace(/^course:/, '')}`;
}

function indentRest(s: string, indent: string): string {
  return s.split('\n').join(`\n${indent}`);
}

export function renderSummary(result: LessonResult, o: RenderOptions): string {
  const s = o.style ?? makeStyle();
  const lang = o.lang;
  const cwd = o.cwd ?? process.cwd();
  if (result.status === 'missing-files') {
    const files = result.missing.map((f) => rel(path.join(result.dir, f), cwd)).join(', ');
    return s.red(
      fill(
        text(
          'Missing file(s): {files}. Create them (the starter files are in lessons/{lesson}/), or check the folder you gave.',
          '파일이 없습니다: {files}. 파일을 만들거나(시작 파일은 lessons/{lesson}/에 있습니다) 지정한 폴더를 확인하세요.',
        ),
        { files, lesson: result.lesson.name },
      )[lang],
    ) + '\n';
  }
  if (result.status === 'compile-error') {
    const e = result.compileError!;
    const where = `${rel(e.file, cwd)}:${e.line}:${e.column}`;
    const caret = e.lineText ? `\n    ${e.lineText}\n    ${' '.repeat(Math.max(0, e.column - 1))}^` : '';
    return (
      s.red(fill(text('{where} does not compile: {detail}', '{where} 컴파일 오류: {detail}'), { where, detail: e.detail })[lang]) +
      caret +
      '\n' +
      fill(text('Fix the syntax error and check again; no program was started.', '문법 오류를 고친 뒤 다시 검사하세요. 프로그램은 실행하지 않았습니다.'), {})[lang] +
      '\n'
    );
  }
  const passed = result.scenarios.filter((r) => r.status === 'pass').length;
  const skipped = result.scenarios.filter((r) => r.status === 'skip').length;
  const total = result.scenarios.length - skipped;
  const counts = fill(text('{passed} of {total} checks passed', '검사 {total}개 중 {passed}개 통과'), { passed, total })[lang];
  const skip = skipped ? fill(text(', {n} skipped', ', {n}개 건너뜀'), { n: skipped })[lang] : '';
  const time = s.dim(` (${(result.ms / 1000).toFixed(1)}s)`);
  if (result.status === 'pass') {
    return s.green(s.bold(`${counts}${skip}. ${pick(text('Lesson passed!', '레슨 통과!'), lang)}`)) + time + '\n';
  }
  return s.red(s.bold(`${counts}${skip}.`)) + time + ' ' + pick(text('Fix the first failure above and check again.', '위의 첫 번째 실패부터 고치고 다시 검사하세요.'), lang) + '\n';
}
