/**
 * Lesson 16 — the steps its scenarios share: starting the server, pulling a trigger (a line on
 * stdin, SIGTERM, SIGINT), reading replies and goodbyes, trying new connections during the
 * drain, judging the exit; and the two plays the generated scenarios run (an exchange without
 * a shutdown, a drain). Failures name a reason of `mistakes.ts`.
 */
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { describeExit, programFailure, quoted, splitAt, text, type PeerSocket, type StartedServer, type Text, type Transcript } from '../../../src/checks/kit.ts';
import type { FailureDetails } from '../../../src/checks/scenario.ts';
import { fill } from '../../../src/i18n.ts';
import type { Ctx } from './mistakes.ts';
import { answer, busyBytes, busyExpected, bytesOf, earliestOf, GOODBYE, REFUSED, repliesOf, scheduleOf, type DrainCase, type Exchange, type LineCase, type Reply, type Trigger } from './model.ts';
import { asMismatch } from '../../../src/checks/kit.ts';
export { asMismatch };

export type { Ctx } from './mistakes.ts';
export type TranscriptOf = (left: Text, right: Text) => Transcript;

export const who = {
  checker: text('checker (client)', '검사기 (클라이언트)'),
  server: text('your server', '내 서버'),
  idle: (i: number) => fill(text('idle client {i}', '쉬는 클라이언트 {i}'), { i }),
  busy: text('busy client', '바쁜 클라이언트'),
  stubborn: text('stubborn client (never closes)', '고집 센 클라이언트 (닫지 않음)'),
  a: text('client A', '클라이언트 A'),
  b: text('client B', '클라이언트 B'),
  client: (i: number) => fill(text('client {i}', '클라이언트 {i}'), { i }),
};

/** How long a reply that is due at once may take (a loaded 2-core machine). */
export const REPLY_MS = 1500;
/** How long after a trigger an idle client's goodbye may take. */
export const GOODBYE_MS = 1000;
/** After the last client has closed, the exit must come within this (the deadline is 2000 ms after the trigger). */
export const PROMPT_EXIT_MS = 1000;

/** The server, with its stdin kept open for the "shutdown" line (closed: the end of stdin is not a trigger). */
export function start(ctx: Ctx, stdinOpen = true): Promise<StartedServer> {
  return ctx.startServer({ keepStdinOpen: stdinOpen });
}

export function howOf(how: Trigger): Text {
  return how === 'stdin' ? text('the line "shutdown" on stdin', 'stdin의 "shutdown" 줄') : text(how, how);
}

/** Pulls a trigger; returns when (Date.now()). */
export function pull(server: StartedServer, how: Trigger): number {
  if (how === 'stdin') server.program.writeStdin('shutdown\n');
  else server.program.signal(how);
  return Date.now();
}

/** A line as the report shows it: `"ECHO 안녕\n"`. */
export function said(line: string): string {
  return quoted(`${line}\n`);
}

function asLine(b: Buffer | string): string {
  return quoted(typeof b === 'string' ? `${b}\n` : Buffer.concat([b, Buffer.from('\n')]));
}

function lines(replies: string[]): string {
  return replies.length ? replies.map((r) => quoted(`${r}\n`)).join(' ') : '—';
}


// ─── the program's end ───────────────────────────────────────────────────────────────────

/** It printed a crash report (an uncaught exception, an unhandled 'error' event). */
function crashed(server: StartedServer): boolean {
  return /^Node\.js v\d+/m.test(server.program.stderr()) || /Unhandled 'error' event/.test(server.program.stderr());
}

/**
 * When the server is gone (or goes within a moment) for a reason of its own: killed by the
 * signal (not handled), or a crash (its stack trace). An exit of its own choosing is judged by
 * what the clients saw.
 */
