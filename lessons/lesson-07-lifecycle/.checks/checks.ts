/**
 * Lesson 07 — hidden checks. The protocol is lesson 06's line protocol (PING, ECHO, COUNT,
 * SLOW, QUIT) plus the idle rule: after 1000 ms with no input the server sends
 * "ERR idle timeout\n", end()s, and destroy()s if the peer has not closed 500 ms later.
 *
 * What the checker plays here is every way a peer can leave: a FIN with a reply still owed,
 * an RST in the middle of a command, a client that goes silent, a client that ignores the
 * server's FIN and never closes, a thousand clients coming and going. Resets are always
 * injected explicitly (peer.reset()): on some machines an implicit RST shows up as a FIN.
 *
 * Timing: the idle message is accepted between 0.9 s and 2.5 s after the checker's last
 * input (the rule says 1.0 s; the upper margin is for a loaded machine).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  defineScenarios,
  describeExit,
  fill,
  programFailure,
  quoted,
  text,
  type FailureDetails,
  type PeerSocket,
  type ReadOutcome,
  type ScenarioContext,
  type StartedServer,
  type Text,
} from '../../../src/checks/kit.ts';
import { connectPeer } from '../../../src/peers/tcp.ts';
import { Transcript } from '../../../src/peers/transcript.ts';

const INTEROP = path.join(path.dirname(fileURLToPath(import.meta.url)), 'interop');
const IDLE_MESSAGE = 'ERR idle timeout';
/** The idle message may come this soon after the last input (the rule says 1000 ms)… */
const IDLE_EARLIEST_MS = 900;
/** …and no later than this (generous: the machine may be loaded). */
const IDLE_LATEST_MS = 2500;
/** The rule's grace period between the server's FIN and its destroy(). */
const GRACE_MS = 500;

const who = {
  checker: text('checker (client)', '검사기 (클라이언트)'),
  stubborn: text('stubborn client (checker)', '고집 센 클라이언트 (검사기)'),
  monitor: text('second client (checker)', '두 번째 클라이언트 (검사기)'),
  server: text('your server', '내 서버'),
  pyClient: text('Python client', 'Python 클라이언트'),
  javaClient: text('Java client', 'Java 클라이언트'),
};

const seconds = (ms: number): string => (ms / 1000).toFixed(2);

// ─── The server ended: say why, in this lesson's terms ────────────────────────────────────

/** Why the server process ended, read from what it printed. */
function crashFailure(server: StartedServer, during: Text): FailureDetails {
  const program = server.program;
  const exit = program.exitInfo!;
  const stderr = program.stderr();
  const summary = fill(text('Your server stopped {during}: {how}.', '{during} 서버가 멈췄습니다: {how}.'), { during, how: describeExit(exit) });
  if (/ERR_STREAM_WRITE_AFTER_END|write after end/.test(stderr)) {
    return {
      reason: 'crashed-write-after-end',
      summary,
      actual: text('Error [ERR_STREAM_WRITE_AFTER_END]: write after end', 'Error [ERR_STREAM_WRITE_AFTER_END]: write after end'),
      cause: text(
        'Something wrote to a socket that had already been ended: a SLOW timer (or a reply to a late line) fired after the idle timeout, QUIT or the peer had ended the connection. Writing after end() is an error, and an error nobody handles ends the process.',
        '이미 끝낸(end) 소켓에 무언가를 썼습니다. 유휴 타임아웃, QUIT, 또는 상대의 종료 뒤에 SLOW 타이머(또는 늦게 온 줄에 대한 답)가 실행된 것입니다. end() 뒤의 write는 오류이고, 아무도 처리하지 않는 오류는 프로세스를 끝냅니다.',
      ),
      fix: text(
        "Check before every late write: if (!socket.writable) return; — and clear a connection's timers in its 'close' handler.",
        "늦게 쓰는 곳마다 먼저 확인하세요: if (!socket.writable) return; 그리고 연결의 타이머는 'close' 핸들러에서 정리하세요.",
      ),
      section: 'late-writes',
    };
  }
  if (/ECONNRESET/.test(stderr)) {
    return {
      reason: 'crashed-on-reset',
      summary,
      actual: text('Error: read ECONNRESET (an unhandled \'error\' event)', "Error: read ECONNRESET (처리되지 않은 'error' 이벤트)"),
      cause: text(
        "A client reset its connection (RST). Node reports that as an 'error' event on that socket, and an 'error' event with no listener throws: one rude client took the whole server down, with every other client on it.",
        "클라이언트가 연결을 리셋(RST)했습니다. Node는 이를 그 소켓의 'error' 이벤트로 알리는데, 리스너가 없는 'error' 이벤트는 예외가 됩니다. 무례한 클라이언트 하나가 다른 모든 클라이언트와 함께 서버 전체를 쓰러뜨린 것입니다.",
      ),
      fix: text(
        "Give every socket an 'error' listener: socket.on('error', (err) => console.log(err.code)). 'close' still follows, so clean up there.",
        "모든 소켓에 'error' 리스너를 다세요: socket.on('error', (err) => console.log(err.code)). 그 뒤에도 'close'는 오므로 정리는 거기서 하면 됩니다.",
      ),
      section: 'errors',
    };
  }
  if (/EPIPE/.test(stderr)) {
    return {
      reason: 'crashed-on-epipe',
      summary,
      actual: text('Error: write EPIPE (an unhandled \'error\' event)', "Error: write EPIPE (처리되지 않은 'error' 이벤트)"),
      cause: text(
        "Your server wrote to a connection the peer had already closed (EPIPE: broken pipe). Node reports it as an 'error' event; with no listener, the process ends.",
        "상대가 이미 닫은 연결에 서버가 썼습니다(EPIPE: broken pipe). Node는 이를 'error' 이벤트로 알리고, 리스너가 없으면 프로세스가 끝납니다.",
      ),
      fix: text(
        "Add socket.on('error', …) on every socket, and check socket.writable before late writes.",
        "모든 소켓에 socket.on('error', …)를 달고, 늦게 쓰기 전에는 socket.writable을 확인하세요.",
      ),
      section: 'errors',
    };
  }
  return programFailure('server.ts', exit, program, 'during-exchange');
}

/** Fails with the crash if the server process has ended. */
async function expectAlive(ctx: ScenarioContext, server: StartedServer, during: Text): Promise<void> {
  const exit = await server.program.waitExit(150);
  if (exit) ctx.fail(crashFailure(server, during));
}

