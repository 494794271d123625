/**
 * Lesson 15's protocol as a model (README "The protocol"): client frames as the checker builds
 * them, a strict reader of the server's frames, what a right server answers to a sequence of
 * client frames (`answerOf`), and the generated cases: messages of every length class, cut into
 * fragments (UTF-8 characters split between them), pings, pongs and closes between the
 * fragments, and an ending from Autobahn|Testsuite's list (a close, or one broken rule, with
 * frames after it that must get nothing), the whole stream cut at any byte.
 */
import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { cutsOf, edgyText } from '../../../src/checks/generate.ts';
import { fill, text, type Text } from '../../../src/i18n.ts';

export const MAX_MESSAGE = 1024 * 1024;
export const MAX_HEAD = 8192;
export const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
export const RFC_KEY = 'dGhlIHNhbXBsZSBub25jZQ==';
export const RFC_ACCEPT = 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=';

export const OP = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;
export const OP_NAME: Record<number, string> = { 0: 'continuation', 1: 'text', 2: 'binary', 8: 'close', 9: 'ping', 10: 'pong' };

export function acceptOf(key: string): string {
  return createHash('sha1').update(key + GUID).digest('base64');
}

/** An upgrade request head, with compression offered as every real client does. */
export function upgradeRequest(key: string, o: { path?: string; extra?: string[]; lower?: boolean; connection?: string } = {}): Buffer {
  const lines = [
    `GET ${o.path ?? '/chat'} HTTP/1.1`,
    'Host: 127.0.0.1',
    'Upgrade: websocket',
    `Connection: ${o.connection ?? 'Upgrade'}`,
    `Sec-WebSocket-Key: ${key}`,
    'Sec-WebSocket-Version: 13',
    'Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits',
    ...(o.extra ?? []),
  ].map((l, i) => (o.lower && i > 0 ? l.replace(/^[^:]+/, (n) => n.toLowerCase()) : l));
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
}

// ─── client frames ───────────────────────────────────────────────────────────────────

export interface ClientFrame {
  fin: boolean;
  /** RSV1..3 as bits 4..6 of byte 0 (0x40, 0x20, 0x10). */
  rsv: number;
  opcode: number;
  /** The masking key, or undefined for a frame sent without MASK (a broken rule). */
  mask: Buffer | undefined;
  payload: Buffer;
  /** The length field: the shortest (default), or a longer form than needed. */
  form?: 'min' | '16' | '64';
  /** A header that announces this length and sends no payload (the 1009 cases). */
  announce?: bigint;
}

export function frame(opcode: number, payload: Buffer | string, o: Partial<ClientFrame> = {}): ClientFrame {
  return { fin: true, rsv: 0, opcode, mask: Buffer.from([0x37, 0xfa, 0x21, 0x3d]), payload: typeof payload === 'string' ? Buffer.from(payload) : payload, ...o };
}

export function closePayload(code: number | undefined, reason: Buffer | string = ''): Buffer {
  if (code === undefined) return Buffer.alloc(0);
  const b = Buffer.alloc(2);
  b.writeUInt16BE(code);
  return Buffer.concat([b, typeof reason === 'string' ? Buffer.from(reason) : reason]);
}

export function encodeClient(f: ClientFrame): Buffer {
  const length = f.announce ?? BigInt(f.payload.length);
  const form = f.announce !== undefined ? (length < 126n ? 'min' : length < 65536n ? '16' : '64') : f.form ?? 'min';
  const b0 = (f.fin ? 0x80 : 0) | f.rsv | f.opcode;
  const m = f.mask ? 0x80 : 0;
  let head: Buffer;
  if (form === 'min' && length < 126n) head = Buffer.from([b0, m | Number(length)]);
  else if ((form === 'min' && length < 65536n) || form === '16') {
    head = Buffer.from([b0, m | 126, 0, 0]);
    head.writeUInt16BE(Number(length), 2);
  } else {
    head = Buffer.alloc(10);
    head[0] = b0;
    head[1] = m | 127;
    head.writeBigUInt64BE(length, 2);
  }
  if (f.announce !== undefined) return Buffer.concat([head, f.mask ?? Buffer.alloc(0)]);
  if (!f.mask) return Buffer.concat([head, f.payload]);
  const body = Buffer.from(f.payload);
  for (let i = 0; i < body.length; i++) body[i]! ^= f.mask[i % 4]!;
  return Buffer.concat([head, f.mask, body]);
}

