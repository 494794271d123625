/**
 * Lesson 10 — the steps its scenarios share: running the client with its lines timed, reading
 * what the server received and what the client printed, and judging one scripted run against
 * that record. Every failure names a reason of mistakes.ts and gives its facts.
 *
 * Timing: the expectations are derived from what the server actually received, so a slow
 * machine that makes a correct client retry once more does not fail it (attempts = the number
 * of attempts the server saw). Every timing is held on both sides: a retry and a "lost" line
 * come --timeout after the attempt before; seq k starts (k-1) x --interval after seq 1; an RTT
 * lies between the server's own delay and that plus a margin; a reply line is printed when its
 * reply arrives and the summary right after the last seq line. The margins grow by the
 * checker's own worst event-loop delay during the run (monitorEventLoopDelay), so the checker's
 * lag is never blamed on the learner. stdout is held exactly: seq lines and the summary.
 */
import dgram from 'node:dgram';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import {
  describeExit,
  fill,
  programFailure,
  quoted,
  text,
  withUdpPeers,
  type ClientRun,
  type ScenarioContext,
  type ScriptedUdpServer,
  type SentAnswer,
  type Text,
  type UdpAnswer,
  type UdpPeerSet,
  type UdpRequest,
} from '../../../src/checks/kit.ts';
import { CheckFailure } from '../../../src/checks/scenario.ts';
import type { Mismatch } from '../../../src/checks/generate.ts';
import type { Transcript } from '../../../src/peers/transcript.ts';
import { answersFor, describeNet, describeNetNotes, flagsOf, type NetAnswer, type NetCase } from './model.ts';
import type { Reason } from './mistakes.ts';

export type Ctx = ScenarioContext<Reason>;

/**
 * Timing margins. Lower bounds: a client timer may not fire early, so only the checker's own
 * lag (it timestamps a datagram when its event loop gets to it) and a little slack widen them.
 * Upper bounds: a loaded machine makes everything later, so the margin is wider and grows by the
 * worst event-loop delay the checker measured during the run: its own lag is never blamed on the
 * learner.
 */
export const LOW_SLACK_MS = 60;
export const HIGH_SLACK_MS = 200;
export interface Timing {
  /** The checker's worst event-loop delay during the run, in ms. */
  lagMs: number;
  low: number;
  high: number;
}
export const timingOf = (lagMs: number): Timing => ({ lagMs, low: LOW_SLACK_MS + lagMs, high: HIGH_SLACK_MS + lagMs });

export const who = {
  client: text('your client', '내 클라이언트'),
  server: text('checker (server)', '검사기 (서버)'),
};

export const REQUEST = /^PING (\d+) ([A-Za-z0-9]{1,32})$/;
export const LINE_OK = /^seq=(\d+) rtt=(\d+(?:\.\d+)?)ms attempts=(\d+)$/;
export const LINE_LOST = /^seq=(\d+) lost$/;
export const SUMMARY = /^sent=(-?\d+) received=(-?\d+) lost=(-?\d+) loss=(-?\d+)%$/;
/** True once a summary line has been printed. */
export const hasSummary = (stdout: string) => stdout.split('\n').some((l) => SUMMARY.test(l.trimEnd()));

export interface Flags {
  count: number;
  interval: number;
  timeout: number;
  retries: number;
}
export const args = (f: Flags) => ['--count', String(f.count), '--interval', String(f.interval), '--timeout', String(f.timeout), '--retries', String(f.retries)];
export const shown = (f: Flags) => `client.ts ${args(f).join(' ')}`;

/** What the scripted server does to a seq, so a mismatch can be explained by its trap. */
export type Trap = 'wrong-token' | 'spoofed' | 'late' | 'reorder' | 'duplicate' | 'drop-first' | 'drop-all';

export interface Parsed {
  seq: number;
  token: string;
  /** 1 for the first attempt of this seq, 2 for the first retry… */
  attempt: number;
}

/** Reads "PING <seq> <token>"; undefined when it is not one. */
export function parse(r: UdpRequest, record: UdpRequest[]): Parsed | undefined {
  const m = REQUEST.exec(r.bytes.toString('utf8'));
  if (!m) return undefined;
  const seq = Number(m[1]);
  const attempt = record.filter((x) => x.index <= r.index && REQUEST.exec(x.bytes.toString('utf8'))?.[1] === m[1]).length;
  return { seq, token: m[2]!, attempt };
}

export const pong = (p: Parsed) => `PONG ${p.seq} ${p.token}`;

/** The seq and token of a "PONG <seq> <token>" the server sent (NaN / '' when it is not one). */
export const pongSeq = (b: Buffer) => Number(/^PONG (\d+) /.exec(b.toString('utf8'))?.[1] ?? NaN);
export const pongToken = (b: Buffer) => /^PONG \d+ (\S+)$/.exec(b.toString('utf8'))?.[1] ?? '';

/** A plan from a table: seq → what to do with attempt n (answers to send). */
export function planFrom(server: () => ScriptedUdpServer, rule: (p: Parsed) => UdpAnswer[]) {
  return (r: UdpRequest): UdpAnswer[] => {
    const p = parse(r, server().requests);
    return p ? rule(p) : [];
  };
}

export const seqOf = (r: UdpRequest) => Number(REQUEST.exec(r.bytes.toString('utf8'))?.[1] ?? NaN);

