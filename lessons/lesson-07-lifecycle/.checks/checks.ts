/**
 * Lesson 07 — hidden checks. The protocol is lesson 06's line protocol (PING, ECHO, COUNT,
 * SLOW, QUIT) plus the idle rule: after 1000 ms with no input the server sends
 * "ERR idle timeout\n", end()s, and destroy()s if the peer has not closed 500 ms later.
 *
 * What the checker plays here is every way a peer can leave: a FIN with a reply still owed,
 * an RST in the middle of a command, a client that goes silent, a client that ignores the
 * server's FIN and never closes, a thousand clients coming and going, and generated lifecycles
 * (model.ts) that mix them. Resets are always injected explicitly (peer.reset()): on some
 * machines an implicit RST shows up as a FIN. Every connection goes through ctx.connect, so
 * the server's output limit grows with it (a log line per event fits).
 *
 * Timing: the idle message is accepted between 0.9 s and 2.5 s after the checker's last
 * input (the rule says 1.0 s; the upper margin is for a loaded machine).
 */
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { defineChecks } from '../../../src/checks/scenario.ts';
import { CheckFailure } from '../../../src/checks/scenario.ts';
import { describeExit, fill, quoted, text, type PeerSocket, type StartedServer } from '../../../src/checks/kit.ts';
import { mistakes } from './mistakes.ts';
import {
  GRACE_MS,
  IDLE_MESSAGE,
  ask,
  describeRead,
  expectAlive,
  expectIdleClose,
  healthCheck,
  idleExpected,
  lineOf,
  seconds,
  settleCount,
  sleep,
  who,
  type Ctx,
} from './steps.ts';
import { generatedLifecycles } from './generated.ts';

const INTEROP = path.join(path.dirname(fileURLToPath(import.meta.url)), 'interop');

// ─── Scenarios ────────────────────────────────────────────────────────────────────────────

/** Tries of the idle exchange before the probe's verdict is left open (a loaded machine). */
const IDLE_TRIES = 3;

/**
 * T1: silence → message, FIN; and the server still reads (half-close) for a moment.
 *
 * After end() the server's socket stays open for reading until the peer closes or 500 ms pass;
 * after destroy() the kernel answers any line with an RST. So right after the FIN the checker
 * sends two lines: an RST for them proves a destroy() only if they surely reached the server
 * within its grace period. When did that period start? Not before since + 1000 (the idle rule),
 * and not before the idle message reached the checker's kernel (end() writes it at once on an
 * idle loopback connection): that is when the checker read it, minus the checker's own worst
 * event-loop delay, measured over the exchange. The probes' send time is held to the later of
 * the two plus the grace, minus that delay again and a margin. A verdict that is still open (the
 * checker itself stalled for a quarter of a second) is tried again on a new connection, so a
 * server that destroys is caught on a loaded machine too, and a correct one is never blamed.
 */
async function idleTimeout(ctx: Ctx): Promise<void> {
  const server = await ctx.startServer();
  const during = text('during the idle timeout', '유휴 타임아웃 도중에');
  for (let attempt = 1; attempt <= IDLE_TRIES; attempt++) {
    const t = ctx.transcript(who.checker, who.server);
    const peer = await ctx.connect(server.port, t);
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    let probe: { lastSentAt: number; messageAt: number; since: number; lagMs: number };
    try {
      const since = Date.now();
      await ask(ctx, server, peer, 'PING', 'PONG', during);
      const { messageAt } = await expectIdleClose(ctx, server, peer, since);
      // Lines sent now must be ignored — not answered (a write after end()) and not refused
      // with a reset (a socket already destroyed).
      await peer.send('PING\n');
      await sleep(20);
      await peer.send('PING\n');
      const lastSentAt = Date.now();
      await peer.waitFor(() => peer.error !== undefined, 200);
      probe = { lastSentAt, messageAt, since, lagMs: lag.max / 1e6 };
    } finally {
      lag.disable();
    }
    if (peer.error) {
      const graceFrom = Math.max(probe.since + 1000, probe.messageAt - probe.lagMs - 10);
      const conclusive = probe.lastSentAt < graceFrom + GRACE_MS - probe.lagMs - 100;
      if (conclusive) {
        await expectAlive(ctx, server, during);
        ctx.fail('idle-destroyed-not-ended', {
          vars: { what: text('a line sent right after the idle message and FIN was refused with a reset', '유휴 메시지와 FIN 바로 뒤에 보낸 줄이 리셋으로 거부됨') },
          expected: text('"ERR idle timeout\\n", FIN, and the socket still open (reading, ignoring input) for up to 500 ms', '"ERR idle timeout\\n", FIN, 그리고 최대 500ms 동안 열려 있는 소켓(읽되 입력은 무시)'),
          actual: fill(text('a line sent {ms} ms after the idle message got {code}: the socket had been destroyed', '유휴 메시지 {ms}ms 뒤에 보낸 줄이 {code}를 받음: 소켓이 이미 파괴됨'), {
            ms: Math.round(probe.lastSentAt - probe.messageAt),
            code: peer.error.code ?? 'an error',
          }),
        });
      }
      t.note(
        fill(text('(the checker stalled for {ms} ms: a reset now proves nothing; trying again on a new connection)', '(검사기가 {ms}ms 멈춤: 지금의 리셋은 아무것도 증명하지 못함; 새 연결로 다시 시도)'), {
          ms: Math.round(probe.lagMs),
        }),
      );
      continue;
    }
    const late = peer.unread();
    if (late.length > 0) {
      ctx.fail('answered-after-end', { vars: { why: text('the idle timeout', '유휴 타임아웃'), got: quoted(late, 80) }, expected: text('nothing after the idle message and FIN', '유휴 메시지와 FIN 뒤에는 아무것도 없음'), actual: quoted(late, 80) });
    }
    peer.halfClose();
    await expectAlive(ctx, server, during);
    return;
  }
  // Every try met a stalled checker: nothing was proven against the server.
  await expectAlive(ctx, server, during);
}