// ─── the server's frames, read strictly ─────────────────────────────────────────────

export interface ServerFrame {
  fin: boolean;
  rsv: number;
  opcode: number;
  masked: boolean;
  payload: Buffer;
  /** The length field was the shortest form for this payload. */
  minimal: boolean;
  /** The frame's bytes as sent (for the report). */
  raw: Buffer;
}

/** The first whole frame in `buf`, unmasked if the server masked it (a mistake it is judged on). */
export function takeServerFrame(buf: Buffer): { frame: ServerFrame; size: number } | undefined {
  if (buf.length < 2) return undefined;
  const masked = (buf[1]! & 0x80) !== 0;
  let length = buf[1]! & 0x7f;
  let at = 2;
  let minimal = true;
  if (length === 126) {
    if (buf.length < 4) return undefined;
    length = buf.readUInt16BE(2);
    minimal = length >= 126;
    at = 4;
  } else if (length === 127) {
    if (buf.length < 10) return undefined;
    const big = buf.readBigUInt64BE(2);
    if (big > BigInt(64 * MAX_MESSAGE)) return { frame: { fin: true, rsv: 0, opcode: buf[0]! & 0x0f, masked, payload: Buffer.alloc(0), minimal: false, raw: buf.subarray(0, 10) }, size: buf.length };
    length = Number(big);
    minimal = length >= 65536;
    at = 10;
  }
  const key = masked ? buf.subarray(at, at + 4) : undefined;
  if (masked) at += 4;
  if (buf.length < at + length) return undefined;
  const payload = Buffer.from(buf.subarray(at, at + length));
  if (key) for (let i = 0; i < payload.length; i++) payload[i]! ^= key[i % 4]!;
  return { frame: { fin: (buf[0]! & 0x80) !== 0, rsv: (buf[0]! >> 4) & 7, opcode: buf[0]! & 0x0f, masked, payload, minimal, raw: buf.subarray(0, at + length) }, size: at + length };
}

// ─── the model ───────────────────────────────────────────────────────────────────────

/** Which rule a broken frame breaks (README "Failing the connection"): picks the reason when it is missed. */
export type Broken = 'unmasked' | 'reserved' | 'control' | 'order' | 'close-payload' | 'utf8' | 'too-big';

export interface Expected {
  opcode: number;
  /** For text, binary and pong: the payload exactly. For close: the 2-byte code (empty: an empty close). */
  payload: Buffer;
  /** A close that fails the connection (any reason may follow the code) rather than one that answers a close. */
  failing?: Broken;
  /** The client frames this answers: a message's fragments, the ping, the close, the broken frame. */
  from: ClientFrame[];
}

export interface Answer {
  frames: Expected[];
  /** The server ends the TCP connection after the last frame. */
  end: boolean;
  /** How many client frames were answered (those after a close are ignored). */
  used: number;
}

export function validCloseCode(code: number): boolean {
  return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
}

const codeBytes = (c: number) => closePayload(c);

