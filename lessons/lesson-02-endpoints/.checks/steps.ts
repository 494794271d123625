/**
 * Lesson 02 — the steps its scenarios share: hold a whoami line to the truth of its
 * connection, connect again (a server that stopped serving), the checker as a server for the
 * learner's client, and the client's outcomes (the line on stdout and nothing else, an early
 * close, a refused connection). Failures name a reason of `mistakes.ts`.
 */
import net from 'node:net';
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
  type Text,
  type Transcript,
} from '../../../src/checks/kit.ts';
import { PeerSocket as PeerSocketClass } from '../../../src/peers/peer-socket.ts';
import type { Reason } from './mistakes.ts';
import { endpoint } from './model.ts';
import { asMismatch } from '../../../src/checks/kit.ts';
export { asMismatch };

export type Ctx = ScenarioContext<Reason>;
export type Program = ReturnType<Ctx['startProgram']>;
export type TranscriptOf = (left: Text, right: Text) => Transcript;

export const who = {
  checker: text('checker (client)', '검사기 (클라이언트)'),
  checkerServer: text('checker (server)', '검사기 (서버)'),
  server: text('your server', '내 서버'),
  client: text('your client', '내 클라이언트'),
  Server: text('Your server', '서버'),
  Client: text('Your client', '클라이언트'),
};

export const UNHANDLED = /Unhandled 'error' event/;
/** How Node ends a process on an uncaught error: the stack, then "Node.js v20.x.y". */
export const CRASH = /Unhandled 'error' event|^Node\.js v\d+/m;
/** A stack frame line, as Node prints them: "    at fn (file:line:col)". */
export const STACK = /^\s+at\s.+/m;


export function linesOf(out: string): string[] {
  return out.replace(/\r\n/g, '\n').split('\n').map((l) => l.trimEnd());
}

/** A port nobody listens on (taken from the OS, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Whether this machine has an IPv6 loopback (::1) to listen on. */
export function hasIpv6Loopback(): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(0, '::1', () => s.close(() => resolve(true)));
  });
}

export async function requireIpv6(ctx: Ctx): Promise<void> {
  if (!(await hasIpv6Loopback())) {
    ctx.skipScenario(text('This machine has no IPv6 loopback (::1), so this check is skipped.', '이 컴퓨터에는 IPv6 루프백(::1)이 없어 이 검사는 건너뜁니다.'));
  }
}

export function printedOrNothing(out: string): Text | string {
  return out.trim() ? quoted(out, 200) : text('(nothing)', '(출력 없음)');
}

/** The telling lines of a crash or a printed error: the 'Unhandled' line and the Error line. */
export function errorLines(stderr: string): string {
  const lines = stderr.split('\n');
  const telling = lines.filter((l) => /Unhandled 'error' event|^\s*(\w*Error)\b|\bE[A-Z]{4,}\b/.test(l) && !/^\s+at\s/.test(l));
  return (telling.length > 0 ? telling.slice(0, 3) : lines.slice(0, 4)).join('\n');
}

export function crashed(stderr: string): boolean {
  return CRASH.test(stderr);
}

// ─── the server: one whoami line per connection ───────────────────────────────────────

/**
 * Reads the server's line on `peer` (the checker, connected to `host:port`), holds every field
 * to the truth of this connection, byte for byte, then expects its close (FIN).
 */
