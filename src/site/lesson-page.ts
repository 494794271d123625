/**
 * What a lesson's page adds to its README: a card with what it teaches and the commands, the
 * exchange drawn from a real run beside the README's text diagram, every check with the
 * exchanges it recorded, the source's own programs in tabs, and the hints behind a click.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fill, pick, text, type Lang } from '../i18n.ts';
import type { Lesson } from '../lessons.ts';
import { transcriptSvg } from '../report/svg.ts';
import { escapeHtml } from '../report/html.ts';
import type { RecordedRun, RecordedScenario } from './runs.ts';

const L = {
  card: text('In this lesson', '이 레슨에서는'),
  youWrite: text('You write', '작성할 파일'),
  minutes: text('About {n} minutes, reading included.', '읽는 시간을 포함해 {n}분쯤 걸립니다.'),
  check: text('Check your programs', '내 프로그램 검사'),
  hint: text('Next hint in the terminal', '터미널에서 다음 힌트 보기'),
  realRun: text(
    'The same exchange, recorded while this site was built: the reference solution run through the check “{title}”.',
    '같은 주고받기를 이 사이트를 만들 때 실제로 기록한 것입니다. 참고 답안을 “{title}” 검사로 실행했습니다.',
  ),
  runs: text('Every check, run on the reference solution', '모든 검사를 참고 답안으로 실행한 기록'),
  runsIntro: text(
    'While this site was built, the reference solution of this lesson went through all of its checks, exactly as `npm run check {id} -- --solution` runs them. Open a check to see what it exchanged; your own programs are drawn the same way when a check fails (`npm run check {id} -- --html report.html`).',
    '이 사이트를 만들면서 이 레슨의 참고 답안을 모든 검사에 통과시켰습니다. `npm run check {id} -- --solution`과 똑같은 방식입니다. 검사를 펼치면 무엇을 주고받았는지 보입니다. 내 프로그램이 검사에 실패하면 같은 그림으로 그려집니다(`npm run check {id} -- --html report.html`).',
  ),
  noExchange: text('This check records no socket exchange of its own (it runs programs and reads what they print).', '이 검사는 소켓 주고받기를 따로 기록하지 않습니다(프로그램을 실행하고 출력을 읽습니다).'),
  skipped: text('skipped on the machine that built this site: {why}', '이 사이트를 만든 컴퓨터에서는 건너뜀: {why}'),
  failed: text('did not pass on the machine that built this site', '이 사이트를 만든 컴퓨터에서 통과하지 못함'),
  moreConnections: text('The first {shown} of its {n} connections; the others look alike.', '연결 {n}개 가운데 처음 {shown}개입니다. 나머지도 비슷합니다.'),
  hints: text('Hints', '힌트'),
  hintsIntro: text('Try on your own first; open one hint at a time. In the terminal: `npm run hint {id}`.', '먼저 혼자 해 보고, 힌트는 하나씩 여세요. 터미널에서는 `npm run hint {id}`입니다.'),
  hintN: text('Hint {n}', '힌트 {n}'),
  source: text("The source's programs", '원문의 프로그램'),
  sourceIntro: text('The source\'s own programs for this lesson, unchanged, one tab each (the files are in [`source/`](source/)).', '이 레슨에서 쓰는 원문의 프로그램을 고치지 않고 그대로, 파일마다 탭 하나씩 보여 줍니다(파일은 [`source/`](source/)에 있습니다).'),
};

/** A check with many connections (50 clients at once) shows a few: the page stays light. */
const MAX_PICTURES = 3;

/** A figure holding one SVG; `v-pre` so that the page's template compiler leaves it alone. */
export function figure(svg: string, caption?: string): string {
  const cap = caption ? `<figcaption>${escapeHtml(caption)}</figcaption>` : '';
  return `<figure class="seq-figure" v-pre>\n${svg}\n${cap}</figure>`;
}

function lessonId(lesson: Lesson): string {
  return `lesson-${lesson.manifest.id}`;
}