/** The lossy network of the main scenario (see the README's table). */
export function lossyRule(p: Parsed): UdpAnswer[] {
  const answer: UdpAnswer = { bytes: pong(p) };
  switch (p.seq) {
    case 2:
      return p.attempt === 1 ? [] : [answer];
    case 3:
      return [];
    case 4:
      return p.attempt === 1 ? [{ bytes: `PONG 4 zz${p.token}`, note: text('a PONG 4 with a token you never sent:', '보낸 적 없는 token이 담긴 PONG 4:') }] : [answer];
    case 5:
      return p.attempt === 1 ? [{ ...answer, holdUntil: (later) => seqOf(later) === 10, note: text('held back: sent late, when seq 10 comes', '붙잡아 둠: seq 10이 올 때 늦게 보냄') }] : [answer];
    case 6:
      return p.attempt === 1 ? [{ ...answer, spoofed: true }] : [answer];
    case 7:
      return [answer, { ...answer, note: text('the same reply again (a duplicate):', '같은 응답을 한 번 더(중복):') }];
    case 8:
      return p.attempt === 1 ? [{ ...answer, holdUntil: (later) => seqOf(later) === 9, note: text('held back until seq 9 arrives (reordering)', 'seq 9가 올 때까지 붙잡아 둠(순서 뒤바꿈)') }] : [answer];
    case 10:
      return p.attempt === 1 ? [] : [answer];
    default:
      return [answer];
  }
}

export const LOSSY_TRAPS = new Map<number, Trap>([
  [2, 'drop-first'],
  [3, 'drop-all'],
  [4, 'wrong-token'],
  [5, 'late'],
  [6, 'spoofed'],
  [7, 'duplicate'],
  [8, 'reorder'],
  [10, 'late'],
]);

/** One line the client printed on stdout, with when the checker first saw it. */
export interface Line {
  line: string;
  /** performance.now() when it was read from the pipe: an upper bound on when it was printed. */
  at: number;
}

export type SeqLine = ({ kind: 'ok'; rtt: number; attempts: number } | { kind: 'lost' }) & Line;

/** What the client printed, read line by line: stdout holds these lines and nothing else. */
export interface Printed {
  lines: Map<number, SeqLine[]>;
  summary?: { sent: number; received: number; lost: number; loss: number; line: string; at: number };
  /** Lines that look like a seq line or the summary but are not in its format. */
  bad: string[];
  /** Lines that are neither (a log, a blank line): stdout holds only what the protocol says. */
  extra: string[];
  summaryNotLast: boolean;
}

