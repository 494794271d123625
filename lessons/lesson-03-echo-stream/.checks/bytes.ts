/**
 * Lesson 03 — comparing byte streams and saying where they differ, in words a learner can
 * act on: how many bytes, their SHA-256, and the first differing offset with the bytes there.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fill, quoted, text, type Text } from '../../../src/checks/kit.ts';

export const KiB = 1024;
export const MiB = 1024 * 1024;

/** Random bytes holding every value 0–255 at least once, spread over the payload. */
export function binaryPayload(size: number): Buffer {
  const b = crypto.randomBytes(size);
  if (size >= 256) for (let v = 0; v < 256; v++) b[Math.floor((v * size) / 256)] = v;
  return b;
}

export function sha256(b: Buffer): string {
  return crypto.createHash('sha256').update(b).digest('hex');
}

export function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** `1,048,576 bytes (SHA-256 3f2a…)` */
export function describeBytes(b: Buffer): Text {
  if (b.length === 0) return text('0 bytes', '0바이트');
  const sum = sha256(b).slice(0, 16);
  if (b.length === 1) return fill(text('1 byte (SHA-256 {sum}…)', '1바이트 (SHA-256 {sum}…)'), { sum });
  return fill(text('{n} bytes (SHA-256 {sum}…)', '{n}바이트 (SHA-256 {sum}…)'), { n: count(b.length), sum });
}

export type Comparison =
  | { kind: 'same' }
  /** `got` is a proper prefix of `sent`: bytes are missing at the end. */
  | { kind: 'short'; offset: number }
  /** `sent` is a proper prefix of `got`: extra bytes at the end. */
  | { kind: 'long'; offset: number }
  /** A byte differs; `replacement` when EF BF BD (U+FFFD) sits where a byte was. */
  | { kind: 'differs'; offset: number; replacement: boolean };

export function compareBytes(sent: Buffer, got: Buffer): Comparison {
  const n = Math.min(sent.length, got.length);
  let i = 0;
  // Fast path: compare 4 KiB blocks, then find the byte inside the first block that differs.
  const BLOCK = 4096;
  while (i < n) {
    const end = Math.min(i + BLOCK, n);
    if (sent.subarray(i, end).equals(got.subarray(i, end))) {
      i = end;
      continue;
    }
    while (sent[i] === got[i]) i++;
    const replacement = got[i] === 0xef && got[i + 1] === 0xbf && got[i + 2] === 0xbd;
    return { kind: 'differs', offset: i, replacement };
  }
  if (sent.length === got.length) return { kind: 'same' };
  return got.length < sent.length ? { kind: 'short', offset: n } : { kind: 'long', offset: n };
}

/** `80 3A 9F 00 …` (up to `n` bytes from `offset`), or `(nothing)` past the end. */
export function hexAt(b: Buffer, offset: number, n = 8): string {
  const part = b.subarray(offset, offset + n);
  if (part.length === 0) return '(end)';
  const hex = [...part].map((x) => x.toString(16).toUpperCase().padStart(2, '0')).join(' ');
  return offset + n < b.length ? `${hex} …` : hex;
}

/** One line about where two byte streams part, for a failure's "Got". */
export function whereTheyDiffer(sent: Buffer, got: Buffer, c: Comparison): Text {
  switch (c.kind) {
    case 'same':
      return text('identical', '같음');
    case 'short':
      return fill(
        text('the first {n} bytes are right, then nothing: the last {missing} bytes never came', '앞의 {n}바이트는 맞지만 그 뒤가 없습니다. 마지막 {missing}바이트가 오지 않았습니다'),
        { n: count(c.offset), missing: count(sent.length - c.offset) },
      );
    case 'long':
      return fill(
        text('all {n} bytes came back, then {extra} bytes more: {bytes}', '{n}바이트가 모두 돌아온 뒤 {extra}바이트가 더 왔습니다: {bytes}'),
        { n: count(c.offset), extra: count(got.length - c.offset), bytes: quoted(got.subarray(c.offset), 40) },
      );
    case 'differs':
      return fill(
        text(
          'first difference at byte {at}: sent {sent}, got {got}{why}',
          '처음 달라진 곳은 {at}번째 바이트(0부터 셈): 보낸 것 {sent}, 받은 것 {got}{why}',
        ),
        {
          at: count(c.offset),
          sent: hexAt(sent, c.offset),
          got: hexAt(got, c.offset),
          why: c.replacement
            ? text(' (EF BF BD is U+FFFD "�", the replacement character: a byte that is not valid UTF-8 was decoded as text)', ' (EF BF BD는 U+FFFD "�", 대체 문자입니다. UTF-8로 올바르지 않은 바이트를 문자열로 디코딩한 흔적입니다)')
            : text('', ''),
        },
      );
  }
}

/** True when `got` holds a run of 32 bytes taken from `other` (bytes of another connection). */
export function borrowsFrom(got: Buffer, other: Buffer): boolean {
  const W = 32;
  if (got.length < W || other.length < W) return false;
  const step = Math.max(W, Math.floor(got.length / 64));
  for (let off = 0; off + W <= got.length; off += step) {
    if (other.indexOf(got.subarray(off, off + W)) !== -1) return true;
  }
  return false;
}

/**
 * A fresh folder for one exchange's files inside `base` (the scenario's scratch folder, which
 * the learner's boxed client can reach), removed by `dispose`.
 */
export function tempDir(base: string): { dir: string; file(name: string): string; dispose(): void } {
  const dir = fs.mkdtempSync(path.join(base, 'lesson03-'));
  return {
    dir,
    file: (name) => path.join(dir, name),
    dispose: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
