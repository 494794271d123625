/**
 * Opening a zip nobody vouches for (an LMS export, a student's own zip): every entry is
 * judged before a byte is unpacked, and a zip with one bad entry is refused whole, so that a
 * student's work is either taken as they zipped it or not at all. Refused: a path that leaves
 * the folder (`../`, `/abs`, `C:\`), a link or a device, a password, too many entries, an
 * entry or a total too large, and an entry that inflates far beyond its packed size (a zip
 * bomb). Sizes are those the zip declares, and fflate never writes past a declared size, so a
 * zip that lies about them gets its entries cut short, never more memory.
 *
 * fflate reads and inflates; it does not report an entry's file type, so the central
 * directory is also read here, for the Unix mode that says "symbolic link".
 */
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { fill, text, type Text } from '../i18n.ts';
import { printable } from '../report/visible.ts';

export interface ZipLimits {
  entries: number;
  entryBytes: number;
  totalBytes: number;
  /** Largest unpacked/packed ratio allowed for an entry above `ratioFloorBytes`. */
  ratio: number;
  ratioFloorBytes: number;
}

const MiB = 1024 * 1024;

/** Generous for a class (a whole export) and for one student (a clone without node_modules). */
export const CLASS_ZIP_LIMITS: ZipLimits = { entries: 20_000, entryBytes: 64 * MiB, totalBytes: 1024 * MiB, ratio: 200, ratioFloorBytes: MiB };
export const STUDENT_ZIP_LIMITS: ZipLimits = { entries: 5_000, entryBytes: 16 * MiB, totalBytes: 64 * MiB, ratio: 200, ratioFloorBytes: MiB };

export interface ZipEntry {
  /** The name as stored, `\` read as `/`. */
  name: string;
  isDir: boolean;
  packed: number;
  unpacked: number;
}

/** Why a zip was refused: one sentence, both languages, naming the entry at fault. */
export class ZipRefused extends Error {
  constructor(readonly why: Text) {
    super(why.en);
    this.name = 'ZipRefused';
  }
}

const refuse = (t: Text, vars: Record<string, string | number> = {}) => new ZipRefused(fill(t, vars));

const WHY = {
  notZip: text('it is not a zip file that can be read ({detail})', '읽을 수 있는 zip 파일이 아닙니다({detail})'),
  tooMany: text('it has {n} entries; at most {max} are taken', '항목이 {n}개입니다. 최대 {max}개까지만 받습니다'),
  outside: text('its entry "{name}" would be written outside its folder', '항목 "{name}"이(가) 폴더 밖에 쓰이게 됩니다'),
  link: text('its entry "{name}" is a link; zip the files themselves', '항목 "{name}"은(는) 링크입니다. 파일 자체를 압축하세요'),
  special: text('its entry "{name}" is not a regular file or folder', '항목 "{name}"은(는) 일반 파일이나 폴더가 아닙니다'),
  encrypted: text('its entry "{name}" is password-protected', '항목 "{name}"에 암호가 걸려 있습니다'),
  duplicate: text('it holds "{name}" twice', '"{name}" 항목이 두 번 들어 있습니다'),
  entryTooLarge: text('its entry "{name}" unpacks to {size}; at most {max} per file', '항목 "{name}"의 압축을 풀면 {size}입니다. 파일 하나는 최대 {max}입니다'),
  totalTooLarge: text('it unpacks to {size}; at most {max} in all', '압축을 풀면 모두 {size}입니다. 전체 최대 {max}입니다'),
  bomb: text('its entry "{name}" inflates {ratio} times (a zip bomb?); at most {max} times', '항목 "{name}"이(가) {ratio}배로 부풀어 오릅니다(압축 폭탄?). 최대 {max}배입니다'),
  clash: text('its entry "{name}" clashes with another entry of the same path', '항목 "{name}"이(가) 같은 경로의 다른 항목과 겹칩니다'),
};

function mib(n: number): string {
  return n >= MiB ? `${(n / MiB).toFixed(1)} MiB` : `${Math.ceil(n / 1024)} KiB`;
}

interface CentralEntry extends ZipEntry {
  raw: string;
  encrypted: boolean;
  /** The Unix file type bits (S_IFMT), when the zip was made on Unix; 0 otherwise. */
  unixType: number;
}

/** The end-of-central-directory record: where the directory starts and how many entries. */
function directoryStart(buf: Buffer): { offset: number; count: number } {
  for (let e = buf.length - 22; e >= Math.max(0, buf.length - 65_557); e--) {
    if (buf.readUInt32LE(e) !== 0x06054b50) continue;
    let count = buf.readUInt16LE(e + 10);
    let offset = buf.readUInt32LE(e + 16);
    // Zip64: the real figures are in the zip64 end record the locator points at.
    if (e >= 20 && buf.readUInt32LE(e - 20) === 0x07064b50) {
      const z = Number(buf.readBigUInt64LE(e - 12));
      if (z + 56 <= buf.length && buf.readUInt32LE(z) === 0x06064b50) {
        count = Number(buf.readBigUInt64LE(z + 32));
        offset = Number(buf.readBigUInt64LE(z + 48));
      }
    }
    return { offset, count };
  }
  throw refuse(WHY.notZip, { detail: 'no end of central directory' });
}

