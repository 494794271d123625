/**
 * Lesson 04's protocol as an executable model (README "The protocol"), and the exchanges the
 * `generated-exchanges` scenario draws from it.
 *
 * The model is two pure functions: `answer` (one line in, one reply out) and `expectedOf` (a
 * whole byte stream in, the replies and the close out). Lesson 05's checks import `answer` too,
 * so the course has one model of this protocol, not two that could drift apart.
 *
 * The exchanges come from the edges of what the README allows: text with spaces, tabs, Hangul,
 * characters beyond the BMP, combining marks and control bytes; empty and unknown commands;
 * lines of exactly the limit, one under, and one over in bytes but not in characters; `\n` or
 * `\r\n`; many lines in one write. Each stream is cut into writes at arbitrary bytes (inside a
 * UTF-8 character too), and one or two clients send at once, their writes interleaved.
 */
import fc from 'fast-check';
import { cutsOf, edgyText } from '../../../src/checks/generate.ts';

/** The longest line, in bytes, not counting its '\n' (README "The line limit"). */
export const MAX_LINE = 8192;
export const TOO_LONG = 'ERR line too long';

// ---------------------------------------------------------------------------------------------
// The model

/** The server's answer to one line (without its '\n'), and whether it then closes. */
export function answer(line: Buffer): { reply: string; close: boolean } {
  // One '\r' before the '\n' belongs to the line end; any other '\r' is text.
  const bytes = line.at(-1) === 0x0d ? line.subarray(0, -1) : line;
  const text = bytes.toString('utf8'); // decoded after framing: no character is cut
  if (text === '') return { reply: 'ERR empty', close: false };
  const space = text.indexOf(' ');
  const command = space === -1 ? text : text.slice(0, space);
  const rest = space === -1 ? '' : text.slice(space + 1); // the text, exactly as sent
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

/** One reply the model expects, with the line it answers (for the report: "wrong reply to …"). */
export interface Reply {
  to: Buffer;
  reply: string;
}

/**
 * The replies to a whole stream from one client, and whether the server closes after them.
 * Lines are framed at '\n' only; after a reply that closes (BYE, or the limit error) nothing
 * more is answered; bytes left without a '\n' when the client closes (`fin`) are not a line.
 * The limit counts the line's bytes before its '\n', a '\r' included.
 */
export function expectedOf(stream: Buffer, fin: boolean): { replies: Reply[]; closes: boolean } {
  const replies: Reply[] = [];
  let rest = stream;
  for (let nl = rest.indexOf(0x0a); nl !== -1; nl = rest.indexOf(0x0a)) {
    const line = rest.subarray(0, nl);
    rest = rest.subarray(nl + 1);
    if (line.length > MAX_LINE) return { replies: [...replies, { to: line, reply: TOO_LONG }], closes: true };
    const { reply, close } = answer(line);
    replies.push({ to: Buffer.concat([line, Buffer.from('\n')]), reply });
    if (close) return { replies, closes: true };
  }
  if (rest.length > MAX_LINE) return { replies: [...replies, { to: rest, reply: TOO_LONG }], closes: true };
  return { replies, closes: fin };
}

// ---------------------------------------------------------------------------------------------
// One client's stream

/** How a client's stream ends, after its lines. */
export type Ending =
  /** Nothing more; the connection stays open. */
  | { kind: 'open' }
  /** QUIT, then lines in the same stream that must not be answered. */
  | { kind: 'quit'; after: string[] }
  /** A line one byte over the limit, then bytes that must not be answered. */
  | { kind: 'too-long'; after: string }
  /** Bytes with no '\n', then the client's FIN: they are not a line. */
  | { kind: 'fin'; unterminated: string };

export interface LineCase {
  lines: string[];
  /** `\r\n` instead of `\n` after line i. */
  crlf: boolean[];
  ending: Ending;
  /** Where the stream is cut into separate writes. */
  cuts: number[];
}

/**
 * Whether line `i` ends in `\r\n`. Not for a line of the limit's length or more: whether its
 * '\r' counts toward the 8192 bytes is a corner the README leaves open (the line is counted
 * without it, but a server streaming it holds 8193 bytes before the '\n' comes), so neither
 * reading is held against a learner.
 */
function crlf(c: LineCase, i: number): boolean {
  return c.crlf[i]! && Buffer.byteLength(c.lines[i]!) < MAX_LINE;
}

function tailOf(e: Ending): string {
  switch (e.kind) {
    case 'open':
      return '';
    case 'quit':
      return ['QUIT', ...e.after].map((l) => `${l}\n`).join('');
    case 'too-long':
      return 'x'.repeat(MAX_LINE + 1) + e.after;
    case 'fin':
      return e.unterminated;
  }
}

/** The bytes one client sends. */
export function bytesOf(c: LineCase): Buffer {
  const body = c.lines.map((l, i) => `${l}${crlf(c, i) ? '\r\n' : '\n'}`).join('');
  return Buffer.from(body + tailOf(c.ending));
}

/** What the model expects of the server for one client's case. */
export function expectedFor(c: LineCase): { replies: Reply[]; closes: boolean } {
  return expectedOf(bytesOf(c), c.ending.kind === 'fin');
}

// ---------------------------------------------------------------------------------------------
// The generated cases

const text = edgyText({ exclude: ['\n'] });

/** Lines from the edges of the protocol table and of the line limit. */
const line = fc.oneof(
  fc.constant('PING'),
  text.map((t) => `ECHO ${t}`),
  text.map((t) => `LEN ${t}`),
  fc.constant(''),
  fc.constantFrom('HELLO there', 'ping', 'PING2', 'ECHO', 'LEN', 'echo x', '안녕 하세요', ' PING', 'ECHO ', 'LEN '),
  // At the limit and one byte under it (multibyte characters count as their bytes)…
  fc.constantFrom('a', '한').chain((c) => fc.constantFrom(0, 1).map((under) => `ECHO ${c.repeat(Math.floor((MAX_LINE - 5 - under) / Buffer.byteLength(c)))}`)),
  // …and over it in bytes while well under it in characters: the limit counts bytes.
  fc.constant(`ECHO ${'한'.repeat(Math.ceil((MAX_LINE - 4) / 3))}`),
);

const ending: fc.Arbitrary<Ending> = fc.oneof(
  { weight: 3, arbitrary: fc.constant<Ending>({ kind: 'open' }) },
  { weight: 2, arbitrary: fc.constantFrom<string[]>([], ['PING'], ['ECHO after', 'LEN 😀']).map((after): Ending => ({ kind: 'quit', after })) },
  { weight: 1, arbitrary: fc.constantFrom('', '\nPING\n').map((after): Ending => ({ kind: 'too-long', after })) },
  { weight: 2, arbitrary: text.map((t): Ending => ({ kind: 'fin', unterminated: `PING${t}` })) },
);

const lineCase: fc.Arbitrary<LineCase> = fc
  .record({ lines: fc.array(line, { minLength: 1, maxLength: 6 }), ending })
  .chain(({ lines, ending }) =>
    fc.record({ crlf: fc.array(fc.boolean(), { minLength: lines.length, maxLength: lines.length }) }).map(({ crlf }) => ({ lines, crlf, ending, cuts: [] as number[] })),
  )
  .chain((c) => cutsOf(bytesOf(c).length, 6).map((cuts) => ({ ...c, cuts })));

/**
 * One or two clients at once. `turns` interleaves their writes: at each step, `true` sends
 * client B's next piece, `false` client A's (when one has nothing left, the other goes on).
 */
export interface Exchange {
  clients: LineCase[];
  turns: boolean[];
}

export const exchanges: fc.Arbitrary<Exchange> = fc.record({
  clients: fc.array(lineCase, { minLength: 1, maxLength: 2 }),
  turns: fc.array(fc.boolean(), { maxLength: 14 }),
});

/** The order the pieces go out in: [client, piece] pairs, as `turns` says. */
export function scheduleOf(pieces: number[], turns: boolean[]): Array<[number, number]> {
  const next = pieces.map(() => 0);
  const order: Array<[number, number]> = [];
  for (let step = 0; next.some((n, i) => n < pieces[i]!); step++) {
    const wanted = turns[step] && pieces.length > 1 ? 1 : 0;
    const who = next[wanted]! < pieces[wanted]! ? wanted : 1 - wanted;
    order.push([who, next[who]!++]);
  }
  return order;
}

const one = (c: Omit<LineCase, 'cuts'> & { cuts?: number[] }): Exchange => ({ clients: [{ cuts: [], ...c }], turns: [] });
const open: Ending = { kind: 'open' };

/**
 * Corners tried on every run, whatever the seed: mistakes a rare draw would hit are caught
 * every time.
 */
export const exchangeExamples: Exchange[] = [
  // A '\r' that is text, just before the "\r\n" line end: only one '\r' goes.
  one({ lines: ['ECHO a\r', 'PING'], crlf: [true, false], ending: open }),
  // A combining accent: two code points, one character on screen. LEN counts code points.
  one({ lines: ['LEN e\u0301', 'ECHO e\u0301'], crlf: [false, false], ending: { kind: 'quit', after: [] } }),
  // A complete line one byte over the limit, its '\n' in the same write: refused too.
  one({ lines: [`ECHO ${'x'.repeat(MAX_LINE - 4)}`, 'PING'], crlf: [false, false], ending: open }),
  // Lines after QUIT in the same write: BYE, the close, and nothing else.
  one({ lines: ['PING'], crlf: [false], ending: { kind: 'quit', after: ['PING', 'ECHO late'] } }),
  // Empty texts, and a line that starts with a space (its command is the empty word).
  one({ lines: ['ECHO ', 'LEN ', ' '], crlf: [false, true, false], ending: { kind: 'fin', unterminated: 'PIN' } }),
  // Two clients, each with a character cut between its writes, the writes interleaved: one
  // decoder (or buffer) shared by the connections glues A's half character to B's bytes.
  {
    clients: [
      { lines: ['LEN 안녕'], crlf: [false], ending: open, cuts: [8] },
      { lines: ['ECHO 😀'], crlf: [false], ending: open, cuts: [7] },
    ],
    turns: [false, true, false, true],
  },
];