/** What a right server sends for these client frames, in order (the solution's rules, frame by frame). */
export function answerOf(frames: ClientFrame[]): Answer {
  const out: Expected[] = [];
  let fragments: Buffer[] | undefined;
  let messageOp = 0;
  let messageBytes = 0n;
  let sources: ClientFrame[] = [];
  const fail = (code: number, why: Broken, used: number): Answer => ({ frames: [...out, { opcode: OP.close, payload: codeBytes(code), failing: why, from: [...new Set([...sources, frames[used - 1]!])] }], end: true, used });
  for (const [i, f] of frames.entries()) {
    const control = f.opcode >= 8;
    const length = f.announce ?? BigInt(f.payload.length);
    if (f.rsv !== 0 || ![0, 1, 2, 8, 9, 10].includes(f.opcode)) return fail(1002, 'reserved', i + 1);
    if (!f.mask) return fail(1002, 'unmasked', i + 1);
    if (control && (!f.fin || length > 125n)) return fail(1002, 'control', i + 1);
    if (f.opcode === OP.continuation && !fragments) return fail(1002, 'order', i + 1);
    if ((f.opcode === OP.text || f.opcode === OP.binary) && fragments) return fail(1002, 'order', i + 1);
    if (!control && (fragments ? messageBytes : 0n) + length > BigInt(MAX_MESSAGE)) return fail(1009, 'too-big', i + 1);
    if (f.opcode === OP.ping) out.push({ opcode: OP.pong, payload: f.payload, from: [f] });
    else if (f.opcode === OP.close) {
      const p = f.payload;
      if (p.length === 1) return fail(1002, 'close-payload', i + 1);
      if (p.length >= 2 && !validCloseCode(p.readUInt16BE(0))) return fail(1002, 'close-payload', i + 1);
      if (p.length >= 2 && !isUtf8(p.subarray(2))) return fail(1007, 'utf8', i + 1);
      return { frames: [...out, { opcode: OP.close, payload: p.subarray(0, 2), from: [f] }], end: true, used: i + 1 };
    } else if (f.opcode !== OP.pong) {
      if (!fragments) {
        fragments = [];
        messageOp = f.opcode;
        messageBytes = 0n;
        sources = [];
      }
      fragments.push(f.payload);
      sources.push(f);
      messageBytes += length;
      if (f.fin) {
        const message = Buffer.concat(fragments);
        fragments = undefined;
        if (messageOp === OP.text && !isUtf8(message)) return fail(1007, 'utf8', i + 1);
        const from = sources;
        sources = [];
        out.push(messageOp === OP.text ? { opcode: OP.text, payload: Buffer.concat([Buffer.from('echo:'), message]), from } : { opcode: OP.binary, payload: message, from });
      }
    }
  }
  return { frames: out, end: false, used: frames.length };
}

// ─── words ───────────────────────────────────────────────────────────────────────────

export function shortBytes(b: Buffer, max = 24): string {
  const hex = b.subarray(0, max).toString('hex').replace(/(..)(?!$)/g, '$1 ');
  return b.length > max ? `${hex} … (${b.length} B)` : hex;
}

function payloadWords(f: ClientFrame): string {
  if (f.announce !== undefined) return `(header only, length ${f.announce})`;
  if (f.opcode === OP.close) {
    if (f.payload.length < 2) return f.payload.length ? `1 byte ${shortBytes(f.payload)}` : 'empty';
    const reason = f.payload.subarray(2);
    return `code ${f.payload.readUInt16BE(0)}${reason.length ? `, reason ${isUtf8(reason) ? JSON.stringify(reason.toString()) : shortBytes(reason)}` : ''}`;
  }
  if (f.opcode === OP.text && isUtf8(f.payload) && f.payload.length <= 40) return JSON.stringify(f.payload.toString());
  return f.payload.length <= 12 ? `${f.payload.length} B ${shortBytes(f.payload)}` : `${f.payload.length} B`;
}

/** `text FIN=0 "ab"`, `ping "x"`, `opcode 0x3 RSV1 no MASK`. */
export function describeFrame(f: ClientFrame): string {
  const name = OP_NAME[f.opcode] ?? `opcode 0x${f.opcode.toString(16)}`;
  const flags = [f.fin ? '' : 'FIN=0', f.rsv ? `RSV${{ 64: 1, 32: 2, 16: 3 }[f.rsv] ?? '?'}` : '', f.mask ? '' : 'no MASK', f.form && f.form !== 'min' ? `${f.form}-bit length` : ''].filter(Boolean).join(' ');
  return `${name}${flags ? ` ${flags}` : ''} ${payloadWords(f)}`;
}

export function describeExpected(e: Expected): string {
  if (e.opcode === OP.close) return e.payload.length ? `close ${e.payload.readUInt16BE(0)}` : 'close (empty)';
  const name = OP_NAME[e.opcode]!;
  if (e.opcode === OP.text && e.payload.length <= 60) return `${name} ${JSON.stringify(e.payload.toString())}`;
  return `${name} ${e.payload.length <= 12 ? shortBytes(e.payload) : `${e.payload.length} B`}`;
}

// ─── generated cases ─────────────────────────────────────────────────────────────────

