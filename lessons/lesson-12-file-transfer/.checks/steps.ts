/**
 * Lesson 12 — the steps its scenarios share: start the learner's server on a folder of the
 * scenario's own, play one request on a connection and hold the reply, the close and the folder
 * to the model (explaining any difference), move big files (160 MiB and more, made from a seeded
 * stream and hashed as they go, never held whole) while sampling the learner's memory, and run
 * the learner's client against a checker server. Failures name a reason of `mistakes.ts` and
 * give its facts; the words live there.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { fill, programFailure, quoted, text, type FailureDetails, type PeerSocket, type ScenarioContext, type StartedServer, type Text } from '../../../src/checks/kit.ts';
import type { Transcript } from '../../../src/peers/transcript.ts';
import type { Reason } from './mistakes.ts';
import { answer, prngStream, sha256, type Answer, type Folder, type Request } from './model.ts';

export type Ctx = ScenarioContext<Reason>;
export type Program = StartedServer['program'];

export const WAIT = 2000; // how long a reply may take, on a loaded machine
export const MiB = 1024 * 1024;
/**
 * How far above its baseline a program's memory may go while a big file goes through. A program
 * that streams still grows until V8 collects its spent chunk Buffers (25–55 MiB measured on the
 * reference, in CI as much as 55: 48 MiB failed it there); one that holds the 160 MiB file grows by
 * 155 MiB or more. The bound sits between them with room on both sides.
 */
export const MEMORY_HEADROOM = 96 * MiB;

export const who = {
  checker: text('checker (client)', '검사기 (클라이언트)'),
  checkerServer: text('checker (server)', '검사기 (서버)'),
  server: text('your server', '내 서버'),
  client: text('your client', '내 클라이언트'),
};

export const mib = (n: number | undefined) => (n === undefined ? '?' : (n / MiB).toFixed(1));
const nothingFor = (ms: number) => fill(text('nothing for {ms} ms', '{ms}ms 동안 아무것도 없음'), { ms });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ───────────────────────────── the folder ─────────────────────────────

export interface FileServer {
  server: StartedServer;
  /** UPLOAD_DIR, inside the scratch folder. */
  dir: string;
  /** The scratch folder around it: a file appearing here came through a path traversal. */
  root: string;
}

/** What the scratch folder holds besides UPLOAD_DIR: a file the server must never serve. */
export const OUTSIDE = 'outside.txt';

/** Starts the server with UPLOAD_DIR=<scratch>/uploads, holding `files` (written before it starts). */
export async function startFileServer(ctx: Ctx, files: Array<[string, Buffer]> = []): Promise<FileServer> {
  const root = ctx.scratchDir();
  const dir = path.join(root, 'uploads');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(root, OUTSIDE), 'a file outside UPLOAD_DIR: never served, never replaced\n');
  for (const [name, content] of files) fs.writeFileSync(path.join(dir, name), content);
  const server = await ctx.startServer({ env: { UPLOAD_DIR: dir } });
  return { server, dir, root };
}

export function listFolder(dir: string): string[] {
  try {
    return fs.readdirSync(dir).sort();
  } catch {
    return [];
  }
}

/** Files that appeared next to UPLOAD_DIR (or changed there): the server wrote outside its folder. */
export function escaped(fsrv: FileServer): string[] {
  const known = new Set(['uploads', OUTSIDE, 'files']);
  const out = listFolder(fsrv.root).filter((n) => !known.has(n));
  const outside = path.join(fsrv.root, OUTSIDE);
  if (fs.existsSync(outside) && !fs.readFileSync(outside, 'utf8').startsWith('a file outside')) out.push(OUTSIDE);
  return out;
}

export function clearFolder(dir: string): void {
  for (const n of listFolder(dir)) fs.rmSync(path.join(dir, n), { recursive: true, force: true });
}

export function readFolder(dir: string): Map<string, Buffer> {
  const m = new Map<string, Buffer>();
  for (const n of listFolder(dir)) {
    try {
      m.set(n, fs.readFileSync(path.join(dir, n)));
    } catch {
      /* a directory, or gone */
    }
  }
  return m;
}

