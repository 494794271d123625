/**
 * Lesson 09 — hidden checks for the UDP ping/echo server. The checker plays UDP clients on
 * 127.0.0.1 (each on its own ephemeral port), sends datagrams and holds every reply datagram
 * to the protocol: the right bytes, one reply per request, to the sender of that request, from
 * the server's own port. Bad input must be answered, not crash the server; a taken port must
 * make the server fail loudly instead of crashing with an unhandled 'error' or sharing it.
 */
import crypto from 'node:crypto';
import dgram from 'node:dgram';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkGenerated, type Mismatch } from '../../../src/checks/generate.ts';
import {
  defineScenarios,
  describeExit,
  fill,
  programFailure,
  quoted,
  text,
  visible,
  withUdpPeers,
  type FailureDetails,
  type ScenarioContext,
  type StartedServer,
  type Text,
  type Transcript,
  type UdpClientPeer,
  type UdpPeerSet,
} from '../../../src/checks/kit.ts';
import { allowedReplies, kindOf, sendersOf, udpCases, type UdpCase } from './model.ts';

const INTEROP = path.join(path.dirname(fileURLToPath(import.meta.url)), 'interop');
const BAD = 'ERR bad request';
const TOO_LARGE = 'ERR too large';

const who = {
  checker: text('checker (client)', '검사기 (클라이언트)'),
  client: (n: string) => text(`checker client ${n}`, `검사기 클라이언트 ${n}`),
  server: text('your server', '내 서버'),
};

const token = () => crypto.randomBytes(3).toString('hex');

/**
 * Starts the learner's server and waits for its UDP bind. A server that listens on TCP
 * instead (a habit from lessons 01–08) is told so at once, rather than after a 5 s wait.
 */
async function startUdpServer(ctx: ScenarioContext): Promise<StartedServer> {
  const pending = ctx.startServer({ proto: 'udp' });
  pending.catch(() => {}); // settled below, or abandoned when the TCP case fails first
  const program = ctx.programs.at(-1)!;
  const tcp = program.waitListening('tcp', 5000).then((r) => (typeof r === 'object' && 'proto' in r ? r : undefined));
  const first = await Promise.race([pending.then(() => 'udp' as const, () => 'udp' as const), tcp.then((r) => (r ? ('tcp' as const) : 'udp'))]);
  if (first === 'tcp' && !program.listens.some((l) => l.proto === 'udp')) {
    ctx.fail({
      reason: 'listens-on-tcp',
      summary: text('Your server listens on TCP, not UDP.', '서버가 UDP가 아니라 TCP로 listen합니다.'),
      expected: text('a UDP socket bound with dgram: socket.bind(PORT, HOST)', 'dgram으로 바인딩한 UDP 소켓: socket.bind(PORT, HOST)'),
      actual: text('net.createServer(…).listen(…): a TCP server', 'net.createServer(…).listen(…): TCP 서버'),
      cause: text(
        'A TCP port and a UDP port with the same number are different things: UDP datagrams never reach a TCP server.',
        '번호가 같아도 TCP 포트와 UDP 포트는 서로 다른 것입니다. UDP 데이터그램은 TCP 서버에 닿지 않습니다.',
      ),
      fix: text("import dgram from 'node:dgram'; const socket = dgram.createSocket('udp4'); socket.bind(PORT, HOST);", "import dgram from 'node:dgram'; const socket = dgram.createSocket('udp4'); socket.bind(PORT, HOST);"),
      section: 'the-exchange',
    });
  }
  return pending;
}

/** The server ended while it should be serving: a crash on what we just sent, or an exit. */
function serverEnded(ctx: ScenarioContext, server: StartedServer, badInput?: string): never {
  const exit = server.program.exitInfo!;
  if (badInput !== undefined && !/Unhandled 'error' event/.test(server.program.stderr())) {
    ctx.fail({
      reason: 'crashed-on-bad-input',
      summary: fill(text('Your server ended after the datagram {d}: {how}.', '데이터그램 {d}을(를) 받은 뒤 서버가 끝났습니다: {how}.'), {
        d: badInput,
        how: describeExit(exit),
      }),
      expected: quoted(BAD),
      actual: text('no reply, and the server process is gone', '응답이 없고 서버 프로세스도 사라짐'),
      cause: text(
        "Code like msg.toString().split(' ')[1].trim() throws on an empty or unexpected datagram, and an exception in the 'message' handler ends the whole server, for every client.",
        "msg.toString().split(' ')[1].trim() 같은 코드는 빈 데이터그램이나 뜻밖의 데이터에서 예외를 던집니다. 'message' 핸들러의 예외 하나가 모든 클라이언트의 서버 전체를 끝냅니다.",
      ),
      fix: text(
        "Check before you use: msg.length === 0, a TextDecoder('utf-8', { fatal: true }) inside try/catch, and a regular expression for PING; anything else gets 'ERR bad request'.",
        "쓰기 전에 확인하세요: msg.length === 0, try/catch 안의 TextDecoder('utf-8', { fatal: true }), PING에는 정규식. 나머지는 모두 'ERR bad request'로 답합니다.",
      ),
      section: 'bad-input',
    });
  }
  ctx.fail(programFailure('server.ts', exit, server.program, 'during-exchange'));
}

interface Ask {
  send: string | Buffer;
  /** How the request is shown in messages. */
  shown?: string;
  expect: string | Buffer;
  /** The reason when a different reply comes. */
  wrong: Pick<FailureDetails, 'reason' | 'summary' | 'cause' | 'fix' | 'section'>;
  /** The reason when no reply comes (the server still runs). */
  silent: Pick<FailureDetails, 'reason' | 'summary' | 'cause' | 'fix' | 'section'>;
  /** True when the request is bad input that a fragile server may crash on. */
  bad?: boolean;
}

/** Sends one datagram and holds the single reply to `a.expect`. */
async function ask(ctx: ScenarioContext, peer: UdpClientPeer, server: StartedServer, a: Ask): Promise<void> {
  const shown = a.shown ?? quoted(a.send);
  await peer.send(a.send);
  const r = await peer.receive(2000);
  if (!r.ok) {
    if (server.program.done || (await server.program.waitExit(200))) serverEnded(ctx, server, a.bad ? shown : undefined);
    ctx.fail({ ...a.silent, expected: quoted(a.expect), actual: fill(text('nothing within 2 s (sent {d})', '2초 동안 아무것도 오지 않음(보낸 것: {d})'), { d: shown }) });
  }
  expectFromServer(ctx, peer, server, r.datagram.from.port);
  if (!r.datagram.bytes.equals(Buffer.from(a.expect))) {
    ctx.fail({ ...a.wrong, expected: quoted(a.expect, 120), actual: quoted(r.datagram.bytes, 120) });
  }
}

/** Every reply must come from the port the server is bound to. */
function expectFromServer(ctx: ScenarioContext, peer: UdpClientPeer, server: StartedServer, port: number): void {
  if (port === server.port) return;
  ctx.fail(fromAnotherPort(server, port));
  void peer;
}