export async function exitFailure(ctx: Ctx, server: StartedServer, how: Trigger): Promise<FailureDetails | undefined> {
  const exit = server.program.exitInfo ?? (await server.program.waitExit(300));
  if (!exit) return undefined;
  if (exit.signal) return ctx.mistake('signal-not-handled', { vars: { how: howOf(how), exit: describeExit(exit) } });
  if (crashed(server)) return programFailure('server.ts', exit, server.program, 'during-exchange');
  return undefined;
}

/**
 * The exit after a drain: code `want`, within `ms` of `since`; `closedAt` (when the last client
 * closed), if given, must be followed promptly by the exit.
 */
export async function expectExit(ctx: Ctx, server: StartedServer, o: { how: Trigger; t0: number; ms: number; want: 0 | 1; why: Text; closedAt?: number }): Promise<void> {
  const exit = await server.program.waitExit(Math.max(0, o.t0 + o.ms - Date.now()));
  const at = Date.now();
  if (!exit) ctx.fail('never-exited', { vars: { how: howOf(o.how), ms: at - o.t0 }, expected: text(`an exit within ${o.ms} ms`, `${o.ms}ms 안에 종료`), actual: text('still running', '아직 실행 중') });
  if (exit.signal) ctx.fail('signal-not-handled', { vars: { how: howOf(o.how), exit: describeExit(exit) } });
  if (crashed(server)) ctx.fail(programFailure('server.ts', exit, server.program, 'during-exchange'));
  if (exit.code !== o.want) ctx.fail('wrong-exit-code', { vars: { code: String(exit.code), want: o.want, why: o.why }, expected: `exit ${o.want}`, actual: describeExit(exit) });
  if (o.closedAt !== undefined && at - o.closedAt > PROMPT_EXIT_MS) {
    ctx.fail('waited-for-deadline', { vars: { ms: at - o.closedAt }, expected: text(`an exit within ${PROMPT_EXIT_MS} ms of the last close`, `마지막 연결이 닫힌 뒤 ${PROMPT_EXIT_MS}ms 안에 종료`), actual: text(`${at - o.t0} ms after the trigger`, `트리거 ${at - o.t0}ms 뒤`) });
  }
}

// ─── new connections during the drain ────────────────────────────────────────────────────

/** A new connection: refused, or accepted (and closed at once). */
export function tryConnect(port: number, ms = 1000): Promise<'refused' | 'accepted' | 'timeout'> {
  return new Promise((resolve) => {
    const s = net.connect({ port, host: '127.0.0.1', autoSelectFamily: false });
    const timer = setTimeout(() => {
      s.destroy();
      resolve('timeout');
    }, ms);
    s.once('connect', () => {
      clearTimeout(timer);
      s.destroy();
      resolve('accepted');
    });
    s.once('error', () => {
      clearTimeout(timer);
      resolve('refused');
    });
  });
}

/** After the trigger has visibly been handled (`when`), a new connection must be refused. */
export async function expectRefused(ctx: Ctx, server: StartedServer, how: Trigger, t0: number, when: Text): Promise<void> {
  const r = await tryConnect(server.port);
  if (r === 'accepted') {
    ctx.fail('accepted-after-trigger', { vars: { ms: Date.now() - t0, how: howOf(how), when }, expected: 'ECONNREFUSED', actual: text('connected', '연결됨') });
  }
}

// ─── replies ─────────────────────────────────────────────────────────────────────────────

/** A timer may fire a millisecond early on the checker's clock: this much, plus 1 ms per WORK in the chain. */
const TIMER_SLACK_MS = 10;

/**
 * The moment each reply line arrives on `peer` from now on, one entry per '\n' received (taken
 * when the bytes come in, not when a read gets to them).
 */
export function arrivals(peer: PeerSocket): number[] {
  const at: number[] = [];
  peer.socket.on('data', (chunk: Buffer) => {
    const now = Date.now();
    for (let nl = chunk.indexOf(0x0a); nl !== -1; nl = chunk.indexOf(0x0a, nl + 1)) at.push(now);
  });
  return at;
}