export async function expectWhoami(ctx: Ctx, peer: PeerSocket, host: string, port: number): Promise<void> {
  const you = endpoint(peer.socket.localAddress, peer.socket.localPort);
  const me = endpoint(host, port);
  const want = `you=${you} me=${me} tcp`;
  const expected = quoted(`${want}\n`);
  const got = await peer.readLine(2000);
  if (!got.ok) {
    const partial = got.partial.toString('utf8');
    if (partial) {
      ctx.fail('line-without-newline', {
        expected,
        actual: got.reason === 'closed' ? text(`${quoted(partial)}, then ${got.how.toUpperCase()}`, `${quoted(partial)} 다음 ${got.how.toUpperCase()}`) : quoted(partial),
      });
    }
    ctx.fail('server-no-line', {
      vars: {
        how: got.reason === 'closed' ? text('it closed the connection without a word', '한마디 없이 연결을 닫음') : text('nothing came within 2 s of the connection', '접속하고 2초 동안 아무것도 오지 않음'),
      },
      expected,
      actual: got.reason === 'closed' ? text(`nothing, then ${got.how.toUpperCase()}`, `아무것도 없이 ${got.how.toUpperCase()}`) : text('nothing', '아무것도 오지 않음'),
    });
  }
  const line = got.value.toString('utf8');
  const actual = quoted(`${line}\n`);
  const m = /^you=(\S+) me=(\S+) (\S+)$/.exec(line);
  if (!m) ctx.fail('bad-line-format', { expected, actual });
  const [, gotYou, gotMe, proto] = m as unknown as [string, string, string, string];
  if (gotYou === me && gotMe === you) ctx.fail('endpoints-swapped', { expected, actual });
  if (host.includes(':') && (/^[^[].*:.*:/.test(gotYou) || /^[^[].*:.*:/.test(gotMe))) ctx.fail('ipv6-without-brackets', { expected, actual });
  if (gotMe !== me) ctx.fail(/:0$/.test(gotMe) ? 'me-port-is-zero' : 'wrong-server-endpoint', { vars: { me }, expected, actual });
  if (gotYou !== you) ctx.fail('wrong-client-endpoint', { vars: { you }, expected, actual });
  if (proto !== 'tcp') ctx.fail('wrong-protocol', { expected, actual });
  const rest = await peer.readToClose(2000);
  if (rest.bytes.length > 0) ctx.fail('bad-line-format', { expected: text(`${expected}, then FIN`, `${expected} 다음 FIN`), actual: text(`${actual}, then ${quoted(rest.bytes, 80)}`, `${actual} 다음 ${quoted(rest.bytes, 80)}`) });
  if (rest.how === 'timeout') {
    ctx.fail('server-kept-connection-open', {
      expected: text(`${expected}, then FIN`, `${expected} 다음 FIN`),
      actual: text(`${actual}, and the connection stayed open for 2 s`, `${actual}, 그리고 2초 동안 연결이 열려 있음`),
    });
  }
}

/** The checker connects; a refused connection or an exited server means it stopped serving. */
export async function connectAgain(ctx: Ctx, program: Program, port: number, nth: number, host = '127.0.0.1', transcript: TranscriptOf = (l, r) => ctx.transcript(l, r)): Promise<PeerSocket> {
  const t = transcript(fill(text('checker (client {n})', '검사기 (클라이언트 {n})'), { n: nth }), who.server);
  const stopped = (how: Text | string): never =>
    ctx.fail('server-stopped-serving', {
      vars: { how: fill(text('connection {n} was refused', '{n}번째 연결이 거부됨'), { n: nth }) },
      expected: text('a new connection, and its own line', '새 연결과 그 연결의 줄'),
      actual: how,
    });
  if (program.exitInfo) stopped(describeExit(program.exitInfo));
  try {
    return await ctx.connect(port, t, host);
  } catch (err) {
    const details = (err as { details?: FailureDetails }).details;
    if (details?.reason === 'connect-failed') stopped(program.exitInfo ? describeExit(program.exitInfo) : details.summary);
    throw err;
  }
}

/**
 * The checker connects to `host:port` from a chosen local end (`local.port` 0: the OS picks).
 * A local port that happens to be taken is moved to the next one.
 */
export async function connectFrom(ctx: Ctx, program: Program, host: string, port: number, local: { address: string; port: number }, transcript: Transcript): Promise<PeerSocket> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const localPort = local.port === 0 ? 0 : ((local.port - 1024 + attempt) % (65536 - 1024)) + 1024;
    const r = await new Promise<{ ok: true; socket: net.Socket } | { ok: false; code: string }>((resolve) => {
      const socket = net.connect({ host, port, localAddress: local.address, localPort: localPort || undefined, allowHalfOpen: true, autoSelectFamily: false });
      const timer = setTimeout(() => {
        socket.destroy();
        resolve({ ok: false, code: 'ETIMEDOUT' });
      }, 2000);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        resolve({ ok: true, socket });
      });
      socket.once('error', (err: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        resolve({ ok: false, code: err.code ?? 'ERROR' });
      });
    });
    if (r.ok) {
      transcript.connect('right');
      return new PeerSocketClass(r.socket, transcript, 'left');
    }
    if (r.code === 'EADDRINUSE' || r.code === 'EADDRNOTAVAIL') continue;
    ctx.fail('server-stopped-serving', {
      vars: { how: fill(text('a connection from {from} was refused ({code})', '{from}에서 건 연결이 거부됨({code})'), { from: endpoint(local.address, localPort), code: r.code }) },
      expected: text('a new connection, and its own line', '새 연결과 그 연결의 줄'),
      actual: program.exitInfo ? describeExit(program.exitInfo) : r.code,
    });
  }
  throw new Error(`no free local port near ${local.port} on ${local.address}`);
}

