/**
 * Lesson 02 — hidden checks. A socket is IP address + port + protocol, and a connection has
 * two of them. The learner's server ("whoami") tells each client both ends of its connection
 * in one line, `you=ADDR:PORT me=ADDR:PORT tcp\n`, then closes it and keeps serving; if its
 * port is taken it says so in one line and exits 1. The learner's client connects to
 * HOST:PORT, prints the first line it receives and exits 0; 1 if it cannot connect (or the
 * server closes first), 2 if no reply comes within 3 s.
 *
 * The checker knows both ends of every connection it takes part in, so it can hold every
 * number in the line to the truth.
 */
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  acceptClient,
  describeExit,
  defineScenarios,
  fill,
  programFailure,
  quoted,
  text,
  type FailureDetails,
  type PeerSocket,
  type ScenarioContext,
  type Text,
} from '../../../src/checks/kit.ts';
import { PeerServer } from '../../../src/peers/tcp.ts';

type Program = ReturnType<ScenarioContext['startProgram']>;

/** Preset name lookup: 'localhost' → ::1, then 127.0.0.1 (see the file itself). */
const LOCALHOST_BOTH = pathToFileURL(path.join(path.dirname(fileURLToPath(import.meta.url)), 'localhost-both-families.mjs')).href;

const REPLY_LIMIT_S = 3;

const who = {
  checker: text('checker (client)', '검사기 (클라이언트)'),
  checkerServer: text('checker (server)', '검사기 (서버)'),
  server: text('your server', '내 서버'),
  client: text('your client', '내 클라이언트'),
};

// ─── small helpers ────────────────────────────────────────────────────────────────────

/** "127.0.0.1:8080", or "[::1]:8080" for an IPv6 address. */
function endpoint(address: string | undefined, port: number | undefined): string {
  const a = address ?? '?';
  return a.includes(':') ? `[${a}]:${port}` : `${a}:${port}`;
}

function linesOf(out: string): string[] {
  return out.replace(/\r\n/g, '\n').split('\n').map((l) => l.trimEnd());
}

const UNHANDLED = /Unhandled 'error' event/;
/** How Node ends a process on an uncaught error: the stack, then "Node.js v20.x.y". */
const CRASH = /Unhandled 'error' event|^Node\.js v\d+/m;
/** A stack frame line, as Node prints them: "    at fn (file:line:col)". */
const STACK = /^\s+at\s.+/m;

/** A port nobody listens on (taken from the OS, then released). */
function freePort(): Promise<number> {
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
function hasIpv6Loopback(): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(0, '::1', () => s.close(() => resolve(true)));
  });
}

async function requireIpv6(ctx: ScenarioContext): Promise<void> {
  if (!(await hasIpv6Loopback())) {
    ctx.skipScenario(text('This machine has no IPv6 loopback (::1), so this check is skipped.', '이 컴퓨터에는 IPv6 루프백(::1)이 없어 이 검사는 건너뜁니다.'));
  }
}

function printedOrNothing(out: string): Text | string {
  return out.trim() ? quoted(out, 200) : text('(nothing)', '(출력 없음)');
}

// ─── the server: one whoami line per connection ───────────────────────────────────────

/** The line the server must send to `peer` (the checker, connected to `host:port`). */
function expectedLineFor(peer: PeerSocket, host: string, port: number): { you: string; me: string; line: string } {
  const you = endpoint(peer.socket.localAddress, peer.socket.localPort);
  const me = endpoint(host, port);
  return { you, me, line: `you=${you} me=${me} tcp` };
}

