/**
 * Lesson 16's protocol as an executable model (README "The protocol" and "The shutdown"), and
 * the cases the generated scenarios draw from it.
 *
 * `answer` is one line in, one reply out. `repliesOf` frames a whole stream from one client and
 * answers it in order: what a connection gets before any shutdown. `drainedOf` is what a busy
 * connection gets when the trigger comes between two parts of its stream: the replies to the
 * accepted lines, `ERR shutting down` for each line read after the trigger, then the goodbye.
 */
import fc from 'fast-check';
import { cutsOf, edgyText } from '../../../src/checks/generate.ts';

export const GOODBYE = 'BYE server shutting down';
export const REFUSED = 'ERR shutting down';
/** README "The rules": the deadline after the first trigger. */
export const DEADLINE_MS = 2000;
export const MAX_WORK_MS = 10_000;

export type Trigger = 'stdin' | 'SIGTERM' | 'SIGINT';

/** What the server answers to one line (without its '\n'), after how long, and whether it then closes. */
export interface Answer {
  reply: string;
  /** A WORK's milliseconds: the reply comes that long after its turn. */
  ms: number;
  close: boolean;
}

export function answer(line: string): Answer {
  const text = line.endsWith('\r') ? line.slice(0, -1) : line;
  const space = text.indexOf(' ');
  const word = space === -1 ? text : text.slice(0, space);
  const arg = space === -1 ? '' : text.slice(space + 1);
  switch (word) {
    case 'PING':
      return { reply: 'PONG', ms: 0, close: false };
    case 'ECHO':
      return { reply: arg, ms: 0, close: false };
    case 'QUIT':
      return { reply: 'BYE', ms: 0, close: true };
    case 'WORK':
      if (/^\d{1,5}$/.test(arg) && Number(arg) <= MAX_WORK_MS) return { reply: `DONE ${arg}`, ms: Number(arg), close: false };
      return { reply: 'ERR bad ms', ms: 0, close: false };
    default:
      return { reply: 'ERR unknown command', ms: 0, close: false };
  }
}

/** One reply the model expects, with the line it answers (for the report). */
export interface Reply {
  to: string;
  reply: string;
  ms: number;
}

/** The lines of a stream (framed at '\n'; bytes after the last '\n' are not a line). */
export function linesOf(stream: Buffer): string[] {
  const out: string[] = [];
  let rest = stream;
  for (let nl = rest.indexOf(0x0a); nl !== -1; nl = rest.indexOf(0x0a)) {
    out.push(rest.subarray(0, nl).toString('utf8'));
    rest = rest.subarray(nl + 1);
  }
  return out;
}

/**
 * README "Replies come in order": the earliest moment each reply can go out. A line cannot be
 * read before the write that ends it (`sentAt[i]`), and its turn comes only when the reply
 * before it has gone out; a WORK's milliseconds count from its turn. So reply i goes out no
 * sooner than max(earliest[i - 1], sentAt[i]) + ms[i]: WORKs queued on one connection add up.
 * A loaded machine only makes replies later, so this floor never fails a right server.
 */
export function earliestOf(replies: Array<{ ms: number }>, sentAt: number[]): number[] {
  const out: number[] = [];
  let prev = -Infinity;
  for (const [i, r] of replies.entries()) {
    prev = Math.max(prev, sentAt[i] ?? -Infinity) + r.ms;
    out.push(prev);
  }
  return out;
}

/** The replies to a whole stream from one client, in order, and whether the server closes after them (QUIT). */
export function repliesOf(stream: Buffer): { replies: Reply[]; closes: boolean } {
  const replies: Reply[] = [];
  for (const line of linesOf(stream)) {
    const a = answer(line);
    replies.push({ to: line, reply: a.reply, ms: a.ms });
    if (a.close) return { replies, closes: true };
  }
  return { replies, closes: false };
}

