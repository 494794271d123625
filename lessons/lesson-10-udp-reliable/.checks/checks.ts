/**
 * Lesson 10 — hidden checks for the UDP ping client. The checker plays a scripted UDP server
 * on 127.0.0.1 that loses, duplicates, reorders and delays replies, sends a reply with a token
 * the client never sent and a spoofed reply from another port. It records every request and
 * every answer, derives from that record what a correct client must print, and compares.
 *
 * Timing: the expectations are derived from what the server actually received, so a slow
 * machine that makes a correct client retry once more does not fail it (attempts = the
 * number of attempts the server saw). Every timing is held on both sides: a retry and a "lost"
 * line come --timeout after the attempt before, seq k starts (k-1) x --interval after seq 1, an
 * RTT lies between the server's own delay and that plus a margin. The margins grow by the
 * checker's own worst event-loop delay during the run (monitorEventLoopDelay), so the checker's
 * lag is never blamed on the learner. Reordering is event-driven (a held reply is released when
 * a later request arrives, never by a short timer). stdout is held exactly: seq lines and the
 * summary, nothing else. Beside the hand-written networks, `generated-networks` draws flags
 * and a plan per seq and attempt (model.ts) and judges each run the same way.
 */
import {
  defineScenarios,
  describeExit,
  fill,
  programFailure,
  quoted,
  text,
  withUdpPeers,
  type ClientRun,
  type ScenarioContext,
  type ScriptedUdpServer,
  type Text,
  type UdpAnswer,
  type UdpPeerSet,
  type UdpRequest,
  type FailureDetails,
} from '../../../src/checks/kit.ts';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { CheckFailure } from '../../../src/checks/scenario.ts';
import { checkGenerated, type Mismatch } from '../../../src/checks/generate.ts';
import { answersFor, describeNet, describeNetNotes, flagsOf, netCases, type NetCase } from './model.ts';
import type { Transcript } from '../../../src/peers/transcript.ts';

/** What a judgement fails through: the scenario itself, or a generated case (caught, then shrunk). */
interface Verdict {
  fail(details: FailureDetails): never;
}

/**
 * Timing margins. Lower bounds: a client timer may not fire early, so only the checker's own
 * lag (it timestamps a datagram when its event loop gets to it) and a little slack widen them.
 * Upper bounds: a loaded machine makes everything later, so the margin is wider and grows by the
 * worst event-loop delay the checker measured during the run: its own lag is never blamed on the
 * learner.
 */
const LOW_SLACK_MS = 60;
const HIGH_SLACK_MS = 200;
interface Timing {
  /** The checker's worst event-loop delay during the run, in ms. */
  lagMs: number;
  low: number;
  high: number;
}
const timingOf = (lagMs: number): Timing => ({ lagMs, low: LOW_SLACK_MS + lagMs, high: HIGH_SLACK_MS + lagMs });

const who = {
  client: text('your client', '내 클라이언트'),
  server: text('checker (server)', '검사기 (서버)'),
};

const REQUEST = /^PING (\d+) ([A-Za-z0-9]{1,32})$/;
const LINE_OK = /^seq=(\d+) rtt=(\d+(?:\.\d+)?)ms attempts=(\d+)$/;
const LINE_LOST = /^seq=(\d+) lost$/;
const SUMMARY = /^sent=(-?\d+) received=(-?\d+) lost=(-?\d+) loss=(-?\d+)%$/;
/** True once a summary line has been printed. */
const hasSummary = (stdout: string) => stdout.split('\n').some((l) => SUMMARY.test(l.trimEnd()));

interface Flags {
  count: number;
  interval: number;
  timeout: number;
  retries: number;
}
const args = (f: Flags) => ['--count', String(f.count), '--interval', String(f.interval), '--timeout', String(f.timeout), '--retries', String(f.retries)];
const shown = (f: Flags) => `client.ts ${args(f).join(' ')}`;

/** What the scripted server does to a seq, so a mismatch can be explained by its trap. */
type Trap = 'wrong-token' | 'spoofed' | 'late' | 'reorder' | 'duplicate' | 'drop-first' | 'drop-all';

interface Parsed {
  seq: number;
  token: string;
  /** 1 for the first attempt of this seq, 2 for the first retry… */
  attempt: number;
}

/** Reads "PING <seq> <token>"; undefined when it is not one. */
function parse(r: UdpRequest, record: UdpRequest[]): Parsed | undefined {
  const m = REQUEST.exec(r.bytes.toString('utf8'));
  if (!m) return undefined;
  const seq = Number(m[1]);
  const attempt = record.filter((x) => x.index <= r.index && REQUEST.exec(x.bytes.toString('utf8'))?.[1] === m[1]).length;
  return { seq, token: m[2]!, attempt };
}

const pong = (p: Parsed) => `PONG ${p.seq} ${p.token}`;

/** The seq and token of a "PONG <seq> <token>" the server sent (NaN / '' when it is not one). */
const pongSeq = (b: Buffer) => Number(/^PONG (\d+) /.exec(b.toString('utf8'))?.[1] ?? NaN);
const pongToken = (b: Buffer) => /^PONG \d+ (\S+)$/.exec(b.toString('utf8'))?.[1] ?? '';

/** A plan from a table: seq → what to do with attempt n (answers to send). */
function planFrom(server: () => ScriptedUdpServer, rule: (p: Parsed) => UdpAnswer[]) {
  return (r: UdpRequest): UdpAnswer[] => {
    const p = parse(r, server().requests);
    return p ? rule(p) : [];
  };
}

const seqOf = (r: UdpRequest) => Number(REQUEST.exec(r.bytes.toString('utf8'))?.[1] ?? NaN);