/** A reply that came from `port`, not from the server's own. */
function fromAnotherPort(server: StartedServer, port: number): FailureDetails {
  return {
    reason: 'reply-from-another-port',
    summary: fill(text('The reply came from port {p}, not from the server\'s port {s}.', '응답이 서버 포트 {s}가 아닌 포트 {p}에서 왔습니다.'), { p: port, s: server.port }),
    expected: fill(text('a reply from 127.0.0.1:{s}', '127.0.0.1:{s}에서 온 응답'), { s: server.port }),
    actual: fill(text('a reply from 127.0.0.1:{p}', '127.0.0.1:{p}에서 온 응답'), { p: port }),
    cause: text(
      'The reply was sent from a new socket (dgram.createSocket inside the handler), which gets its own random port. A careful client (lesson 10) drops replies that do not come from the server it asked.',
      '응답을 새 소켓(핸들러 안에서 dgram.createSocket)으로 보냈고, 새 소켓은 자기만의 임의 포트를 씁니다. 꼼꼼한 클라이언트(레슨 10)는 물어본 서버가 아닌 곳에서 온 응답을 버립니다.',
    ),
    fix: text('Reply with the bound socket itself: socket.send(reply, rinfo.port, rinfo.address).', '바인딩한 그 소켓으로 답하세요: socket.send(reply, rinfo.port, rinfo.address).'),
    section: 'reply-to-the-sender',
  };
}

const noReply = {
  reason: 'no-reply',
  summary: text('Your server did not reply within 2 s.', '서버가 2초 안에 응답하지 않았습니다.'),
  cause: text(
    "Either nothing was sent back, or it went to the wrong place: a reply to a fixed port (8080, or the server's own PORT) never reaches the client. Every datagram's rinfo says where its sender is.",
    '아무것도 보내지 않았거나 엉뚱한 곳으로 보냈습니다. 고정된 포트(8080이나 서버 자신의 PORT)로 보낸 응답은 클라이언트에 닿지 않습니다. 데이터그램마다 rinfo가 보낸 쪽의 위치를 알려 줍니다.',
  ),
  fix: text('socket.send(reply, rinfo.port, rinfo.address) inside the \'message\' handler.', "'message' 핸들러 안에서 socket.send(reply, rinfo.port, rinfo.address)."),
  section: 'reply-to-the-sender',
} as const;

const wrongReply = (what: Text) => ({
  reason: 'wrong-reply',
  summary: what,
  cause: text(
    'The reply datagram must be exactly these bytes: no newline at the end (a datagram needs no delimiter), same seq and token as the request.',
    '응답 데이터그램은 정확히 이 바이트여야 합니다. 끝에 줄바꿈도 붙이지 않고(데이터그램에는 구분자가 필요 없습니다), seq와 token은 요청과 같아야 합니다.',
  ),
  fix: text('For "PING <seq> <token>" send `PONG ${seq} ${token}`.', '"PING <seq> <token>"에는 `PONG ${seq} ${token}`을 보내세요.'),
  section: 'the-protocol',
});

/** When a plain PING gets no reply, a PING ending in \n tells a line-buffering server apart. */
async function probeNewline(ctx: ScenarioContext, peer: UdpClientPeer, server: StartedServer): Promise<void> {
  const t = token();
  await peer.send(`PING 2 ${t}\n`);
  const r = await peer.receive(1500, text('no reply to the probe either', '확인용 요청에도 응답 없음'));
  if (r.ok) {
    ctx.fail({
      reason: 'waits-for-newline',
      summary: text(
        'Your server answered only after a datagram ending in "\\n": it waits for a newline that datagrams do not need.',
        '서버가 "\\n"으로 끝나는 데이터그램을 받고서야 답했습니다. 데이터그램에는 필요 없는 줄바꿈을 기다립니다.',
      ),
      expected: text('"PONG 1 …" as soon as "PING 1 …" (no newline) arrives', '줄바꿈 없는 "PING 1 …"이 오자마자 "PONG 1 …"'),
      actual: fill(text('no reply to "PING 1 …"; after "PING 2 …\\n": {r}', '"PING 1 …"에는 응답 없음, "PING 2 …\\n" 뒤에: {r}'), { r: quoted(r.datagram.bytes) }),
      cause: text(
        "TCP habits: a buffer that collects text across 'message' events and splits it on '\\n'. UDP keeps message boundaries: one 'message' event is one whole datagram, the whole request.",
        "TCP 습관입니다. 'message' 이벤트들에 걸쳐 글자를 모아 '\\n'으로 자르는 버퍼 말이죠. UDP는 메시지 경계를 지킵니다. 'message' 이벤트 하나가 데이터그램 하나, 곧 요청 하나 전체입니다.",
      ),
      fix: text("Handle each msg on its own, right in the 'message' handler; keep nothing between datagrams.", "msg 하나하나를 'message' 핸들러 안에서 바로 처리하고, 데이터그램 사이에 아무것도 모아 두지 마세요."),
      section: 'boundaries',
    });
  }
  if (server.program.done) serverEnded(ctx, server);
}

/** One checker client, one PING; then the TCP demo: the port number is UDP's only. */
async function pingPong(ctx: ScenarioContext, udp: UdpPeerSet): Promise<void> {
  const server = await startUdpServer(ctx);
  const t = ctx.transcript(who.checker, who.server);
  const peer = await udp.client(server.port, t);
  const tok = token();
  await peer.send(`PING 1 ${tok}`);
  const r = await peer.receive(2000);
  if (!r.ok) {
    if (server.program.done) serverEnded(ctx, server);
    await probeNewline(ctx, peer, server);
    ctx.fail({ ...noReply, expected: quoted(`PONG 1 ${tok}`), actual: text('nothing within 2 s', '2초 동안 아무것도 오지 않음') });
  }
  expectFromServer(ctx, peer, server, r.datagram.from.port);
  const got = r.datagram.bytes.toString('utf8');
  if (got !== `PONG 1 ${tok}`) {
    ctx.fail({
      ...wrongReply(text('The reply to "PING 1 <token>" is not "PONG 1 <token>".', '"PING 1 <token>"에 대한 응답이 "PONG 1 <token>"이 아닙니다.')),
      expected: quoted(`PONG 1 ${tok}`),
      actual: quoted(r.datagram.bytes),
    });
  }
  // T6, a demonstration rather than a check: TCP to the same port number is refused.
  const refused = await new Promise<string>((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port: server.port });
    const timer = setTimeout(() => (s.destroy(), resolve('timeout')), 2000);
    s.once('connect', () => (clearTimeout(timer), s.destroy(), resolve('connected')));
    s.once('error', (e: NodeJS.ErrnoException) => (clearTimeout(timer), resolve(e.code ?? 'error')));
  });
  ctx.note(
    fill(text('A TCP connect to the same port number {p}: {r}. The port was bound for UDP only.', '같은 포트 번호 {p}로 TCP 접속: {r}. 이 포트는 UDP로만 바인딩되었습니다.'), {
      p: server.port,
      r: refused,
    }),
  );
}