/** The idle clock restarts on input: a talking client is never cut off; then it is. */
async function activeClientStays(ctx: Ctx): Promise<void> {
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
      ctx.fail('idle-timer-not-reset', {
        vars: { s: seconds(Date.now() - started) },
        expected: text('"PONG\\n" for every PING: the client was never silent for 1 s', '모든 PING에 "PONG\\n": 클라이언트는 1초 동안 조용했던 적이 없음'),
        actual: describeRead(r, 2000),
      });
    }
    ctx.fail('no-reply', { vars: { cmd: quoted('PING\n'), exp: quoted('PONG\n'), when: during }, expected: quoted('PONG\n'), actual: describeRead(r, 2000) });
  }
  // Now silence: the idle rule must still apply, counted from the last PING.
  await expectIdleClose(ctx, server, peer, since);
  peer.halfClose();
}

/** T2: a FIN right after a command: the reply is still owed, then the server's FIN. */
async function halfCloseGetsReply(ctx: Ctx): Promise<void> {
  const server = await ctx.startServer();
  const t = ctx.transcript(who.checker, who.server);
  const peer = await ctx.connect(server.port, t);
  const sentAt = Date.now();
  await peer.send('SLOW 200\n');
  peer.halfClose(); // like nc -N, Python's shutdown(SHUT_WR), Java's shutdownOutput()
  const r = await peer.readLine(2500);
  const during = text('after the client half-closed', '클라이언트가 반닫기한 뒤');
  if (lineOf(r) !== 'DONE') {
    await expectAlive(ctx, server, during);
    ctx.fail('reply-lost-after-half-close', {
      vars: { who: text("The checker's client", '검사기의 클라이언트'), req: quoted('SLOW 200\n'), call: 'end()', exp: quoted('DONE\n') },
      expected: text('"DONE\\n" about 0.2 s later, then FIN', '약 0.2초 뒤 "DONE\\n", 그다음 FIN'),
      actual: describeRead(r, 2500),
    });
  }
  // Both bounds of the reply's time: a timer never fires early, and 200 ms is not 1.2 s.
  const took = Date.now() - sentAt;
  if (took < 195 || took > 200 + 800) {
    ctx.fail('slow-reply-timing', { vars: { ms: 200, got: took }, expected: text('"DONE\\n" 200 ms after "SLOW 200\\n" (up to 0.8 s later on a loaded machine)', '"SLOW 200\\n" 200ms 뒤 "DONE\\n"(느린 컴퓨터에서는 0.8초까지 늦어도 됨)'), actual: fill(text('"DONE\\n" after {ms} ms', '{ms}ms 뒤 "DONE\\n"'), { ms: took }) });
  }
  const how = await peer.waitClosed(2000);
  const extra = peer.unread();
  if (how === 'timeout' || extra.length > 0) {
    await expectAlive(ctx, server, during);
    const got = extra.length > 0 ? fill(text('{more} came instead of a FIN', 'FIN 대신 {more}이(가) 옴'), { more: quoted(extra) }) : text('the connection stayed open for 2 s', '2초 동안 연결이 열려 있음');
    ctx.fail('no-end-after-half-close', { vars: { got }, expected: text('"DONE\\n", then FIN', '"DONE\\n", 그다음 FIN'), actual: got });
  }
}