/** The lossy network of the main scenario (see the README's table). */
function lossyRule(p: Parsed): UdpAnswer[] {
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

const LOSSY_TRAPS = new Map<number, Trap>([
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
interface Line {
  line: string;
  /** performance.now() when it was read from the pipe: an upper bound on when it was printed. */
  at: number;
}

type SeqLine = ({ kind: 'ok'; rtt: number; attempts: number } | { kind: 'lost' }) & Line;

/** What the client printed, read line by line: stdout holds these lines and nothing else. */
interface Printed {
  lines: Map<number, SeqLine[]>;
  summary?: { sent: number; received: number; lost: number; loss: number; line: string };
  /** Lines that look like a seq line or the summary but are not in its format. */
  bad: string[];
  /** Lines that are neither (a log, a blank line): stdout holds only what the protocol says. */
  extra: string[];
  summaryNotLast: boolean;
}

/** Splits stdout into lines; the text after the last newline counts as a line if not empty. */
function stdoutLines(stdout: string): string[] {
  const lines = stdout.replace(/\r\n/g, '\n').split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

function readOutput(stdout: string, seen: Line[] = []): Printed {
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
      out.summary = { sent: Number(sum[1]), received: Number(sum[2]), lost: Number(sum[3]), loss: Number(sum[4]), line: l };
      if (i !== all.length - 1) out.summaryNotLast = true;
    } else {
      out.bad.push(l);
    }
  });
  return out;
}

/** stdout holds the seq lines and the summary, nothing else: a log line there is a mistake. */
function extraStdout(ctx: Verdict, out: Printed, stdout: string): never {
  const first = out.extra[0]!;
  ctx.fail({
    reason: 'extra-stdout-line',
    summary: fill(text('Your client printed a line on stdout that is neither a seq line nor the summary ({n} such line(s)).', '클라이언트가 stdout에 seq 줄도 요약도 아닌 줄을 출력했습니다({n}줄).'), { n: out.extra.length }),
    expected: text('only "seq=N rtt=X.XXms attempts=K" / "seq=N lost" lines, then "sent=… received=… lost=… loss=…%"; logs on stderr', '"seq=N rtt=X.XXms attempts=K" / "seq=N lost" 줄과 마지막 "sent=… received=… lost=… loss=…%"만. 로그는 stderr로'),
    actual: fill(text('{l} in {all}', '{all} 안의 {l}'), { l: quoted(first === '' ? '(an empty line)' : first, 80), all: quoted(stdout, 300) }),
    cause: text(
      'stdout is the program\'s answer: a script reading it (or the checker) expects exactly the lines the output section lists. A progress or debug message such as "retrying seq 3" printed with console.log lands in the middle of them.',
      'stdout은 프로그램의 답입니다. 그것을 읽는 스크립트(나 검사기)는 출력 절에 적힌 줄만 기대합니다. console.log로 찍은 "retrying seq 3" 같은 진행·디버그 메시지는 그 줄들 사이에 끼어듭니다.',
    ),
    fix: text('Print logs with console.error (stderr); keep console.log for the seq lines and the summary.', '로그는 console.error(stderr)로 찍고, console.log는 seq 줄과 요약에만 쓰세요.'),
    section: section.output,
  });
}

/** A client run, with when each stdout line was seen and how late the checker itself ran. */
interface TimedRun extends ClientRun {
  seen: Line[];
  timing: Timing;
}

/**
 * Starts the client against `port` and waits for it (its last output included). Meanwhile it
 * timestamps each stdout line as it arrives and measures the checker's own event-loop delay.
 */
async function runClient(ctx: ScenarioContext, port: number, flags: Flags, limitMs: number): Promise<TimedRun> {
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
    // The exit can be reported before the last output is read from the pipe.
    for (let i = 0; i < 10 && run.exit !== 'timeout' && !hasSummary(program.stdout()); i++) await new Promise((r) => setTimeout(r, 50));
    poll();
    return { ...run, stdout: program.stdout(), stderr: program.stderr(), seen, timing: timingOf(Math.max(0, lag.max / 1e6 - 10)) };
  } finally {
    clearInterval(poller);
    lag.disable();
  }
}

/** Per seq: the attempts the server received (parsed), in order. */
function attemptsBySeq(server: ScriptedUdpServer): Map<number, Array<Parsed & { at: number }>> {
  const m = new Map<number, Array<Parsed & { at: number }>>();
  for (const r of server.requests) {
    const p = parse(r, server.requests);
    if (!p) continue;
    m.set(p.seq, [...(m.get(p.seq) ?? []), { ...p, at: r.at }]);
  }
  return m;
}

const section = {
  protocol: 'the-protocol',
  timers: 'timeouts-and-retries',
  matching: 'matching-replies',
  output: 'the-output',
  closing: 'closing',
  connected: 'connected-or-not',
};

/** Fails when the run did not end by itself, naming the most likely reason. */
function expectEnded(ctx: Verdict, run: ClientRun, flags: Flags, server: ScriptedUdpServer | undefined, limitMs: number): asserts run is ClientRun & { exit: Exclude<ClientRun['exit'], 'timeout'> } {
  if (run.exit !== 'timeout') return;
  const bySeq = server ? attemptsBySeq(server) : new Map<number, unknown[]>();
  const most = Math.max(0, ...[...bySeq.values()].map((a) => a.length));
  if (most > flags.retries + 1) {
    const seq = [...bySeq.entries()].find(([, a]) => a.length === most)![0];
    ctx.fail({
      reason: 'unlimited-retries',
      summary: fill(text('Your client sent seq {s} {n} times and was still going after {ms} ms.', '클라이언트가 seq {s}를 {n}번 보냈고 {ms}ms가 지나도 멈추지 않았습니다.'), { s: seq, n: most, ms: limitMs }),
      expected: fill(text('at most {n} attempts (1 + --retries {r}), then "seq={s} lost"', '최대 {n}번(1 + --retries {r}) 시도한 뒤 "seq={s} lost"'), { n: flags.retries + 1, r: flags.retries, s: seq }),
      actual: fill(text('{n} attempts and counting', '{n}번 시도하고도 계속'), { n: most }),
      cause: text('The retry has no cap: a server that is gone (or a seq the network always loses) keeps the client retrying forever.', '재시도에 상한이 없습니다. 서버가 없거나 네트워크가 늘 잃어버리는 seq라면 클라이언트는 영원히 재시도합니다.'),
      fix: text('Count the attempts per seq; when attempts > retries, print "seq=N lost" instead of sending again.', 'seq마다 시도 횟수를 세고, 시도 횟수가 retries를 넘으면 다시 보내지 말고 "seq=N lost"를 출력하세요.'),
      section: section.timers,
    });
  }
  if (hasSummary(run.stdout)) {
    ctx.fail({
      reason: 'socket-not-closed',
      summary: fill(text('Your client printed its summary but was still running {ms} ms later.', '클라이언트가 요약을 출력했지만 {ms}ms가 지나도 실행 중이었습니다.'), { ms: limitMs }),
      expected: text('exit right after the summary line', '요약 줄을 출력하고 바로 종료'),
      actual: text('still running (stopped by the checker)', '아직 실행 중(검사기가 종료함)'),
      cause: text('A bound dgram socket keeps Node alive: with nothing else to do, the process still waits for datagrams that will never come.', '바인딩된 dgram 소켓은 Node를 살려 둡니다. 할 일이 없어도 프로세스는 오지 않을 데이터그램을 계속 기다립니다.'),
      fix: text('Call socket.close() after printing the summary (and clear every timer).', '요약을 출력한 뒤 socket.close()를 호출하세요(타이머도 모두 정리하고요).'),
      section: section.closing,
    });
  }
  if (server && server.requests.length === 0) noRequest(ctx, server, flags);
  const unanswered = [...bySeq.entries()].filter(([, a]) => a.length === 1);
  if (server && unanswered.length > 0 && most <= 1) {
    ctx.fail({
      reason: 'no-timeout',
      summary: fill(text('Your client never retried and never finished: it was still waiting after {ms} ms.', '클라이언트가 재시도도, 마무리도 하지 않고 {ms}ms가 지나도 기다리고 있었습니다.'), { ms: limitMs }),
      expected: fill(text('a retry {t} ms after an unanswered PING, and "seq=N lost" after the last one', '응답 없는 PING은 {t}ms 뒤 재시도, 마지막 시도 뒤에는 "seq=N lost"'), { t: flags.timeout }),
      actual: text('one attempt per seq, then waiting forever', 'seq마다 한 번만 보내고 끝없이 기다림'),
      cause: text('UDP never tells you a datagram was lost: no error, no close, just silence. Without a timer of your own, a lost PING is waited for forever.', 'UDP는 데이터그램을 잃어버렸다고 알려 주지 않습니다. 오류도, 종료도 없이 조용할 뿐입니다. 직접 건 타이머가 없으면 잃어버린 PING을 영원히 기다립니다.'),
      fix: text('After each send: timer = setTimeout(retryOrGiveUp, timeout); clearTimeout(timer) when the reply comes.', '보낼 때마다 timer = setTimeout(retryOrGiveUp, timeout); 응답이 오면 clearTimeout(timer).'),
      section: section.timers,
    });
  }
  ctx.fail({
    reason: 'client-hangs',
    summary: fill(text('Your client was still running after {ms} ms.', '{ms}ms가 지나도 클라이언트가 실행 중이었습니다.'), { ms: limitMs }),
    expected: text('one line per seq, the summary, then exit', 'seq마다 한 줄, 요약, 그리고 종료'),
    actual: run.stdout ? quoted(run.stdout, 200) : text('(nothing printed)', '(출력 없음)'),
    cause: text('Some seq was never settled (neither a reply nor "lost"), or the program waits for something else.', '어떤 seq가 끝나지 않았거나(응답도 "lost"도 아님), 프로그램이 다른 무언가를 기다립니다.'),
    section: section.timers,
  });
}