/** Every entry as the central directory describes it (names, sizes, flags, file type). */
export function readDirectory(buf: Buffer, maxEntries: number): CentralEntry[] {
  const { offset, count } = directoryStart(buf);
  if (count > maxEntries) throw refuse(WHY.tooMany, { n: count, max: maxEntries });
  const entries: CentralEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) throw refuse(WHY.notZip, { detail: `entry ${i + 1} is damaged` });
    const madeOn = buf.readUInt8(at + 5); // high byte of "version made by": 3 is Unix
    const flags = buf.readUInt16LE(at + 8);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    const external = buf.readUInt32LE(at + 38);
    const rawName = buf.subarray(at + 46, at + 46 + nameLen).toString(flags & 0x800 ? 'utf8' : 'latin1');
    const sizes = zip64Sizes(buf, at, at + 46 + nameLen, extraLen);
    const name = rawName.replace(/\\/g, '/');
    entries.push({
      raw: rawName,
      name,
      isDir: name.endsWith('/'),
      packed: sizes.packed,
      unpacked: sizes.unpacked,
      encrypted: Boolean(flags & 1),
      unixType: madeOn === 3 ? (external >>> 16) & 0o170000 : 0,
    });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** An entry's sizes, taken from its zip64 extra field where the plain ones are maxed out. */
function zip64Sizes(buf: Buffer, at: number, extra: number, extraLen: number): { packed: number; unpacked: number } {
  let unpacked = buf.readUInt32LE(at + 24);
  let packed = buf.readUInt32LE(at + 20);
  if (unpacked !== 0xffffffff && packed !== 0xffffffff) return { packed, unpacked };
  for (let p = extra; p + 4 <= extra + extraLen; p += 4 + buf.readUInt16LE(p + 2)) {
    if (buf.readUInt16LE(p) !== 1) continue;
    let q = p + 4;
    if (unpacked === 0xffffffff) (unpacked = Number(buf.readBigUInt64LE(q))), (q += 8);
    if (packed === 0xffffffff) packed = Number(buf.readBigUInt64LE(q));
  }
  return { packed, unpacked };
}

/** The entry's path split into safe segments, or a refusal: nothing may leave the folder. */
export function safeSegments(name: string): string[] {
  const bad = name.includes('\0') || name.startsWith('/') || /^[A-Za-z]:/.test(name);
  const segments = name.split('/').filter((s) => s !== '' && s !== '.');
  if (bad || segments.some((s) => s === '..' || /^[A-Za-z]:$/.test(s))) throw refuse(WHY.outside, { name: printable(name) });
  return segments;
}

const S_IFMT_LINK = 0o120000;
const S_IFMT_FILE = 0o100000;
const S_IFMT_DIR = 0o040000;

/** Judges every entry against the rules and limits; throws ZipRefused for the first that breaks one. */
export function checkEntries(entries: CentralEntry[], limits: ZipLimits): void {
  const seen = new Set<string>();
  let total = 0;
  for (const e of entries) {
    const name = printable(e.name);
    const key = safeSegments(e.name).join('/');
    if (e.unixType === S_IFMT_LINK) throw refuse(WHY.link, { name });
    if (e.unixType !== 0 && e.unixType !== S_IFMT_FILE && e.unixType !== S_IFMT_DIR) throw refuse(WHY.special, { name });
    if (e.encrypted) throw refuse(WHY.encrypted, { name });
    if (!e.isDir && seen.has(key)) throw refuse(WHY.duplicate, { name });
    seen.add(key);
    // A bomb is named as one, before its size is: the more telling reason.
    const ratio = e.unpacked / Math.max(1, e.packed);
    if (e.unpacked > limits.ratioFloorBytes && ratio > limits.ratio) throw refuse(WHY.bomb, { name, ratio: Math.round(ratio), max: limits.ratio });
    if (e.unpacked > limits.entryBytes) throw refuse(WHY.entryTooLarge, { name, size: mib(e.unpacked), max: mib(limits.entryBytes) });
    total += e.unpacked;
  }
  if (total > limits.totalBytes) throw refuse(WHY.totalTooLarge, { size: mib(total), max: mib(limits.totalBytes) });
}

/** A zip's files (folders left out), judged whole, unpacked in memory: `segments` → bytes. */
export function unpackZip(buf: Buffer, limits: ZipLimits): Array<{ segments: string[]; data: Uint8Array }> {
  const entries = readDirectory(buf, limits.entries);
  checkEntries(entries, limits);
  const byRaw = new Map(entries.map((e) => [e.raw, e]));
  let files: Record<string, Uint8Array>;
  try {
    // Only the entries judged above: a name the directory walk did not see is not unpacked.
    files = unzipSync(buf, { filter: (f) => byRaw.has(f.name) && !byRaw.get(f.name)!.isDir });
  } catch (err) {
    throw refuse(WHY.notZip, { detail: (err as Error).message });
  }
  return Object.entries(files).map(([raw, data]) => ({ segments: safeSegments(byRaw.get(raw)!.name), data }));
}

function isInside(p: string, dir: string): boolean {
  const r = path.relative(dir, p);
  return r !== '' && !r.startsWith('..') && !path.isAbsolute(r);
}

/**
 * Writes unpacked files under `dir` (which the caller made fresh): never outside it, never
 * over an existing file (`wx`), never through a link (none is ever made here).
 */
export function writeFiles(dir: string, files: Array<{ segments: string[]; data: Uint8Array }>): void {
  for (const f of files) {
    const target = path.join(dir, ...f.segments);
    if (!isInside(target, dir)) throw refuse(WHY.outside, { name: printable(f.segments.join('/')) });
    try {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, f.data, { flag: 'wx' });
    } catch {
      throw refuse(WHY.clash, { name: printable(f.segments.join('/')) });
    }
  }
}