/** T3: an RST in the middle of SLOW: the timer fires for a socket that is gone. */
async function resetDuringSlow(ctx: Ctx): Promise<void> {
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
async function slowReplyAfterIdle(ctx: Ctx): Promise<void> {
  const server = await ctx.startServer();
  const t = ctx.transcript(who.stubborn, who.server);
  const peer = await ctx.connect(server.port, t);
  const since = Date.now();
  await peer.send('SLOW 1200\n');
  await expectIdleClose(ctx, server, peer, since, (line, after) =>
    line === 'DONE'
      ? ctx.mistake('no-idle-timeout', {
          vars: { s: seconds(after), got: fill(text('"DONE\\n" came at {s} s instead', '그 대신 {s}초에 "DONE\\n"이 옴'), { s: seconds(after) }) },
          expected: idleExpected,
          actual: fill(text('"DONE\\n" after {s} s', '{s}초 뒤 "DONE\\n"'), { s: seconds(after) }),
        })
      : undefined,
  );
  // We stay open (no FIN back): the server's socket is ended but not yet destroyed when its
  // SLOW timer fires at 1.2 s. Wait past that, then see that the server is still there.
  t.note(text('(the checker keeps its side open; the SLOW timer fires at 1.2 s)', '(검사기는 자기 쪽을 열어 둠; SLOW 타이머는 1.2초에 실행됨)'));
  await sleep(Math.max(0, since + 1200 + 600 - Date.now()));
  await healthCheck(ctx, server, text('when the SLOW timer fired after the idle timeout', '유휴 타임아웃 뒤에 SLOW 타이머가 실행될 때'));
}

/** T5: a client that ignores the FIN, never closes and keeps talking: the hard deadline. */
async function stubbornHalfOpen(ctx: Ctx): Promise<void> {
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
      ctx.fail('no-reply', { vars: { cmd: quoted('COUNT\n'), exp: text('the number of open connections', '열린 연결의 수'), when: during }, expected: text('the number of open connections, e.g. "1\\n"', '열린 연결의 수, 예: "1\\n"'), actual: describeRead(r, 2000) });
    }
    if (count === '1' || Date.now() > limit) break;
    await sleep(250);
  }
  if (count === '1') {
    monitor.halfClose();
    return;
  }
  await expectAlive(ctx, server, during);
  if (stubborn.error !== undefined) {
    ctx.fail('count-leak', {
      vars: { when: text('After the stubborn connection was closed', '고집 센 연결이 닫힌 뒤'), c: count ?? '?' },
      expected: text('"1\\n" (only the client asking)', '"1\\n"(묻는 클라이언트 하나뿐)'),
      actual: quoted(`${count}\n`),
    });
  }
  ctx.fail('no-hard-deadline', {
    vars: { s: seconds(Date.now() - finAt), n: count ?? '?' },
    expected: text('destroy() 0.5 s after the FIN if the peer has not closed: COUNT back to "1\\n"', '상대가 FIN 뒤 0.5초 안에 닫지 않으면 destroy(): COUNT가 다시 "1\\n"'),
    actual: fill(text('COUNT = {n}; the stubborn client could still send', 'COUNT = {n}; 고집 센 클라이언트는 여전히 보낼 수 있었음'), { n: count ?? '?' }),
  });
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
  actual: ReturnType<typeof describeRead>;
}

/**
 * One connection that comes and goes; returns what went wrong, if anything. It connects
 * through ctx.connect, so each one grows the server's output limit (the kit's
 * outputBytesPerConnection): a server that logs every event is not stopped for it.
 */
