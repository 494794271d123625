/**
 * Lesson 03's exchange as a model (README "the-exchange"), and the generated cases its two
 * generated scenarios hold the learner's programs to.
 *
 * The server: an echo is the identity. Whatever bytes a connection sends — text from the edges of
 * UTF-8, binary, sizes around the stream's chunk sizes — come back unchanged and in order,
 * however they are cut into writes, while other connections talk at the same time, a reader
 * pauses, or another client resets; after the client's FIN, the server's FIN follows.
 *
 * The client: the checker plays the server, and lies. It may send back the bytes it got, fewer
 * (it closes early), more, other bytes, or nothing; start at once or late; cut the reply anywhere;
 * hold its FIN back after the last byte. The client is held to what it *received*: the output
 * file is exactly the reply, the summary counts the reply's bytes, and it is printed only after
 * the server's FIN.
 */
import fc from 'fast-check';
import { cutsOf, edgyText } from '../../../src/checks/generate.ts';
import { text, type Text } from '../../../src/checks/kit.ts';

/** Deterministic noise (xorshift32), so a shrunk case replays the same bytes. */
export function noise(seed: number, n: number): Buffer {
  const b = Buffer.alloc(n);
  let x = (seed | 0) || 0x9e3779b9;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    b[i] = x & 0xff;
  }
  return b;
}

/** Every byte value once, in order. */
export const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

/**
 * Sizes around the chunk sizes a stream uses: 16 KiB (a socket's default highWaterMark on Node
 * 20) and 64 KiB (on Node 22, and a common read size), each ±1.
 */
export const EDGE_SIZES = [16383, 16384, 16385, 65535, 65536, 65537];

/** One part of a payload, as drawn; `bytesOf` makes it bytes. */
export type Part =
  | { kind: 'text'; text: string }
  | { kind: 'binary'; bytes: number[] }
  | { kind: 'all-bytes' }
  | { kind: 'noise'; size: number; seed: number };

export function bytesOf(parts: Part[]): Buffer {
  return Buffer.concat(
    parts.map((p) => {
      switch (p.kind) {
        case 'text':
          return Buffer.from(p.text);
        case 'binary':
          return Buffer.from(p.bytes);
        case 'all-bytes':
          return ALL_BYTES;
        case 'noise':
          return noise(p.seed, p.size);
      }
    }),
  );
}

const part = (big: boolean): fc.Arbitrary<Part> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.oneof(edgyText({ maxLength: 8 }), fc.constantFrom('\n', '\r\n', '안녕\n', '😀', 'e\u0301')).map((t): Part => ({ kind: 'text', text: t })) },
    { weight: 3, arbitrary: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 64 }).map((bytes): Part => ({ kind: 'binary', bytes })) },
    { weight: 1, arbitrary: fc.constant<Part>({ kind: 'all-bytes' }) },
    { weight: big ? 1 : 0, arbitrary: fc.record({ kind: fc.constant('noise' as const), size: fc.constantFrom(...EDGE_SIZES), seed: fc.integer({ min: 1, max: 0x7fffffff }) }) },
  );

/** A payload: 0 to 4 parts (empty included), now and then one the size of a chunk ±1. */
export const payloadParts = (big = true): fc.Arbitrary<Part[]> => fc.array(part(big), { maxLength: 4 });

/** `26 bytes: "안녕\n" + the 256 byte values`, for the report, in both languages. */
export function describeParts(parts: Part[]): Text {
  const n = bytesOf(parts).length;
  if (parts.length === 0) return text('nothing (0 bytes)', '없음(0바이트)');
  const shown = (lang: 'en' | 'ko') =>
    parts
      .map((p) => {
        switch (p.kind) {
          case 'text':
            return JSON.stringify(p.text);
          case 'binary':
            return lang === 'en' ? `${p.bytes.length} binary bytes` : `바이너리 ${p.bytes.length}바이트`;
          case 'all-bytes':
            return lang === 'en' ? 'the 256 byte values' : '바이트 값 256가지';
          case 'noise':
            return lang === 'en' ? `${p.size} random bytes` : `무작위 ${p.size}바이트`;
        }
      })
      .join(' + ');
  return text(`${n} bytes: ${shown('en')}`, `${n}바이트: ${shown('ko')}`);
}

// ───────────────────────────── the server ─────────────────────────────

/** One checker client of a generated server case. */
export interface EchoConn {
  parts: Part[];
  /** Where the payload is cut into separate writes. */
  cuts: number[];
  /** Between writes, in ms. */
  gapMs: number;
  /** Waits for each piece's echo (within the README's 2 s, the connection open) before the next. */
  interactive: boolean;
  /** The checker stops reading for this long once it starts sending (a slow reader), 0 for never. */
  pauseMs: number;
  /** How the client leaves: FIN after its last byte, or RST after half of its pieces. */
  ending: 'fin' | 'rst';
}