/** T1: three clients on three ports, PINGs interleaved; each must get its own PONGs only. */
async function eachSender(ctx: ScenarioContext, udp: UdpPeerSet): Promise<void> {
  const server = await startUdpServer(ctx);
  const names = ['A', 'B', 'C'];
  const clients = await Promise.all(names.map(async (n) => ({ name: n, tok: `${n.toLowerCase()}${token()}`, peer: await udp.client(server.port, ctx.transcript(who.client(n), who.server)) })));
  // A asks first and gets its answer, so that A is "the first client"; then B and C join and
  // the three interleave their PINGs without waiting.
  const [a] = clients;
  await a!.peer.send(`PING 1 ${a!.tok}`);
  await a!.peer.waitReceived(1, 2000);
  for (const c of clients.slice(1)) await c.peer.send(`PING 1 ${c.tok}`);
  for (let round = 2; round <= 3; round++) {
    for (const c of clients) await c.peer.send(`PING ${round} ${c.tok}`);
  }
  const deadline = Date.now() + 2000;
  for (const c of clients) await c.peer.waitReceived(3, Math.max(1, deadline - Date.now()));
  await new Promise((r) => setTimeout(r, 200)); // a moment for replies that should not come
  if (server.program.done) serverEnded(ctx, server);
  for (const c of clients) {
    for (const d of c.peer.received) expectFromServer(ctx, c.peer, server, d.from.port);
  }
  const texts = (c: (typeof clients)[number]) => c.peer.received.map((d) => d.bytes.toString('utf8'));
  for (const c of clients) {
    const foreign = texts(c).find((s) => clients.some((o) => o !== c && s.includes(o.tok)));
    if (foreign) {
      const owner = clients.find((o) => foreign.includes(o.tok))!;
      ctx.fail({
        reason: 'reply-to-wrong-sender',
        summary: fill(text("Client {a} received a reply meant for client {b}.", '클라이언트 {a}가 클라이언트 {b}에게 갈 응답을 받았습니다.'), { a: c.name, b: owner.name }),
        expected: fill(text('replies carrying {a}\'s own token ({t})', '{a} 자신의 token({t})이 담긴 응답'), { a: c.name, t: c.tok }),
        actual: fill(text('{r}, sent to {a}\'s port', '{a}의 포트로 온 {r}'), { r: quoted(foreign), a: c.name }),
        cause: text(
          'The server replies to a remembered address (the first client\'s port, say, or the peer of socket.connect()) instead of the sender of each datagram. With UDP there is no connection to tie a reply to its client: rinfo is the only way to know.',
          '서버가 데이터그램마다 보낸 쪽이 아니라 기억해 둔 주소(첫 클라이언트의 포트나 socket.connect()로 연결한 상대 등)로 답합니다. UDP에는 응답을 클라이언트에 묶어 줄 연결이 없습니다. 아는 방법은 rinfo뿐입니다.',
        ),
        fix: text('Every datagram says who sent it: socket.send(reply, rinfo.port, rinfo.address).', '데이터그램마다 보낸 쪽이 적혀 있습니다: socket.send(reply, rinfo.port, rinfo.address).'),
        section: 'reply-to-the-sender',
      });
    }
  }
  const answered = clients.filter((c) => c.peer.received.length > 0);
  if (answered.length === 0) {
    ctx.fail({ ...noReply, expected: text('3 PONGs for each of A, B and C', 'A, B, C 각각 PONG 3개'), actual: text('nothing within 2 s', '2초 동안 아무것도 오지 않음') });
  }
  if (answered.length < clients.length) {
    const first = answered.map((c) => c.name).join(', ');
    const ignored = clients.filter((c) => !answered.includes(c)).map((c) => c.name).join(', ');
    ctx.fail({
      reason: 'ignores-other-senders',
      summary: fill(text('Only {a} got replies; {b} got nothing.', '{a}만 응답을 받았고 {b}는 아무것도 받지 못했습니다.'), { a: first, b: ignored }),
      expected: text('3 PONGs for each of A, B and C', 'A, B, C 각각 PONG 3개'),
      actual: text(clients.map((c) => `${c.name}: ${c.peer.received.length}`).join(', '), clients.map((c) => `${c.name}: ${c.peer.received.length}개`).join(', ')),
      cause: text(
        "socket.connect() to the first peer: after connect() the kernel delivers only that peer's datagrams and drops everyone else's. A filter on the first sender's address does the same.",
        'socket.connect()로 첫 상대에 연결했습니다. connect() 뒤에는 커널이 그 상대의 데이터그램만 전해 주고 나머지는 버립니다. 첫 송신자의 주소로 거르는 코드도 같은 결과를 냅니다.',
      ),
      fix: text('A server never calls socket.connect(): it answers every sender through rinfo.', '서버는 socket.connect()를 부르지 않습니다. rinfo로 모든 송신자에게 답합니다.'),
      section: 'connected-sockets',
    });
  }
  for (const c of clients) {
    const want = [1, 2, 3].map((r) => `PONG ${r} ${c.tok}`);
    const got = texts(c);
    if (want.some((w) => !got.includes(w)) || got.length !== 3) {
      ctx.fail({
        reason: 'missing-replies',
        summary: fill(text('Client {a} did not get exactly its 3 PONGs.', '클라이언트 {a}가 자기 PONG 3개를 정확히 받지 못했습니다.'), { a: c.name }),
        expected: quoted(want.join(' | ')),
        actual: got.length ? quoted(got.join(' | '), 160) : text('nothing', '없음'),
        cause: text('One request datagram, one reply datagram, whoever sent it and in whatever order requests interleave.', '누가 보냈든, 요청이 어떤 순서로 섞여 오든 요청 데이터그램 하나에 응답 데이터그램 하나입니다.'),
        section: 'reply-to-the-sender',
      });
    }
  }
}

