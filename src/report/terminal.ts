/**
 * The check report a learner reads in a terminal or a CI log: one line per scenario, and
 * for each failure what was expected, what came, the exchange as a diagram, the tail of the
 * program's own output, the likely cause, what to try and where to read.
 */
import fs from 'node:fs';
import path from 'node:path';
import stringWidth from 'string-width';
import { fill, pick, text, type Lang, type Text } from '../i18n.ts';
import type { LessonResult, ScenarioResult } from '../checks/run-lesson.ts';
import { describeExit } from '../checks/explain.ts';
import { drawDiagram } from './diagram.ts';
import { localCounts, printable } from './visible.ts';
import { makeStyle, type Style } from './style.ts';
import { COURSE_ROOT } from '../paths.ts';
import { listLessonNames } from '../lessons.ts';
import type { CompileError } from '../runner/transpile.ts';
import type { TypeIssue } from '../checks/typecheck.ts';

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
   * Failures already explained in this report (by reason, or the failure's own collapse key):
   * a repeat is shown in one line, so one mistake does not fill the screen ten times.
   */
  explained?: Set<string>;
  /** Columns to wrap long lines at; default the terminal's width, or 80 when not a terminal. */
  width?: number;
  /** The learner's own lesson folder was checked (not --solution or --dir): say what comes next. */
  ownFiles?: boolean;
  /** Only some of the lesson's checks were run (`--only`): a pass is not the lesson's. */
  partial?: boolean;
}

export function terminalWidth(stream: NodeJS.WriteStream = process.stdout): number {
  return stream.isTTY && stream.columns ? stream.columns : 80;
}

/**
 * Breaks `line` into lines of at most `width` columns, at spaces where it can (a long word or
 * a program's output line is cut where it must); continuation lines start with `indent`.
 */
export function wrap(line: string, columns: number, indent: string): string[] {
  if (stringWidth(line) <= columns) return [line];
  const width = Math.max(columns, stringWidth(indent) + 20); // a very narrow terminal still makes progress
  const out: string[] = [];
  let current = '';
  for (const word of line.split(/(?<= )/)) {
    const fits = stringWidth(current + word.trimEnd()) <= width;
    if (!fits && current.trim() !== '') {
      out.push(current.trimEnd());
      current = indent;
    }
    current += word;
    while (stringWidth(current.trimEnd()) > width) {
      const [head, rest] = cutAt(current, width);
      out.push(head);
      current = indent + rest;
    }
  }
  if (current.trim() !== '') out.push(current.trimEnd());
  return out;
}

/** The first `width` columns of `s`, and the rest (Hangul takes two columns). */
function cutAt(s: string, width: number): [string, string] {
  let head = '';
  for (const ch of s) {
    if (stringWidth(head + ch) > width) break;
    head += ch;
  }
  return [head, s.slice(head.length)];
}

