/**
 * Lesson 04's protocol as a pure function (README "the-protocol"), and the generated cases the
 * `generated-exchanges` scenario holds a server to: commands from the edges of the spec, with
 * `\n` or `\r\n`, pipelined, cut at any byte (inside a UTF-8 character too), ended by QUIT, by
 * a line one byte over the limit, or by the client's FIN after bytes that never got a '\n'.
 */
import fc from 'fast-check';
import { cutsOf, edgyText } from '../../../src/checks/generate.ts';

export const MAX_LINE = 8192;

/** The server's answer to one line (without its '\n'), and whether it then closes. */
export function answer(line: Buffer): { reply: string; close: boolean } {
  const bytes = line.at(-1) === 0x0d ? line.subarray(0, -1) : line;
  const text = bytes.toString('utf8');
  if (text === '') return { reply: 'ERR empty', close: false };
  const space = text.indexOf(' ');
  const command = space === -1 ? text : text.slice(0, space);
  const rest = space === -1 ? '' : text.slice(space + 1);
  switch (command) {
    case 'PING':
      return { reply: 'PONG', close: false };
    case 'ECHO':
      return { reply: rest, close: false };
    case 'LEN':
      return { reply: `${[...rest].length} ${Buffer.byteLength(rest)}`, close: false };
    case 'QUIT':
      return { reply: 'BYE', close: true };
    default:
      return { reply: `ERR unknown command ${command}`, close: false };
  }
}

/** How a generated exchange ends: nothing more, QUIT, a line over the limit, or a FIN mid-line. */
export type Ending = { kind: 'open' } | { kind: 'quit' } | { kind: 'too-long' } | { kind: 'fin'; unterminated: string };

export interface LineCase {
  lines: string[];
  /** `\r\n` instead of `\n` after line i. */
  crlf: boolean[];
  ending: Ending;
  /** Where the bytes are cut into separate writes. */
  cuts: number[];
}

const line = fc.oneof(
  fc.constant('PING'),
  edgyText({ exclude: ['\n'] }).map((t) => `ECHO ${t}`),
  edgyText({ exclude: ['\n'] }).map((t) => `LEN ${t}`),
  fc.constant(''),
  fc.constantFrom('HELLO there', 'ping', 'PING2', 'ECHO', 'LEN', 'echo x', '안녕 하세요', ' PING'),
  // Lines at the limit and one byte under it (multibyte characters count as their bytes).
  fc.constantFrom('a', '한').chain((c) => fc.constantFrom(0, 1).map((under) => `ECHO ${c.repeat(Math.floor((MAX_LINE - 5 - under) / Buffer.byteLength(c)))}`)),
  // …and over it in bytes while well under it in characters: the limit counts bytes.
  fc.constant(`ECHO ${'한'.repeat(Math.ceil((MAX_LINE - 4) / 3))}`),
);

const ending: fc.Arbitrary<Ending> = fc.oneof(
  { weight: 3, arbitrary: fc.constant<Ending>({ kind: 'open' }) },
  { weight: 2, arbitrary: fc.constant<Ending>({ kind: 'quit' }) },
  { weight: 1, arbitrary: fc.constant<Ending>({ kind: 'too-long' }) },
  { weight: 2, arbitrary: edgyText({ exclude: ['\n'] }).map((t): Ending => ({ kind: 'fin', unterminated: `PING${t}` })) },
);

export const lineCases: fc.Arbitrary<LineCase> = fc
  .record({ lines: fc.array(line, { minLength: 1, maxLength: 6 }), ending })
  .chain(({ lines, ending }) =>
    fc.record({
      lines: fc.constant(lines),
      crlf: fc.array(fc.boolean(), { minLength: lines.length, maxLength: lines.length }),
      ending: fc.constant(ending),
      cuts: cutsOf(Buffer.byteLength(lines.join('\r\n')) + 8, 6),
    }),
  );

/**
 * Whether line `i` ends in `\r\n`. Not for a line of the limit's length or more: whether its
 * '\r' counts toward the 8192 bytes is a corner the README leaves open (the line is counted
 * without it, but a server streaming it holds 8193 bytes before the '\n' comes), so neither
 * reading is held against a learner.
 */
function crlf(c: LineCase, i: number): boolean {
  return c.crlf[i]! && Buffer.byteLength(c.lines[i]!) < MAX_LINE;
}

/**
 * Corners tried on every run: a '\r' that is text before the `\r\n` (only one '\r' goes), a
 * combining accent (code points are not characters), and a complete line one byte over the
 * limit that arrives with its '\n' in the same write.
 */
export const lineExamples: LineCase[] = [
  { lines: ['ECHO a\r', 'PING'], crlf: [true, false], ending: { kind: 'open' }, cuts: [] },
  { lines: ['LEN e\u0301', 'ECHO e\u0301'], crlf: [false, false], ending: { kind: 'quit' }, cuts: [] },
  { lines: [`ECHO ${'x'.repeat(MAX_LINE - 4)}`, 'PING'], crlf: [false, false], ending: { kind: 'open' }, cuts: [] },
];

/** The bytes the client sends for a case. */
export function bytesOf(c: LineCase): Buffer {
  const body = c.lines.map((l, i) => `${l}${crlf(c, i) ? '\r\n' : '\n'}`).join('');
  const tail = c.ending.kind === 'quit' ? 'QUIT\n' : c.ending.kind === 'too-long' ? 'x'.repeat(MAX_LINE + 1) : c.ending.kind === 'fin' ? c.ending.unterminated : '';
  return Buffer.from(body + tail);
}

/**
 * The replies the model expects, in order, and whether the server must then close. A line over
 * the limit (its '\r' included, its '\n' not) is answered `ERR line too long` and ends it all.
 */
export function expectedOf(c: LineCase): { replies: string[]; closes: boolean } {
  const replies: string[] = [];
  for (const [i, l] of c.lines.entries()) {
    const line = Buffer.from(`${l}${crlf(c, i) ? '\r' : ''}`);
    if (line.length > MAX_LINE) return { replies: [...replies, 'ERR line too long'], closes: true };
    replies.push(answer(line).reply);
  }
  if (c.ending.kind === 'quit') replies.push('BYE');
  if (c.ending.kind === 'too-long') replies.push('ERR line too long');
  return { replies, closes: c.ending.kind !== 'open' };
}