/** T2: ten datagrams back to back, some with a newline inside: ten separate, exact replies. */
async function boundaries(ctx: ScenarioContext, udp: UdpPeerSet): Promise<void> {
  const server = await startUdpServer(ctx);
  const peer = await udp.client(server.port, ctx.transcript(who.checker, who.server));
  const tok = token();
  const requests: Array<{ send: string; expect: string }> = [];
  for (let i = 1; i <= 10; i++) {
    requests.push(i % 2 ? { send: `PING ${i} ${tok}`, expect: `PONG ${i} ${tok}` } : { send: `ECHO line ${i}\nstill ${i}`, expect: `line ${i}\nstill ${i}` });
  }
  await Promise.all(requests.map((r) => peer.send(r.send))); // back to back, no waiting
  await peer.waitReceived(10, 2500);
  await new Promise((r) => setTimeout(r, 200));
  if (server.program.done) serverEnded(ctx, server);
  const got = peer.received.map((d) => d.bytes.toString('utf8'));
  for (const d of peer.received) expectFromServer(ctx, peer, server, d.from.port);
  const want = requests.map((r) => r.expect);
  const sorted = (a: string[]) => [...a].sort().join('\u0000');
  if (sorted(got) === sorted(want)) return;
  const merged = got.find((g) => want.filter((w) => g.includes(w)).length > 1);
  const split = got.length > want.length || got.some((g) => /^(line|still) \d+$/.test(g));
  ctx.fail({
    reason: merged ? 'merged-datagrams' : split ? 'split-datagram' : got.length === 0 ? 'no-reply' : 'missing-replies',
    summary: fill(text('10 request datagrams got {n} reply datagrams, not the 10 expected.', '요청 데이터그램 10개에 응답 데이터그램이 10개가 아니라 {n}개 왔습니다.'), { n: got.length }),
    expected: quoted(want.join(' | '), 200),
    actual: got.length ? quoted(got.join(' | '), 200) : text('nothing within 2.5 s', '2.5초 동안 아무것도 오지 않음'),
    cause: merged
      ? text('Several requests were answered in one datagram: the server collects text across datagrams, as you would on a TCP stream.', '요청 여러 개를 데이터그램 하나로 답했습니다. TCP 스트림에서처럼 데이터그램들에 걸쳐 글자를 모으고 있습니다.')
      : split
        ? text('A datagram with a newline inside was answered in pieces: the server splits datagrams into lines. In UDP the datagram is the message; a newline inside it is just a byte.', '안에 줄바꿈이 있는 데이터그램을 조각조각 답했습니다. 서버가 데이터그램을 줄 단위로 자릅니다. UDP에서는 데이터그램이 곧 메시지이고, 그 안의 줄바꿈은 바이트 하나일 뿐입니다.')
        : text('One request datagram, one reply datagram: none may be skipped or merged.', '요청 데이터그램 하나에 응답 데이터그램 하나입니다. 건너뛰거나 합치면 안 됩니다.'),
    fix: text("Answer each msg in the 'message' handler on its own, with exactly one socket.send().", "'message' 핸들러에서 msg 하나하나에 socket.send() 한 번으로 답하세요."),
    section: 'boundaries',
  });
}

const echoNotExact = {
  reason: 'echo-not-exact',
  summary: text('The ECHO reply is not byte-for-byte what followed "ECHO ".', 'ECHO 응답이 "ECHO " 뒤의 바이트와 똑같지 않습니다.'),
  cause: text(
    'Something changed the bytes: trim(), a trailing "\\n" dropped from every datagram, a split on spaces or newlines that dropped parts, or a re-encoding. ECHO returns exactly msg.subarray(5).',
    'trim(), 모든 데이터그램에서 끝의 "\\n"을 떼는 코드, 공백이나 줄바꿈으로 자르다가 일부를 버린 코드, 다른 인코딩으로 바꾼 코드가 바이트를 바꿨습니다. ECHO는 정확히 msg.subarray(5)를 돌려줍니다.',
  ),
  fix: text('socket.send(msg.subarray(5), rinfo.port, rinfo.address)', 'socket.send(msg.subarray(5), rinfo.port, rinfo.address)'),
  section: 'the-protocol',
} as const;

/** Byte-exact ECHO (UTF-8, newlines, spaces) and the 1200-byte edge, which is allowed. */
async function echoExact(ctx: ScenarioContext, udp: UdpPeerSet): Promise<void> {
  const server = await startUdpServer(ctx);
  const peer = await udp.client(server.port, ctx.transcript(who.checker, who.server));
  // Edge spaces, a "\r\n" inside; then a final "\n", which is part of the text (only a PING may
  // end with one extra "\n", and nothing strips it from an ECHO).
  for (const payload of ['  안녕, 세계 🙂\r\n\ttabs and spaces  ', 'ends with a newline\n']) {
    await ask(ctx, peer, server, {
      send: `ECHO ${payload}`,
      expect: payload,
      wrong: echoNotExact,
      silent: { ...noReply, section: 'the-protocol' },
    });
  }
  // Exactly 1200 bytes is allowed: "ECHO " and 1195 bytes of UTF-8 (Korean is 3 bytes a character).
  const body = '가나다'.repeat(100) + 'x'.repeat(1195 - 900);
  const edge = Buffer.from(`ECHO ${body}`);
  await ask(ctx, peer, server, {
    send: edge,
    shown: '(1200 B: "ECHO 가나다…")',
    expect: body,
    wrong: {
      reason: 'rejects-1200-bytes',
      summary: text('A datagram of exactly 1200 bytes was not echoed.', '정확히 1200바이트인 데이터그램이 에코되지 않았습니다.'),
      cause: text(
        'The limit is "more than 1200 bytes" (msg.length > 1200): 1200 itself is allowed. Count bytes (msg.length), not characters (string length).',
        '한계는 "1200바이트 초과"(msg.length > 1200)입니다. 1200 자체는 허용됩니다. 글자 수(string length)가 아니라 바이트 수(msg.length)를 세세요.',
      ),
      fix: text('if (msg.length > 1200) → "ERR too large"', 'if (msg.length > 1200) → "ERR too large"'),
      section: 'size',
    },
    silent: { ...noReply, section: 'size' },
  });
}

const tooLargeCause = text(
  'Course policy: at most 1200 bytes per datagram, counted as msg.length before anything is decoded — not the decoded text\'s length (398 Hangul syllables are 1194 bytes but 398 characters), and not after dropping a final "\\n". Bigger datagrams may be fragmented or silently dropped on real networks (macOS refuses more than 9216 bytes by default), so the server refuses them before reading them.',
  '이 코스의 정책은 데이터그램 하나에 1200바이트까지이고, 아무것도 디코딩하기 전에 msg.length로 잽니다. 디코딩한 문자열의 길이가 아닙니다(한글 398자는 398글자지만 1194바이트입니다). 끝의 "\\n"을 뗀 뒤에 재는 것도 아닙니다. 더 크면 실제 네트워크에서 조각나거나 조용히 버려질 수 있고(macOS는 기본으로 9216바이트 넘는 것을 거부합니다), 그래서 서버는 내용을 읽기 전에 거절합니다.',
);