function noRequest(ctx: Verdict, server: ScriptedUdpServer, flags: Flags): never {
  ctx.fail({
    reason: 'no-request',
    summary: fill(text('Your client sent no datagram to 127.0.0.1:{p}.', '클라이언트가 127.0.0.1:{p}에 데이터그램을 보내지 않았습니다.'), { p: server.port }),
    expected: fill(text('"PING 1 <token>" to HOST:PORT, started as: {cmd}', 'HOST:PORT로 "PING 1 <token>", 실행 명령: {cmd}'), { cmd: shown(flags) }),
    actual: text('nothing', '없음'),
    cause: text('The client must send to HOST and PORT from the environment (the checker passes its own).', '클라이언트는 환경 변수 HOST와 PORT로 보내야 합니다(검사기가 자기 주소를 넘겨 줍니다).'),
    fix: text("socket.send(`PING ${seq} ${token}`, PORT, HOST) with PORT = Number(process.env.PORT ?? 8080)", "PORT = Number(process.env.PORT ?? 8080)로 두고 socket.send(`PING ${seq} ${token}`, PORT, HOST)"),
    section: section.protocol,
  });
}

/** An attempt waited for longer than --timeout: a retry, or the "lost" line, came too late. */
function timeoutTooLong(ctx: Verdict, seq: number, attempt: number, waited: number, flags: Flags, timing: Timing, what: 'retry' | 'lost'): never {
  ctx.fail({
    reason: 'timeout-too-long',
    summary:
      what === 'retry'
        ? fill(text('Seq {s}: attempt {n} went out {g} ms after attempt {p}; --timeout is {t} ms.', 'seq {s}: {n}번째 시도가 {p}번째 시도 {g}ms 뒤에 나갔습니다. --timeout은 {t}ms입니다.'), { s: seq, n: attempt + 1, p: attempt, g: Math.round(waited), t: flags.timeout })
        : fill(text('Seq {s}: "seq={s} lost" came {g} ms after its last attempt; --timeout is {t} ms.', 'seq {s}: "seq={s} lost"가 마지막 시도 {g}ms 뒤에 나왔습니다. --timeout은 {t}ms입니다.'), { s: seq, g: Math.round(waited), t: flags.timeout }),
    expected: fill(text('{t} ms after the attempt before (the checker allows up to {m} ms on this machine)', '이전 시도에서 {t}ms 뒤(이 컴퓨터에서 검사기는 {m}ms까지 허용)'), { t: flags.timeout, m: Math.round(flags.timeout + timing.high) }),
    actual: fill(text('{g} ms', '{g}ms'), { g: Math.round(waited) }),
    cause: text(
      'Every attempt waits exactly --timeout ms, the last one included. A timer that grows from attempt to attempt (an exponential backoff: 300, 600, 1200 ms), or one timer per seq instead of per attempt, makes the client wait longer than the flag says.',
      '시도마다, 마지막 시도까지도 정확히 --timeout ms를 기다립니다. 시도할수록 늘어나는 타이머(지수 백오프: 300, 600, 1200ms)나 시도마다가 아니라 seq마다 하나인 타이머는 플래그가 말하는 것보다 오래 기다리게 합니다.',
    ),
    fix: text('setTimeout(onTimeout, TIMEOUT) after every send, with the same TIMEOUT each time.', '보낼 때마다 매번 같은 TIMEOUT으로 setTimeout(onTimeout, TIMEOUT).'),
    section: section.timers,
  });
}

/** Seq k starts (k−1) × --interval after seq 1: not much sooner (checked before), not later. */
function expectInterval(ctx: Verdict, bySeq: Map<number, Array<Parsed & { at: number }>>, flags: Flags, timing: Timing): void {
  const first = (s: number) => bySeq.get(s)![0]!.at;
  for (let seq = 2; seq <= flags.count; seq++) {
    const late = first(seq) - first(1) - (seq - 1) * flags.interval;
    if (late <= timing.high) continue;
    const before = bySeq.get(seq - 1)!;
    if (before.length > 1 && first(seq) > before.at(-1)!.at) {
      ctx.fail({
        reason: 'sends-one-at-a-time',
        summary: fill(text('Your client sent seq {s} only after the last attempt of seq {p}.', '클라이언트가 seq {p}의 마지막 시도 뒤에야 seq {s}를 보냈습니다.'), { s: seq, p: seq - 1 }),
        expected: fill(text('seq {s} {w} ms after seq 1, whatever became of seq {p}', 'seq {p}가 어떻게 되든 seq 1 뒤 {w}ms에 seq {s}'), { s: seq, p: seq - 1, w: (seq - 1) * flags.interval }),
        actual: fill(text('{g} ms after seq 1', 'seq 1 뒤 {g}ms'), { g: Math.round(first(seq) - first(1)) }),
        cause: text('A send-and-wait loop: one seq in flight at a time. Like ping, the client starts a new seq every --interval ms, and each seq has its own timer.', '보내고 기다리는 반복문이라 한 번에 seq 하나만 오갑니다. ping처럼 클라이언트는 --interval ms마다 새 seq를 시작하고, seq마다 자기 타이머가 있습니다.'),
        fix: text('Start seqs with setTimeout(next, interval), independently of replies; keep each seq\'s state in a Map.', '응답과 상관없이 setTimeout(next, interval)로 seq를 시작하고, seq마다 상태를 Map에 두세요.'),
        section: section.matching,
      });
    }
    ctx.fail({
      reason: 'ignores-flags',
      summary: fill(text('Seq {s} was first sent {g} ms after seq 1; --interval {i} means {w} ms.', 'seq {s}의 첫 전송이 seq 1 뒤 {g}ms였습니다. --interval {i}이면 {w}ms입니다.'), { s: seq, g: Math.round(first(seq) - first(1)), i: flags.interval, w: (seq - 1) * flags.interval }),
      expected: fill(text('a new seq every {i} ms (the checker allows {m} ms more on this machine)', '{i}ms마다 새 seq(이 컴퓨터에서 검사기는 {m}ms 더 허용)'), { i: flags.interval, m: Math.round(timing.high) }),
      actual: fill(text('seq {s} {l} ms late', 'seq {s}가 {l}ms 늦음'), { s: seq, l: Math.round(late) }),
      cause: text('The seqs are spaced by something other than --interval: a hard-coded or wrongly scaled value, or the next seq waits for something.', 'seq 사이 간격이 --interval이 아닙니다. 코드에 고정된 값이거나 단위를 잘못 바꿨거나, 다음 seq가 무언가를 기다립니다.'),
      fix: text('Start the next seq with setTimeout(next, interval), whatever became of the earlier ones.', '앞의 seq가 어떻게 되든 다음 seq는 setTimeout(next, interval)로 시작하세요.'),
      section: section.protocol,
    });
  }
}