/** The card under the title: what it teaches, the files, the time, the two commands. */
export function lessonCard(lesson: Lesson, lang: Lang): string {
  const m = lesson.manifest;
  const files = m.files.map((f) => `\`${f}\``).join(', ');
  const lines = [
    `::: tip ${pick(L.card, lang)}`,
    // Plain text, not markup: `<size>` in a summary would open an element, `{{` a Vue expression.
    escapeHtml(pick(m.summary, lang)).replace(/\{\{/g, '&#123;&#123;'),
    '',
    `- ${pick(L.youWrite, lang)}: ${files}`,
    ...(m.minutes ? [`- ${fill(L.minutes, { n: m.minutes })[lang]}`] : []),
    `- ${pick(L.check, lang)}: \`npm run check ${lessonId(lesson)}\``,
    `- ${pick(L.hint, lang)}: \`npm run hint ${lessonId(lesson)}\``,
    ':::',
  ];
  return lines.join('\n');
}

/** The card goes right after the first lines (title and language links), before the first section. */
export function insertAfterIntro(markdown: string, block: string): string {
  const at = markdown.search(/^<a id=|^## /m);
  if (at < 0) return `${markdown}\n\n${block}\n`;
  return `${markdown.slice(0, at)}${block}\n\n${markdown.slice(at)}`;
}

function drawn(s: RecordedScenario): boolean {
  return s.transcripts.some((t) => t.events.some((e) => e.kind === 'data'));
}

/** The scenario whose picture stands beside the README's own diagram: the first that exchanged data and passed. */
function mainScenario(run: RecordedRun): RecordedScenario | undefined {
  return run.scenarios.find((s) => s.status === 'pass' && drawn(s)) ?? run.scenarios.find(drawn);
}

/** After the README's first text diagram in "The exchange", the same exchange from a real run. */
export function besideExchange(markdown: string, run: RecordedRun, lang: Lang): string {
  const main = mainScenario(run);
  if (!main) return markdown;
  const section = markdown.indexOf('<a id="the-exchange"></a>');
  if (section < 0) return markdown;
  const fence = /^```\s*\n[\s\S]*?^```\s*$/m;
  const rest = markdown.slice(section);
  const m = fence.exec(rest);
  if (!m) return markdown;
  const at = section + m.index + m[0].length;
  const caption = fill(L.realRun, { title: pick(main.title, lang) })[lang];
  const pictures = main.transcripts.filter((t) => t.events.length > 0).map((t) => transcriptSvg(t, { lang }));
  return `${markdown.slice(0, at)}\n\n${figure(pictures.join('\n'), caption)}\n${markdown.slice(at)}`;
}

function scenarioBlock(s: RecordedScenario, lang: Lang): string {
  const mark = s.status === 'pass' ? '✓' : s.status === 'skip' ? '–' : '✗';
  // A container title is raw HTML on the page: escaped, as a check's title may quote `<WORD>`.
  const title = escapeHtml(pick(s.title, lang).replace(/\n/g, ' '));
  const lines = [`::: details ${mark} ${title}`, `\`${s.id}\``];
  if (s.status === 'skip') lines.push('', fill(L.skipped, { why: s.skipReason ?? '' })[lang]);
  if (s.status === 'fail') lines.push('', pick(L.failed, lang));
  const drawnOnes = s.transcripts.filter((t) => t.events.length > 0);
  const pictures = drawnOnes.slice(0, MAX_PICTURES).map((t) => transcriptSvg(t, { lang }));
  const caption = drawnOnes.length > MAX_PICTURES ? fill(L.moreConnections, { shown: MAX_PICTURES, n: drawnOnes.length })[lang] : undefined;
  lines.push('', pictures.length > 0 ? figure(pictures.join('\n'), caption) : pick(L.noExchange, lang), ':::');
  return lines.join('\n');
}

export function recordedRunsSection(lesson: Lesson, run: RecordedRun, lang: Lang): string {
  const id = lessonId(lesson);
  return [
    '<a id="recorded-runs"></a>',
    `## ${pick(L.runs, lang)}`,
    '',
    fill(L.runsIntro, { id })[lang],
    '',
    ...run.scenarios.map((s) => scenarioBlock(s, lang)),
  ].join('\n\n');
}

export function hintsSection(lesson: Lesson, lang: Lang): string {
  const hints = lesson.manifest.hints.map((h, i) => `::: details ${fill(L.hintN, { n: i + 1 })[lang]}\n${escapeHtml(pick(h, lang))}\n:::`);
  return ['<a id="hints"></a>', `## ${pick(L.hints, lang)}`, '', fill(L.hintsIntro, { id: lessonId(lesson) })[lang], '', ...hints].join('\n\n');
}

const SOURCE_LANGUAGE: Record<string, string> = { '.py': 'python', '.java': 'java' };

/** The lesson's `source/` programs as one group of tabs, one per file; empty when it has none. */
export function sourceSection(lesson: Lesson, lang: Lang): string {
  const dir = path.join(lesson.dir, 'source');
  if (!fs.existsSync(dir)) return '';
  const files = fs.readdirSync(dir).filter((f) => SOURCE_LANGUAGE[path.extname(f)]).sort();
  if (files.length === 0) return '';
  const tabs = files.map((f) => {
    const body = fs.readFileSync(path.join(dir, f), 'utf8').trimEnd();
    const fence = '`'.repeat(Math.max(3, ...[...body.matchAll(/`+/g)].map((m) => m[0].length + 1)));
    return `${fence}${SOURCE_LANGUAGE[path.extname(f)]} [${f}]\n${body}\n${fence}`;
  });
  return ['<a id="source-programs"></a>', `## ${pick(L.source, lang)}`, '', pick(L.sourceIntro, lang), '', '::: code-group', ...tabs, ':::'].join('\n\n');
}
