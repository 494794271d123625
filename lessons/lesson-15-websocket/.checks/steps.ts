/**
 * Lesson 15 — the steps its scenarios share: the handshake on a raw socket, read strictly; a
 * strict reader of the server's frames held to the model (`answerOf`); and the real clients:
 * the ws package, Node's own WebSocket (a separate process), and headless Chromium. Where a
 * real client fails, the same exchange is replayed on a raw socket so the report can name the
 * rule. Failures name a reason of `mistakes.ts`.
 */
import { isUtf8 } from 'node:buffer';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import { describeExit, quoted, text, type PeerSocket, type StartedServer, type Text, type Transcript } from '../../../src/checks/kit.ts';
import { CheckFailure, type FailureDetails } from '../../../src/checks/scenario.ts';
import { fill } from '../../../src/i18n.ts';
import { Transcript as ScratchTranscript } from '../../../src/peers/transcript.ts';
import type { Ctx } from './mistakes.ts';
import {
  acceptOf,
  answerOf,
  caseBytes,
  closePayload,
  describeExpected,
  describeFrame,
  encodeClient,
  frame,
  OP,
  OP_NAME,
  shortBytes,
  takeServerFrame,
  upgradeRequest,
  type Broken,
  type ClientFrame,
  type Expected,
  type FrameCase,
  type ServerFrame,
} from './model.ts';
import { asMismatch, findOnPath } from '../../../src/checks/kit.ts';
export { asMismatch, findOnPath };

export type { Ctx } from './mistakes.ts';
export type TranscriptOf = (left: Text, right: Text) => Transcript;

export const who = {
  checker: text('checker (client)', '검사기 (클라이언트)'),
  server: text('your server', '내 서버'),
  ws: text('ws (npm)', 'ws (npm)'),
  node: text("Node's WebSocket", 'Node의 WebSocket'),
  browser: text('Chromium', 'Chromium'),
};


function nothing(): Text {
  return text('nothing', '아무것도 없음');
}

/** The server closed on us: crashed (its exit) or closed (FIN/RST). */
async function closedOn(ctx: Ctx, server: StartedServer, peer: PeerSocket, sent: string | Text, want: string | Text): Promise<FailureDetails> {
  await server.program.waitExit(300);
  if (server.program.done) return ctx.mistake('server-crashed', { vars: { sent, how: describeExit(server.program.exitInfo!) }, actual: server.program.stderr().slice(-600) || undefined });
  return ctx.mistake('server-closed', { vars: { sent, want, how: (peer.closed ?? 'fin').toUpperCase() } });
}

// ─── the handshake ───────────────────────────────────────────────────────────────────

export interface ReadHead {
  /** The head's text without its blank line, or undefined when none came. */
  head?: string;
  lfOnly?: boolean;
}

/** Reads an HTTP response head (a bare "\n\n" is read as an LF-only head, to name it). */
export async function readHead(peer: PeerSocket, ms: number): Promise<ReadHead> {
  const end = () => {
    const buf = peer.unread();
    const crlf = buf.indexOf('\r\n\r\n');
    const lf = buf.indexOf('\n\n');
    if (lf !== -1 && (crlf === -1 || lf < crlf)) return { at: lf, sep: 2 };
    return crlf === -1 ? undefined : { at: crlf, sep: 4 };
  };
  await peer.waitFor(() => end() !== undefined || peer.closed !== undefined, ms);
  const e = end();
  if (!e) return {};
  const head = peer.unread().subarray(0, e.at).toString('latin1');
  await peer.readBytes(e.at + e.sep, 10);
  return { head, lfOnly: e.sep === 2 };
}

export function headersOf(head: string): { status: string; headers: Map<string, string> } {
  const [status, ...lines] = head.split(/\r?\n/);
  const headers = new Map<string, string>();
  for (const line of lines) {
    const c = line.indexOf(':');
    if (c > 0) headers.set(line.slice(0, c).trim().toLowerCase(), line.slice(c + 1).trim());
  }
  return { status: status ?? '', headers };
}

/** What is wrong with a 101 head for `key`, or undefined. */
export function judge101(ctx: Ctx, r: ReadHead, key: string): FailureDetails | undefined {
  if (r.head === undefined) return undefined;
  const shown = quoted(Buffer.from(r.head, 'latin1').toString('utf8'), 300);
  const { status, headers } = headersOf(r.head);
  if (status !== 'HTTP/1.1 101 Switching Protocols') return ctx.mistake('no-101', { vars: { got: quoted(status, 80) }, actual: shown });
  if (r.lfOnly || /(^|[^\r])\n/.test(r.head)) return ctx.mistake('lf-only-head', { actual: shown });
  const missing = [
    (headers.get('upgrade') ?? '').toLowerCase() === 'websocket' ? '' : 'Upgrade: websocket',
    (headers.get('connection') ?? '').toLowerCase().split(',').map((t) => t.trim()).includes('upgrade') ? '' : 'Connection: Upgrade',
  ].filter(Boolean);
  if (missing.length) return ctx.mistake('upgrade-headers-missing', { vars: { missing: missing.join(', ') }, actual: shown });
  const want = acceptOf(key);
  const got = headers.get('sec-websocket-accept');
  if (got !== want) return ctx.mistake('accept-wrong', { vars: { got: got === undefined ? text('missing', '없음') : quoted(got, 80), want, key }, expected: `Sec-WebSocket-Accept: ${want}`, actual: shown });
  for (const h of ['sec-websocket-extensions', 'sec-websocket-protocol']) {
    if (headers.has(h)) return ctx.mistake('extension-accepted', { vars: { header: `${h}: ${headers.get(h)}` }, actual: shown });
  }
  return undefined;
}

