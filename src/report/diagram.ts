/**
 * Draws a transcript as a small sequence diagram that fits 80 columns:
 *
 *     checker (client)                      your server
 *            │── connect ─────────────────────▶│
 *            │── "hello server\n" ────────────▶│
 *            │◀──────────── "hello client\n" ──│
 *            │◀─────────────────────── FIN ────│
 */
import stringWidth from 'string-width';
import { fill, pick, text, type Lang } from '../i18n.ts';
import type { Transcript, TranscriptEvent } from '../peers/transcript.ts';
import { byteCount, cutVisible, hexBytes, looksLikeText, visible } from './visible.ts';

const LEFT = 12; // column of the left lifeline
const SPAN = 46; // columns between the lifelines
const MAX_EVENTS = 24;

function pad(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - stringWidth(s)));
}

function centred(label: string, column: number): string {
  const w = stringWidth(label);
  return ' '.repeat(Math.max(0, column - Math.floor(w / 2))) + label;
}

/** Cuts a label to `max` terminal columns (Hangul and emoji take two). */
function fit(label: string, max: number): string {
  if (stringWidth(label) <= max) return label;
  let out = '';
  for (const ch of label) {
    if (stringWidth(out + ch) > max - 1) break;
    out += ch;
  }
  return `${out}…`;
}

/** An arrow between the lifelines with the label near its tail. */
function arrow(label: string, dir: 'right' | 'left'): string {
  const body = ` ${fit(label, SPAN - 7)} `;
  const fill = Math.max(2, SPAN - 3 - stringWidth(body));
  const line = dir === 'right' ? `──${body}${'─'.repeat(fill)}▶` : `◀${'─'.repeat(fill)}${body}──`;
  return `${' '.repeat(LEFT)}│${line}│`;
}

function between(label: string): string {
  return `${' '.repeat(LEFT)}│${pad(`   ${fit(label, SPAN - 4)}`, SPAN)}│`;
}

/** `(61440 bytes)`, `(1 byte)`, `(61440바이트)`. */
function countLabel(n: number, lang: Lang): string {
  return lang === 'ko' ? `(${n}바이트)` : `(${byteCount(n)})`;
}

/**
 * `"hello\n"`, or `"hello wor…" (61440 bytes)` cut so that the byte count always shows, and
 * never inside an escape such as `\xEB`. Bytes that are not mostly text are shown in hex.
 */
function dataLabel(bytes: Buffer, lang: Lang): string {
  const max = SPAN - 7;
  if (!looksLikeText(bytes)) {
    const count = ` ${countLabel(bytes.length, lang)}`;
    const hex = hexBytes(bytes, max - stringWidth(count) - 2);
    return `${hex.text}${hex.truncated ? ' …' : ''}${count}`;
  }
  const v = visible(bytes, 400);
  const whole = `"${v.text}"`;
  if (!v.truncated && stringWidth(whole) <= max) return whole;
  const suffix = `…" ${countLabel(bytes.length, lang)}`;
  return `"${cutVisible(v.text, max - 1 - stringWidth(suffix), stringWidth)}${suffix}`;
}

function eventLine(e: TranscriptEvent, lang: Lang): string {
  switch (e.kind) {
    case 'connect':
      return arrow('connect', e.dir);
    case 'data':
      return arrow(dataLabel(e.bytes, lang), e.dir);
    case 'fin':
      return arrow('FIN', e.dir);
    case 'rst':
      return arrow('RST', e.dir);
    case 'wait':
      return between(`… ${e.ms} ms: ${pick(e.what, lang)} …`);
    case 'note':
      return between(pick(e.text, lang));
  }
}

export function drawDiagram(t: Transcript, lang: Lang): string[] {
  const left = pick(t.left, lang);
  const right = pick(t.right, lang);
  const header = pad(centred(left, LEFT), LEFT + SPAN + 1 - Math.floor(stringWidth(right) / 2)) + right;
  const events = t.events.length > MAX_EVENTS ? t.events.slice(-MAX_EVENTS) : t.events;
  const lines = [header];
  if (events.length < t.events.length) {
    const hidden = fill(text('({n} earlier events not shown)', '(앞선 이벤트 {n}개 생략)'), { n: t.events.length - events.length });
    lines.push(between(pick(hidden, lang)));
  }
  for (const e of events) lines.push(eventLine(e, lang));
  return lines;
}
