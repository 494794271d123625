/**
 * Lesson 03 — hidden checks. The exchange: a client sends any bytes and then half-closes (FIN);
 * an echo server sends every byte back, in order, as it arrives, and after the client's FIN
 * ends its own side. The checks hold both programs to TCP as it is: a stream of bytes, not of
 * messages, with each direction closed on its own.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  acceptClient,
  defineScenarios,
  describeExit,
  expectClientSuccess,
  fill,
  programFailure,
  quoted,
  text,
  type PeerSocket,
  type ScenarioContext,
  type StartedServer,
  type Text,
} from '../../../src/checks/kit.ts';
import { CheckFailure } from '../../../src/checks/scenario.ts';
import type { RunningProgram } from '../../../src/runner/process.ts';
import { KiB, MiB, binaryPayload, borrowsFrom, compareBytes, count, describeBytes, tempDir, whereTheyDiffer } from './bytes.ts';

const INTEROP = path.join(path.dirname(fileURLToPath(import.meta.url)), 'interop');

/** A small echo must come back within this long (a loaded 2-core machine). */
const ECHO_MS = 2000;
/** 1 MiB must come back within this long. */
const BIG_MS = 10000;
/** After the last byte, the FIN must follow within this long. */
const FIN_MS = 2000;
/** A client must exit this long after the server's FIN. */
const CLIENT_EXIT_MS = 5000;

const who = {
  checker: text('checker (client)', '검사기 (클라이언트)'),
  checkerA: text('checker, client A', '검사기, 클라이언트 A'),
  checkerB: text('checker, client B', '검사기, 클라이언트 B'),
  checkerServer: text('checker (echo server)', '검사기 (에코 서버)'),
  server: text('your server', '내 서버'),
  client: text('your client', '내 클라이언트'),
  pyClient: text('Python echo client', 'Python 에코 클라이언트'),
  pyServer: text('Python echo server', 'Python 에코 서버'),
};

// ───────────────────────────── the server ─────────────────────────────

/** After a close or a crash: a server that ended explains why, in this lesson's words. */
function expectServerAlive(ctx: ScenarioContext, server: StartedServer): void {
  const exit = server.program.exitInfo;
  if (!exit) return;
  // Node 20 says "This socket has been ended by the other party" (EPIPE) for a write after the
  // peer's FIN; other versions and paths say ERR_STREAM_WRITE_AFTER_END ("write after end").
  const stderr = server.program.stderr();
  if (/ERR_STREAM_WRITE_AFTER_END|This socket has been ended by the other party/.test(stderr)) {
    // Which side ended the socket decides the story: Node after the client's FIN (EPIPE, "ended
    // by the other party"), or the server's own end() before a later write (write after end).
    const byPeer = /This socket has been ended by the other party/.test(stderr);
    ctx.fail({
      reason: 'write-after-end',
      summary: text('Your server crashed writing to a socket that was already ended (an unhandled \'error\' event).', "서버가 이미 끝난 소켓에 쓰다가 죽었습니다(처리되지 않은 'error' 이벤트)."),
      expected: text('the server stays up and keeps serving', '서버가 죽지 않고 계속 서비스함'),
      actual: byPeer
        ? text('"This socket has been ended by the other party" (EPIPE), and the process ended', '"This socket has been ended by the other party"(EPIPE) 오류로 프로세스가 끝남')
        : text('ERR_STREAM_WRITE_AFTER_END ("write after end"), and the process ended', 'ERR_STREAM_WRITE_AFTER_END("write after end") 오류로 프로세스가 끝남'),
      cause: byPeer
        ? text(
            "With the default allowHalfOpen: false, Node ends your side by itself as soon as the client's FIN arrives ('end'). A write after that (from a timer, an await or the 'end' handler) comes too late: it raises an 'error' event, and an 'error' with no listener ends the process.",
            "기본값 allowHalfOpen: false에서는 클라이언트의 FIN이 도착하면('end') Node가 내 쪽도 알아서 닫습니다. 그 뒤의 쓰기(타이머, await 뒤, 'end' 핸들러 안)는 이미 늦어서 'error' 이벤트가 나고, 리스너 없는 'error'는 프로세스를 끝냅니다.",
          )
        : text(
            "Your server called socket.end() (after the first chunk, say) and then wrote again when more bytes came: end() means no more writes, yet the client's bytes keep arriving. The write raises an 'error' event, and an 'error' with no listener ends the process.",
            "서버가 socket.end()를 호출한 뒤(예: 첫 덩어리 뒤) 바이트가 더 오자 다시 썼습니다. end()는 더 쓰지 않겠다는 뜻이지만 클라이언트의 바이트는 계속 옵니다. 그 쓰기가 'error' 이벤트를 내고, 리스너 없는 'error'는 프로세스를 끝냅니다.",
          ),
      fix: byPeer
        ? text(
            "Echo as the bytes arrive (socket.pipe(socket)). If you must answer after 'end', create the server with net.createServer({ allowHalfOpen: true }, …) and call socket.end() yourself; and always add socket.on('error', …).",
            "바이트가 도착하는 대로 돌려보내세요(socket.pipe(socket)). 'end' 뒤에 답해야 한다면 net.createServer({ allowHalfOpen: true }, …)로 만들고 socket.end()를 직접 호출하세요. socket.on('error', …)도 항상 다세요.",
          )
        : text(
            "Echo every chunk and leave the closing to the client: end your side only once the client's FIN has come ('end'), which Node does for you by default. And always add socket.on('error', …).",
            "덩어리마다 돌려보내고 닫기는 클라이언트에게 맡기세요. 내 쪽은 클라이언트의 FIN이 온 뒤('end')에만 닫으면 되고, 기본값이면 Node가 알아서 합니다. socket.on('error', …)도 항상 다세요.",
          ),
      section: 'allow-half-open',
    });
  }
  if (exit.code === 0 && !exit.signal) {
    ctx.fail({
      reason: 'stopped-serving',
      summary: text('Your server exited after serving a client.', '서버가 클라이언트 하나를 처리한 뒤 종료했습니다.'),
      expected: text('the server keeps listening for the next client', '서버가 다음 클라이언트를 위해 계속 listen함'),
      actual: describeExit(exit),
      cause: text(
        "An echo server keeps serving. Lesson 01's server called server.close() after its one client; once that connection ended, nothing was left and the program exited.",
        '에코 서버는 계속 서비스합니다. 레슨 01의 서버는 클라이언트 하나를 받은 뒤 server.close()를 호출했고, 그 연결이 끝나자 남은 것이 없어 프로그램이 끝났습니다.',
      ),
      fix: text('Remove server.close() (and any process.exit()).', 'server.close()(와 process.exit())를 지우세요.'),
      section: 'one-connection-one-state',
    });
  }
  ctx.fail(programFailure('server.ts', exit, server.program, 'during-exchange'));
}