/**
 * A busy connection through a shutdown: the lines accepted before the trigger are answered as
 * usual; each line read after it gets ERR shutting down; then the goodbye, unless a QUIT among
 * the accepted lines closed the connection first.
 */
export function drainedOf(before: string[], after: string[]): Reply[] {
  const replies: Reply[] = [];
  for (const line of before) {
    const a = answer(line);
    replies.push({ to: line, reply: a.reply, ms: a.ms });
    if (a.close) return replies;
  }
  for (const line of after) replies.push({ to: line, reply: REFUSED, ms: 0 });
  replies.push({ to: '', reply: GOODBYE, ms: 0 });
  return replies;
}

// ---------------------------------------------------------------------------------------------
// The generated exchanges (no shutdown): the protocol table, the order of replies

const text = edgyText({ exclude: ['\n'] });

/** Lines from the edges of the protocol table; WORKs are short, so a case takes milliseconds. */
export const line: fc.Arbitrary<string> = fc.oneof(
  fc.constant('PING'),
  text.map((t) => `ECHO ${t}`),
  fc.constantFrom('0', '5', '007', '30', '00000', '20', '60').map((ms) => `WORK ${ms}`),
  fc.constantFrom('WORK', 'WORK ', 'WORK -1', 'WORK 1.5', 'WORK 10001', 'WORK 99999', 'WORK 000001', 'WORK 5 5', 'WORK +5', 'WORK 0x10', 'WORK ٣'),
  fc.constant(''),
  fc.constantFrom('ping', 'PING2', 'ECHO', 'echo x', 'work 5', ' PING', 'ECHO ', '안녕', 'DONE 5', 'BYE'),
);

export interface LineCase {
  lines: string[];
  /** `\r\n` instead of `\n` after line i. */
  crlf: boolean[];
  /** A QUIT after the lines, with lines behind it that must not be answered. */
  quit: string[] | undefined;
  /** Where the stream is cut into separate writes. */
  cuts: number[];
}

export function bytesOf(c: LineCase): Buffer {
  const body = c.lines.map((l, i) => `${l}${c.crlf[i] ? '\r\n' : '\n'}`).join('');
  const tail = c.quit ? ['QUIT', ...c.quit].map((l) => `${l}\n`).join('') : '';
  return Buffer.from(body + tail);
}

const lineCase: fc.Arbitrary<LineCase> = fc
  .record({
    lines: fc.array(line, { minLength: 1, maxLength: 6 }),
    quit: fc.option(fc.constantFrom<string[]>([], ['PING'], ['WORK 5', 'ECHO after']), { nil: undefined, freq: 4 }),
  })
  .chain(({ lines, quit }) => fc.array(fc.boolean(), { minLength: lines.length, maxLength: lines.length }).map((crlf) => ({ lines, crlf, quit, cuts: [] as number[] })))
  .chain((c) => cutsOf(bytesOf(c).length, 6).map((cuts) => ({ ...c, cuts })));

/** One or two clients at once; `turns` interleaves their writes (true: client B's next piece). */
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

const one = (c: Omit<LineCase, 'cuts' | 'quit'> & { cuts?: number[]; quit?: string[] }): Exchange => ({ clients: [{ cuts: [], quit: undefined, ...c }], turns: [] });