/** SHA-256 and size of a file on disk, streamed. */
export async function hashOnDisk(file: string): Promise<{ sha: string; size: number } | undefined> {
  try {
    const hash = crypto.createHash('sha256');
    let size = 0;
    for await (const chunk of fs.createReadStream(file)) {
      hash.update(chunk as Buffer);
      size += (chunk as Buffer).length;
    }
    return { sha: hash.digest('hex'), size };
  } catch {
    return undefined;
  }
}

const sameFolder = (a: Folder, b: Folder) => a.size === b.size && [...a].every(([k, v]) => b.get(k)?.equals(v));

// ───────────────────────────── crashes ─────────────────────────────

/** If the server process is gone: why (a reset it did not handle, …). */
export async function crashOf(ctx: Ctx, program: Program, waitMs = 300, file = 'server.ts'): Promise<FailureDetails | undefined> {
  const exit = program.exitInfo ?? (await program.waitExit(waitMs));
  if (!exit) return undefined;
  if (/ECONNRESET|EPIPE/.test(program.stderr()) && /Unhandled 'error' event|ECONNRESET/.test(program.stderr())) return ctx.mistake('crashed-on-reset', { actual: text('the process exited (see its output below)', '프로세스가 끝남(아래 출력 참고)') });
  return programFailure(file, exit, program, 'during-exchange');
}

export async function failIfCrashed(ctx: Ctx, program: Program, waitMs = 300): Promise<void> {
  const f = await crashOf(ctx, program, waitMs);
  if (f) ctx.fail(f);
}

// ───────────────────────────── one small request ─────────────────────────────

export interface Got {
  /** The reply line without '\n' (and a '\r' before it), if one came. */
  line?: string;
  /** How the wait for the line ended when none came. */
  noLine?: 'fin' | 'rst' | 'timeout';
  partial: Buffer;
  /** The body of a GET that was OK, as far as it came. */
  body?: Buffer;
  /** Bytes after the reply (and body), before the close. */
  after: Buffer;
  closed: 'fin' | 'rst' | 'timeout';
}

/** Sends one request on a new connection (cut at `cuts`, then a FIN if asked) and reads the answer. */
export async function play(ctx: Ctx, port: number, req: Request, transcript: Transcript, probe = false): Promise<{ got: Got; peer: PeerSocket; probed?: boolean }> {
  const peer = await ctx.connect(port, transcript);
  await peer.sendSplitAt(req.bytes, req.cuts, 5);
  if (req.fin) peer.halfClose();
  const r = await peer.readLine(WAIT);
  if (!r.ok) {
    let probed: boolean | undefined;
    if (probe && r.reason === 'timeout' && !req.fin) {
      // Does it answer once more bytes come? Then it waited for bytes it had already been sent.
      peer.transcript.note(text('(probe: 64 KiB more bytes, to see whether the server waits for more than the body)', '(확인용: 본문보다 더 기다리는지 보려고 64KiB를 더 보냄)'));
      await peer.send(Buffer.alloc(64 * 1024, 0x2e));
      probed = await peer.waitFor(() => peer.unread().includes(0x0a), 1000);
    }
    return { got: { noLine: r.reason === 'timeout' ? 'timeout' : r.how, partial: r.partial, after: Buffer.alloc(0), closed: r.reason === 'timeout' ? 'timeout' : r.how }, peer, probed };
  }
  const line = r.value.toString('utf8').replace(/\r$/, '');
  let body: Buffer | undefined;
  const m = /^OK (\d+) [0-9a-f]{64}$/.exec(line);
  if (m && req.bytes.toString('latin1').startsWith('GET ')) {
    const b = await peer.readBytes(Number(m[1]), WAIT);
    body = b.ok ? b.value : b.partial;
  }
  const closed = await peer.waitClosed(WAIT);
  return { got: { line, partial: Buffer.alloc(0), body, after: Buffer.from(peer.unread()), closed }, peer };
}

