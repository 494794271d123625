/**
 * Lesson 09 — the steps its scenarios share. The checker plays UDP clients on 127.0.0.1 (each on
 * its own ephemeral port), sends datagrams and holds every reply datagram to the protocol: the
 * right bytes, exactly one reply per request, to the sender of that request, from the server's
 * own port. Failures name a reason of `mistakes.ts` and give its facts; the words live there.
 */
import crypto from 'node:crypto';
import dgram from 'node:dgram';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkGenerated, type Mismatch } from '../../../src/checks/generate.ts';
import {
  describeExit,
  fill,
  programFailure,
  quoted,
  text,
  visible,
  type FailureDetails,
  type ScenarioContext,
  type StartedServer,
  type Text,
  type Transcript,
  type UdpClientPeer,
  type UdpPeerSet,
} from '../../../src/checks/kit.ts';
import type { Vars } from '../../../src/checks/mistakes.ts';
import type { Reason } from './mistakes.ts';
import { BAD, TOO_LARGE, allowedReplies, answer, kindOf, sendersOf, udpCases, type UdpCase } from './model.ts';

export type Ctx = ScenarioContext<Reason>;

const INTEROP = path.join(path.dirname(fileURLToPath(import.meta.url)), 'interop');
/** How long one reply may take; nothing here depends on speed. */
export const WAIT = 2000;
/** After the last expected reply, how long a hand-written scenario waits for replies that must not come. */
const QUIET_MS = 200;

export const who = {
  checker: text('checker (client)', '검사기 (클라이언트)'),
  client: (n: string) => text(`checker client ${n}`, `검사기 클라이언트 ${n}`),
  server: text('your server', '내 서버'),
};

export const token = () => crypto.randomBytes(3).toString('hex');
const nothingWithin = (ms: number) => fill(text('nothing within {ms} ms', '{ms}ms 동안 아무것도 오지 않음'), { ms });

/**
 * Starts the learner's server and waits for its UDP bind. A server that listens on TCP
 * instead (a habit from lessons 01–08) is told so at once, rather than after a 5 s wait.
 */
export async function startUdpServer(ctx: Ctx): Promise<StartedServer> {
  const pending = ctx.startServer({ proto: 'udp' });
  pending.catch(() => {}); // settled below, or abandoned when the TCP case fails first
  const program = ctx.programs.at(-1)!;
  const tcp = program.waitListening('tcp', 5000).then((r) => (typeof r === 'object' && 'proto' in r ? r : undefined));
  const first = await Promise.race([pending.then(() => 'udp' as const, () => 'udp' as const), tcp.then((r) => (r ? ('tcp' as const) : 'udp'))]);
  if (first === 'tcp' && !program.listens.some((l) => l.proto === 'udp')) {
    ctx.fail('listens-on-tcp', {
      expected: text('a UDP socket bound with dgram: socket.bind(PORT, HOST)', 'dgram으로 바인딩한 UDP 소켓: socket.bind(PORT, HOST)'),
      actual: text('net.createServer(…).listen(…): a TCP server', 'net.createServer(…).listen(…): TCP 서버'),
    });
  }
  return pending;
}

/** Why the server is gone while it should be serving (`last`: the last datagram it was sent). */
function endedFailure(ctx: Ctx, server: StartedServer, last: string | undefined): FailureDetails {
  const exit = server.program.exitInfo!;
  if (/Unhandled 'error' event/.test(server.program.stderr())) return ctx.mistake('no-error-handler', { vars: { how: describeExit(exit) } });
  if (last !== undefined) {
    return ctx.mistake('crashed-on-bad-input', {
      vars: { how: describeExit(exit), d: last },
      expected: text('one reply per datagram, and the server keeps running', '데이터그램마다 응답 하나, 서버는 계속 실행'),
      actual: text('the server process is gone', '서버 프로세스가 사라짐'),
    });
  }
  return programFailure('server.ts', exit, server.program, 'during-exchange');
}

function serverEnded(ctx: Ctx, server: StartedServer, last?: string): never {
  ctx.fail(endedFailure(ctx, server, last));
}

/** A reason and its placeholders, before the step has seen what came. */
export interface Miss {
  reason: Reason;
  vars?: Vars;
}