/** Connections that talk to one server at the same time. */
export interface EchoCase {
  conns: EchoConn[];
}

/** What the model says comes back on a connection: its own bytes, then FIN (nothing on a reset one). */
export function echoOf(conn: EchoConn): Buffer | undefined {
  return conn.ending === 'rst' ? undefined : bytesOf(conn.parts);
}

const echoConn: fc.Arbitrary<EchoConn> = payloadParts().chain((parts) =>
  fc.record({
    parts: fc.constant(parts),
    cuts: cutsOf(bytesOf(parts).length, 5),
    gapMs: fc.integer({ min: 1, max: 15 }),
    interactive: fc.boolean(),
    pauseMs: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 20, max: 300 }) }),
    ending: fc.oneof({ weight: 5, arbitrary: fc.constant<'fin' | 'rst'>('fin') }, { weight: 1, arbitrary: fc.constant<'fin' | 'rst'>('rst') }),
  }),
);

/** One to three connections at once; at least one of them ends with FIN. */
export const echoCases: fc.Arbitrary<EchoCase> = fc
  .array(echoConn, { minLength: 1, maxLength: 3 })
  .filter((conns) => conns.some((c) => c.ending === 'fin'))
  .map((conns) => ({ conns }));

const conn = (parts: Part[], o: Partial<EchoConn> = {}): EchoConn => ({ parts, cuts: [], gapMs: 5, interactive: false, pauseMs: 0, ending: 'fin', ...o });

/**
 * Corners tried on every run: nothing at all, then FIN; a 4-byte character cut after each of
 * its bytes, echoed piece by piece; a chunk's size +1 while the reader pauses; two clients at
 * once while a third resets.
 */
export const echoExamples: EchoCase[] = [
  { conns: [conn([])] },
  { conns: [conn([{ kind: 'text', text: 'a😀\r\n' }], { cuts: [1, 2, 3, 4, 6], interactive: true })] },
  { conns: [conn([{ kind: 'noise', size: 65537, seed: 7 }], { cuts: [16384, 65536], pauseMs: 200 })] },
  {
    conns: [
      conn([{ kind: 'text', text: '한국어 e\u0301\n' }, { kind: 'all-bytes' }], { cuts: [3, 100, 200], gapMs: 3 }),
      conn([{ kind: 'noise', size: 16385, seed: 11 }], { cuts: [1, 8000], gapMs: 4 }),
      conn([{ kind: 'text', text: 'bye\n' }, { kind: 'all-bytes' }], { cuts: [2, 50, 120], ending: 'rst' }),
    ],
  },
];

// ───────────────────────────── the client ─────────────────────────────

/** What the checker's server sends back instead of (or as) the echo. */
export type Lie =
  | { kind: 'faithful' }
  /** Only the first `keep` bytes (taken modulo the length), then FIN: the server closes early. */
  | { kind: 'prefix'; keep: number }
  /** The echo, then more bytes. */
  | { kind: 'extra'; extra: Part[] }
  /** As many bytes as were sent, but other ones. */
  | { kind: 'other'; seed: number }
  /** The echo decoded as UTF-8 and encoded again (a server with the string round trip). */
  | { kind: 'decoded' }
  /** Nothing, then FIN. */
  | { kind: 'nothing' };

export interface ClientCase {
  /** The input file. */
  parts: Part[];
  lie: Lie;
  /** The reply starts as soon as the client connects (while it still uploads), or after its FIN. */
  start: 'at-once' | 'after-fin';
  /** A pause before the first reply byte, in ms. */
  delayMs: number;
  /** Where the reply is cut into writes (offsets taken modulo its length). */
  cuts: number[];
  gapMs: number;
  /** After the last reply byte, the FIN waits this long: the summary must wait for it too. */
  finDelayMs: number;
}

/** The bytes the checker's server sends back for a case. */
export function replyOf(c: ClientCase): Buffer {
  const sent = bytesOf(c.parts);
  switch (c.lie.kind) {
    case 'faithful':
      return sent;
    case 'prefix':
      return sent.subarray(0, sent.length === 0 ? 0 : c.lie.keep % sent.length);
    case 'extra':
      return Buffer.concat([sent, bytesOf(c.lie.extra.length > 0 ? c.lie.extra : [{ kind: 'text', text: '\n' }])]);
    case 'other': {
      const other = noise(c.lie.seed, sent.length);
      // Other bytes at every offset, so no byte of the input survives in place.
      for (let i = 0; i < other.length; i++) if (other[i] === sent[i]) other[i] = other[i]! ^ 0x5a;
      return other;
    }
    case 'decoded':
      return Buffer.from(sent.toString('utf8'));
    case 'nothing':
      return Buffer.alloc(0);
  }
}