/** What a read brought, in words. */
function describeRead(r: ReadOutcome<Buffer>, ms: number): Text {
  if (r.ok) return text(quoted(Buffer.concat([r.value, Buffer.from('\n')])), quoted(Buffer.concat([r.value, Buffer.from('\n')])));
  const got = r.partial.length > 0 ? `${quoted(r.partial)}` : '';
  if (r.reason === 'closed') {
    const how = r.how.toUpperCase();
    return got
      ? text(`${got} (no newline), then ${how}`, `${got}(줄바꿈 없음), 그다음 ${how}`)
      : text(`nothing, then ${how}: the connection was closed`, `아무것도 없이 ${how}: 연결이 닫힘`);
  }
  return got
    ? text(`${got} with no newline, then nothing for ${ms} ms`, `줄바꿈 없는 ${got}, 그 뒤 ${ms}ms 동안 아무것도 없음`)
    : text(`nothing for ${ms} ms`, `${ms}ms 동안 아무것도 없음`);
}

const lineOf = (r: ReadOutcome<Buffer>): string | undefined => (r.ok ? r.value.toString('utf8').replace(/\r$/, '') : undefined);

/** Sends one command and expects one reply line. */
async function ask(ctx: ScenarioContext, server: StartedServer, peer: PeerSocket, command: string, expected: string, during: Text): Promise<void> {
  await peer.send(`${command}\n`);
  const r = await peer.readLine(2000);
  if (lineOf(r) === expected) return;
  await expectAlive(ctx, server, during);
  ctx.fail({
    reason: 'no-reply',
    summary: fill(text('Your server did not answer {cmd} with {exp}.', '서버가 {cmd}에 {exp}(으)로 답하지 않았습니다.'), {
      cmd: quoted(`${command}\n`),
      exp: quoted(`${expected}\n`),
    }),
    expected: quoted(`${expected}\n`),
    actual: describeRead(r, 2000),
    cause: text(
      "The commands are lesson 06's. If they worked there, look at what runs before them: a 'data' handler that ignores input after the socket ended, or a socket closed too early.",
      "명령은 레슨 06과 같습니다. 거기서 동작했다면 그 앞에서 실행되는 코드를 보세요. 소켓이 끝난 뒤의 입력을 무시하는 'data' 핸들러, 또는 너무 일찍 닫힌 소켓이 있을 수 있습니다.",
    ),
    section: 'the-exchange',
  });
}

/** A fresh client must still get PONG: the server survived and still accepts. */
async function healthCheck(ctx: ScenarioContext, server: StartedServer, during: Text): Promise<void> {
  await expectAlive(ctx, server, during);
  const t = ctx.transcript(text('new client (checker)', '새 클라이언트 (검사기)'), who.server);
  const peer = await ctx.connect(server.port, t);
  await ask(ctx, server, peer, 'PING', 'PONG', during);
  peer.halfClose();
}

// ─── The idle rule ────────────────────────────────────────────────────────────────────────

interface IdleOutcome {
  /** When the idle message arrived. */
  messageAt: number;
  /** When the FIN after it arrived. */
  finAt: number;
}

const idleExpected = text(
  `"${IDLE_MESSAGE}\\n" then FIN, ${IDLE_EARLIEST_MS / 1000}–${IDLE_LATEST_MS / 1000} s after the last input`,
  `마지막 입력 ${IDLE_EARLIEST_MS / 1000}–${IDLE_LATEST_MS / 1000}초 뒤에 "${IDLE_MESSAGE}\\n", 그다음 FIN`,
);

/**
 * Waits for the idle message and the FIN after it. `since` is when the checker sent its last
 * input: the server cannot have received it earlier, so its 1000 ms cannot end before
 * since + 1000.
 */
