/**
 * Lesson 01's exchange as a model (README "the-exchange" and "one-recv-one-message"), and the
 * generated cases the two generated scenarios hold the learner's programs to.
 *
 * The server: answers the *first chunk* it receives, whatever it holds, with exactly
 * "hello client\n", then FIN; it prints what it received (that first chunk, without its line
 * end) on a line of its own, stops listening and exits 0.
 * The client: sends exactly "hello server\n"; whatever pieces the reply comes in, with or
 * without its '\n', however late, it prints "hello client" (stdout holds that line only) once
 * the server closes, and exits 0.
 */
import fc from 'fast-check';
import { cutsOf } from '../../../src/checks/generate.ts';
import { fill, text, type Text } from '../../../src/i18n.ts';

export const REQUEST = 'hello server';
export const REPLY = 'hello client\n';

/** What a right server does with a request that arrived as `pieces` (TCP may join pieces, never reorder them). */
export function serverAnswer(pieces: string[]): { reply: string; closes: true; prints: { atLeast: string; atMost: string }; exitCode: 0 } {
  const all = pieces.join('');
  // The first chunk it reads holds at least the first piece, and at most everything sent.
  return { reply: REPLY, closes: true, prints: { atLeast: pieces[0]!.trimEnd(), atMost: all.trimEnd() }, exitCode: 0 };
}

/** Whether `line` (one line of the server's stdout) is a first chunk of `pieces`, as the model allows. */
export function isFirstChunkPrint(line: string, pieces: string[]): boolean {
  const { atLeast, atMost } = serverAnswer(pieces).prints;
  return line !== '' && line.startsWith(atLeast) && atMost.startsWith(line);
}

/** What a right client prints and how it exits, whatever the server's reply looked like. */
export function clientOutcome(_reply: ReplyCase): { stdout: string; exitCode: 0 } {
  return { stdout: 'hello client\n', exitCode: 0 };
}

// ─── the request to the learner's server ─────────────────────────────────────────────

export interface RequestCase {
  /** The Java client's "hello server\n", or the Python client's "hello server". */
  newline: boolean;
  /** Byte offsets where the request is cut into separate writes. */
  cuts: number[];
  /** Time between the writes, in ms. */
  gapMs: number;
}

export function requestBytes(c: RequestCase): string {
  return c.newline ? `${REQUEST}\n` : REQUEST;
}

export function requestPieces(c: RequestCase): string[] {
  const s = requestBytes(c);
  const edges = [0, ...c.cuts.filter((x) => x > 0 && x < s.length), s.length];
  return edges.slice(1).map((end, i) => s.slice(edges[i], end)).filter((p) => p !== '');
}

export const requestCases: fc.Arbitrary<RequestCase> = fc.boolean().chain((newline) =>
  fc.record({
    newline: fc.constant(newline),
    cuts: cutsOf(REQUEST.length + (newline ? 1 : 0), 4),
    gapMs: fc.constantFrom(5, 40, 150),
  }),
);

/** Corners tried on every run: one write each way, the '\n' alone and late, one byte first, byte by byte. */
export const requestExamples: RequestCase[] = [
  { newline: false, cuts: [], gapMs: 5 },
  { newline: true, cuts: [12], gapMs: 150 },
  { newline: true, cuts: [1], gapMs: 150 },
  { newline: false, cuts: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], gapMs: 5 },
];

export function describeRequest(c: RequestCase): Text {
  const pieces = requestPieces(c).map((p) => JSON.stringify(p)).join(' + ');
  return fill(text('the request {pieces}, {gap} ms apart', '요청 {pieces}, {gap}ms 간격'), { pieces, gap: c.gapMs });
}

// ─── the reply to the learner's client ───────────────────────────────────────────────

export interface ReplyCase {
  /** The Java server's "hello client\n", or the Python server's "hello client". */
  newline: boolean;
  cuts: number[];
  gapMs: number;
  /** How long the server waits before the first byte of its reply, in ms. */
  firstMs: number;
  /** How long after the last byte its FIN comes, in ms. */
  finMs: number;
}

export function replyBytes(c: ReplyCase): string {
  return c.newline ? REPLY : REPLY.trimEnd();
}

export function replyPieces(c: ReplyCase): string[] {
  const s = replyBytes(c);
  const edges = [0, ...c.cuts.filter((x) => x > 0 && x < s.length), s.length];
  return edges.slice(1).map((end, i) => s.slice(edges[i], end)).filter((p) => p !== '');
}

export const replyCases: fc.Arbitrary<ReplyCase> = fc.boolean().chain((newline) =>
  fc.record({
    newline: fc.constant(newline),
    cuts: cutsOf(REPLY.length - (newline ? 0 : 1), 4),
    gapMs: fc.constantFrom(5, 60, 200),
    firstMs: fc.constantFrom(0, 150, 600),
    finMs: fc.constantFrom(0, 100, 400),
  }),
);

/**
 * Corners: a slow first byte; byte by byte; the '\n' alone with a late FIN; no newline, cut,
 * late. The slow one in one piece comes first (each lane of the search starts with one corner,
 * and the first lane's is the one reported when several fail): a client that gives up early
 * prints nothing there, however loaded the machine, where byte by byte under load it would
 * print a part, which looks like printing only the first chunk.
 */
export const replyExamples: ReplyCase[] = [
  { newline: true, cuts: [], gapMs: 5, firstMs: 600, finMs: 400 },
  { newline: true, cuts: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], gapMs: 5, firstMs: 0, finMs: 0 },
  { newline: true, cuts: [12], gapMs: 200, firstMs: 0, finMs: 400 },
  { newline: false, cuts: [5], gapMs: 200, firstMs: 600, finMs: 100 },
];

export function describeReply(c: ReplyCase): Text {
  const pieces = replyPieces(c).map((p) => JSON.stringify(p)).join(' + ');
  return fill(text('the reply {pieces} after {first} ms, {gap} ms apart, FIN {fin} ms later', '{first}ms 뒤 답장 {pieces}, {gap}ms 간격, {fin}ms 뒤 FIN'), {
    pieces,
    first: c.firstMs,
    gap: c.gapMs,
    fin: c.finMs,
  });
}