/** Reads the server's line, holds every field to the truth, then expects its close (FIN). */
async function expectWhoami(ctx: ScenarioContext, peer: PeerSocket, host: string, port: number): Promise<void> {
  const { you, me, line: want } = expectedLineFor(peer, host, port);
  const expected = quoted(`${want}\n`);
  const got = await peer.readLine(2000);
  if (!got.ok) {
    const partial = got.partial.toString('utf8');
    if (partial) {
      ctx.fail({
        reason: 'line-without-newline',
        summary: text('Your server sent its line without a newline at the end.', '서버가 줄 끝에 줄바꿈 없이 보냈습니다.'),
        expected,
        actual: got.reason === 'closed' ? text(`${quoted(partial)}, then ${got.how.toUpperCase()}`, `${quoted(partial)} 다음 ${got.how.toUpperCase()}`) : quoted(partial),
        cause: text(
          "A line ends with '\\n'. A client that reads one line (yours, or Java's readLine()) cannot know the line is complete without it.",
          "줄은 '\\n'으로 끝납니다. 한 줄을 읽는 클라이언트(내 클라이언트나 Java의 readLine())는 줄바꿈이 없으면 줄이 끝났는지 알 수 없습니다.",
        ),
        fix: text('socket.end(`you=${you} me=${me} tcp\\n`)', 'socket.end(`you=${you} me=${me} tcp\\n`)'),
        section: 'the-exchange',
      });
    }
    ctx.fail({
      reason: 'server-no-line',
      summary:
        got.reason === 'closed'
          ? text('Your server closed the connection without sending a line.', '서버가 한 줄도 보내지 않고 연결을 닫았습니다.')
          : text('Your server sent nothing within 2 s of the connection.', '접속하고 2초가 지나도 서버가 아무것도 보내지 않았습니다.'),
      expected,
      actual: got.reason === 'closed' ? text(`nothing, then ${got.how.toUpperCase()}`, `아무것도 없이 ${got.how.toUpperCase()}`) : text('nothing', '아무것도 오지 않음'),
      cause: text(
        'The whoami server speaks first: the client sends nothing, so there is nothing to wait for. Write the line as soon as the connection is accepted.',
        'whoami 서버는 먼저 말합니다. 클라이언트는 아무것도 보내지 않으니 기다릴 것이 없습니다. 연결을 받자마자 줄을 쓰세요.',
      ),
      fix: text(
        'In the function given to net.createServer: socket.end(`you=… me=… tcp\\n`).',
        'net.createServer에 넘긴 함수 안에서: socket.end(`you=… me=… tcp\\n`).',
      ),
      section: 'the-exchange',
    });
  }
  const line = got.value.toString('utf8').replace(/\r$/, '');
  const actual = quoted(`${line}\n`);
  const m = /^you=(\S+) me=(\S+) (\S+)$/.exec(line);
  if (!m) {
    ctx.fail({
      reason: 'bad-line-format',
      summary: text('The line is not of the form "you=ADDRESS:PORT me=ADDRESS:PORT tcp".', '줄이 "you=주소:포트 me=주소:포트 tcp" 형식이 아닙니다.'),
      expected,
      actual,
      cause: text('Three fields separated by single spaces: you=…, me=…, and the protocol.', '필드 세 개를 공백 하나로 구분합니다: you=…, me=…, 그리고 프로토콜.'),
      fix: text('socket.end(`you=${you} me=${me} tcp\\n`)', 'socket.end(`you=${you} me=${me} tcp\\n`)'),
      section: 'the-exchange',
    });
  }
  const [, gotYou, gotMe, proto] = m as unknown as [string, string, string, string];
  if (gotYou === me && gotMe === you) {
    ctx.fail({
      reason: 'endpoints-swapped',
      summary: text('you= and me= are swapped.', 'you=와 me=가 서로 바뀌었습니다.'),
      expected,
      actual,
      cause: text(
        "On the server's socket, remoteAddress/remotePort are the other end (the client: you=), and localAddress/localPort are the server's own end (me=).",
        '서버 쪽 소켓에서 remoteAddress/remotePort는 상대편 끝(클라이언트: you=)이고, localAddress/localPort는 서버 자신의 끝(me=)입니다.',
      ),
      fix: text('you = socket.remoteAddress:socket.remotePort, me = socket.localAddress:socket.localPort.', 'you = socket.remoteAddress:socket.remotePort, me = socket.localAddress:socket.localPort.'),
      section: 'addresses-and-ports',
    });
  }
  if (host.includes(':') && (/^[^[].*:.*:/.test(gotYou) || /^[^[].*:.*:/.test(gotMe))) {
    ctx.fail({
      reason: 'ipv6-without-brackets',
      summary: text('An IPv6 address is written without brackets.', 'IPv6 주소를 대괄호 없이 썼습니다.'),
      expected,
      actual,
      cause: text(
        'An IPv6 address has colons of its own: in "::1:41003" nobody can tell where the address ends and the port begins. URLs and most tools write [::1]:41003.',
        'IPv6 주소에는 자체 콜론이 있어서 "::1:41003"만 봐서는 주소가 어디서 끝나고 포트가 어디서 시작하는지 알 수 없습니다. URL과 대부분의 도구는 [::1]:41003으로 씁니다.',
      ),
      fix: text('Put brackets around an address that contains ":" — address.includes(\':\') ? `[${address}]:${port}` : `${address}:${port}`.', "주소에 ':'가 있으면 대괄호로 감싸세요: address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`."),
      section: 'localhost-and-ipv6',
    });
  }
  if (gotMe !== me) {
    const zero = /:0$/.test(gotMe);
    ctx.fail({
      reason: zero ? 'me-port-is-zero' : 'wrong-server-endpoint',
      summary: zero
        ? text('me= says port 0: that is the PORT you asked for, not the port you got.', 'me=의 포트가 0입니다. 요청한 PORT이지, 실제로 받은 포트가 아닙니다.')
        : fill(text("me= is not your server's end of this connection ({me}).", 'me=가 이 연결에서 서버 쪽 끝({me})이 아닙니다.'), { me }),
      expected,
      actual,
      cause: zero
        ? text(
            'The checker starts your server with PORT=0, which asks the operating system to choose a free port. The variable still says 0; the real port is known only once the server is listening.',
            '검사기는 서버를 PORT=0으로 실행합니다. 0은 운영체제에게 빈 포트를 골라 달라는 뜻입니다. 변수는 여전히 0이고, 실제 포트는 서버가 listen을 시작한 뒤에야 알 수 있습니다.',
          )
        : text(
            "me= is the address and port the client reached: the server's side of the connection.",
            'me=는 클라이언트가 접속한 주소와 포트, 즉 연결의 서버 쪽 끝입니다.',
          ),
      fix: text(
        "Use socket.localAddress and socket.localPort (or server.address() after 'listening').",
        "socket.localAddress와 socket.localPort를 쓰세요('listening' 이후라면 server.address()도 됩니다).",
      ),
      section: zero ? 'listen-0-and-address' : 'addresses-and-ports',
    });
  }
  if (gotYou !== you) {
    ctx.fail({
      reason: 'wrong-client-endpoint',
      summary: fill(text("you= is not the client's end of this connection ({you}).", 'you=가 이 연결에서 클라이언트 쪽 끝({you})이 아닙니다.'), { you }),
      expected,
      actual,
      cause: text(
        "The client's port was chosen by the client's operating system when it connected; only the accepted socket knows it.",
        '클라이언트의 포트는 접속할 때 클라이언트 쪽 운영체제가 고른 것이라, 받아들인 소켓만 알고 있습니다.',
      ),
      fix: text('you = socket.remoteAddress:socket.remotePort, read from the socket of this connection.', 'you = 이 연결의 소켓에서 읽은 socket.remoteAddress:socket.remotePort.'),
      section: 'addresses-and-ports',
    });
  }
  if (proto !== 'tcp') {
    ctx.fail({
      reason: 'wrong-protocol',
      summary: text('The last field should name the protocol: tcp.', '마지막 필드는 프로토콜 이름 tcp여야 합니다.'),
      expected,
      actual,
      cause: text(
        'A socket is IP address + port + protocol: the same address and port over UDP would be a different socket.',
        '소켓 = IP 주소 + 포트 번호 + 통신 방식입니다. 같은 주소와 포트라도 UDP라면 다른 소켓입니다.',
      ),
      section: 'the-exchange',
    });
  }
  const closed = await peer.waitClosed(2000);
  if (closed === 'timeout') {
    ctx.fail({
      reason: 'server-kept-connection-open',
      summary: text('Your server sent the line but did not close the connection.', '서버가 줄을 보냈지만 연결을 닫지 않았습니다.'),
      expected: text(`${expected}, then FIN`, `${expected} 다음 FIN`),
      actual: text(`${actual}, and the connection stayed open for 2 s`, `${actual}, 그리고 2초 동안 연결이 열려 있음`),
      cause: text(
        'One line and the conversation is over. A client that reads until the close (like the source\'s Python recv loop, or nc) would wait forever.',
        '한 줄이면 대화가 끝납니다. 연결이 닫힐 때까지 읽는 클라이언트(원문의 Python recv 반복이나 nc)는 영원히 기다리게 됩니다.',
      ),
      fix: text('socket.end(line) writes the line, then sends FIN.', 'socket.end(line)은 줄을 쓴 뒤 FIN을 보냅니다.'),
      section: 'the-exchange',
    });
  }
}

/** The checker connects; a refused connection or an exited server means it stopped serving. */
async function connectAgain(ctx: ScenarioContext, program: Program, port: number, nth: number): Promise<PeerSocket> {
  const t = ctx.transcript(fill(text('checker (client {n})', '검사기 (클라이언트 {n})'), { n: nth }), who.server);
  const stopped = (how: Text | string): never =>
    ctx.fail({
      reason: 'server-stopped-serving',
      summary: fill(text('Connection {n} was refused: your server stopped serving after the first ones.', '{n}번째 연결이 거부되었습니다. 서버가 앞의 연결을 처리한 뒤 서비스를 멈췄습니다.'), { n: nth }),
      expected: text('a new connection, and its own line', '새 연결과 그 연결의 줄'),
      actual: how,
      cause: text(
        "A whoami service keeps serving until it is stopped. Closing the listening socket (server.close(), as lesson 01's one-shot server did) or exiting ends it.",
        'whoami 서비스는 멈추라고 할 때까지 계속 서비스합니다. 리스닝 소켓을 닫거나(레슨 01의 한 번만 쓰는 서버처럼 server.close()) 프로세스가 끝나면 서비스도 끝납니다.',
      ),
      fix: text('Do not call server.close() or process.exit() after a client; only end() that client\'s socket.', '클라이언트를 처리한 뒤 server.close()나 process.exit()를 호출하지 말고, 그 클라이언트의 소켓만 end()하세요.'),
      section: 'the-exchange',
    });
  if (program.exitInfo) stopped(describeExit(program.exitInfo));
  try {
    return await ctx.connect(port, t);
  } catch (err) {
    const details = (err as { details?: FailureDetails }).details;
    if (details?.reason === 'connect-failed') stopped(program.exitInfo ? describeExit(program.exitInfo) : details.summary);
    throw err;
  }
}

// ─── the client: one line, then close ─────────────────────────────────────────────────

/** The checker as a server, with the learner's client connected to it. */
async function clientConnected(ctx: ScenarioContext): Promise<{ peer: PeerSocket; client: Program }> {
  const t = ctx.transcript(who.client, who.checkerServer);
  const server = await ctx.listenPeer(t);
  const client = ctx.startClient({ port: server.port });
  const peer = await acceptClient(ctx, server, client);
  return { peer, client };
}

/** The whoami line the checker, as a server, sends to the client on `peer`. */
function checkerLine(peer: PeerSocket): string {
  return `you=${endpoint(peer.socket.remoteAddress, peer.socket.remotePort)} me=${endpoint(peer.socket.localAddress, peer.socket.localPort)} tcp`;
}

/** The telling lines of a crash or a printed error: the 'Unhandled' line and the Error line. */
function errorLines(stderr: string): string {
  const lines = stderr.split('\n');
  const telling = lines.filter((l) => /Unhandled 'error' event|^\s*(\w*Error)\b|\bE[A-Z]{4,}\b/.test(l) && !/^\s+at\s/.test(l));
  return (telling.length > 0 ? telling.slice(0, 3) : lines.slice(0, 4)).join('\n');
}

function crashed(stderr: string): boolean {
  return CRASH.test(stderr);
}

/**
 * The client must print `line` on a line of its own and exit 0 within `ms`. `keptOpen`:
 * the checker did not close after the line, so a client that waits for the close hangs.
 */
async function expectClientPrinted(ctx: ScenarioContext, client: Program, line: string, o: { keptOpen: boolean; ms?: number }): Promise<void> {
  const ms = o.ms ?? 4000;
  const sent = Date.now();
  const run = await ctx.finishClient(client, ms);
  const elapsed = Date.now() - sent;
  const printed = linesOf(run.stdout).includes(line);
  const expected = quoted(`${line}\n`);
  const keepsOpen = (how: Text): never =>
    ctx.fail({
      reason: 'client-keeps-socket-open',
      summary: fill(text('Your client printed the line but did not end: {how}.', '클라이언트가 줄을 출력했지만 끝나지 않았습니다: {how}.'), { how }),
      expected: text(`${expected} on stdout, then exit code 0`, `표준 출력에 ${expected}, 그리고 종료 코드 0`),
      actual: quoted(run.stdout, 200),
      cause: text(
        'Node exits only when nothing is left to wait for. Your socket is still open, so the process waits for more data that will never come.',
        'Node는 기다릴 것이 하나도 남지 않아야 끝납니다. 소켓이 아직 열려 있어서, 오지 않을 데이터를 계속 기다립니다.',
      ),
      fix: text('Once the line is printed, close the socket: socket.destroy() (or socket.end()).', '줄을 출력했으면 소켓을 닫으세요: socket.destroy()(또는 socket.end()).'),
      section: 'when-node-exits',
    });
  const waitsForClose = (how: Text): never =>
    ctx.fail({
      reason: 'client-waits-for-close',
      summary: fill(text('The line arrived, but your client printed nothing: {how}.', '줄이 도착했는데 클라이언트가 아무것도 출력하지 않았습니다: {how}.'), { how }),
      expected: text(`${expected} on stdout as soon as the '\\n' arrives`, `'\\n'이 도착하자마자 표준 출력에 ${expected}`),
      actual: printedOrNothing(run.stdout),
      cause: text(
        "Your client seems to wait for the server to close ('end') before printing. This server keeps the connection open after its line: the line already ended at '\\n'.",
        "클라이언트가 서버가 닫기('end')를 기다렸다가 출력하는 것 같습니다. 이 서버는 줄을 보낸 뒤에도 연결을 열어 둡니다. 줄은 이미 '\\n'에서 끝났습니다.",
      ),
      fix: text("In 'data', add the chunk to a buffer; when the buffer holds a '\\n', print what comes before it and close.", "'data'에서 덩어리를 버퍼에 더하고, 버퍼에 '\\n'이 생기면 그 앞까지를 출력한 뒤 닫으세요."),
      section: 'reading-one-line',
    });
  if (run.exit === 'timeout') {
    const how = describeExit('timeout', ms);
    if (printed) keepsOpen(how);
    if (o.keptOpen) waitsForClose(how);
    ctx.fail({
      reason: 'client-did-not-finish',
      summary: fill(text('The line arrived and the server closed, but your client printed nothing and was {how}.', '줄이 도착하고 서버가 연결을 닫았는데도 클라이언트가 아무것도 출력하지 않았습니다: {how}.'), { how }),
      expected: text(`${expected} on stdout, then exit code 0`, `표준 출력에 ${expected}, 그리고 종료 코드 0`),
      actual: printedOrNothing(run.stdout),
      cause: text("Something keeps the process alive (a timer, an interval, an open handle) and the line was never printed: is your 'data' listener attached?", "무언가(타이머, 인터벌, 열린 핸들)가 프로세스를 살려 두고 있고 줄은 출력되지 않았습니다. 'data' 리스너가 붙어 있나요?"),
      section: 'reading-one-line',
    });
  }
  if (run.exit.code !== 0) {
    if (crashed(run.stderr) || run.exit.code !== 2) ctx.fail(programFailure('client.ts', run.exit, client, 'during-exchange'));
    // exit code 2: the client's own "no reply" path. Long after the line: it waited for
    // something else (the close) until its timeout fired; at once: its timeout is far too short.
    if (printed) keepsOpen(describeExit(run.exit));
    if (o.keptOpen && elapsed >= 2000) waitsForClose(describeExit(run.exit));
    ctx.fail({
      reason: 'timeout-too-early',
      summary: text('Your client exited with code 2 ("no reply") although the server replied at once.', '서버가 곧바로 답했는데도 클라이언트가 종료 코드 2("응답 없음")로 끝났습니다.'),
      expected: text(`${expected} on stdout, then exit code 0`, `표준 출력에 ${expected}, 그리고 종료 코드 0`),
      actual: printedOrNothing(run.stdout),
      cause: text(
        "socket.setTimeout takes milliseconds. setTimeout(3) gives up after 3 ms; Python's settimeout(3) means 3 seconds.",
        'socket.setTimeout은 밀리초 단위입니다. setTimeout(3)은 3ms 만에 포기합니다. Python의 settimeout(3)은 3초이지만요.',
      ),
      fix: text('socket.setTimeout(3000)', 'socket.setTimeout(3000)'),
      section: 'timeouts',
    });
  }
  if (printed) return;
  const out = run.stdout.replace(/\r?\n$/, '');
  if (out.includes('\uFFFD')) {
    ctx.fail({
      reason: 'client-broken-utf8',
      summary: text('Your client printed U+FFFD (�): a character cut between two chunks was decoded in halves.', '클라이언트가 U+FFFD(�)를 출력했습니다. 두 덩어리에 걸쳐 잘린 글자를 반쪽씩 디코딩했습니다.'),
      expected,
      actual: quoted(run.stdout, 200),
      cause: text(
        "A Korean syllable is 3 bytes in UTF-8, and the checker cut one between two 'data' chunks. chunk.toString() on each chunk turns each half into '�'.",
        "한글 한 글자는 UTF-8로 3바이트이고, 검사기는 그 한 글자를 'data' 덩어리 두 개로 나눠 보냈습니다. 덩어리마다 chunk.toString()을 하면 반쪽마다 '�'가 됩니다.",
      ),
      fix: text(
        "Call socket.setEncoding('utf8') once: 'data' then gives strings, and a cut character waits for its last byte. (Or collect Buffers and decode the whole line once.)",
        "socket.setEncoding('utf8')을 한 번 호출하세요. 그러면 'data'가 문자열을 주고, 잘린 글자는 마지막 바이트가 올 때까지 기다립니다. (또는 Buffer를 모았다가 줄 전체를 한 번에 디코딩하세요.)",
      ),
      section: 'reading-one-line',
    });
  }
  if (out.trim() && line.startsWith(out.trim())) {
    ctx.fail({
      reason: 'client-printed-partial-line',
      summary: text('Your client printed only the first part of the line.', '클라이언트가 줄의 앞부분만 출력했습니다.'),
      expected,
      actual: quoted(run.stdout, 200),
      cause: text(
        "A 'data' event is a chunk of the byte stream, not a line: the line came in pieces, and your client printed the first one.",
        "'data' 이벤트는 줄이 아니라 바이트 스트림의 한 덩어리입니다. 줄이 여러 조각으로 왔는데 클라이언트가 첫 조각만 출력했습니다.",
      ),
      fix: text("Collect chunks until one of them brings a '\\n'; print up to it.", "'\\n'이 올 때까지 덩어리를 모으고, 그 앞까지를 출력하세요."),
      section: 'reading-one-line',
    });
  }
  ctx.fail({
    reason: 'client-wrong-output',
    summary: text('Your client did not print the line it received.', '클라이언트가 받은 줄을 출력하지 않았습니다.'),
    expected,
    actual: printedOrNothing(run.stdout),
    cause: text(
      "stdout carries only the answer: the line, without its '\\n', on a line of its own (console.log adds one). Logs go to stderr (console.error).",
      "표준 출력에는 답만 씁니다. 받은 줄을 '\\n' 없이 한 줄로(console.log가 줄바꿈을 붙입니다). 로그는 표준 에러(console.error)로 보내세요.",
    ),
    fix: text("console.log(buffered.slice(0, buffered.indexOf('\\n')))", "console.log(buffered.slice(0, buffered.indexOf('\\n')))"),
    section: 'reading-one-line',
  });
}

/** Nothing listens on the port: exit 1, with ECONNREFUSED on stderr and no stack trace. */
async function expectRefused(ctx: ScenarioContext, client: Program, where: string, aggregate: boolean): Promise<void> {
  const run = await ctx.finishClient(client, 5000);
  const expected = text('exit code 1, and a message naming ECONNREFUSED on stderr', '종료 코드 1, 그리고 표준 에러에 ECONNREFUSED가 들어간 메시지');
  if (run.exit === 'timeout') {
    ctx.fail({
      reason: 'refused-still-running',
      summary: fill(text('Nothing listens on {where}, yet your client was still running after 5 s.', '{where}에서 listen하는 것이 없는데도 5초 뒤에 클라이언트가 실행 중이었습니다.'), { where }),
      expected,
      actual: printedOrNothing(run.stderr),
      cause: text(
        "After a failed connect the socket is closed; something else keeps the process alive (a timer or an interval, a retry loop).",
        '접속에 실패하면 소켓은 닫힙니다. 다른 무언가(타이머, 인터벌, 재시도 반복)가 프로세스를 살려 두고 있습니다.',
      ),
      fix: text("In socket.on('error', …): print err.code, set process.exitCode = 1, and clear your timers.", "socket.on('error', …)에서 err.code를 출력하고 process.exitCode = 1로 정한 뒤 타이머를 정리하세요."),
      section: 'when-connecting-fails',
    });
  }
  if (crashed(run.stderr)) {
    ctx.fail({
      reason: 'client-crashed-on-refused',
      summary: fill(text('Your client crashed when the connection to {where} was refused.', '{where} 접속이 거부되자 클라이언트가 비정상 종료했습니다.'), { where }),
      expected,
      actual: quoted(errorLines(run.stderr), 300),
      cause: text(
        "A socket reports a failed connect with an 'error' event. With no 'error' listener, Node ends the whole process with a stack trace.",
        "소켓은 접속 실패를 'error' 이벤트로 알립니다. 'error' 리스너가 없으면 Node는 스택 트레이스와 함께 프로세스 전체를 끝냅니다.",
      ),
      fix: text(
        "socket.on('error', (err: NodeJS.ErrnoException) => { console.error(`cannot connect: ${err.code}`); process.exitCode = 1; })",
        "socket.on('error', (err: NodeJS.ErrnoException) => { console.error(`접속 실패: ${err.code}`); process.exitCode = 1; })",
      ),
      section: 'when-connecting-fails',
    });
  }
  if (STACK.test(run.stderr)) {
    ctx.fail({
      reason: 'printed-stack-trace',
      summary: text('Your client printed a stack trace for an expected error.', '클라이언트가 예상된 오류에 스택 트레이스를 출력했습니다.'),
      expected: text('one clear line, e.g. "cannot connect to 127.0.0.1:8080: ECONNREFUSED"', '알아보기 쉬운 한 줄, 예: "cannot connect to 127.0.0.1:8080: ECONNREFUSED"'),
      actual: quoted(errorLines(run.stderr), 300),
      cause: text(
        'console.error(err) prints the whole error object, stack included. A refused connection is not a bug in your program: the user needs one line saying what happened.',
        'console.error(err)는 스택까지 포함한 오류 객체 전체를 출력합니다. 접속 거부는 프로그램의 버그가 아니니, 사용자에게는 무슨 일인지 알려 주는 한 줄이면 됩니다.',
      ),
      fix: text('console.error(`cannot connect to ${HOST}:${PORT}: ${err.code}`)', 'console.error(`${HOST}:${PORT} 접속 실패: ${err.code}`)'),
      section: 'when-connecting-fails',
    });
  }
  if (run.exit.code !== 1) {
    ctx.fail({
      reason: 'refused-exit-code',
      summary: fill(text('Nothing listens on {where}; your client {how}, not with code 1.', '{where}에서 listen하는 것이 없는데 클라이언트가 종료 코드 1로 끝나지 않았습니다: {how}.'), { where, how: describeExit(run.exit) }),
      expected,
      actual: describeExit(run.exit),
      cause: text(
        'The exit code is how a script (or the checker) learns that the client failed: 0 means "I printed the answer". Catching the error is not enough; say it failed.',
        '종료 코드는 스크립트(나 검사기)가 클라이언트의 실패를 아는 방법입니다. 0은 "답을 출력했다"는 뜻입니다. 오류를 잡는 것만으로는 부족하고, 실패했다고 알려야 합니다.',
      ),
      fix: text("In the 'error' listener: process.exitCode = 1;", "'error' 리스너에서: process.exitCode = 1;"),
      section: 'when-connecting-fails',
    });
  }
  if (!/ECONNREFUSED/.test(run.stderr)) {
    const onStdout = /ECONNREFUSED/.test(run.stdout);
    ctx.fail({
      reason: onStdout ? 'error-on-stdout' : 'refused-message-without-code',
      summary: onStdout
        ? text('Your client reported the error on stdout instead of stderr.', '클라이언트가 오류를 표준 에러가 아니라 표준 출력에 썼습니다.')
        : text('Your client exited 1, but its message does not say ECONNREFUSED.', '클라이언트가 코드 1로 끝났지만 메시지에 ECONNREFUSED가 없습니다.'),
      expected,
      actual: onStdout ? text(`stdout: ${quoted(run.stdout, 200)}`, `표준 출력: ${quoted(run.stdout, 200)}`) : text(`stderr: ${run.stderr ? quoted(run.stderr, 200) : '(nothing)'}`, `표준 에러: ${run.stderr ? quoted(run.stderr, 200) : '(없음)'}`),
      cause: onStdout
        ? text(
            'stdout is for the answer only: a script that runs your client reads stdout as the line. Errors go to stderr.',
            '표준 출력은 답만을 위한 곳입니다. 클라이언트를 실행하는 스크립트는 표준 출력을 받은 줄로 읽습니다. 오류는 표준 에러로 보내세요.',
          )
        : aggregate
          ? text(
              "Here 'localhost' means two addresses, ::1 and 127.0.0.1, and Node tried both. When both fail, err is an AggregateError whose message is empty, but whose code is ECONNREFUSED. Printing err.message prints nothing useful.",
              "여기서 'localhost'는 ::1과 127.0.0.1 두 주소를 뜻하고, Node는 둘 다 시도했습니다. 둘 다 실패하면 err는 message가 빈 AggregateError이지만 code는 ECONNREFUSED입니다. err.message를 출력하면 쓸모 있는 내용이 없습니다.",
            )
          : text('The code (ECONNREFUSED: nothing listens there) is what tells a user what to fix.', '코드(ECONNREFUSED: 그곳에서 listen하는 것이 없음)가 사용자에게 무엇을 고칠지 알려 줍니다.'),
      fix: onStdout ? text('console.error(…) instead of console.log(…)', 'console.log(…) 대신 console.error(…)') : text('Print err.code: console.error(`cannot connect to ${HOST}:${PORT}: ${err.code}`)', 'err.code를 출력하세요: console.error(`${HOST}:${PORT} 접속 실패: ${err.code}`)'),
      section: 'when-connecting-fails',
    });
  }
}

// ─── the scenarios ────────────────────────────────────────────────────────────────────

export default defineScenarios([
  {
    id: 'server-tells-both-ends',
    title: text('server: one connection → "you=<client end> me=<server end> tcp\\n", then close', '서버: 연결 하나 → "you=<클라이언트 끝> me=<서버 끝> tcp\\n" 후 종료'),
    async run(ctx: ScenarioContext) {
      const server = await ctx.startServer();
      const t = ctx.transcript(who.checker, who.server);
      const peer = await ctx.connect(server.port, t);
      await expectWhoami(ctx, peer, '127.0.0.1', server.port);
    },
  },
  {
    id: 'server-keeps-serving',
    title: text('server: keeps serving: one client, then two at once, each gets its own line', '서버: 계속 서비스: 클라이언트 하나, 이어서 둘이 동시에, 각자 자기 줄을 받음'),
    async run(ctx: ScenarioContext) {
      const server = await ctx.startServer();
      const first = await connectAgain(ctx, server.program, server.port, 1);
      await expectWhoami(ctx, first, '127.0.0.1', server.port);
      const second = await connectAgain(ctx, server.program, server.port, 2);
      const third = await connectAgain(ctx, server.program, server.port, 3);
      await expectWhoami(ctx, second, '127.0.0.1', server.port);
      await expectWhoami(ctx, third, '127.0.0.1', server.port);
      const exit = await server.program.waitExit(300);
      if (exit) {
        ctx.fail({
          reason: 'server-stopped-serving',
          summary: fill(text('Your server {how} after serving three clients.', '서버가 클라이언트 셋을 처리한 뒤 끝났습니다: {how}.'), { how: describeExit(exit) }),
          expected: text('still running, ready for the next client', '다음 클라이언트를 받을 수 있게 계속 실행 중'),
          actual: describeExit(exit),
          cause: text('A service runs until someone stops it (Ctrl-C); it never exits on its own after a client.', '서비스는 누군가 멈출 때까지(Ctrl-C) 실행됩니다. 클라이언트를 처리했다고 스스로 끝나지 않습니다.'),
          fix: text('Remove process.exit() and server.close() from the connection handler.', '연결 핸들러에서 process.exit()와 server.close()를 지우세요.'),
          section: 'the-exchange',
        });
      }
    },
  },
  {
    id: 'server-on-ipv6',
    title: text('server: HOST=::1 (IPv6 loopback) → "you=[::1]:… me=[::1]:… tcp\\n"', '서버: HOST=::1(IPv6 루프백) → "you=[::1]:… me=[::1]:… tcp\\n"'),
    async run(ctx: ScenarioContext) {
      await requireIpv6(ctx);
      const server = await ctx.startServer({ host: '::1' });
      const t = ctx.transcript(who.checker, who.server);
      const peer = await ctx.connect(server.port, t, '::1');
      await expectWhoami(ctx, peer, '::1', server.port);
    },
  },
  {
    id: 'server-port-in-use',
    title: text('server: its PORT is taken → one clear line on stderr naming the port, exit code 1', '서버: PORT가 이미 사용 중 → 표준 에러에 포트를 밝힌 한 줄, 종료 코드 1'),
    async run(ctx: ScenarioContext) {
      // The checker takes a port first, then starts the learner's server on it.
      const blocker = net.createServer();
      await new Promise<void>((resolve, reject) => {
        blocker.once('error', reject);
        blocker.listen(0, '127.0.0.1', () => resolve());
      });
      try {
        const port = (blocker.address() as net.AddressInfo).port;
        ctx.note(fill(text('Before starting your server, the checker itself listened on 127.0.0.1:{port}, then ran it with PORT={port}.', '검사기가 먼저 127.0.0.1:{port}에서 listen한 다음, 서버를 PORT={port} 설정으로 실행했습니다.'), { port }));
        const program = ctx.startProgram('server.ts', { label: who.server, env: { HOST: '127.0.0.1', PORT: String(port) } });
        const exit = await program.waitExit(5000);
        const expected = fill(text('one line on stderr naming port {port}, then exit code 1', '표준 에러에 포트 번호({port})를 밝힌 한 줄, 그리고 종료 코드 1'), { port });
        if (!exit) {
          const elsewhere = program.listens.find((l) => l.proto === 'tcp');
          ctx.fail({
            reason: 'in-use-keeps-running',
            summary: fill(text('Port {port} was taken, yet your server was still running after 5 s.', '포트 {port}번이 이미 사용 중인데도 5초 뒤에 서버가 실행 중이었습니다.'), { port }),
            expected,
            actual: elsewhere
              ? fill(text('it listened on {at} instead', '대신 {at}에서 listen함'), { at: endpoint(elsewhere.address, elsewhere.port) })
              : text('still running, not listening anywhere', '어디에서도 listen하지 않은 채 실행 중'),
            cause: elsewhere
              ? text('Falling back to another port hides the problem: clients look for the server on the port they were told.', '다른 포트로 바꿔 listen하면 문제가 가려집니다. 클라이언트는 안내받은 포트에서 서버를 찾습니다.')
              : text('A server that cannot listen has nothing to do. Something (a timer, a retry loop) keeps the process alive.', 'listen하지 못한 서버는 할 일이 없습니다. 무언가(타이머, 재시도 반복)가 프로세스를 살려 두고 있습니다.'),
            fix: text("In server.on('error', …): print one line and set process.exitCode = 1; nothing else keeps the process alive, so it ends.", "server.on('error', …)에서 한 줄을 출력하고 process.exitCode = 1로 정하세요. 프로세스를 붙잡는 것이 없으니 그대로 끝납니다."),
            section: 'port-in-use',
          });
        }
        const stderr = program.stderr();
        if (crashed(stderr)) {
          ctx.fail({
            reason: 'in-use-crash',
            summary: UNHANDLED.test(stderr)
              ? fill(text("Your server crashed with \"Unhandled 'error' event\" when port {port} was taken.", "포트 {port}번이 이미 사용 중이라 서버가 \"Unhandled 'error' event\"로 비정상 종료했습니다."), { port })
              : fill(text('Your server crashed with an uncaught error when port {port} was taken.', '포트 {port}번이 이미 사용 중이라 서버가 잡히지 않은 오류로 비정상 종료했습니다.'), { port }),
            expected,
            actual: quoted(errorLines(stderr), 300),
            cause: text(
              "listen() does not throw when the port is taken: the server emits 'error' (EADDRINUSE). With no listener, Node ends the process with a stack trace that tells the user little.",
              "포트가 사용 중이어도 listen()은 예외를 던지지 않고, 서버가 'error'(EADDRINUSE)를 내보냅니다. 리스너가 없으면 Node가 사용자에게 별 도움이 안 되는 스택 트레이스와 함께 프로세스를 끝냅니다.",
            ),
            fix: text(
              "server.on('error', (err: NodeJS.ErrnoException) => { console.error(`port ${PORT} is already in use (${err.code})`); process.exitCode = 1; })",
              "server.on('error', (err: NodeJS.ErrnoException) => { console.error(`포트 ${PORT}는 이미 사용 중입니다(${err.code})`); process.exitCode = 1; })",
            ),
            section: 'port-in-use',
          });
        }
        if (exit.code !== 1) {
          ctx.fail({
            reason: 'in-use-exit-code',
            summary: fill(text('Port {port} was taken; your server {how}, not with code 1.', '포트 {port}번이 사용 중이었는데 서버가 종료 코드 1로 끝나지 않았습니다: {how}.'), { port, how: describeExit(exit) }),
            expected,
            actual: describeExit(exit),
            cause: text(
              'When the listen fails nothing is left to keep the process alive, so it ends by itself: with code 0 ("all went well") unless you say otherwise. Scripts and service managers read the exit code.',
              'listen에 실패하면 프로세스를 붙잡는 것이 없어 저절로 끝납니다. 따로 정하지 않으면 코드 0("모두 잘 됨")으로요. 스크립트와 서비스 관리자는 종료 코드를 봅니다.',
            ),
            fix: text("In server.on('error', …): process.exitCode = 1;", "server.on('error', …)에서: process.exitCode = 1;"),
            section: 'port-in-use',
          });
        }
        if (STACK.test(stderr)) {
          ctx.fail({
            reason: 'printed-stack-trace',
            summary: text('Your server printed a stack trace for a taken port.', '서버가 사용 중인 포트 때문에 스택 트레이스를 출력했습니다.'),
            expected,
            actual: quoted(errorLines(stderr), 300),
            cause: text(
              'console.error(err) (or throw err) prints the whole error, stack included. A taken port is not a bug in your program: the user needs one line saying which port and what to do.',
              'console.error(err)(나 throw err)는 스택까지 오류 전체를 출력합니다. 포트가 사용 중인 것은 프로그램의 버그가 아니니, 사용자에게는 어느 포트인지와 무엇을 할지 알려 주는 한 줄이면 됩니다.',
            ),
            fix: text('console.error(`port ${PORT} on ${HOST} is already in use (${err.code})`)', 'console.error(`${HOST}의 포트 ${PORT}는 이미 사용 중입니다(${err.code})`)'),
            section: 'port-in-use',
          });
        }
        if (!stderr.includes(String(port))) {
          const onStdout = program.stdout().includes(String(port));
          ctx.fail({
            reason: 'in-use-message',
            summary: onStdout
              ? text('Your server reported the taken port on stdout instead of stderr.', '서버가 사용 중인 포트를 표준 에러가 아니라 표준 출력에 알렸습니다.')
              : fill(text('Your server exited 1, but its message on stderr does not name port {port}.', '서버가 코드 1로 끝났지만 표준 에러의 메시지에 포트 번호({port})가 없습니다.'), { port }),
            expected,
            actual: text(`stderr: ${stderr ? quoted(stderr, 200) : '(nothing)'}`, `표준 에러: ${stderr ? quoted(stderr, 200) : '(없음)'}`),
            cause: onStdout
              ? text('Errors go to stderr (console.error), so they show even when stdout is redirected to a log.', '오류는 표준 에러(console.error)로 보내야 표준 출력을 로그로 돌려도 보입니다.')
              : text('"Address in use" alone leaves the user guessing which port to free or change.', '"주소 사용 중"만으로는 어느 포트를 비우거나 바꿔야 할지 알 수 없습니다.'),
            fix: text('console.error(`port ${PORT} on ${HOST} is already in use (${err.code})`)', 'console.error(`${HOST}의 포트 ${PORT}는 이미 사용 중입니다(${err.code})`)'),
            section: 'port-in-use',
          });
        }
      } finally {
        await new Promise<void>((resolve) => blocker.close(() => resolve()));
      }
    },
  },
  {
    id: 'client-prints-the-line',
    title: text('client: the server sends one line and closes → the line on stdout, exit 0', '클라이언트: 서버가 한 줄을 보내고 닫음 → 표준 출력에 그 줄, 종료 코드 0'),
    async run(ctx: ScenarioContext) {
      const { peer, client } = await clientConnected(ctx);
      const line = checkerLine(peer);
      await peer.send(`${line}\n`);
      peer.halfClose();
      await expectClientPrinted(ctx, client, line, { keptOpen: false });
    },
  },
  {
    id: 'client-line-in-pieces',
    title: text('client: a Korean line in three pieces, cut inside characters', '클라이언트: 한글 줄이 세 조각으로, 글자 중간에서 잘려 도착'),
    async run(ctx: ScenarioContext) {
      const { peer, client } = await clientConnected(ctx);
      const line = `안녕하세요, ${endpoint(peer.socket.remoteAddress, peer.socket.remotePort)} 님! 여기는 ${endpoint(peer.socket.localAddress, peer.socket.localPort)} 입니다`;
      const bytes = Buffer.from(`${line}\n`);
      // Cut inside '녕' (bytes 3–5) and inside '님' (3 bytes each).
      const nim = bytes.indexOf(Buffer.from('님'));
      await peer.sendSplitAt(bytes, [4, nim + 2], 150);
      peer.halfClose();
      await expectClientPrinted(ctx, client, line, { keptOpen: false });
    },
  },
  {
    id: 'client-line-then-silence',
    title: text('client: the server sends its line and keeps the connection open → print and exit anyway', '클라이언트: 서버가 줄을 보내고 연결을 열어 둠 → 그래도 출력하고 종료'),
    timing: true,
    async run(ctx: ScenarioContext) {
      const { peer, client } = await clientConnected(ctx);
      const line = checkerLine(peer);
      await peer.send(`${line}\n`);
      // Like a real server, close our side once the client has closed its own.
      void peer.waitClosed(6000).then((how) => {
        if (how === 'fin') peer.halfClose();
      });
      await expectClientPrinted(ctx, client, line, { keptOpen: true });
    },
  },
  {
    id: 'client-closed-before-line',
    title: text('client: the server closes without sending anything → exit code 1', '클라이언트: 서버가 아무것도 보내지 않고 닫음 → 종료 코드 1'),
    async run(ctx: ScenarioContext) {
      const { peer, client } = await clientConnected(ctx);
      peer.halfClose();
      const run = await ctx.finishClient(client, 5000);
      if (run.exit !== 'timeout' && run.exit.code === 1) return;
      if (run.exit !== 'timeout' && crashed(run.stderr)) ctx.fail(programFailure('client.ts', run.exit, client, 'during-exchange'));
      ctx.fail({
        reason: 'client-ignores-early-close',
        summary: fill(text('The server closed before sending a line; your client {how}.', '서버가 줄을 보내기 전에 닫았는데 클라이언트가 종료 코드 1로 끝나지 않았습니다: {how}.'), { how: describeExit(run.exit, 5000) }),
        expected: text('exit code 1 (and a message on stderr)', '종료 코드 1(과 표준 에러의 메시지)'),
        actual: describeExit(run.exit, 5000),
        cause: text(
          "'end' means the server has nothing more to send. Without a line that is a failure, and code 0 would tell a script \"here is your answer\" with nothing printed.",
          "'end'는 서버가 더 보낼 것이 없다는 뜻입니다. 줄을 받지 못했다면 실패이고, 코드 0은 아무것도 출력하지 않았는데 스크립트에게 \"답이 여기 있다\"고 말하는 셈입니다.",
        ),
        fix: text("socket.on('end', () => { if (!gotLine) { console.error('closed before a whole line'); process.exitCode = 1; } })", "socket.on('end', () => { if (!gotLine) { console.error('줄을 받기 전에 닫힘'); process.exitCode = 1; } })"),
        section: 'when-connecting-fails',
      });
    },
  },
  {
    id: 'client-no-reply',
    title: text('client: the server accepts but never replies → exit code 2 after about 3 s', '클라이언트: 서버가 받기만 하고 답하지 않음 → 약 3초 뒤 종료 코드 2'),
    timing: true,
    limitMs: 16000,
    async run(ctx: ScenarioContext) {
      const { client } = await clientConnected(ctx);
      const accepted = Date.now();
      const limit = 9000;
      // What the client printed in its first 1.5 s, to tell later whether its timeout fired.
      await client.waitExit(1500);
      const early = client.allOutput().length;
      const run = await ctx.finishClient(client, limit - 1500);
      const elapsed = Date.now() - accepted;
      const expected = text(`exit code 2 about ${REPLY_LIMIT_S} s after connecting`, `접속하고 약 ${REPLY_LIMIT_S}초 뒤 종료 코드 2`);
      if (run.exit === 'timeout') {
        // It printed something after the first 1.5 s: its 'timeout' handler ran, yet it kept waiting.
        const notified = client.allOutput().length > early;
        ctx.fail({
          reason: notified ? 'timeout-did-not-close' : 'client-no-timeout',
          summary: notified
            ? fill(text('Your client noticed the silence but kept waiting: {how}.', '클라이언트가 응답 없음을 알아챘지만 계속 기다렸습니다: {how}.'), { how: describeExit('timeout', limit) })
            : fill(text('The server never replied, and your client waited forever: {how}.', '서버가 답하지 않았고 클라이언트는 계속 기다렸습니다: {how}.'), { how: describeExit('timeout', limit) }),
          expected,
          actual: describeExit('timeout', limit),
          cause: notified
            ? text(
                "socket.setTimeout only notifies: the 'timeout' event fires, but the connection stays open and keeps the process alive.",
                "socket.setTimeout은 알려 주기만 합니다. 'timeout' 이벤트는 발생하지만 연결은 열린 채로 남아 프로세스를 살려 둡니다.",
              )
            : text('A server that accepts and never speaks would hang your client forever; give up after 3 s.', '받기만 하고 말이 없는 서버 앞에서 클라이언트가 영원히 멈춥니다. 3초 뒤에 포기하세요.'),
          fix: text(
            "socket.setTimeout(3000); socket.on('timeout', () => { console.error('no reply within 3 s'); process.exitCode = 2; socket.destroy(); })",
            "socket.setTimeout(3000); socket.on('timeout', () => { console.error('3초 안에 응답 없음'); process.exitCode = 2; socket.destroy(); })",
          ),
          section: 'timeouts',
        });
      }
      if (run.exit.code !== 2 && crashed(run.stderr)) ctx.fail(programFailure('client.ts', run.exit, client, 'during-exchange'));
      if (run.exit.code !== 2) {
        ctx.fail({
          reason: 'no-reply-exit-code',
          summary: fill(text('No reply came; your client {how}, not with code 2.', '응답이 오지 않았는데 클라이언트가 종료 코드 2로 끝나지 않았습니다: {how}.'), { how: describeExit(run.exit) }),
          expected,
          actual: describeExit(run.exit),
          cause: text(
            'Exit codes tell "could not connect" (1) from "connected, but no reply" (2): a script can retry the first and report the second.',
            '종료 코드로 "접속 실패"(1)와 "접속했지만 응답 없음"(2)을 구분합니다. 스크립트는 앞의 것은 재시도하고 뒤의 것은 보고할 수 있습니다.',
          ),
          fix: text("In the 'timeout' listener: process.exitCode = 2; socket.destroy();", "'timeout' 리스너에서: process.exitCode = 2; socket.destroy();"),
          section: 'timeouts',
        });
      }
      if (elapsed < 2000) {
        ctx.fail({
          reason: 'timeout-too-early',
          summary: fill(text('Your client gave up after {ms} ms; the protocol gives the server 3 s.', '클라이언트가 {ms}ms 만에 포기했습니다. 프로토콜은 서버에게 3초를 줍니다.'), { ms: elapsed }),
          expected,
          actual: fill(text('exit code 2 after {ms} ms', '{ms}ms 뒤 종료 코드 2'), { ms: elapsed }),
          cause: text(
            "socket.setTimeout takes milliseconds. setTimeout(3) gives up after 3 ms; Python's settimeout(3) means 3 seconds.",
            'socket.setTimeout은 밀리초 단위입니다. setTimeout(3)은 3ms 만에 포기합니다. Python의 settimeout(3)은 3초이지만요.',
          ),
          fix: text('socket.setTimeout(3000)', 'socket.setTimeout(3000)'),
          section: 'timeouts',
        });
      }
    },
  },
  {
    id: 'client-refused',
    title: text('client: nothing listens on the port → ECONNREFUSED on stderr, exit code 1, no stack trace', '클라이언트: 그 포트에서 listen하는 것이 없음 → 표준 에러에 ECONNREFUSED, 종료 코드 1, 스택 트레이스 없음'),
    async run(ctx: ScenarioContext) {
      const port = await freePort();
      ctx.note(fill(text('The checker ran your client with HOST=127.0.0.1 PORT={port}, a port nothing listens on.', '검사기는 아무것도 listen하지 않는 포트를 골라 클라이언트를 HOST=127.0.0.1 PORT={port} 설정으로 실행했습니다.'), { port }));
      const client = ctx.startClient({ port });
      await expectRefused(ctx, client, `127.0.0.1:${port}`, false);
    },
  },
  {
    id: 'client-refused-localhost',
    title: text("client: HOST=localhost (::1 and 127.0.0.1), neither listening → still says ECONNREFUSED", '클라이언트: HOST=localhost(::1과 127.0.0.1), 둘 다 listen 없음 → 그래도 ECONNREFUSED라고 알림'),
    async run(ctx: ScenarioContext) {
      await requireIpv6(ctx);
      const port = await freePort();
      ctx.note(
        fill(
          text(
            "The checker ran your client with HOST=localhost PORT={port}, where 'localhost' resolves to ::1 and then 127.0.0.1, as on most machines. Nothing listens on either.",
            "검사기는 클라이언트를 HOST=localhost PORT={port} 설정으로 실행했고, 여기서 'localhost'는 대부분의 컴퓨터처럼 ::1, 그다음 127.0.0.1로 풀립니다. 둘 다 listen하는 것이 없습니다.",
          ),
          { port },
        ),
      );
      const client = ctx.startClient({ port, host: 'localhost', env: { NODE_OPTIONS: `--import="${LOCALHOST_BOTH}"` }, sandbox: { readOnly: [fileURLToPath(LOCALHOST_BOTH)] } });
      await expectRefused(ctx, client, `localhost:${port}`, true);
    },
  },
  {
    id: 'client-ipv6-host',
    title: text('client: HOST=::1 → connects over IPv6 and prints the line', '클라이언트: HOST=::1 → IPv6로 접속해 줄을 출력'),
    async run(ctx: ScenarioContext) {
      await requireIpv6(ctx);
      const t = ctx.transcript(who.client, who.checkerServer);
      const server = await PeerServer.listen(t, '::1');
      try {
        const client = ctx.startClient({ port: server.port, host: '::1' });
        const peer = await server.accept(4000, client.exited);
        if (!peer) {
          const exit = client.exitInfo;
          ctx.fail({
            reason: 'client-ignores-host',
            summary: exit
              ? fill(text('Your client never reached [::1]:{port}; it {how}.', '클라이언트가 [::1]:{port}에 접속하지 않았습니다. {how}.'), { port: server.port, how: describeExit(exit) })
              : fill(text('Your client did not connect to [::1]:{port} within 4 s.', '클라이언트가 4초 안에 [::1]:{port}에 접속하지 않았습니다.'), { port: server.port }),
            expected: fill(text('a connection to [::1]:{port} (HOST=::1)', '[::1]:{port} 주소로의 연결(HOST=::1)'), { port: server.port }),
            actual: printedOrNothing(client.stderr()),
            cause: text(
              "An endpoint is address + port: the checker listens on ::1 only, so a client that always dials 127.0.0.1 is refused. Is the host hard-coded?",
              '엔드포인트는 주소 + 포트입니다. 검사기는 ::1에서만 listen하므로, 늘 127.0.0.1로 거는 클라이언트는 거부됩니다. 호스트를 코드에 고정했나요?',
            ),
            fix: text("const HOST = process.env.HOST ?? '127.0.0.1'; net.connect({ host: HOST, port: PORT })", "const HOST = process.env.HOST ?? '127.0.0.1'; net.connect({ host: HOST, port: PORT })"),
            section: 'localhost-and-ipv6',
          });
        }
        const line = checkerLine(peer);
        await peer.send(`${line}\n`);
        peer.halfClose();
        await expectClientPrinted(ctx, client, line, { keptOpen: false });
      } finally {
        await server.close();
      }
    },
  },
  {
    id: 'your-client-with-your-server',
    title: text('together: your client ↔ your server', '함께: 내 클라이언트 ↔ 내 서버'),
    async run(ctx: ScenarioContext) {
      const server = await ctx.startServer();
      const client = ctx.startClient({ port: server.port });
      const run = await ctx.finishClient(client, 5000);
      if (run.exit === 'timeout' || run.exit.code !== 0) {
        ctx.fail({
          ...(run.exit === 'timeout'
            ? {
                reason: 'client-keeps-socket-open',
                summary: text('Your client was still running 5 s after it started, against your own server.', '내 서버를 상대로 클라이언트가 시작하고 5초가 지나도 실행 중이었습니다.'),
                cause: text('Node exits only when nothing is left to wait for: close the socket once you have the line.', 'Node는 기다릴 것이 없어야 끝납니다. 줄을 받았으면 소켓을 닫으세요.'),
                section: 'when-node-exits',
              }
            : programFailure('client.ts', run.exit, client, 'during-exchange')),
          expected: text('exit code 0', '종료 코드 0'),
          actual: describeExit(run.exit, 5000),
        });
      }
      const shape = new RegExp(`^you=127\\.0\\.0\\.1:(\\d+) me=127\\.0\\.0\\.1:${server.port} tcp$`);
      const found = linesOf(run.stdout).map((l) => shape.exec(l)).find((m) => m);
      if (!found || Number(found[1]) === server.port) {
        ctx.fail({
          reason: 'client-wrong-output',
          summary: text('Your client, talking to your server, did not print a correct whoami line.', '내 클라이언트가 내 서버와 대화한 뒤 올바른 whoami 줄을 출력하지 않았습니다.'),
          expected: quoted(`you=127.0.0.1:<your client's port> me=127.0.0.1:${server.port} tcp\n`),
          actual: printedOrNothing(run.stdout),
          cause: text('Each part passed on its own against the checker? Then compare what your server sends with what your client prints.', '각 부분이 검사기를 상대로는 통과했나요? 그렇다면 서버가 보내는 것과 클라이언트가 출력하는 것을 비교해 보세요.'),
          section: 'the-exchange',
        });
      }
    },
  },
]);