export interface Ask {
  send: string | Buffer;
  /** How the request is shown in messages. */
  shown?: string;
  expect: string | Buffer;
  /** The reason when a different reply comes. */
  wrong: Miss;
  /** The reason when no reply comes (the server still runs). */
  silent: Miss;
  /** True when the request is bad input that a fragile server may crash on. */
  bad?: boolean;
}

export const shownOf = (a: Pick<Ask, 'send' | 'shown'>) => a.shown ?? quoted(a.send, 80);

/** Sends one datagram and holds the single reply to `a.expect`. */
export async function ask(ctx: Ctx, peer: UdpClientPeer, server: StartedServer, a: Ask): Promise<void> {
  const shown = shownOf(a);
  await peer.send(a.send);
  const r = await peer.receive(WAIT);
  if (!r.ok) {
    if (server.program.done || (await server.program.waitExit(200))) serverEnded(ctx, server, a.bad ? shown : undefined);
    ctx.fail(a.silent.reason, { vars: a.silent.vars, expected: quoted(a.expect, 120), actual: fill(text('nothing within {ms} ms (sent {d})', '{ms}ms 동안 아무것도 오지 않음(보낸 것: {d})'), { ms: WAIT, d: shown }) });
  }
  expectFromServer(ctx, server, r.datagram.from.port);
  if (!r.datagram.bytes.equals(Buffer.from(a.expect))) {
    ctx.fail(a.wrong.reason, { vars: a.wrong.vars, expected: quoted(a.expect, 120), actual: quoted(r.datagram.bytes, 120) });
  }
}

/**
 * After the replies a client expected, nothing more may come: one request, one reply. `sent`
 * is how many requests the client sent in all.
 */
export async function expectNoMore(ctx: Ctx, peer: UdpClientPeer, server: StartedServer, sent: number, label: Text): Promise<void> {
  await new Promise((r) => setTimeout(r, QUIET_MS));
  if (peer.received.length <= sent) return;
  const extra = peer.received.slice(sent);
  for (const d of extra) expectFromServer(ctx, server, d.from.port);
  ctx.fail('missing-replies', {
    vars: { who: label, n: sent, m: peer.received.length },
    expected: fill(text('{n} reply datagrams, one per request', '요청마다 하나씩, 응답 데이터그램 {n}개'), { n: sent }),
    actual: fill(text('{m}; the extra one(s): {r}', '{m}개, 남는 것: {r}'), { m: peer.received.length, r: extra.map((d) => quoted(d.bytes, 60)).join(' | ') }),
  });
}

/** Every reply must come from the port the server is bound to. */
export function expectFromServer(ctx: Ctx, server: StartedServer, port: number): void {
  if (port !== server.port) ctx.fail(fromAnotherPort(ctx, server, port));
}

function fromAnotherPort(ctx: Ctx, server: StartedServer, port: number): FailureDetails {
  return ctx.mistake('reply-from-another-port', {
    vars: { p: port, s: server.port },
    expected: fill(text('a reply from 127.0.0.1:{s}', '127.0.0.1:{s}에서 온 응답'), { s: server.port }),
    actual: fill(text('a reply from 127.0.0.1:{p}', '127.0.0.1:{p}에서 온 응답'), { p: port }),
  });
}

/** When a plain PING gets no reply, a PING ending in \n tells a line-buffering server apart. */
async function probeNewline(ctx: Ctx, peer: UdpClientPeer, server: StartedServer): Promise<void> {
  const t = token();
  await peer.send(`PING 2 ${t}\n`);
  const r = await peer.receive(1500, text('no reply to the probe either', '확인용 요청에도 응답 없음'));
  if (r.ok) {
    ctx.fail('waits-for-newline', {
      expected: text('"PONG 1 …" as soon as "PING 1 …" (no newline) arrives', '줄바꿈 없는 "PING 1 …"이 오자마자 "PONG 1 …"'),
      actual: fill(text('no reply to "PING 1 …"; after "PING 2 …\\n": {r}', '"PING 1 …"에는 응답 없음, "PING 2 …\\n" 뒤에: {r}'), { r: quoted(r.datagram.bytes) }),
    });
  }
  if (server.program.done) serverEnded(ctx, server);
}