/**
 * A reply's lower bound in time (README "Replies come in order"): not before its own WORK's
 * milliseconds from when its line was sent (`work-too-early`), and not before `floor`, the
 * earliest moment the WORKs queued ahead of it on the connection, each timed from its own turn,
 * let it go out (`earliestOf`; `work-before-its-turn`). `works`: how many WORKs that chain holds.
 * A loaded machine only makes replies later: these bounds never fail a right server.
 */
export function expectNotEarly(ctx: Ctx, o: { sent: string; at: number; sentAt: number; ms: number; floor: number; works: number }): void {
  const slack = TIMER_SLACK_MS + o.works;
  const ms = o.at - o.sentAt;
  if (o.ms > 0 && ms < o.ms - slack) ctx.fail('work-too-early', { vars: { sent: said(o.sent), ms, want: o.ms }, expected: text(`not before ${o.ms} ms`, `${o.ms}ms 전에는 안 됨`), actual: `${ms} ms` });
  const want = o.floor - o.sentAt;
  if (ms < want - slack) ctx.fail('work-before-its-turn', { vars: { sent: said(o.sent), ms, want }, expected: text(`not before ${want} ms`, `${want}ms 전에는 안 됨`), actual: `${ms} ms` });
}

/** Reads one reply line and holds it to `want`; `later` are the replies of the lines behind it. */
export async function expectReply(ctx: Ctx, peer: PeerSocket, sent: string, want: string, o: { ms?: number; later?: string[] } = {}): Promise<void> {
  const ms = o.ms ?? REPLY_MS;
  const r = await peer.readLine(ms);
  if (!r.ok) {
    if (r.reason === 'closed') ctx.fail('closed-early', { vars: { how: r.how.toUpperCase(), sent: said(sent) }, expected: asLine(want), actual: r.partial.length ? quoted(r.partial) : r.how.toUpperCase() });
    ctx.fail('no-reply', { vars: { sent: said(sent), ms }, expected: asLine(want), actual: r.partial.length ? quoted(r.partial) : text('nothing', '아무것도 없음') });
  }
  const got = r.value.toString('utf8');
  if (r.value.equals(Buffer.from(want))) return;
  if (o.later?.includes(got)) ctx.fail('not-in-order', { vars: { sent: said(sent), got: asLine(r.value) }, expected: asLine(want), actual: asLine(r.value) });
  ctx.fail('wrong-reply', { vars: { sent: said(sent), want: asLine(want), got: asLine(r.value) }, expected: asLine(want), actual: asLine(r.value) });
}

/**
 * An idle client's goodbye: the line, then FIN. Nothing within the limit: the trigger was
 * ignored (or the program is gone, which says how).
 */
export async function expectGoodbye(ctx: Ctx, server: StartedServer, peer: PeerSocket, how: Trigger, t0: number): Promise<void> {
  const r = await peer.readLine(GOODBYE_MS);
  if (!r.ok) {
    const gone = await exitFailure(ctx, server, how);
    if (gone) ctx.fail(gone);
    if (r.reason === 'closed') ctx.fail('no-goodbye', { vars: { how: r.how.toUpperCase() }, expected: asLine(GOODBYE), actual: r.partial.length ? quoted(r.partial) : r.how.toUpperCase() });
    if (r.partial.length > 0) ctx.fail('wrong-goodbye', { vars: { got: quoted(r.partial) }, expected: asLine(GOODBYE), actual: quoted(r.partial) });
    ctx.fail('trigger-ignored', { vars: { how: howOf(how), ms: Date.now() - t0 }, expected: asLine(GOODBYE), actual: text('nothing', '아무것도 없음') });
  }
  if (r.value.toString('utf8') !== GOODBYE) ctx.fail('wrong-goodbye', { vars: { got: asLine(r.value) }, expected: asLine(GOODBYE), actual: asLine(r.value) });
  await expectClosedAfterGoodbye(ctx, peer);
}