/** Splits stdout into lines; the text after the last newline counts as a line if not empty. */
export function stdoutLines(stdout: string): string[] {
  const lines = stdout.replace(/\r\n/g, '\n').split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

export function readOutput(stdout: string, seen: Line[] = []): Printed {
  const out: Printed = { lines: new Map(), bad: [], extra: [], summaryNotLast: false };
  const all = stdoutLines(stdout);
  all.forEach((raw, i) => {
    const l = raw.trimEnd();
    const at = seen[i]?.line === raw ? seen[i]!.at : Number.POSITIVE_INFINITY;
    if (!/^(seq|sent)=/.test(l)) {
      out.extra.push(raw);
      return;
    }
    const ok = LINE_OK.exec(l);
    const lost = LINE_LOST.exec(l);
    const sum = SUMMARY.exec(l);
    if (ok || lost) {
      const seq = Number((ok ?? lost)![1]);
      const list = out.lines.get(seq) ?? [];
      list.push(ok ? { kind: 'ok', rtt: Number(ok[2]), attempts: Number(ok[3]), line: l, at } : { kind: 'lost', line: l, at });
      out.lines.set(seq, list);
      if (out.summary) out.summaryNotLast = true;
    } else if (sum) {
      out.summary = { sent: Number(sum[1]), received: Number(sum[2]), lost: Number(sum[3]), loss: Number(sum[4]), line: l, at };
      if (i !== all.length - 1) out.summaryNotLast = true;
    } else {
      out.bad.push(l);
    }
  });
  return out;
}


/** stdout holds the seq lines and the summary, nothing else: a log line there is a mistake. */
export function extraStdout(ctx: Ctx, out: Printed, stdout: string): never {
  const first = out.extra[0]!;
  ctx.fail('extra-stdout-line', {
    vars: { n: out.extra.length },
    expected: text('only "seq=N rtt=X.XXms attempts=K" / "seq=N lost" lines, then "sent=… received=… lost=… loss=…%"; logs on stderr', '"seq=N rtt=X.XXms attempts=K" / "seq=N lost" 줄과 마지막 "sent=… received=… lost=… loss=…%"만. 로그는 stderr로'),
    actual: fill(text('{l} in {all}', '{all} 안의 {l}'), { l: quoted(first === '' ? '(an empty line)' : first, 80), all: quoted(stdout, 300) }),
  });
}

/** A client run, with when each stdout line was seen, when it ended, and how late the checker ran. */
export interface TimedRun extends ClientRun {
  seen: Line[];
  /** performance.now() when the checker saw the process end. */
  endedAt: number;
  timing: Timing;
}

/**
 * Starts the client against `port` and waits for it (its last output included). Meanwhile it
 * timestamps each stdout line as it arrives and measures the checker's own event-loop delay.
 */
export async function runClient(ctx: Ctx, port: number, flags: Flags, limitMs: number): Promise<TimedRun> {
  const program = ctx.startClient({ port, args: args(flags) });
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const seen: Line[] = [];
  const poll = () => {
    const lines = program.stdout().split('\n').slice(0, -1);
    for (let i = seen.length; i < lines.length; i++) seen.push({ line: lines[i]!.replace(/\r$/, ''), at: performance.now() });
  };
  const poller = setInterval(poll, 5);
  try {
    const run = await ctx.finishClient(program, limitMs);
    const endedAt = performance.now();
    // The exit can be reported before the last output is read from the pipe.
    for (let i = 0; i < 10 && run.exit !== 'timeout' && !hasSummary(program.stdout()); i++) await new Promise((r) => setTimeout(r, 50));
    poll();
    return { ...run, stdout: program.stdout(), stderr: program.stderr(), seen, endedAt, timing: timingOf(Math.max(0, lag.max / 1e6 - 10)) };
  } finally {
    clearInterval(poller);
    lag.disable();
  }
}

/** Per seq: the attempts the server received (parsed), in order. */
export function attemptsBySeq(server: ScriptedUdpServer): Map<number, Array<Parsed & { at: number }>> {
  const m = new Map<number, Array<Parsed & { at: number }>>();
  for (const r of server.requests) {
    const p = parse(r, server.requests);
    if (!p) continue;
    m.set(p.seq, [...(m.get(p.seq) ?? []), { ...p, at: r.at }]);
  }
  return m;
}

/** Fails when the run did not end by itself, naming the most likely reason. */
export function expectEnded(ctx: Ctx, run: ClientRun, flags: Flags, server: ScriptedUdpServer | undefined, limitMs: number): asserts run is ClientRun & { exit: Exclude<ClientRun['exit'], 'timeout'> } {
  if (run.exit !== 'timeout') return;
  const bySeq = server ? attemptsBySeq(server) : new Map<number, unknown[]>();
  const most = Math.max(0, ...[...bySeq.values()].map((a) => a.length));
  if (most > flags.retries + 1) {
    const seq = [...bySeq.entries()].find(([, a]) => a.length === most)![0];
    ctx.fail('unlimited-retries', {
      vars: { s: seq, n: most, ms: limitMs },
      expected: fill(text('at most {n} attempts (1 + --retries {r}), then "seq={s} lost"', '최대 {n}번(1 + --retries {r}) 시도한 뒤 "seq={s} lost"'), { n: flags.retries + 1, r: flags.retries, s: seq }),
      actual: fill(text('{n} attempts and counting', '{n}번 시도하고도 계속'), { n: most }),
    });
  }
  if (hasSummary(run.stdout)) {
    ctx.fail('socket-not-closed', { vars: { ms: limitMs }, expected: text('exit right after the summary line', '요약 줄을 출력하고 바로 종료'), actual: text('still running (stopped by the checker)', '아직 실행 중(검사기가 종료함)') });
  }
  if (server && server.requests.length === 0) noRequest(ctx, server, flags);
  const unanswered = [...bySeq.entries()].filter(([, a]) => a.length === 1);
  if (server && unanswered.length > 0 && most <= 1) {
    ctx.fail('no-timeout', {
      vars: { ms: limitMs },
      expected: fill(text('a retry {t} ms after an unanswered PING, and "seq=N lost" after the last one', '응답 없는 PING은 {t}ms 뒤 재시도, 마지막 시도 뒤에는 "seq=N lost"'), { t: flags.timeout }),
      actual: text('one attempt per seq, then waiting forever', 'seq마다 한 번만 보내고 끝없이 기다림'),
    });
  }
  ctx.fail('client-hangs', {
    vars: { ms: limitMs },
    expected: text('one line per seq, the summary, then exit', 'seq마다 한 줄, 요약, 그리고 종료'),
    actual: run.stdout ? quoted(run.stdout, 200) : text('(nothing printed)', '(출력 없음)'),
  });
}

export function noRequest(ctx: Ctx, server: ScriptedUdpServer, flags: Flags): never {
  ctx.fail('no-request', {
    vars: { port: server.port },
    expected: fill(text('"PING 1 <token>" to HOST:PORT, started as: {cmd}', 'HOST:PORT로 "PING 1 <token>", 실행 명령: {cmd}'), { cmd: shown(flags) }),
    actual: text('nothing', '없음'),
  });
}

/** An attempt waited for longer than --timeout: a retry, or the "lost" line, came too late. */
function timeoutTooLong(ctx: Ctx, seq: number, attempt: number, waited: number, flags: Flags, timing: Timing, what: 'retry' | 'lost'): never {
  ctx.fail('timeout-too-long', {
    vars: {
      s: seq,
      n: attempt,
      g: Math.round(waited),
      t: flags.timeout,
      what: what === 'retry' ? fill(text('attempt {k} went out', '{k}번째 시도가 나갔습니다'), { k: attempt + 1 }) : fill(text('"seq={s} lost" came', '"seq={s} lost"가 나왔습니다'), { s: seq }),
    },
    expected: fill(text('{t} ms after the attempt before (the checker allows up to {m} ms on this machine)', '이전 시도에서 {t}ms 뒤(이 컴퓨터에서 검사기는 {m}ms까지 허용)'), { t: flags.timeout, m: Math.round(flags.timeout + timing.high) }),
    actual: fill(text('{g} ms', '{g}ms'), { g: Math.round(waited) }),
  });
}

/** A flag not kept to: which one, and what was seen instead. */
function ignoresFlag(ctx: Ctx, flag: string, what: Text, expected: Text, actual?: Text): never {
  ctx.fail('ignores-flags', { vars: { flag, what }, expected, actual });
}

/** Seq k starts (k−1) × --interval after seq 1: not more than 150 ms sooner, not later than the slack. */
function expectInterval(ctx: Ctx, bySeq: Map<number, Array<Parsed & { at: number }>>, flags: Flags, timing: Timing): void {
  const first = (s: number) => bySeq.get(s)![0]!.at;
  for (let seq = 2; seq <= flags.count; seq++) {
    const due = (seq - 1) * flags.interval;
    const after = first(seq) - first(1);
    if (after < due - 150 - timing.lagMs) {
      ignoresFlag(
        ctx,
        `--interval ${flags.interval}`,
        fill(text('seq {s} was first sent {g} ms after seq 1, not {w} ms', 'seq {s}의 첫 전송이 seq 1 뒤 {w}ms가 아니라 {g}ms였습니다'), { s: seq, g: Math.round(after), w: due }),
        fill(text('a new seq every {i} ms: seq {s} {w} ms after seq 1 (not more than 150 ms sooner)', '{i}ms마다 새 seq: seq {s}은(는) seq 1 뒤 {w}ms(150ms보다 더 이르면 안 됨)'), { i: flags.interval, s: seq, w: due }),
        fill(text('{g} ms after seq 1', 'seq 1 뒤 {g}ms'), { g: Math.round(after) }),
      );
    }
    const late = after - due;
    if (late <= timing.high) continue;
    const before = bySeq.get(seq - 1)!;
    if (before.length > 1 && first(seq) > before.at(-1)!.at) {
      ctx.fail('sends-one-at-a-time', {
        vars: { s: seq, p: seq - 1 },
        expected: fill(text('seq {s} {w} ms after seq 1, whatever became of seq {p}', 'seq {p}이(가) 어떻게 되든 seq 1 뒤 {w}ms에 seq {s}'), { s: seq, p: seq - 1, w: due }),
        actual: fill(text('{g} ms after seq 1', 'seq 1 뒤 {g}ms'), { g: Math.round(after) }),
      });
    }
    ignoresFlag(
      ctx,
      `--interval ${flags.interval}`,
      fill(text('seq {s} was first sent {g} ms after seq 1, not {w} ms', 'seq {s}의 첫 전송이 seq 1 뒤 {w}ms가 아니라 {g}ms였습니다'), { s: seq, g: Math.round(after), w: due }),
      fill(text('a new seq every {i} ms (the checker allows {m} ms more on this machine)', '{i}ms마다 새 seq(이 컴퓨터에서 검사기는 {m}ms 더 허용)'), { i: flags.interval, m: Math.round(timing.high) }),
      fill(text('seq {s} {l} ms late', 'seq {s}이(가) {l}ms 늦음'), { s: seq, l: Math.round(late) }),
    );
  }
}

/** The requests themselves: format, seqs 1..count, fresh tokens, retry cap, the flags. */
function expectRequests(ctx: Ctx, server: ScriptedUdpServer, flags: Flags, timing: Timing): Map<number, Array<Parsed & { at: number }>> {
  if (server.requests.length === 0) noRequest(ctx, server, flags);
  const seqIn = (r: UdpRequest) => Number(REQUEST.exec(r.bytes.toString('utf8'))?.[1] ?? NaN);
  const badOne = server.requests.find((r) => !REQUEST.test(r.bytes.toString('utf8')) || seqIn(r) < 1 || seqIn(r) > flags.count);
  if (badOne) {
    ctx.fail('bad-request-format', {
      expected: fill(text('"PING <seq> <token>": seq 1…{n}, token 1–32 letters or digits, no newline', '"PING <seq> <token>": seq는 1…{n}, token은 영문자나 숫자 1–32자, 줄바꿈 없음'), { n: flags.count }),
      actual: quoted(badOne.bytes),
    });
  }
  const tokens = server.requests.map((r) => REQUEST.exec(r.bytes.toString('utf8'))![2]!);
  const reused = tokens.find((t, i) => tokens.indexOf(t) !== i);
  if (reused) {
    const all = server.requests.filter((r) => r.bytes.toString().endsWith(` ${reused}`)).map((r) => r.bytes.toString()).join(' | ');
    ctx.fail('token-reused', { vars: { token: quoted(reused) }, expected: text('a fresh random token for every attempt, retries included', '재시도를 포함해 시도마다 새 임의 token'), actual: all });
  }
  const bySeq = attemptsBySeq(server);
  for (const [seq, list] of bySeq) {
    if (list.length > flags.retries + 1) {
      ctx.fail('too-many-retries', {
        vars: { s: seq, n: list.length, r: flags.retries, m: flags.retries + 1 },
        expected: fill(text('at most {m} attempts per seq', 'seq마다 최대 {m}번'), { m: flags.retries + 1 }),
        actual: fill(text('{n} attempts of seq {s}', 'seq {s}을(를) {n}번'), { n: list.length, s: seq }),
      });
    }
    for (let i = 1; i < list.length; i++) {
      const gap = list[i]!.at - list[i - 1]!.at;
      if (gap < flags.timeout - timing.low) {
        ignoresFlag(
          ctx,
          `--timeout ${flags.timeout}`,
          fill(text('seq {s} was retried {g} ms after the previous attempt', 'seq {s}을(를) 이전 시도 {g}ms 뒤에 재시도했습니다'), { s: seq, g: Math.round(gap) }),
          fill(text('a retry no sooner than {t} ms after the previous attempt', '이전 시도에서 {t}ms 이상 지난 뒤의 재시도'), { t: flags.timeout }),
          fill(text('{g} ms', '{g}ms'), { g: Math.round(gap) }),
        );
      }
      if (gap > flags.timeout + timing.high) timeoutTooLong(ctx, seq, i, gap, flags, timing, 'retry');
    }
  }
  const seqs = [...bySeq.keys()];
  const missing = Array.from({ length: flags.count }, (_, i) => i + 1).filter((s) => !seqs.includes(s));
  if (missing.length > 0) {
    ignoresFlag(
      ctx,
      `--count ${flags.count}`,
      fill(text('seq {s} was never sent', 'seq {s}을(를) 보내지 않았습니다'), { s: missing.join(', ') }),
      fill(text('PINGs for seq 1…{n}', 'seq 1…{n}의 PING'), { n: flags.count }),
      fill(text('seqs sent: {s}', '보낸 seq: {s}'), { s: seqs.join(', ') || '—' }),
    );
  }
  return bySeq;
}

/**
 * A retry timer left running after its seq settled (only the answered attempt's timer cleared):
 * it sends again after the seq's line, prints a second line, or — once the socket is closed —
 * throws ERR_SOCKET_DGRAM_NOT_RUNNING after the summary.
 */
function timerNotCleared(ctx: Ctx, what: Text): never {
  ctx.fail('timer-not-cleared', { vars: { what }, expected: text('nothing more for a seq once its line is printed: no retry, no second line', 'seq 줄을 출력한 뒤에는 그 seq에 대해 아무것도 없음: 재시도도, 두 번째 줄도 없음'), actual: what });
}

/** How long a correct client may take to end after its summary (close, exit, the pipe). */
const EXIT_AFTER_SUMMARY_MS = 1500;

/** The whole verdict of one scripted run. */
export function judge(ctx: Ctx, run: TimedRun, server: ScriptedUdpServer, flags: Flags, traps: Map<number, Trap>, limitMs: number): void {
  expectEnded(ctx, run, flags, server, limitMs);
  if (hasSummary(run.stdout) && /ERR_SOCKET_DGRAM_NOT_RUNNING/.test(run.stderr)) {
    timerNotCleared(ctx, text('after the summary it sent on the closed socket (ERR_SOCKET_DGRAM_NOT_RUNNING)', '요약 뒤에 닫힌 소켓으로 보냄(ERR_SOCKET_DGRAM_NOT_RUNNING)'));
  }
  if (run.exit.code !== 0 && run.exit.code !== 1) ctx.fail(programFailure('client.ts', run.exit, run.program, 'during-exchange'));
  if (run.exit.code === 1 && /^\s+at .*\.ts:\d+/m.test(run.stderr)) ctx.fail(programFailure('client.ts', run.exit, run.program, 'during-exchange'));
  const timing = run.timing;
  const bySeq = expectRequests(ctx, server, flags, timing);

  // A client that waits for each seq before starting the next one: seq 4's first attempt comes
  // only after seq 3 (which the lossy server always drops) has been given up.
  if (traps.get(3) === 'drop-all') {
    const a3 = server.requests.filter((r) => seqOf(r) === 3);
    const a4 = server.requests.find((r) => seqOf(r) === 4);
    if (a3.length > 1 && a4 && a4.index > a3.at(-1)!.index) {
      ctx.fail('sends-one-at-a-time', {
        vars: { s: 4, p: 3 },
        expected: fill(text('seq 4 about {i} ms after seq 3, whatever became of seq 3', 'seq 3이 어떻게 되든 seq 3 뒤 약 {i}ms에 seq 4'), { i: flags.interval }),
        actual: text('seq 4 after the last retry of seq 3', 'seq 3의 마지막 재시도 뒤에 seq 4'),
      });
    }
  }

  expectInterval(ctx, bySeq, flags, timing);

  const out = readOutput(run.stdout, run.seen);
  if (out.extra.length > 0) extraStdout(ctx, out, run.stdout);
  // Nothing is sent for a seq after its line: a request that reached the server well after the
  // line (more than the checker's own lag and slack) was sent by a timer left running.
  for (const [seq, list] of bySeq) {
    const settled = out.lines.get(seq)?.[0];
    const after = settled === undefined ? undefined : list.find((r) => r.at > settled.at + timing.low);
    if (settled && after) {
      timerNotCleared(
        ctx,
        fill(text('seq {s}: attempt {n} went out {g} ms after {l} was printed', 'seq {s}: {l}을(를) 출력하고 {g}ms 뒤에 {n}번째 시도가 나감'), { s: seq, n: after.attempt, g: Math.round(after.at - settled.at), l: quoted(settled.line) }),
      );
    }
  }
  const again = [...out.lines.entries()].find(([, l]) => l.length > 1);
  if (again && again[1][0]!.kind === 'ok' && again[1].slice(1).every((l) => l.kind === 'lost')) {
    timerNotCleared(ctx, fill(text('seq {s}: it printed {a}, then {b}', 'seq {s}: {a}을(를) 출력한 뒤 {b}'), { s: again[0], a: quoted(again[1][0]!.line), b: quoted(again[1][1]!.line) }));
  }
  if (out.bad.length > 0 || out.summaryNotLast) {
    ctx.fail('bad-output-format', {
      vars: { what: out.bad.length ? fill(text('{l} is not a seq line nor the summary', '{l}은(는) seq 줄도 요약도 아닙니다'), { l: quoted(out.bad[0]!, 80) }) : text('the summary line is not the last line', '요약 줄이 마지막 줄이 아닙니다') },
      expected: text('"seq=N rtt=X.XXms attempts=K" or "seq=N lost", one per seq; then "sent=… received=… lost=… loss=…%"', 'seq마다 "seq=N rtt=X.XXms attempts=K" 또는 "seq=N lost" 한 줄, 그다음 "sent=… received=… lost=… loss=…%"'),
      actual: quoted(out.bad[0] ?? run.stdout, 200),
    });
  }
  const twice = [...out.lines.entries()].find(([, l]) => l.length > 1);
  if (twice) {
    ctx.fail('counted-duplicate', {
      vars: { what: fill(text('seq {s} was reported {n} times', 'seq {s}이(가) {n}번 보고되었습니다'), { s: twice[0], n: twice[1].length }) },
      expected: fill(text('one line for seq {s}', 'seq {s}에 한 줄'), { s: twice[0] }),
      actual: quoted(twice[1].map((l) => l.line).join('\n')),
    });
  }
  const missingLines = Array.from({ length: flags.count }, (_, i) => i + 1).filter((s) => !out.lines.has(s));
  if (missingLines.length > 0 || !out.summary) {
    const facts = { expected: fill(text('{n} seq lines and the summary', 'seq 줄 {n}개와 요약'), { n: flags.count }), actual: run.stdout ? quoted(run.stdout, 200) : text('(nothing printed)', '(출력 없음)') };
    if (out.summary) ctx.fail('missing-seq-line', { vars: { s: missingLines.join(', ') }, ...facts });
    ctx.fail('missing-summary', facts);
  }

  // What a correct client prints, from what the server actually received and sent: the first
  // genuine PONG (from the server's port, with a token sent for that seq) settles a seq, and
  // attempts = the sends the server saw. A genuine PONG sent so close to the seq's last deadline
  // that either reading is right is held against neither.
  for (let seq = 1; seq <= flags.count; seq++) {
    const sent = bySeq.get(seq) ?? [];
    const n = sent.length;
    const last = sent.at(-1)!;
    const tokens = new Map(sent.map((p) => [p.token, p]));
    const answers = server.sent.filter((a) => pongSeq(a.bytes) === seq);
    const genuine = answers.filter((a) => !a.spoofed && tokens.has(pongToken(a.bytes)));
    const bogus = answers.filter((a) => a.spoofed || !tokens.has(pongToken(a.bytes)));
    const firstGenuine = genuine[0];
    const deadline = last.at + flags.timeout;
    const line = out.lines.get(seq)![0]!;
    const history = fill(text('seq {s}: {n} attempt(s) reached the server; {what}', 'seq {s}: 서버에 도착한 시도 {n}번, {what}'), {
      s: seq,
      n,
      what: firstGenuine ? text('it answered', '서버가 응답함') : text('it never answered from its own port with a token of yours', '서버 포트에서 내 token으로 응답한 적 없음'),
    });
    if (line.kind === 'lost') {
      if (firstGenuine && firstGenuine.at < deadline - timing.low) {
        ctx.fail('missed-reply', { vars: { s: seq }, expected: quoted(`seq=${seq} rtt=…ms attempts=${n}`), actual: fill(text('{l} ({h})', '{l} ({h})'), { l: quoted(line.line), h: history }) });
      }
      if (n < flags.retries + 1) {
        ctx.fail('too-few-retries', {
          vars: { s: seq, n, r: flags.retries, m: flags.retries + 1 },
          expected: fill(text('{m} attempts (the first + {r} retries), then "seq={s} lost"', '{m}번 시도(첫 시도 + 재시도 {r}번) 뒤 "seq={s} lost"'), { m: flags.retries + 1, r: flags.retries, s: seq }),
          actual: fill(text('{n} attempt(s), then {l}', '{n}번 시도 뒤 {l}'), { n, l: quoted(line.line) }),
        });
      }
      const waited = line.at - last.at;
      if (waited < flags.timeout - timing.low) {
        ignoresFlag(
          ctx,
          `--timeout ${flags.timeout}`,
          fill(text('"seq={s} lost" came {g} ms after its last attempt', '"seq={s} lost"가 마지막 시도 {g}ms 뒤에 나왔습니다'), { s: seq, g: Math.round(waited) }),
          fill(text('"seq={s} lost" {t} ms after the last attempt', '마지막 시도 {t}ms 뒤에 "seq={s} lost"'), { s: seq, t: flags.timeout }),
          fill(text('{g} ms', '{g}ms'), { g: Math.round(waited) }),
        );
      }
      if (Number.isFinite(waited) && waited > flags.timeout + timing.high) timeoutTooLong(ctx, seq, n, waited, flags, timing, 'lost');
      continue;
    }
    // An "ok" line: what did the client accept? Nothing genuine yet when it printed → a trap.
    const tookBogus = !firstGenuine || line.at < firstGenuine.at;
    const early = line.attempts < n;
    const trapTaken = (before: number): Reason | undefined => {
      const b = bogus.filter((a) => a.at <= before);
      return b.some((a) => a.spoofed) ? 'accepted-spoofed-reply' : b.length > 0 ? 'accepted-wrong-token' : undefined;
    };
    if (tookBogus || line.attempts !== n) {
      const reason: Reason = tookBogus ? (trapTaken(line.at) ?? 'matched-by-arrival-order') : early ? (trapTaken(sent[line.attempts]!.at) ?? 'wrong-attempts') : 'wrong-attempts';
      const spoof = bogus.find((a) => a.spoofed);
      const spoofFrom = spoof ? (otherAddressOf.get(spoof) ?? `127.0.0.1:${server.spoofPort}`) : '';
      const what = firstGenuine ? text('the server had not answered it yet', '서버는 아직 답하지 않았습니다') : text('the server never answered it', '서버는 답한 적이 없습니다');
      ctx.fail(reason, {
        vars: { s: seq, a: line.attempts, n, what, from: spoofFrom || text('another sender', '다른 곳') },
        expected: firstGenuine ? quoted(`seq=${seq} rtt=…ms attempts=${n}`) : reason === 'matched-by-arrival-order' ? quoted(`seq=${seq} lost`) : text('the trap ignored, a retry, and only a genuine reply accepted', '함정은 무시하고 재시도한 뒤 진짜 응답만 받기'),
        actual: fill(text('{l} ({h})', '{l} ({h})'), {
          l: quoted(line.line),
          h: reason === 'accepted-spoofed-reply' && spoof ? fill(text('{h}; a PONG {s} came from {p}, the server is 127.0.0.1:{q}', '{h}; {p}에서 PONG {s}이(가) 옴. 서버는 127.0.0.1:{q}'), { h: history, s: seq, p: spoofFrom, q: server.port }) : history,
        }),
      });
    }
    // RTT, both bounds: from the send of the attempt whose token came back to its PONG. The
    // server's own hold is a floor; the checker sent the PONG at a known time, so the client
    // cannot have got it much later.
    const answered = tokens.get(pongToken(firstGenuine!.bytes))!;
    const held = firstGenuine!.at - answered.at;
    const tooShort = line.rtt < held - 1 - timing.lagMs;
    if (tooShort || line.rtt > held + timing.high) {
      ctx.fail('wrong-rtt', {
        vars: {
          s: seq,
          r: line.rtt,
          what: tooShort
            ? fill(text('the server alone held its reply {h} ms', '서버가 응답을 붙잡아 둔 시간만 {h}ms입니다'), { h: held.toFixed(1) })
            : fill(text('attempt {k} was answered {h} ms after it reached the server', '{k}번째 시도는 서버에 닿고 {h}ms 뒤에 응답을 받았습니다'), { k: answered.attempt, h: held.toFixed(1) }),
        },
        expected: fill(text('rtt between {lo}ms and {hi}ms (the reply to attempt {k})', 'rtt는 {lo}ms에서 {hi}ms 사이({k}번째 시도에 대한 응답)'), { lo: Math.max(0, held - 1).toFixed(1), hi: (held + timing.high).toFixed(0), k: answered.attempt }),
        actual: quoted(line.line),
      });
    }
    // The line itself, both bounds: not before its reply (above), and not long after it.
    const lateBy = line.at - firstGenuine!.at;
    if (Number.isFinite(lateBy) && lateBy > timing.high) {
      ctx.fail('line-printed-late', {
        vars: { what: fill(text('The line {l}', '{l} 줄'), { l: quoted(line.line) }), g: Math.round(lateBy), after: fill(text('the reply to seq {s} was sent', 'seq {s}의 응답을 보내고'), { s: seq }) },
        expected: fill(text('the line as the reply is accepted (the checker allows {m} ms on this machine)', '응답을 받는 그 자리에서 출력한 줄(이 컴퓨터에서 검사기는 {m}ms까지 허용)'), { m: Math.round(timing.high) }),
        actual: fill(text('{g} ms after the reply', '응답 {g}ms 뒤'), { g: Math.round(lateBy) }),
      });
    }
  }

  const lines = [...out.lines.values()].map((l) => l[0]!);
  const s = out.summary!;
  // The summary right after the last seq line, and the process right after the summary.
  const lastLineAt = Math.max(...lines.map((l) => l.at));
  if (Number.isFinite(s.at) && Number.isFinite(lastLineAt) && s.at - lastLineAt > timing.high) {
    ctx.fail('line-printed-late', {
      vars: { what: text('The summary', '요약'), g: Math.round(s.at - lastLineAt), after: text('the last seq line', '마지막 seq 줄') },
      expected: fill(text('the summary as the last seq settles (the checker allows {m} ms on this machine)', '마지막 seq가 끝나는 그 자리에서 출력한 요약(이 컴퓨터에서 검사기는 {m}ms까지 허용)'), { m: Math.round(timing.high) }),
      actual: fill(text('{g} ms after the last seq line', '마지막 seq 줄 {g}ms 뒤'), { g: Math.round(s.at - lastLineAt) }),
    });
  }
  if (Number.isFinite(s.at) && run.endedAt - s.at > EXIT_AFTER_SUMMARY_MS + timing.lagMs) {
    ctx.fail('socket-not-closed', {
      vars: { ms: Math.round(run.endedAt - s.at) },
      expected: fill(text('exit right after the summary line (the checker allows {m} ms)', '요약 줄을 출력하고 바로 종료(검사기는 {m}ms까지 허용)'), { m: Math.round(EXIT_AFTER_SUMMARY_MS + timing.lagMs) }),
      actual: fill(text('ended {g} ms after the summary', '요약 {g}ms 뒤에 끝남'), { g: Math.round(run.endedAt - s.at) }),
    });
  }
  const receivedLines = lines.filter((l) => l.kind === 'ok').length;
  const lost = flags.count - receivedLines;
  const want = { sent: flags.count, received: receivedLines, lost, loss: Math.round((100 * lost) / flags.count) };
  if (s.sent !== want.sent || s.received !== want.received || s.lost !== want.lost || s.loss !== want.loss) {
    const expected = quoted(`sent=${want.sent} received=${want.received} lost=${want.lost} loss=${want.loss}%`);
    if (s.received > want.received) {
      ctx.fail('counted-duplicate', {
        vars: { what: fill(text('the summary says received={g}, but {r} seq(s) were answered', '요약은 received={g}인데 응답받은 seq는 {r}개입니다'), { g: s.received, r: want.received }) },
        expected,
        actual: quoted(s.line),
      });
    }
    ctx.fail('wrong-summary', { expected, actual: quoted(s.line) });
  }
  const expectedCode = receivedLines > 0 ? 0 : 1;
  if (run.exit.code !== expectedCode) {
    ctx.fail('wrong-exit-code', { vars: { c: String(run.exit.code), r: receivedLines, e: expectedCode }, expected: fill(text('exit code {e}', '종료 코드 {e}'), { e: expectedCode }), actual: describeExit(run.exit) });
  }
}

/** One scripted network: the server plays `rule`, the client runs, the record judges it. */
export async function scripted(ctx: Ctx, udp: UdpPeerSet, flags: Flags, rule: (p: Parsed) => UdpAnswer[], traps: Map<number, Trap>, limitMs: number): Promise<void> {
  const t = ctx.transcript(who.client, who.server);
  let server: ScriptedUdpServer | undefined;
  server = await udp.server(t, planFrom(() => server!, rule));
  const run = await runClient(ctx, server.port, flags, limitMs);
  judge(ctx, run, server, flags, traps, limitMs);
}

/**
 * How long one generated run may take: a correct client ends within about 1.5 s (at most 4
 * seqs, 60 ms apart, 3 attempts of 350 ms), and a client that hangs must be stopped well
 * inside the generated scenario's 5 s budget, or the search would drop the case unjudged.
 */
const GENERATED_LIMIT_MS = 4000;

/**
 * One generated network: a new scripted server playing the case's plan, the client run against
 * it, and the same judgement as the hand-written scenarios (a mismatch instead of a failure).
 */
export async function runNetCase(ctx: Ctx, udp: UdpPeerSet, c: NetCase, transcript: (left: Text, right: Text) => Transcript): Promise<Mismatch | undefined> {
  const flags = flagsOf(c);
  const t = transcript(who.client, who.server);
  for (const n of describeNetNotes(c)) t.note(n);
  let server: ScriptedUdpServer | undefined;
  let other: OtherAddress | undefined;
  server = await udp.server(t, (r) => {
    const p = parse(r, server!.requests);
    const answers: NetAnswer[] = p && p.seq >= 1 && p.seq <= flags.count ? answersFor(c, p.seq, p.attempt, p.token) : [];
    // An answer from another address goes out through the checker's own socket on 127.0.0.2;
    // where that address cannot be bound, it becomes a reply from another port instead.
    return answers.flatMap((a) => {
      if (!a.otherAddress) return [a];
      if (!other) return [{ ...a, otherAddress: undefined, spoofed: true }];
      other.send(a, r);
      return [];
    });
  });
  if (c.seqs.some((s) => s.trap === 'other-address' && s.attempts.slice(0, c.retries + 1).includes('trap'))) other = await otherAddress(server, t);
  try {
    const run = await runClient(ctx, server.port, flags, GENERATED_LIMIT_MS);
    judge(ctx, run, server, flags, new Map(), GENERATED_LIMIT_MS);
    return undefined;
  } catch (e) {
    if (e instanceof CheckFailure) {
      const d = e.details;
      return { ...d, summary: fill(text('{s} (A generated network: {c}.)', '{s} (만들어 낸 네트워크: {c}.)'), { s: d.summary, c: describeNet(c) }) };
    }
    throw e;
  } finally {
    await server.close();
    await other?.close();
  }
}

/** Where each answer sent from another address came from (address:port), for the report. */
const otherAddressOf = new WeakMap<SentAnswer, string>();

/** A sender on another loopback address that uses the server's own port number. */
interface OtherAddress {
  send(a: NetAnswer, request: UdpRequest): void;
  close(): Promise<void>;
}

/** The address a reply "from the server's port, but not from the server" comes from. */
export const OTHER_HOST = '127.0.0.2';

/**
 * Binds 127.0.0.2 on the scripted server's port number; its answers are recorded with the
 * server's (marked spoofed: the judge counts them as traps). Undefined where 127.0.0.2 cannot
 * be bound (macOS has only 127.0.0.1 by default): the caller sends from another port instead.
 */
async function otherAddress(server: ScriptedUdpServer, t: Transcript): Promise<OtherAddress | undefined> {
  const socket = dgram.createSocket('udp4');
  const ok = await new Promise<boolean>((resolve) => {
    socket.once('error', () => resolve(false));
    socket.bind(server.port, OTHER_HOST, () => resolve(true));
  });
  if (!ok) {
    socket.close();
    t.note(text(`${OTHER_HOST} cannot be bound here: the trap is a reply from another port instead`, `여기서는 ${OTHER_HOST}에 바인딩할 수 없어 다른 포트에서 보내는 함정으로 대신함`));
    return undefined;
  }
  socket.unref();
  socket.on('error', () => {});
  const from = `${OTHER_HOST}:${server.port}`;
  let closed = false;
  return {
    send(a, request) {
      if (closed) return;
      const bytes = typeof a.bytes === 'string' ? Buffer.from(a.bytes) : a.bytes;
      t.note(text(`spoofed: sent from another address, ${from} (the server's port number):`, `위조: 다른 주소 ${from}에서 보냄(서버와 같은 포트 번호):`));
      t.datagram('left', bytes);
      const sent: SentAnswer = { bytes, to: request.from, spoofed: true, request, at: performance.now() };
      otherAddressOf.set(sent, from);
      server.sent.push(sent);
      socket.send(bytes, request.from.port, request.from.address, () => {});
    },
    close() {
      closed = true;
      return new Promise((resolve) => socket.close(() => resolve()));
    },
  };
}

/** A scenario with its own set of UDP peers, closed when it ends. */
export function scenario(id: string, title: Text, timing: boolean, limitMs: number, run: (ctx: Ctx, udp: UdpPeerSet) => Promise<void>) {
  return { id, title, timing, limitMs, run: (ctx: Ctx) => withUdpPeers((udp) => run(ctx, udp)) };
}
