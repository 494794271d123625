/**
 * Lesson 08's protocol as pure functions (README "the-frame", "limits", "errors"): the frame
 * format as an encoder and a stream decoder, the server's reply to one whole frame, and what a
 * server answers to a whole byte stream (every reply in order, and the close after a refused
 * length). The generated exchanges the `generated-frames` scenario holds a server to are drawn
 * here too: requests from the edges of the format (length 1, payloads of 0 bytes, the 1 MiB
 * limit and ±1, int32 extremes, UTF-8 beyond the BMP and combining marks, line terminators in
 * ULEN text (\n, \r, U+2028, U+2029), invalid UTF-8, unknown
 * ops, SUM payloads that are not k × 4), several in one stream, cut at any byte (inside headers
 * and bodies), ending, or not, with a length the server must refuse.
 */
import fc from 'fast-check';
import { cutsOf, edgyText } from '../../../src/checks/generate.ts';

export const MAX_FRAME = 1024 * 1024;
export const OP = { echo: 0x01, sum: 0x02, ulen: 0x03, echoReply: 0x81, sumReply: 0x82, ulenReply: 0x83, error: 0xff } as const;
export const EMPTY_FRAME = 'empty frame';
export const TOO_LARGE = 'frame too large';

// ───────────────────────────── the format ─────────────────────────────

/** One frame: u32 BE length of what follows (op + payload), u8 op, payload. */
export function encode(op: number, payload: Buffer = Buffer.alloc(0)): Buffer {
  const head = Buffer.alloc(5);
  head.writeUInt32BE(1 + payload.length, 0);
  head[4] = op;
  return Buffer.concat([head, payload]);
}

/** A header alone: what a peer claims, before any op or payload. */
export function header(length: number): Buffer {
  const h = Buffer.alloc(4);
  h.writeUInt32BE(length, 0);
  return h;
}

export type Decoded =
  | { kind: 'frame'; op: number; payload: Buffer; bytes: Buffer }
  /** A length of 0 or over the limit: the stream has no boundary left to trust. */
  | { kind: 'refused'; length: number; message: typeof EMPTY_FRAME | typeof TOO_LARGE };

/**
 * Takes every whole frame out of `stream`, as a server reads it; stops at a refused length (the
 * rest is never read) or when the bytes left (`rest`) are not a whole frame yet.
 */
export function decode(stream: Buffer): { items: Decoded[]; rest: Buffer } {
  const items: Decoded[] = [];
  let at = 0;
  while (stream.length - at >= 4) {
    const length = stream.readUInt32BE(at);
    if (length === 0 || length > MAX_FRAME) {
      items.push({ kind: 'refused', length, message: length === 0 ? EMPTY_FRAME : TOO_LARGE });
      return { items, rest: Buffer.alloc(0) };
    }
    if (stream.length - at < 4 + length) break;
    const bytes = stream.subarray(at, at + 4 + length);
    items.push({ kind: 'frame', op: bytes[4]!, payload: bytes.subarray(5), bytes });
    at += 4 + length;
  }
  return { items, rest: stream.subarray(at) };
}

// ───────────────────────────── the server ─────────────────────────────

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The reply to one whole frame. An error's message is for a human: the README fixes only that
 * it is UTF-8 after op 0xFF (a non-empty one, so a reader sees why), hence `error` and no bytes.
 */
export type Reply = { kind: 'exact'; bytes: Buffer } | { kind: 'error'; why: 'unknown-op' | 'bad-sum' | 'bad-utf8' };

export function replyTo(op: number, payload: Buffer): Reply {
  switch (op) {
    case OP.echo:
      return { kind: 'exact', bytes: encode(OP.echoReply, payload) };
    case OP.sum: {
      if (payload.length % 4 !== 0) return { kind: 'error', why: 'bad-sum' };
      let sum = 0n;
      for (let i = 0; i < payload.length; i += 4) sum += BigInt(payload.readInt32BE(i));
      const out = Buffer.alloc(8);
      out.writeBigInt64BE(sum, 0);
      return { kind: 'exact', bytes: encode(OP.sumReply, out) };
    }
    case OP.ulen: {
      let s: string;
      try {
        s = strictUtf8.decode(payload);
      } catch {
        return { kind: 'error', why: 'bad-utf8' };
      }
      const out = Buffer.alloc(8);
      out.writeUInt32BE([...s].length, 0);
      out.writeUInt32BE(payload.length, 4);
      return { kind: 'exact', bytes: encode(OP.ulenReply, out) };
    }
    default:
      return { kind: 'error', why: 'unknown-op' };
  }
}