/** Bad input is answered, never fatal; afterwards the server still answers a PING. */
async function badInput(ctx: ScenarioContext, udp: UdpPeerSet, inputs: Array<{ send: Buffer; shown: string; expect: string }>): Promise<void> {
  const server = await startUdpServer(ctx);
  const peer = await udp.client(server.port, ctx.transcript(who.checker, who.server));
  for (const i of inputs) {
    const tooLarge = i.expect === TOO_LARGE;
    const utf8 = i.shown.includes('UTF-8');
    await ask(ctx, peer, server, {
      ...i,
      bad: true,
      wrong: tooLarge
        ? {
            reason: 'too-large-not-rejected',
            summary: text('A datagram over 1200 bytes was not answered with "ERR too large".', '1200바이트가 넘는 데이터그램에 "ERR too large"로 답하지 않았습니다.'),
            cause: tooLargeCause,
            fix: text("First line of the handler: if (msg.length > 1200) reply 'ERR too large'.", "핸들러 첫 줄에서: if (msg.length > 1200)이면 'ERR too large'로 답하세요."),
            section: 'size',
          }
        : {
            reason: utf8 ? 'accepted-invalid-utf8' : 'wrong-error-reply',
            summary: fill(text('The datagram {d} was not answered with "ERR bad request".', '데이터그램 {d}에 "ERR bad request"로 답하지 않았습니다.'), { d: i.shown }),
            cause: utf8
              ? text(
                  "msg.toString() quietly turns invalid UTF-8 into U+FFFD (�), so broken bytes pass for text. A decoder that refuses them tells you.",
                  'msg.toString()은 깨진 UTF-8을 조용히 U+FFFD(�)로 바꾸므로 깨진 바이트가 글자로 통과합니다. 거부하는 디코더를 써야 알 수 있습니다.',
                )
              : text('Empty datagrams, unknown verbs and malformed PINGs all get exactly "ERR bad request".', '빈 데이터그램, 모르는 명령, 형식이 틀린 PING에는 모두 정확히 "ERR bad request"로 답합니다.'),
            fix: utf8
              ? text("new TextDecoder('utf-8', { fatal: true }).decode(msg) inside try/catch: it throws on invalid UTF-8.", "try/catch 안에서 new TextDecoder('utf-8', { fatal: true }).decode(msg): 깨진 UTF-8이면 예외를 던집니다.")
              : text("reply 'ERR bad request' for anything that is not a well-formed PING or ECHO", "올바른 PING이나 ECHO가 아니면 모두 'ERR bad request'로 답하세요"),
            section: 'bad-input',
          },
      silent: {
        reason: tooLarge ? 'too-large-not-rejected' : 'bad-request-unanswered',
        summary: fill(text('The server stayed silent after the datagram {d}.', '데이터그램 {d}에 서버가 아무 답도 하지 않았습니다.'), { d: i.shown }),
        cause: text(
          'A client waiting for a reply cannot tell "ignored" from "lost": it retries and waits. The protocol answers every datagram, bad ones with an error.',
          "응답을 기다리는 클라이언트는 '무시됨'과 '잃어버림'을 구별할 수 없어 다시 보내고 또 기다립니다. 이 프로토콜은 모든 데이터그램에 답하고, 잘못된 것에는 오류로 답합니다.",
        ),
        fix: text("Reply 'ERR bad request' (or 'ERR too large') instead of returning early.", "일찍 return하지 말고 'ERR bad request'(또는 'ERR too large')로 답하세요."),
        section: tooLarge ? 'size' : 'bad-input',
      },
    });
  }
  const tok = token();
  await ask(ctx, peer, server, {
    send: `PING 7 ${tok}`,
    expect: `PONG 7 ${tok}`,
    wrong: wrongReply(text('After the bad datagrams, a PING got the wrong reply.', '잘못된 데이터그램들 뒤에 보낸 PING에 틀린 응답이 왔습니다.')),
    silent: { ...noReply, summary: text('After the bad datagrams, your server no longer answers a PING.', '잘못된 데이터그램들 뒤로 서버가 PING에 답하지 않습니다.'), section: 'bad-input' },
  });
}

/**
 * The port is taken (by a socket bound with reuseAddr, as a second copy of a server might be):
 * the learner's bind must fail, and the server must say so and exit non-zero, not crash with
 * an unhandled 'error' event and not quietly share the port.
 */
async function busyPort(ctx: ScenarioContext): Promise<void> {
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
    const bound = program.waitListening('udp', 3000).then((r) => (typeof r === 'object' && 'proto' in r ? ('bound' as const) : 'none'));
    // The 3 s timer is cleared as soon as the race is decided: left running, it would keep the
    // checker's own process alive for up to 3 s after its report.
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), 3000)));
    const first = await Promise.race([ended, bound, timeout]).finally(() => clearTimeout(timer));
    if (first === 'bound' || program.listens.some((l) => l.proto === 'udp')) {
      ctx.fail({
        reason: 'shares-busy-port',
        summary: fill(text('Your server bound UDP port {p} although another socket already held it.', '다른 소켓이 이미 쓰고 있는데도 서버가 UDP 포트 {p}에 바인딩했습니다.'), { p: port }),
        expected: text('bind fails with EADDRINUSE; the server reports it and exits with a non-zero code', 'bind가 EADDRINUSE로 실패하고, 서버가 이를 알린 뒤 0이 아닌 코드로 종료'),
        actual: text('bind succeeded: two sockets now share the port', 'bind 성공: 이제 두 소켓이 포트를 나눠 씀'),
        cause: text(
          'dgram.createSocket({ type: \'udp4\', reuseAddr: true }) lets several sockets bind one port. Multicast reaches them all, but each unicast datagram goes to only one of them (on Linux, the last to bind): your server and the old one would silently split the traffic.',
          "dgram.createSocket({ type: 'udp4', reuseAddr: true })는 여러 소켓이 한 포트에 바인딩하게 해 줍니다. 멀티캐스트는 모두에게 가지만 유니캐스트 데이터그램은 그중 하나에만 갑니다(리눅스에서는 마지막에 바인딩한 소켓). 내 서버와 예전 서버가 트래픽을 몰래 나눠 갖게 됩니다.",
        ),
        fix: text("Use dgram.createSocket('udp4') (reuseAddr off) for a unicast server, so a second copy fails loudly.", "유니캐스트 서버에는 dgram.createSocket('udp4')(reuseAddr 끔)를 쓰세요. 그래야 두 번째 복사본이 분명하게 실패합니다."),
        section: 'reuse-addr',
      });
    }
    if (first === 'timeout' && !program.done) {
      ctx.fail({
        reason: 'bind-error-ignored',
        summary: text('With its port taken, your server neither bound it nor exited within 3 s.', '포트가 이미 쓰이는 상황에서 서버가 3초 동안 바인딩하지도, 종료하지도 않았습니다.'),
        expected: text('an error message, then exit with a non-zero code', '오류 메시지를 낸 뒤 0이 아닌 코드로 종료'),
        actual: text('still running, bound to nothing', '아무 데도 바인딩하지 않은 채 실행 중'),
        cause: text(
          "The 'error' listener logs the problem but keeps the program alive (a timer, another socket), so it looks like a server that serves nothing.",
          "'error' 리스너가 문제를 기록하지만 프로그램은 (타이머나 다른 소켓 때문에) 살아 있습니다. 아무것도 받지 않는 서버처럼 보이게 됩니다.",
        ),
        fix: text("In the 'error' listener, before 'listening': process.exitCode = 1; socket.close();", "'listening' 전에 온 'error'라면 리스너에서: process.exitCode = 1; socket.close();"),
        section: 'errors',
      });
    }
    const exit = await program.waitExit(1000);
    if (!exit) return; // bound (handled above) or still running (handled above)
    if (/Unhandled 'error' event/.test(program.stderr())) {
      ctx.fail({
        reason: 'no-error-handler',
        summary: fill(text("With its port taken, your server crashed: an unhandled 'error' event ({how}).", "포트가 이미 쓰이는 상황에서 서버가 처리되지 않은 'error' 이벤트로 죽었습니다({how})."), { how: describeExit(exit) }),
        expected: text("an 'error' listener that logs EADDRINUSE and sets a non-zero exit code", "EADDRINUSE를 기록하고 0이 아닌 종료 코드를 정하는 'error' 리스너"),
        actual: text("Error: bind EADDRINUSE … Emitted 'error' event on Socket instance", "Error: bind EADDRINUSE … Emitted 'error' event on Socket instance"),
        cause: text(
          "A dgram socket reports bind and send failures as 'error' events. With no listener, Node turns the event into an exception and the process dies with a stack trace.",
          "dgram 소켓은 bind와 send 실패를 'error' 이벤트로 알립니다. 리스너가 없으면 Node가 이를 예외로 바꾸고 프로세스는 스택 트레이스를 남기고 죽습니다.",
        ),
        fix: text("socket.on('error', (err) => { console.error(err.code); if (!bound) { process.exitCode = 1; socket.close(); } })", "socket.on('error', (err) => { console.error(err.code); if (!bound) { process.exitCode = 1; socket.close(); } })"),
        section: 'errors',
      });
    }
    if (exit.code === 0) {
      ctx.fail({
        reason: 'bind-error-exit-zero',
        summary: text('With its port taken, your server ended with exit code 0, as if all went well.', '포트가 이미 쓰이는 상황에서 서버가 모든 게 잘된 것처럼 종료 코드 0으로 끝났습니다.'),
        expected: text('exit with a non-zero code (1), after an error message', '오류 메시지 뒤에 0이 아닌 코드(1)로 종료'),
        actual: describeExit(exit),
        cause: text(
          "A server that could not bind did not do its job; scripts and supervisors (systemd, Docker, CI) learn that only from the exit code. (The untouched starter ends here too: it never binds at all.)",
          '바인딩하지 못한 서버는 할 일을 못 한 것입니다. 스크립트와 감독 프로그램(systemd, Docker, CI)은 그 사실을 종료 코드로만 압니다. (손대지 않은 시작 파일도 여기서 실패합니다. 아예 바인딩을 하지 않으니까요.)',
        ),
        fix: text("In the 'error' listener, when the socket never bound: process.exitCode = 1; socket.close();", "소켓이 바인딩되지 못한 채 'error'가 오면 리스너에서: process.exitCode = 1; socket.close();"),
        section: 'errors',
      });
    }
  } finally {
    holder.close();
  }
}

