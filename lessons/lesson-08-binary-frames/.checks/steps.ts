/**
 * Lesson 08 — the steps its scenarios share: talk to the learner's server (send frames, hold each
 * reply to the expected one and explain any difference), run the learner's client against a
 * scripted checker server, and the other languages' clients. Failures name a reason of
 * `mistakes.ts` and give its facts; the words live there.
 */
import {
  acceptClient,
  describeExit,
  fill,
  programFailure,
  quoted,
  text,
  type FailureDetails,
  type PeerSocket,
  type ScenarioContext,
  type StartedServer,
  type Text,
} from '../../../src/checks/kit.ts';
import type { Vars } from '../../../src/checks/mistakes.ts';
import type { Reason } from './mistakes.ts';
import { MAX_FRAME, OP, describeFrame, echoFrame, errorReply, hex, readFrame, sumFrame, sumReply, ulenFrame, ulenReply, echoReply, type FrameRead } from './frames.ts';

export type Ctx = ScenarioContext<Reason>;
export type Program = StartedServer['program'];

export const WAIT = 2000; // how long a reply may take, on a loaded machine

export const who = {
  checker: text('checker (client)', '검사기 (클라이언트)'),
  checkerServer: text('checker (server)', '검사기 (서버)'),
  server: text('your server', '내 서버'),
  client: text('your client', '내 클라이언트'),
};

const nothingFor = (ms: number) => fill(text('nothing for {ms} ms', '{ms}ms 동안 아무것도 없음'), { ms });

/** A reason and its placeholders: what a step knows before it has seen what came. */
export interface Miss {
  reason: Reason;
  vars?: Vars;
}

// ───────────────────────────── the learner's server ─────────────────────────────

/** One request and the reply it must get, with what a wrong payload most likely means. */
export interface Exchange {
  /** The request in words, e.g. `ECHO "hello"`. */
  sent: string;
  /** The request frame, when the checker built it (for the byte-order diagnosis). */
  request?: Buffer;
  reply: Buffer;
  /** A precise reason for a reply with the right op but the wrong payload. */
  wrongPayload?: (payload: Buffer) => Miss | undefined;
  /** Replaces the plain no-reply failure (e.g. "only the first frame of a chunk"). */
  noReply?: Miss;
  /** After a silent timeout, send a lone '\n' to see whether the server waits for lines. */
  probeNewline?: boolean;
  /** How long the reply may take (default WAIT). */
  ms?: number;
}

/** If the server process is gone: why (a crash reading past the bytes it had, …). */
export async function crashOf(ctx: Ctx, program: Program, waitMs = 300): Promise<FailureDetails | undefined> {
  const exit = program.exitInfo ?? (await program.waitExit(waitMs));
  if (!exit) return undefined;
  const err = program.stderr();
  if (/"value" is out of range|ERR_OUT_OF_RANGE[\s\S]*value/.test(err) && /Int32/.test(err)) return ctx.mistake('sum-crashed-int32');
  if (/ERR_BUFFER_OUT_OF_BOUNDS|outside buffer bounds|"offset" is out of range/.test(err)) {
    return ctx.mistake('header-assumed-whole', { actual: text('RangeError: it read outside the buffer (see the stack trace below)', 'RangeError: 버퍼 밖을 읽음(아래 스택 트레이스 참고)') });
  }
  return programFailure('server.ts', exit, program, 'during-exchange');
}

export async function failIfCrashed(ctx: Ctx, program: Program, waitMs = 300): Promise<void> {
  const f = await crashOf(ctx, program, waitMs);
  if (f) ctx.fail(f);
}

export function expectedText(e: Exchange): Text {
  return fill(text('{frame}, in reply to {sent}', '{frame} ({sent}에 대한 답)'), { frame: describeFrame(e.reply), sent: e.sent });
}

function shownRead(r: FrameRead, ms: number): Text | string {
  return r.kind === 'frame' ? describeFrame(r.bytes) : r.kind === 'nothing' ? (r.how === 'timeout' ? nothingFor(ms) : r.how.toUpperCase()) : r.kind === 'partial' ? hex(r.got) : hex(r.head);
}