function shownGot(g: Got): Text | string {
  if (g.line !== undefined) return quoted(`${g.line}\n`);
  if (g.noLine === 'timeout') return g.partial.length ? fill(text('{p}, and no "\\n" for {ms} ms', '{p}, {ms}ms 동안 "\\n" 없음'), { p: quoted(g.partial, 80), ms: WAIT }) : nothingFor(WAIT);
  return fill(text('{p}{how}', '{p}{how}'), { p: g.partial.length ? `${quoted(g.partial, 80)}, then ` : '', how: g.noLine!.toUpperCase() });
}

function put(req: Request): { name: string; size: number; sha: string; body: Buffer; trailing: Buffer } | undefined {
  const nl = req.bytes.indexOf(0x0a);
  if (nl < 0) return undefined;
  const words = req.bytes.subarray(0, nl).toString('utf8').replace(/\r$/, '').split(' ');
  if (words[0] !== 'PUT' || words.length !== 4 || !/^\d+$/.test(words[2]!)) return undefined;
  const size = Number(words[2]);
  const rest = req.bytes.subarray(nl + 1);
  return { name: words[1]!, size, sha: words[3]!, body: rest.subarray(0, size), trailing: rest.subarray(size) };
}

const isUtf8 = (b: Buffer) => Buffer.from(b.toString('utf8'), 'utf8').equals(b);

/**
 * What is wrong with the answer `got` to `req`, against the model's `want` (undefined: right).
 * Then the folder: it must come to hold what the model says within a moment.
 */
export async function judge(ctx: Ctx, fsrv: FileServer, req: Request, want: Answer, got: Got, probed?: boolean): Promise<FailureDetails | undefined> {
  const sent = req.shown;
  const expected = fill(text('{line}{body}, then the server closes', '{line}{body}, 그다음 서버가 닫음'), {
    line: quoted(`${want.line}\n`),
    body: want.body ? fill(text(' and the {n} bytes of the file', ' 그리고 파일 {n}바이트'), { n: want.body.length }) : '',
  });
  const actual = shownGot(got);
  const p = put(req);
  if (got.line === undefined) {
    const crash = await crashOf(ctx, fsrv.server.program, got.noLine === 'timeout' ? 0 : 300);
    if (crash) return crash;
    if (want.line === 'ERR size') {
      if (got.noLine === 'timeout') return ctx.mistake('short-body-not-noticed', { vars: { sent }, expected, actual });
      return ctx.mistake('reply-lost-after-fin', { vars: { sent }, expected, actual });
    }
    if (got.noLine !== 'timeout') return ctx.mistake('closed-without-reply', { vars: { sent, how: got.noLine! }, expected, actual });
    if (want.line === 'ERR too large') return ctx.mistake('trusts-size', { vars: { sent }, expected, actual });
    if (want.line === 'ERR bad header' && req.bytes.indexOf(0x0a) === -1) return ctx.mistake('header-unbounded', { vars: { n: req.bytes.length }, expected, actual });
    if (probed && want.line.startsWith('OK')) return ctx.mistake('body-in-header-chunk-lost', { vars: { sent }, expected, actual: fill(text('nothing for {ms} ms; a reply only after 64 KiB more', '{ms}ms 동안 아무것도 없다가 64KiB를 더 보내자 답이 옴'), { ms: WAIT }) });
    if (want.line === 'ERR bad name' && p) return ctx.mistake('unsafe-name-accepted', { vars: { name: p.name }, expected, actual });
    return ctx.mistake('no-reply', { vars: { sent, ms: WAIT }, expected, actual });
  }
  const line = got.line;
  if (line !== want.line) {
    const vars = { sent, got: line, want: want.line };
    if (want.line.startsWith('OK ') && p && !req.bytes.toString('latin1').startsWith('GET')) {
      const decoded = sha256(Buffer.from(p.body.toString('utf8'), 'utf8'));
      const withTrailing = sha256(Buffer.concat([p.body, p.trailing]));
      if (line === 'ERR checksum' || line === `OK ${decoded}` || line === `OK ${withTrailing}`) {
        if (p.trailing.length > 0 && line !== `OK ${decoded}`) return ctx.mistake('hashed-bytes-after-body', { vars: { ...vars, n: p.trailing.length }, expected, actual });
        if (!isUtf8(p.body)) return ctx.mistake('body-decoded-as-text', { vars, expected, actual });
        return ctx.mistake('good-upload-refused', { vars, expected, actual });
      }
      if (/^OK [0-9a-f]{64}$/.test(line)) return ctx.mistake('wrong-hash-in-reply', { vars, expected, actual });
    }
    if (want.line === 'ERR checksum' && line.startsWith('OK')) return ctx.mistake('bad-checksum-accepted', { vars, expected, actual });
    if (want.line === 'ERR bad name' && req.bytes.includes(Buffer.from(`../${OUTSIDE}`)) && line.startsWith('OK')) return ctx.mistake('path-traversal-read', { vars, expected, actual });
    if (want.line === 'ERR bad name') return ctx.mistake('unsafe-name-accepted', { vars: { name: p?.name ?? sent }, expected, actual });
    if (want.line.startsWith('OK ') && req.bytes.toString('latin1').startsWith('GET')) return ctx.mistake('get-wrong-header', { vars, expected, actual });
    return ctx.mistake('wrong-reply', { vars, expected, actual });
  }
  if (want.body) {
    const b = got.body ?? Buffer.alloc(0);
    if (!b.equals(want.body)) {
      return ctx.mistake('get-body-differs', {
        vars: { sent, n: b.length, size: want.body.length },
        expected,
        actual: fill(text('{n} bytes, sha256 {h}', '{n}바이트, sha256 {h}'), { n: b.length, h: sha256(b) }),
      });
    }
  }
  if (got.after.length > 0) return ctx.mistake('extra-after-reply', { vars: { sent, n: got.after.length }, expected, actual: fill(text('{a}, then {more}', '{a}, 그다음 {more}'), { a: actual, more: quoted(got.after, 60) }) });
  if (got.closed === 'timeout') return ctx.mistake('no-close-after-reply', { vars: { sent, ms: WAIT }, expected, actual: fill(text('{a}, and the connection still open after {ms} ms', '{a}, 그리고 {ms}ms 뒤에도 연결이 열려 있음'), { a: actual, ms: WAIT }) });
  return checkFolder(ctx, fsrv, want, sent, p?.name);
}