/** The requests themselves: format, seqs 1..count, fresh tokens, retry cap, the flags. */
function expectRequests(ctx: Verdict, server: ScriptedUdpServer, flags: Flags, timing: Timing): Map<number, Array<Parsed & { at: number }>> {
  if (server.requests.length === 0) noRequest(ctx, server, flags);
  const badOne = server.requests.find((r) => !REQUEST.test(r.bytes.toString('utf8')) || Number(REQUEST.exec(r.bytes.toString('utf8'))![1]) < 1 || Number(REQUEST.exec(r.bytes.toString('utf8'))![1]) > flags.count);
  if (badOne) {
    ctx.fail({
      reason: 'bad-request-format',
      summary: text('A request is not "PING <seq> <token>" with seq from 1 to --count.', '요청이 seq가 1부터 --count까지인 "PING <seq> <token>" 형식이 아닙니다.'),
      expected: fill(text('"PING <seq> <token>": seq 1…{n}, token 1–32 letters or digits, no newline', '"PING <seq> <token>": seq는 1…{n}, token은 영문자나 숫자 1–32자, 줄바꿈 없음'), { n: flags.count }),
      actual: quoted(badOne.bytes),
      cause: text('A datagram is the whole message: no "\\n" at the end. Seqs start at 1.', '데이터그램이 메시지 전체이므로 끝에 "\\n"을 붙이지 않습니다. seq는 1부터 시작합니다.'),
      fix: text("socket.send(`PING ${seq} ${crypto.randomBytes(4).toString('hex')}`, PORT, HOST)", "socket.send(`PING ${seq} ${crypto.randomBytes(4).toString('hex')}`, PORT, HOST)"),
      section: section.protocol,
    });
  }
  const tokens = server.requests.map((r) => REQUEST.exec(r.bytes.toString('utf8'))![2]!);
  const reused = tokens.find((t, i) => tokens.indexOf(t) !== i);
  if (reused) {
    ctx.fail({
      reason: 'token-reused',
      summary: fill(text('The token {t} was sent more than once.', 'token {t}을(를) 두 번 이상 보냈습니다.'), { t: quoted(reused) }),
      expected: text('a fresh random token for every attempt, retries included', '재시도를 포함해 시도마다 새 임의 token'),
      actual: text(server.requests.filter((r) => r.bytes.toString().endsWith(` ${reused}`)).map((r) => r.bytes.toString()).join(' | '), server.requests.filter((r) => r.bytes.toString().endsWith(` ${reused}`)).map((r) => r.bytes.toString()).join(' | ')),
      cause: text(
        'With one token per seq (or per run), a reply does not say which attempt it answers, so a late reply to attempt 1 looks like a fast reply to attempt 2 and the RTT is wrong. A fixed token also lets anyone who saw one packet forge replies.',
        'seq마다(또는 실행마다) token이 하나면 응답이 어느 시도에 대한 것인지 알 수 없습니다. 그러면 1번째 시도에 대한 늦은 응답이 2번째 시도에 대한 빠른 응답처럼 보여 RTT가 틀립니다. 고정된 token은 패킷 하나만 본 누구라도 응답을 위조하게 해 줍니다.',
      ),
      fix: text("const token = crypto.randomBytes(4).toString('hex') inside the function that sends one attempt; remember each token's send time.", "시도 하나를 보내는 함수 안에서 const token = crypto.randomBytes(4).toString('hex'); token마다 보낸 시각을 기억하세요."),
      section: section.matching,
    });
  }
  const bySeq = attemptsBySeq(server);
  for (const [seq, list] of bySeq) {
    if (list.length > flags.retries + 1) {
      ctx.fail({
        reason: 'too-many-retries',
        summary: fill(text('Your client sent seq {s} {n} times; --retries {r} allows {m}.', '클라이언트가 seq {s}를 {n}번 보냈습니다. --retries {r}이면 {m}번까지입니다.'), { s: seq, n: list.length, r: flags.retries, m: flags.retries + 1 }),
        expected: fill(text('at most {m} attempts per seq', 'seq마다 최대 {m}번'), { m: flags.retries + 1 }),
        actual: fill(text('{n} attempts of seq {s}', 'seq {s}를 {n}번'), { n: list.length, s: seq }),
        cause: text('--retries counts the retries after the first attempt: --retries 2 means 3 sends at most. Or a retry was sent after the reply had come (a timer not cleared).', '--retries는 첫 시도 뒤의 재시도 횟수입니다. --retries 2는 최대 3번 보낸다는 뜻입니다. 또는 응답이 온 뒤에도 재시도를 보냈습니다(타이머를 지우지 않음).'),
        fix: text('if (attempts <= retries) send again; else print "seq=N lost". clearTimeout(timer) as soon as the reply comes.', 'if (attempts <= retries)이면 다시 보내고, 아니면 "seq=N lost"를 출력하세요. 응답이 오면 바로 clearTimeout(timer).'),
        section: section.timers,
      });
    }
    for (let i = 1; i < list.length; i++) {
      const gap = list[i]!.at - list[i - 1]!.at;
      if (gap < flags.timeout - timing.low) {
        ctx.fail({
          reason: 'ignores-flags',
          summary: fill(text('Seq {s} was retried {g} ms after the previous attempt; --timeout is {t} ms.', 'seq {s}를 이전 시도 {g}ms 뒤에 재시도했습니다. --timeout은 {t}ms입니다.'), { s: seq, g: Math.round(gap), t: flags.timeout }),
          expected: fill(text('a retry no sooner than {t} ms after the previous attempt', '이전 시도에서 {t}ms 이상 지난 뒤의 재시도'), { t: flags.timeout }),
          actual: fill(text('{g} ms', '{g}ms'), { g: Math.round(gap) }),
          cause: text('The timeout is not the one given: a hard-coded value, or a unit mix-up (setTimeout takes milliseconds).', '주어진 timeout을 쓰지 않습니다. 코드에 고정된 값이거나 단위를 착각했습니다(setTimeout은 밀리초를 받습니다).'),
          fix: text('setTimeout(onTimeout, Number(values.timeout)) with the --timeout value, in ms.', '--timeout 값을 밀리초 그대로 setTimeout(onTimeout, Number(values.timeout))에 넘기세요.'),
          section: section.timers,
        });
      }
      if (gap > flags.timeout + timing.high) timeoutTooLong(ctx, seq, i, gap, flags, timing, 'retry');
    }
  }
  const seqs = [...bySeq.keys()];
  const missing = Array.from({ length: flags.count }, (_, i) => i + 1).filter((s) => !seqs.includes(s));
  if (missing.length > 0) {
    ctx.fail({
      reason: 'ignores-flags',
      summary: fill(text('Your client never sent seq {s} (--count {n}).', '클라이언트가 seq {s}를 보내지 않았습니다(--count {n}).'), { s: missing.join(', '), n: flags.count }),
      expected: fill(text('PINGs for seq 1…{n}', 'seq 1…{n}의 PING'), { n: flags.count }),
      actual: fill(text('seqs sent: {s}', '보낸 seq: {s}'), { s: seqs.join(', ') || '—' }),
      cause: text('--count is not read, or the client stopped early.', '--count를 읽지 않았거나 클라이언트가 일찍 멈췄습니다.'),
      fix: text("parseArgs({ options: { count: { type: 'string' }, … } }) and Number(values.count)", "parseArgs({ options: { count: { type: 'string' }, … } })와 Number(values.count)"),
      section: section.protocol,
    });
  }
  const first = (s: number) => bySeq.get(s)![0]!.at;
  if (flags.count > 1 && first(flags.count) - first(1) < (flags.count - 1) * flags.interval - 150 - timing.lagMs) {
    ctx.fail({
      reason: 'ignores-flags',
      summary: fill(text('Seq 1 to {n} were first sent within {g} ms; --interval {i} means at least {w} ms.', 'seq 1부터 {n}까지의 첫 전송이 {g}ms 안에 끝났습니다. --interval {i}이면 적어도 {w}ms입니다.'), {
        n: flags.count,
        g: Math.round(first(flags.count) - first(1)),
        i: flags.interval,
        w: (flags.count - 1) * flags.interval,
      }),
      expected: fill(text('a new seq every {i} ms', '{i}ms마다 새 seq'), { i: flags.interval }),
      cause: text('All PINGs go out at once: the --interval is not used between new seqs.', 'PING이 한꺼번에 나갑니다. 새 seq 사이에 --interval을 쓰지 않습니다.'),
      fix: text('Start the next seq with setTimeout(next, interval).', '다음 seq는 setTimeout(next, interval)로 시작하세요.'),
      section: section.protocol,
    });
  }
  return bySeq;
}