/** Reads the next reply and holds it to `e.reply`, explaining any difference. */
export async function expectReply(ctx: Ctx, server: StartedServer, peer: PeerSocket, e: Exchange): Promise<void> {
  const f = await diagnoseReply(ctx, server, peer, e, await readFrame(peer, e.ms ?? WAIT));
  if (f) ctx.fail(f);
}

/** What is wrong with `r` as the reply to `e` (undefined: it is the reply). */
export async function diagnoseReply(ctx: Ctx, server: StartedServer, peer: PeerSocket, e: Exchange, r: FrameRead): Promise<FailureDetails | undefined> {
  if (r.kind === 'frame' && r.bytes.equals(e.reply)) return undefined;
  const ms = e.ms ?? WAIT;
  const expected = expectedText(e);
  if (r.kind === 'nothing') {
    const crash = await crashOf(ctx, server.program, r.how !== 'timeout' ? 300 : 0);
    if (crash) return crash;
    if (r.how === 'timeout' && e.probeNewline) {
      peer.transcript.note(text('(probe: a lone "\\n", in case it reads lines)', '(확인용: 줄 단위로 읽나 보려고 "\\n"만)'));
      await peer.send('\n');
      if (await peer.waitFor(() => peer.unread().length > 0, 1000)) {
        return ctx.mistake('reads-lines', {
          expected,
          actual: fill(text('nothing for {ms} ms; after "\\n": {got}', '{ms}ms 동안 아무것도 없다가 "\\n" 뒤에: {got}'), { ms, got: hex(peer.unread()) }),
        });
      }
    }
    if (r.how === 'timeout' && e.noReply) return ctx.mistake(e.noReply.reason, { vars: e.noReply.vars, expected, actual: nothingFor(ms) });
    if (r.how === 'timeout') return ctx.mistake('no-reply', { vars: { sent: e.sent, ms }, expected, actual: text('nothing', '아무것도 오지 않음') });
    return ctx.mistake('closed-without-reply', { vars: { sent: e.sent, how: r.how.toUpperCase() }, expected, actual: r.how.toUpperCase() });
  }
  if (r.kind === 'partial') {
    if (r.how !== 'timeout') {
      const crash = await crashOf(ctx, server.program);
      if (crash) return crash;
    }
    return ctx.mistake('reply-incomplete', {
      vars: { sent: e.sent, how: r.how === 'timeout' ? nothingFor(ms) : r.how.toUpperCase() },
      expected,
      actual: r.want
        ? fill(text('{got}: the header says {want} bytes in all, {n} came', '{got}: 헤더는 모두 {want}바이트라는데 {n}바이트만 옴'), { got: hex(r.got), want: r.want, n: r.got.length })
        : hex(r.got),
    });
  }
  if (r.kind === 'little-endian') {
    const msg = r.op === OP.error && r.payload ? r.payload.toString('utf8') : undefined;
    if (msg !== undefined && /too large|too big/i.test(msg) && e.request) return readLittleEndian(ctx, e, expected, e.request, msg);
    return ctx.mistake('reply-length-little-endian', {
      expected,
      actual: fill(text('header {h}: {be} read big-endian; it only makes sense as little-endian ({le})', '헤더 {h}: 빅 엔디언으로 {be}, 리틀 엔디언으로 읽어야 말이 됨({le})'), {
        h: hex(r.head),
        be: r.head.readUInt32BE(0),
        le: r.length,
      }),
    });
  }
  if (r.kind === 'bad-length') return ctx.mistake('reply-bad-length', { vars: { n: r.length }, expected, actual: hex(r.head) });
  // A whole frame, not the expected one.
  const wantOp = e.reply[4]!;
  const actual = describeFrame(r.bytes);
  if (r.op === OP.error && wantOp !== OP.error) {
    const msg = r.payload.toString('utf8');
    if (/too large|too big/i.test(msg) && e.request && e.request.readUInt32LE(0) > MAX_FRAME) return readLittleEndian(ctx, e, expected, e.request, msg);
    if (/too large|too big/i.test(msg) && e.request && e.request.length >= MAX_FRAME) {
      return ctx.mistake('limit-off-by-one', { vars: { len: e.request.readUInt32BE(0) }, expected, actual });
    }
    return ctx.mistake('unexpected-error-frame', { vars: { sent: e.sent }, expected, actual });
  }
  if (r.op !== wantOp) {
    return ctx.mistake('wrong-reply-op', {
      vars: { sent: e.sent, got: `0x${r.op.toString(16).padStart(2, '0')}`, want: `0x${wantOp.toString(16)}` },
      expected,
      actual,
    });
  }
  const precise = e.wrongPayload?.(r.payload);
  if (precise) return ctx.mistake(precise.reason, { vars: precise.vars, expected, actual });
  return ctx.mistake('wrong-reply-payload', { vars: { sent: e.sent }, expected, actual });
}