/** The source's language as the client: a Python or Java UDP client against the learner's server. */
async function interopClient(ctx: ScenarioContext, lang: 'python' | 'java'): Promise<void> {
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
  if (!exit || exit.code !== 0 || want.some((w) => !printed.split('\n').includes(w))) {
    if (server.program.done) serverEnded(ctx, server);
    ctx.fail({
      reason: 'interop-client-failed',
      summary: fill(text('The {who} did not get the expected replies: {how}.', '{who}이(가) 기대한 응답을 받지 못했습니다: {how}.'), { who: label, how: describeExit(exit ?? 'timeout', 10000) }),
      expected: quoted(`${want.join('\n')}\n`),
      actual: printed ? quoted(printed, 200) : text('(nothing printed)', '(출력 없음)'),
      cause: text(
        'It sends "PING 1 interop" and "ECHO 안녕 UDP" with sendto() from its own port and waits 2 s for each reply with recvfrom(): the replies must go to that port.',
        '이 클라이언트는 자기 포트에서 sendto()로 "PING 1 interop"과 "ECHO 안녕 UDP"를 보내고 recvfrom()으로 각 응답을 2초 기다립니다. 응답은 그 포트로 가야 합니다.',
      ),
      section: 'three-languages',
    });
  }
}

/** How long a generated case waits for all its replies; a passing server needs milliseconds. */
const REPLY_MS = 2000;
/** After the last expected reply, how long extra replies (a split, a duplicate) may still come. */
const EXTRA_MS = 20;
const letter = (i: number) => 'ABC'[i]!;

/**
 * A datagram in a report: short ones whole; long ones as their start … their end (where a size
 * edge case puts its "\n" or invalid byte), with the size.
 */