/** One checker client, one PING; then the TCP demo: the port number is UDP's only. */
export async function pingPong(ctx: Ctx, udp: UdpPeerSet): Promise<void> {
  const server = await startUdpServer(ctx);
  const peer = await udp.client(server.port, ctx.transcript(who.checker, who.server));
  const tok = token();
  const d = `"PING 1 ${tok}"`;
  await peer.send(`PING 1 ${tok}`);
  const r = await peer.receive(WAIT);
  if (!r.ok) {
    if (server.program.done) serverEnded(ctx, server);
    await probeNewline(ctx, peer, server);
    ctx.fail('no-reply', { vars: { d, ms: WAIT }, expected: quoted(`PONG 1 ${tok}`), actual: nothingWithin(WAIT) });
  }
  expectFromServer(ctx, server, r.datagram.from.port);
  if (!r.datagram.bytes.equals(Buffer.from(`PONG 1 ${tok}`))) {
    ctx.fail('wrong-reply', { vars: { d, want: `"PONG 1 ${tok}"` }, expected: quoted(`PONG 1 ${tok}`), actual: quoted(r.datagram.bytes) });
  }
  await expectNoMore(ctx, peer, server, 1, who.checker);
  // T6, a demonstration rather than a check: TCP to the same port number is refused.
  const refused = await new Promise<string>((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port: server.port });
    const timer = setTimeout(() => (s.destroy(), resolve('timeout')), 2000);
    s.once('connect', () => (clearTimeout(timer), s.destroy(), resolve('connected')));
    s.once('error', (e: NodeJS.ErrnoException) => (clearTimeout(timer), resolve(e.code ?? 'error')));
  });
  ctx.note(fill(text('A TCP connect to the same port number {p}: {r}. The port was bound for UDP only.', '같은 포트 번호 {p}로 TCP 접속: {r}. 이 포트는 UDP로만 바인딩되었습니다.'), { p: server.port, r: refused }));
}

/** T1: three clients on three ports, PINGs interleaved; each must get its own PONGs only. */
export async function eachSender(ctx: Ctx, udp: UdpPeerSet): Promise<void> {
  const server = await startUdpServer(ctx);
  const names = ['A', 'B', 'C'];
  const clients = await Promise.all(names.map(async (n) => ({ name: n, tok: `${n.toLowerCase()}${token()}`, peer: await udp.client(server.port, ctx.transcript(who.client(n), who.server)) })));
  // A asks first and gets its answer, so that A is "the first client"; then B and C join and
  // the three interleave their PINGs without waiting.
  const [a] = clients;
  await a!.peer.send(`PING 1 ${a!.tok}`);
  await a!.peer.waitReceived(1, WAIT);
  for (const c of clients.slice(1)) await c.peer.send(`PING 1 ${c.tok}`);
  for (let round = 2; round <= 3; round++) {
    for (const c of clients) await c.peer.send(`PING ${round} ${c.tok}`);
  }
  const deadline = Date.now() + WAIT;
  for (const c of clients) await c.peer.waitReceived(3, Math.max(1, deadline - Date.now()));
  await new Promise((r) => setTimeout(r, QUIET_MS)); // a moment for replies that should not come
  if (server.program.done) serverEnded(ctx, server);
  for (const c of clients) for (const d of c.peer.received) expectFromServer(ctx, server, d.from.port);
  const texts = (c: (typeof clients)[number]) => c.peer.received.map((d) => d.bytes.toString('utf8'));
  for (const c of clients) {
    const foreign = texts(c).find((s) => clients.some((o) => o !== c && s.includes(o.tok)));
    if (foreign) {
      const owner = clients.find((o) => foreign.includes(o.tok))!;
      ctx.fail('reply-to-wrong-sender', {
        vars: { a: c.name, b: owner.name },
        expected: fill(text("replies carrying {a}'s own token ({t})", '{a} 자신의 token({t})이 담긴 응답'), { a: c.name, t: c.tok }),
        actual: fill(text("{r}, sent to {a}'s port", '{a}의 포트로 온 {r}'), { r: quoted(foreign), a: c.name }),
      });
    }
  }
  const want3 = text('3 PONGs for each of A, B and C', 'A, B, C 각각 PONG 3개');
  const answered = clients.filter((c) => c.peer.received.length > 0);
  if (answered.length === 0) ctx.fail('no-reply', { vars: { d: `"PING 1 ${a!.tok}"`, ms: WAIT }, expected: want3, actual: nothingWithin(WAIT) });
  if (answered.length < clients.length) {
    ctx.fail('ignores-other-senders', {
      vars: { a: answered.map((c) => c.name).join(', '), b: clients.filter((c) => !answered.includes(c)).map((c) => c.name).join(', ') },
      expected: want3,
      actual: clients.map((c) => `${c.name}: ${c.peer.received.length}`).join(', '),
    });
  }
  for (const c of clients) {
    const want = [1, 2, 3].map((r) => `PONG ${r} ${c.tok}`);
    const got = texts(c);
    if (want.some((w) => !got.includes(w)) || got.length !== 3) {
      ctx.fail('missing-replies', {
        vars: { who: who.client(c.name), n: 3, m: got.length },
        expected: quoted(want.join(' | ')),
        actual: got.length ? quoted(got.join(' | '), 160) : text('nothing', '없음'),
      });
    }
  }
}