export interface FrameCase {
  frames: ClientFrame[];
  /** Where the whole stream of frames is cut into writes. */
  cuts: number[];
}

export function caseBytes(c: FrameCase): Buffer {
  return Buffer.concat(c.frames.map(encodeClient));
}

export function describeCase(c: FrameCase): Text {
  const list = c.frames.map(describeFrame).join(' · ');
  const n = c.cuts.length + 1;
  return fill(text('{list}, in {n} write(s)', '{list}, write {n}번에 나눠'), { list, n });
}

const maskArb = fc.oneof({ weight: 4, arbitrary: fc.uint8Array({ minLength: 4, maxLength: 4 }).map((a) => Buffer.from(a)) }, { weight: 1, arbitrary: fc.constant(Buffer.alloc(4)) });

/** Message payloads at the edges of the length classes, and text with characters to split. */
const textArb = fc.oneof(
  edgyText({ maxLength: 8 }),
  fc.constantFrom(125, 126, 127, 65535, 65536).chain((n) => fc.constantFrom('a', '안').map((ch) => (ch === 'a' ? 'a'.repeat(n) : `${'안'.repeat(Math.floor(n / 3))}${'b'.repeat(n % 3)}`))),
);
const binaryArb = fc.oneof(
  fc.uint8Array({ maxLength: 16 }).map((a) => Buffer.from(a)),
  fc.constantFrom(0, 125, 126, 65535, 65536, 70000).map((n) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 31 + 7) & 0xff))),
);

const controlArb: fc.Arbitrary<ClientFrame> = fc.oneof(
  fc.tuple(fc.oneof(fc.constant(''), edgyText({ maxLength: 4 }), fc.constant('p'.repeat(125))), maskArb).map(([p, mask]) => frame(OP.ping, Buffer.from(p).subarray(0, 125), { mask })),
  fc.tuple(edgyText({ maxLength: 3 }), maskArb).map(([p, mask]) => frame(OP.pong, p, { mask })),
);

/** One message, cut into fragments (possibly inside a character), controls between them. */
const messageArb: fc.Arbitrary<ClientFrame[]> = fc
  .tuple(fc.boolean(), textArb, binaryArb, fc.integer({ min: 1, max: 4 }), fc.array(fc.integer({ min: 0, max: 1 << 20 }), { maxLength: 3 }), fc.array(fc.option(controlArb, { freq: 2 }), { minLength: 4, maxLength: 4 }), maskArb, fc.constantFrom<'min' | '16' | '64'>('min', 'min', 'min', '16', '64'))
  .map(([isText, t, bin, pieces, cutSeeds, controls, mask, form]) => {
    const payload = isText ? Buffer.from(t) : bin;
    const cuts = [...new Set(cutSeeds.slice(0, pieces - 1).map((s) => (payload.length ? s % (payload.length + 1) : 0)))].sort((a, b) => a - b);
    const parts: Buffer[] = [];
    let from = 0;
    for (const at of [...cuts, payload.length]) {
      parts.push(payload.subarray(from, at));
      from = at;
    }
    const out: ClientFrame[] = [];
    parts.forEach((p, i) => {
      out.push(frame(i === 0 ? (isText ? OP.text : OP.binary) : OP.continuation, p, { fin: i === parts.length - 1, mask, form: p.length < 126 && form !== 'min' ? form : 'min' }));
      const c = controls[i];
      if (i < parts.length - 1 && c) out.push(c);
    });
    return out;
  });