async function expectIdleClose(
  ctx: ScenarioContext,
  server: StartedServer,
  peer: PeerSocket,
  since: number,
  other?: (line: string, afterMs: number) => FailureDetails | undefined,
): Promise<IdleOutcome> {
  const r = await peer.readLine(Math.max(100, since + IDLE_LATEST_MS - Date.now()));
  const messageAt = Date.now();
  const after = messageAt - since;
  const during = text('while the checker waited for the idle timeout', '검사기가 유휴 타임아웃을 기다리는 동안');
  if (!r.ok) {
    await expectAlive(ctx, server, during);
    if (r.reason === 'timeout') {
      ctx.fail({
        reason: 'no-idle-timeout',
        summary: fill(
          text('After {s} s of silence your server had not sent "{msg}\\n", and the connection was still open.', '검사기가 {s}초 동안 아무것도 보내지 않았는데도 서버는 "{msg}\\n"을 보내지 않았고, 연결도 그대로 열려 있었습니다.'),
          { s: seconds(after), msg: IDLE_MESSAGE },
        ),
        expected: idleExpected,
        actual: describeRead(r, after),
        cause: text(
          "There is no idle timeout, or its handler does not act. socket.setTimeout(ms) only NOTIFIES: it emits 'timeout' and leaves the connection exactly as it was. Nothing is sent or closed unless your handler does it.",
          "유휴 타임아웃이 없거나, 핸들러가 아무 일도 하지 않습니다. socket.setTimeout(ms)는 알려 주기만 합니다. 'timeout' 이벤트를 내보낼 뿐 연결은 그대로 둡니다. 핸들러가 직접 하지 않으면 아무것도 보내지도, 닫지도 않습니다.",
        ),
        fix: text(
          "socket.setTimeout(1000); socket.on('timeout', () => socket.end('ERR idle timeout\\n'));",
          "socket.setTimeout(1000); socket.on('timeout', () => socket.end('ERR idle timeout\\n'));",
        ),
        section: 'idle-timeouts',
      });
    }
    const partial = r.partial.toString('utf8');
    ctx.fail({
      reason: partial === '' ? 'idle-closed-without-message' : 'wrong-idle-message',
      summary:
        partial === ''
          ? fill(text('Your server closed the idle connection ({how}) without sending "{msg}\\n".', '서버가 "{msg}\\n"을 보내지 않고 유휴 연결을 닫았습니다({how}).'), { how: r.how.toUpperCase(), msg: IDLE_MESSAGE })
          : fill(text('The idle message was not "{msg}\\n".', '유휴 메시지가 "{msg}\\n"이 아니었습니다.'), { msg: IDLE_MESSAGE }),
      expected: idleExpected,
      actual: describeRead(r, after),
      cause:
        partial === ''
          ? text(
              'The peer must learn why it was disconnected. destroy() closes at once and throws away writes still queued; it also sends no line of its own.',
              '상대는 왜 끊겼는지 알아야 합니다. destroy()는 즉시 닫으면서 아직 큐에 남은 쓰기를 버리고, 스스로 아무 줄도 보내지 않습니다.',
            )
          : text('The message must end with a newline: the client reads lines.', '메시지는 줄바꿈으로 끝나야 합니다. 클라이언트는 줄 단위로 읽습니다.'),
      fix: text("socket.end('ERR idle timeout\\n') — end(data) writes, flushes, then sends FIN.", "socket.end('ERR idle timeout\\n') — end(data)는 쓰고, 다 내보낸 뒤 FIN을 보냅니다."),
      section: 'closing-three-ways',
    });
  }
  const line = r.value.toString('utf8').replace(/\r$/, '');
  if (line !== IDLE_MESSAGE) {
    const special = other?.(line, after);
    if (special) ctx.fail(special);
    ctx.fail({
      reason: 'wrong-idle-message',
      summary: fill(text('Expected "{msg}\\n" after the silence; got {got}.', '침묵 뒤에 "{msg}\\n"을 기대했는데 {got}이(가) 왔습니다.'), { msg: IDLE_MESSAGE, got: quoted(`${line}\n`) }),
      expected: idleExpected,
      actual: fill(text('{got} after {s} s', '{s}초 뒤 {got}'), { got: quoted(`${line}\n`), s: seconds(after) }),
      cause: text('The idle message is exactly "ERR idle timeout", on a line of its own.', '유휴 메시지는 정확히 "ERR idle timeout"이고, 한 줄을 차지합니다.'),
      section: 'the-exchange',
    });
  }
  if (after < IDLE_EARLIEST_MS) {
    ctx.fail({
      reason: 'idle-too-early',
      summary: fill(text('Your server timed the connection out after only {s} s of silence.', '서버가 겨우 {s}초 동안의 침묵 뒤에 연결을 타임아웃시켰습니다.'), { s: seconds(after) }),
      expected: idleExpected,
      actual: fill(text('"{msg}\\n" after {s} s', '{s}초 뒤 "{msg}\\n"'), { msg: IDLE_MESSAGE, s: seconds(after) }),
      cause: text(
        'The idle clock must count from the last input. A timer started once when the client connected, or a shorter value, cuts off clients that are still talking.',
        '유휴 시계는 마지막 입력부터 세야 합니다. 접속할 때 한 번 시작한 타이머나 더 짧은 값은 아직 말하고 있는 클라이언트를 끊어 버립니다.',
      ),
      fix: text('socket.setTimeout(1000) restarts its clock on every read and write by itself.', 'socket.setTimeout(1000)은 읽고 쓸 때마다 스스로 시계를 다시 시작합니다.'),
      section: 'idle-timeouts',
    });
  }
  peer.transcript.note(fill(text('(idle message {s} s after the last input)', '(마지막 입력 {s}초 뒤 유휴 메시지)'), { s: seconds(after) }));
  const how = await peer.waitClosed(1500);
  if (how === 'timeout') {
    await expectAlive(ctx, server, during);
    ctx.fail({
      reason: 'idle-no-fin',
      summary: fill(text('Your server sent "{msg}\\n" but did not close the connection.', '서버가 "{msg}\\n"을 보냈지만 연결을 닫지 않았습니다.'), { msg: IDLE_MESSAGE }),
      expected: idleExpected,
      actual: fill(text('"{msg}\\n", then the connection stayed open for 1.5 s', '"{msg}\\n", 그 뒤 1.5초 동안 연결이 열려 있음'), { msg: IDLE_MESSAGE }),
      cause: text(
        "write() only sends. The idle connection is still open: it still counts, holds memory and a file descriptor, and the client may wait forever for more.",
        'write()는 보내기만 합니다. 유휴 연결이 여전히 열려 있어서 계속 자리를 차지하고, 메모리와 파일 디스크립터를 붙잡으며, 클라이언트는 뭔가 더 오기를 영원히 기다릴 수 있습니다.',
      ),
      fix: text("Use socket.end('ERR idle timeout\\n'): the message, then FIN.", "socket.end('ERR idle timeout\\n')을 쓰세요. 메시지를 보내고 나서 FIN을 보냅니다."),
      section: 'closing-three-ways',
    });
  }
  if (how === 'rst') {
    ctx.fail({
      reason: 'idle-destroyed-not-ended',
      summary: text('Your server reset (RST) the idle connection instead of closing it with FIN.', '서버가 유휴 연결을 FIN으로 닫지 않고 리셋(RST)했습니다.'),
      expected: idleExpected,
      actual: fill(text('"{msg}\\n", then RST', '"{msg}\\n", 그다음 RST'), { msg: IDLE_MESSAGE }),
      cause: text(
        'An RST tells the peer "something broke", and the peer may throw away data it has not read yet — including your message.',
        'RST는 상대에게 "뭔가 고장 났다"고 알리고, 상대는 아직 읽지 않은 데이터(여러분의 메시지를 포함해)를 버릴 수 있습니다.',
      ),
      fix: text("socket.end('ERR idle timeout\\n'), and destroy() only 500 ms later if the peer has not closed.", "socket.end('ERR idle timeout\\n')을 쓰고, 상대가 500ms 안에 닫지 않을 때만 destroy()하세요."),
      section: 'closing-three-ways',
    });
  }
  return { messageAt, finAt: Date.now() };
}

// ─── Scenarios ────────────────────────────────────────────────────────────────────────────