async function expectClosedAfterGoodbye(ctx: Ctx, peer: PeerSocket): Promise<void> {
  const closed = await peer.waitClosed(1000);
  if (closed === 'timeout') ctx.fail('no-close-after-goodbye', { vars: { ms: 1000 }, expected: 'FIN', actual: text('the connection stayed open', '연결이 열린 채였음') });
  const extra = peer.unread();
  if (extra.length > 0) ctx.fail('extra-reply', { vars: { sent: asLine(GOODBYE), got: quoted(extra) }, expected: 'FIN', actual: quoted(extra) });
}

/**
 * A busy connection through the drain, held to the model's replies: the accepted lines
 * answered, the late ones refused, the goodbye, the FIN. `accepted` is how many of `want`
 * answer lines read before the trigger.
 */
export async function expectDrained(ctx: Ctx, server: StartedServer, peer: PeerSocket, how: Trigger, t0: number, want: Reply[], accepted: number): Promise<void> {
  const got: string[] = [];
  for (const [i, w] of want.entries()) {
    const late = i >= accepted && w.reply !== GOODBYE;
    const r = await peer.readLine(w.ms + REPLY_MS);
    const so = { expected: lines(want.map((x) => x.reply)), actual: lines(got) };
    if (!r.ok) {
      const gone = await exitFailure(ctx, server, how);
      if (gone) ctx.fail(gone);
      const tail = r.reason === 'closed' ? r.how.toUpperCase() : text('nothing', '아무것도 없음');
      const actual = fill(text('{got} then {tail}', '{got} 다음 {tail}'), { got: so.actual, tail });
      if (w.reply === GOODBYE) {
        if (r.reason === 'closed') ctx.fail('no-goodbye', { vars: { how: r.how.toUpperCase() }, expected: so.expected, actual });
        ctx.fail('trigger-ignored', { vars: { how: howOf(how), ms: Date.now() - t0 }, expected: so.expected, actual });
      }
      if (late) ctx.fail('late-line-not-refused', { vars: { sent: said(w.to), got: tail }, expected: so.expected, actual });
      if (r.reason === 'closed') ctx.fail('lost-in-flight-work', { vars: { sent: said(w.to), how: r.how.toUpperCase() }, expected: so.expected, actual });
      ctx.fail('no-reply', { vars: { sent: said(w.to), ms: w.ms + REPLY_MS }, expected: so.expected, actual });
    }
    const line = r.value.toString('utf8');
    got.push(line);
    if (line === w.reply) continue;
    const facts = { expected: so.expected, actual: lines(got) };
    if (line === GOODBYE) {
      if (late) ctx.fail('late-line-not-refused', { vars: { sent: said(w.to), got: asLine(line) }, ...facts });
      ctx.fail('goodbye-before-work-done', { vars: { sent: said(w.to) }, ...facts });
    }
    if (late && line === answer(w.to).reply) ctx.fail('executed-after-trigger', { vars: { sent: said(w.to), got: asLine(line) }, ...facts });
    if (!late && line === REFUSED) ctx.fail('refused-accepted-line', { vars: { sent: said(w.to) }, ...facts });
    if (w.reply === GOODBYE) ctx.fail('wrong-goodbye', { vars: { got: asLine(line) }, ...facts });
    if (want.slice(i + 1).some((x) => x.reply === line)) ctx.fail('not-in-order', { vars: { sent: said(w.to), got: asLine(line) }, ...facts });
    ctx.fail('wrong-reply', { vars: { sent: said(w.to), want: asLine(w.reply), got: asLine(line) }, ...facts });
  }
  if (want.at(-1)?.reply === GOODBYE) await expectClosedAfterGoodbye(ctx, peer);
  else if ((await peer.waitClosed(1000)) === 'timeout') ctx.fail('quit-not-closed', { vars: { ms: 1000 }, expected: 'FIN', actual: text('the connection stayed open', '연결이 열린 채였음') });
}