/** Gives a crashing server a moment to die, then explains the crash if it did. */
async function crashCheck(ctx: ScenarioContext, server: StartedServer): Promise<void> {
  if (!server.program.done) await server.program.waitExit(500);
  expectServerAlive(ctx, server);
}

/** Connects the checker; a refused connection means the server stopped listening. */
async function connectTo(ctx: ScenarioContext, server: StartedServer, label: Text, round = 1): Promise<PeerSocket> {
  if (server.program.done) expectServerAlive(ctx, server);
  const t = ctx.transcript(label, who.server);
  try {
    return await ctx.connect(server.port, t);
  } catch (err) {
    if (!(err instanceof CheckFailure) || err.details.reason !== 'connect-failed' || round === 1) throw err;
    await crashCheck(ctx, server);
    ctx.fail({
      reason: 'stopped-serving',
      summary: fill(text('Connection {n} was refused: your server no longer listens.', '{n}번째 연결이 거부되었습니다. 서버가 더 이상 listen하지 않습니다.'), { n: round }),
      expected: text('a new connection, accepted like the first one', '첫 번째처럼 받아들여지는 새 연결'),
      actual: err.details.summary,
      cause: text(
        "The server stopped listening after its first client: server.close() closes the listening socket (lesson 01 did that on purpose).",
        '서버가 첫 클라이언트 뒤에 listen을 멈췄습니다. server.close()가 리스닝 소켓을 닫습니다(레슨 01은 일부러 그렇게 했습니다).',
      ),
      fix: text('Remove server.close(): an echo server serves one client after another, and many at once.', 'server.close()를 지우세요. 에코 서버는 클라이언트를 차례로, 그리고 동시에 여럿 받습니다.'),
      section: 'one-connection-one-state',
    });
  }
}

/** Waits for `n` bytes (or a close) within `ms`, then for the FIN: what came, and how it ended. */
async function readEcho(peer: PeerSocket, n: number, ms: number): Promise<{ got: Buffer; how: 'fin' | 'rst' | 'timeout' }> {
  const all = await peer.waitFor(() => peer.unread().length >= n || peer.closed !== undefined, ms);
  if (!all) peer.transcript.waited(ms, fill(text('{got} of {n} bytes so far', '지금까지 {n}바이트 중 {got}바이트'), { got: count(peer.unread().length), n: count(n) }));
  if (peer.closed === undefined) await peer.waitClosed(FIN_MS);
  return { got: peer.unread(), how: peer.closed ?? 'timeout' };
}

const LATE_CAUSE = text(
  "Either it never writes what it receives, or it writes later — after 'end', behind an await or a timer. With the default allowHalfOpen: false, Node ends your side as soon as the client's FIN arrives, and a later write is silently lost (its callback gets EPIPE; no 'error').",
  "받은 것을 아예 쓰지 않거나, 'end' 뒤에 await나 타이머를 거쳐 나중에 씁니다. 기본값 allowHalfOpen: false에서는 클라이언트의 FIN이 도착하자마자 Node가 내 쪽도 닫아 버리므로, 나중에 쓴 데이터는 조용히 사라집니다(write 콜백에 EPIPE가 올 뿐 'error'는 없습니다).",
);
const LATE_FIX = text(
  "Echo each chunk as it arrives: socket.pipe(socket). To answer after the client's FIN, create the server with net.createServer({ allowHalfOpen: true }, …): Node then leaves your side open, and you call socket.end() when you are done.",
  "도착한 덩어리를 바로 돌려보내세요: socket.pipe(socket). 클라이언트의 FIN 뒤에 답하려면 net.createServer({ allowHalfOpen: true }, …)로 서버를 만드세요. 그러면 Node가 내 쪽을 열어 두고, 다 보낸 뒤 socket.end()를 직접 호출하면 됩니다.",
);

/**
 * Holds what came back to what was sent. `how` is how the server's side ended: FIN is what it
 * must do after the client's FIN; a timeout means it left its side open.
 */