/** The whole verdict of one scripted run. */
function judge(ctx: Verdict, run: TimedRun, server: ScriptedUdpServer, flags: Flags, traps: Map<number, Trap>, limitMs: number): void {
  expectEnded(ctx, run, flags, server, limitMs);
  if (run.exit.code !== 0 && run.exit.code !== 1) ctx.fail(programFailure('client.ts', run.exit, run.program, 'during-exchange'));
  if (run.exit.code === 1 && /^\s+at .*\.ts:\d+/m.test(run.stderr)) ctx.fail(programFailure('client.ts', run.exit, run.program, 'during-exchange'));
  const bySeq = expectRequests(ctx, server, flags, run.timing);

  // A client that waits for each seq before starting the next one: seq 4's first attempt comes
  // only after seq 3 (which the lossy server always drops) has been given up.
  if (traps.get(3) === 'drop-all') {
    const a3 = server.requests.filter((r) => seqOf(r) === 3);
    const a4 = server.requests.find((r) => seqOf(r) === 4);
    if (a3.length > 1 && a4 && a4.index > a3.at(-1)!.index) {
      ctx.fail({
        reason: 'sends-one-at-a-time',
        summary: text('Your client sent seq 4 only after it had given up on seq 3.', '클라이언트가 seq 3을 포기한 뒤에야 seq 4를 보냈습니다.'),
        expected: fill(text('seq 4 about {i} ms after seq 3, whatever became of seq 3', 'seq 3이 어떻게 되든 seq 3 뒤 약 {i}ms에 seq 4'), { i: flags.interval }),
        actual: text('seq 4 after the last retry of seq 3', 'seq 3의 마지막 재시도 뒤에 seq 4'),
        cause: text(
          'A send-and-wait loop: one seq in flight at a time. Like ping, the client starts a new seq every --interval ms, and each seq has its own timer; several are in flight at once, so replies must be matched by seq and token, not by order.',
          "보내고 기다리는 반복문이라 한 번에 seq 하나만 오갑니다. ping처럼 클라이언트는 --interval ms마다 새 seq를 시작하고, seq마다 자기 타이머가 있습니다. 여러 개가 동시에 오가므로 응답은 순서가 아니라 seq와 token으로 맞춰야 합니다.",
        ),
        fix: text('Start seqs with setTimeout(next, interval), independently of replies; keep each seq\'s state in a Map.', '응답과 상관없이 setTimeout(next, interval)로 seq를 시작하고, seq마다 상태를 Map에 두세요.'),
        section: section.matching,
      });
    }
  }

  expectInterval(ctx, bySeq, flags, run.timing);

  const out = readOutput(run.stdout, run.seen);
  if (out.extra.length > 0) extraStdout(ctx, out, run.stdout);
  if (out.bad.length > 0 || out.summaryNotLast) {
    ctx.fail({
      reason: 'bad-output-format',
      summary: out.bad.length ? text('A line of the output is not in the expected format.', '출력 한 줄이 정해진 형식이 아닙니다.') : text('The summary line is not the last line.', '요약 줄이 마지막 줄이 아닙니다.'),
      expected: text('"seq=N rtt=X.XXms attempts=K" or "seq=N lost", one per seq; then "sent=… received=… lost=… loss=…%"', 'seq마다 "seq=N rtt=X.XXms attempts=K" 또는 "seq=N lost" 한 줄, 그다음 "sent=… received=… lost=… loss=…%"'),
      actual: quoted(out.bad[0] ?? run.stdout, 200),
      cause: text('The format is exact: single spaces, "ms" right after the number, no extra words on these lines (logs go to stderr).', '형식은 정확해야 합니다. 공백 하나씩, 숫자 바로 뒤에 "ms", 이 줄들에 다른 말 없음(로그는 stderr로).'),
      section: section.output,
    });
  }
  const twice = [...out.lines.entries()].find(([, l]) => l.length > 1);
  if (twice) {
    ctx.fail({
      reason: 'counted-duplicate',
      summary: fill(text('Seq {s} was reported {n} times.', 'seq {s}가 {n}번 보고되었습니다.'), { s: twice[0], n: twice[1].length }),
      expected: fill(text('one line for seq {s}', 'seq {s}에 한 줄'), { s: twice[0] }),
      actual: quoted(twice[1].map((l) => l.line).join('\n')),
      cause: text(
        'A duplicate or late reply for a seq that was already settled was treated as new. UDP may deliver a datagram twice, and a reply may come after you gave up.',
        '이미 끝난 seq에 대한 중복 응답이나 늦은 응답을 새것으로 다뤘습니다. UDP는 데이터그램을 두 번 전할 수도 있고, 포기한 뒤에 응답이 올 수도 있습니다.',
      ),
      fix: text('Delete a seq from your in-flight Map when it settles; ignore replies for seqs not in the Map.', 'seq가 끝나면 진행 중 Map에서 지우고, Map에 없는 seq의 응답은 무시하세요.'),
      section: section.matching,
    });
  }
  const missingLines = Array.from({ length: flags.count }, (_, i) => i + 1).filter((s) => !out.lines.has(s));
  if (missingLines.length > 0 || !out.summary) {
    ctx.fail({
      reason: out.summary ? 'missing-seq-line' : 'missing-summary',
      summary: out.summary
        ? fill(text('No line for seq {s}.', 'seq {s}에 대한 줄이 없습니다.'), { s: missingLines.join(', ') })
        : text('The summary line "sent=… received=… lost=… loss=…%" is missing.', '요약 줄 "sent=… received=… lost=… loss=…%"이 없습니다.'),
      expected: fill(text('{n} seq lines and the summary', 'seq 줄 {n}개와 요약'), { n: flags.count }),
      actual: run.stdout ? quoted(run.stdout, 200) : text('(nothing printed)', '(출력 없음)'),
      cause: text('Every seq ends as a reply line or a "lost" line; once all have ended, the summary is printed.', '모든 seq는 응답 줄이나 "lost" 줄로 끝나고, 모두 끝나면 요약을 출력합니다.'),
      section: section.output,
    });
  }

  // What a correct client prints, from what the server actually received and sent: the first
  // genuine PONG (from the server's port, with a token sent for that seq) settles a seq, and
  // attempts = the sends the server saw. A genuine PONG sent so close to the seq's last deadline
  // that either reading is right is held against neither.
  const timing = run.timing;
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
        ctx.fail({
          reason: 'missed-reply',
          summary: fill(text('Seq {s} was reported lost, but the server answered it.', '서버가 seq {s}에 답했는데 lost로 보고되었습니다.'), { s: seq }),
          expected: quoted(`seq=${seq} rtt=…ms attempts=${n}`),
          actual: quoted(line.line),
          cause: text(
            'The reply came from the server\'s address and port with the seq and a token you sent, while the seq was still waiting, and was not accepted: check the parsing (no trailing newline in a datagram) and the address comparison (rinfo.address is \'127.0.0.1\').',
            "seq가 아직 기다리는 동안 응답이 서버의 주소와 포트에서, 내가 보낸 seq와 token을 담고 왔는데 받지 않았습니다. 해석 코드(데이터그램 끝에는 줄바꿈이 없음)와 주소 비교(rinfo.address는 '127.0.0.1')를 확인하세요.",
          ),
          section: section.matching,
        });
      }
      if (n < flags.retries + 1) {
        ctx.fail({
          reason: 'too-few-retries',
          summary: fill(text('Seq {s} was given up after {n} attempt(s); --retries {r} means {m}.', 'seq {s}를 {n}번 시도하고 포기했습니다. --retries {r}이면 {m}번입니다.'), { s: seq, n, r: flags.retries, m: flags.retries + 1 }),
          expected: fill(text('{m} attempts (the first + {r} retries), then "seq={s} lost"', '{m}번 시도(첫 시도 + 재시도 {r}번) 뒤 "seq={s} lost"'), { m: flags.retries + 1, r: flags.retries, s: seq }),
          actual: fill(text('{n} attempt(s), then {l}', '{n}번 시도 뒤 {l}'), { n, l: quoted(line.line) }),
          cause: text(
            '--retries counts the retries after the first attempt, so a seq nobody answers is sent --retries + 1 times. An off-by-one (attempts < retries instead of attempts <= retries, with attempts counting the sends so far) gives up one attempt early.',
            '--retries는 첫 시도 뒤의 재시도 횟수이므로, 아무도 답하지 않는 seq는 --retries + 1번 보냅니다. 하나 차이 실수(지금까지 보낸 횟수인 attempts로 attempts <= retries 대신 attempts < retries를 씀)는 한 번 일찍 포기합니다.',
          ),
          fix: text('After attempt k times out: if (k <= RETRIES) send again; else print "seq=N lost".', 'k번째 시도가 시간을 넘기면 if (k <= RETRIES)이면 다시 보내고, 아니면 "seq=N lost"를 출력하세요.'),
          section: section.timers,
        });
      }
      const waited = line.at - last.at;
      if (waited < flags.timeout - timing.low) {
        ctx.fail({
          reason: 'ignores-flags',
          summary: fill(text('Seq {s}: "seq={s} lost" came {g} ms after its last attempt; --timeout is {t} ms.', 'seq {s}: "seq={s} lost"가 마지막 시도 {g}ms 뒤에 나왔습니다. --timeout은 {t}ms입니다.'), { s: seq, g: Math.round(waited), t: flags.timeout }),
          expected: fill(text('"seq={s} lost" {t} ms after the last attempt', '마지막 시도 {t}ms 뒤에 "seq={s} lost"'), { s: seq, t: flags.timeout }),
          actual: fill(text('{g} ms', '{g}ms'), { g: Math.round(waited) }),
          cause: text('The last attempt was not given its --timeout: the seq was given up before its timer, or with a hard-coded or wrongly scaled timeout.', '마지막 시도에 --timeout만큼 시간을 주지 않았습니다. 타이머가 끝나기 전에 포기했거나, timeout이 코드에 고정되었거나 단위가 틀렸습니다.'),
          fix: text('Give up only in the timer of the last attempt: setTimeout(onTimeout, TIMEOUT) with the --timeout value, in ms.', '마지막 시도의 타이머 안에서만 포기하세요. --timeout 값을 밀리초 그대로 setTimeout(onTimeout, TIMEOUT)에.'),
          section: section.timers,
        });
      }
      if (Number.isFinite(waited) && waited > flags.timeout + timing.high) timeoutTooLong(ctx, seq, n, waited, flags, timing, 'lost');
      continue;
    }
    // An "ok" line: what did the client accept? Nothing genuine yet when it printed → a trap.
    const tookBogus = !firstGenuine || line.at < firstGenuine.at;
    const early = line.attempts < n;
    const trapTaken = (before: number): string | undefined => {
      const b = bogus.filter((a) => a.at <= before);
      return b.some((a) => a.spoofed) ? 'accepted-spoofed-reply' : b.length > 0 ? 'accepted-wrong-token' : undefined;
    };
    if (tookBogus || line.attempts !== n) {
      const reason = tookBogus ? (trapTaken(line.at) ?? 'matched-by-arrival-order') : early ? (trapTaken(sent[line.attempts]!.at) ?? 'wrong-attempts') : 'wrong-attempts';
      const spoof = bogus.find((a) => a.spoofed);
      ctx.fail({
        reason,
        summary:
          reason === 'accepted-spoofed-reply'
            ? fill(text('Seq {s}: your client accepted a PONG that came from another port, not from the server.', 'seq {s}: 클라이언트가 서버가 아닌 다른 포트에서 온 PONG을 받았습니다.'), { s: seq })
            : reason === 'accepted-wrong-token'
              ? fill(text('Seq {s}: your client accepted a PONG with a token it never sent.', 'seq {s}: 클라이언트가 보낸 적 없는 token이 담긴 PONG을 받았습니다.'), { s: seq })
              : reason === 'matched-by-arrival-order'
                ? firstGenuine
                  ? fill(text('Seq {s} was reported as answered before the server had answered it.', '서버가 seq {s}에 답하기도 전에 응답받은 것으로 보고되었습니다.'), { s: seq })
                  : fill(text('Seq {s} was reported as answered, but the server never answered it.', '서버가 seq {s}에 답한 적이 없는데 응답받은 것으로 보고되었습니다.'), { s: seq })
                : fill(text('Seq {s}: attempts={a}, but the server received {n} attempt(s).', 'seq {s}: attempts={a}인데 서버는 {n}번 받았습니다.'), { s: seq, a: line.attempts, n }),
        expected: firstGenuine ? quoted(`seq=${seq} rtt=…ms attempts=${n}`) : reason === 'matched-by-arrival-order' ? quoted(`seq=${seq} lost`) : text('the trap ignored, a retry, and only a genuine reply accepted', '함정은 무시하고 재시도한 뒤 진짜 응답만 받기'),
        actual: fill(text('{l} ({h})', '{l} ({h})'), { l: quoted(line.line), h: reason === 'accepted-spoofed-reply' && spoof ? fill(text('{h}; a PONG {s} came from port {p}', '{h}; 포트 {p}에서 PONG {s}가 옴'), { h: history, s: seq, p: server.spoofPort }) : history }),
        cause:
          reason === 'accepted-spoofed-reply'
            ? text('Anyone can send a datagram to your port. A reply counts only if rinfo.address and rinfo.port are the server\'s (HOST and PORT): the address alone is not enough, every program on the machine shares it.', '누구나 내 포트로 데이터그램을 보낼 수 있습니다. rinfo.address와 rinfo.port가 서버의 것(HOST와 PORT)일 때만 응답으로 칩니다. 주소만으로는 부족합니다. 같은 컴퓨터의 모든 프로그램이 그 주소를 씁니다.')
            : reason === 'accepted-wrong-token'
              ? text('The seq matched but the token did not: it answers no attempt you made (an old run, a forger). Match the seq AND a token you sent for it.', 'seq는 맞지만 token이 다릅니다. 내가 한 어떤 시도에 대한 응답도 아닙니다(예전 실행이나 위조). seq와, 그 seq에 보낸 token을 함께 맞춰야 합니다.')
              : reason === 'matched-by-arrival-order'
                ? text(
                    'A reply meant for another seq (a duplicate, a late or reordered one) was taken as this seq\'s: replies were matched by when they came, not by what they say.',
                    '다른 seq에 대한 응답(중복, 늦은 응답, 순서가 바뀐 응답)을 이 seq의 것으로 받았습니다. 응답을 담긴 내용이 아니라 도착 순서로 맞췄습니다.',
                  )
                : text('attempts is how many times this seq was sent, counting the first send.', 'attempts는 첫 전송을 포함해 이 seq를 보낸 횟수입니다.'),
        fix:
          reason === 'accepted-spoofed-reply'
            ? text("if (rinfo.address !== HOST || rinfo.port !== PORT) return; at the top of the 'message' handler.", "'message' 핸들러 맨 앞에서 if (rinfo.address !== HOST || rinfo.port !== PORT) return;")
            : reason === 'wrong-attempts'
              ? text('Count every send of the seq, the first included, and print that count when the seq settles.', '첫 전송을 포함해 seq를 보낼 때마다 세고, seq가 끝날 때 그 수를 출력하세요.')
              : text('Parse "PONG <seq> <token>", look the seq up in your in-flight Map, and accept it only if the token is one you sent for that seq (Map token → send time).', '"PONG <seq> <token>"을 해석해 진행 중 Map에서 seq를 찾고, 그 seq에 보낸 token일 때만(token → 보낸 시각 Map) 받으세요.'),
        section: section.matching,
      });
    }
    // RTT, both bounds: from the send of the attempt whose token came back to its PONG. The
    // server's own hold is a floor; the checker sent the PONG at a known time, so the client
    // cannot have got it much later.
    const answered = tokens.get(pongToken(firstGenuine!.bytes))!;
    const held = firstGenuine!.at - answered.at;
    const tooShort = line.rtt < held - 1 - timing.lagMs;
    if (tooShort || line.rtt > held + timing.high) {
      ctx.fail({
        reason: 'wrong-rtt',
        summary: tooShort
          ? fill(text('Seq {s} reports rtt={r}ms, but the server alone held its reply {h} ms.', 'seq {s}의 rtt가 {r}ms인데 서버가 응답을 붙잡아 둔 시간만 {h}ms입니다.'), { s: seq, r: line.rtt, h: held.toFixed(1) })
          : fill(text('Seq {s} reports rtt={r}ms, but attempt {k} was answered {h} ms after it reached the server.', 'seq {s}의 rtt가 {r}ms인데 {k}번째 시도는 서버에 닿고 {h}ms 뒤에 응답을 받았습니다.'), { s: seq, r: line.rtt, k: answered.attempt, h: held.toFixed(1) }),
        expected: fill(text('rtt between {lo}ms and {hi}ms (the reply to attempt {k})', 'rtt는 {lo}ms에서 {hi}ms 사이({k}번째 시도에 대한 응답)'), { lo: Math.max(0, held - 1).toFixed(1), hi: (held + timing.high).toFixed(0), k: answered.attempt }),
        actual: quoted(line.line),
        cause: tooShort
          ? text('The RTT was measured from the wrong send: one shared "last sent" time, or the time of another seq\'s PING. Each attempt needs its own send time.', 'RTT를 엉뚱한 전송부터 쟀습니다. 공유된 "마지막 전송" 시각이나 다른 seq의 PING 시각을 썼습니다. 시도마다 자기 전송 시각이 필요합니다.')
          : text('The RTT was measured from an earlier send (the seq\'s first attempt instead of the one whose token came back), or in the wrong unit (performance.now() is already in ms).', 'RTT를 더 이른 전송부터 쟀거나(토큰이 돌아온 시도가 아니라 seq의 첫 시도), 단위가 틀렸습니다(performance.now()는 이미 ms입니다).'),
        fix: text('sentAt.set(token, performance.now()) when sending; rtt = performance.now() - sentAt.get(token) when its PONG comes.', '보낼 때 sentAt.set(token, performance.now()), 그 PONG이 오면 rtt = performance.now() - sentAt.get(token).'),
        section: section.matching,
      });
    }
  }

  const lines = [...out.lines.values()].map((l) => l[0]!);
  const receivedLines = lines.filter((l) => l.kind === 'ok').length;
  const s = out.summary!;
  const lost = flags.count - receivedLines;
  const want = { sent: flags.count, received: receivedLines, lost, loss: Math.round((100 * lost) / flags.count) };
  if (s.sent !== want.sent || s.received !== want.received || s.lost !== want.lost || s.loss !== want.loss) {
    ctx.fail({
      reason: s.received > want.received ? 'counted-duplicate' : 'wrong-summary',
      summary: text('The summary does not add up with the seq lines.', '요약이 seq 줄들과 맞지 않습니다.'),
      expected: quoted(`sent=${want.sent} received=${want.received} lost=${want.lost} loss=${want.loss}%`),
      actual: quoted(s.line),
      cause:
        s.received > want.received
          ? text('More replies were counted than seqs answered: a duplicate or late reply was counted again.', '응답받은 seq보다 더 많이 셌습니다. 중복이나 늦은 응답을 또 셌습니다.')
          : text('sent = --count, received = seqs answered, lost = seqs lost, loss = round(100 × lost / sent).', 'sent는 --count, received는 응답받은 seq 수, lost는 잃어버린 seq 수, loss는 round(100 × lost / sent)입니다.'),
      fix: text('Count a seq as received only when it settles with a reply (once), and derive the rest.', 'seq가 응답으로 끝날 때 한 번만 received로 세고, 나머지는 거기서 계산하세요.'),
      section: section.output,
    });
  }
  const expectedCode = receivedLines > 0 ? 0 : 1;
  if (run.exit.code !== expectedCode) {
    ctx.fail({
      reason: 'wrong-exit-code',
      summary: fill(text('Your client exited with code {c}; with {r} seq(s) answered it should exit {e}.', '클라이언트가 종료 코드 {c}로 끝났습니다. 응답받은 seq가 {r}개이면 {e}여야 합니다.'), { c: String(run.exit.code), r: receivedLines, e: expectedCode }),
      expected: fill(text('exit code {e}', '종료 코드 {e}'), { e: expectedCode }),
      actual: describeExit(run.exit),
      cause: text('Exit 0 if at least one reply arrived, 1 if none did: scripts rely on it.', '응답이 하나라도 오면 0, 하나도 안 오면 1로 끝냅니다. 스크립트가 이 값에 기댑니다.'),
      fix: text('process.exitCode = received > 0 ? 0 : 1; then close the socket.', 'process.exitCode = received > 0 ? 0 : 1; 그리고 소켓을 닫으세요.'),
      section: section.output,
    });
  }
}