// ─── the plays of the generated scenarios ────────────────────────────────────────────────

/** One generated exchange on a running server: the clients' writes interleaved, each held to the model. */
export async function runExchange(ctx: Ctx, server: StartedServer, x: Exchange, transcript: TranscriptOf): Promise<FailureDetails | undefined> {
  const labels = x.clients.length === 1 ? [who.checker] : [who.a, who.b];
  const peers: PeerSocket[] = [];
  try {
    for (const label of labels) peers.push(await ctx.connect(server.port, transcript(label, who.server)));
    const arrived = peers.map(arrivals);
    const pieces = x.clients.map((c) => splitAt(bytesOf(c), c.cuts));
    // Each write's end (bytes so far) and when it went out: a line is sent with the write holding its '\n'.
    const sends = pieces.map(() => [] as Array<{ end: number; at: number }>);
    for (const [i, k] of scheduleOf(pieces.map((p) => p.length), x.turns)) {
      const piece = pieces[i]![k]!;
      sends[i]!.push({ end: (sends[i]!.at(-1)?.end ?? 0) + piece.length, at: Date.now() });
      await peers[i]!.send(piece);
      await sleep(5);
    }
    for (const [i, c] of x.clients.entries()) {
      const m = await asMismatch(() => holdToModel(ctx, peers[i]!, c, lineSentAt(bytesOf(c), sends[i]!), arrived[i]!));
      if (m) return m;
    }
    return undefined;
  } finally {
    for (const p of peers) p.destroy();
  }
}

/** When each line of `stream` was sent: the moment of the write that carried its '\n'. */
function lineSentAt(stream: Buffer, sends: Array<{ end: number; at: number }>): number[] {
  const out: number[] = [];
  for (let nl = stream.indexOf(0x0a); nl !== -1; nl = stream.indexOf(0x0a, nl + 1)) out.push(sends.find((s) => s.end > nl)?.at ?? -Infinity);
  return out;
}

/** One client's replies held to the model: each one right, in order, and none before its time (`arrived`: when each came). */
async function holdToModel(ctx: Ctx, peer: PeerSocket, c: LineCase, sentAt: number[], arrived: number[]): Promise<void> {
  const { replies, closes } = repliesOf(bytesOf(c));
  const floors = earliestOf(replies, sentAt);
  for (const [i, r] of replies.entries()) {
    await expectReply(ctx, peer, r.to, r.reply, { ms: REPLY_MS + r.ms, later: replies.slice(i + 1).map((x) => x.reply) });
    const works = replies.slice(0, i + 1).filter((x) => x.ms > 0).length;
    expectNotEarly(ctx, { sent: r.to, at: arrived[i] ?? Date.now(), sentAt: sentAt[i] ?? -Infinity, ms: r.ms, floor: floors[i]!, works });
  }
  const last = replies.at(-1)?.to ?? '';
  if (closes) {
    const closed = await peer.waitClosed(1000);
    if (peer.unread().length > 0) ctx.fail('extra-reply', { vars: { sent: said(last), got: quoted(peer.unread()) }, expected: 'FIN', actual: quoted(peer.unread()) });
    if (closed === 'timeout') ctx.fail('quit-not-closed', { vars: { ms: 1000 }, expected: 'FIN', actual: text('the connection stayed open', '연결이 열린 채였음') });
    return;
  }
  await peer.waitFor(() => peer.unread().length > 0, 30);
  if (peer.unread().length > 0) ctx.fail('extra-reply', { vars: { sent: said(last), got: quoted(peer.unread()) }, expected: lines(replies.map((r) => r.reply)), actual: quoted(peer.unread()) });
}

/**
 * One drain, on a fresh server: idle clients (some with half a line sent), maybe a busy one
 * whose long WORK spans the trigger with lines queued behind it; the trigger; goodbyes; a new
 * connection refused; late lines refused; the busy client's replies and goodbye; every client
 * closes; the exit, 0 and prompt.
 */