/** T2: ten datagrams back to back, some with a newline inside: ten separate, exact replies. */
export async function boundaries(ctx: Ctx, udp: UdpPeerSet): Promise<void> {
  const server = await startUdpServer(ctx);
  const peer = await udp.client(server.port, ctx.transcript(who.checker, who.server));
  const tok = token();
  const requests: Array<{ send: string; expect: string }> = [];
  for (let i = 1; i <= 10; i++) {
    requests.push(i % 2 ? { send: `PING ${i} ${tok}`, expect: `PONG ${i} ${tok}` } : { send: `ECHO line ${i}\nstill ${i}`, expect: `line ${i}\nstill ${i}` });
  }
  await Promise.all(requests.map((r) => peer.send(r.send))); // back to back, no waiting
  const ms = 2500;
  await peer.waitReceived(10, ms);
  await new Promise((r) => setTimeout(r, QUIET_MS));
  if (server.program.done) serverEnded(ctx, server);
  const got = peer.received.map((d) => d.bytes.toString('utf8'));
  for (const d of peer.received) expectFromServer(ctx, server, d.from.port);
  const want = requests.map((r) => r.expect);
  const sorted = (a: string[]) => [...a].sort().join('\u0000');
  if (sorted(got) === sorted(want)) return;
  const merged = got.find((g) => want.filter((w) => g.includes(w)).length > 1);
  const split = got.length > want.length || got.some((g) => /^(line|still) \d+$/.test(g));
  const facts = { expected: quoted(want.join(' | '), 200), actual: got.length ? quoted(got.join(' | '), 200) : nothingWithin(ms) };
  if (got.length === 0) ctx.fail('no-reply', { vars: { d: quoted(requests[0]!.send), ms }, ...facts });
  if (merged) ctx.fail('merged-datagrams', { vars: { n: 10, m: got.length }, ...facts });
  if (split) ctx.fail('split-datagram', { vars: { n: 10, m: got.length }, ...facts });
  ctx.fail('missing-replies', { vars: { who: who.checker, n: 10, m: got.length }, ...facts });
}

/** Byte-exact ECHO (UTF-8, newlines, spaces) and the 1200-byte edge, which is allowed. */
export async function echoExact(ctx: Ctx, udp: UdpPeerSet): Promise<void> {
  const server = await startUdpServer(ctx);
  const peer = await udp.client(server.port, ctx.transcript(who.checker, who.server));
  // Edge spaces, a "\r\n" inside; then a final "\n", which is part of the text (only a PING may
  // end with one extra "\n", and nothing strips it from an ECHO).
  for (const payload of ['  안녕, 세계 🙂\r\n\ttabs and spaces  ', 'ends with a newline\n']) {
    const d = quoted(`ECHO ${payload}`);
    await ask(ctx, peer, server, { send: `ECHO ${payload}`, expect: payload, wrong: { reason: 'echo-not-exact', vars: { d } }, silent: { reason: 'no-reply', vars: { d, ms: WAIT } } });
  }
  // Exactly 1200 bytes is allowed: "ECHO " and 1195 bytes of UTF-8 (Korean is 3 bytes a character).
  const body = '가나다'.repeat(100) + 'x'.repeat(1195 - 900);
  const edge = Buffer.from(`ECHO ${body}`);
  const d = '"ECHO 가나다…xxx"';
  await ask(ctx, peer, server, {
    send: edge,
    shown: `${d} (1200 B)`,
    expect: body,
    wrong: { reason: 'rejects-1200-bytes', vars: { d, n: edge.length } },
    silent: { reason: 'no-reply', vars: { d, ms: WAIT } },
  });
  await expectNoMore(ctx, peer, server, 3, who.checker);
}