async function judgeEcho(ctx: ScenarioContext, server: StartedServer, sent: Buffer, got: Buffer, how: 'fin' | 'rst' | 'timeout'): Promise<void> {
  const cmp = compareBytes(sent, got);
  const expected = fill(text('{bytes}, then FIN', '{bytes}, 그다음 FIN'), { bytes: describeBytes(sent) });
  const actualWith = (what: Text) => fill(text('{bytes}, then {end}: {what}', '{bytes}, 그다음 {end}: {what}'), {
    bytes: describeBytes(got),
    end: how === 'timeout' ? text('nothing (still open)', '아무것도 없음(아직 열림)') : how.toUpperCase(),
    what,
  });
  if (cmp.kind === 'same') {
    if (how === 'fin') return;
    if (how === 'rst') {
      ctx.fail({
        reason: 'reset-instead-of-fin',
        summary: text('The echo was right, but your server reset the connection (RST) instead of closing it (FIN).', '에코는 맞았지만 서버가 연결을 FIN으로 닫지 않고 리셋(RST)했습니다.'),
        expected,
        actual: describeBytes(got),
        cause: text('socket.resetAndDestroy() (or destroying a socket with unread data) sends RST: the peer sees an error, not a clean end.', 'socket.resetAndDestroy()(또는 읽지 않은 데이터가 남은 소켓의 destroy)는 RST를 보냅니다. 상대는 깔끔한 종료가 아니라 오류를 봅니다.'),
        fix: text('End with socket.end(): it sends FIN after the last byte.', 'socket.end()로 끝내세요. 마지막 바이트 뒤에 FIN을 보냅니다.'),
        section: 'half-close',
      });
    }
    ctx.fail({
      reason: 'no-fin',
      summary: fill(text("Every byte came back, but your server did not close its side within {ms} ms of the client's FIN.", '모든 바이트가 돌아왔지만, 클라이언트가 FIN을 보낸 뒤 {ms}ms 안에 서버가 자기 쪽을 닫지 않았습니다.'), { ms: FIN_MS }),
      expected,
      actual: fill(text('{bytes}, and the connection stayed open', '{bytes}, 그리고 연결이 열린 채로 있음'), { bytes: describeBytes(got) }),
      cause: text(
        "With allowHalfOpen: true Node no longer ends your side when the client's FIN arrives ('end'): that is your job now. The client waits for your FIN to know the echo is complete.",
        "allowHalfOpen: true이면 클라이언트의 FIN이 도착해도('end') Node가 내 쪽을 닫아 주지 않습니다. 이제 내 몫입니다. 클라이언트는 서버의 FIN을 보고 에코가 끝났음을 압니다.",
      ),
      fix: text("socket.on('end', () => socket.end()) — or socket.pipe(socket), which does it for you after the last byte.", "socket.on('end', () => socket.end()) — 또는 마지막 바이트 뒤에 이를 대신 해 주는 socket.pipe(socket)을 쓰세요."),
      section: 'half-close',
    });
  }
  if (got.length === 0) {
    if (how !== 'timeout') {
      await crashCheck(ctx, server);
      ctx.fail({
        reason: 'reply-lost-after-fin',
        summary: text("Nothing came back: your server closed its side right after the client's FIN, without echoing a byte.", '아무것도 돌아오지 않았습니다. 서버가 한 바이트도 돌려보내지 않고 클라이언트의 FIN 직후 자기 쪽을 닫았습니다.'),
        expected,
        actual: fill(text('nothing, then {end}', '아무것도 없이 {end}'), { end: how.toUpperCase() }),
        cause: LATE_CAUSE,
        fix: LATE_FIX,
        section: 'allow-half-open',
      });
    }
    ctx.fail({
      reason: 'no-echo',
      summary: text('Nothing came back, and your server kept the connection open.', '아무것도 돌아오지 않았고, 서버는 연결을 열어 둔 채였습니다.'),
      expected,
      actual: text('nothing: no byte, no FIN', '아무것도 없음: 바이트도 FIN도 없음'),
      cause: text("The server never writes what it receives (or waits for something that never comes).", '서버가 받은 것을 쓰지 않습니다(또는 오지 않을 무언가를 기다립니다).'),
      fix: text("Send every chunk back: socket.on('data', (chunk) => socket.write(chunk)), or simply socket.pipe(socket).", "덩어리를 모두 돌려보내세요: socket.on('data', (chunk) => socket.write(chunk)), 또는 간단히 socket.pipe(socket)."),
      section: 'the-server',
    });
  }
  if (cmp.kind === 'short') {
    if (how === 'timeout') {
      ctx.fail({
        reason: 'echo-stalled',
        summary: fill(text('Only {got} of {n} bytes came back, and then nothing more while the connection stayed open.', '{n}바이트 중 {got}바이트만 돌아왔고, 연결이 열린 채로 더 오지 않았습니다.'), { got: count(got.length), n: count(sent.length) }),
        expected,
        actual: actualWith(whereTheyDiffer(sent, got, cmp)),
        cause: text(
          "The server stopped echoing part-way: a 'data' listener that was removed (once), a stream paused and never resumed, or chunks kept back until something that never happens.",
          "서버가 도중에 에코를 멈췄습니다. 한 번만 듣는 리스너(once), pause() 후 resume()하지 않은 스트림, 또는 일어나지 않을 일을 기다리며 붙잡아 둔 덩어리 때문일 수 있습니다.",
        ),
        fix: text("Echo every chunk: socket.on('data', …) (not once), or socket.pipe(socket).", "모든 덩어리를 돌려보내세요: once가 아니라 socket.on('data', …), 또는 socket.pipe(socket)."),
        section: 'bytes-not-messages',
      });
    }
    await crashCheck(ctx, server);
    ctx.fail({
      reason: 'echo-truncated',
      summary: fill(text('Only {got} of {n} bytes came back before your server closed the connection.', '서버가 연결을 닫기 전에 {n}바이트 중 {got}바이트만 돌아왔습니다.'), { got: count(got.length), n: count(sent.length) }),
      expected,
      actual: actualWith(whereTheyDiffer(sent, got, cmp)),
      cause: text(
        "A 'data' event is one chunk, not the whole message: the payload came in many chunks. Echoing the first one and then calling end() (socket.once('data', (d) => socket.end(d))) drops the rest.",
        "'data' 이벤트 하나는 메시지 전체가 아니라 한 덩어리입니다. 데이터가 여러 덩어리로 왔는데, 첫 덩어리만 돌려보내고 end()를 호출하면(socket.once('data', (d) => socket.end(d))) 나머지를 버립니다.",
      ),
      fix: text("Echo every chunk, and end only after the client's FIN ('end'): socket.pipe(socket) does both.", "모든 덩어리를 돌려보내고, 클라이언트의 FIN('end') 뒤에만 끝내세요. socket.pipe(socket)이 둘 다 해 줍니다."),
      section: 'bytes-not-messages',
    });
  }
  if (cmp.kind === 'differs' && cmp.replacement) {
    ctx.fail({
      reason: 'decoded-as-text',
      summary: text('The bytes came back changed: your server turned them into a string and back.', '바이트가 바뀌어 돌아왔습니다. 서버가 바이트를 문자열로 바꿨다가 되돌렸습니다.'),
      expected,
      actual: actualWith(whereTheyDiffer(sent, got, cmp)),
      cause: text(
        "chunk.toString() (or setEncoding('utf8'), or string concatenation) decodes the bytes as UTF-8 text. Bytes that are not valid UTF-8 — most binary data, or a character cut in two by a chunk boundary — become U+FFFD, written back as EF BF BD.",
        "chunk.toString()(또는 setEncoding('utf8'), 문자열 이어 붙이기)은 바이트를 UTF-8 텍스트로 디코딩합니다. UTF-8로 올바르지 않은 바이트(대부분의 바이너리 데이터, 덩어리 경계에서 잘린 문자)는 U+FFFD가 되어 EF BF BD로 되돌아갑니다.",
      ),
      fix: text('Keep the Buffer as it is: socket.write(chunk), or socket.pipe(socket). An echo server never needs to know what the bytes mean.', 'Buffer를 그대로 쓰세요: socket.write(chunk), 또는 socket.pipe(socket). 에코 서버는 바이트의 뜻을 알 필요가 없습니다.'),
      section: 'buffers-not-strings',
    });
  }
  ctx.fail({
    reason: 'echo-mismatch',
    summary: text('The bytes that came back are not the bytes that were sent.', '돌아온 바이트가 보낸 바이트와 다릅니다.'),
    expected,
    actual: actualWith(whereTheyDiffer(sent, got, cmp)),
    cause: text('An echo server sends back exactly what it received, in the same order, with nothing added (no newline, no prefix) and nothing left out.', '에코 서버는 받은 것을 같은 순서로 정확히 돌려보냅니다. 아무것도 더하지 않고(줄바꿈, 접두어 없이) 빼지도 않습니다.'),
    fix: text('socket.pipe(socket)', 'socket.pipe(socket)'),
    section: 'the-exchange',
  });
}

/**
 * Waits for a send to be taken by the kernel. A server that stops reading makes a big send wait
 * for ever (the buffers fill up): that gets its own explanation, after a generous limit.
 */
