/**
 * The steps lesson 05's scenarios are made of. The checker plays lesson 04's server: it starts
 * the learner's client, reads what the client sends, answers (or misbehaves), and then holds
 * the client's stdout, stderr and exit code to the README's rules.
 *
 * Steps fail with a reason of the mistakes table (mistakes.ts) and the facts they saw. The
 * generated exchanges reuse the same steps: `attempt` turns their failure into the mismatch
 * `checkGenerated` expects, so a rule is written once whether a hand-picked or a generated
 * exchange breaks it.
 */
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { acceptClient, describeExit, fill, programFailure, quoted, text, type FailureDetails, type PeerSocket, type ScenarioContext, type Text } from '../../../src/checks/kit.ts';
import { CheckFailure } from '../../../src/checks/scenario.ts';
import { splitAt } from '../../../src/checks/generate.ts';
import { Transcript } from '../../../src/peers/transcript.ts';
import type { Reason } from './mistakes.ts';
import { CLIENT_TIMEOUT_MS, closesAfter, modelReply, streamOf, type ClientCase } from './model.ts';

export type Ctx = ScenarioContext<Reason>;
export type Program = ReturnType<Ctx['startProgram']>;
type Exit = NonNullable<Program['exitInfo']>;

/** An exit on timeout counts if it comes this long after the server fell silent… */
export const TIMEOUT_EARLIEST_MS = CLIENT_TIMEOUT_MS - 500;
/** …and no later than this: the 2000 ms, plus room for a loaded machine's event loops. */
export const TIMEOUT_LATEST_MS = CLIENT_TIMEOUT_MS + 1000;
/** How long the checker waits at most for a client that does not time out at all. */
export const GIVE_UP_MS = 6500;

export const who = {
  client: text('your client', '내 클라이언트'),
  checkerServer: text('checker (server)', '검사기 (서버)'),
  lesson04: text('lesson 04 reference server', '레슨 04 참고 서버'),
};

/** A crash on an 'error' event nobody listened to, as Node prints it. */
export const CRASH = /Unhandled 'error' event|Emitted 'error' event/;

/** One run of the learner's client against the checker playing the server. */
export interface Session {
  ctx: Ctx;
  peer: PeerSocket;
  client: Program;
  commands: string[];
  /** The replies the client must print, in order (BYE not included). */
  replies: string[];
}

/** Starts the client with `commands` and accepts its connection. Replies default to lesson 04's. */
export async function open(ctx: Ctx, commands: string[], o: { replies?: string[]; transcript?: (l: Text, r: Text) => Transcript } = {}): Promise<Session> {
  const t = (o.transcript ?? ((l: Text, r: Text) => ctx.transcript(l, r)))(who.client, who.checkerServer);
  const server = await ctx.listenPeer(t);
  const client = ctx.startClient({ port: server.port, args: commands });
  const peer = await acceptClient(ctx, server, client, 5000);
  return { ctx, peer, client, commands, replies: o.replies ?? commands.map(modelReply) };
}

const sent = (lines: string[]) => quoted(lines.map((l) => `${l}\n`).join(''));
export const printed = (stdout: string) => (stdout ? quoted(stdout, 300) : text('(nothing)', '(출력 없음)'));
const expectedOut = (replies: string[]) => quoted(replies.map((r) => `${r}\n`).join(''));
/** What the program printed on stderr, for a failure's "actual". */
export const stderrOf = (p: Program) => (p.stderr().trim() ? quoted(p.stderr().trim(), 300) : text('(nothing on stderr)', '(stderr 출력 없음)'));

// ---------------------------------------------------------------------------------------------
// What the client sends

/**
 * Reads line `i` of the request (the QUIT after the last command when i = N) and holds it to
 * what the client was asked to send. `pipelined`: the checker has answered nothing yet, so a
 * missing line means the client waits for a reply before it sends the next one.
 */