export interface OpenOptions {
  key?: string;
  request?: Buffer;
  /** Cuts of the request (and `after`) into writes. */
  cuts?: number[];
  gapMs?: number;
  /** Bytes sent in the same write as the end of the head: the first frames. */
  after?: Buffer;
  transcript: Transcript;
}

/** Connects, upgrades, and returns the socket, or the failure. */
export async function openWs(ctx: Ctx, server: StartedServer, o: OpenOptions): Promise<{ peer: PeerSocket } | { failure: FailureDetails }> {
  const key = o.key ?? 'AQIDBAUGBwgJCgsMDQ4PEC==';
  const request = o.request ?? upgradeRequest(key);
  const peer = await ctx.connect(server.port, o.transcript);
  const bytes = Buffer.concat([request, o.after ?? Buffer.alloc(0)]);
  if (o.cuts?.length) await peer.sendSplitAt(bytes, o.cuts, o.gapMs ?? 25);
  else await peer.send(bytes);
  const r = await readHead(peer, 3000);
  if (r.head === undefined) {
    if (peer.closed !== undefined) return { failure: await closedOn(ctx, server, peer, 'GET (upgrade)', 'HTTP/1.1 101') };
    const partial = peer.unread();
    return { failure: ctx.mistake('no-101', { vars: { got: partial.length ? quoted(partial, 80) : fill(text('nothing in {ms} ms', '{ms}ms 동안 아무것도 없음'), { ms: 3000 }) } }) };
  }
  const wrong = judge101(ctx, r, key);
  return wrong ? { failure: wrong } : { peer };
}

/** openWs that fails the scenario. */
export async function open(ctx: Ctx, server: StartedServer, o: Partial<OpenOptions> = {}): Promise<PeerSocket> {
  const r = await openWs(ctx, server, { transcript: ctx.transcript(who.checker, who.server), ...o });
  if ('failure' in r) ctx.fail(r.failure);
  return r.peer;
}

// ─── the server's frames ─────────────────────────────────────────────────────────────

type Next = { frame: ServerFrame } | { closed: true } | { timeout: true };

export async function nextFrame(peer: PeerSocket, ms: number): Promise<Next> {
  let got: ReturnType<typeof takeServerFrame>;
  await peer.waitFor(() => (got = takeServerFrame(peer.unread())) !== undefined || peer.closed !== undefined, ms);
  if (got) {
    await peer.readBytes(got.size, 10);
    return { frame: got.frame };
  }
  return peer.closed !== undefined ? { closed: true } : { timeout: true };
}

export function describeServerFrame(f: ServerFrame): string {
  const name = OP_NAME[f.opcode] ?? `opcode 0x${f.opcode.toString(16)}`;
  if (f.opcode === OP.close) return f.payload.length >= 2 ? `close ${f.payload.readUInt16BE(0)}` : f.payload.length ? `close ${shortBytes(f.payload)}` : 'close (empty)';
  if (f.opcode === OP.text && f.payload.length <= 60) return `${name} ${JSON.stringify(f.payload.toString('utf8'))}`;
  return `${name} ${f.payload.length <= 12 ? shortBytes(f.payload) : `${f.payload.length} B`}`;
}

/** A frame the server may never send, named; undefined when it is well formed. */
function badServerFrame(ctx: Ctx, f: ServerFrame): FailureDetails | undefined {
  const got = `${describeServerFrame(f)} (${shortBytes(f.raw, 16)})`;
  if (f.masked) return ctx.mistake('server-frame-masked', { vars: { got }, actual: shortBytes(f.raw, 32) });
  const what = [!f.fin ? 'FIN = 0' : '', f.rsv ? `RSV bits ${f.rsv.toString(2).padStart(3, '0')}` : '', OP_NAME[f.opcode] === undefined || f.opcode === OP.continuation ? `opcode 0x${f.opcode.toString(16)}` : ''].filter(Boolean).join(', ');
  if (what) return ctx.mistake('bad-server-frame', { vars: { what: `${what}: ${shortBytes(f.raw, 16)}` }, actual: shortBytes(f.raw, 32) });
  if (!f.minimal) {
    const form = (f.raw[1]! & 0x7f) === 126 ? text('16-bit', '16비트') : text('64-bit', '64비트');
    return ctx.mistake('length-not-minimal', { vars: { n: f.payload.length, form }, actual: shortBytes(f.raw, 16) });
  }
  return undefined;
}