async function sendWithin(ctx: ScenarioContext, server: StartedServer, peer: PeerSocket, sending: Promise<void>, payload: Buffer, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const done = await Promise.race([sending.then(() => true), timeout]);
  clearTimeout(timer); // a pending timer would keep the checker alive after the run
  if (done) return;
  await crashCheck(ctx, server);
  ctx.fail({
    reason: 'stopped-reading',
    summary: fill(text('The checker could not send {n} bytes within {s} s: your server stopped reading.', '검사기가 {s}초 안에 {n}바이트를 보내지 못했습니다. 서버가 읽기를 멈췄습니다.'), { n: count(payload.length), s: ms / 1000 }),
    expected: text('the server keeps reading (and echoing) until the client\'s FIN', '서버가 클라이언트의 FIN까지 계속 읽음(그리고 에코함)'),
    actual: fill(text('{got} came back so far; the send is stuck', '지금까지 {got}이(가) 돌아왔고, 보내기가 막혀 있음'), { got: describeBytes(peer.received()) }),
    cause: text(
      "When a program stops reading a TCP connection, the kernel buffers fill up and the sender has to wait. A paused socket that is never resumed, a removed 'data' listener, or a server that never reads does that.",
      "프로그램이 TCP 연결을 읽지 않으면 커널 버퍼가 가득 차고 보내는 쪽은 기다려야 합니다. resume하지 않은 채 멈춘 소켓, 떼어 낸 'data' 리스너, 아예 읽지 않는 서버가 그렇게 만듭니다.",
    ),
    fix: text('socket.pipe(socket) reads as fast as the client reads the echo, never faster and never less.', 'socket.pipe(socket)은 클라이언트가 에코를 읽는 만큼 읽습니다. 더 빠르지도, 덜 읽지도 않습니다.'),
    section: 'the-server',
  });
}

/** Writes `data` in `size`-byte write() calls, with a short pause after every `every` writes. */
async function sendInPieces(peer: PeerSocket, data: Buffer, size: number, every: number, gapMs: number): Promise<void> {
  for (let off = 0, i = 0; off < data.length; off += size, i++) {
    if (i > 0 && i % every === 0) await sleep(gapMs);
    await peer.send(data.subarray(off, off + size));
  }
}

/** The server scenario shape: send, half-close, read the echo, judge, and the server lives on. */
async function echoOnce(ctx: ScenarioContext, send: (peer: PeerSocket) => Promise<void>, payload: Buffer, ms: number): Promise<void> {
  const server = await ctx.startServer();
  const peer = await connectTo(ctx, server, who.checker);
  await sendWithin(ctx, server, peer, send(peer), payload, ms);
  peer.halfClose();
  const { got, how } = await readEcho(peer, payload.length, ms);
  await judgeEcho(ctx, server, payload, got, how);
  expectServerAlive(ctx, server);
}

/** T1: two pieces on one connection, each echoed at once, before the client's FIN. */
async function echoesAsBytesArrive(ctx: ScenarioContext): Promise<void> {
  const server = await ctx.startServer();
  const peer = await connectTo(ctx, server, who.checker);
  const pieces = [Buffer.from('안녕\n'), Buffer.from('또 만나요\n')];
  let sent = Buffer.alloc(0);
  for (const [i, piece] of pieces.entries()) {
    await peer.send(piece);
    sent = Buffer.concat([sent, piece]);
    const r = await peer.readBytes(piece.length, ECHO_MS);
    if (r.ok) {
      const got = peer.received();
      if (!got.equals(sent.subarray(0, got.length)) || got.length > sent.length) await judgeEcho(ctx, server, sent, got, 'timeout');
      continue;
    }
    if (r.reason === 'closed') {
      await crashCheck(ctx, server);
      const got = peer.received();
      ctx.fail({
        reason: 'closed-too-early',
        summary:
          i === 0
            ? text('Your server closed the connection before the client had finished (before its FIN).', '클라이언트가 끝내기 전에(FIN을 보내기 전에) 서버가 연결을 닫았습니다.')
            : text('Your server closed the connection after echoing the first piece; the second piece was never echoed.', '서버가 첫 조각을 돌려보낸 뒤 연결을 닫았습니다. 두 번째 조각은 돌아오지 않았습니다.'),
        expected: fill(text('{want} echoed, with the connection still open', '{want}이(가) 돌아오고 연결은 열려 있음'), { want: quoted(piece) }),
        actual: fill(text('{got}, then {how} from your server', '{got}, 그다음 서버의 {how}'), { got: got.length ? quoted(got) : text('nothing', '아무것도 없음'), how: r.how.toUpperCase() }),
        cause: text(
          "Only the client knows when it is done, and it says so with FIN ('end' on your side). A 'data' event is just the next chunk: ending the socket there (socket.once('data', (d) => socket.end(d))) cuts the stream short.",
          "언제 끝나는지는 클라이언트만 알고, FIN으로 알립니다(내 쪽에서는 'end'). 'data' 이벤트는 다음 덩어리일 뿐이므로, 거기서 소켓을 끝내면(socket.once('data', (d) => socket.end(d))) 스트림이 중간에 잘립니다.",
        ),
        fix: text("Echo every chunk and end after 'end': socket.pipe(socket).", "모든 덩어리를 돌려보내고 'end' 뒤에 끝내세요: socket.pipe(socket)."),
        section: 'half-close',
      });
    }
    // Nothing (or only part) came while the connection was open: see what happens at FIN.
    peer.halfClose();
    await peer.waitFor(() => peer.closed !== undefined, FIN_MS);
    const got = peer.received();
    if (got.length === 0 && peer.closed === undefined) await judgeEcho(ctx, server, sent, got, 'timeout');
    if (got.length === 0) await judgeEcho(ctx, server, sent, got, peer.closed!);
    if (got.equals(sent)) {
      ctx.fail({
        reason: 'echo-waits-for-fin',
        summary: fill(
          text('{piece} was not echoed within {ms} ms; the echo came only after the client half-closed.', '{piece}이(가) {ms}ms 안에 돌아오지 않았고, 클라이언트가 half-close한 뒤에야 돌아왔습니다.'),
          { piece: quoted(piece), ms: ECHO_MS },
        ),
        expected: fill(text('{piece} back at once, while the connection is open', '연결이 열려 있는 동안 {piece}이(가) 바로 돌아옴'), { piece: quoted(piece) }),
        actual: fill(text('nothing for {ms} ms; after the FIN: {got}', '{ms}ms 동안 아무것도 없음. FIN 뒤에: {got}'), { ms: ECHO_MS, got: quoted(got) }),
        cause: text(
          "Your server collects everything and answers on 'end'. An echo server answers as bytes arrive: a person typing into nc sees each line come back at once, and a server that hoards a whole upload in memory runs out of it.",
          "서버가 모든 것을 모았다가 'end'에서 답합니다. 에코 서버는 바이트가 도착하는 대로 답합니다. nc로 입력하는 사람은 각 줄이 바로 돌아오는 것을 보고, 업로드 전체를 메모리에 쌓는 서버는 결국 메모리가 부족해집니다.",
        ),
        fix: text("Write each chunk back in the 'data' handler, or use socket.pipe(socket).", "'data' 핸들러에서 덩어리마다 바로 쓰거나, socket.pipe(socket)을 쓰세요."),
        section: 'bytes-not-messages',
      });
    }
    await judgeEcho(ctx, server, sent, got, peer.closed ?? 'timeout');
  }
  peer.halfClose();
  const how = await peer.waitClosed(FIN_MS);
  await judgeEcho(ctx, server, sent, peer.received(), how);
  expectServerAlive(ctx, server);
}