export async function readCommand(s: Session, i: number, ms: number, pipelined: boolean): Promise<void> {
  const ctx: Ctx = s.ctx;
  const { peer, commands } = s;
  const all = [...commands, 'QUIT'];
  const line = await peer.readLine(ms);
  if (line.ok) {
    const got = line.value.toString('utf8').replace(/\r$/, '');
    if (got === all[i]) return;
    return wrongLine(s, i, got, line.value);
  }
  if (line.partial.length > 0) ctx.fail('command-without-newline', { expected: sent(all.slice(i)), actual: quoted(line.partial) });
  const after = line.reason === 'closed' ? text('then it closed the connection', '그런 다음 연결을 닫았습니다') : fill(text('then nothing for {ms} ms', '그 뒤 {ms}ms 동안 아무것도 없었습니다'), { ms });
  if (i === 0) ctx.fail('no-commands', { vars: { after }, expected: sent(all), actual: text('nothing', '아무것도 없음') });
  if (i === commands.length) ctx.fail('no-quit', { vars: { n: commands.length, got: fill(text('nothing, {after}', '아무것도 없음, {after}'), { after }) }, expected: sent(all), actual: sent(all.slice(0, i)) });
  if (pipelined) ctx.fail('not-pipelined', { vars: { i, n: all.length }, expected: sent(all), actual: fill(text('{sent}, {after}', '{sent}, {after}'), { sent: sent(all.slice(0, i)), after }) });
  ctx.fail('wrong-commands', { vars: { n: i + 1, got: fill(text('nothing ({after})', '없음({after})'), { after }), want: quoted(`${all[i]}\n`) }, expected: sent(all), actual: sent(all.slice(0, i)) });
}

/** Line `i` is not the one asked for: a wrong command, one line too many, or no QUIT. */
async function wrongLine(s: Session, i: number, got: string, raw: Buffer): Promise<void> {
  const ctx: Ctx = s.ctx;
  const { peer, commands } = s;
  const all = [...commands, 'QUIT'];
  // A QUIT still to come after a line where QUIT was due means that line is one too many.
  const quitLine = /(^|\n)QUIT\r?\n/;
  await peer.waitFor(() => quitLine.test(peer.unread().toString('utf8')), 500);
  const rest = peer.unread();
  const actual = quoted(Buffer.concat([...all.slice(0, i).map((c) => Buffer.from(`${c}\n`)), raw, Buffer.from('\n'), rest]));
  if (i === commands.length && !quitLine.test(rest.toString('utf8'))) {
    ctx.fail('no-quit', { vars: { n: commands.length, got: quoted(`${got}\n`) }, expected: sent(all), actual });
  }
  ctx.fail('wrong-commands', { vars: { n: i + 1, got: quoted(`${got}\n`), want: quoted(`${all[i]}\n`) }, expected: sent(all), actual });
}

/** Reads every command and QUIT before answering anything: the client must pipeline. */
export async function readAllCommands(s: Session): Promise<void> {
  await readCommand(s, 0, 3000, true);
  const deadline = Date.now() + 1500; // the rest follow the first at once when pipelined
  for (let i = 1; i <= s.commands.length; i++) await readCommand(s, i, Math.max(1, deadline - Date.now()), true);
}

// ---------------------------------------------------------------------------------------------
// What the client prints

/**
 * stdout must be exactly the replies, each ending in '\n' (README rule 3); a final "BYE" line
 * is allowed where BYE answered QUIT (`byeOptional`). Returns the first mistake that explains
 * a difference, most specific first.
 */
export function outputMismatch(ctx: Ctx, stdout: string, replies: string[], byeOptional = true): FailureDetails | undefined {
  const out = stdout.replace(/\r\n/g, '\n');
  const want = replies.map((r) => `${r}\n`).join('');
  if (out === want || (byeOptional && out === `${want}BYE\n`)) return undefined;
  const facts = { expected: expectedOut(replies), actual: printed(stdout) };
  const lines = out.split('\n').slice(0, -1);
  const firstBye = replies.indexOf('BYE'); // the reply to an ECHO BYE
  if (firstBye !== -1 && lines.length <= firstBye + 1 && lines.length < replies.length && lines.every((l, i) => l === replies[i])) {
    return ctx.mistake('stopped-at-echoed-bye', { vars: { n: firstBye + 1 }, ...facts });
  }
  const flat = out.replace(/\n/g, '');
  const joined = replies.join('');
  if (out.includes('\n') && (flat === joined || (byeOptional && flat === `${joined}BYE`))) return ctx.mistake('printed-chunks', facts);
  if (out.includes('\uFFFD')) return ctx.mistake('broken-utf8', facts);
  return ctx.mistake('wrong-output', { vars: { n: replies.length }, ...facts });
}