async function scripted(ctx: ScenarioContext, udp: UdpPeerSet, flags: Flags, rule: (p: Parsed) => UdpAnswer[], traps: Map<number, Trap>, limitMs: number): Promise<void> {
  const t = ctx.transcript(who.client, who.server);
  let server: ScriptedUdpServer | undefined;
  server = await udp.server(t, planFrom(() => server!, rule));
  const run = await runClient(ctx, server.port, flags, limitMs);
  judge(ctx, run, server, flags, traps, limitMs);
}

const CONTRACT: Flags = { count: 10, interval: 100, timeout: 300, retries: 2 };

/**
 * One generated network: a new scripted server playing the case's plan, the client run against
 * it, and the same judgement as the hand-written scenarios (a mismatch instead of a failure).
 */
async function runNetCase(ctx: ScenarioContext, udp: UdpPeerSet, c: NetCase, transcript: (left: Text, right: Text) => Transcript): Promise<Mismatch | undefined> {
  const flags = flagsOf(c);
  const t = transcript(who.client, who.server);
  for (const n of describeNetNotes(c)) t.note(n);
  let server: ScriptedUdpServer | undefined;
  server = await udp.server(t, (r) => {
    const p = parse(r, server!.requests);
    return p && p.seq >= 1 && p.seq <= flags.count ? answersFor(c, p.seq, p.attempt, p.token) : [];
  });
  try {
    const run = await runClient(ctx, server.port, flags, 6000);
    judge(ctx, run, server, flags, new Map(), 6000);
    return undefined;
  } catch (e) {
    if (e instanceof CheckFailure) {
      const d = e.details;
      return { ...d, summary: fill(text('{s} (A generated network: {c}.)', '{s} (만들어 낸 네트워크: {c}.)'), { s: d.summary, c: describeNet(c) }) };
    }
    throw e;
  } finally {
    await server.close();
  }
}