/** T5: two clients at once, 1 MiB each; each must get its own bytes back, unmixed. */
async function twoClientsAtOnce(ctx: ScenarioContext): Promise<void> {
  const server = await ctx.startServer();
  const a = await connectTo(ctx, server, who.checkerA);
  const b = await connectTo(ctx, server, who.checkerB);
  const pa = binaryPayload(MiB);
  const pb = binaryPayload(MiB);
  // In 16 pieces 5 ms apart, both at once: the two connections' chunks then always interleave
  // at the server (one write each could be read whole, one after the other, on a busy machine).
  const pieces = (p: Buffer) => Array.from({ length: 16 }, (_, i) => p.subarray((i * p.length) / 16, ((i + 1) * p.length) / 16));
  const run = async (peer: PeerSocket, p: Buffer) => {
    await sendWithin(ctx, server, peer, peer.sendPieces(pieces(p), 5), p, BIG_MS);
    peer.halfClose();
    return readEcho(peer, p.length, BIG_MS);
  };
  const [ra, rb] = await Promise.all([run(a, pa), run(b, pb)]);
  const mixedA = !ra.got.equals(pa) && borrowsFrom(ra.got, pb);
  const mixedB = !rb.got.equals(pb) && borrowsFrom(rb.got, pa);
  if (mixedA || mixedB) {
    ctx.fail({
      reason: 'mixed-clients',
      summary: fill(text("Client {x} got bytes that client {y} had sent.", '클라이언트 {x}이(가) 클라이언트 {y}이(가) 보낸 바이트를 받았습니다.'), { x: mixedA ? 'A' : 'B', y: mixedA ? 'B' : 'A' }),
      expected: text('A gets back exactly what A sent, and B what B sent', 'A는 A가 보낸 것을, B는 B가 보낸 것을 그대로 돌려받음'),
      actual: fill(text('A: {a}; B: {b}', 'A: {a}; B: {b}'), { a: describeBytes(ra.got), b: describeBytes(rb.got) }),
      cause: text(
        'Something is shared between connections: a variable outside the connection handler (the "current" socket, a buffer of received chunks). The handler runs once per client; each client needs its own state.',
        '연결 사이에 무언가를 공유합니다. 연결 핸들러 바깥의 변수("현재" 소켓, 받은 덩어리를 모으는 버퍼 등)입니다. 핸들러는 클라이언트마다 한 번 실행되니, 클라이언트마다 자기 상태가 있어야 합니다.',
      ),
      fix: text("Keep everything about a connection inside net.createServer((socket) => { … }), and write to that socket only: socket.pipe(socket).", "연결에 관한 것은 모두 net.createServer((socket) => { … }) 안에 두고, 그 socket에만 쓰세요: socket.pipe(socket)."),
      section: 'one-connection-one-state',
    });
  }
  await judgeEcho(ctx, server, pa, ra.got, ra.how);
  await judgeEcho(ctx, server, pb, rb.got, rb.how);
  expectServerAlive(ctx, server);
}

/** Three clients one after another: the server keeps serving. */
async function keepsServing(ctx: ScenarioContext): Promise<void> {
  const server = await ctx.startServer();
  for (let round = 1; round <= 3; round++) {
    const peer = await connectTo(ctx, server, fill(text('checker, client {n}', '검사기, 클라이언트 {n}'), { n: round }), round);
    const line = Buffer.from(`client ${round}: 안녕\n`);
    await peer.send(line);
    peer.halfClose();
    const { got, how } = await readEcho(peer, line.length, ECHO_MS);
    await judgeEcho(ctx, server, line, got, how);
    // Let a server that closes its listening socket (or exits) show it before the next round.
    await server.program.waitExit(200);
  }
  expectServerAlive(ctx, server);
}

// ───────────────────────────── the client ─────────────────────────────

/** The client's upload: every byte of the input file, then FIN. The checker echoes only after it. */
async function expectUpload(ctx: ScenarioContext, peer: PeerSocket, client: RunningProgram, payload: Buffer): Promise<void> {
  const all = await peer.waitFor(() => peer.unread().length >= payload.length || peer.closed !== undefined, BIG_MS);
  if (!all) peer.transcript.waited(BIG_MS, fill(text('{got} of {n} bytes so far', '지금까지 {n}바이트 중 {got}바이트'), { got: count(peer.unread().length), n: count(payload.length) }));
  if (peer.closed === undefined) await peer.waitClosed(FIN_MS);
  const got = peer.unread();
  if (client.exitInfo && client.exitInfo.code !== 0) ctx.fail(programFailure('client.ts', client.exitInfo, client, 'during-exchange'));
  const cmp = compareBytes(payload, got);
  if (peer.closed === undefined && (cmp.kind === 'same' || cmp.kind === 'short')) {
    peer.transcript.note(text('(the checker gives up here and stops your client)', '(검사기가 여기서 멈추고 클라이언트를 종료함)'));
    ctx.fail({
      reason: 'client-never-half-closed',
      summary: fill(
        payload.length === 0
          ? text('Your client had nothing to send (the input is empty) and never half-closed: the server waits for your FIN.', '클라이언트는 보낼 것이 없었는데(입력이 비어 있음) half-close하지 않았습니다. 서버는 FIN을 기다립니다.')
          : cmp.kind === 'same'
          ? text('Your client sent all {n} bytes but never half-closed: the server waits for your FIN.', '클라이언트가 {n}바이트를 모두 보냈지만 half-close하지 않았습니다. 서버는 FIN을 기다립니다.')
          : text('Your client sent {got} of {n} bytes and never half-closed: the server waits for your FIN.', '클라이언트가 {n}바이트 중 {got}바이트를 보내고 half-close하지 않았습니다. 서버는 FIN을 기다립니다.'),
        { got: count(got.length), n: count(payload.length) },
      ),
      expected: fill(text('{bytes}, then FIN', '{bytes}, 그다음 FIN'), { bytes: describeBytes(payload) }),
      actual: fill(text('{bytes}, and the connection stayed open', '{bytes}, 그리고 연결이 열린 채로 있음'), { bytes: describeBytes(got) }),
      cause: text(
        "This echo server — like many real servers (HTTP/1.0 uploads, nc -N, a sort or a compressor over TCP) — answers once the client has said \"that's all\". Bytes alone cannot say it: only FIN can. With write() alone both sides wait for each other for ever.",
        '이 에코 서버는 많은 실제 서버(HTTP/1.0 업로드, nc -N, TCP 위의 정렬기나 압축기)처럼 클라이언트가 "이게 다야"라고 말해야 답합니다. 바이트로는 그 말을 할 수 없고 FIN만 할 수 있습니다. write()만 하면 양쪽이 서로를 영원히 기다립니다.',
      ),
      fix: text('After the last byte call socket.end() (or send with socket.end(data)): it sends FIN and only closes your sending direction — you keep reading.', '마지막 바이트 뒤에 socket.end()를 호출하세요(또는 socket.end(data)로 보내세요). FIN을 보내고 보내는 방향만 닫으므로 계속 읽을 수 있습니다.'),
      section: 'half-close',
    });
  }
  if (cmp.kind !== 'same') {
    ctx.fail({
      reason: 'client-sent-wrong-bytes',
      summary: text('Your client did not send the input file byte for byte.', '클라이언트가 입력 파일을 바이트 그대로 보내지 않았습니다.'),
      expected: fill(text('{bytes}, then FIN', '{bytes}, 그다음 FIN'), { bytes: describeBytes(payload) }),
      actual: fill(text('{bytes}: {where}', '{bytes}: {where}'), { bytes: describeBytes(got), where: whereTheyDiffer(payload, got, cmp) }),
      cause: text(
        "The input is binary. Reading it as text (fs.readFileSync(file, 'utf8')) replaces invalid bytes with U+FFFD, and writing a string encodes it again: the bytes change. Sending only part of it, or closing before it is all written, loses the rest.",
        "입력은 바이너리입니다. 텍스트로 읽으면(fs.readFileSync(file, 'utf8')) 올바르지 않은 바이트가 U+FFFD로 바뀌고, 문자열을 쓰면 다시 인코딩되어 바이트가 달라집니다. 일부만 보내거나 다 쓰기 전에 닫으면 나머지를 잃습니다.",
      ),
      fix: text('const data = fs.readFileSync(inputFile); // a Buffer — then socket.end(data)', 'const data = fs.readFileSync(inputFile); // Buffer — 그다음 socket.end(data)'),
      section: 'buffers-not-strings',
    });
  }
}