export function expectOutput(ctx: Ctx, stdout: string, replies: string[], byeOptional = true): void {
  const m = outputMismatch(ctx, stdout, replies, byeOptional);
  if (m) ctx.fail(m);
}

/**
 * Reply `n` has just been sent: within `ms` the client must have printed the first `n` replies
 * (README rule 3: "as soon as its line is complete"). A client that exits meanwhile is judged
 * by the scenario's later steps.
 */
export async function expectPrintedSoon(s: Session, n: number, ms: number): Promise<void> {
  const enough = () => s.client.stdout().replace(/\r\n/g, '\n').split('\n').length - 1 >= n || s.client.exitInfo !== undefined;
  const until = Date.now() + ms;
  while (!enough() && Date.now() < until) await sleep(20);
  if (enough()) return;
  s.ctx.fail('printed-late', { vars: { n, ms }, expected: expectedOut(s.replies.slice(0, n)), actual: printed(s.client.stdout()) });
}

// ---------------------------------------------------------------------------------------------
// How the client ends

/** A crash, a signal or an engine limit: the engine's own words, with the learner's stack. */
function expectNoCrash(ctx: Ctx, client: Program, exit: Exit | undefined, crashReason?: 'crashed-on-reset' | 'crashed-on-refused'): void {
  if (!exit) return;
  if (crashReason && CRASH.test(client.stderr())) {
    ctx.fail(crashReason, { expected: text('a message on stderr and exit code 1', 'stderr에 메시지, 그리고 종료 코드 1'), actual: fill(text('{how}, with a stack trace', '{how}, 스택 트레이스와 함께'), { how: describeExit(exit) }) });
  }
  if (CRASH.test(client.stderr()) || exit.signal || exit.stoppedFor) ctx.fail(programFailure('client.ts', exit, client, 'during-exchange'));
}

/**
 * After a complete exchange (every reply and BYE sent) the client has printed the replies and
 * exits 0 by itself; `exit` was waited for `ms` (undefined: still running).
 */
export function checkSuccess(s: Pick<Session, 'ctx' | 'client' | 'replies'>, exit: Exit | undefined, ms: number, and: Text = text(" and the server's close", '와 서버의 종료')): void {
  const ctx: Ctx = s.ctx;
  const client = s.client;
  if (!exit) ctx.fail('still-running-after-bye', { vars: { ms, and }, expected: text('exit code 0 right after BYE', 'BYE 직후 종료 코드 0'), actual: fill(text('output so far: {out}', '지금까지의 출력: {out}'), { out: printed(client.allOutput()) }) });
  expectNoCrash(ctx, client, exit);
  expectOutput(ctx, client.stdout(), s.replies);
  const actual = fill(text('exit code {c}; stderr: {err}', '종료 코드 {c}, stderr: {err}'), { c: String(exit.code), err: stderrOf(client) });
  if (exit.code === 2) ctx.fail('unexpected-timeout', { expected: text('exit code 0', '종료 코드 0'), actual });
  if (exit.code !== 0) ctx.fail('unexpected-error', { vars: { c: String(exit.code) }, expected: text('exit code 0 after BYE', 'BYE 뒤 종료 코드 0'), actual });
}

export async function expectSuccess(s: Session, ms = 4000): Promise<void> {
  checkSuccess(s, await s.client.waitExit(ms), ms);
}