const MISSED: Record<Broken, Parameters<Ctx['mistake']>[0]> = {
  unmasked: 'unmasked-accepted',
  reserved: 'reserved-bits-accepted',
  control: 'control-frame-rules',
  order: 'fragment-order-accepted',
  'close-payload': 'bad-close-accepted',
  utf8: 'invalid-utf8-accepted',
  'too-big': 'too-big-accepted',
};

function sentWords(from: ClientFrame[]): string {
  const all = from.map(describeFrame);
  const s = all.join(' · ');
  return s.length > 160 ? `${s.slice(0, 150)}… (${from.length} frames)` : s;
}

/** A valid text message among `frames` with a character cut between two of its fragments. */
function splitsCharacter(frames: ClientFrame[]): boolean {
  let parts: Buffer[] | undefined;
  for (const f of frames) {
    if (f.opcode === OP.text) parts = [];
    else if (f.opcode !== OP.continuation) {
      if (f.opcode === OP.binary) parts = undefined;
      continue;
    }
    if (!parts) continue;
    parts.push(f.payload);
    if (f.fin) {
      if (isUtf8(Buffer.concat(parts)) && parts.some((p) => !isUtf8(p))) return true;
      parts = undefined;
    }
  }
  return false;
}

/** Holds one received frame to what was expected. */
function judgeFrame(ctx: Ctx, got: ServerFrame, e: Expected, all: ClientFrame[]): FailureDetails | undefined {
  const bad = badServerFrame(ctx, got);
  if (bad) return bad;
  const sent = sentWords(e.from);
  const want = describeExpected(e);
  const gotWords = describeServerFrame(got);
  const facts = { expected: want, actual: gotWords };
  if (e.failing) {
    if (got.opcode !== OP.close) return ctx.mistake(MISSED[e.failing], { vars: { sent, got: gotWords }, ...facts });
    const code = got.payload.length >= 2 ? got.payload.readUInt16BE(0) : undefined;
    if (code !== e.payload.readUInt16BE(0)) return ctx.mistake('wrong-close-code', { vars: { sent, want: e.payload.readUInt16BE(0), got: code ?? text('without a code', '코드 없이') }, ...facts });
    return undefined;
  }
  const message = Buffer.concat(e.from.map((f) => f.payload));
  const long = (e.opcode === OP.text || e.opcode === OP.binary) && message.length >= 126;
  if (got.opcode === OP.close && e.opcode !== OP.close) {
    const code = got.payload.length >= 2 ? got.payload.readUInt16BE(0) : 'without a code';
    if (code === 1007 && splitsCharacter(all)) return ctx.mistake('utf8-split-rejected', { vars: { sent: sentWords(all.filter((f) => f.opcode < 8)), got: code }, ...facts });
    if (long) return ctx.mistake('long-message-wrong', { vars: { n: message.length, got: gotWords, want }, ...facts });
    return ctx.mistake('rejected-valid-frame', { vars: { sent, got: code }, ...facts });
  }
  if (e.opcode === OP.close) {
    if (got.opcode !== OP.close) return ctx.mistake('close-not-answered', { vars: { sent, got: gotWords }, ...facts });
    const wantCode = e.payload.length ? e.payload.readUInt16BE(0) : undefined;
    const code = got.payload.length >= 2 ? got.payload.readUInt16BE(0) : undefined;
    if (wantCode !== undefined && code === 1002 && code !== wantCode) return ctx.mistake('valid-close-code-rejected', { vars: { code: wantCode, got: code }, ...facts });
    if (code !== wantCode || (wantCode === undefined && got.payload.length !== 0)) return ctx.mistake('close-code-not-echoed', { vars: { sent, got: gotWords }, ...facts });
    return undefined;
  }
  if (got.opcode === e.opcode && got.payload.equals(e.payload)) return undefined;
  if (e.opcode === OP.pong) return ctx.mistake('no-pong', { vars: { sent, got: gotWords }, ...facts });
  if (long) return ctx.mistake('long-message-wrong', { vars: { n: message.length, got: gotWords, want }, ...facts });
  if (e.from.length > 1) return ctx.mistake('fragments-not-joined', { vars: { sent, got: gotWords, want }, ...facts });
  return ctx.mistake('wrong-echo', { vars: { sent, got: gotWords, want }, ...facts });
}

export interface AnswerOptions {
  /** Wait for each expected frame this long. */
  ms?: number;
  /** After the last expected frame of a connection that stays open: how long nothing else may come. */
  quietMs?: number;
  /** The frames came in the same write as the head (names a lost one). */
  withHead?: boolean;
}