/** The output file must hold every byte the checker sent back, unchanged. */
function expectOutputFile(ctx: ScenarioContext, output: string, payload: Buffer, closedEarly: boolean): void {
  if (!fs.existsSync(output)) {
    ctx.fail({
      reason: 'client-output-missing',
      summary: text('Your client did not create the output file.', '클라이언트가 출력 파일을 만들지 않았습니다.'),
      expected: fill(text('{bytes} in the file named by the second argument', '두 번째 인자로 받은 파일에 {bytes}'), { bytes: describeBytes(payload) }),
      actual: text('no such file', '파일 없음'),
      cause: text(
        'The client writes the output file named by its second argument (process.argv[3]) — even when nothing comes back, the file must exist (empty).',
        '클라이언트는 두 번째 인자(process.argv[3])로 받은 출력 파일을 씁니다. 아무것도 돌아오지 않아도 (빈) 파일은 있어야 합니다.',
      ),
      fix: text("const output = fs.createWriteStream(outputFile); pipeline(socket, output, cb) — the file is created at once and ended on the server's FIN.", "const output = fs.createWriteStream(outputFile); pipeline(socket, output, cb) — 파일이 바로 만들어지고 서버의 FIN에서 닫힙니다."),
      section: 'the-client',
    });
  }
  const got = fs.readFileSync(output);
  const cmp = compareBytes(payload, got);
  if (cmp.kind === 'same') return;
  const expected = describeBytes(payload);
  const actual = fill(text('{bytes}: {where}', '{bytes}: {where}'), { bytes: describeBytes(got), where: whereTheyDiffer(payload, got, cmp) });
  if (cmp.kind === 'short' && closedEarly) {
    ctx.fail({
      reason: 'client-closed-before-reply',
      summary: text('Your client closed the connection before the echo came back.', '에코가 돌아오기 전에 클라이언트가 연결을 닫았습니다.'),
      expected,
      actual,
      cause: text(
        "socket.end() closes only your sending direction; the reply still has to come. The end() callback (and 'finish') means \"my bytes are out\", not \"the exchange is over\": destroying the socket or exiting there throws the reply away. The exchange is over at 'end' — the server's FIN.",
        "socket.end()는 보내는 방향만 닫습니다. 답은 아직 와야 합니다. end() 콜백(과 'finish')은 \"내 바이트가 나갔다\"는 뜻이지 \"주고받기가 끝났다\"는 뜻이 아닙니다. 거기서 소켓을 destroy하거나 종료하면 답을 버리게 됩니다. 주고받기는 서버의 FIN, 즉 'end'에서 끝납니다.",
      ),
      fix: text("Keep reading after end(): write the output and print the summary when the server's FIN arrives ('end'), or in pipeline(socket, output, cb)'s callback.", "end() 뒤에도 계속 읽으세요. 출력 파일 쓰기와 요약 출력은 서버의 FIN('end')이 왔을 때, 또는 pipeline(socket, output, cb)의 콜백에서 하세요."),
      section: 'half-close',
    });
  }
  if (cmp.kind === 'short') {
    ctx.fail({
      reason: 'client-output-incomplete',
      summary: fill(text('The output file holds only {got} of the {n} bytes the server sent back.', '서버가 돌려보낸 {n}바이트 중 {got}바이트만 출력 파일에 있습니다.'), { got: count(got.length), n: count(payload.length) }),
      expected,
      actual,
      cause: text(
        "The echo comes in many 'data' chunks of any size. Keeping only the first chunk (socket.once('data', …)), or writing the file before the server's FIN, loses the rest.",
        "에코는 크기가 제각각인 'data' 덩어리 여러 개로 옵니다. 첫 덩어리만 쓰거나(socket.once('data', …)) 서버의 FIN 전에 파일을 쓰면 나머지를 잃습니다.",
      ),
      fix: text("Write every chunk — pipeline(socket, fs.createWriteStream(outputFile), cb) — and finish when the server's FIN ends the stream.", "덩어리를 모두 쓰세요 — pipeline(socket, fs.createWriteStream(outputFile), cb) — 그리고 서버의 FIN으로 스트림이 끝날 때 마무리하세요."),
      section: 'bytes-not-messages',
    });
  }
  ctx.fail({
    reason: 'client-output-corrupted',
    summary: text('The output file does not hold the bytes the server sent back.', '출력 파일의 내용이 서버가 돌려보낸 바이트와 다릅니다.'),
    expected,
    actual,
    cause: cmp.kind === 'differs' && cmp.replacement
      ? text(
          "The chunks were turned into text (chunk.toString(), setEncoding, or += on a string). Binary bytes that are not valid UTF-8 become U+FFFD (EF BF BD) — and a chunk boundary can cut even valid text in two.",
          "덩어리를 텍스트로 바꿨습니다(chunk.toString(), setEncoding, 문자열 +=). UTF-8로 올바르지 않은 바이너리 바이트는 U+FFFD(EF BF BD)가 되고, 덩어리 경계가 올바른 텍스트마저 둘로 자를 수 있습니다.",
        )
      : text('The output must be exactly the bytes received, in order: nothing added (no newline), nothing converted.', '출력은 받은 바이트 그대로, 같은 순서여야 합니다. 아무것도 더하지 않고(줄바꿈 없이) 변환하지도 않습니다.'),
    fix: text('Keep Buffers: pipeline(socket, fs.createWriteStream(outputFile), cb), or collect the Buffer chunks and fs.writeFileSync(outputFile, Buffer.concat(chunks)).', 'Buffer를 그대로 다루세요: pipeline(socket, fs.createWriteStream(outputFile), cb), 또는 Buffer 덩어리를 모아 fs.writeFileSync(outputFile, Buffer.concat(chunks)).'),
    section: 'buffers-not-strings',
  });
}