/** The server refused a small, valid frame as "too large": it read the length little-endian. */
function readLittleEndian(ctx: Ctx, e: Exchange, expected: Text, request: Buffer, msg: string): FailureDetails {
  return ctx.mistake('length-read-little-endian', {
    vars: { sent: e.sent, h: hex(request.subarray(0, 4)), be: request.readUInt32BE(0), le: request.readUInt32LE(0) },
    expected,
    actual: fill(text('an error frame "{msg}"', '오류 프레임 "{msg}"'), { msg }),
  });
}

export async function connectToServer(ctx: Ctx): Promise<{ server: StartedServer; peer: PeerSocket }> {
  const server = await ctx.startServer();
  const t = ctx.transcript(who.checker, who.server);
  const peer = await ctx.connect(server.port, t);
  return { server, peer };
}

const echoPayloadWrong =
  (sent: Buffer, shown: string) =>
  (got: Buffer): Miss => {
    const fffd = Buffer.from([0xef, 0xbf, 0xbd]);
    if (got.includes(fffd) && !sent.includes(fffd)) return { reason: 'binary-decoded-as-text' };
    return { reason: 'echo-payload-changed', vars: { sent: shown } };
  };

export function echo(p: Buffer | string, label?: string): Exchange {
  const payload = typeof p === 'string' ? Buffer.from(p) : p;
  const sent = label ?? `ECHO ${quoted(payload, 30)}`;
  return { sent, request: echoFrame(payload), reply: echoReply(payload), wrongPayload: echoPayloadWrong(payload, sent) };
}

export function sum(ns: number[]): Exchange {
  const total = ns.reduce((a, n) => a + BigInt(n), 0n);
  return {
    sent: `SUM [${ns.join(', ')}]`,
    request: sumFrame(ns),
    reply: sumReply(total),
    wrongPayload: (got): Miss => {
      if (got.length !== 8) return { reason: 'sum-reply-not-8-bytes', vars: { n: got.length } };
      const v = got.readBigInt64BE(0);
      if (v === BigInt.asIntN(32, total)) return { reason: 'sum-overflows-32-bit', vars: { v: String(v), t: String(total) } };
      return { reason: 'sum-wrong', vars: { v: String(v), t: String(total) } };
    },
  };
}

export function ulen(s: string): Exchange {
  const bytes = Buffer.byteLength(s);
  const cps = [...s].length;
  return {
    sent: `ULEN ${quoted(s)}`,
    request: ulenFrame(s),
    reply: ulenReply(cps, bytes),
    wrongPayload: (got): Miss => {
      if (got.length === 8 && got.readUInt32BE(0) === s.length && s.length !== cps) return { reason: 'ulen-counts-utf16', vars: { s: quoted(s), n: s.length, cp: cps } };
      return { reason: 'ulen-wrong', vars: { s: quoted(s), cp: cps, b: bytes } };
    },
  };
}

/** Every frame in `list` is answered in order. */
export async function expectReplies(ctx: Ctx, server: StartedServer, peer: PeerSocket, list: Exchange[]): Promise<void> {
  for (const e of list) await expectReply(ctx, server, peer, e);
}

export type BadPayloadReason = 'unknown-op-not-rejected' | 'bad-sum-not-rejected' | 'bad-utf8-not-rejected';

/** A bad-payload frame: answered with 0xFF + a message, and the connection stays open. */
export function badPayload(sent: string, reason: BadPayloadReason): Exchange {
  const miss: Miss = { reason, vars: { sent } };
  // Any 0xFF frame with a message will do: the reply is checked by op only (expectErrorFrame).
  return { sent, reply: errorReply(''), noReply: miss, wrongPayload: () => miss };
}