async function cycle(ctx: Ctx, port: number, way: Way, open: PeerSocket[], transcript: ReturnType<Ctx['transcript']>): Promise<CycleProblem | 'refused' | undefined> {
  let peer: PeerSocket;
  try {
    peer = await ctx.connect(port, transcript);
  } catch (e) {
    if (e instanceof CheckFailure && e.details.reason === 'connect-failed') return 'refused';
    throw e;
  }
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

async function runCycles(ctx: Ctx, server: StartedServer, n: number, offset: number, open: PeerSocket[]): Promise<void> {
  const during = text('while clients came and went', '클라이언트들이 접속했다 떠나는 동안');
  // One transcript for the lot, kept quiet: a thousand connections are not a diagram. It is
  // not registered with ctx, so the report draws the monitor's exchange only.
  const { Transcript } = await import('../../../src/peers/transcript.ts');
  const quiet = new Transcript(who.checker, who.server);
  for (let done = 0; done < n; done += PARALLEL) {
    const batch = Array.from({ length: Math.min(PARALLEL, n - done) }, (_, i) => WAYS[(offset + done + i) % WAYS.length]!);
    const results = await Promise.all(batch.map((way) => cycle(ctx, server.port, way, open, quiet)));
    for (const p of open.splice(0)) p.destroy();
    const problem = results.find((r) => r !== undefined);
    if (problem === undefined) continue;
    await expectAlive(ctx, server, during);
    if (problem === 'refused') ctx.fail('stopped-accepting', { vars: { n: offset + done } });
    ctx.fail('no-reply', {
      vars: { cmd: quoted(problem.sent), exp: quoted(problem.expected), when: fill(text('after {n} connections came and went, doing "{way}"', '연결 {n}개가 오간 뒤, "{way}" 도중'), { n: offset + done, way: problem.way }) },
      expected: fill(text('{exp} for {sent}', '{sent}에 대해 {exp}'), { exp: quoted(problem.expected), sent: quoted(problem.sent) }),
      actual: problem.actual,
    });
  }
}

async function manyConnections(ctx: Ctx): Promise<void> {
  const server = await ctx.startServer();
  const open: PeerSocket[] = [];
  const during = text('after many clients came and went', '많은 클라이언트가 오간 뒤');
  try {
    await runCycles(ctx, server, WARMUP, 0, open);
    const mt = ctx.transcript(who.monitor, who.server);
    let monitor = await ctx.connect(server.port, mt);
    await settleCount(ctx, server, monitor, 3000, during);
    monitor.halfClose();
    const before = await server.program.memory();

    await runCycles(ctx, server, CYCLES, WARMUP, open);
    mt.note(fill(text('({n} connections opened and closed: FIN, RST, half-close, QUIT)', '(연결 {n}개가 열리고 닫힘: FIN, RST, 반닫기, QUIT)'), { n: WARMUP + CYCLES }));
    monitor = await ctx.connect(server.port, mt);
    const count = await settleCount(ctx, server, monitor, 3000, during);
    const after = await server.program.memory();
    const mib = (b: number) => (b / 1024 / 1024).toFixed(1);
    const memNote =
      before !== undefined && after !== undefined
        ? fill(text('Resident memory: {a} MiB before, {b} MiB after {n} connections.', '상주 메모리: 연결 {n}개 전 {a}MiB, 후 {b}MiB.'), { a: mib(before), b: mib(after), n: CYCLES })
        : text('Resident memory could not be measured here.', '이 환경에서는 상주 메모리를 잴 수 없었습니다.');
    ctx.figure(memNote);
    if (count !== '1') {
      ctx.fail('count-leak', {
        vars: { when: fill(text('After {n} clients had come and gone', '클라이언트 {n}개가 오간 뒤'), { n: WARMUP + CYCLES }), c: count ?? '?' },
        expected: text('"1\\n" (only the client asking)', '"1\\n"(묻는 클라이언트 하나뿐)'),
        actual: quoted(`${count}\n`),
      });
    }
    if (before !== undefined && after !== undefined && after - before > MAX_GROWTH_MIB * 1024 * 1024) {
      ctx.fail('memory-grows', {
        vars: { d: mib(after - before), n: CYCLES },
        expected: fill(text('less than {m} MiB of growth', '{m}MiB 미만의 증가'), { m: MAX_GROWTH_MIB }),
        actual: memNote,
      });
    }
    monitor.halfClose();
  } finally {
    for (const p of open) p.destroy();
  }
}

// ─── The source's languages as half-closing clients ──────────────────────────────────────

async function externalHalfClose(ctx: Ctx, lang: 'python' | 'java'): Promise<void> {
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
  await expectAlive(ctx, server, fill(text('while the {who} was connected', '{who}이(가) 접속해 있는 동안'), { who: label }));
  ctx.fail('reply-lost-after-half-close', {
    vars: { who: fill(text('The {who}', '{who}'), { who: label }), req: quoted('SLOW 200\n'), call: lang === 'python' ? 'shutdown(SHUT_WR)' : 'shutdownOutput()', exp: '"DONE"' },
    expected: text('it prints "DONE" and exits 0', '"DONE"을 출력하고 종료 코드 0으로 끝남'),
    actual: fill(text('it printed {out}, then {how}', '{out}; 그리고 {how}'), {
      out: program.stdout().trim() ? quoted(program.stdout()) : text('nothing', '아무것도 출력하지 않음'),
      how: describeExit(exit ?? 'timeout', 10_000),
    }),
  });
}

export default defineChecks({
  mistakes,
  scenarios: [
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
      title: text('"SLOW 200\\n" then the client\'s FIN → "DONE\\n" 0.2 s later, then the server\'s FIN', '"SLOW 200\\n" 뒤 클라이언트의 FIN → 0.2초 뒤 "DONE\\n", 그다음 서버의 FIN'),
      timing: true,
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
      id: 'generated-lifecycles',
      title: text(
        'generated lifecycles: one or two clients, commands cut at any byte, SLOWs in flight, then FIN, RST, QUIT or silence, held to the model',
        '만들어 낸 연결의 일생: 클라이언트 하나나 둘, 아무 바이트에서나 끊은 명령, 진행 중인 SLOW, 그다음 FIN·RST·QUIT·침묵을 모델과 비교',
      ),
      timing: true,
      limitMs: 30_000,
      run: generatedLifecycles,
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
  ],
});