/**
 * BYE came and the server keeps the connection open: the client must exit 0 on BYE alone, not
 * wait for a close (which would end in its own timeout, or never).
 */
export async function expectExitOnBye(s: Session, ms: number): Promise<void> {
  const exit = await s.client.waitExit(ms);
  if (!exit || (exit.code === 2 && !CRASH.test(s.client.stderr()))) {
    s.ctx.fail('waits-for-close', {
      vars: { how: describeExit(exit ?? 'timeout', ms) },
      expected: text('the replies printed, then exit code 0 right after BYE', '답을 출력하고 BYE 직후 종료 코드 0'),
      actual: fill(text('stdout {out}; {how}', 'stdout {out}, {how}'), { out: printed(s.client.stdout()), how: describeExit(exit ?? 'timeout', ms) }),
    });
  }
  checkSuccess(s, exit, ms, text('', ''));
}

/** README rules 5 and 6: an exit with code 1 or 2 comes with a message on stderr. */
export function expectMessage(s: Session, code: number | null, what: Text): void {
  if (s.client.stderr().trim() !== '') return;
  s.ctx.fail('no-error-message', {
    vars: { c: String(code), what },
    expected: fill(text('exit code {c} and a message on stderr', '종료 코드 {c}와 stderr 메시지'), { c: String(code) }),
    actual: fill(text('stdout {out}; stderr empty', 'stdout {out}, stderr 비어 있음'), { out: printed(s.client.stdout()) }),
  });
}

/**
 * The server answered `received` commands, then closed (FIN) or reset (RST): the client prints
 * what came (after a FIN; an RST may discard unread bytes) and exits 1, within 3 s, with a
 * message.
 */
export async function expectErrorExit(s: Session, how: 'fin' | 'rst', received = 2): Promise<void> {
  const ctx: Ctx = s.ctx;
  const client = s.client;
  const what = how === 'fin' ? text('the server closed the connection', '서버가 연결을 닫은') : text('the connection was reset', '연결이 리셋된');
  const exit = await client.waitExit(3000);
  expectNoCrash(ctx, client, exit, 'crashed-on-reset');
  if (!exit) ctx.fail('hangs-after-close', { vars: { ms: 3000, what }, expected: text('exit code 1, at once', '곧바로 종료 코드 1'), actual: fill(text('output so far: {out}', '지금까지의 출력: {out}'), { out: printed(client.allOutput()) }) });
  if (how === 'fin') expectOutput(ctx, client.stdout(), s.replies.slice(0, received));
  if (exit.code !== 1) {
    ctx.fail('early-close-not-an-error', {
      vars: { c: String(exit.code) },
      expected: text('exit code 1 and a message on stderr', '종료 코드 1과 stderr 메시지'),
      actual: fill(text('exit code {c}; stderr: {err}', '종료 코드 {c}, stderr: {err}'), { c: String(exit.code), err: stderrOf(client) }),
    });
  }
  expectMessage(s, exit.code, what);
}

/**
 * The server has gone silent (the connection open) at `silentSince`: the client exits 2 between
 * 1.5 s and 3 s later, having printed the replies before the silence, with a message.
 */
