/**
 * Lesson 08 — the frame format, from the checker's side: building frames, reading one frame
 * from a PeerSocket with every way it can go wrong told apart, and showing bytes as hex.
 *
 * Frame: u32 BE length of what follows | u8 op | payload.
 */
import { quoted, type PeerSocket } from '../../../src/checks/kit.ts';

export const MAX_FRAME = 1024 * 1024;
export const OP = { echo: 0x01, sum: 0x02, ulen: 0x03, echoReply: 0x81, sumReply: 0x82, ulenReply: 0x83, error: 0xff } as const;

export function frame(op: number, payload: Buffer | string = Buffer.alloc(0)): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  const head = Buffer.alloc(5);
  head.writeUInt32BE(1 + body.length, 0);
  head[4] = op;
  return Buffer.concat([head, body]);
}

export function sumPayload(numbers: number[]): Buffer {
  const b = Buffer.alloc(4 * numbers.length);
  numbers.forEach((n, i) => b.writeInt32BE(n, 4 * i));
  return b;
}

export function int64(n: bigint): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigInt64BE(n, 0);
  return b;
}

export function twoU32(a: number, b: number): Buffer {
  const out = Buffer.alloc(8);
  out.writeUInt32BE(a, 0);
  out.writeUInt32BE(b, 4);
  return out;
}

export const echoFrame = (p: Buffer | string) => frame(OP.echo, p);
export const sumFrame = (ns: number[]) => frame(OP.sum, sumPayload(ns));
export const ulenFrame = (s: Buffer | string) => frame(OP.ulen, s);
export const echoReply = (p: Buffer | string) => frame(OP.echoReply, p);
export const sumReply = (n: bigint) => frame(OP.sumReply, int64(n));
export const ulenReply = (cp: number, bytes: number) => frame(OP.ulenReply, twoU32(cp, bytes));
export const errorReply = (msg: string) => frame(OP.error, msg);

/** `00 00 00 06 01 68 65 6c 6c 6f`, shortened with `…` past `max` bytes. */
export function hex(b: Buffer, max = 24): string {
  const shown = [...b.subarray(0, max)].map((x) => x.toString(16).padStart(2, '0')).join(' ');
  return b.length > max ? `${shown} … (${b.length} bytes)` : shown;
}

export function opName(op: number): string {
  const names: Record<number, string> = { 0x01: 'ECHO', 0x02: 'SUM', 0x03: 'ULEN', 0x81: 'ECHO reply', 0x82: 'SUM reply', 0x83: 'ULEN reply', 0xff: 'ERROR' };
  return `0x${op.toString(16).padStart(2, '0')}${names[op] ? ` (${names[op]})` : ''}`;
}

/** One frame in words: `length 6, op 0x81 (ECHO reply), payload "hello"` + the hex. */
export function describeFrame(bytes: Buffer): string {
  if (bytes.length < 5) return hex(bytes);
  const len = bytes.readUInt32BE(0);
  const op = bytes[4]!;
  const payload = bytes.subarray(5);
  let shown: string;
  if (op === OP.sumReply && payload.length === 8) shown = `int64 ${payload.readBigInt64BE(0)}`;
  else if (op === OP.ulenReply && payload.length === 8) shown = `u32 ${payload.readUInt32BE(0)}, u32 ${payload.readUInt32BE(4)}`;
  else if (op === OP.sum && payload.length % 4 === 0) shown = `int32 [${[...Array(payload.length / 4).keys()].map((i) => payload.readInt32BE(4 * i)).join(', ')}]`;
  else shown = quoted(payload, 40);
  return `length ${len}, op ${opName(op)}, payload ${shown}  [${hex(bytes)}]`;
}

export type FrameRead =
  | { kind: 'frame'; op: number; payload: Buffer; bytes: Buffer }
  /** The header makes sense only read little-endian; op/payload when the frame came whole. */
  | { kind: 'little-endian'; head: Buffer; length: number; op?: number; payload?: Buffer }
  /** A big-endian length of 0 or over 1 MiB that is not a little-endian one either. */
  | { kind: 'bad-length'; head: Buffer; length: number }
  | { kind: 'nothing'; how: 'timeout' | 'fin' | 'rst' }
  /** Some bytes, fewer than the frame needs (`want` once the header is in). */
  | { kind: 'partial'; got: Buffer; want?: number; how: 'timeout' | 'fin' | 'rst' };

/** Reads the next frame the peer sends, waiting at most `ms` for each of header and body. */
export async function readFrame(peer: PeerSocket, ms: number): Promise<FrameRead> {
  const head = await peer.readBytes(4, ms);
  if (!head.ok) {
    const how = head.reason === 'timeout' ? 'timeout' : head.how;
    return head.partial.length === 0 ? { kind: 'nothing', how } : { kind: 'partial', got: Buffer.from(head.partial), how };
  }
  const h = Buffer.from(head.value);
  const be = h.readUInt32BE(0);
  if (be === 0 || be > MAX_FRAME) {
    const le = h.readUInt32LE(0);
    if (le === 0 || le > MAX_FRAME) return { kind: 'bad-length', head: h, length: be };
    const body = await peer.readBytes(le, Math.min(ms, 1000));
    if (!body.ok) return { kind: 'little-endian', head: h, length: le };
    return { kind: 'little-endian', head: h, length: le, op: body.value[0], payload: Buffer.from(body.value.subarray(1)) };
  }
  const body = await peer.readBytes(be, ms);
  if (!body.ok) {
    return { kind: 'partial', got: Buffer.concat([h, body.partial]), want: 4 + be, how: body.reason === 'timeout' ? 'timeout' : body.how };
  }
  const b = Buffer.from(body.value);
  return { kind: 'frame', op: b[0]!, payload: b.subarray(1), bytes: Buffer.concat([h, b]) };
}
