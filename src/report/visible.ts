/**
 * Shows bytes the way a learner needs to see them: text stays text, and everything invisible
 * or broken becomes visible — `\n`, `\r`, `\t`, `\0`, other control bytes as `\xNN`, and the
 * bytes of a UTF-8 character cut in half as `\xEB\x85` (with the reason in `cutCharacter`).
 */
export interface Visible {
  text: string;
  /** True when the bytes end in (or contain) an incomplete UTF-8 sequence. */
  cutCharacter: boolean;
  /** True when `max` cut the text short. */
  truncated: boolean;
}

const ESCAPES: Record<number, string> = { 0x0a: '\\n', 0x0d: '\\r', 0x09: '\\t', 0x00: '\\0', 0x5c: '\\\\', 0x22: '\\"' };

function hex(b: number): string {
  return `\\x${b.toString(16).toUpperCase().padStart(2, '0')}`;
}

/** Length of the UTF-8 sequence a lead byte starts, or 0 if it is not a lead byte. */
function sequenceLength(b: number): number {
  if (b < 0x80) return 1;
  if (b >= 0xc2 && b <= 0xdf) return 2;
  if (b >= 0xe0 && b <= 0xef) return 3;
  if (b >= 0xf0 && b <= 0xf4) return 4;
  return 0;
}

const INVISIBLE = /^[\u0080-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]$/;

export function visible(data: Buffer | string, max = 120): Visible {
  const buf = typeof data === 'string' ? Buffer.from(data) : data;
  let out = '';
  let cutCharacter = false;
  let i = 0;
  while (i < buf.length && out.length < max) {
    const b = buf[i]!;
    const len = sequenceLength(b);
    if (len === 1) {
      out += ESCAPES[b] ?? (b < 0x20 || b === 0x7f ? hex(b) : String.fromCharCode(b));
      i += 1;
      continue;
    }
    const seq = len > 0 ? buf.subarray(i, i + len) : undefined;
    const valid = seq && seq.length === len && seq.subarray(1).every((c) => (c & 0xc0) === 0x80);
    if (valid) {
      const ch = seq.toString('utf8');
      // Characters that break or reorder a line where they stand (C1 controls such as NEL, the
      // line and paragraph separators, bidi marks, a BOM) are named, never shown raw.
      out += INVISIBLE.test(ch) ? `\\u{${ch.codePointAt(0)!.toString(16).toUpperCase()}}` : ch;
      i += len;
    } else {
      // A lead byte without its continuation bytes (a cut character) or a stray byte.
      if (len > 0) cutCharacter = true;
      let j = i + 1;
      while (j < buf.length && (buf[j]! & 0xc0) === 0x80 && j < i + 4) j++;
      if (len === 0 && (b & 0xc0) === 0x80) cutCharacter = true;
      out += [...buf.subarray(i, j)].map(hex).join('');
      i = j;
    }
  }
  return { text: out, cutCharacter, truncated: i < buf.length };
}

/** `1 byte`, `61440 bytes`: the English count; Korean reports turn it into 바이트 (see localCounts). */
export function byteCount(n: number): string {
  return n === 1 ? '1 byte' : `${n} bytes`;
}

/** `"hello\n"` with quotes, shortened with `…` and a byte count when long. */
export function quoted(data: Buffer | string, max = 60): string {
  const buf = typeof data === 'string' ? Buffer.from(data) : data;
  const v = visible(buf, max);
  return v.truncated ? `"${v.text}…" (${byteCount(buf.length)})` : `"${v.text}"`;
}

/**
 * quoted() is language-neutral so that it can sit in both halves of a Text; the one English word
 * it carries, its `(61440 bytes)` count, is put in the report's language here.
 */
export function localCounts(s: string, lang: 'en' | 'ko'): string {
  return lang === 'ko' ? s.replace(/\((\d[\d,]*) bytes?\)/g, '($1바이트)') : s;
}

/** One shown unit of visible() text: an escape (`\xEB`, `\n`, `\\`) or one character. */
const UNIT = /\\x[0-9A-F]{2}|\\u\{[0-9A-F]+\}|\\[nrt0\\"]|[\s\S]/gu;

/** The units of visible() text that fit in `columns` (by `width`), never cutting an escape in two. */
export function cutVisible(shown: string, columns: number, width: (s: string) => number): string {
  let out = '';
  for (const m of shown.matchAll(UNIT)) {
    if (width(out + m[0]) > columns) break;
    out += m[0];
  }
  return out;
}

/**
 * True when bytes read as text: printable ASCII, tabs and line ends, and whole UTF-8
 * characters make up nearly all of them. Binary (a frame header, random bytes) is shown in hex.
 */
export function looksLikeText(bytes: Buffer): boolean {
  if (bytes.length === 0) return true;
  let text = 0;
  let i = 0;
  // A character cut by the chunk boundary is text too (shown as \xEB\x85): its tail at the start…
  while (i < Math.min(3, bytes.length) && (bytes[i]! & 0xc0) === 0x80) i++;
  text += i;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const len = sequenceLength(b);
    if (len === 1) {
      if ((b >= 0x20 && b < 0x7f) || b === 0x0a || b === 0x0d || b === 0x09) text++;
      i++;
      continue;
    }
    const seq = len > 1 ? bytes.subarray(i, i + len) : undefined;
    // …and its head at the end (a lead byte and the continuation bytes that made it in).
    if (seq && seq.subarray(1).every((c) => (c & 0xc0) === 0x80)) text += seq.length;
    i += seq ? seq.length : 1;
  }
  return text / bytes.length >= 0.9;
}

/** `80 3A 9F 00` — bytes in hex, as many as fit in `columns`. */
export function hexBytes(bytes: Buffer, columns: number): { text: string; truncated: boolean } {
  const n = Math.min(bytes.length, Math.max(1, Math.floor((columns + 1) / 3)));
  const text = [...bytes.subarray(0, n)].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
  return { text, truncated: n < bytes.length };
}

/**
 * Text a program printed, safe to show in a terminal or a feedback file: every control
 * character (C0 but the newline, DEL, C1) and every bidirectional override is shown as an
 * escape, so output can never move the cursor, clear the screen, recolour the report or
 * reorder what the reader sees — and cannot pass for the checker's own lines.
 */
export function printable(s: string): string {
  return s.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    if (c === '\t') return '\\t';
    if (c === '\r') return '\\r';
    return code < 0x100 ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u{${code.toString(16).toUpperCase()}}`;
  });
}

/** A Markdown code fence longer than any run of backticks inside `body`, so it cannot be closed early. */
export function codeFence(body: string, info = 'text'): string {
  const longest = Math.max(0, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${body}\n${fence}`;
}