export async function playDrain(ctx: Ctx, c: DrainCase, transcript: TranscriptOf): Promise<FailureDetails | undefined> {
  return asMismatch(async () => {
    const server = await start(ctx);
    const idle: PeerSocket[] = [];
    for (const [i, p] of c.idle.entries()) {
      const peer = await ctx.connect(server.port, transcript(who.idle(i + 1), who.server));
      if (p.partial) await peer.send(p.partial);
      idle.push(peer);
    }
    let busy: PeerSocket | undefined;
    const want = c.busy ? busyExpected(c.busy) : [];
    if (c.busy) {
      busy = await ctx.connect(server.port, transcript(who.busy, who.server));
      await busy.sendSplitAt(busyBytes(c.busy), c.busy.cuts, 5);
      // The replies before the long WORK: then the WORK itself has been read, and is running.
      for (const [i, w] of want.slice(0, c.busy.before.length).entries()) {
        await expectReply(ctx, busy, w.to, w.reply, { ms: REPLY_MS + w.ms, later: want.slice(i + 1).map((x) => x.reply) });
      }
    }
    await sleep(100);
    const t0 = pull(server, c.trigger);
    for (const [i, peer] of idle.entries()) {
      await expectGoodbye(ctx, server, peer, c.trigger, t0);
      if (c.idle[i]!.partial) await peer.send('\nPING\n'); // after BYE: ignored, never answered
    }
    if (idle.length === 0) await sleep(150);
    await expectRefused(ctx, server, c.trigger, t0, idle.length ? text('after the first goodbye', '첫 작별 인사 뒤') : text('150 ms after the trigger', '트리거 150ms 뒤'));
    if (busy && c.busy) {
      if (c.busy.after.length) await busy.send(c.busy.after.map((l) => `${l}\n`).join(''));
      const rest = want.slice(c.busy.before.length); // the replies still to come
      await expectDrained(ctx, server, busy, c.trigger, t0, rest, rest.length - c.busy.after.length - 1);
    }
    for (const peer of [...idle, ...(busy ? [busy] : [])]) peer.halfClose();
    await expectExit(ctx, server, { how: c.trigger, t0, ms: 2000 + REPLY_MS, want: 0, why: text('a graceful shutdown', '정상 종료'), closedAt: Date.now() });
  });
}

/** A drain case in words. */
export function describeDrain(c: DrainCase): Text {
  const idle = c.idle.length ? c.idle.map((p) => (p.partial ? quoted(p.partial) : '—')).join(', ') : '—';
  if (!c.busy) return fill(text('{how}; idle clients: {idle}', '{how}; 쉬는 클라이언트: {idle}'), { how: howOf(c.trigger), idle });
  return fill(text('{how}; idle clients: {idle}; busy client: {sent} in {n} writes, then {after} after the trigger', '{how}; 쉬는 클라이언트: {idle}; 바쁜 클라이언트: {sent}를 {n}번에 나눠 쓰고, 트리거 뒤에 {after}'), {
    how: howOf(c.trigger),
    idle,
    sent: quoted(busyBytes(c.busy), 100),
    n: splitAt(busyBytes(c.busy), c.busy.cuts).length,
    after: c.busy.after.length ? quoted(c.busy.after.map((l) => `${l}\n`).join(''), 80) : '—',
  });
}

/** An exchange in words. */
export function describeExchange(x: Exchange): Text {
  const one = (c: LineCase) => fill(text('{sent}, in {n} writes', '{sent}, {n}번에 나눠 씀'), { sent: quoted(bytesOf(c), 100), n: splitAt(bytesOf(c), c.cuts).length });
  if (x.clients.length === 1) return one(x.clients[0]!);
  return fill(text('A: {a}; B: {b}; their writes interleaved', 'A: {a}; B: {b}; 두 클라이언트의 쓰기가 번갈아 감'), { a: one(x.clients[0]!), b: one(x.clients[1]!) });
}
