/**
 * Lesson 07 — the steps its scenarios share: why the server ended, what a read brought, asking
 * a command, a health check on a fresh connection, and waiting for the idle rule. Every failure
 * names a reason of mistakes.ts and gives its facts.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import {
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
import type { Reason } from './mistakes.ts';

export type Ctx = ScenarioContext<Reason>;

export const IDLE_MESSAGE = 'ERR idle timeout';
/** The idle message may come this soon after the last input (the rule says 1000 ms)… */
export const IDLE_EARLIEST_MS = 900;
/** …and no later than this (generous: the machine may be loaded). */
export const IDLE_LATEST_MS = 2500;
/** The rule's grace period between the server's FIN and its destroy(). */
export const GRACE_MS = 500;

export const who = {
  checker: text('checker (client)', '검사기 (클라이언트)'),
  stubborn: text('stubborn client (checker)', '고집 센 클라이언트 (검사기)'),
  monitor: text('second client (checker)', '두 번째 클라이언트 (검사기)'),
  fresh: text('new client (checker)', '새 클라이언트 (검사기)'),
  server: text('your server', '내 서버'),
  pyClient: text('Python client', 'Python 클라이언트'),
  javaClient: text('Java client', 'Java 클라이언트'),
};

export const seconds = (ms: number): string => (ms / 1000).toFixed(2);

/** Why the server process ended, read from what it printed; undefined if it still runs. */
export function serverEnded(ctx: Ctx, server: StartedServer, during: Text): FailureDetails | undefined {
  const program = server.program;
  const exit = program.exitInfo;
  if (!exit) return undefined;
  // A stop by the engine (output, memory, processes) is its own finding, never a crash.
  if (exit.stoppedFor) return programFailure('server.ts', exit, program, 'during-exchange');
  const stderr = program.stderr();
  const vars = { during, how: describeExit(exit) };
  if (/ERR_STREAM_WRITE_AFTER_END|write after end/.test(stderr)) {
    return ctx.mistake('crashed-write-after-end', { vars, actual: 'Error [ERR_STREAM_WRITE_AFTER_END]: write after end' });
  }
  if (/ECONNRESET/.test(stderr)) {
    return ctx.mistake('crashed-on-reset', { vars, actual: text("Error: read ECONNRESET (an unhandled 'error' event)", "Error: read ECONNRESET (처리되지 않은 'error' 이벤트)") });
  }
  if (/EPIPE/.test(stderr)) {
    return ctx.mistake('crashed-on-epipe', { vars, actual: text("Error: write EPIPE (an unhandled 'error' event)", "Error: write EPIPE (처리되지 않은 'error' 이벤트)") });
  }
  return programFailure('server.ts', exit, program, 'during-exchange');
}

/** Fails with the crash if the server process has ended. */
export async function expectAlive(ctx: Ctx, server: StartedServer, during: Text): Promise<void> {
  await server.program.waitExit(150);
  const ended = serverEnded(ctx, server, during);
  if (ended) ctx.fail(ended);
}