export async function expectTimeoutExit(s: Session, silentSince: number, before: string[]): Promise<void> {
  const ctx: Ctx = s.ctx;
  const client = s.client;
  const exit = await client.waitExit(GIVE_UP_MS - (Date.now() - silentSince));
  const after = Date.now() - silentSince;
  expectNoCrash(ctx, client, exit, 'crashed-on-reset');
  if (!exit) {
    const facts = {
      vars: { ms: GIVE_UP_MS },
      expected: fill(text('exit code 2 about {t} ms after the last data', '마지막 데이터 뒤 약 {t}ms에 종료 코드 2'), { t: CLIENT_TIMEOUT_MS }),
      actual: fill(text('still running after {ms} ms (stopped by the checker)', '{ms}ms 뒤에도 실행 중(검사기가 종료함)'), { ms: GIVE_UP_MS }),
    };
    ctx.fail(/time[ds]?[\s_-]?out/i.test(client.allOutput()) ? 'timeout-only-logged' : 'no-timeout', facts);
  }
  const window = fill(text('exit code 2, {a}–{b} ms after the last data', '마지막 데이터 뒤 {a}–{b}ms에 종료 코드 2'), { a: TIMEOUT_EARLIEST_MS, b: TIMEOUT_LATEST_MS });
  const actual = fill(text('{how} after {ms} ms; stderr: {err}', '{ms}ms 뒤 {how}, stderr: {err}'), { how: describeExit(exit), ms: after, err: stderrOf(client) });
  if (after < TIMEOUT_EARLIEST_MS) ctx.fail('timeout-too-early', { vars: { ms: after }, expected: window, actual });
  expectOutput(ctx, client.stdout(), before);
  if (exit.code !== 2) ctx.fail('timeout-exit-code', { vars: { c: String(exit.code) }, expected: text('exit code 2 (timeout)', '종료 코드 2(타임아웃)'), actual });
  if (after > TIMEOUT_LATEST_MS) ctx.fail('timeout-too-late', { vars: { ms: after }, expected: window, actual });
  expectMessage(s, exit.code, text('the timeout', '타임아웃'));
}

/** QUIT was answered with `reply`, not BYE: exit code 1 at once, a message, stdout the replies only. */
export function checkNotBye(s: Session, exit: Exit | undefined, reply: string, ms: number): void {
  const ctx: Ctx = s.ctx;
  const client = s.client;
  expectNoCrash(ctx, client, exit);
  if (!exit || exit.code !== 1) {
    ctx.fail('quit-reply-not-bye', {
      vars: { reply: quoted(`${reply}\n`), how: exit ? fill(text('exited with code {c}', '종료 코드 {c}로 끝났습니다'), { c: String(exit.code) }) : fill(text('was still running {ms} ms later', '{ms}ms 뒤에도 실행 중이었습니다'), { ms }) },
      expected: text('exit code 1 at once, and a message on stderr', '곧바로 종료 코드 1, 그리고 stderr 메시지'),
      actual: fill(text('{how}; stderr: {err}', '{how}, stderr: {err}'), { how: describeExit(exit ?? 'timeout', ms), err: stderrOf(client) }),
    });
  }
  expectOutput(ctx, client.stdout(), s.replies, false);
  expectMessage(s, exit.code, text('QUIT was answered with something other than BYE', 'QUIT에 BYE가 아닌 답이 온'));
}

// ---------------------------------------------------------------------------------------------
// Connection refused

/** A port nothing listens on (taken and given back at once). */
export async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