/** T1: silence → message, FIN; and the server still reads (half-close) for a moment. */
async function idleTimeout(ctx: ScenarioContext): Promise<void> {
  const server = await ctx.startServer();
  const t = ctx.transcript(who.checker, who.server);
  const peer = await ctx.connect(server.port, t);
  const during = text('during the idle timeout', '유휴 타임아웃 도중에');
  const since = Date.now();
  await ask(ctx, server, peer, 'PING', 'PONG', during);
  await expectIdleClose(ctx, server, peer, since);

  // After end() our side is closed for writing, but the server's socket stays open for
  // reading until we close or 500 ms pass. Lines sent now must be ignored — not answered
  // (a write after end()) and not refused with a reset (a socket already destroyed).
  await peer.send('PING\n');
  await sleep(60);
  await peer.send('PING\n');
  const lastSentAt = Date.now();
  await peer.waitFor(() => peer.error !== undefined, 200);
  // A correct server cannot destroy before since + 1000 (idle) + 500 (grace): only an error
  // provoked by lines sent before that is conclusive.
  if (peer.error && lastSentAt < since + 1000 + GRACE_MS - 50) {
    await expectAlive(ctx, server, during);
    ctx.fail({
      reason: 'idle-destroyed-not-ended',
      summary: text(
        'Right after the idle message your server\'s socket was already gone: a line sent within 0.1 s was refused with a reset.',
        '유휴 메시지 직후 서버의 소켓이 이미 사라져 있었습니다. 0.1초 안에 보낸 줄이 리셋으로 거부되었습니다.',
      ),
      expected: text(
        '"ERR idle timeout\\n", FIN, and the socket still open (reading, ignoring input) for up to 500 ms',
        '"ERR idle timeout\\n", FIN, 그리고 최대 500ms 동안 열려 있는 소켓(읽되 입력은 무시)',
      ),
      actual: fill(text('the next line got {code}: the socket had been destroyed', '다음 줄이 {code}를 받음: 소켓이 이미 파괴됨'), { code: peer.error.code ?? 'an error' }),
      cause: text(
        'destroy() closes both directions at once and throws away writes still queued — on a busy connection the peer never sees your message. Or a reply written after your end() raised ERR_STREAM_WRITE_AFTER_END, which destroys the socket.',
        'destroy()는 양방향을 즉시 닫고 아직 큐에 남은 쓰기를 버립니다. 바쁜 연결에서는 상대가 메시지를 끝내 못 봅니다. 또는 end() 뒤에 쓴 답장이 ERR_STREAM_WRITE_AFTER_END를 일으켜 소켓이 파괴되었을 수도 있습니다.',
      ),
      fix: text(
        "socket.end('ERR idle timeout\\n') (half-close: FIN after the message), ignore input once !socket.writable, and destroy() only if the peer has not closed 500 ms later.",
        "socket.end('ERR idle timeout\\n')(반닫기: 메시지 뒤에 FIN)를 쓰고, !socket.writable이면 입력을 무시하고, 500ms 뒤에도 상대가 닫지 않았을 때만 destroy()하세요.",
      ),
      section: 'closing-three-ways',
    });
  }
  peer.halfClose();
  await expectAlive(ctx, server, during);
}

/** The idle clock restarts on input: a talking client is never cut off; then it is. */
async function activeClientStays(ctx: ScenarioContext): Promise<void> {
  const server = await ctx.startServer();
  const t = ctx.transcript(who.checker, who.server);
  const peer = await ctx.connect(server.port, t);
  const during = text('while a client was sending PING every 0.3 s', '클라이언트가 0.3초마다 PING을 보내는 동안');
  const started = Date.now();
  let since = started;
  let widestGap = 0; // the checker's own gaps between PINGs (a starved checker sleeps longer)
  for (let i = 0; i < 8; i++) {
    if (i > 0) await sleep(300);
    const now = Date.now();
    if (i > 0) widestGap = Math.max(widestGap, now - since);
    since = now;
    await peer.send('PING\n');
    const r = await peer.readLine(2000);
    const line = lineOf(r);
    if (line === 'PONG') continue;
    await expectAlive(ctx, server, during);
    const idle = line === IDLE_MESSAGE || (!r.ok && r.partial.toString('utf8').startsWith('ERR idle'));
    const closed = !r.ok && r.reason === 'closed';
    if ((idle || closed) && widestGap > 800) {
      // Not the server's fault: the checker itself went quiet for most of a second.
      ctx.skipScenario(
        fill(
          text('The checker was too slow here: {ms} ms passed between two PINGs, so a timeout proves nothing. Check again.', '검사기가 너무 느렸습니다. 두 PING 사이에 {ms}ms가 지나서 타임아웃이 아무것도 증명하지 못합니다. 다시 검사하세요.'),
          { ms: widestGap },
        ),
      );
    }
    if (idle || closed) {
      ctx.fail({
        reason: 'idle-timer-not-reset',
        summary: fill(
          text('Your server timed out a client that had sent PING every 0.3 s ({s} s after it connected).', '0.3초마다 PING을 보낸 클라이언트를 서버가 타임아웃시켰습니다(접속 {s}초 뒤).'),
          { s: seconds(Date.now() - started) },
        ),
        expected: text('"PONG\\n" for every PING: the client was never silent for 1 s', '모든 PING에 "PONG\\n": 클라이언트는 1초 동안 조용했던 적이 없음'),
        actual: describeRead(r, 2000),
        cause: text(
          'The idle clock must restart on every input. A plain setTimeout(…, 1000) started once when the client connects fires 1 s later however busy the client is.',
          '유휴 시계는 입력이 올 때마다 다시 시작해야 합니다. 접속할 때 한 번 건 setTimeout(…, 1000)은 클라이언트가 아무리 바빠도 1초 뒤에 실행됩니다.',
        ),
        fix: text(
          "Use socket.setTimeout(1000) (it restarts by itself on every read and write), or clearTimeout and start again in your 'data' handler.",
          "socket.setTimeout(1000)을 쓰세요(읽기·쓰기마다 스스로 다시 시작합니다). 아니면 'data' 핸들러에서 clearTimeout 후 다시 거세요.",
        ),
        section: 'idle-timeouts',
      });
    }
    ctx.fail({
      reason: 'no-reply',
      summary: text('Your server did not answer "PING\\n" with "PONG\\n".', '서버가 "PING\\n"에 "PONG\\n"으로 답하지 않았습니다.'),
      expected: quoted('PONG\n'),
      actual: describeRead(r, 2000),
      section: 'the-exchange',
    });
  }
  // Now silence: the idle rule must still apply, counted from the last PING.
  await expectIdleClose(ctx, server, peer, since);
  peer.halfClose();
}