export interface Served {
  /** One per whole frame, in order. */
  replies: Array<{ request: Buffer; reply: Reply }>;
  /** A refused length: its error frame (exact bytes), then the server closes. */
  refused?: { length: number; bytes: Buffer; message: string };
}

/** What a server answers to everything a client wrote on one connection. */
export function serve(stream: Buffer): Served {
  const out: Served = { replies: [] };
  for (const d of decode(stream).items) {
    if (d.kind === 'frame') out.replies.push({ request: d.bytes, reply: replyTo(d.op, d.payload) });
    else out.refused = { length: d.length, bytes: encode(OP.error, Buffer.from(d.message)), message: d.message };
  }
  return out;
}

/** Is `frame` an acceptable answer to `r`? (An error is 0xFF with a non-empty UTF-8 message.) */
export function accepts(r: Reply, frame: Buffer): boolean {
  if (r.kind === 'exact') return frame.equals(r.bytes);
  if (frame.length < 6 || frame[4] !== OP.error) return false;
  try {
    strictUtf8.decode(frame.subarray(5));
    return true;
  } catch {
    return false;
  }
}

// ───────────────────────────── generated cases ─────────────────────────────

/** One request of a case, in words for the report, and its bytes. */
export interface Request {
  shown: string;
  bytes: Buffer;
}

export interface FramesCase {
  requests: Request[];
  /** A header the server must refuse, sent after the requests (then nothing it may answer). */
  refuse?: { length: number; trailing: Buffer };
  /** Offsets into the whole stream where the checker's writes are cut. */
  cuts: number[];
}

export function streamOf(c: FramesCase): Buffer {
  return Buffer.concat([...c.requests.map((r) => r.bytes), ...(c.refuse ? [header(c.refuse.length), c.refuse.trailing] : [])]);
}

const INT32 = [0, 1, -1, 2147483647, -2147483648, 2147483646, -2147483647, 65536, -65536, 255, 256];
const int32 = fc.oneof(fc.constantFrom(...INT32), fc.integer({ min: -2147483648, max: 2147483647 }));

/** Payload bytes with 0x00, '\n', '\r', 0xFF, lone continuation bytes, a cut UTF-8 character. */
const binaryBytes = fc.oneof(
  fc.uint8Array({ maxLength: 24 }).map((a) => Buffer.from(a)),
  fc.constantFrom(
    Buffer.alloc(0),
    Buffer.from([0x00]),
    Buffer.from([0x0a]),
    Buffer.from([0xff, 0xff, 0xff, 0xff]),
    Buffer.from([0x00, 0x00, 0x00, 0x06, 0x01]), // a header inside a payload
    Buffer.from([0xc3, 0x28, 0x80, 0x0d, 0x0a]),
  ),
);

const invalidUtf8 = [[0xff], [0x80], [0xc3, 0x28], [0xe4, 0xb8], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf5, 0x80, 0x80, 0x80], [0xf0, 0x9f, 0x98]].map((b) => Buffer.from(b));

const hex = (b: Buffer, max = 12) => [...b.subarray(0, max)].map((x) => x.toString(16).padStart(2, '0')).join(' ') + (b.length > max ? ` … (${b.length} B)` : '');

const echoReq = fc.oneof(
  edgyText({ maxLength: 6 }).map((s) => ({ shown: `ECHO ${JSON.stringify(s)}`, bytes: encode(OP.echo, Buffer.from(s)) })),
  binaryBytes.map((b) => ({ shown: `ECHO [${hex(b)}]`, bytes: encode(OP.echo, b) })),
);
const sumReq = fc.array(int32, { maxLength: 6 }).map((ns) => {
  const b = Buffer.alloc(4 * ns.length);
  ns.forEach((n, i) => b.writeInt32BE(n, 4 * i));
  return { shown: `SUM [${ns.join(', ')}]`, bytes: encode(OP.sum, b) };
});
/**
 * Text with the characters a line-oriented count drops: '\n', '\r', U+2028, U+2029 (what `.`
 * without the `s` flag never matches), NEL, VT and FF, among letters, Hangul and emoji.
 */
