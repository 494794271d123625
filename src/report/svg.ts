/**
 * Draws a transcript as an SVG sequence diagram: the client's lane on the left, the server's on
 * the right, one arrow per message with its bytes made visible as in the terminal, FIN and RST
 * marked, and the time of each event on the left with the longer gaps drawn as breaks.
 *
 * Pure: transcript in, SVG text out. Every text in the picture may come from a program (bytes
 * it sent, a note quoting it), so every text is escaped; the picture carries no script, no link
 * and no id, so any number of them can sit in one page. Colours are presentation attributes
 * (a page that strips CSS still shows them), with classes a page may restyle (dark mode).
 */
import stringWidth from 'string-width';
import { fill, pick, text, type Lang, type Text } from '../i18n.ts';
import type { Transcript, TranscriptEvent } from '../peers/transcript.ts';
import { byteCount, cutVisible, hexBytes, looksLikeText, printable, visible } from './visible.ts';

export interface SvgOptions {
  lang: Lang;
  /** Events drawn at most; earlier ones are summed up in one line. */
  maxEvents?: number;
}

type Drawable = Pick<Transcript, 'left' | 'right' | 'events'>;

const WIDTH = 560;
const TIME_X = 44; // right edge of the time column
const CLIENT_X = 110;
const SERVER_X = 510;
const TOP = 58; // first row, below the lane headers
const ROW = 34;
const GAP_ROW = 22;
const FONT = 12;
const CHAR = FONT * 0.6; // a monospace column at FONT px
const LABEL_COLUMNS = Math.floor((SERVER_X - CLIENT_X - 24) / CHAR);
/** A pause at least this long between two events is drawn as a break in the lanes. */
const GAP_MS = 100;
const MONO = 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace';

const COLOUR = { line: '#6b7280', fin: '#2563eb', rst: '#dc2626', wait: '#b45309' };

const L = {
  connect: text('connect', '연결'),
  fin: text('FIN: a normal close (end())', 'FIN: 정상 종료(end())'),
  rst: text('RST: an abrupt close (a reset)', 'RST: 비정상 종료(리셋)'),
  gap: text('{ms} ms later', '{ms}ms 뒤'),
  hidden: text('({n} earlier events not shown)', '(앞선 이벤트 {n}개 생략)'),
  name: text('Sequence diagram: {left} ↔ {right}, {n} events', '시퀀스 다이어그램: {left} ↔ {right}, 이벤트 {n}개'),
  empty: text('(nothing was exchanged)', '(주고받은 것 없음)'),
};

