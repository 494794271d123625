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
      out += ch === '\uFFFD' ? '\uFFFD' : ch;
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

/** `"hello\n"` with quotes, shortened with `…` and a byte count when long. */
export function quoted(data: Buffer | string, max = 60): string {
  const buf = typeof data === 'string' ? Buffer.from(data) : data;
  const v = visible(buf, max);
  return v.truncated ? `"${v.text}…" (${buf.length} bytes)` : `"${v.text}"`;
}

/**
 * Text a program printed, safe to show in a terminal or a feedback file: every control
 * character (C0 but the newline, DEL, C1) and every bidirectional override is shown as an
 * escape, so output can never move the cursor, clear the screen, recolour the report or
 * reorder what the reader sees — and cannot pass for the checker's own lines.
 */
export function printable(s: string): string {
  return s.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => {
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