/** The failure's collapse key: by default one reason with one explanation is one mistake. */
function collapseKey(f: NonNullable<ScenarioResult['failure']>): string {
  return f.collapseKey ?? `${f.reason}\0${f.cause?.en ?? ''}\0${f.fix?.en ?? ''}`;
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
  const t = (x: Text) => localCounts(printable(pick(x, o.lang)), o.lang);
  const width = o.width ?? terminalWidth();
  const time = s.dim(`${(r.ms / 1000).toFixed(2)}s`);
  // A check's figures (requests per second, memory at its peak) are shown pass or fail.
  const figures = (r.figures ?? []).map((n) => `      ${s.dim(t(n))}\n`).join('');
  if (r.status === 'pass') return `  ${s.green('✓')} ${t(r.title)} ${time}\n${figures}`;
  if (r.status === 'skip') {
    // A reason that already says it is skipped ("… this check is skipped.") is not prefixed again.
    const why = t(r.skipReason!);
    const label = /skipped|건너뜁|건너뜀/.test(why) ? why : `${t(L.skipped)}: ${why}`;
    return `  ${s.yellow('-')} ${t(r.title)} ${s.yellow(`(${label})`)}\n`;
  }
  const f = r.failure!;
  const out: string[] = [`  ${s.red('✗')} ${s.bold(t(r.title))} ${time}`];
  const ind = '      ';
  const more = `${ind}  `;
  /** A line of prose, wrapped; `head` (a bold label) is styled after wrapping. */
  const prose = (body: string, style: (x: string) => string = (x) => x, head?: string) => {
    const lines = wrap(`${ind}${head ? `${head}: ` : ''}${body}`, width, more);
    const first = head ? lines[0]!.replace(`${head}:`, s.bold(`${head}:`)) : style(lines[0]!);
    return [first, ...lines.slice(1).map((l) => (head ? l : style(l)))];
  };
  const key = collapseKey(f);
  if (o.explained?.has(key)) {
    return `${out[0]}\n${prose(`${t(f.summary)} ${t(L.sameAsAbove)}`, s.red).join('\n')}\n`;
  }
  o.explained?.add(key);
  out.push(...prose(t(f.summary), s.red));
  if (f.expected !== undefined) out.push(...prose(localCounts(printable(pick(f.expected, o.lang)), o.lang), undefined, t(L.expected)));
  if (f.actual !== undefined) {
    const [first, ...rest] = localCounts(printable(pick(f.actual, o.lang)), o.lang).split('\n');
    out.push(...prose(first!, undefined, t(L.got)), ...rest.flatMap((l) => wrap(`${more}${l}`, width, more)));
  }
  for (const tr of r.transcripts.filter((x) => x.events.length > 0)) {
    out.push('', `${ind}${s.bold(t(L.exchange))}:`);
    for (const line of drawDiagram(tr, o.lang)) out.push(`  ${line}`);
  }
  for (const p of r.programs) {
    out.push('');
    if (p.tail.length === 0) out.push(`${ind}${s.dim(fill(L.printedNothing, { label: p.labels })[o.lang])}`);
    else {
      out.push(`${ind}${s.bold(fill(L.printed, { label: p.labels })[o.lang])}:`);
      for (const line of p.tail) {
        for (const part of wrap(printable(line), width - ind.length - 2, '    ')) out.push(`${ind}${s.dim('│')} ${part}`);
      }
    }
    if (p.exit && p.exit.stoppedFor !== 'killed') out.push(`${ind}${s.dim(fill(L.ended, { label: p.labels, how: describeExit(p.exit) })[o.lang])}`);
  }
  out.push('');
  if (f.cause) out.push(...prose(t(f.cause), undefined, t(L.cause)));
  if (f.fix) out.push(...prose(t(f.fix), undefined, t(L.fix)));
  for (const n of [...r.notes, ...(r.figures ?? [])]) out.push(...prose(t(n), undefined, t(L.note)));
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

export function renderSummary(result: LessonResult, o: RenderOptions): string {
  const s = o.style ?? makeStyle();
  const lang = o.lang;
  const cwd = o.cwd ?? process.cwd();
  const id = `lesson-${result.lesson.manifest.id}`;
  if (result.status === 'missing-files') {
    const files = result.missing.map((f) => rel(path.join(result.dir, f), cwd)).join(', ');
    const restore = o.ownFiles
      ? fill(text('To get the starter back: npm run reset {id}', '시작 파일을 되살리려면: npm run reset {id}'), { id })
      : fill(text('The starter files are in lessons/{lesson}/; or check the folder you gave.', '시작 파일은 lessons/{lesson}/에 있습니다. 지정한 폴더도 확인해 보세요.'), { lesson: result.lesson.name });
    return s.red(fill(text('Missing file(s): {files}.', '파일이 없습니다: {files}.'), { files })[lang]) + ` ${restore[lang]}\n`;
  }
  if (result.status === 'compile-error') return renderCompileError(result.compileError!, o);
  const passed = result.scenarios.filter((r) => r.status === 'pass').length;
  const skipped = result.scenarios.filter((r) => r.status === 'skip').length;
  const total = result.scenarios.length - skipped;
  const counts = fill(text('{passed} of {total} checks passed', '검사 {total}개 중 {passed}개 통과'), { passed, total })[lang];
  const skip = skipped ? fill(text(', {n} skipped', ', {n}개 건너뜀'), { n: skipped })[lang] : '';
  const time = s.dim(` (${(result.ms / 1000).toFixed(1)}s)`);
  if (result.status === 'pass' && o.partial) {
    return s.green(s.bold(`${counts}${skip}.`)) + time + ' ' + pick(text('Run without --only to check the whole lesson.', '레슨 전체를 검사하려면 --only 없이 실행하세요.'), lang) + '\n';
  }
  if (result.status === 'pass') {
    return s.green(s.bold(`${counts}${skip}. ${pick(text('Lesson passed!', '레슨 통과!'), lang)}`)) + time + '\n' + (o.ownFiles ? whatNext(result, o) : '');
  }
  return s.red(s.bold(`${counts}${skip}.`)) + time + ' ' + pick(text('Fix the first failure above and check again.', '위의 첫 번째 실패부터 고치고 다시 검사하세요.'), lang) + '\n';
}

/** After a pass: the reference solution to compare with, and the next lesson with its command. */
function whatNext(result: LessonResult, o: RenderOptions): string {
  const name = result.lesson.name;
  // A copy of the course without its solutions (npm run template) has nothing to compare with.
  const compare = fs.existsSync(result.lesson.solutionDir) ? [fill(text('Compare your files with the reference solution in solutions/{lesson}/.', '참고 답안 solutions/{lesson}/과(와) 내 파일을 비교해 보세요.'), { lesson: name })] : [];
  const lines = [...compare];
  const names = listLessonNames();
  const next = names[names.indexOf(name) + 1];
  if (next) {
    const readme = o.lang === 'ko' ? 'README.ko.md' : 'README.md';
    lines.push(fill(text('Next: {next} — read lessons/{next}/{readme}, then run: npm run check {id}', '다음 레슨: {next} — lessons/{next}/{readme}를 읽고 실행하세요: npm run check {id}'), { next, readme, id: next.slice(0, 'lesson-NN'.length) }));
  } else lines.push(text('That was the last lesson. See all of them with: npm run check', '마지막 레슨이었습니다. 전체 진행 상황은: npm run check'));
  return lines.map((l) => `${l[o.lang]}\n`).join('');
}

/**
 * A file that does not compile: where, the line with a caret, and what to do. An import that
 * cannot be resolved is not a syntax error, and is not explained as one.
 */
function renderCompileError(e: CompileError, o: RenderOptions): string {
  const s = o.style ?? makeStyle();
  const where = `${rel(e.file, o.cwd ?? process.cwd())}:${e.line}:${e.column}`;
  const caret = e.lineText ? `\n    ${e.lineText}\n    ${' '.repeat(Math.max(0, e.column - 1))}^` : '';
  const head = s.red(fill(text('{where} does not compile: {detail}', '{where} 컴파일 오류: {detail}'), { where, detail: e.detail })[o.lang]);
  return `${head}${caret}\n${compileAdvice(e.detail)[o.lang]}\n`;
}

export function compileAdvice(detail: string): Text {
  const unresolved = /^Could not resolve "([^"]+)"/.exec(detail)?.[1];
  if (unresolved !== undefined) {
    const file = unresolved.startsWith('.') || unresolved.startsWith('/');
    return file
      ? fill(text('The file {name} cannot be found: check its name and that it is in the lesson folder. No program was started.', '{name} 파일을 찾을 수 없습니다. 이름이 맞는지, 레슨 폴더 안에 있는지 확인하세요. 프로그램은 실행하지 않았습니다.'), { name: unresolved })
      : fill(
          text(
            'The import "{name}" cannot be found: it is not one of Node\'s modules and not an installed package. Import Node\'s modules with node: (node:net, node:fs); the lessons need no other package. No program was started.',
            'import한 "{name}"을(를) 찾을 수 없습니다. Node 내장 모듈도, 설치된 패키지도 아닙니다. Node 모듈은 node:를 붙여 가져오세요(node:net, node:fs). 레슨에는 다른 패키지가 필요 없습니다. 프로그램은 실행하지 않았습니다.',
          ),
          { name: unresolved },
        );
  }
  if (/outside the lesson folder/.test(detail)) {
    return text("Import only Node's modules and the lesson folder's own files. No program was started.", 'Node 모듈과 레슨 폴더 안의 파일만 import하세요. 프로그램은 실행하지 않았습니다.');
  }
  return text('Fix the syntax error and check again; no program was started.', '문법 오류를 고친 뒤 다시 검사하세요. 프로그램은 실행하지 않았습니다.');
}