export interface BadInput {
  send: Buffer;
  shown: string;
  expect: string;
}

/** Bad input is answered, never fatal; afterwards the server still answers a PING. */
export async function badInput(ctx: Ctx, udp: UdpPeerSet, inputs: BadInput[]): Promise<void> {
  const server = await startUdpServer(ctx);
  const peer = await udp.client(server.port, ctx.transcript(who.checker, who.server));
  for (const i of inputs) {
    const d = i.shown;
    const tooLarge = i.expect === TOO_LARGE;
    const wrong: Miss = tooLarge
      ? { reason: 'too-large-not-rejected', vars: { d, n: i.send.length } }
      : i.shown.includes('UTF-8')
        ? { reason: 'accepted-invalid-utf8', vars: { d } }
        : { reason: 'wrong-error-reply', vars: { d } };
    await ask(ctx, peer, server, { ...i, bad: true, wrong, silent: tooLarge ? wrong : { reason: 'bad-request-unanswered', vars: { d } } });
  }
  const tok = token();
  const d = `"PING 7 ${tok}"`;
  await ask(ctx, peer, server, {
    send: `PING 7 ${tok}`,
    expect: `PONG 7 ${tok}`,
    wrong: { reason: 'wrong-reply', vars: { d, want: `"PONG 7 ${tok}"` } },
    silent: { reason: 'no-reply', vars: { d, ms: WAIT } },
  });
  await expectNoMore(ctx, peer, server, inputs.length + 1, who.checker);
}

/**
 * The port is taken (by a socket bound with reuseAddr, as a second copy of a server might be):
 * the learner's bind must fail, and the server must say so and exit non-zero, not crash with
 * an unhandled 'error' event and not quietly share the port.
 */
export async function busyPort(ctx: Ctx): Promise<void> {
  const holder = dgram.createSocket({ type: 'udp4', reuseAddr: true });
  try {
    await new Promise<void>((resolve, reject) => {
      holder.once('error', reject);
      holder.bind(0, '127.0.0.1', () => resolve());
    });
    holder.on('error', () => {});
    const port = holder.address().port;
    const t = ctx.transcript(who.checker, who.server);
    t.note(fill(text('port {p} is already taken (reuseAddr)', '포트 {p}는 이미 사용 중(reuseAddr)'), { p: port }));
    const program = ctx.startProgram('server.ts', { label: who.server, env: { HOST: '127.0.0.1', PORT: String(port) } });
    const ended = program.exited.then(() => 'exit' as const);
    const ms = 3000;
    const bound = program.waitListening('udp', ms).then((r) => (typeof r === 'object' && 'proto' in r ? ('bound' as const) : 'none'));
    // The timer is cleared as soon as the race is decided: left running, it would keep the
    // checker's own process alive after its report.
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), ms)));
    const first = await Promise.race([ended, bound, timeout]).finally(() => clearTimeout(timer));
    const expected = text('bind fails with EADDRINUSE; the server reports it and exits with a non-zero code', 'bind가 EADDRINUSE로 실패하고, 서버가 이를 알린 뒤 0이 아닌 코드로 종료');
    if (first === 'bound' || program.listens.some((l) => l.proto === 'udp')) {
      ctx.fail('shares-busy-port', { vars: { p: port }, expected, actual: text('bind succeeded: two sockets now share the port', 'bind 성공: 이제 두 소켓이 포트를 나눠 씀') });
    }
    if (first === 'timeout' && !program.done) ctx.fail('bind-error-ignored', { vars: { ms }, expected, actual: text('still running, bound to nothing', '아무 데도 바인딩하지 않은 채 실행 중') });
    const exit = await program.waitExit(1000);
    if (!exit) return; // bound (handled above) or still running (handled above)
    if (/Unhandled 'error' event/.test(program.stderr())) {
      ctx.fail('no-error-handler', {
        vars: { how: describeExit(exit) },
        expected: text("an 'error' listener that logs EADDRINUSE and sets a non-zero exit code", "EADDRINUSE를 기록하고 0이 아닌 종료 코드를 정하는 'error' 리스너"),
        actual: "Error: bind EADDRINUSE … Emitted 'error' event on Socket instance",
      });
    }
    if (exit.code === 0) ctx.fail('bind-error-exit-zero', { expected, actual: describeExit(exit) });
  } finally {
    holder.close();
  }
}