/** One line on stdout: `sent N bytes, received M bytes`. */
function expectSummary(ctx: ScenarioContext, stdout: string, sent: number, received: number): void {
  const want = `sent ${sent} bytes, received ${received} bytes`;
  const m = /^sent (\d+) bytes, received (\d+) bytes\s*$/m.exec(stdout.replace(/\r/g, ''));
  if (!m) {
    ctx.fail({
      reason: 'client-summary-missing',
      summary: text('Your client did not print its summary line.', '클라이언트가 요약 줄을 출력하지 않았습니다.'),
      expected: quoted(`${want}\n`),
      actual: stdout ? quoted(stdout, 200) : text('(nothing)', '(출력 없음)'),
      cause: text('When the server has closed, the client prints one line with the two byte counts (binary data goes to the file, never to stdout).', '서버가 닫으면 클라이언트는 두 바이트 수를 담은 한 줄을 출력합니다(바이너리 데이터는 stdout이 아니라 파일로 갑니다).'),
      fix: text('console.log(`sent ${payload.length} bytes, received ${socket.bytesRead} bytes`)', 'console.log(`sent ${payload.length} bytes, received ${socket.bytesRead} bytes`)'),
      section: 'the-exchange',
    });
  }
  if (Number(m[1]) !== sent || Number(m[2]) !== received) {
    ctx.fail({
      reason: 'client-summary-wrong',
      summary: text('The byte counts your client printed are not the real ones.', '클라이언트가 출력한 바이트 수가 실제와 다릅니다.'),
      expected: quoted(want),
      actual: quoted(m[0].trimEnd()),
      cause: text(
        "Count bytes, not characters or chunks: buffer.length and socket.bytesRead count bytes; a string's .length counts UTF-16 units, and the number of 'data' events means nothing.",
        "문자나 덩어리가 아니라 바이트를 세세요. buffer.length와 socket.bytesRead는 바이트를 세지만, 문자열의 .length는 UTF-16 단위를 세고, 'data' 이벤트 횟수는 아무 의미가 없습니다.",
      ),
      fix: text("Print when the server's FIN has arrived, using payload.length and socket.bytesRead.", '서버의 FIN이 온 뒤에 payload.length와 socket.bytesRead로 출력하세요.'),
      section: 'the-client',
    });
  }
}

/**
 * The checker plays an echo server that answers only after the client's FIN; `reply` sends the
 * echo (and FIN) its own way.
 */
async function clientRoundTrip(ctx: ScenarioContext, payload: Buffer, reply: (peer: PeerSocket) => Promise<void>): Promise<void> {
  const tmp = tempDir(ctx.scratchDir());
  try {
    const input = tmp.file('input.bin');
    const output = tmp.file('output.bin');
    fs.writeFileSync(input, payload);
    const t = ctx.transcript(who.client, who.checkerServer);
    const server = await ctx.listenPeer(t);
    const client = ctx.startClient({ port: server.port, args: [input, output] });
    const peer = await acceptClient(ctx, server, client);
    await expectUpload(ctx, peer, client, payload);
    const goneBeforeReply = client.done;
    await reply(peer);
    const run = await expectClientSuccess(ctx, client, CLIENT_EXIT_MS);
    const code = peer.error?.code;
    expectOutputFile(ctx, output, payload, goneBeforeReply || code === 'EPIPE' || code === 'ECONNRESET');
    expectSummary(ctx, run.stdout, payload.length, payload.length);
  } finally {
    tmp.dispose();
  }
}

/** Piece sizes for an echo that arrives in odd-sized chunks. */
function oddCuts(size: number): number[] {
  const sizes = [1, 7, 997, 2, 4093, 13, 65537, 301, 3, 8191];
  const cuts: number[] = [];
  let at = 0;
  for (let i = 0; ; i++) {
    at += sizes[i % sizes.length]!;
    if (at >= size) return cuts;
    cuts.push(at);
  }
}

/** Your client against an echo server that is not the checker's (yours, or Python's). */
async function clientAgainst(ctx: ScenarioContext, port: number, payload: Buffer, connected?: () => boolean): Promise<void> {
  const tmp = tempDir(ctx.scratchDir());
  try {
    const input = tmp.file('input.bin');
    const output = tmp.file('output.bin');
    fs.writeFileSync(input, payload);
    const client = ctx.startClient({ port, args: [input, output] });
    const run = await expectClientSuccess(ctx, client, BIG_MS + CLIENT_EXIT_MS);
    if (connected && !connected()) {
      ctx.fail({
        reason: 'client-never-connected',
        summary: text('Your client exited without connecting to the server.', '클라이언트가 서버에 접속하지 않고 끝났습니다.'),
        expected: text(`a connection to 127.0.0.1:${port}`, `127.0.0.1:${port}로의 연결`),
        cause: text('The client must connect to HOST and PORT from the environment (the checker passes them).', '클라이언트는 환경 변수 HOST와 PORT로 접속해야 합니다(검사기가 넘겨 줍니다).'),
        fix: text("net.connect({ host: process.env.HOST ?? '127.0.0.1', port: Number(process.env.PORT ?? 8080) })", "net.connect({ host: process.env.HOST ?? '127.0.0.1', port: Number(process.env.PORT ?? 8080) })"),
        section: 'the-client',
      });
    }
    expectOutputFile(ctx, output, payload, false);
    expectSummary(ctx, run.stdout, payload.length, payload.length);
  } finally {
    tmp.dispose();
  }
}