/** T2: a FIN right after a command: the reply is still owed, then the server's FIN. */
async function halfCloseGetsReply(ctx: ScenarioContext): Promise<void> {
  const server = await ctx.startServer();
  const t = ctx.transcript(who.checker, who.server);
  const peer = await ctx.connect(server.port, t);
  await peer.send('SLOW 200\n');
  peer.halfClose(); // like nc -N, Python's shutdown(SHUT_WR), Java's shutdownOutput()
  const r = await peer.readLine(2500);
  if (lineOf(r) !== 'DONE') {
    await expectAlive(ctx, server, text('after the client half-closed', '클라이언트가 반닫기한 뒤'));
    ctx.fail({
      reason: 'reply-lost-after-half-close',
      summary: text(
        'The client sent "SLOW 200\\n" and then FIN (it has nothing more to say, but still reads): "DONE\\n" never came.',
        '클라이언트가 "SLOW 200\\n"을 보내고 FIN을 보냈습니다(더 보낼 것은 없지만 여전히 읽는 중). "DONE\\n"은 오지 않았습니다.',
      ),
      expected: text('"DONE\\n" about 0.2 s later, then FIN', '약 0.2초 뒤 "DONE\\n", 그다음 FIN'),
      actual: describeRead(r, 2500),
      cause: text(
        "By default (allowHalfOpen: false) Node answers the peer's FIN by ending your side at once; the DONE written 200 ms later is silently dropped. Calling end() yourself in 'end' does the same. A FIN only means \"I will send nothing more\", not \"I stopped listening\".",
        "기본값(allowHalfOpen: false)에서 Node는 상대의 FIN을 받으면 곧바로 내 쪽도 끝내 버리고, 200ms 뒤에 쓴 DONE은 소리 없이 버려집니다. 'end'에서 직접 end()를 불러도 마찬가지입니다. FIN은 \"더 보낼 것이 없다\"는 뜻이지 \"더 듣지 않겠다\"는 뜻이 아닙니다.",
      ),
      fix: text(
        "net.createServer({ allowHalfOpen: true }, …), and in 'end' call socket.end() only when no reply is pending (else after the last one).",
        "net.createServer({ allowHalfOpen: true }, …)로 만들고, 'end'에서는 보낼 답장이 남아 있지 않을 때만 socket.end()를 부르세요(남아 있으면 마지막 답장 뒤에).",
      ),
      section: 'half-open',
    });
  }
  const how = await peer.waitClosed(2000);
  const extra = peer.unread();
  if (how === 'timeout' || extra.length > 0) {
    await expectAlive(ctx, server, text('after the client half-closed', '클라이언트가 반닫기한 뒤'));
    ctx.fail({
      reason: 'no-end-after-half-close',
      summary: text('After "DONE\\n" your server did not close its side, though the client had already sent FIN.', '클라이언트가 이미 FIN을 보냈는데도 서버가 "DONE\\n" 뒤에 자기 쪽을 닫지 않았습니다.'),
      expected: text('"DONE\\n", then FIN', '"DONE\\n", 그다음 FIN'),
      actual: extra.length > 0
        ? fill(text('"DONE\\n", then {more}', '"DONE\\n", 그다음 {more}'), { more: quoted(extra) })
        : text('"DONE\\n", then the connection stayed open for 2 s', '"DONE\\n", 그 뒤 2초 동안 연결이 열려 있음'),
      cause: text(
        "With allowHalfOpen: true Node no longer ends your side when the peer's FIN comes: that is now your job. Waiting for the idle timeout leaves a finished client hanging for a second and sends it a needless error.",
        "allowHalfOpen: true이면 상대의 FIN이 와도 Node가 내 쪽을 끝내 주지 않습니다. 이제 그건 여러분의 일입니다. 유휴 타임아웃까지 기다리면 할 일을 마친 클라이언트를 1초 동안 붙잡아 두고, 쓸데없는 오류까지 보내게 됩니다.",
      ),
      fix: text(
        "Remember the peer's 'end'; after writing the last pending reply, call socket.end().",
        "상대의 'end'를 기억해 두었다가, 남은 마지막 답장을 쓴 뒤 socket.end()를 부르세요.",
      ),
      section: 'half-open',
    });
  }
}

/** T3: an RST in the middle of SLOW: the timer fires for a socket that is gone. */
async function resetDuringSlow(ctx: ScenarioContext): Promise<void> {
  const server = await ctx.startServer();
  const t = ctx.transcript(who.checker, who.server);
  const peer = await ctx.connect(server.port, t);
  await peer.send('SLOW 300\n');
  await sleep(100);
  peer.reset();
  t.note(text('(the SLOW timer fires 200 ms later)', '(SLOW 타이머는 200ms 뒤에 실행됨)'));
  await sleep(600);
  await healthCheck(ctx, server, text('after a client reset its connection in the middle of SLOW', '클라이언트가 SLOW 도중에 연결을 리셋한 뒤'));
}

/** The SLOW timer fires after the idle timeout has ended the socket (the peer still open). */
async function slowReplyAfterIdle(ctx: ScenarioContext): Promise<void> {
  const server = await ctx.startServer();
  const t = ctx.transcript(who.stubborn, who.server);
  const peer = await ctx.connect(server.port, t);
  const since = Date.now();
  await peer.send('SLOW 1200\n');
  await expectIdleClose(ctx, server, peer, since, (line, after) =>
    line === 'DONE'
      ? {
          reason: 'no-idle-timeout',
          summary: fill(
            text('"SLOW 1200" was answered after {s} s, but the idle timeout should have ended the connection at 1.0 s.', '"SLOW 1200"에 {s}초 뒤에 답이 왔지만, 그 전에 1.0초에서 유휴 타임아웃이 연결을 끝냈어야 합니다.'),
            { s: seconds(after) },
          ),
          expected: idleExpected,
          actual: fill(text('"DONE\\n" after {s} s', '{s}초 뒤 "DONE\\n"'), { s: seconds(after) }),
          cause: text(
            'The idle clock counts time without input, and a pending SLOW does not stop it — or there is no idle timeout at all.',
            '유휴 시계는 입력이 없는 시간을 셉니다. 대기 중인 SLOW가 있어도 멈추지 않습니다. 아니면 유휴 타임아웃이 아예 없는 것입니다.',
          ),
          fix: text("socket.setTimeout(1000); socket.on('timeout', () => socket.end('ERR idle timeout\\n'));", "socket.setTimeout(1000); socket.on('timeout', () => socket.end('ERR idle timeout\\n'));"),
          section: 'idle-timeouts',
        }
      : undefined,
  );
  // We stay open (no FIN back): the server's socket is ended but not yet destroyed when its
  // SLOW timer fires at 1.2 s. Wait past that, then see that the server is still there.
  t.note(text('(the checker keeps its side open; the SLOW timer fires at 1.2 s)', '(검사기는 자기 쪽을 열어 둠; SLOW 타이머는 1.2초에 실행됨)'));
  await sleep(Math.max(0, since + 1200 + 600 - Date.now()));
  await healthCheck(ctx, server, text('when the SLOW timer fired after the idle timeout', '유휴 타임아웃 뒤에 SLOW 타이머가 실행될 때'));
}