/** The folder must come to hold exactly what the model says (within 1 s: a temp file may be closing). */
export async function checkFolder(ctx: Ctx, fsrv: FileServer, want: Pick<Answer, 'folder' | 'line'>, sent: string, name?: string): Promise<FailureDetails | undefined> {
  const deadline = Date.now() + 1000;
  let now = readFolder(fsrv.dir);
  while (!sameFolder(now, want.folder) && Date.now() < deadline) {
    await sleep(50);
    now = readFolder(fsrv.dir);
  }
  const out = escaped(fsrv);
  if (out.length > 0) return ctx.mistake('path-traversal', { vars: { sent, files: out.join(', ') }, expected: text('nothing written outside UPLOAD_DIR', 'UPLOAD_DIR 밖에는 아무것도 쓰지 않음'), actual: fill(text('new next to UPLOAD_DIR: {f}', 'UPLOAD_DIR 옆에 새로 생김: {f}'), { f: out.join(', ') }) });
  if (sameFolder(now, want.folder)) return undefined;
  const expected = fill(text('UPLOAD_DIR holds: {list}', 'UPLOAD_DIR의 내용: {list}'), { list: [...want.folder.keys()].sort().join(', ') || '—' });
  const actual = fill(text('UPLOAD_DIR holds: {list}', 'UPLOAD_DIR의 내용: {list}'), {
    list: [...now].map(([n, b]) => `${n} (${b.length} B)`).join(', ') || '—',
  });
  const extra = [...now.keys()].filter((n) => !want.folder.has(n));
  const stored = want.line.startsWith('OK ') && name !== undefined && want.folder.has(name);
  if (stored) {
    const file = now.get(name!);
    if (!file) return ctx.mistake('ok-but-not-stored', { vars: { name: name! }, expected, actual });
    if (!file.equals(want.folder.get(name!)!)) return ctx.mistake('stored-file-differs', { vars: { name: name!, n: file.length, size: want.folder.get(name!)!.length }, expected, actual });
    if (extra.length > 0) return ctx.mistake('temp-file-left', { vars: { files: extra.join(', ') }, expected, actual });
  }
  for (const [n, b] of want.folder) {
    const now1 = now.get(n);
    if (!now1 || !now1.equals(b)) return ctx.mistake('failed-upload-replaced-file', { vars: { sent, name: n }, expected, actual });
  }
  return ctx.mistake('failed-upload-left-file', { vars: { sent, files: extra.join(', ') }, expected, actual });
}