/** Type errors: a warning after the checks, since the programs ran (esbuild does not check types). */
export function renderTypeWarnings(issues: TypeIssue[], o: RenderOptions): string {
  if (issues.length === 0) return '';
  const s = o.style ?? makeStyle();
  const shown = issues.slice(0, 5);
  const head = fill(
    issues.length === 1
      ? text('Warning: a type error in your files. The checks ran anyway, but TypeScript would refuse it:', '경고: 내 파일에 타입 오류가 1개 있습니다. 검사는 그대로 했지만 TypeScript라면 받아들이지 않습니다:')
      : text('Warning: {n} type errors in your files. The checks ran anyway, but TypeScript would refuse them:', '경고: 내 파일에 타입 오류가 {n}개 있습니다. 검사는 그대로 했지만 TypeScript라면 받아들이지 않습니다:'),
    { n: issues.length },
  );
  const lines = [s.yellow(head[o.lang])];
  for (const i of shown) lines.push(...wrap(`  ${i.file}:${i.line}:${i.column} ${i.message} (${i.code})`, o.width ?? terminalWidth(), '    '));
  if (issues.length > shown.length) lines.push(`  ${fill(text('… and {n} more', '… 외 {n}개'), { n: issues.length - shown.length })[o.lang]}`);
  lines.push(s.dim(pick(text('See them all with: npm run typecheck', '전부 보려면: npm run typecheck'), o.lang)));
  return `${lines.join('\n')}\n`;
}