/** T5: a client that ignores the FIN, never closes and keeps talking: the hard deadline. */
async function stubbornHalfOpen(ctx: ScenarioContext): Promise<void> {
  const server = await ctx.startServer();
  const t = ctx.transcript(who.stubborn, who.server);
  const stubborn = await ctx.connect(server.port, t);
  const since = Date.now();
  await ask(ctx, server, stubborn, 'PING', 'PONG', text('before the idle timeout', '유휴 타임아웃 전에'));
  const { finAt } = await expectIdleClose(ctx, server, stubborn, since);
  t.note(text('(the stubborn client ignores the FIN and keeps sending)', '(고집 센 클라이언트는 FIN을 무시하고 계속 보냄)'));

  const mt = ctx.transcript(who.monitor, who.server);
  const monitor = await ctx.connect(server.port, mt);
  const during = text('while a stubborn client kept its connection half-open', '고집 센 클라이언트가 연결을 반쯤 열어 둔 동안');
  const limit = finAt + GRACE_MS + 2000;
  let count: string | undefined;
  for (;;) {
    if (!stubborn.error) await stubborn.send('PING\n');
    await monitor.send('COUNT\n');
    const r = await monitor.readLine(2000);
    count = lineOf(r);
    if (count === undefined) {
      await expectAlive(ctx, server, during);
      ctx.fail({
        reason: 'no-reply',
        summary: text('Your server did not answer "COUNT\\n".', '서버가 "COUNT\\n"에 답하지 않았습니다.'),
        expected: text('the number of open connections, e.g. "1\\n"', '열린 연결의 수, 예: "1\\n"'),
        actual: describeRead(r, 2000),
        section: 'the-exchange',
      });
    }
    if (count === '1' || Date.now() > limit) break;
    await sleep(250);
  }
  if (count === '1') {
    monitor.halfClose();
    return;
  }
  await expectAlive(ctx, server, during);
  const gone = stubborn.error !== undefined;
  ctx.fail(
    gone
      ? {
          reason: 'count-leak',
          summary: fill(
            text('The stubborn connection was closed, yet COUNT still says {n}.', '고집 센 연결은 닫혔는데 COUNT는 여전히 {n}입니다.'),
            { n: count ?? '?' },
          ),
          expected: text('"1\\n" (only the client asking)', '"1\\n"(묻는 클라이언트 하나뿐)'),
          actual: quoted(`${count}\n`),
          cause: text(
            "A connection you destroy() (or that is reset) never emits 'end': 'end' means the peer sent FIN. If you forget connections in 'end', those stay counted forever.",
            "destroy()한(또는 리셋된) 연결은 'end'를 내보내지 않습니다. 'end'는 상대가 FIN을 보냈다는 뜻이기 때문입니다. 'end'에서 연결을 지우면 그런 연결은 영원히 세어집니다.",
          ),
          fix: text("Remove the socket from your set in 'close': it comes exactly once, however the connection ends.", "'close'에서 집합에서 소켓을 지우세요. 연결이 어떻게 끝나든 정확히 한 번 옵니다."),
          section: 'the-events',
        }
      : {
          reason: 'no-hard-deadline',
          summary: fill(
            text('{s} s after your FIN the stubborn client\'s connection was still open (COUNT = {n}).', 'FIN을 보내고 {s}초가 지나도 고집 센 클라이언트의 연결이 열려 있었습니다(COUNT = {n}).'),
            { s: seconds(Date.now() - finAt), n: count ?? '?' },
          ),
          expected: text('destroy() 0.5 s after the FIN if the peer has not closed: COUNT back to "1\\n"', '상대가 FIN 뒤 0.5초 안에 닫지 않으면 destroy(): COUNT가 다시 "1\\n"'),
          actual: fill(text('COUNT = {n}; the stubborn client could still send', 'COUNT = {n}; 고집 센 클라이언트는 여전히 보낼 수 있었음'), { n: count ?? '?' }),
          cause: text(
            "end() only closes YOUR half. A peer that never closes its half keeps the connection — its memory, its file descriptor, and server.close() — alive forever. Keep-alive probes won't help: the peer's machine is fine, it just won't hang up.",
            'end()는 내 쪽 절반만 닫습니다. 자기 쪽을 닫지 않는 상대는 연결과 그 메모리, 파일 디스크립터, 그리고 server.close()까지 영원히 붙잡아 둡니다. keepalive 탐지도 소용없습니다. 상대 컴퓨터는 멀쩡하고, 그저 끊지 않을 뿐이니까요.',
          ),
          fix: text(
            "After socket.end(…), start a deadline: const t = setTimeout(() => socket.destroy(), 500); clear it in 'close'. Not another socket.setTimeout: a chatty peer keeps resetting that one.",
            "socket.end(…) 뒤에 마감 시간을 거세요: const t = setTimeout(() => socket.destroy(), 500); 'close'에서 해제합니다. socket.setTimeout을 다시 쓰면 안 됩니다. 계속 말하는 상대가 그 시계를 계속 되돌립니다.",
          ),
          section: 'hard-deadline',
        },
  );
}

// ─── T4: many connections, every way of leaving ──────────────────────────────────────────

type Way = 'ping-then-fin' | 'reset-during-slow' | 'echo-then-reset' | 'quit' | 'reset-at-once' | 'fin-at-once';
const WAYS: Way[] = ['ping-then-fin', 'reset-during-slow', 'echo-then-reset', 'quit', 'reset-at-once', 'fin-at-once'];
const CYCLES = 1000;
const WARMUP = 120;
const PARALLEL = 20;
/** RSS growth over the measured cycles above which we call it a leak. */
const MAX_GROWTH_MIB = 48;

interface CycleProblem {
  way: Way;
  sent: string;
  expected: string;
  actual: Text;
}

/** One connection that comes and goes; returns what went wrong, if anything. */
async function cycle(port: number, way: Way, open: PeerSocket[]): Promise<CycleProblem | 'refused' | undefined> {
  const c = await connectPeer(port, '127.0.0.1', new Transcript(who.checker, who.server), 3000);
  if (!c.ok) return 'refused';
  const peer = c.peer;
  open.push(peer);
  const expectLine = async (send: string, expected: string): Promise<CycleProblem | undefined> => {
    await peer.send(send);
    // Generous: a correct server answers at once, but the checker itself may be starved of
    // CPU on a loaded machine while it juggles many sockets.
    const r = await peer.readLine(5000);
    return lineOf(r) === expected ? undefined : { way, sent: send, expected: `${expected}\n`, actual: describeRead(r, 5000) };
  };
  let problem: CycleProblem | undefined;
  switch (way) {
    case 'ping-then-fin':
      problem = await expectLine('PING\n', 'PONG');
      peer.halfClose();
      await peer.waitClosed(300);
      break;
    case 'reset-during-slow':
      await peer.send('SLOW 50\n');
      peer.reset();
      break;
    case 'echo-then-reset':
      problem = await expectLine('ECHO bye\n', 'bye');
      peer.reset();
      break;
    case 'quit':
      problem = await expectLine('QUIT\n', 'BYE');
      await peer.waitClosed(300);
      peer.halfClose();
      break;
    case 'reset-at-once':
      peer.reset();
      break;
    case 'fin-at-once':
      peer.halfClose();
      await peer.waitClosed(300);
      break;
  }
  peer.destroy();
  return problem;
}