/** What a read brought, in words. */
export function describeRead(r: ReadOutcome<Buffer>, ms: number): Text {
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

export const lineOf = (r: ReadOutcome<Buffer>): string | undefined => (r.ok ? r.value.toString('utf8').replace(/\r$/, '') : undefined);

/** Sends one command and expects one reply line. */
export async function ask(ctx: Ctx, server: StartedServer, peer: PeerSocket, command: string, expected: string, during: Text): Promise<void> {
  await peer.send(`${command}\n`);
  const r = await peer.readLine(2000);
  if (lineOf(r) === expected) return;
  await expectAlive(ctx, server, during);
  ctx.fail('no-reply', { vars: { cmd: quoted(`${command}\n`), exp: quoted(`${expected}\n`), when: during }, expected: quoted(`${expected}\n`), actual: describeRead(r, 2000) });
}

/** A fresh client must still get PONG: the server survived and still accepts. */
export async function healthCheck(ctx: Ctx, server: StartedServer, during: Text): Promise<void> {
  await expectAlive(ctx, server, during);
  const t = ctx.transcript(who.fresh, who.server);
  const peer = await ctx.connect(server.port, t);
  await ask(ctx, server, peer, 'PING', 'PONG', during);
  peer.halfClose();
}

export interface IdleOutcome {
  /** When the idle message arrived. */
  messageAt: number;
  /** When the FIN after it arrived. */
  finAt: number;
}

export const idleExpected = text(
  `"${IDLE_MESSAGE}\\n" then FIN, ${IDLE_EARLIEST_MS / 1000}–${IDLE_LATEST_MS / 1000} s after the last input`,
  `마지막 입력 ${IDLE_EARLIEST_MS / 1000}–${IDLE_LATEST_MS / 1000}초 뒤에 "${IDLE_MESSAGE}\\n", 그다음 FIN`,
);

/**
 * Waits for the idle message and the FIN after it. `since` is when the checker sent its last
 * input: the server cannot have received it earlier, so its 1000 ms cannot end before
 * since + 1000. `other` may name a line that came instead of the message (a SLOW's DONE).
 */
export async function expectIdleClose(ctx: Ctx, server: StartedServer, peer: PeerSocket, since: number, other?: (line: string, afterMs: number) => FailureDetails | undefined): Promise<IdleOutcome> {
  const r = await peer.readLine(Math.max(100, since + IDLE_LATEST_MS - Date.now()));
  const messageAt = Date.now();
  const after = messageAt - since;
  const during = text('while the checker waited for the idle timeout', '검사기가 유휴 타임아웃을 기다리는 동안');
  if (!r.ok) {
    await expectAlive(ctx, server, during);
    if (r.reason === 'timeout') {
      ctx.fail('no-idle-timeout', { vars: { s: seconds(after), got: text('the connection was still open', '연결은 그대로 열려 있었음') }, expected: idleExpected, actual: describeRead(r, after) });
    }
    if (r.partial.length === 0) ctx.fail('idle-closed-without-message', { vars: { how: r.how.toUpperCase() }, expected: idleExpected, actual: describeRead(r, after) });
    ctx.fail('wrong-idle-message', { vars: { got: describeRead(r, after) }, expected: idleExpected, actual: describeRead(r, after) });
  }
  const line = r.value.toString('utf8').replace(/\r$/, '');
  if (line !== IDLE_MESSAGE) {
    const special = other?.(line, after);
    if (special) ctx.fail(special);
    ctx.fail('wrong-idle-message', { vars: { got: quoted(`${line}\n`) }, expected: idleExpected, actual: fill(text('{got} after {s} s', '{s}초 뒤 {got}'), { got: quoted(`${line}\n`), s: seconds(after) }) });
  }
  if (after < IDLE_EARLIEST_MS) {
    ctx.fail('idle-too-early', { vars: { s: seconds(after) }, expected: idleExpected, actual: fill(text('"{msg}\\n" after {s} s', '{s}초 뒤 "{msg}\\n"'), { msg: IDLE_MESSAGE, s: seconds(after) }) });
  }
  peer.transcript.note(fill(text('(idle message {s} s after the last input)', '(마지막 입력 {s}초 뒤 유휴 메시지)'), { s: seconds(after) }));
  const how = await peer.waitClosed(1500);
  if (how === 'timeout') {
    await expectAlive(ctx, server, during);
    ctx.fail('idle-no-fin', {
      expected: idleExpected,
      actual: fill(text('"{msg}\\n", then the connection stayed open for 1.5 s', '"{msg}\\n", 그 뒤 1.5초 동안 연결이 열려 있음'), { msg: IDLE_MESSAGE }),
    });
  }
  if (how === 'rst') {
    ctx.fail('idle-destroyed-not-ended', {
      vars: { what: text('it sent RST instead of FIN', 'FIN 대신 RST를 보냄') },
      expected: idleExpected,
      actual: fill(text('"{msg}\\n", then RST', '"{msg}\\n", 그다음 RST'), { msg: IDLE_MESSAGE }),
    });
  }
  return { messageAt, finAt: Date.now() };
}

/** Asks COUNT until it says 1 (only the asker) or the time is up; returns the last answer. */
export async function settleCount(ctx: Ctx, server: StartedServer, peer: PeerSocket, ms: number, during: Text): Promise<string | undefined> {
  const until = Date.now() + ms;
  for (;;) {
    await peer.send('COUNT\n');
    const r = await peer.readLine(4000); // generous: these checks are about counts, not speed
    const n = lineOf(r);
    if (n === undefined) {
      await expectAlive(ctx, server, during);
      ctx.fail('no-reply', {
        vars: { cmd: quoted('COUNT\n'), exp: text('the number of open connections', '열린 연결의 수'), when: during },
        expected: text('the number of open connections, e.g. "1\\n"', '열린 연결의 수, 예: "1\\n"'),
        actual: describeRead(r, 4000),
      });
    }
    if (n === '1' || Date.now() > until) return n;
    if (n === IDLE_MESSAGE) {
      // On a loaded machine the checker itself can pause for a second: the server was right
      // to drop our idle monitor. Ask again on a fresh connection.
      peer = await ctx.connect(server.port, peer.transcript);
      continue;
    }
    await sleep(200);
  }
}

export { sleep };