/** The source's language as the client: a Python or Java UDP client against the learner's server. */
export async function interopClient(ctx: Ctx, lang: 'python' | 'java'): Promise<void> {
  const server = await startUdpServer(ctx);
  const label = lang === 'python' ? text('Python client', 'Python 클라이언트') : text('Java client', 'Java 클라이언트');
  const env = { PORT: String(server.port) };
  const program = lang === 'python' ? ctx.startPython(path.join(INTEROP, 'udp_client.py'), { label, env }) : ctx.startJava(path.join(INTEROP, 'UdpClient.java'), { label, env });
  const exit = await program.waitExit(10000);
  const want = ['PONG 1 interop', '안녕 UDP'];
  const lines = () => program.stdout().replace(/\r\n/g, '\n').split('\n');
  // Its last output may still be in the pipe when the exit is reported.
  for (let i = 0; i < 10 && exit && want.some((w) => !lines().includes(w)); i++) await new Promise((r) => setTimeout(r, 50));
  const printed = program.stdout().replace(/\r\n/g, '\n');
  // The source's programs print more than the replies: each reply must be among their lines.
  if (!exit || exit.code !== 0 || want.some((w) => !printed.split('\n').includes(w))) {
    if (server.program.done) serverEnded(ctx, server);
    ctx.fail('interop-client-failed', {
      vars: { who: label, how: describeExit(exit ?? 'timeout', 10000) },
      expected: quoted(`${want.join('\n')}\n`),
      actual: printed ? quoted(printed, 200) : text('(nothing printed)', '(출력 없음)'),
    });
  }
}

// ───────────────────────────── generated exchanges ─────────────────────────────

/** How long a generated case waits for all its replies; a passing server needs milliseconds. */
const REPLY_MS = 2000;
/** After the last expected reply, how long extra replies (a split, a duplicate) may still come. */
const EXTRA_MS = 20;
const letter = (i: number) => 'ABC'[i]!;
/** The seq of a "PONG <seq> <token>" reply, as its digits (undefined when it is not one). */
const pongSeqOf = (b: Buffer) => /^PONG (\d+) /.exec(b.toString('utf8'))?.[1];

/**
 * A datagram in a report: short ones whole; long ones as their start … their end (where a size
 * edge case puts its "\n" or invalid byte), with the size.
 */
export function shownDatagram(bytes: Buffer): string {
  if (bytes.length === 0) return '"" (0 bytes)';
  if (bytes.length <= 48) return quoted(bytes);
  // Cut between characters, not inside one: a stray \xNN in the report then means a bad byte.
  let head = 24;
  while (head > 0 && (bytes[head]! & 0xc0) === 0x80) head--;
  let tail = bytes.length - 8;
  while (tail < bytes.length - 4 && (bytes[tail]! & 0xc0) === 0x80) tail++;
  return `"${visible(bytes.subarray(0, head)).text}…${visible(bytes.subarray(tail)).text}" (${bytes.length} bytes)`;
}

/** A case in words: `A: "PING 1 a" · B: "ECHO 한…" (1201 bytes)`. */
function describeUdpCase(c: UdpCase): Text {
  const order = sendersOf(c);
  const list = c.datagrams.map((d) => `${letter(order.indexOf(d.from))}: ${shownDatagram(d.bytes)}`).join(' · ');
  return fill(text('{list}, sent back to back', '{list}, 연달아 보냄'), { list });
}

/**
 * The reason for a request answered wrongly (`got`) or not at all (undefined). `earlier`: the
 * replies the same sender's earlier datagrams were owed, for a reply remembered from one of them.
 */