async function runCycles(ctx: ScenarioContext, server: StartedServer, n: number, offset: number, open: PeerSocket[]): Promise<void> {
  const during = text('while clients came and went', '클라이언트들이 접속했다 떠나는 동안');
  for (let done = 0; done < n; done += PARALLEL) {
    const batch = Array.from({ length: Math.min(PARALLEL, n - done) }, (_, i) => WAYS[(offset + done + i) % WAYS.length]!);
    const results = await Promise.all(batch.map((way) => cycle(server.port, way, open)));
    for (const p of open.splice(0)) p.destroy();
    const problem = results.find((r) => r !== undefined);
    if (problem === undefined) continue;
    await expectAlive(ctx, server, during);
    if (problem === 'refused') {
      ctx.fail({
        reason: 'stopped-accepting',
        summary: fill(text('After {n} connections your server refused new ones.', '연결 {n}개 뒤에 서버가 새 연결을 거부했습니다.'), { n: offset + done }),
        cause: text('The server is running but no longer accepts: did it close its listening socket?', '서버는 실행 중이지만 더 이상 연결을 받지 않습니다. 리스닝 소켓을 닫았나요?'),
        section: 'the-exchange',
      });
    }
    ctx.fail({
      reason: 'no-reply',
      summary: fill(text('After {n} connections came and went, a client doing "{way}" got a wrong answer.', '연결 {n}개가 오간 뒤, "{way}"를 하던 클라이언트가 잘못된 답을 받았습니다.'), {
        n: offset + done,
        way: problem.way,
      }),
      expected: fill(text('{exp} for {sent}', '{sent}에 대해 {exp}'), { exp: quoted(problem.expected), sent: quoted(problem.sent) }),
      actual: problem.actual,
      section: 'the-exchange',
    });
  }
}

/** Asks COUNT until it says 1 (only the asker) or the time is up; returns the last answer. */
async function settleCount(ctx: ScenarioContext, server: StartedServer, peer: PeerSocket, ms: number): Promise<string | undefined> {
  const until = Date.now() + ms;
  for (;;) {
    await peer.send('COUNT\n');
    const r = await peer.readLine(4000); // generous: this scenario is about counts, not speed
    const n = lineOf(r);
    if (n === undefined) {
      await expectAlive(ctx, server, text('after many clients came and went', '많은 클라이언트가 오간 뒤'));
      ctx.fail({
        reason: 'no-reply',
        summary: text('Your server did not answer "COUNT\\n".', '서버가 "COUNT\\n"에 답하지 않았습니다.'),
        expected: text('the number of open connections, e.g. "1\\n"', '열린 연결의 수, 예: "1\\n"'),
        actual: describeRead(r, 4000),
        section: 'the-exchange',
      });
    }
    if (n === '1' || Date.now() > until) return n;
    if (n === 'ERR idle timeout') {
      // On a loaded machine the checker itself can pause for a second: the server was right
      // to drop our idle monitor. Ask again on a fresh connection.
      peer = await ctx.connect(server.port, peer.transcript);
      continue;
    }
    await sleep(200);
  }
}

async function manyConnections(ctx: ScenarioContext): Promise<void> {
  const server = await ctx.startServer();
  const open: PeerSocket[] = [];
  try {
    await runCycles(ctx, server, WARMUP, 0, open);
    const mt = ctx.transcript(who.monitor, who.server);
    let monitor = await ctx.connect(server.port, mt);
    await settleCount(ctx, server, monitor, 3000);
    monitor.halfClose();
    const before = await server.program.memory();

    await runCycles(ctx, server, CYCLES, WARMUP, open);
    mt.note(fill(text('({n} connections opened and closed: FIN, RST, half-close, QUIT)', '(연결 {n}개가 열리고 닫힘: FIN, RST, 반닫기, QUIT)'), { n: WARMUP + CYCLES }));
    monitor = await ctx.connect(server.port, mt);
    const count = await settleCount(ctx, server, monitor, 3000);
    const after = await server.program.memory();
    const mib = (b: number) => (b / 1024 / 1024).toFixed(1);
    const memNote =
      before !== undefined && after !== undefined
        ? fill(text('Resident memory: {a} MiB before, {b} MiB after {n} connections.', '상주 메모리: 연결 {n}개 전 {a}MiB, 후 {b}MiB.'), { a: mib(before), b: mib(after), n: CYCLES })
        : text('Resident memory could not be measured here.', '이 환경에서는 상주 메모리를 잴 수 없었습니다.');
    ctx.note(memNote);
    if (count !== '1') {
      ctx.fail({
        reason: 'count-leak',
        summary: fill(
          text('After {n} clients had come and gone, COUNT said {c} instead of 1.', '클라이언트 {n}개가 오간 뒤 COUNT가 1이 아니라 {c}였습니다.'),
          { n: WARMUP + CYCLES, c: count ?? '?' },
        ),
        expected: text('"1\\n" (only the client asking)', '"1\\n"(묻는 클라이언트 하나뿐)'),
        actual: quoted(`${count}\n`),
        cause: text(
          "Connections that ended with an RST (or that you destroyed) never emit 'end' — only 'close'. Forgetting connections in 'end' leaks one entry per reset client, forever.",
          "RST로 끝난 연결(또는 직접 destroy()한 연결)은 'end'를 내보내지 않고 'close'만 내보냅니다. 'end'에서 연결을 지우면 리셋된 클라이언트마다 하나씩 영원히 새어 나갑니다.",
        ),
        fix: text("Remove the socket (and clear its timers) in socket.on('close', …).", "socket.on('close', …)에서 소켓을 지우고 타이머도 정리하세요."),
        section: 'the-events',
      });
    }
    if (before !== undefined && after !== undefined && after - before > MAX_GROWTH_MIB * 1024 * 1024) {
      ctx.fail({
        reason: 'memory-grows',
        summary: fill(
          text('Your server\'s memory grew by {d} MiB over {n} short connections.', '짧은 연결 {n}개 동안 서버의 메모리가 {d}MiB 늘었습니다.'),
          { d: mib(after - before), n: CYCLES },
        ),
        expected: fill(text('less than {m} MiB of growth', '{m}MiB 미만의 증가'), { m: MAX_GROWTH_MIB }),
        actual: memNote,
        cause: text(
          'Something is kept for every connection and never released: a socket or buffer in a module-level collection, or a timer (setInterval) never cleared, which keeps its closure alive.',
          '연결마다 무언가가 남고 해제되지 않습니다. 모듈 수준 컬렉션에 든 소켓이나 버퍼, 또는 해제하지 않은 타이머(setInterval)가 클로저를 붙잡고 있을 수 있습니다.',
        ),
        fix: text("Release everything a connection owns in its 'close' handler.", "연결이 가진 것은 모두 그 연결의 'close' 핸들러에서 놓아 주세요."),
        section: 'the-events',
      });
    }
    monitor.halfClose();
  } finally {
    for (const p of open) p.destroy();
  }
}