/** Reads what the server sends for `frames` and holds it to the model; the failure or undefined. */
export async function expectAnswer(ctx: Ctx, server: StartedServer, peer: PeerSocket, frames: ClientFrame[], o: AnswerOptions = {}): Promise<FailureDetails | undefined> {
  const answer = answerOf(frames);
  const ms = o.ms ?? 2000;
  const all = sentWords(frames);
  for (const [k, e] of answer.frames.entries()) {
    const n = await nextFrame(peer, ms);
    const want = describeExpected(e);
    const sent = sentWords(e.from);
    if ('closed' in n) {
      if (e.failing && peer.unread().length === 0) {
        await server.program.waitExit(200);
        if (!server.program.done) return ctx.mistake(MISSED[e.failing], { vars: { sent, got: text('a close of the TCP connection without a close frame', 'close 프레임 없이 TCP 연결 닫기') } });
      }
      return closedOn(ctx, server, peer, sent, want);
    }
    if ('timeout' in n) {
      const partial = peer.unread();
      const vars = { sent, want, ms, got: partial.length ? shortBytes(partial) : nothing() };
      if (e.failing) return ctx.mistake(MISSED[e.failing], { vars: { sent, got: fill(text('nothing in {ms} ms', '{ms}ms 동안 아무것도 없음'), { ms }) }, actual: partial.length ? shortBytes(partial) : undefined });
      if (o.withHead && k === 0) return ctx.mistake('first-frame-lost', { vars: { want } });
      const message = Buffer.concat(e.from.map((f) => f.payload));
      if ((e.opcode === OP.text || e.opcode === OP.binary) && message.length >= 126) return ctx.mistake('long-message-wrong', { vars: { n: message.length, got: vars.got, want }, actual: vars.got });
      if (e.opcode === OP.pong) return ctx.mistake('no-pong', { vars: { sent, got: fill(text('nothing in {ms} ms', '{ms}ms 동안 아무것도 없음'), { ms }) } });
      if (e.opcode === OP.close) return ctx.mistake('close-not-answered', { vars: { sent, got: fill(text('nothing in {ms} ms', '{ms}ms 동안 아무것도 없음'), { ms }) } });
      return ctx.mistake('no-reply', { vars, actual: partial.length ? shortBytes(partial) : undefined });
    }
    const wrong = judgeFrame(ctx, n.frame, e, frames);
    if (wrong) return wrong;
  }
  if (answer.end) {
    const endMs = 1500;
    const n = await nextFrame(peer, endMs);
    if ('frame' in n) return ctx.mistake('frames-after-close', { vars: { got: describeServerFrame(n.frame) } });
    if ('timeout' in n) {
      if (peer.unread().length) return ctx.mistake('frames-after-close', { vars: { got: shortBytes(peer.unread()) } });
      return ctx.mistake('no-fin-after-close', { vars: { ms: endMs } });
    }
    return undefined;
  }
  const n = await nextFrame(peer, o.quietMs ?? 60);
  if ('frame' in n) return ctx.mistake('unexpected-frame', { vars: { got: describeServerFrame(n.frame), sent: all } });
  if ('closed' in n) return closedOn(ctx, server, peer, all, text('the connection to stay open', '연결이 열려 있기'));
  if (peer.unread().length) return ctx.mistake('unexpected-frame', { vars: { got: shortBytes(peer.unread()), sent: all } });
  return undefined;
}

/** Sends `frames` (one write) on an open connection and holds the answer to the model. */
export async function exchange(ctx: Ctx, server: StartedServer, peer: PeerSocket, frames: ClientFrame[], o: AnswerOptions = {}): Promise<void> {
  await peer.send(Buffer.concat(frames.map(encodeClient)));
  const wrong = await expectAnswer(ctx, server, peer, frames, o);
  if (wrong) ctx.fail(wrong);
}

/** One case on a new connection: upgrade, send the frames cut as told, hold the answer to the model. */
export async function playCase(ctx: Ctx, server: StartedServer, c: FrameCase, transcript: TranscriptOf, o: AnswerOptions & { gapMs?: number } = {}): Promise<FailureDetails | undefined> {
  const opened = await openWs(ctx, server, { transcript: transcript(who.checker, who.server) });
  if ('failure' in opened) return opened.failure;
  const { peer } = opened;
  const bytes = caseBytes(c);
  // All of it first (the replies wait in the socket): the waits below then do not count the
  // time a loaded machine takes for hundreds of small writes.
  if (c.cuts.length) await peer.sendSplitAt(bytes, c.cuts, o.gapMs ?? 5);
  else await peer.send(bytes);
  const wrong = await expectAnswer(ctx, server, peer, c.frames, o);
  peer.destroy();
  return wrong;
}