function shownDatagram(bytes: Buffer): string {
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

/** The reason, cause and fix for a request answered wrongly (`got`) or not at all (undefined). */
function generatedMismatch(request: Buffer, got: Buffer | undefined): Omit<Mismatch, 'summary' | 'expected' | 'actual'> {
  const kind = kindOf(request);
  if (got && got.equals(Buffer.from(TOO_LARGE)) && kind !== 'too-large') {
    return {
      reason: 'rejects-1200-bytes',
      cause: text(
        `This datagram is ${request.length} bytes: at most 1200, so it is allowed. The limit is "more than 1200 bytes" (msg.length > 1200), counted in bytes as they came.`,
        `이 데이터그램은 ${request.length}바이트로 1200바이트 이하이므로 허용됩니다. 한계는 "1200바이트 초과"(msg.length > 1200)이고, 받은 그대로의 바이트 수로 잽니다.`,
      ),
      fix: text('if (msg.length > 1200) → "ERR too large"', 'if (msg.length > 1200) → "ERR too large"'),
      section: 'size',
    };
  }
  if (kind === 'too-large') {
    return { reason: 'too-large-not-rejected', cause: tooLargeCause, fix: text("First line of the handler: if (msg.length > 1200) reply 'ERR too large'.", "핸들러 첫 줄에서: if (msg.length > 1200)이면 'ERR too large'로 답하세요."), section: 'size' };
  }
  if (!got) {
    if (kind === 'echo' || kind === 'ping') return { reason: noReply.reason, cause: noReply.cause, fix: noReply.fix, section: 'the-protocol' };
    return {
      reason: 'bad-request-unanswered',
      cause: text(
        'A client waiting for a reply cannot tell "ignored" from "lost": it retries and waits. The protocol answers every datagram, bad ones with an error.',
        "응답을 기다리는 클라이언트는 '무시됨'과 '잃어버림'을 구별할 수 없어 다시 보내고 또 기다립니다. 이 프로토콜은 모든 데이터그램에 답하고, 잘못된 것에는 오류로 답합니다.",
      ),
      fix: text("Reply 'ERR bad request' instead of returning early.", "일찍 return하지 말고 'ERR bad request'로 답하세요."),
      section: 'bad-input',
    };
  }
  switch (kind) {
    case 'echo':
      return { reason: echoNotExact.reason, cause: echoNotExact.cause, fix: echoNotExact.fix, section: echoNotExact.section };
    case 'ping': {
      const w = wrongReply(text('', ''));
      return { reason: w.reason, cause: w.cause, fix: w.fix, section: w.section };
    }
    case 'invalid-utf8':
      return {
        reason: 'accepted-invalid-utf8',
        cause: text(
          "This datagram is not valid UTF-8. msg.toString() quietly turns invalid bytes into U+FFFD (�), so broken input passes for text; a decoder that refuses them tells you.",
          '이 데이터그램은 올바른 UTF-8이 아닙니다. msg.toString()은 깨진 바이트를 조용히 U+FFFD(�)로 바꾸므로 깨진 입력이 글자로 통과합니다. 거부하는 디코더를 써야 알 수 있습니다.',
        ),
        fix: text("new TextDecoder('utf-8', { fatal: true }).decode(msg) inside try/catch: it throws on invalid UTF-8.", "try/catch 안에서 new TextDecoder('utf-8', { fatal: true }).decode(msg): 깨진 UTF-8이면 예외를 던집니다."),
        section: 'bad-input',
      };
    default:
      return {
        reason: 'wrong-error-reply',
        cause: text(
          'The empty datagram, an unknown verb and a PING that does not match /^PING (\\d+) (\\S+)\\n?$/ (two "\\n", an extra field, a seq that is not digits) all get exactly "ERR bad request".',
          '빈 데이터그램, 모르는 명령, /^PING (\\d+) (\\S+)\\n?$/에 맞지 않는 PING("\\n" 두 개, 필드 하나 더, 숫자가 아닌 seq)에는 모두 정확히 "ERR bad request"로 답합니다.',
        ),
        fix: text("Check in the protocol's order and reply 'ERR bad request' for anything that is not a well-formed PING or ECHO.", "프로토콜의 순서대로 확인하고, 올바른 PING이나 ECHO가 아니면 모두 'ERR bad request'로 답하세요."),
        section: 'the-protocol',
      };
  }
}

/**
 * One generated case against the running server: a new client socket per sender, every
 * datagram sent back to back, then each sender's replies held to the model. Replies are
 * matched to requests as a multiset per sender (so a reordering on the way is not a mistake);
 * what is left over is a wrong reply, a missing one or an extra one.
 */
async function runUdpCase(udp: UdpPeerSet, server: StartedServer, c: UdpCase, transcript: (l: Text, r: Text) => Transcript): Promise<Mismatch | undefined> {
  const order = sendersOf(c);
  const peers = await Promise.all(order.map((_, i) => udp.client(server.port, transcript(who.client(letter(i)), who.server))));
  try {
    const sent = c.datagrams.map((d, index) => ({ index, sender: order.indexOf(d.from), bytes: d.bytes, want: allowedReplies(d.bytes) }));
    for (const d of sent) await peers[d.sender]!.send(d.bytes);
    const deadline = Date.now() + REPLY_MS;
    for (const [i, p] of peers.entries()) await p.waitReceived(sent.filter((d) => d.sender === i).length, Math.max(1, deadline - Date.now()));
    await new Promise((r) => setTimeout(r, EXTRA_MS));
    if (server.program.done) {
      const unhandled = /Unhandled 'error' event/.test(server.program.stderr());
      return {
        reason: unhandled ? 'no-error-handler' : 'crashed-on-bad-input',
        summary: fill(text('Your server ended during a generated exchange (below): {how}.', '만들어 낸 주고받기(아래) 도중에 서버가 끝났습니다: {how}.'), { how: describeExit(server.program.exitInfo!) }),
        expected: text('one reply per datagram, and the server keeps running', '데이터그램마다 응답 하나, 서버는 계속 실행'),
        actual: text('the server process is gone', '서버 프로세스가 사라짐'),
        cause: text(
          "Code like msg.toString().split(' ')[1].trim() throws on an empty or unexpected datagram, and an exception in the 'message' handler ends the whole server, for every client.",
          "msg.toString().split(' ')[1].trim() 같은 코드는 빈 데이터그램이나 뜻밖의 데이터에서 예외를 던집니다. 'message' 핸들러의 예외 하나가 모든 클라이언트의 서버 전체를 끝냅니다.",
        ),
        fix: text("Check before you use, in the protocol's order; anything else gets 'ERR bad request'.", "프로토콜의 순서대로, 쓰기 전에 확인하세요. 나머지는 모두 'ERR bad request'로 답합니다."),
        section: 'bad-input',
      };
    }
    for (const p of peers) {
      const other = p.received.find((d) => d.from.port !== server.port);
      if (other) return fromAnotherPort(server, other.from.port);
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
        return {
          reason: 'reply-to-wrong-sender',
          summary: fill(text('In a generated exchange (below), client {a} received a reply meant for client {b}.', '만들어 낸 주고받기(아래)에서 클라이언트 {a}가 클라이언트 {b}에게 갈 응답을 받았습니다.'), { a: letter(i), b: letter(owner) }),
          expected: fill(text('{r} to client {b}', '클라이언트 {b}에게 {r}'), { r: quoted(g, 80), b: letter(owner) }),
          actual: fill(text('{r} to client {a}', '클라이언트 {a}에게 {r}'), { r: quoted(g, 80), a: letter(i) }),
          cause: text(
            'The server replies to a remembered address (the first client\'s port, say) instead of the sender of each datagram. rinfo is the only way to know who sent this one.',
            '서버가 데이터그램마다 보낸 쪽이 아니라 기억해 둔 주소(첫 클라이언트의 포트 등)로 답합니다. 이 데이터그램을 누가 보냈는지 아는 방법은 rinfo뿐입니다.',
          ),
          fix: text('socket.send(reply, rinfo.port, rinfo.address) with the rinfo of this datagram.', '이 데이터그램의 rinfo로 socket.send(reply, rinfo.port, rinfo.address).'),
          section: 'reply-to-the-sender',
        };
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
      const m = generatedMismatch(d!.bytes, got);
      const n = sent.filter((s) => s.sender === i).indexOf(d!) + 1;
      return {
        ...m,
        summary: got
          ? fill(text('Client {a}\'s datagram {d} got a reply the protocol does not give, in a generated exchange (below).', '만들어 낸 주고받기(아래)에서 클라이언트 {a}의 데이터그램 {d}에 프로토콜과 다른 응답이 왔습니다.'), { a: letter(i), d: shownDatagram(d!.bytes) })
          : fill(text('Client {a}\'s datagram {d} got no reply within {ms} ms, in a generated exchange (below).', '만들어 낸 주고받기(아래)에서 클라이언트 {a}의 데이터그램 {d}에 {ms}ms 안에 응답이 오지 않았습니다.'), {
              a: letter(i),
              d: shownDatagram(d!.bytes),
              ms: REPLY_MS,
            }),
        expected: fill(text("{r} (the reply to client {a}'s datagram {n})", '{r} (클라이언트 {a}가 보낸 {n}번째 데이터그램에 대한 응답)'), { r: expectedFor(d!), a: letter(i), n }),
        actual: got ? quoted(got, 80) : text('nothing', '없음'),
      };
    }
    const i = left.findIndex((l) => l.extra.length > 0);
    return {
      reason: 'missing-replies',
      summary: fill(text('Client {a} got more replies than it sent datagrams, in a generated exchange (below).', '만들어 낸 주고받기(아래)에서 클라이언트 {a}가 보낸 데이터그램보다 많은 응답을 받았습니다.'), { a: letter(i) }),
      expected: fill(text('{n} reply datagrams', '응답 데이터그램 {n}개'), { n: sent.filter((s) => s.sender === i).length }),
      actual: fill(text('{n}, among them {r}', '{n}개, 그중 {r}'), { n: peers[i]!.received.length, r: quoted(left[i]!.extra[0]!, 80) }),
      cause: text('One request datagram, one reply datagram: never split one reply into several, and never send one twice.', '요청 데이터그램 하나에 응답 데이터그램 하나입니다. 응답 하나를 여러 개로 나누거나 두 번 보내면 안 됩니다.'),
      fix: text("Exactly one socket.send() per 'message', with the whole reply.", "'message' 하나에 socket.send() 한 번, 응답 전체를 담아서."),
      section: 'boundaries',
    };
  } finally {
    await Promise.all(peers.map((p) => p.close()));
  }
}

/** The model against the server on generated datagrams; the server started once for all cases. */
async function generatedExchanges(ctx: ScenarioContext, udp: UdpPeerSet): Promise<void> {
  const server = await startUdpServer(ctx);
  // Once the server has died every later case fails the same way: say so at once, not after a wait.
  let dead: Mismatch | undefined;
  await checkGenerated(ctx, {
    cases: udpCases,
    run: async (c, transcript) => {
      if (dead) return dead;
      const m = await runUdpCase(udp, server, c, transcript);
      if (m && server.program.done) dead = m;
      return m;
    },
    describe: describeUdpCase,
    runs: 30,
    ms: 5000,
  });
}

function scenario(id: string, title: Text, run: (ctx: ScenarioContext, udp: UdpPeerSet) => Promise<void>) {
  return { id, title, run: (ctx: ScenarioContext) => withUdpPeers((udp) => run(ctx, udp)) };
}

export default defineScenarios([
  scenario('ping-pong', text('"PING 1 <token>" → "PONG 1 <token>", from the server\'s port', '"PING 1 <token>" → 서버 포트에서 "PONG 1 <token>"'), pingPong),
  scenario('each-sender-gets-its-own-replies', text('three clients on three ports, PINGs interleaved: each gets only its own PONGs', '포트가 다른 클라이언트 셋이 PING을 섞어 보냄: 각자 자기 PONG만 받음'), eachSender),
  scenario('boundaries-kept', text('10 datagrams back to back (some with "\\n" inside) → 10 separate, exact replies', '데이터그램 10개를 연달아(일부는 안에 "\\n") → 따로따로 정확한 응답 10개'), boundaries),
  scenario('echo-byte-exact', text('ECHO is byte-exact (UTF-8, spaces, "\\r\\n", a final "\\n"); exactly 1200 bytes is allowed', 'ECHO는 바이트 그대로(UTF-8, 공백, "\\r\\n", 끝의 "\\n"), 정확히 1200바이트는 허용'), echoExact),
  scenario('empty-datagram', text('a 0-byte datagram → "ERR bad request", and the server keeps serving', '0바이트 데이터그램 → "ERR bad request", 서버는 계속 동작'), (ctx, udp) =>
    badInput(ctx, udp, [{ send: Buffer.alloc(0), shown: '(0 B)', expect: BAD }]),
  ),
  scenario('too-large', text('over 1200 bytes → "ERR too large": 1300 B, 1201 B of Korean (405 characters), 1201 B ending in "\\n", 1300 B of invalid UTF-8', '1200바이트 초과 → "ERR too large": 1300B, 한글 1201B(405글자), "\\n"으로 끝나는 1201B, 깨진 UTF-8 1300B'), (ctx, udp) =>
    badInput(ctx, udp, [
      { send: Buffer.from(`ECHO ${'x'.repeat(1295)}`), shown: '(1300 B: "ECHO xxx…")', expect: TOO_LARGE },
      // Bytes, not characters: 398 Hangul syllables are 1194 bytes but only 398 UTF-16 units.
      { send: Buffer.from(`ECHO ${'한'.repeat(398)}xx`), shown: '(1201 B, 405 characters: "ECHO 한한한…xx")', expect: TOO_LARGE },
      // The whole datagram counts, its last "\n" too.
      { send: Buffer.from(`ECHO ${'x'.repeat(1195)}\n`), shown: '(1201 B: "ECHO xxx…x\\n")', expect: TOO_LARGE },
      // Size first, before decoding: too large wins over invalid.
      { send: Buffer.concat([Buffer.from('ECHO '), Buffer.alloc(1295, 0xff)]), shown: '(1300 B: "ECHO " + FF FF FF…)', expect: TOO_LARGE },
    ]),
  ),
  scenario('garbage', text('bytes FF FE 00, unknown verbs, malformed PINGs, invalid UTF-8 after ECHO → "ERR bad request"', 'FF FE 00 바이트, 모르는 명령, 형식이 틀린 PING, ECHO 뒤의 깨진 UTF-8 → "ERR bad request"'), (ctx, udp) =>
    badInput(ctx, udp, [
      { send: Buffer.from([0xff, 0xfe, 0x00]), shown: 'FF FE 00', expect: BAD },
      { send: Buffer.from('HELLO'), shown: '"HELLO"', expect: BAD },
      { send: Buffer.from('PING'), shown: '"PING"', expect: BAD },
      { send: Buffer.from('PING one two'), shown: '"PING one two"', expect: BAD },
      { send: Buffer.concat([Buffer.from('ECHO '), Buffer.from([0xc3, 0x28, 0xff])]), shown: '"ECHO " + C3 28 FF (invalid UTF-8)', expect: BAD },
    ]),
  ),
  scenario('python-client', text("a Python UDP client (sendto/recvfrom) → your server", 'Python UDP 클라이언트(sendto/recvfrom) → 내 서버'), (ctx) => interopClient(ctx, 'python')),
  scenario('java-client', text('a Java UDP client (DatagramSocket) → your server', 'Java UDP 클라이언트(DatagramSocket) → 내 서버'), (ctx) => interopClient(ctx, 'java')),
  {
    id: 'generated-exchanges',
    title: text(
      'generated exchanges: the protocol model against your server (sizes at 1200 bytes ±1 with multibyte text, trailing newlines, invalid UTF-8, several clients)',
      '만들어 낸 주고받기: 프로토콜 모델과 내 서버를 비교(멀티바이트 글자로 1200바이트 ±1, 끝의 줄바꿈, 깨진 UTF-8, 여러 클라이언트)',
    ),
    limitMs: 20000,
    run: (ctx: ScenarioContext) => withUdpPeers((udp) => generatedExchanges(ctx, udp)),
  },
  {
    id: 'port-already-taken',
    title: text('the port is taken: bind fails, the server says so and exits non-zero (no crash, no sharing)', '포트가 이미 쓰임: bind 실패를 알리고 0이 아닌 코드로 종료(죽지도, 나눠 쓰지도 않음)'),
    run: busyPort,
  },
]);