/** One request against the model: the answer, then the folder. Fails the scenario on a difference. */
export async function expectAnswer(ctx: Ctx, fsrv: FileServer, req: Request, o: { probe?: boolean } = {}): Promise<Answer> {
  const want = answer(readFolder(fsrv.dir), req.bytes, req.fin);
  const { got, peer, probed } = await play(ctx, fsrv.server.port, req, ctx.transcript(who.checker, who.server), o.probe);
  peer.destroy();
  const f = await judge(ctx, fsrv, req, want, got, probed);
  if (f) ctx.fail(f);
  return want;
}

// ───────────────────────────── big files ─────────────────────────────

/** Takes a PeerSocket's bytes away from it (it would keep them all): `onData` sees them from now on. */
export function detach(peer: PeerSocket, onData: (chunk: Buffer) => void): void {
  const early = Buffer.from(peer.unread());
  for (const l of peer.socket.listeners('data')) peer.socket.off('data', l as (...a: unknown[]) => void);
  peer.socket.on('data', onData);
  if (early.length > 0) onData(early);
}

/** Samples a program's memory every 25 ms until stopped; the highest value seen. */
export function sampleMemory(program: Program): { stop: () => Promise<number | undefined>; peak: () => number | undefined } {
  let peak: number | undefined;
  let running = true;
  const loop = (async () => {
    while (running && !program.done) {
      const m = await program.memory();
      if (m !== undefined) peak = Math.max(peak ?? 0, m);
      await sleep(25);
    }
  })();
  return {
    peak: () => peak,
    stop: async () => {
      running = false;
      await loop;
      return peak;
    },
  };
}

/** Waits for 'drain' or the end of the socket, at most `ms`: false if it ended or timed out. */
async function drained(peer: PeerSocket, ms: number): Promise<boolean> {
  const s = peer.socket;
  if (s.destroyed || peer.closed) return false;
  return new Promise((resolve) => {
    const done = (v: boolean) => {
      clearTimeout(timer);
      s.off('drain', onDrain);
      s.off('close', onClose);
      resolve(v);
    };
    const onDrain = () => done(true);
    const onClose = () => done(false);
    const timer = setTimeout(() => done(false), ms);
    s.on('drain', onDrain);
    s.on('close', onClose);
  });
}

/**
 * Writes `size` bytes of the seeded stream, 64 KiB at a time, waiting for 'drain' as a good
 * client does; hashed as they go. Stops early at `stopAt` bytes, or if the server closes or
 * takes nothing for `stallMs`. Returns what was sent.
 */
export async function sendBody(peer: PeerSocket, seed: number, size: number, o: { stopAt?: number; stallMs?: number } = {}): Promise<{ sent: number; sha: string; stalled: boolean }> {
  const next = prngStream(seed);
  const hash = crypto.createHash('sha256');
  const end = Math.min(size, o.stopAt ?? size);
  let sent = 0;
  while (sent < end && !peer.socket.destroyed && !peer.closed) {
    const chunk = next(Math.min(64 * 1024, end - sent));
    hash.update(chunk);
    sent += chunk.length;
    if (!peer.socket.write(chunk) && !(await drained(peer, o.stallMs ?? 4000))) {
      return { sent, sha: hash.digest('hex'), stalled: !peer.closed && !peer.socket.destroyed };
    }
  }
  return { sent, sha: hash.digest('hex'), stalled: false };
}