/** playCase, and when cut writes fail, the same frames in one write: if that passes, name it. */
export async function playCut(ctx: Ctx, server: StartedServer, c: FrameCase, transcript: TranscriptOf, o: AnswerOptions & { gapMs?: number } = {}): Promise<FailureDetails | undefined> {
  const wrong = await playCase(ctx, server, c, transcript, o);
  if (!wrong || c.cuts.length === 0 || server.program.done) return wrong;
  const whole = await playCase(ctx, server, { ...c, cuts: [] }, (l, r) => new ScratchTranscript(l, r), o);
  if (whole) return wrong;
  return ctx.mistake('frame-in-pieces', { vars: { n: c.cuts.length + 1, what: wrong.summary }, actual: wrong.actual, expected: wrong.expected });
}

/** Fails the scenario with what playCut found. */
export async function expectCase(ctx: Ctx, server: StartedServer, c: FrameCase, o: AnswerOptions & { gapMs?: number } = {}): Promise<void> {
  const wrong = await playCut(ctx, server, c, (l, r) => ctx.transcript(l, r), o);
  if (wrong) ctx.fail(wrong);
}

/** A refused request: its status (and header), then FIN. */
export async function expectRefusal(ctx: Ctx, server: StartedServer, req: string, bytes: Buffer, want: number): Promise<void> {
  const peer = await ctx.connect(server.port, ctx.transcript(who.checker, who.server));
  await peer.send(bytes);
  const r = await readHead(peer, 2000);
  const reasons: Record<number, string> = { 400: '400 Bad Request', 426: '426 Upgrade Required', 431: '431 Request Header Fields Too Large' };
  if (r.head === undefined) {
    if (peer.closed !== undefined && server.program.done) ctx.fail(await closedOn(ctx, server, peer, req, reasons[want]!));
    ctx.fail('refusal-wrong', { vars: { req, want: reasons[want]!, got: peer.closed ? fill(text('a close ({how}) without a response', '응답 없는 닫기({how})'), { how: peer.closed.toUpperCase() }) : text('nothing in 2000 ms', '2000ms 동안 아무것도 없음') } });
  }
  const { status, headers } = headersOf(r.head);
  const code = Number(/^HTTP\/1\.[01] (\d{3})/.exec(status)?.[1] ?? 0);
  if (code !== want) ctx.fail('refusal-wrong', { vars: { req, want: reasons[want]!, got: quoted(status, 80) } });
  if (want === 426 && headers.get('sec-websocket-version') !== '13') ctx.fail('no-version-header', { actual: quoted(r.head, 300) });
  const how = await peer.waitClosed(1500);
  if (how === 'timeout') ctx.fail('refusal-not-closed', { vars: { req } });
}

// ─── raw replay, to name what a real client only reports as "failed" ─────────────────

/** The raw exchange a real client's failure is replayed as: a handshake, then the frames. */
export async function rawDiagnosis(ctx: Ctx, server: StartedServer, frames: ClientFrame[]): Promise<FailureDetails | undefined> {
  if (server.program.done) return ctx.mistake('server-crashed', { vars: { sent: text('the client\'s frames', '클라이언트의 프레임'), how: describeExit(server.program.exitInfo!) }, actual: server.program.stderr().slice(-600) || undefined });
  return playCut(ctx, server, { frames, cuts: [] }, (l, r) => ctx.transcript(l, r));
}

const errText = (err: unknown): string => String((err as Error)?.message ?? err).split('\n')[0]!.slice(0, 200);

// ─── ws (npm) ────────────────────────────────────────────────────────────────────────

interface WsLike {
  on(event: string, fn: (...args: never[]) => void): void;
  send(data: string | Buffer, o?: { binary?: boolean; fin?: boolean }, cb?: (err?: Error) => void): void;
  ping(data?: string | Buffer): void;
  close(code?: number, reason?: string): void;
  terminate(): void;
  readyState: number;
}
type WsCtor = new (url: string, o?: Record<string, unknown>) => WsLike;

/** One ws client in the checker: its messages, pongs and close as awaitable events. */
export class WsClient {
  readonly events: Array<{ kind: 'message'; data: Buffer; binary: boolean } | { kind: 'pong'; data: Buffer } | { kind: 'close'; code: number; reason: string } | { kind: 'error'; err: string } | { kind: 'open' }> = [];
  private waiters: Array<() => void> = [];
  readonly ws: WsLike;
  upgradeHeaders: Record<string, string | string[] | undefined> | undefined;

  constructor(url: string) {
    const WebSocket = createRequire(import.meta.url)('ws') as WsCtor;
    this.ws = new WebSocket(url, { handshakeTimeout: 3000 });
    const push = (e: (typeof this.events)[number]) => {
      this.events.push(e);
      for (const w of [...this.waiters]) w();
    };
    this.ws.on('upgrade', (res: { headers: Record<string, string> }) => (this.upgradeHeaders = res.headers));
    this.ws.on('open', () => push({ kind: 'open' }));
    this.ws.on('message', (data: Buffer, binary: boolean) => push({ kind: 'message', data: Buffer.from(data), binary }));
    this.ws.on('pong', (data: Buffer) => push({ kind: 'pong', data: Buffer.from(data) }));
    this.ws.on('close', (code: number, reason: Buffer) => push({ kind: 'close', code, reason: String(reason) }));
    this.ws.on('error', (err: Error) => push({ kind: 'error', err: errText(err) }));
    this.ws.on('unexpected-response', (_req: unknown, res: { statusCode: number }) => push({ kind: 'error', err: `Unexpected server response: ${res.statusCode}` }));
  }