function scenario(id: string, title: Text, timing: boolean, limitMs: number, run: (ctx: ScenarioContext, udp: UdpPeerSet) => Promise<void>) {
  return { id, title, timing, limitMs, run: (ctx: ScenarioContext) => withUdpPeers((udp) => run(ctx, udp)) };
}

export default defineScenarios([
  scenario('clean-network', text('a server that answers every PING at once: 5 reply lines, "sent=5 received=5 lost=0 loss=0%", exit 0', '모든 PING에 바로 답하는 서버: 응답 줄 5개, "sent=5 received=5 lost=0 loss=0%", 종료 코드 0'), false, 20000, (ctx, udp) =>
    scripted(ctx, udp, { ...CONTRACT, count: 5 }, (p) => [{ bytes: pong(p) }], new Map(), 10000),
  ),
  scenario(
    'lossy-network',
    text('client.ts --count 10 --interval 100 --timeout 300 --retries 2 against loss, a wrong token, a late reply, a spoofed port, a duplicate and a swap', 'client.ts --count 10 --interval 100 --timeout 300 --retries 2: 손실, 틀린 token, 늦은 응답, 위조된 포트, 중복, 순서 바뀜'),
    true,
    20000,
    (ctx, udp) => scripted(ctx, udp, CONTRACT, lossyRule, LOSSY_TRAPS, 10000),
  ),
  scenario('honours-flags', text('client.ts --count 2 --interval 50 --timeout 800 --retries 1, seq 2 always lost: exactly 2 attempts, 800 ms apart', 'client.ts --count 2 --interval 50 --timeout 800 --retries 1, seq 2는 늘 손실: 800ms 간격으로 정확히 2번 시도'), true, 20000, (ctx, udp) =>
    scripted(ctx, udp, { count: 2, interval: 50, timeout: 800, retries: 1 }, (p) => (p.seq === 2 ? [] : [{ bytes: pong(p) }]), new Map([[2, 'drop-all']]), 10000),
  ),
  scenario(
    'generated-networks',
    text('generated networks: flags and, per seq and attempt, drop / answer / twice / late / held / a trap, from a seeded plan', '만들어 낸 네트워크: 플래그와, seq와 시도마다 버림 / 응답 / 두 번 / 늦게 / 붙잡음 / 함정을 시드로 정한 계획대로'),
    true,
    30000,
    (ctx, udp) => checkGenerated(ctx, { cases: netCases, run: (c, transcript) => runNetCase(ctx, udp, c, transcript), describe: describeNet, runs: 5, ms: 12000 }),
  ),
  scenario('nothing-listening', text('nothing listens on the port: every seq lost, exit 1, no crash', '포트에 아무도 없음: 모든 seq 손실, 종료 코드 1, 죽지 않음'), true, 20000, async (ctx, udp) => {
    const flags = { ...CONTRACT, count: 3 };
    const port = await udp.unusedPort();
    const t = ctx.transcript(who.client, text('nobody (a closed port)', '아무도 없음(닫힌 포트)'));
    t.note(fill(text('nothing listens on UDP 127.0.0.1:{p}', 'UDP 127.0.0.1:{p}에는 아무도 없음'), { p: port }));
    const run = await runClient(ctx, port, flags, 10000);
    if (run.exit !== 'timeout' && /ECONNREFUSED/.test(run.stderr) && /Unhandled 'error' event|at .*\.ts:\d+|Error/.test(run.stderr) && run.exit.code !== 0 && !hasSummary(run.stdout)) {
      ctx.fail({
        reason: 'crashed-on-icmp-error',
        summary: fill(text('With nothing listening, your client crashed: {how}, ECONNREFUSED.', '아무도 없는 포트에서 클라이언트가 죽었습니다: {how}, ECONNREFUSED.'), { how: describeExit(run.exit) }),
        expected: text('"seq=1 lost" … "sent=3 received=0 lost=3 loss=100%", exit code 1', '"seq=1 lost" … "sent=3 received=0 lost=3 loss=100%", 종료 코드 1'),
        actual: quoted(run.stderr.split('\n').find((l) => /ECONNREFUSED/.test(l)) ?? run.stderr, 120),
        cause: text(
          "A connected UDP socket (socket.connect()) receives the kernel's ICMP \"port unreachable\" as an 'error' event (recvmsg ECONNREFUSED); with no 'error' listener, Node ends the process. An unconnected socket is never told.",
          "연결된 UDP 소켓(socket.connect())은 커널의 ICMP \"port unreachable\"을 'error' 이벤트(recvmsg ECONNREFUSED)로 받습니다. 'error' 리스너가 없으면 Node가 프로세스를 끝냅니다. 연결하지 않은 소켓은 이 소식을 듣지 못합니다.",
        ),
        fix: text("Add socket.on('error', …) that logs and carries on (the timers still settle each seq), or use an unconnected socket and check rinfo yourself.", "기록만 하고 계속 진행하는 socket.on('error', …)를 추가하세요(각 seq는 타이머가 마무리합니다). 아니면 연결하지 않은 소켓을 쓰고 rinfo를 직접 확인하세요."),
        section: section.connected,
      });
    }
    expectEnded(ctx, run, flags, undefined, 10000);
    if (run.exit.code !== 0 && run.exit.code !== 1) ctx.fail(programFailure('client.ts', run.exit, run.program, 'during-exchange'));
    const out = readOutput(run.stdout);
    if (out.extra.length > 0) extraStdout(ctx, out, run.stdout);
    const want = [1, 2, 3].map((s) => `seq=${s} lost`);
    const got = [...out.lines.values()].flat().map((l) => l.line);
    if (want.some((w) => !got.includes(w)) || got.length !== 3 || out.summary?.line !== 'sent=3 received=0 lost=3 loss=100%') {
      ctx.fail({
        reason: 'wrong-output-no-server',
        summary: text('With nothing listening, the output is not three "lost" lines and the summary.', '아무도 없는 포트에서 출력이 "lost" 줄 셋과 요약이 아닙니다.'),
        expected: quoted(`${want.join('\n')}\nsent=3 received=0 lost=3 loss=100%\n`),
        actual: run.stdout ? quoted(run.stdout, 200) : text('(nothing printed)', '(출력 없음)'),
        cause: text('Every seq still ends: after its last attempt times out it is "lost". Nothing answering is the normal UDP way of saying "no server".', '모든 seq는 그래도 끝납니다. 마지막 시도가 시간을 넘기면 "lost"입니다. 아무도 답하지 않는 것이 UDP가 "서버 없음"을 말하는 보통의 방식입니다.'),
        section: section.output,
      });
    }
    if (run.exit.code !== 1) {
      ctx.fail({
        reason: 'wrong-exit-code',
        summary: text('With no reply at all, your client exited with code 0.', '응답이 하나도 없었는데 클라이언트가 종료 코드 0으로 끝났습니다.'),
        expected: text('exit code 1', '종료 코드 1'),
        actual: describeExit(run.exit),
        cause: text('Exit 0 if at least one reply arrived, 1 if none did: scripts rely on it.', '응답이 하나라도 오면 0, 하나도 안 오면 1로 끝냅니다. 스크립트가 이 값에 기댑니다.'),
        fix: text('process.exitCode = received > 0 ? 0 : 1;', 'process.exitCode = received > 0 ? 0 : 1;'),
        section: section.output,
      });
    }
  }),
]);