// ─── The source's languages as half-closing clients ──────────────────────────────────────

async function externalHalfClose(ctx: ScenarioContext, lang: 'python' | 'java'): Promise<void> {
  const server = await ctx.startServer();
  const label = lang === 'python' ? who.pyClient : who.javaClient;
  const env = { PORT: String(server.port) };
  const program =
    lang === 'python'
      ? ctx.startPython(path.join(INTEROP, 'half_close.py'), { label, env })
      : ctx.startJava(path.join(INTEROP, 'HalfClose.java'), { label, env });
  const exit = await program.waitExit(10_000);
  const printed = program.stdout().replace(/\r\n/g, '\n').split('\n').map((l) => l.trimEnd());
  if (exit && exit.code === 0 && printed.includes('DONE')) return;
  await expectAlive(ctx, server, fill(text('while the {who} was connected', '{who}가 접속해 있는 동안'), { who: label }));
  ctx.fail({
    reason: 'reply-lost-after-half-close',
    summary: fill(
      text('The {who} sent "SLOW 200\\n", half-closed ({call}), and did not get "DONE".', '{who}가 "SLOW 200\\n"을 보내고 반닫기({call})를 했는데 "DONE"을 받지 못했습니다.'),
      { who: label, call: lang === 'python' ? 'shutdown(SHUT_WR)' : 'shutdownOutput()' },
    ),
    expected: text('it prints "DONE" and exits 0', '"DONE"을 출력하고 종료 코드 0으로 끝남'),
    actual: fill(text('it printed {out}, then {how}', '{out}; 그리고 {how}'), {
      out: program.stdout().trim() ? quoted(program.stdout()) : text('nothing', '아무것도 출력하지 않음'),
      how: describeExit(exit ?? 'timeout', 10_000),
    }),
    cause: text(
      "Real clients half-close: they send their request, then FIN, and wait for the answer. With Node's default (allowHalfOpen: false) that FIN ends your side at once, and the late reply is lost.",
      '실제 클라이언트는 반닫기를 합니다. 요청을 보내고 FIN을 보낸 뒤 답을 기다립니다. Node의 기본값(allowHalfOpen: false)에서는 그 FIN이 내 쪽을 곧바로 끝내 버려서 늦은 답장이 사라집니다.',
    ),
    fix: text("net.createServer({ allowHalfOpen: true }, …), and end() after the last pending reply.", "net.createServer({ allowHalfOpen: true }, …)로 만들고, 남은 마지막 답장 뒤에 end()하세요."),
    section: 'half-open',
  });
}

export default defineScenarios([
  {
    id: 'idle-timeout',
    title: text('silence → "ERR idle timeout\\n", then FIN (end, not destroy)', '침묵 → "ERR idle timeout\\n", 그다음 FIN (destroy가 아니라 end)'),
    timing: true,
    run: idleTimeout,
  },
  {
    id: 'active-client-stays',
    title: text('a client sending PING every 0.3 s is never timed out; silence then is', '0.3초마다 PING을 보내는 클라이언트는 타임아웃되지 않고, 조용해지면 타임아웃'),
    timing: true,
    run: activeClientStays,
  },
  {
    id: 'half-close-gets-reply',
    title: text('"SLOW 200\\n" then the client\'s FIN → "DONE\\n", then the server\'s FIN', '"SLOW 200\\n" 뒤 클라이언트의 FIN → "DONE\\n", 그다음 서버의 FIN'),
    run: halfCloseGetsReply,
  },
  {
    id: 'reset-during-slow',
    title: text('an RST in the middle of "SLOW 300" does not bring the server down', '"SLOW 300" 도중의 RST가 서버를 쓰러뜨리지 않음'),
    run: resetDuringSlow,
  },
  {
    id: 'slow-reply-after-idle',
    title: text('a SLOW timer firing after the idle timeout must not write (or crash)', '유휴 타임아웃 뒤에 실행되는 SLOW 타이머는 쓰지 않아야 함(죽지도 않아야 함)'),
    timing: true,
    run: slowReplyAfterIdle,
  },
  {
    id: 'stubborn-half-open',
    title: text('a client that never closes is destroyed 0.5 s after the idle FIN', '끝까지 닫지 않는 클라이언트는 유휴 FIN 0.5초 뒤에 파괴됨'),
    timing: true,
    run: stubbornHalfOpen,
  },
  {
    id: 'many-connections',
    title: text(`${WARMUP + CYCLES} connections come and go (FIN, RST, half-close, QUIT): COUNT back to 1, memory stable`, `연결 ${WARMUP + CYCLES}개가 오감(FIN, RST, 반닫기, QUIT): COUNT는 다시 1, 메모리는 그대로`),
    limitMs: 60_000,
    run: manyConnections,
  },
  {
    id: 'python-half-close',
    title: text('a Python client: "SLOW 200", shutdown(SHUT_WR), reads "DONE"', 'Python 클라이언트: "SLOW 200", shutdown(SHUT_WR), "DONE" 읽기'),
    limitMs: 15_000,
    run: (ctx) => externalHalfClose(ctx, 'python'),
  },
  {
    id: 'java-half-close',
    title: text('a Java client: "SLOW 200", shutdownOutput(), reads "DONE"', 'Java 클라이언트: "SLOW 200", shutdownOutput(), "DONE" 읽기'),
    limitMs: 30_000,
    run: (ctx) => externalHalfClose(ctx, 'java'),
  },
]);