  /** The next event after `from` (an index into events), or a timeout. */
  async next(from: number, ms: number): Promise<(typeof this.events)[number] | { kind: 'timeout' }> {
    if (this.events.length > from) return this.events[from]!;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== check);
        resolve({ kind: 'timeout' });
      }, ms);
      const check = () => {
        if (this.events.length <= from) return;
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== check);
        resolve(this.events[from]!);
      };
      this.waiters.push(check);
    });
  }

  dispose(): void {
    try {
      this.ws.terminate();
    } catch {
      // already closed
    }
  }
}

export function describeWsEvent(e: { kind: string } & Record<string, unknown>): string {
  if (e.kind === 'message') {
    const d = e.data as Buffer;
    return e.binary ? `binary ${d.length} B` : `text ${d.length <= 60 ? JSON.stringify(d.toString()) : `${d.length} B`}`;
  }
  if (e.kind === 'pong') return `pong ${JSON.stringify(String(e.data))}`;
  if (e.kind === 'close') return `close ${e.code}`;
  if (e.kind === 'error') return `error: ${e.err}`;
  return e.kind;
}

type WsWant = { kind: 'message'; data: Buffer; binary: boolean } | { kind: 'pong'; data: Buffer } | { kind: 'close'; code: number };

function wantWords(w: WsWant): string {
  if (w.kind === 'close') return `close ${w.code}`;
  return describeWsEvent(w as never);
}

/**
 * The next event of a real client must be `want`. If not, the frames it sent so far are
 * replayed on a raw socket: a rule the replay finds is reported (with the client's own words as
 * a note), else the client's failure.
 */
export async function clientExpect(
  ctx: Ctx,
  server: StartedServer,
  o: { reason: 'ws-client-failed' | 'node-websocket-failed' | 'browser-failed'; step: Text; got: string | undefined; want: string; replay: ClientFrame[] },
): Promise<never> {
  const client = o.reason === 'ws-client-failed' ? who.ws : o.reason === 'node-websocket-failed' ? who.node : who.browser;
  const err = o.got ?? 'nothing';
  ctx.note(fill(text('{client} saw: {err} (expected: {want})', '{client}이(가) 본 것: {err} (기대한 것: {want})'), { client, err, want: o.want }));
  const found = await rawDiagnosis(ctx, server, o.replay);
  if (found) ctx.fail(found);
  ctx.fail(o.reason, { vars: { step: o.step, err }, expected: o.want, actual: err });
}

export async function wsNext(ctx: Ctx, server: StartedServer, c: WsClient, at: number, want: WsWant, step: Text, replay: ClientFrame[], ms = 3000): Promise<void> {
  const e = await c.next(at, ms);
  const same =
    e.kind === want.kind &&
    (want.kind === 'close' ? (e as { code: number }).code === want.code : (e as { data: Buffer }).data.equals(want.data) && (want.kind === 'pong' || (e as { binary: boolean }).binary === want.binary));
  if (same) return;
  const got = e.kind === 'timeout' ? fill(text('nothing in {ms} ms', '{ms}ms 동안 아무것도 없음'), { ms }).en : describeWsEvent(e as never);
  return clientExpect(ctx, server, { reason: 'ws-client-failed', step, got, want: wantWords(want), replay });
}

/** ws with compression offered (its default): the 101 must decline it. */
export async function wsOpen(ctx: Ctx, server: StartedServer, pathName = '/chat'): Promise<WsClient> {
  const c = new WsClient(`ws://127.0.0.1:${server.port}${pathName}`);
  const e = await c.next(0, 4000);
  if (e.kind !== 'open') {
    c.dispose();
    await clientExpect(ctx, server, { reason: 'ws-client-failed', step: text('open the connection', '연결을 열지'), got: e.kind === 'timeout' ? 'no open event in 4000 ms' : describeWsEvent(e as never), want: 'open', replay: [frame(OP.text, '안녕')] });
  }
  const ext = c.upgradeHeaders?.['sec-websocket-extensions'];
  if (ext !== undefined) ctx.fail('extension-accepted', { vars: { header: `Sec-WebSocket-Extensions: ${String(ext)}` } });
  return c;
}

/** The frames ws sends for a message, for the raw replay (masks are ws's own; ours are fixed). */
export function textFrames(t: string | Buffer): ClientFrame[] {
  return [frame(OP.text, typeof t === 'string' ? Buffer.from(t) : t)];
}

// ─── Node's WebSocket, in a process of its own ──────────────────────────────────────