/** SHA-256 of the first `size` bytes of a seed's stream, without keeping them. */
export function seedSha(seed: number, size: number): string {
  const next = prngStream(seed);
  const hash = crypto.createHash('sha256');
  for (let left = size; left > 0; left -= 1024 * 1024) hash.update(next(Math.min(1024 * 1024, left)));
  return hash.digest('hex');
}

/** Writes a file of the seed's stream to disk, 1 MiB at a time. */
export async function writeSeedFile(file: string, seed: number, size: number): Promise<string> {
  const next = prngStream(seed);
  const hash = crypto.createHash('sha256');
  const out = fs.createWriteStream(file);
  for (let left = size; left > 0; left -= 1024 * 1024) {
    const chunk = next(Math.min(1024 * 1024, left));
    hash.update(chunk);
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'close');
  return hash.digest('hex');
}

/**
 * Reads a stream that starts with a line and goes on with `bodyOf(line)` bytes, hashing the body
 * as it comes and keeping none of it; pauses for `pauseMs` at each mark in `pauses` (bytes of
 * body), as a slow reader does. `onPause` runs during each pause (a memory sample).
 */
export function bulkReader(peer: PeerSocket, o: { pauses: number[]; pauseMs: number; onPause?: () => void }) {
  let head = Buffer.alloc(0);
  let line: string | undefined;
  let body = 0;
  const hash = crypto.createHash('sha256');
  const marks = [...o.pauses];
  let changed: () => void = () => {};
  const onData = (chunk: Buffer) => {
    if (line === undefined) {
      head = Buffer.concat([head, chunk]);
      const nl = head.indexOf(0x0a);
      if (nl === -1) {
        if (head.length > 4096) line = head.subarray(0, 200).toString('latin1');
        changed();
        return;
      }
      line = head.subarray(0, nl).toString('utf8').replace(/\r$/, '');
      peer.transcript.data(peer.recvDir, head.subarray(0, nl + 1));
      chunk = head.subarray(nl + 1);
    }
    body += chunk.length;
    hash.update(chunk);
    if (marks.length > 0 && body >= marks[0]!) {
      marks.shift();
      peer.socket.pause();
      o.onPause?.();
      setTimeout(() => peer.socket.resume(), o.pauseMs);
    }
    changed();
  };
  detach(peer, onData);
  return {
    line: () => line,
    body: () => body,
    sha: () => hash.digest('hex'),
    /** Waits until `cond` holds, the connection ends, or `ms` pass with no progress. */
    async until(cond: () => boolean, ms: number): Promise<boolean> {
      while (!cond()) {
        if (peer.closed || peer.socket.destroyed) return cond();
        const before = body + head.length;
        const moved = await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(false), ms);
          changed = () => {
            clearTimeout(timer);
            resolve(true);
          };
          // A FIN ends the wait as a close does: after it, no byte can come.
          const onClose = () => {
            clearTimeout(timer);
            resolve(true);
          };
          peer.socket.once('close', onClose);
          peer.socket.once('end', onClose);
          const clean = changed;
          changed = () => {
            peer.socket.off('close', onClose);
            peer.socket.off('end', onClose);
            clean();
          };
        });
        changed = () => {};
        if (!moved && before === body + head.length && !cond()) return false;
      }
      return true;
    },
  };
}

export function memoryFacts(base: number, peak: number, size: number): { vars: Record<string, string>; expected: Text; actual: Text } {
  const vars = { base: mib(base), peak: mib(peak), bound: mib(base + MEMORY_HEADROOM), grew: mib(peak - base), size: mib(size), headroom: mib(MEMORY_HEADROOM) };
  return {
    vars,
    expected: fill(text('at most {bound} MiB of memory (RSS): the baseline {base} MiB + {headroom} MiB', '메모리(RSS)가 최대 {bound}MiB: 기준 {base}MiB + {headroom}MiB'), vars),
    actual: fill(text('{peak} MiB at the highest ({grew} MiB over the baseline) while a {size} MiB file went through', '{size}MiB 파일이 지나가는 동안 최고 {peak}MiB(기준보다 {grew}MiB 많음)'), vars),
  };
}