function generatedMiss(request: Buffer, got: Buffer | undefined, d: string, earlier: Buffer[] = []): Miss {
  const kind = kindOf(request);
  if (got && got.equals(Buffer.from(TOO_LARGE)) && kind !== 'too-large') return { reason: 'rejects-1200-bytes', vars: { d, n: request.length } };
  // A valid datagram that holds U+FFFD itself, refused as if it were invalid UTF-8.
  if (got && got.equals(Buffer.from(BAD)) && (kind === 'echo' || kind === 'ping') && request.toString('utf8').includes('\uFFFD')) {
    return { reason: 'refused-valid-utf8', vars: { d } };
  }
  // The PONG owed to an earlier PING of the same seq, sent again to this one (a reply cache).
  if (got && kind === 'ping' && !got.equals(answer(request)) && earlier.some((e) => e.equals(got) && pongSeqOf(e) === pongSeqOf(answer(request)))) {
    return { reason: 'remembered-reply', vars: { d, got: quoted(got, 80), want: quoted(answer(request), 80) } };
  }
  if (kind === 'too-large') return { reason: 'too-large-not-rejected', vars: { d, n: request.length } };
  if (!got) {
    if (kind === 'echo' || kind === 'ping') return { reason: 'no-reply', vars: { d, ms: REPLY_MS } };
    return { reason: 'bad-request-unanswered', vars: { d } };
  }
  switch (kind) {
    case 'echo':
      return { reason: 'echo-not-exact', vars: { d } };
    case 'ping':
      return { reason: 'wrong-reply', vars: { d, want: quoted(allowedReplies(request)[0]!) } };
    case 'invalid-utf8':
      return { reason: 'accepted-invalid-utf8', vars: { d } };
    default:
      return { reason: 'wrong-error-reply', vars: { d } };
  }
}

/**
 * One generated case against the running server: a new client socket per sender, every
 * datagram sent back to back, then each sender's replies held to the model. Replies are
 * matched to requests as a multiset per sender (so a reordering on the way is not a mistake);
 * what is left over is a wrong reply, a missing one or an extra one.
 */
async function runUdpCase(ctx: Ctx, udp: UdpPeerSet, server: StartedServer, c: UdpCase, transcript: (l: Text, r: Text) => Transcript): Promise<Mismatch | undefined> {
  const order = sendersOf(c);
  const peers = await Promise.all(order.map((_, i) => udp.client(server.port, transcript(who.client(letter(i)), who.server))));
  try {
    const sent = c.datagrams.map((d, index) => ({ index, sender: order.indexOf(d.from), bytes: d.bytes, want: allowedReplies(d.bytes) }));
    for (const d of sent) await peers[d.sender]!.send(d.bytes);
    const deadline = Date.now() + REPLY_MS;
    for (const [i, p] of peers.entries()) await p.waitReceived(sent.filter((d) => d.sender === i).length, Math.max(1, deadline - Date.now()));
    await new Promise((r) => setTimeout(r, EXTRA_MS));
    if (server.program.done) return endedFailure(ctx, server, shownDatagram(sent.at(-1)!.bytes));
    for (const p of peers) {
      const other = p.received.find((d) => d.from.port !== server.port);
      if (other) return fromAnotherPort(ctx, server, other.from.port);
    }
    // Per sender: match replies to requests; keep what is left on either side.
    const left = peers.map((p, i) => {
      const got = p.received.map((d) => d.bytes);
      const used = new Set<number>();
      const unanswered = sent.filter((d) => d.sender === i).filter((d) => {
        const k = got.findIndex((g, j) => !used.has(j) && d.want.some((w) => w.equals(g)));
        if (k === -1) return true;
        used.add(k);
        return false;
      });
      return { unanswered, extra: got.filter((_, j) => !used.has(j)) };
    });
    if (left.every((l) => l.unanswered.length === 0 && l.extra.length === 0)) return undefined;
    const expectedFor = (d: (typeof sent)[number]): Text | string =>
      d.want.length === 1 ? quoted(d.want[0]!, 80) : fill(text('{a} or {b}', '{a} 또는 {b}'), { a: quoted(d.want[0]!, 80), b: quoted(d.want[1]!, 80) });
    // A reply that one sender still waits for, delivered to another: replies follow a remembered address.
    for (const [i, l] of left.entries()) {
      for (const g of l.extra) {
        const owner = left.findIndex((o, j) => j !== i && o.unanswered.some((d) => d.want.some((w) => w.equals(g))));
        if (owner === -1 || l.unanswered.some((d) => d.want.some((w) => w.equals(g)))) continue;
        return ctx.mistake('reply-to-wrong-sender', {
          vars: { a: letter(i), b: letter(owner) },
          expected: fill(text('{r} to client {b}', '클라이언트 {b}에게 {r}'), { r: quoted(g, 80), b: letter(owner) }),
          actual: fill(text('{r} to client {a}', '클라이언트 {a}에게 {r}'), { r: quoted(g, 80), a: letter(i) }),
        });
      }
    }
    // The earliest request without its reply: paired with a wrong reply to the same sender, if any.
    const firsts = left
      .map((l, i) => ({ i, l, d: l.unanswered[0] }))
      .filter((x) => x.d)
      .sort((a, b) => a.d!.index - b.d!.index);
    if (firsts.length > 0) {
      const { i, l, d } = firsts[0]!;
      const got = l.extra[0];
      const n = sent.filter((s) => s.sender === i).indexOf(d!) + 1;
      const earlier = sent.filter((s) => s.sender === i && s.index < d!.index).flatMap((s) => s.want);
      const m = generatedMiss(d!.bytes, got, `${letter(i)}: ${shownDatagram(d!.bytes)}`, earlier);
      return ctx.mistake(m.reason, {
        vars: m.vars,
        expected: fill(text("{r} (the reply to client {a}'s datagram {n})", '{r} (클라이언트 {a}가 보낸 {n}번째 데이터그램에 대한 응답)'), { r: expectedFor(d!), a: letter(i), n }),
        actual: got ? quoted(got, 80) : text('nothing', '없음'),
      });
    }
    const i = left.findIndex((l) => l.extra.length > 0);
    return ctx.mistake('missing-replies', {
      vars: { who: who.client(letter(i)), n: sent.filter((s) => s.sender === i).length, m: peers[i]!.received.length },
      expected: fill(text('{n} reply datagrams', '응답 데이터그램 {n}개'), { n: sent.filter((s) => s.sender === i).length }),
      actual: fill(text('{n}, among them {r}', '{n}개, 그중 {r}'), { n: peers[i]!.received.length, r: quoted(left[i]!.extra[0]!, 80) }),
    });
  } finally {
    await Promise.all(peers.map((p) => p.close()));
  }
}