/** The script Node's WebSocket runs: JSON lines of what it saw on stdout. */
const NODE_CLIENT = `
const [url, textMsg] = process.argv.slice(2);
const out = (o) => process.stdout.write(JSON.stringify(o) + '\\n');
const timer = setTimeout(() => { out({ event: 'timeout' }); process.exit(2); }, 6000);
if (typeof WebSocket === 'undefined') { out({ event: 'error', message: 'no WebSocket in this Node' }); process.exit(3); }
const ws = new WebSocket(url);
ws.binaryType = 'arraybuffer';
const bin = new Uint8Array(300).map((_, i) => (i * 7) & 255);
let n = 0;
ws.onopen = () => { out({ event: 'open', extensions: ws.extensions, protocol: ws.protocol }); ws.send(textMsg); ws.send(bin); };
ws.onmessage = (e) => {
  const isText = typeof e.data === 'string';
  out({ event: 'message', type: isText ? 'text' : 'binary', data: isText ? e.data : Buffer.from(e.data).toString('base64') });
  if (++n === 2) ws.close();
};
// Node 20's WebSocket may fire 'error' and never 'close' after a refused handshake: do not wait for it.
ws.onerror = (e) => { out({ event: 'error', message: String((e && (e.message || (e.error && e.error.message))) || 'error') }); setTimeout(() => process.exit(0), 500); };
ws.onclose = (e) => { out({ event: 'close', code: e.code, reason: e.reason, wasClean: e.wasClean }); clearTimeout(timer); process.exit(0); };
`;

export const NODE_TEXT = '안녕, 웹소켓! 한국어 메시지 🙂';
export const NODE_BINARY = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 7) & 255));

export async function nodeWebSocket(ctx: Ctx, server: StartedServer): Promise<void> {
  const dir = ctx.scratchDir();
  const script = path.join(dir, 'node-websocket-client.cjs');
  fs.writeFileSync(script, NODE_CLIENT);
  const major = Number(process.versions.node.split('.')[0]);
  const flags = major < 22 ? ['--experimental-websocket'] : [];
  const program = ctx.startExternal({ label: who.node, command: process.execPath, args: [...flags, script, `ws://127.0.0.1:${server.port}/chat`, NODE_TEXT], env: { NODE_OPTIONS: '' } });
  const exit = await program.waitExit(8000);
  const lines = program
    .stdout()
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      try {
        return JSON.parse(l) as Record<string, unknown>;
      } catch {
        return { event: 'garbage', line: l };
      }
    });
  const replay = [frame(OP.text, NODE_TEXT), frame(OP.binary, NODE_BINARY), frame(OP.close, Buffer.alloc(0))];
  const fail = (step: Text, got: string, want: string) => clientExpect(ctx, server, { reason: 'node-websocket-failed', step, got, want, replay });
  const seen = lines.map((l) => (l.event === 'message' ? `${l.type} ${String(l.data).slice(0, 40)}` : l.event === 'close' ? `close ${l.code}${l.wasClean ? '' : ' (not clean)'}` : `${String(l.event)}${l.message ? `: ${String(l.message)}` : ''}`)).join(' · ');
  if (!exit) await fail(text('finish', '끝내지'), `still running after 8000 ms: ${seen}`, 'open · 2 messages · close');
  const open = lines.find((l) => l.event === 'open');
  if (!open) await fail(text('open the connection', '연결을 열지'), seen || program.stderr().trim().slice(0, 200) || 'nothing', 'open');
  if (open!.extensions) ctx.fail('extension-accepted', { vars: { header: `Sec-WebSocket-Extensions: ${String(open!.extensions)}` } });
  const messages = lines.filter((l) => l.event === 'message');
  const wantText = `echo:${NODE_TEXT}`;
  if (messages[0]?.type !== 'text' || messages[0]?.data !== wantText) await fail(text('get the echo of a text message', '텍스트 메시지의 에코를 받지'), seen, `text ${JSON.stringify(wantText)}`);
  if (messages[1]?.type !== 'binary' || messages[1]?.data !== NODE_BINARY.toString('base64')) await fail(text('get the echo of a binary message', '바이너리 메시지의 에코를 받지'), seen, 'binary 300 B, the same bytes');
  const close = lines.find((l) => l.event === 'close');
  // An empty close from the client is answered with an empty close: the close event says 1005.
  if (!close || close.code !== 1005 || close.wasClean !== true) await fail(text('close cleanly (an empty close, answered with an empty close, then FIN)', '깔끔하게 닫지(빈 close에 빈 close로 답하고 FIN)'), seen, 'close 1005, clean');
}

// ─── Chromium ────────────────────────────────────────────────────────────────────────


export const BROWSER_TEXT = '안녕하세요! 브라우저에서 보낸 한국어 메시지입니다 🙂';
/** 30 000 × 가: 90 000 bytes of UTF-8, a 64-bit length both ways. */
export const BROWSER_LONG = '가'.repeat(30000);