// ─── the client: one line, then close ─────────────────────────────────────────────────

/** The checker as a server, with the learner's client connected to it. */
export async function clientConnected(ctx: Ctx, transcript: TranscriptOf = (l, r) => ctx.transcript(l, r)): Promise<{ peer: PeerSocket; client: Program }> {
  const server = await ctx.listenPeer(transcript(who.client, who.checkerServer));
  const client = ctx.startClient({ port: server.port });
  const peer = await acceptClient(ctx, server, client);
  return { peer, client };
}

/** The whoami line the checker, as a server, sends to the client on `peer`. */
export function checkerLine(peer: PeerSocket): string {
  return `you=${endpoint(peer.socket.remoteAddress, peer.socket.remotePort)} me=${endpoint(peer.socket.localAddress, peer.socket.localPort)} tcp`;
}

/**
 * The client's stdout must be exactly `line` and a '\n' (nothing else), and it must exit 0
 * within `ms`. `keptOpen`: the checker did not close after the line, so a client that waits
 * for the close hangs.
 */
export async function expectClientPrinted(ctx: Ctx, client: Program, line: string, o: { keptOpen: boolean; ms?: number }): Promise<void> {
  const ms = o.ms ?? 4000;
  const sent = Date.now();
  const run = await ctx.finishClient(client, ms);
  const elapsed = Date.now() - sent;
  const exact = run.stdout.replace(/\r\n$/, '\n') === `${line}\n`;
  const printed = exact || linesOf(run.stdout).includes(line.trimEnd());
  const expected = quoted(`${line}\n`);
  const thenZero = text(`${expected} on stdout, then exit code 0`, `표준 출력에 ${expected}, 그리고 종료 코드 0`);
  const keepsOpen = (how: Text): never => ctx.fail('client-keeps-socket-open', { vars: { how }, expected: thenZero, actual: quoted(run.stdout, 200) });
  const waitsForClose = (how: Text): never =>
    ctx.fail('client-waits-for-close', {
      vars: { how },
      expected: text(`${expected} on stdout as soon as the '\\n' arrives`, `'\\n'이 도착하자마자 표준 출력에 ${expected}`),
      actual: printedOrNothing(run.stdout),
    });
  if (run.exit === 'timeout') {
    const how = describeExit('timeout', ms);
    if (printed) keepsOpen(how);
    if (o.keptOpen) waitsForClose(how);
    ctx.fail('client-did-not-finish', { vars: { how }, expected: thenZero, actual: printedOrNothing(run.stdout) });
  }
  if (run.exit.code !== 0) {
    if (crashed(run.stderr) || run.exit.code !== 2) ctx.fail(programFailure('client.ts', run.exit, client, 'during-exchange'));
    // exit code 2: the client's own "no reply" path. Long after the line: it waited for
    // something else (the close) until its timeout fired; at once: its timeout is far too short.
    if (printed) keepsOpen(describeExit(run.exit));
    if (o.keptOpen && elapsed >= 2000) waitsForClose(describeExit(run.exit));
    ctx.fail('timeout-too-early', { vars: { ms: elapsed }, expected: thenZero, actual: fill(text('exit code 2 after {ms} ms, stdout {out}', '{ms}ms 뒤 종료 코드 2, 표준 출력 {out}'), { ms: elapsed, out: printedOrNothing(run.stdout) }) });
  }
  if (exact) return;
  const out = run.stdout.replace(/\r?\n$/, '');
  if (!printed && out.includes('\uFFFD') && !line.includes('\uFFFD')) ctx.fail('client-broken-utf8', { expected, actual: quoted(run.stdout, 200) });
  if (!printed && out.trim() && line.startsWith(out.trim()) && out.trim() !== line.trim()) ctx.fail('client-printed-partial-line', { expected, actual: quoted(run.stdout, 200) });
  ctx.fail('client-wrong-output', { expected, actual: printedOrNothing(run.stdout) });
}