/** The reply cut into writes. */
export function replyPieces(c: ClientCase): Buffer[] {
  const reply = replyOf(c);
  if (reply.length < 2) return reply.length ? [reply] : [];
  const cuts = [...new Set(c.cuts.map((x) => 1 + (x % (reply.length - 1))))].sort((a, b) => a - b);
  const pieces: Buffer[] = [];
  let from = 0;
  for (const at of [...cuts, reply.length]) {
    pieces.push(reply.subarray(from, at));
    from = at;
  }
  return pieces;
}

/** What the client must print, once, after the server's FIN. */
export function summaryOf(c: ClientCase): string {
  return `sent ${bytesOf(c.parts).length} bytes, received ${replyOf(c).length} bytes`;
}

const lie: fc.Arbitrary<Lie> = fc.oneof(
  { weight: 2, arbitrary: fc.constant<Lie>({ kind: 'faithful' }) },
  { weight: 2, arbitrary: fc.nat(1 << 20).map((keep): Lie => ({ kind: 'prefix', keep })) },
  { weight: 2, arbitrary: payloadParts(false).map((extra): Lie => ({ kind: 'extra', extra })) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 0x7fffffff }).map((seed): Lie => ({ kind: 'other', seed })) },
  { weight: 1, arbitrary: fc.constant<Lie>({ kind: 'decoded' }) },
  { weight: 1, arbitrary: fc.constant<Lie>({ kind: 'nothing' }) },
);

export const clientCases: fc.Arbitrary<ClientCase> = fc.record({
  parts: payloadParts(),
  lie,
  start: fc.constantFrom<'at-once' | 'after-fin'>('at-once', 'after-fin'),
  delayMs: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 400 })),
  cuts: fc.array(fc.nat(1 << 20), { maxLength: 5 }),
  gapMs: fc.integer({ min: 0, max: 15 }),
  finDelayMs: fc.oneof(fc.constant(0), fc.integer({ min: 50, max: 300 })),
});

const ccase = (parts: Part[], lie: Lie, o: Partial<ClientCase> = {}): ClientCase => ({ parts, lie, start: 'after-fin', delayMs: 0, cuts: [], gapMs: 5, finDelayMs: 0, ...o });
const hello: Part[] = [{ kind: 'text', text: '안녕\n' }, { kind: 'all-bytes' }];

/**
 * Corners tried on every run, each a lie a client that reports what it *sent* would not survive,
 * the most telling first (each case starts a client, so a run tries only a handful): a server
 * that adds a byte and holds its FIN back (a client that prints once "all" its bytes are back
 * prints too soon); one that closes early inside a character, replying in pieces while the
 * upload is still going; 64 KiB + 1 of other bytes, cut oddly, starting at once (a client that keeps
 * only the first chunk, or writes its input, is caught); nothing for a non-empty file; the
 * string round trip.
 */
export const clientExamples: ClientCase[] = [
  ccase(hello, { kind: 'extra', extra: [{ kind: 'text', text: '\n' }] }, { cuts: [1, 100, 200], finDelayMs: 200 }),
  ccase(hello, { kind: 'prefix', keep: 5 }, { start: 'at-once', cuts: [1, 3], finDelayMs: 150 }),
  ccase([{ kind: 'noise', size: 65537, seed: 5 }], { kind: 'other', seed: 3 }, { start: 'at-once', cuts: [1, 8, 16384, 65536], gapMs: 2 }),
  ccase([{ kind: 'text', text: 'hello\n' }], { kind: 'nothing' }, { delayMs: 100 }),
  ccase(hello, { kind: 'decoded' }, { cuts: [1, 4] }),
];

/** A lie in words, for the report. */
export function describeLie(c: ClientCase): Text {
  const n = replyOf(c).length;
  switch (c.lie.kind) {
    case 'faithful':
      return text(`a faithful echo (${n} bytes)`, `충실한 에코(${n}바이트)`);
    case 'prefix':
      return text(`only the first ${n} bytes, then FIN`, `앞의 ${n}바이트만 보내고 FIN`);
    case 'extra':
      return text(`the echo and ${n - bytesOf(c.parts).length} bytes more`, `에코 뒤에 ${n - bytesOf(c.parts).length}바이트를 더 붙인 것`);
    case 'other':
      return text(`${n} other bytes`, `다른 바이트 ${n}개`);
    case 'decoded':
      return text(`the echo decoded as text and encoded again (${n} bytes)`, `텍스트로 디코딩했다가 다시 인코딩한 에코(${n}바이트)`);
    case 'nothing':
      return text('nothing, then FIN', '아무것도 보내지 않고 FIN');
  }
}