interface PageResult {
  step: string;
  events: string[];
  texts: string[];
  binary: number[];
  close?: { code: number; reason: string; wasClean: boolean };
}

export async function browserKorean(ctx: Ctx, server: StartedServer): Promise<void> {
  const chromiumPath = process.env.CHROMIUM_PATH ?? findOnPath('chromium', '/usr/bin/chromium');
  if (!chromiumPath || !fs.existsSync(chromiumPath)) {
    ctx.missingTool(text('Chromium is not installed here; the browser check is skipped (Debian/Ubuntu: apt-get install chromium).', '이 컴퓨터에 Chromium이 없어 브라우저 검사는 건너뜁니다(Debian/Ubuntu: apt-get install chromium).'));
  }
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    timeout: 20000,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const replay = [frame(OP.text, BROWSER_TEXT), frame(OP.binary, Buffer.from([0, 1, 2, 253, 254, 255])), frame(OP.text, BROWSER_LONG), frame(OP.close, closePayload(1000, '끝'))];
  // The page comes from the checker, on 127.0.0.1: Chromium's Local Network Access checks block
  // a page from anywhere else (about:blank included) from opening ws://127.0.0.1.
  const pageServer = http.createServer((_req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    // The page function below is sent as its source text. Run through tsx (the grader, the
    // autograder), esbuild's keepNames wraps its inner functions in __name(…), which the page
    // does not have: every student's browser check failed with "__name is not defined".
    res.end('<!doctype html><meta charset="utf-8"><title>웹소켓</title><script>globalThis.__name = (target) => target;</script><p>lesson 15</p>');
  });
  await new Promise<void>((resolve) => pageServer.listen(0, '127.0.0.1', resolve));
  try {
    const page = await browser.newPage();
    // Generous: on a loaded 2-core machine Chromium's renderer alone can take seconds.
    page.setDefaultTimeout(15000);
    await page.goto(`http://127.0.0.1:${(pageServer.address() as { port: number }).port}/`);
    const r = (await page.evaluate(
      ([url, short, long]) =>
        new Promise<PageResult>((resolve) => {
          const res: PageResult = { step: 'open', events: [], texts: [], binary: [] };
          const done = () => resolve(res);
          setTimeout(done, 15000);
          const ws = new WebSocket(url!);
          ws.binaryType = 'arraybuffer';
          ws.onopen = () => {
            res.events.push('open');
            res.step = 'echo';
            ws.send(short!);
            ws.send(new Uint8Array([0, 1, 2, 253, 254, 255]));
            ws.send(long!);
          };
          ws.onmessage = (e) => {
            if (typeof e.data === 'string') res.texts.push(e.data);
            else res.binary = Array.from(new Uint8Array(e.data as ArrayBuffer));
            res.events.push(typeof e.data === 'string' ? `text ${e.data.length < 60 ? JSON.stringify(e.data) : `${e.data.length} chars`}` : 'binary');
            if (res.texts.length === 2 && res.binary.length) {
              res.step = 'close';
              ws.close(1000, '끝');
            }
          };
          ws.onerror = () => res.events.push('error');
          ws.onclose = (e) => {
            res.close = { code: e.code, reason: e.reason, wasClean: e.wasClean };
            res.events.push(`close ${e.code}${e.wasClean ? '' : ' (not clean)'}`);
            done();
          };
        }),
      [`ws://127.0.0.1:${server.port}/chat`, BROWSER_TEXT, BROWSER_LONG],
    )) as PageResult;
    const seen = r.events.join(' · ') || 'nothing';
    const steps: Record<string, Text> = {
      open: text('open the connection', '연결을 열지'),
      echo: text('get the echoes of its Korean text and its bytes', '한국어 텍스트와 바이트의 에코를 받지'),
      close: text('close cleanly with 1000', '1000으로 깔끔하게 닫지'),
    };
    const fail = (want: string) => clientExpect(ctx, server, { reason: 'browser-failed', step: steps[r.step]!, got: seen, want, replay });
    if (!r.events.includes('open')) await fail('open');
    if (r.texts[0] !== `echo:${BROWSER_TEXT}`) await fail(`text ${JSON.stringify(`echo:${BROWSER_TEXT}`)}`);
    if (Buffer.from(r.binary).toString('hex') !== '000102fdfeff') await fail('binary 00 01 02 fd fe ff');
    if (r.texts[1] !== `echo:${BROWSER_LONG}`) await fail(`text "echo:가가가…" (${BROWSER_LONG.length + 5} chars)`);
    if (!r.close || r.close.code !== 1000 || !r.close.wasClean) await fail('close 1000, clean');
  } catch (err) {
    if (err instanceof CheckFailure) throw err;
    ctx.fail('browser-failed', { vars: { step: text('run the page', '페이지를 실행하지'), err: errText(err) } });
  } finally {
    await browser.close().catch(() => undefined);
    pageServer.close();
    pageServer.closeAllConnections();
  }
}

export { sleep };