export const LINE_BREAKS = ['\n', '\r', '\r\n', '\u2028', '\u2029', '\u0085', '\u000b', '\u000c'];
const breakyText = fc.array(fc.constantFrom('a', '안', '😀', 'e\u0301', ' ', ...LINE_BREAKS), { minLength: 1, maxLength: 6 }).map((parts) => parts.join(''));

const ulenReq = fc.oneof(
  edgyText({ maxLength: 6 }).map((s) => ({ shown: `ULEN ${JSON.stringify(s)}`, bytes: encode(OP.ulen, Buffer.from(s)) })),
  breakyText.map((s) => ({ shown: `ULEN ${JSON.stringify(s)}`, bytes: encode(OP.ulen, Buffer.from(s)) })),
  fc.tuple(edgyText({ maxLength: 2 }), fc.constantFrom(...invalidUtf8), edgyText({ maxLength: 2 })).map(([a, bad, z]) => {
    const b = Buffer.concat([Buffer.from(a), bad, Buffer.from(z)]);
    return { shown: `ULEN [${hex(b)}] (not UTF-8)`, bytes: encode(OP.ulen, b) };
  }),
);
const badSumReq = fc.integer({ min: 1, max: 11 }).filter((n) => n % 4 !== 0).map((n) => ({ shown: `SUM of ${n} bytes`, bytes: encode(OP.sum, Buffer.alloc(n, 0x01)) }));
const unknownOpReq = fc
  .tuple(fc.constantFrom(0x00, 0x04, 0x7e, 0x7f, 0x80, 0x81, 0x82, 0xfe, 0xff), binaryBytes)
  .map(([op, b]) => ({ shown: `op 0x${op.toString(16).padStart(2, '0')} [${hex(b)}]`, bytes: encode(op, b) }));

/** A frame of exactly `length` (1 MiB at most): ECHO of length − 1 bytes, letters a–z. */
export function bigEcho(length: number): Request {
  const payload = Buffer.alloc(length - 1);
  for (let i = 0; i < payload.length; i++) payload[i] = 0x61 + (i % 26);
  return { shown: `ECHO of ${length - 1} bytes (length ${length})`, bytes: encode(OP.echo, payload) };
}

export const request: fc.Arbitrary<Request> = fc.oneof(
  { weight: 4, arbitrary: echoReq },
  { weight: 3, arbitrary: sumReq },
  { weight: 3, arbitrary: ulenReq },
  { weight: 1, arbitrary: badSumReq },
  { weight: 1, arbitrary: unknownOpReq },
  { weight: 1, arbitrary: fc.constantFrom(MAX_FRAME, MAX_FRAME - 1).map(bigEcho) },
);

/** Lengths a server must refuse: 0, the limit + 1, and far over it. */
const refusedLength = fc.constantFrom(0, MAX_FRAME + 1, MAX_FRAME + 2, 0xffffffff, 0x68656c6c /* "hell" */, 0x01000000);

export const framesCases: fc.Arbitrary<FramesCase> = fc
  .record({
    requests: fc.array(request, { minLength: 0, maxLength: 6 }),
    refuse: fc.option(fc.record({ length: refusedLength, trailing: fc.constantFrom(Buffer.alloc(0), Buffer.from([0x01]), encode(OP.echo, Buffer.from('after'))) }), { freq: 3 }),
  })
  .filter((c) => c.requests.length > 0 || c.refuse !== null)
  .chain((c) => {
    const base = { requests: c.requests, refuse: c.refuse ?? undefined, cuts: [] as number[] };
    return cutsOf(streamOf(base).length, 6).map((cuts) => ({ ...base, cuts }));
  });

/** Every offset inside the first `n` bytes: a header (and a body) cut at each byte. */
export const everyByte = (n: number) => Array.from({ length: n - 1 }, (_, i) => i + 1);