/** The model against the server on generated datagrams; the server started once for all cases. */
export async function generatedExchanges(ctx: Ctx, udp: UdpPeerSet): Promise<void> {
  const server = await startUdpServer(ctx);
  // Once the server has died every later case fails the same way: say so at once, not after a wait.
  let dead: Mismatch | undefined;
  await checkGenerated(ctx, {
    cases: udpCases,
    examples: cornerCases(),
    run: async (c, transcript) => {
      if (dead) return dead;
      const m = await runUdpCase(ctx, udp, server, c, transcript);
      if (m && server.program.done) dead = m;
      return m;
    },
    describe: describeUdpCase,
    runs: 30,
    ms: 5000,
  });
}

/**
 * Corners tried on every run: the limit exactly and ±1 in multibyte text, empty, PING with its
 * "\n"; seqs spelled with leading zeros and past a JS number, a seq sent again with a new token,
 * a valid U+FFFD.
 */
function cornerCases(): UdpCase[] {
  const b = (s: string) => Buffer.from(s);
  const hangul1200 = Buffer.from(`ECHO ${'한'.repeat(398)}x`); // 5 + 1194 + 1 = 1200
  const hangul1201 = Buffer.from(`ECHO ${'한'.repeat(398)}xx`);
  const emoji1199 = Buffer.from(`ECHO ${'😀'.repeat(298)}xx`); // 5 + 1192 + 2 = 1199
  return [
    { datagrams: [{ from: 0, bytes: hangul1200 }, { from: 1, bytes: hangul1201 }, { from: 0, bytes: emoji1199 }] },
    { datagrams: [{ from: 0, bytes: Buffer.alloc(0) }, { from: 1, bytes: b('ECHO ') }, { from: 0, bytes: b('PING 7 토큰😀\n') }, { from: 1, bytes: b('PING 7 a\n\n') }, { from: 2, bytes: b('ECHO e\u0301\r\n') }] },
    { datagrams: [{ from: 0, bytes: Buffer.concat([b(`ECHO ${'x'.repeat(1194)}`), Buffer.from([0xff])]) }, { from: 0, bytes: Buffer.concat([b(`ECHO ${'x'.repeat(1195)}`), Buffer.from([0xc3])]) }] },
    // The seq as it was spelled (leading zeros; 20 digits, past a JS number); the same seq again
    // from the same client with a fresh token; valid text holding U+FFFD (bytes EF BF BD).
    {
      datagrams: [
        { from: 0, bytes: b('PING 007 a1') },
        { from: 1, bytes: b('PING 12345678901234567890 z\uFFFD') },
        { from: 0, bytes: b('PING 007 b2') },
        { from: 1, bytes: b('ECHO \uFFFD ok') },
      ],
    },
  ];
}

export { BAD, TOO_LARGE };