/** Reads one reply that must be an error frame (any non-empty UTF-8 message) and not a close. */
export async function expectErrorFrame(ctx: Ctx, server: StartedServer, peer: PeerSocket, e: Exchange): Promise<void> {
  const f = await diagnoseErrorFrame(ctx, server, peer, e, await readFrame(peer, WAIT));
  if (f) ctx.fail(f);
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const isText = (b: Buffer) => {
  try {
    strictUtf8.decode(b);
    return true;
  } catch {
    return false;
  }
};

export async function diagnoseErrorFrame(ctx: Ctx, server: StartedServer, peer: PeerSocket, e: Exchange, r: FrameRead): Promise<FailureDetails | undefined> {
  if (r.kind === 'frame' && r.op === OP.error && r.payload.length > 0 && isText(r.payload)) return undefined;
  const expected = fill(text('0xFF + a UTF-8 message, in reply to {sent}; the connection stays open', '{sent}에 대한 답으로 0xFF + UTF-8 메시지, 연결은 유지'), { sent: e.sent });
  if (r.kind === 'nothing' && r.how !== 'timeout') {
    const crash = await crashOf(ctx, server.program);
    if (crash) return crash;
    return ctx.mistake('closed-after-bad-payload', { vars: { sent: e.sent }, expected, actual: r.how.toUpperCase() });
  }
  if (r.kind === 'nothing') {
    const crash = await crashOf(ctx, server.program, 0);
    if (crash) return crash;
  }
  return ctx.mistake(e.noReply!.reason, { vars: e.noReply!.vars, expected, actual: shownRead(r, WAIT) });
}

/** Writes `bytes` of filler straight to the socket (not the transcript), for at most `ms`. */
export async function pushFiller(peer: PeerSocket, bytes: number, ms: number): Promise<number> {
  const chunk = Buffer.alloc(64 * 1024, 0x41);
  const deadline = Date.now() + ms;
  let sent = 0;
  while (sent < bytes && Date.now() < deadline && !peer.socket.destroyed && peer.closed === undefined) {
    const ok = peer.socket.write(chunk);
    sent += chunk.length;
    if (!ok) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
        peer.socket.once('drain', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
  return sent;
}

export const mib = (n: number | undefined) => (n === undefined ? '?' : (n / 1024 / 1024).toFixed(0));

/** Sends `bytes` and reads the reply frame (no judgement yet). */
export async function readFrameAfter(peer: PeerSocket, bytes: Buffer): Promise<FrameRead> {
  await peer.send(bytes);
  return readFrame(peer, WAIT);
}

/**
 * The frame already read must be the error that ends a connection (`message` exactly); then
 * nothing more but the close, within WAIT.
 */
export async function diagnoseFatal(ctx: Ctx, server: StartedServer, peer: PeerSocket, r: FrameRead, sent: string, message: string, notRejected: Miss): Promise<FailureDetails | undefined> {
  if (r.kind === 'nothing' || r.kind === 'partial') {
    const crash = await crashOf(ctx, server.program, r.kind === 'nothing' && r.how === 'timeout' ? 0 : 300);
    if (crash) return crash;
  }
  const expected = fill(text('{frame}, then the connection closes', '{frame}, 그다음 연결 종료'), { frame: describeFrame(errorReply(message)) });
  if (r.kind === 'little-endian') {
    return ctx.mistake('reply-length-little-endian', {
      expected,
      actual: fill(text('header {h}: it only makes sense read little-endian ({le})', '헤더 {h}: 리틀 엔디언으로 읽어야 말이 됨({le})'), { h: hex(r.head), le: r.length }),
    });
  }
  if (r.kind !== 'frame' || r.op !== OP.error) {
    const actual =
      r.kind === 'nothing'
        ? r.how === 'timeout'
          ? fill(text('nothing for {ms} ms: the server is still waiting for the body', '{ms}ms 동안 아무것도 없음: 서버가 아직 본문을 기다림'), { ms: WAIT })
          : fill(text('no error frame, just {how}', '오류 프레임 없이 {how}만 옴'), { how: r.how.toUpperCase() })
        : shownRead(r, WAIT);
    return ctx.mistake(notRejected.reason, { vars: notRejected.vars, expected, actual });
  }
  const got = r.payload.toString('utf8');
  if (got !== message) return ctx.mistake('wrong-error-message', { vars: { sent, got }, expected, actual: describeFrame(r.bytes) });
  const closed = await peer.waitClosed(WAIT);
  if (closed === 'timeout') {
    return ctx.mistake('no-close-after-fatal-error', {
      vars: { sent },
      expected,
      actual: fill(text('{frame}, and the connection still open after {ms} ms', '{frame}, 그리고 {ms}ms 뒤에도 연결이 열려 있음'), { frame: describeFrame(r.bytes), ms: WAIT }),
    });
  }
  // The error frame is the last thing on the connection.
  const more = peer.unread();
  if (more.length > 0) {
    return ctx.mistake('answered-after-fatal-error', {
      vars: { sent },
      expected,
      actual: fill(text('{frame}, then {more} before the close', '{frame}, 그다음 닫기 전에 {more}'), { frame: describeFrame(r.bytes), more: hex(more) }),
    });
  }
  return undefined;
}

export async function expectFatal(ctx: Ctx, server: StartedServer, peer: PeerSocket, r: FrameRead, sent: string, message: string, notRejected: Miss): Promise<void> {
  const f = await diagnoseFatal(ctx, server, peer, r, sent, message, notRejected);
  if (f) ctx.fail(f);
}

/** Like expectReply, but any failure other than a crash is `instead`. */
export async function expectReplyOr(ctx: Ctx, server: StartedServer, peer: PeerSocket, e: Exchange, instead: Miss): Promise<void> {
  const r = await readFrame(peer, WAIT);
  if (r.kind === 'frame' && r.bytes.equals(e.reply)) return;
  if (r.kind === 'nothing' || r.kind === 'partial') await failIfCrashed(ctx, server.program, r.kind === 'nothing' && r.how === 'timeout' ? 0 : 300);
  ctx.fail(instead.reason, { vars: instead.vars, expected: expectedText(e), actual: shownRead(r, WAIT) });
}

/** After the last reply, nothing more may come within `ms`: no log line, no second reply. */
export async function diagnoseNothingMore(ctx: Ctx, peer: PeerSocket, ms: number): Promise<FailureDetails | undefined> {
  await peer.waitFor(() => peer.unread().length > 0, ms);
  const more = peer.unread();
  if (more.length === 0) return undefined;
  return ctx.mistake('reply-extra-bytes', {
    vars: { n: more.length },
    expected: text('no more bytes: every request has had its one reply', '더 오는 바이트 없음: 요청마다 답을 하나씩 받았음'),
    actual: fill(text('{bytes} ({n} bytes)', '{bytes} ({n}바이트)'), { bytes: `${quoted(more, 60)} [${hex(more)}]`, n: more.length }),
  });
}

// ───────────────────────────── the learner's client ─────────────────────────────

export interface ClientPlan {
  args: string[];
  /** The frames the client must send, in order. */
  requests: Buffer[];
  /** The checker's answer, once all requests are in. */
  serve: (peer: PeerSocket) => Promise<void>;
  lines: string[];
  exitCode: 0 | 1;
  /** The replies all came in one write (so stopping after one line means one chunk = one frame). */
  oneWrite?: boolean;
}

export function clientLines(stdout: string): string[] {
  const lines = stdout.replace(/\r\n/g, '\n').split('\n');
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  return lines;
}

export async function clientSendsRequests(ctx: Ctx, peer: PeerSocket, client: Program, plan: Pick<ClientPlan, 'args' | 'requests'>): Promise<void> {
  const expectedAll = fill(text('{n} frame(s) for "client.ts {args}": {frames}', '"client.ts {args}"에 대한 프레임 {n}개: {frames}'), {
    n: plan.requests.length,
    args: plan.args.join(' '),
    frames: plan.requests.map((f) => describeFrame(f)).join('; '),
  });
  for (const [i, want] of plan.requests.entries()) {
    const r = await readFrame(peer, WAIT);
    if (r.kind === 'frame' && r.bytes.equals(want)) continue;
    if (r.kind === 'nothing' || (r.kind === 'partial' && r.got.length === 0)) {
      const exit = client.exitInfo ?? (await client.waitExit(r.kind === 'nothing' && r.how === 'timeout' ? 0 : 300));
      if (i === 0 && exit && exit.code !== 0 && /Error|at .*\.ts:\d+/.test(client.stderr())) ctx.fail(programFailure('client.ts', exit, client, 'during-exchange'));
      if (i > 0 && r.kind === 'nothing' && r.how === 'timeout') {
        ctx.fail('client-not-pipelined', {
          vars: { i },
          expected: expectedAll,
          actual: fill(text('{i} frame(s), then nothing for {ms} ms', '프레임 {i}개, 그다음 {ms}ms 동안 아무것도 없음'), { i, ms: WAIT }),
        });
      }
      ctx.fail('client-sent-nothing', {
        vars: { how: exit ? describeExit(exit) : r.kind === 'nothing' && r.how !== 'timeout' ? r.how.toUpperCase() : nothingFor(WAIT) },
        expected: expectedAll,
        actual: text('nothing', '아무것도 오지 않음'),
      });
    }
    if (r.kind === 'little-endian') {
      ctx.fail('client-frame-length-little-endian', {
        expected: describeFrame(want),
        actual: fill(text('header {h} ({be} read big-endian, {le} little-endian)', '헤더 {h}(빅 엔디언으로 {be}, 리틀 엔디언으로 {le})'), { h: hex(r.head), be: r.head.readUInt32BE(0), le: r.length }),
      });
    }
    ctx.fail('client-wrong-request', {
      vars: { n: i + 1 },
      expected: fill(text('{f}\n(from: client.ts {args})', '{f}\n(명령: client.ts {args})'), { f: describeFrame(want), args: plan.args.join(' ') }),
      actual:
        r.kind === 'frame'
          ? describeFrame(r.bytes)
          : r.kind === 'partial'
            ? fill(text('{h}, then nothing more', '{h}, 그 뒤로 더 없음'), { h: hex(r.got) })
            : r.kind === 'bad-length'
              ? fill(text('a header claiming {n} bytes: {h}', '{n}바이트라는 헤더: {h}'), { n: r.length, h: hex(r.head) })
              : text('nothing', '없음'),
    });
  }
}

/** The 32-bit readings of an int64 a client might print instead of the real value. */
function thirtyTwoBitReadings(v: bigint): string[] {
  const b = Buffer.alloc(8);
  b.writeBigInt64BE(v, 0);
  return [b.readInt32BE(0), b.readInt32BE(4), b.readUInt32BE(0), b.readUInt32BE(4)].map(String);
}

export async function runClientPlan(ctx: Ctx, plan: ClientPlan): Promise<void> {
  const t = ctx.transcript(who.client, who.checkerServer);
  const server = await ctx.listenPeer(t);
  const client = ctx.startClient({ port: server.port, args: plan.args });
  const peer = await acceptClient(ctx, server, client);
  await clientSendsRequests(ctx, peer, client, plan);
  await plan.serve(peer);
  // When the client closes its side, close ours too (it may wait for that to exit).
  void peer.waitClosed(6000).then(() => peer.halfClose());

  let exit = await client.waitExit(2500);
  let afterOurClose = false;
  if (!exit) {
    peer.halfClose();
    exit = await client.waitExit(1500);
    afterOurClose = exit !== undefined;
  }
  if (!exit) await client.kill();
  const stdout = client.stdout().replace(/\r\n/g, '\n');
  const lines = clientLines(stdout);
  const out = `${client.stdout()}\n${client.stderr()}`;
  const want = plan.lines.map((l) => `${l}\n`).join('');
  const expected = fill(text('{lines} on stdout and nothing else, then exit code {code}', '표준 출력에 {lines}만, 그다음 종료 코드 {code}'), { code: plan.exitCode, lines: quoted(want, 200) });
  const actual = fill(text('{lines} ({how})', '{lines} ({how})'), {
    lines: stdout.length > 0 ? quoted(stdout, 200) : text('nothing printed', '출력 없음'),
    how: exit ? describeExit(exit) : describeExit('timeout', 4000),
  });
  // The contract: stdout holds these lines and nothing else (logs go to stderr).
  const same = stdout === want;

  if (exit && exit.code !== 0 && /ERR_BUFFER_OUT_OF_BOUNDS|outside buffer bounds|"offset" is out of range/.test(client.stderr())) ctx.fail('client-header-assumed-whole', { expected, actual });
  if (!same && /too large|too big|exceed|limit|1006632|83886080|150994944|16777216/i.test(out) && plan.exitCode === 0) ctx.fail('client-length-little-endian', { expected, actual });
  if (same && afterOurClose && plan.exitCode === 0) ctx.fail('client-waits-for-close', { expected, actual });
  if (!same) {
    for (const [i, w] of plan.lines.entries()) {
      const m = /^sum (-?\d+)$/.exec(w);
      const got = /^sum (-?\d+)$/.exec(lines[i]?.trimEnd() ?? '');
      if (m && got && got[1] !== m[1] && thirtyTwoBitReadings(BigInt(m[1]!)).includes(got[1]!)) {
        ctx.fail('client-sum-read-32-bit', { vars: { got: lines[i]!, want: m[1]! }, expected, actual });
      }
    }
  }
  const prefix = lines.length > 0 && lines.length < plan.lines.length && lines.every((l, i) => l === plan.lines[i]);
  if (plan.oneWrite && prefix && lines.length === 1) ctx.fail('client-one-chunk-one-frame', { vars: { n: plan.lines.length - 1 }, expected, actual });
  if (!exit) ctx.fail('client-hangs', { expected, actual });
  if (!same) ctx.fail('client-wrong-output', { expected, actual });
  if (exit.code !== plan.exitCode) {
    if (plan.exitCode === 0 && /^\s+at .*\.ts:\d+/m.test(client.stderr())) ctx.fail(programFailure('client.ts', exit, client, 'during-exchange'));
    ctx.fail('client-wrong-exit-code', { vars: { got: String(exit.code), want: plan.exitCode }, expected, actual });
  }
}

/** A reply header the client must refuse: exit 1 within WAIT, whatever it printed. */
export async function clientRefusesReply(ctx: Ctx, head: Buffer, claim: string): Promise<void> {
  const t = ctx.transcript(who.client, who.checkerServer);
  const server = await ctx.listenPeer(t);
  const args = ['echo', 'hi'];
  const client = ctx.startClient({ port: server.port, args });
  const peer = await acceptClient(ctx, server, client);
  await clientSendsRequests(ctx, peer, client, { args, requests: [echoFrame('hi')] });
  await peer.send(Buffer.concat([head, Buffer.from([0x81, 0x68, 0x69])]));
  const exit = await client.waitExit(WAIT);
  if (!exit || exit.code !== 1) {
    if (exit && exit.code !== 0 && /^\s+at .*\.ts:\d+/m.test(client.stderr())) ctx.fail(programFailure('client.ts', exit, client, 'during-exchange'));
    ctx.fail('client-trusts-length', {
      vars: { claim },
      expected: text('exit code 1 within 2 s (a reply of length 0 or over 1 MiB is refused)', '2초 안에 종료 코드 1(길이가 0이거나 1MiB를 넘는 응답은 거절)'),
      actual: exit ? describeExit(exit) : fill(text('still running after {ms} ms', '{ms}ms 뒤에도 실행 중'), { ms: WAIT }),
    });
  }
}

export async function expectOtherClient(ctx: Ctx, program: Program, label: Text, want: string[], ms: number): Promise<void> {
  const exit = await program.waitExit(ms);
  const lines = clientLines(program.stdout()).map((l) => l.trimEnd());
  if (!exit || exit.code !== 0 || lines.join('\n') !== want.join('\n')) {
    ctx.fail('interop-client-failed', {
      vars: { who: label, how: describeExit(exit ?? 'timeout', ms) },
      expected: quoted(want.map((l) => `${l}\n`).join(''), 200),
      actual: program.stdout() ? quoted(program.stdout(), 200) : text('nothing printed (its error is below)', '출력 없음(오류는 아래에)'),
    });
  }
}