/** Nothing listened: exit 1 within `ms`, no crash, a message on stderr. */
export async function expectRefusedExit(ctx: Ctx, client: Program, ms: number): Promise<void> {
  const exit = await client.waitExit(ms);
  expectNoCrash(ctx, client, exit, 'crashed-on-refused');
  if (!exit || exit.code !== 1) {
    ctx.fail('refused-exit-code', {
      vars: { how: exit ? fill(text('exited with code {c}', '종료 코드 {c}로 끝났습니다'), { c: String(exit.code) }) : fill(text('was still running {ms} ms later', '{ms}ms 뒤에도 실행 중이었습니다'), { ms }) },
      expected: text('exit code 1 and a message on stderr', '종료 코드 1과 stderr 메시지'),
      actual: fill(text('{how}; output: {out}', '{how}, 출력: {out}'), { how: describeExit(exit ?? 'timeout', ms), out: printed(client.allOutput()) }),
    });
  }
  if (client.stderr().trim() === '') {
    ctx.fail('refused-silently', {
      expected: text('a message on stderr, e.g. "connection error: ECONNREFUSED"', 'stderr에 메시지, 예: "연결 오류: ECONNREFUSED"'),
      actual: fill(text('stdout {out}; stderr empty', 'stdout {out}, stderr 비어 있음'), { out: printed(client.stdout()) }),
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Generated exchanges

/** How long a generated case waits for the client to exit once the server has said its last. */
const CASE_EXIT_MS = 4000;

/**
 * Runs steps that fail by throwing (the same ones the hand-written scenarios use) and returns
 * their failure instead, as the mismatch of a generated case.
 */
async function attempt(steps: () => Promise<void>): Promise<FailureDetails | undefined> {
  try {
    await steps();
    return undefined;
  } catch (err) {
    if (err instanceof CheckFailure) return err.details;
    throw err;
  }
}

/**
 * One generated case, with a client of its own: the checker reads every command and QUIT (the
 * client must pipeline, and send exactly its arguments), sends the reply stream cut and spaced
 * as drawn, ends as drawn, and holds stdout, the exit code and stderr to the model.
 */
export async function runClientCase(ctx: Ctx, c: ClientCase, transcript: (l: Text, r: Text) => Transcript): Promise<FailureDetails | undefined> {
  let s: Session | undefined;
  try {
    return await attempt(async () => {
      s = await open(ctx, c.commands, { replies: c.replies, transcript });
      await readAllCommands(s);
      await s.peer.sendPieces(splitAt(streamOf(c), c.cuts), c.gapMs);
      if (c.end.kind === 'closes-early') {
        if (c.end.how === 'fin') s.peer.halfClose();
        else s.peer.reset();
        return expectErrorExit(s, c.end.how, c.end.after);
      }
      if (closesAfter(c)) s.peer.halfClose();
      else s.peer.transcript.note(text('the checker keeps the connection open', '검사기가 연결을 열어 둠'));
      if (c.end.kind === 'not-bye') return checkNotBye(s, await s.client.waitExit(CASE_EXIT_MS), c.end.reply, CASE_EXIT_MS);
      if (!c.end.close) return expectExitOnBye(s, CASE_EXIT_MS);
      return checkSuccess(s, await s.client.waitExit(CASE_EXIT_MS), CASE_EXIT_MS);
    });
  } finally {
    if (s && !s.client.exitInfo) await s.client.kill();
    s?.peer.destroy();
  }
}

/**
 * Runs `cases` one after the other, each to its end, and fails with the first mismatch,
 * replayed once more with a transcript for the report. For the corner cases: fast-check's
 * `examples` share the generated check's time budget, and a loaded machine could run out of it
 * before the last corner is tried.
 */
export async function tryEach(ctx: Ctx, cases: ClientCase[]): Promise<void> {
  const scratch = (l: Text, r: Text) => new Transcript(l, r);
  for (const c of cases) {
    const before = new Set(ctx.programs);
    const m = await runClientCase(ctx, c, scratch);
    await ctx.forgetProgramsSince(before); // only the replayed case's client is in the report
    if (m) ctx.fail((await runClientCase(ctx, c, (l, r) => ctx.transcript(l, r))) ?? m);
  }
}

/** A case in words: `client.ts "PING" "ECHO  a "; the checker sends "PONG\n a \nBYE\n" in 3 writes, then FIN`. */
export function describeClientCase(c: ClientCase): Text {
  const args = c.commands.length ? c.commands.map((a) => JSON.stringify(a)).join(' ') : text('(no arguments)', '(인자 없음)');
  const end =
    c.end.kind === 'closes-early' && c.end.how === 'rst'
      ? text('then RST', '그다음 RST')
      : closesAfter(c)
        ? text('then FIN', '그다음 FIN')
        : text('then the connection stays open', '그다음 연결은 열린 채');
  const stream = streamOf(c);
  if (stream.length === 0) return fill(text('client.ts {args}; the checker sends no reply, {end}', 'client.ts {args}. 검사기가 답을 하나도 보내지 않고, {end}'), { args, end });
  return fill(text('client.ts {args}; the checker sends {stream} in {n} writes {gap} ms apart, {end}', 'client.ts {args}. 검사기가 {stream}을(를) {gap}ms 간격으로 {n}번에 나눠 보내고, {end}'), {
    args,
    stream: quoted(stream, 120),
    n: splitAt(stream, c.cuts).length,
    gap: c.gapMs,
    end,
  });
}