/** An ending: a close (valid or not), or one broken rule; then frames that must get nothing. */
const endingArb: fc.Arbitrary<ClientFrame[]> = fc.oneof(
  fc.constantFrom(1000, 1001, 1003, 1007, 1011, 1012, 1014, 3000, 3999, 4000, 4999).chain((code) => edgyText({ maxLength: 3, exclude: ['\u0000'] }).map((r) => [frame(OP.close, closePayload(code, r))])),
  fc.constant<ClientFrame[]>([frame(OP.close, Buffer.alloc(0))]),
  fc.constantFrom(0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535).map((code) => [frame(OP.close, closePayload(code))]),
  fc.constant<ClientFrame[]>([frame(OP.close, Buffer.from([0x03]))]),
  fc.constant<ClientFrame[]>([frame(OP.close, closePayload(1000, Buffer.from([0xce, 0xba, 0xe1, 0xbd, 0xb9, 0xcf, 0x83, 0xce, 0xbc, 0xce, 0xb5, 0xed, 0xa0, 0x80])))]),
  fc.constant<ClientFrame[]>([frame(OP.text, 'hi', { mask: undefined })]),
  fc.constantFrom(0x40, 0x20, 0x10).map((rsv) => [frame(OP.text, 'hi', { rsv })]),
  fc.constantFrom(3, 4, 5, 6, 7, 0xb, 0xc, 0xd, 0xe, 0xf).map((op) => [frame(op, 'hi')]),
  fc.constant<ClientFrame[]>([frame(OP.ping, 'p'.repeat(126))]),
  fc.constant<ClientFrame[]>([frame(OP.ping, 'x', { fin: false })]),
  fc.constant<ClientFrame[]>([frame(OP.continuation, 'lost')]),
  fc.constant<ClientFrame[]>([frame(OP.text, 'half', { fin: false }), frame(OP.text, 'again')]),
  fc.constantFrom([0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xea, 0xb0]).map((bad) => [frame(OP.text, Buffer.concat([Buffer.from('ok'), Buffer.from(bad)]))]),
  fc.constant<ClientFrame[]>([frame(OP.text, Buffer.from([0xea, 0xb0]), { fin: false }), frame(OP.continuation, Buffer.from('x'))]),
  fc.constantFrom(BigInt(MAX_MESSAGE) + 1n, 1n << 40n, (1n << 63n) + 5n).map((announce) => [frame(OP.binary, Buffer.alloc(0), { announce })]),
);

const afterArb = fc.array(fc.oneof(fc.constant(frame(OP.text, 'after')), fc.constant(frame(OP.ping, 'after'))), { maxLength: 2 });

export const frameCases: fc.Arbitrary<FrameCase> = fc
  .tuple(fc.array(fc.oneof({ weight: 3, arbitrary: messageArb }, { weight: 1, arbitrary: controlArb.map((c) => [c]) }), { maxLength: 3 }), fc.option(endingArb, { freq: 3 }), afterArb)
  .map(([items, ending, after]) => (ending ? [...items.flat(), ...ending, ...after] : items.flat()))
  .filter((frames) => frames.length > 0)
  .chain((frames) => cutsOf(Buffer.concat(frames.map(encodeClient)).length, 6).map((cuts) => ({ frames, cuts })));

const cutEvery = (c: Omit<FrameCase, 'cuts'>, step: number): FrameCase => {
  const n = caseBytes({ ...c, cuts: [] }).length;
  return { ...c, cuts: Array.from({ length: Math.floor((n - 1) / step) }, (_, i) => (i + 1) * step) };
};

/** The corners, tried on every run. */
export const frameExamples: FrameCase[] = [
  // 안 (EC 95 88) split between two fragments, a ping between them: pong first, then the echo.
  { frames: [frame(OP.text, Buffer.from([0xec, 0x95]), { fin: false }), frame(OP.ping, '핑'), frame(OP.continuation, Buffer.from([0x88]))], cuts: [] },
  // Every frame cut byte by byte: a 16-bit length and a mask split across writes.
  cutEvery({ frames: [frame(OP.binary, Buffer.alloc(200, 0xab)), frame(OP.text, '안녕')] }, 1),
  // A client's longer length form than needed: accepted.
  { frames: [frame(OP.text, 'short', { form: '16' }), frame(OP.text, 'tiny', { form: '64' })], cuts: [] },
  // An empty fragment, an empty message, then a close in the middle of a fragmented message.
  { frames: [frame(OP.text, ''), frame(OP.binary, 'ab', { fin: false }), frame(OP.continuation, '', { fin: false }), frame(OP.continuation, 'c'), frame(OP.text, 'x', { fin: false }), frame(OP.close, closePayload(1000, 'bye')), frame(OP.text, 'after')], cuts: [] },
  // 2^63 + 5 announced: a 64-bit length with its top bit set is over the limit too.
  { frames: [frame(OP.ping, 'before'), frame(OP.binary, Buffer.alloc(0), { announce: (1n << 63n) + 5n })], cuts: [] },
];