/** Corners tried on every run, whatever the seed. */
export const exchangeExamples: Exchange[] = [
  // A WORK holds the lines behind it, even an error and a QUIT.
  one({ lines: ['WORK 30', 'PING', 'WORK x', 'ECHO 안녕'], crlf: [false, true, false, false], quit: ['PING'] }),
  // Two WORKs queued on one connection take their milliseconds one after the other: the second
  // DONE (and the PING behind it) no sooner than 120 ms after the write.
  one({ lines: ['WORK 60', 'ECHO a', 'WORK 60', 'PING'], crlf: [false, false, true, false] }),
  // The digits as sent, leading zeros too; 10000 is allowed, 10001 is not; six digits are not.
  one({ lines: ['WORK 007', 'WORK 00000', 'WORK 10001', 'WORK 000001', 'WORK 0'], crlf: [false, false, false, false, false] }),
  // Digits only: what Number() or parseInt() would take is still ERR bad ms (a sign, a point,
  // hex, an exponent, a second space, a space at the end). Tried on every run, not left to a
  // draw: under load a search runs fewer cases, and a blind program validating with Number()
  // once passed when none of these was drawn.
  one({ lines: ['WORK +5', 'WORK 0x10', 'WORK 1e1', 'WORK 1.0', 'WORK  5', 'WORK 5 '], crlf: [false, false, false, false, false, false] }),
  // A character cut between two writes, and two clients whose WORKs do not wait for each other.
  {
    clients: [
      { lines: ['ECHO 한국어 😀', 'WORK 20'], crlf: [false, false], quit: undefined, cuts: [7] },
      { lines: ['WORK 5', 'ECHO', ''], crlf: [true, false, false], quit: undefined, cuts: [] },
    ],
    turns: [false, true, false],
  },
];

// ---------------------------------------------------------------------------------------------
// The generated drains: one shutdown per case (a fresh server each time)

export interface DrainCase {
  trigger: Trigger;
  /** Idle clients at the trigger; a `partial` one has sent a line without its '\n'. */
  idle: Array<{ partial: string }>;
  /** A client busy at the trigger, if any. */
  busy?: {
    /** Lines answered before the trigger. */
    before: string[];
    /** Lines sent right behind the long WORK, in the same write: accepted, waiting their turn. */
    queued: string[];
    /** Lines it sends after the trigger (read while it drains). */
    after: string[];
    /** Where its first write is cut. */
    cuts: number[];
  };
}

/** The long WORK that keeps the busy connection busy across the trigger (well inside the deadline). */
export const HOLD_MS = 700;

export function busyBytes(b: NonNullable<DrainCase['busy']>): Buffer {
  return Buffer.from([...b.before, `WORK ${HOLD_MS}`, ...b.queued].map((l) => `${l}\n`).join(''));
}

/** What the busy client gets in all: its lines answered, the late ones refused, the goodbye. */
export function busyExpected(b: NonNullable<DrainCase['busy']>): Reply[] {
  return drainedOf([...b.before, `WORK ${HOLD_MS}`, ...b.queued], b.after);
}

/** A short line for before and behind the long WORK: no QUIT, WORKs of at most 30 ms. */
const quick = line.filter((l) => !l.startsWith('WORK ') || answer(l).ms <= 30);

export const drains: fc.Arbitrary<DrainCase> = fc
  .record({
    trigger: fc.constantFrom<Trigger>('stdin', 'SIGTERM', 'SIGINT'),
    idle: fc.array(fc.record({ partial: fc.constantFrom('', 'PIN', 'WORK 5', 'ECHO 안') }), { maxLength: 2 }),
    busy: fc.option(
      fc.record({
        before: fc.array(quick, { maxLength: 2 }),
        queued: fc.array(quick, { maxLength: 2 }),
        after: fc.array(fc.oneof(line, fc.constant('QUIT')), { maxLength: 3 }),
      }),
      { nil: undefined, freq: 5 },
    ),
  })
  .chain((c) =>
    c.busy ? cutsOf(busyBytes({ ...c.busy, cuts: [] }).length, 3).map((cuts): DrainCase => ({ ...c, busy: { ...c.busy!, cuts } })) : fc.constant<DrainCase>({ ...c, busy: undefined }),
  );

export const drainExamples: DrainCase[] = [
  { trigger: 'SIGTERM', idle: [{ partial: 'ECHO 안' }], busy: { before: ['PING'], queued: ['WORK 20', 'ECHO 둘'], after: ['QUIT', 'WORK 5'], cuts: [] } },
];