/** The server closed before a whole line: the client must print nothing and exit 1. */
export async function expectEarlyClose(ctx: Ctx, client: Program): Promise<void> {
  const run = await ctx.finishClient(client, 5000);
  if (run.exit !== 'timeout' && run.exit.code === 1 && run.stdout === '') return;
  if (run.exit !== 'timeout' && run.exit.code !== 1 && crashed(run.stderr)) ctx.fail(programFailure('client.ts', run.exit, client, 'during-exchange'));
  const how = run.stdout === '' ? describeExit(run.exit, 5000) : fill(text('{exit}, having printed {out}', '{exit}, 출력: {out}'), { exit: describeExit(run.exit, 5000), out: quoted(run.stdout, 120) });
  ctx.fail('client-ignores-early-close', {
    vars: { how },
    expected: text('exit code 1, nothing on stdout (a message on stderr)', '종료 코드 1, 표준 출력은 비어 있음(메시지는 표준 에러에)'),
    actual: how,
  });
}

/** Nothing listens on the port: exit 1, with ECONNREFUSED on stderr and no stack trace. */
export async function expectRefused(ctx: Ctx, client: Program, where: string): Promise<void> {
  const run = await ctx.finishClient(client, 5000);
  const expected = text('exit code 1, and a message naming ECONNREFUSED on stderr', '종료 코드 1, 그리고 표준 에러에 ECONNREFUSED가 들어간 메시지');
  if (run.exit === 'timeout') ctx.fail('refused-still-running', { vars: { where }, expected, actual: printedOrNothing(run.stderr) });
  if (crashed(run.stderr)) ctx.fail('client-crashed-on-refused', { vars: { where }, expected, actual: quoted(errorLines(run.stderr), 300) });
  if (STACK.test(run.stderr)) {
    ctx.fail('printed-stack-trace', {
      vars: { who: who.Client, what: text('a refused connection', '거부된 접속') },
      expected: text('one clear line, e.g. "cannot connect to 127.0.0.1:8080: ECONNREFUSED"', '알아보기 쉬운 한 줄, 예: "cannot connect to 127.0.0.1:8080: ECONNREFUSED"'),
      actual: quoted(errorLines(run.stderr), 300),
    });
  }
  if (run.exit.code !== 1) ctx.fail('refused-exit-code', { vars: { where, how: describeExit(run.exit) }, expected, actual: describeExit(run.exit) });
  if (!/ECONNREFUSED/.test(run.stderr)) {
    if (/ECONNREFUSED/.test(run.stdout)) ctx.fail('error-on-stdout', { vars: { who: who.Client }, expected, actual: text(`stdout: ${quoted(run.stdout, 200)}`, `표준 출력: ${quoted(run.stdout, 200)}`) });
    ctx.fail('refused-message-without-code', { expected, actual: text(`stderr: ${run.stderr ? quoted(run.stderr, 200) : '(nothing)'}`, `표준 에러: ${run.stderr ? quoted(run.stderr, 200) : '(없음)'}`) });
  }
  // stdout holds the answer only, and a refused client has none.
  if (run.stdout !== '') ctx.fail('error-on-stdout', { vars: { who: who.Client }, expected, actual: text(`stdout: ${quoted(run.stdout, 200)}`, `표준 출력: ${quoted(run.stdout, 200)}`) });
}