/** Text safe inside SVG: no character XML forbids, no markup, no bidi override, no control byte. */
export function escapeXml(s: string): string {
  return printable(s)
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    // A page that compiles its HTML as a template (Vue: `{{ }}`) or scans it as Markdown (`[x](y)`)
    // must find nothing to act on in a program's bytes.
    .replace(/[{}[\]]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function columns(s: string): number {
  return stringWidth(s);
}

/** Cuts a label to `max` columns with `…` (Hangul takes two). */
function fit(label: string, max: number): string {
  if (columns(label) <= max) return label;
  let out = '';
  for (const ch of label) {
    if (columns(out + ch) > max - 1) break;
    out += ch;
  }
  return `${out}…`;
}

function countLabel(n: number, lang: Lang): string {
  return lang === 'ko' ? `(${n}바이트)` : `(${byteCount(n)})`;
}

/** `"hello\n"`; a long one cut with its byte count kept; binary in hex, as the terminal shows it. */
export function dataLabel(bytes: Buffer, lang: Lang, max = LABEL_COLUMNS): string {
  if (!looksLikeText(bytes)) {
    const count = ` ${countLabel(bytes.length, lang)}`;
    const hex = hexBytes(bytes, max - columns(count) - 2);
    return `${hex.text}${hex.truncated ? ' …' : ''}${count}`;
  }
  const v = visible(bytes, 400);
  const whole = `"${v.text}"`;
  if (!v.truncated && columns(whole) <= max) return whole;
  const suffix = `…" ${countLabel(bytes.length, lang)}`;
  return `"${cutVisible(v.text, max - 1 - columns(suffix), columns)}${suffix}`;
}

function textEl(x: number, y: number, body: string, attrs: string): string {
  return `<text x="${x}" y="${y}" ${attrs}>${escapeXml(body)}</text>`;
}

/** A horizontal arrow between the lanes, its label above it; FIN dashed, RST with a cross. */
function arrow(y: number, dir: 'right' | 'left', label: string, kind: 'msg' | 'fin' | 'rst', tip?: string): string {
  const [from, to] = dir === 'right' ? [CLIENT_X, SERVER_X] : [SERVER_X, CLIENT_X];
  const colour = kind === 'fin' ? COLOUR.fin : kind === 'rst' ? COLOUR.rst : 'currentColor';
  const head = dir === 'right' ? -1 : 1;
  const dash = kind === 'fin' ? ' stroke-dasharray="6 4"' : '';
  const parts = [
    `<g class="seq-msg seq-${kind}" data-dir="${dir}">`,
    tip ? `<title>${escapeXml(tip)}</title>` : '',
    `<line x1="${from}" y1="${y}" x2="${to + head * 8}" y2="${y}" stroke="${colour}" stroke-width="1.5"${dash}/>`,
    `<polygon points="${to},${y} ${to + head * 9},${y - 4.5} ${to + head * 9},${y + 4.5}" fill="${colour}"/>`,
    textEl((CLIENT_X + SERVER_X) / 2, y - 7, label, `text-anchor="middle" font-family="${MONO}" font-size="${FONT}" fill="${colour}" xml:space="preserve"${kind === 'msg' ? '' : ' font-weight="bold"'}`),
  ];
  if (kind === 'rst') {
    const x = to + head * 16;
    parts.push(`<path d="M${x - 5} ${y - 5} L${x + 5} ${y + 5} M${x - 5} ${y + 5} L${x + 5} ${y - 5}" stroke="${colour}" stroke-width="2"/>`);
  }
  parts.push('</g>');
  return parts.join('');
}

/** A line of text between the lanes (a wait that ended with nothing, a note). */
function between(y: number, label: string, kind: 'wait' | 'note'): string {
  const colour = kind === 'wait' ? COLOUR.wait : 'currentColor';
  const box = kind === 'wait'
    ? `<rect x="${CLIENT_X + 8}" y="${y - 15}" width="${SERVER_X - CLIENT_X - 16}" height="22" rx="4" fill="none" stroke="${colour}" stroke-dasharray="3 3"/>`
    : '';
  const t = textEl((CLIENT_X + SERVER_X) / 2, y, fit(label, LABEL_COLUMNS), `text-anchor="middle" font-family="${MONO}" font-size="${FONT - 1}" fill="${colour}" font-style="italic"`);
  return `<g class="seq-${kind}">${box}${t}</g>`;
}

function timeLabel(y: number, ms: number): string {
  return textEl(TIME_X, y + 4, `${ms} ms`, `class="seq-time" text-anchor="end" font-family="${MONO}" font-size="${FONT - 2}" fill="${COLOUR.line}"`);
}

/** A pause: the lanes are cut by a zigzag, with how long nothing happened. */
function gapMark(y: number, ms: number, lang: Lang): string {
  const zig = (x: number) => `<path d="M${x - 6} ${y - 3} L${x + 6} ${y - 7} M${x - 6} ${y + 5} L${x + 6} ${y + 1}" stroke="${COLOUR.line}" stroke-width="1.5"/>`;
  const label = textEl((CLIENT_X + SERVER_X) / 2, y + 4, fill(L.gap, { ms })[lang], `font-family="${MONO}" font-size="${FONT - 2}" fill="${COLOUR.line}" text-anchor="middle"`);
  return `<g class="seq-gap">${zig(CLIENT_X)}${zig(SERVER_X)}${label}</g>`;
}

function eventShape(e: TranscriptEvent, y: number, lang: Lang): string {
  switch (e.kind) {
    case 'connect':
      return arrow(y, e.dir, pick(L.connect, lang), 'msg');
    case 'data':
      return arrow(y, e.dir, dataLabel(e.bytes, lang), 'msg', countLabel(e.bytes.length, lang));
    case 'fin':
      return arrow(y, e.dir, 'FIN', 'fin', pick(L.fin, lang));
    case 'rst':
      return arrow(y, e.dir, 'RST', 'rst', pick(L.rst, lang));
    case 'wait':
      return between(y, `… ${e.ms} ms: ${pick(e.what, lang)} …`, 'wait');
    case 'note':
      return between(y, pick(e.text, lang), 'note');
  }
}

function laneHead(x: number, label: string, lane: 'client' | 'server', bottom: number): string {
  const shown = fit(label, 26);
  const w = Math.max(80, columns(shown) * CHAR + 20);
  const left = Math.min(Math.max(x - w / 2, 2), WIDTH - w - 2);
  return [
    `<g class="seq-lane" data-lane="${lane}">`,
    `<rect x="${left}" y="8" width="${w}" height="26" rx="5" fill="none" stroke="currentColor" stroke-width="1"/>`,
    textEl(left + w / 2, 25, shown, `text-anchor="middle" font-family="${MONO}" font-size="${FONT}" fill="currentColor" font-weight="bold"`),
    `<line x1="${x}" y1="34" x2="${x}" y2="${bottom}" stroke="${COLOUR.line}" stroke-width="1"/>`,
    '</g>',
  ].join('');
}

/** The rows of the picture: each event at its height, with a break before every long pause. */
function layout(events: TranscriptEvent[], lang: Lang): { shapes: string[]; height: number } {
  const shapes: string[] = [];
  let y = TOP;
  let last: number | undefined;
  for (const e of events) {
    // A wait is recorded when it ends and is drawn as a pause itself: no second break before it.
    if (last !== undefined && e.at - last >= GAP_MS && e.kind !== 'wait') {
      y += GAP_ROW / 2;
      shapes.push(gapMark(y - 8, e.at - last, lang));
      y += GAP_ROW / 2;
    }
    y += ROW / 2;
    shapes.push(timeLabel(y - 7, e.at), eventShape(e, y, lang));
    y += ROW / 2;
    last = e.at;
  }
  return { shapes, height: y + 14 };
}

/** The whole picture, as one `<svg>` element that scales to the width it is given. */
export function transcriptSvg(t: Drawable, o: SvgOptions): string {
  const max = o.maxEvents ?? 40;
  const hidden = Math.max(0, t.events.length - max);
  const events = hidden > 0 ? t.events.slice(-max) : t.events;
  const { shapes, height } = layout(events, o.lang);
  const rows = [...shapes];
  if (hidden > 0) rows.unshift(between(TOP - 4, fill(L.hidden, { n: hidden })[o.lang], 'note'));
  if (events.length === 0) rows.push(between(TOP + 16, pick(L.empty, o.lang), 'note'));
  const h = events.length === 0 ? TOP + 40 : height;
  const left = pick(t.left, o.lang);
  const right = pick(t.right, o.lang);
  const name = fill(L.name, { left, right, n: t.events.length })[o.lang];
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="seq-diagram" viewBox="0 0 ${WIDTH} ${h}" width="${WIDTH}" height="${h}" role="img" aria-label="${escapeXml(name)}" style="max-width:100%;height:auto">`,
    `<title>${escapeXml(name)}</title>`,
    laneHead(CLIENT_X, left, 'client', h - 6),
    laneHead(SERVER_X, right, 'server', h - 6),
    ...rows,
    '</svg>',
  ].join('\n');
}