export default defineScenarios([
  {
    id: 'echoes-as-bytes-arrive',
    title: text('server: "안녕\\n", then "또 만나요\\n", each echoed at once; FIN after the client\'s FIN', '서버: "안녕\\n", 이어서 "또 만나요\\n"을 각각 바로 에코, 클라이언트의 FIN 뒤에 FIN'),
    timing: true,
    run: echoesAsBytesArrive,
  },
  {
    id: 'character-cut-in-two',
    title: text('server: "안녕\\n" in two writes, cut inside "녕" (EC 95 88 EB | 85 95 0A)', '서버: "안녕\\n"을 "녕" 한가운데서 잘라 두 번에 보냄 (EC 95 88 EB | 85 95 0A)'),
    timing: true,
    run: (ctx) => {
      const bytes = Buffer.from('안녕\n');
      return echoOnce(ctx, (peer) => peer.sendSplitAt(bytes, [4], 150), bytes, ECHO_MS);
    },
  },
  {
    id: 'one-mebibyte-binary',
    title: text('server: 1 MiB of random bytes (all 256 values) in one write → the same bytes (SHA-256), then FIN', '서버: 무작위 1MiB(256가지 값 모두)를 한 번에 씀 → 같은 바이트(SHA-256 비교), 그다음 FIN'),
    run: (ctx) => {
      const payload = binaryPayload(MiB);
      return echoOnce(ctx, (peer) => peer.send(payload), payload, BIG_MS);
    },
  },
  {
    id: 'fragments-of-997-bytes',
    title: text('server: the same 1 MiB sent in 997-byte writes → the same bytes, in order', '서버: 같은 크기 1MiB를 997바이트씩 나눠 씀 → 같은 바이트, 같은 순서'),
    limitMs: 60000,
    run: (ctx) => {
      const payload = binaryPayload(MiB);
      return echoOnce(ctx, (peer) => sendInPieces(peer, payload, 997, 4, 1), payload, 3 * BIG_MS);
    },
  },
  {
    id: 'hello-then-immediate-half-close',
    title: text('server: "hello\\n" and FIN at once (like nc -N) → "hello\\n", then FIN', '서버: "hello\\n"과 FIN을 곧바로(nc -N처럼) → "hello\\n", 그다음 FIN'),
    run: (ctx) => {
      const bytes = Buffer.from('hello\n');
      return echoOnce(ctx, (peer) => peer.send(bytes), bytes, ECHO_MS);
    },
  },
  {
    id: 'two-clients-at-once',
    title: text('server: two clients at once, 1 MiB each → each gets its own bytes, never mixed', '서버: 두 클라이언트가 동시에 1MiB씩 → 각자 자기 바이트만, 섞이지 않게'),
    run: twoClientsAtOnce,
  },
  {
    id: 'keeps-serving',
    title: text('server: three clients one after another → each is served', '서버: 세 클라이언트가 차례로 → 모두 처리'),
    run: keepsServing,
  },
  {
    id: 'client-round-trip',
    title: text('client: 1 MiB file → sent byte for byte, FIN; the echo → output file; summary line; exit 0', '클라이언트: 1MiB 파일 → 바이트 그대로 보내고 FIN, 에코 → 출력 파일, 요약 줄, 종료 코드 0'),
    run: (ctx) =>
      clientRoundTrip(ctx, binaryPayload(MiB), async (peer) => {
        await peer.send(peer.unread());
        peer.halfClose();
      }),
  },
  {
    id: 'client-echo-late-in-odd-pieces',
    title: text('client: the echo starts 800 ms after your FIN and comes in odd-sized pieces (1, 7, 997, 2 … bytes)', '클라이언트: 에코가 FIN 800ms 뒤에 시작되고, 크기가 제각각인 조각(1, 7, 997, 2 … 바이트)으로 옴'),
    timing: true,
    run: (ctx) =>
      clientRoundTrip(ctx, binaryPayload(200 * KiB), async (peer) => {
        const echo = Buffer.from(peer.unread());
        await sleep(800);
        await peer.sendSplitAt(echo, oddCuts(echo.length), 10);
        peer.halfClose();
      }),
  },
  {
    id: 'client-empty-file',
    title: text('client: an empty file → FIN at once, an empty output file, "sent 0 bytes, received 0 bytes"', '클라이언트: 빈 파일 → 바로 FIN, 빈 출력 파일, "sent 0 bytes, received 0 bytes"'),
    run: (ctx) =>
      clientRoundTrip(ctx, Buffer.alloc(0), async (peer) => {
        peer.halfClose();
      }),
  },
  {
    id: 'your-client-with-your-server',
    title: text('together: your client sends 1 MiB through your server', '함께: 내 클라이언트가 내 서버를 거쳐 1MiB를 주고받음'),
    run: async (ctx) => {
      ctx.note(text(
        'This check runs both of your programs, so either may be at fault: if a server check above failed too, fix the server first.',
        '이 검사는 내 프로그램 둘을 함께 실행하므로 어느 쪽이 원인일 수도 있습니다. 위의 서버 검사도 실패했다면 서버부터 고치세요.',
      ));
      const server = await ctx.startServer();
      await clientAgainst(ctx, server.port, binaryPayload(MiB));
      expectServerAlive(ctx, server);
    },
  },
  {
    id: 'python-client-to-your-server',
    title: text('a Python echo client (sendall, shutdown(SHUT_WR), recv until b"") → your server', 'Python 에코 클라이언트(sendall, shutdown(SHUT_WR), b""까지 recv) → 내 서버'),
    run: async (ctx) => {
      const server = await ctx.startServer();
      const py = ctx.startPython(path.join(INTEROP, 'echo_client.py'), { label: who.pyClient, env: { PORT: String(server.port) } });
      const exit = await py.waitExit(BIG_MS);
      const out = py.stdout().trim();
      if (!exit || exit.code !== 0 || !out.startsWith('OK')) {
        await crashCheck(ctx, server);
        ctx.fail({
          reason: 'interop-client-failed',
          summary: fill(text('The Python echo client did not get its bytes back: {how}.', 'Python 에코 클라이언트가 자기 바이트를 돌려받지 못했습니다: {how}.'), {
            how: out ? quoted(out, 120) : describeExit(exit ?? 'timeout', BIG_MS),
          }),
          expected: quoted('OK 65543 bytes'),
          actual: out ? quoted(out, 200) : text('(nothing)', '(출력 없음)'),
          cause: text(
            'It sends 64 KiB (text, then every byte value), half-closes with shutdown(SHUT_WR), and reads until the server closes. The server checks above say more precisely what went wrong.',
            '이 클라이언트는 64KiB(텍스트, 그다음 모든 바이트 값)를 보내고 shutdown(SHUT_WR)으로 half-close한 뒤 서버가 닫을 때까지 읽습니다. 위의 서버 검사가 무엇이 잘못됐는지 더 정확히 알려 줍니다.',
          ),
          section: 'python-and-java',
        });
      }
      expectServerAlive(ctx, server);
    },
  },
  {
    id: 'your-client-to-python-server',
    title: text('your client → a Python echo server (recv, sendall, shutdown(SHUT_WR))', '내 클라이언트 → Python 에코 서버(recv, sendall, shutdown(SHUT_WR))'),
    run: async (ctx) => {
      const py = ctx.startPython(path.join(INTEROP, 'echo_server.py'), { label: who.pyServer, env: { PORT: '0' } });
      const ready = await py.waitListening('tcp', 8000);
      if (ready === 'timeout' || !('proto' in ready)) throw new Error(`the Python echo server did not start: ${py.allOutput()}`);
      await clientAgainst(ctx, ready.port, binaryPayload(MiB), () => py.stdout().includes('CONNECTED'));
    },
  },
]);
