/**
 * The steps lesson 04's scenarios are made of: open a connection, expect replies, expect the
 * close, push a line past the limit, run a generated exchange, and the diagnoses that name the
 * lesson's own mistakes when a reply is wrong.
 *
 * A step fails with a reason of the mistakes table and the facts it saw; it never writes
 * failure words itself (they are in mistakes.ts). Steps that only *build* a failure (the
 * diagnoses, the generated exchange) use `ctx.mistake`, and the caller decides to fail.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { describeExit, fill, quoted, text, type FailureDetails, type PeerSocket, type ScenarioContext, type StartedServer, type Text } from '../../../src/checks/kit.ts';
import { CheckFailure } from '../../../src/checks/scenario.ts';
import { splitAt } from '../../../src/checks/generate.ts';
import type { Transcript } from '../../../src/peers/transcript.ts';
import type { Reason } from './mistakes.ts';
import { bytesOf, expectedFor, MAX_LINE, scheduleOf, TOO_LONG, type Exchange, type LineCase } from './model.ts';

/** A scenario's context, knowing this lesson's reason ids. */
export type Ctx = ScenarioContext<Reason>;

/** Every reply must come within this (README "The checks"). */
export const REPLY_MS = 2000;

export const who = {
  checker: text('checker (client)', '검사기 (클라이언트)'),
  server: text('your server', '내 서버'),
  a: text('client A (checker)', '클라이언트 A (검사기)'),
  b: text('client B (checker)', '클라이언트 B (검사기)'),
  c: text('client C (checker)', '클라이언트 C (검사기)'),
  py: text('Python client', 'Python 클라이언트'),
  java: text('Java client', 'Java 클라이언트'),
};

/** What the checker sent for one step: a report quotes it ("no reply to "PING\n""). */
export type Sent = string | Buffer;

/**
 * A scenario's closer look at a wrong (or missing) answer: the lesson's specific mistake, or
 * undefined to let the general reason (wrong-reply, no-reply…) explain it.
 */
export type Diagnose = (ctx: Ctx, got: Buffer[], sent: Sent) => FailureDetails | undefined;

const said = (sent: Sent) => quoted(sent, 60);
const asLine = (b: Buffer | string) => quoted(Buffer.concat([Buffer.from(b), Buffer.from('\n')]), 80);

/** Reply lines as the report shows them: the first few, each quoted with its '\n'. */
export function lines(list: Array<string | Buffer>, max = 6): string {
  const shown = list.slice(0, max).map((l) => asLine(l));
  return list.length > max ? `${shown.join(', ')}, … (${list.length} lines)` : shown.join(', ');
}

// ---------------------------------------------------------------------------------------------
// Connections

/** Starts the learner's server and connects the checker to it. */
export async function open(ctx: Ctx, left: Text = who.checker): Promise<{ server: StartedServer; peer: PeerSocket }> {
  const server = await ctx.startServer();
  const peer = await ctx.connect(server.port, ctx.transcript(left, who.server));
  return { server, peer };
}

/**
 * A new connection to a server that should still be serving. A refusal here is the lesson's
 * `stopped-serving` (lesson 01's one-client habit), not the engine's generic connect failure.
 */
export async function connectOrStopped(ctx: Ctx, server: StartedServer, label: Text): Promise<PeerSocket> {
  try {
    return await ctx.connect(server.port, ctx.transcript(label, who.server));
  } catch (err) {
    if (!(err instanceof CheckFailure)) throw err;
    const exit = server.program.exitInfo;
    ctx.fail('stopped-serving', {
      vars: { how: exit ? describeExit(exit) : text('it refused the connection', '연결을 거부함') },
      expected: text('every client is accepted, for as long as the server runs', '서버가 실행되는 동안 모든 클라이언트를 받음'),
      actual: err.details.summary,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Replies

/**
 * Reads one reply line per entry of `expected` (each within 2 s) and holds them to it, byte for
 * byte. Then nothing more may arrive: one line gets one reply. `diagnose` may name the lesson's
 * specific mistake before the general reason does.
 */
export async function expectReplies(ctx: Ctx, peer: PeerSocket, sent: Sent, expected: string[], diagnose?: Diagnose, extra: Extra = 'extra-reply'): Promise<void> {
  const got: Buffer[] = [];
  for (const want of expected) {
    const r = await peer.readLine(REPLY_MS);
    if (!r.ok) {
      const specific = diagnose?.(ctx, got, sent);
      if (specific) ctx.fail(specific);
      ctx.fail(missingReply(ctx, r, sent, want, expected.slice(got.length), got));
    }
    got.push(r.value);
  }
  const wrong = got.findIndex((g, i) => !g.equals(Buffer.from(expected[i]!)));
  if (wrong !== -1) ctx.fail(diagnose?.(ctx, got, sent) ?? wrongReply(ctx, sent, expected[wrong]!, got[wrong]!));
  await expectNoExtra(ctx, peer, sent, extra);
}

/** What a reply nobody asked for means: in general one too many, after a FIN an answer to bytes with no '\n'. */
type Extra = 'extra-reply' | 'answered-unterminated';

/** One line in its own write, and its one reply: the step most scenarios are made of. */
export async function ask(ctx: Ctx, peer: PeerSocket, line: string, reply: string, diagnose?: Diagnose): Promise<void> {
  await peer.send(line);
  await expectReplies(ctx, peer, line, [reply], diagnose);
}

/** A new connection, then `ask` for each pair; `diagnoseFor` picks a pair's diagnosis. */
export async function askEach(ctx: Ctx, pairs: ReadonlyArray<readonly [string, string]>, diagnoseFor?: (line: string, reply: string) => Diagnose | undefined): Promise<PeerSocket> {
  const { peer } = await open(ctx);
  for (const [line, reply] of pairs) await ask(ctx, peer, line, reply, diagnoseFor?.(line, reply));
  return peer;
}

/** Why an expected reply did not come: a reply without its '\n', a close, or silence. */
function missingReply(ctx: Ctx, r: { reason: 'closed' | 'timeout'; how?: string; partial: Buffer }, sent: Sent, want: string, left: string[], got: Buffer[]): FailureDetails {
  if (r.reason === 'timeout' && r.partial.length > 0 && r.partial.equals(Buffer.from(want))) {
    return ctx.mistake('reply-without-newline', { expected: quoted(`${want}\n`), actual: quoted(r.partial) });
  }
  const so_far = got.length + r.partial.length > 0 ? lines([...got, r.partial]) : undefined;
  if (r.reason === 'closed') {
    const how = r.how!.toUpperCase();
    return ctx.mistake('closed-too-early', {
      vars: { how, sent: said(sent) },
      expected: lines(left),
      actual: so_far ?? text(`nothing, then ${how}`, `아무것도 없이 ${how}`),
    });
  }
  return ctx.mistake('no-reply', {
    vars: { sent: said(sent), ms: REPLY_MS },
    expected: lines(left),
    actual: so_far ?? text('nothing', '아무것도 오지 않음'),
  });
}

/** A wrong reply to a line that arrived whole: a '\r' left from "\r\n", or just wrong. */
export function wrongReply(ctx: Ctx, sent: Sent, want: string, got: Buffer): FailureDetails {
  const crLeft = got.at(-1) === 0x0d && !want.endsWith('\r');
  return ctx.mistake(crLeft ? 'crlf-not-stripped' : 'wrong-reply', { vars: { sent: said(sent) }, expected: quoted(`${want}\n`), actual: asLine(got) });
}

/**
 * Nothing may follow the replies (a server that answers one line twice, or answers lines
 * after QUIT). A reply still on its way is given a moment to arrive.
 */
async function expectNoExtra(ctx: Ctx, peer: PeerSocket, sent: Sent, reason: Extra): Promise<void> {
  await peer.waitFor(() => peer.unread().length > 0, 20);
  const extra = peer.unread();
  if (extra.length === 0) return;
  ctx.fail(reason, { vars: { sent: said(sent) }, expected: text('nothing more', '더 오는 것 없음'), actual: quoted(extra, 80) });
}

/**
 * After QUIT, a too-long line, or the client's FIN, the server closes (FIN or RST) within 2 s,
 * and sends nothing more before it does.
 */
export async function expectClose(ctx: Ctx, peer: PeerSocket, after: Sent, reason: 'no-close-after-quit' | 'too-long-not-closed' | 'no-close-after-eof', extra: Extra = 'extra-reply'): Promise<void> {
  const { bytes, how } = await peer.readToClose(REPLY_MS);
  if (bytes.length > 0) ctx.fail(extra, { vars: { sent: said(after) }, expected: text('FIN, and nothing before it', 'FIN, 그 전에 아무것도 없음'), actual: quoted(bytes, 80) });
  if (how !== 'timeout') return;
  ctx.fail(reason, {
    expected: fill(text('FIN (the server closes) within {ms} ms', '{ms}ms 안에 FIN(서버가 닫음)'), { ms: REPLY_MS }),
    actual: text('the connection stayed open', '연결이 열려 있음'),
  });
}

// ---------------------------------------------------------------------------------------------
// Diagnoses: the lesson's own mistakes, recognised in a wrong answer

const str = (b: Buffer | undefined) => b?.toString('utf8');

export const diagnose = {
  /** Many lines in one write answered as one: a 'data' event taken for a command. */
  oneDataOneCommand:
    (count: number): Diagnose =>
    (ctx, got) => {
      const first = str(got[0]) ?? '';
      if (got.length === 0) return undefined; // no reply at all: no-reply explains it better
      if (got.length >= count && !first.startsWith('ERR unknown command')) return undefined;
      return ctx.mistake('one-data-one-command', {
        vars: { n: count, m: first === 'PONG' ? 1 : 0 },
        expected: text(`${count} replies, one per line`, `줄마다 하나씩, 답 ${count}개`),
        actual: lines(got),
      });
    },

  /** A line sent in pieces answered piece by piece (or its start dropped). */
  remainderDropped: ((ctx, got) => {
    // Every line of that scenario arrives in pieces, so the pieces are the cause; no reply at
    // all is no-reply.
    if (got.length === 0) return undefined;
    return ctx.mistake('remainder-dropped', {
      expected: text("one reply for the whole line, once its '\\n' has arrived", "'\\n'이 도착한 뒤 줄 전체에 대한 답 하나"),
      actual: lines(got),
    });
  }) satisfies Diagnose,

  /** A character cut between chunks decoded on its own. */
  utf8Cut:
    (want: string): Diagnose =>
    (ctx, got) => {
      const r = got[0];
      if (!r || str(r) === want) return undefined;
      return ctx.mistake('utf8-cut-decoded', { expected: quoted(`${want}\n`), actual: asLine(r) });
    },

  /** LEN counted UTF-16 units, or got other numbers. */
  len: ((ctx, got, sent) => {
    const t = Buffer.from(sent).toString('utf8').replace(/\n$/, '').slice('LEN '.length);
    const r = str(got[0]);
    const right = `${[...t].length} ${Buffer.byteLength(t)}`;
    if (r === undefined || r === right) return undefined;
    const facts = { expected: quoted(`${right}\n`), actual: quoted(`${r}\n`) };
    if (r === `${t.length} ${Buffer.byteLength(t)}`) return ctx.mistake('len-counts-utf16-units', { vars: { t: quoted(t), n: t.length }, ...facts });
    return ctx.mistake('len-wrong', { vars: { t: quoted(t) }, ...facts });
  }) satisfies Diagnose,

  /** ECHO's text came back with its spaces changed (trim). */
  echoTrimmed:
    (want: string): Diagnose =>
    (ctx, got) => {
      const g = str(got[0]);
      if (g === undefined || g === want || g.trim() !== want.trim()) return undefined;
      return ctx.mistake('echo-changed-text', { expected: quoted(`${want}\n`), actual: quoted(`${g}\n`) });
    },

  /** A "\r\n" line end whose '\r' stayed in the line: in the reply, or in the command. */
  crlfLeft:
    (want: string): Diagnose =>
    (ctx, got, sent) => {
      const g = str(got[0]);
      if (g === undefined || g === want || !/\r|unknown command PING/.test(g)) return undefined;
      return ctx.mistake('crlf-not-stripped', { vars: { sent: said(sent) }, expected: quoted(`${want}\n`), actual: asLine(got[0]!) });
    },

  /** "ECHO a\rb" answered "a": the line was ended at the bare '\r' (readline). */
  bareCr: ((ctx, got) => {
    if (str(got[0]) !== 'a') return undefined;
    return ctx.mistake('bare-cr-ends-line', { expected: quoted('a\rb\n'), actual: lines(got) });
  }) satisfies Diagnose,

  /** A line of exactly the limit refused. */
  limitTooSmall:
    (line: string): Diagnose =>
    (ctx, got) => {
      if (str(got[0]) !== TOO_LONG) return undefined;
      return ctx.mistake('limit-too-small', { vars: { n: MAX_LINE }, expected: quoted(`${line.slice(5)}\n`, 40), actual: quoted(`${TOO_LONG}\n`) });
    },

  /** Many short lines in one chunk refused: the chunk was measured, not the line. */
  limitOnWholeBuffer:
    (count: number, bytes: number): Diagnose =>
    (ctx, got) => {
      if (!got.some((g) => str(g) === TOO_LONG)) return undefined;
      const pongs = got.filter((g) => str(g) === 'PONG').length;
      return ctx.mistake('limit-on-whole-buffer', {
        vars: { n: count, bytes },
        expected: text(`${count} × "PONG\\n"`, `"PONG\\n" ${count}개`),
        actual: text(`${pongs} × "PONG\\n", then "${TOO_LONG}\\n"`, `"PONG\\n" ${pongs}개 후 "${TOO_LONG}\\n"`),
      });
    },

  /** One client's half line glued to another's: one buffer for every connection. */
  sharedBuffer: ((ctx, got) => {
    const mixed = got.some((g) => /from-A.*from-B|from-B.*from-A/s.test(str(g)!) || str(g)!.startsWith('ERR unknown command'));
    if (!mixed) return undefined;
    return ctx.mistake('shared-buffer', { expected: text('A: "from-A\\n", B: "from-B\\n"', 'A: "from-A\\n", B: "from-B\\n"'), actual: lines(got) });
  }) satisfies Diagnose,
};

// ---------------------------------------------------------------------------------------------
// The line limit

const MiB = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;

/**
 * After bytes with no '\n': 'refused' (the limit error came, and then the close), or 'silent'
 * (nothing within 2 s). Any other answer fails here.
 */
export async function limitAnswer(ctx: Ctx, peer: PeerSocket, line: Buffer): Promise<'refused' | 'silent'> {
  const r = await peer.readLine(REPLY_MS);
  if (r.ok && str(r.value) === TOO_LONG) {
    await expectClose(ctx, peer, `${TOO_LONG}\n`, 'too-long-not-closed');
    return 'refused';
  }
  const expected = quoted(`${TOO_LONG}\n`);
  if (r.ok) ctx.fail('answered-incomplete-line', { vars: { n: line.length }, expected, actual: asLine(r.value) });
  if (r.partial.length > 0 && r.partial.equals(Buffer.from(TOO_LONG))) ctx.fail('reply-without-newline', { expected, actual: quoted(r.partial) });
  if (r.reason === 'closed') {
    const how = r.how.toUpperCase();
    ctx.fail('too-long-no-error', { expected, actual: text(`${how} with no reply`, `답 없이 ${how}`) });
  }
  return 'silent';
}

/**
 * Sends `more` bytes of the same unfinished line (no '\n') and returns how much went out. It
 * gives up at `deadline` (a server that stops reading would stall the checker). The diagram
 * gets one line for all of it, not one arrow per piece.
 */
async function stream(peer: PeerSocket, more: number, deadline: number): Promise<number> {
  const piece = Buffer.alloc(64 * 1024, 'x');
  let sent = 0;
  while (sent < more) {
    const left = deadline - Date.now();
    if (left <= 0 || peer.closed || !peer.socket.writable) break;
    const written = new Promise<boolean>((resolve) => peer.socket.write(piece, (err) => resolve(!err)));
    if (!(await Promise.race([written, sleep(left).then(() => false)]))) break;
    sent += piece.length;
  }
  peer.transcript.note(fill(text("(+{n} of the same line, no '\\n') ──▶", "(같은 줄 {n} 추가, '\\n' 없음) ──▶"), { n: MiB(sent) }));
  return sent;
}

/**
 * The last resort for a server that never refused a line: 2 MiB more of it, while the checker
 * watches the server's memory. A late refusal is `limit-too-large`; none is `no-line-limit`.
 * `total` is how many bytes of the line were sent before.
 */
export async function endlessLine(ctx: Ctx, server: StartedServer, peer: PeerSocket, what: Text, total: number): Promise<never> {
  const before = await server.program.memory();
  const streamed = await stream(peer, 2 * 1024 * 1024, Date.now() + 4000);
  await sleep(300);
  const after = await server.program.memory();
  const mem =
    before !== undefined && after !== undefined
      ? text(
          `its memory (RSS) went from ${MiB(before)} to ${MiB(after)} while the checker sent ${MiB(streamed)} more of the same line`,
          `검사기가 같은 줄을 ${MiB(streamed)} 더 보내는 동안 메모리(RSS)가 ${MiB(before)}에서 ${MiB(after)}(으)로 바뀌었습니다`,
        )
      : text(`the checker sent ${MiB(streamed)} more of the same line`, `검사기가 같은 줄을 ${MiB(streamed)} 더 보냈습니다`);
  if (peer.unread().toString('utf8').startsWith(TOO_LONG)) {
    ctx.fail('limit-too-large', {
      vars: { n: total },
      expected: text(`"${TOO_LONG}\\n" once a line passes ${MAX_LINE} bytes`, `줄이 ${MAX_LINE}바이트를 넘는 즉시 "${TOO_LONG}\\n"`),
      actual: fill(text('no answer after {n} bytes; then {mem}, and only then the refusal', '{n}바이트 뒤에도 답 없음. 그 뒤 {mem}, 그제야 거부함'), { n: total, mem }),
    });
  }
  ctx.fail('no-line-limit', {
    vars: { what },
    expected: quoted(`${TOO_LONG}\n`),
    actual: fill(text('nothing within {ms} ms; then {mem}.', '{ms}ms 동안 아무것도 없음. 그 뒤 {mem}.'), { ms: REPLY_MS, mem }),
  });
}

/** Sends more of an unfinished line and says whether the server refused it now. */
export async function sendMore(ctx: Ctx, peer: PeerSocket, more: Buffer, line: Buffer): Promise<'refused' | 'silent'> {
  await peer.send(more);
  return limitAnswer(ctx, peer, line);
}

// ---------------------------------------------------------------------------------------------
// The source's Python and Java clients

type Program = ReturnType<Ctx['startProgram']>;

/** Before another language's client runs, the checker makes sure the server answers at all. */
export async function answersPing(ctx: Ctx): Promise<StartedServer> {
  const { server, peer } = await open(ctx);
  await peer.send('PING\n');
  await expectReplies(ctx, peer, 'PING\n', ['PONG']);
  peer.halfClose();
  return server;
}

/** The other client must exit 0 having printed exactly `expected` (their own prints). */
export async function expectOtherClient(ctx: Ctx, program: Program, label: Text, expected: string[]): Promise<void> {
  const limit = 20000; // the clients give up by themselves after 5 s of silence
  const exit = await program.waitExit(limit);
  const printed = program.stdout().replace(/\r\n/g, '\n').split('\n').filter((l, i, all) => l !== '' || i < all.length - 1);
  if (exit && exit.code === 0 && printed.join('\n') === expected.join('\n')) return;
  ctx.fail('other-client-failed', {
    vars: { who: label, how: describeExit(exit ?? 'timeout', limit) },
    expected: expected.join(' | '),
    actual: printed.length > 0 ? printed.join(' | ') : text('(nothing printed)', '(출력 없음)'),
  });
}

// ---------------------------------------------------------------------------------------------
// Generated exchanges

/**
 * One generated exchange against a running server: each client on its own connection, the
 * writes interleaved as drawn (5 ms apart, so they are drawn as separate arrows), then every
 * client's replies held to the model, then its close (or silence). Returns the first mismatch.
 */
export async function runExchange(ctx: Ctx, server: StartedServer, x: Exchange, transcript: (l: Text, r: Text) => Transcript): Promise<FailureDetails | undefined> {
  const labels = x.clients.length === 1 ? [who.checker] : [who.a, who.b];
  const peers: PeerSocket[] = [];
  try {
    for (const label of labels) peers.push(await ctx.connect(server.port, transcript(label, who.server)));
    const pieces = x.clients.map((c) => splitAt(bytesOf(c), c.cuts));
    for (const [i, k] of scheduleOf(pieces.map((p) => p.length), x.turns)) {
      await peers[i]!.send(pieces[i]![k]!);
      await sleep(5);
    }
    x.clients.forEach((c, i) => c.ending.kind === 'fin' && peers[i]!.halfClose());
    for (const [i, c] of x.clients.entries()) {
      const m = await holdToModel(ctx, peers[i]!, c);
      if (m) return m;
    }
    return undefined;
  } finally {
    for (const p of peers) p.destroy();
  }
}

/** One client's replies, byte for byte, then the close the model says (and nothing else). */
async function holdToModel(ctx: Ctx, peer: PeerSocket, c: LineCase): Promise<FailureDetails | undefined> {
  const want = expectedFor(c);
  const got: Buffer[] = [];
  const all = want.replies.map((r) => r.reply);
  for (const { to, reply } of want.replies) {
    const r = await peer.readLine(REPLY_MS);
    if (!r.ok) return missingReply(ctx, r, to, reply, all.slice(got.length), got);
    if (!r.value.equals(Buffer.from(reply))) return { ...wrongReply(ctx, to, reply, r.value), expected: lines(all), actual: lines([...got, r.value]) };
    got.push(r.value);
  }
  const last = want.replies.at(-1)?.to ?? bytesOf(c);
  const rest = want.closes ? await peer.readToClose(1500) : { bytes: await settled(peer), how: 'open' as const };
  if (rest.bytes.length > 0) {
    // After a FIN the extra answer is to the bytes that never got their '\n'.
    const reason = c.ending.kind === 'fin' && want.replies.every((r) => r.reply !== 'BYE' && r.reply !== TOO_LONG) ? 'answered-unterminated' : 'extra-reply';
    return ctx.mistake(reason, { vars: { sent: said(last) }, expected: lines(all), actual: `${lines(got)} + ${quoted(rest.bytes, 80)}` });
  }
  if (rest.how !== 'timeout') return undefined;
  const ended = want.replies.at(-1)?.reply;
  const reason = ended === 'BYE' ? 'no-close-after-quit' : ended === TOO_LONG ? 'too-long-not-closed' : 'no-close-after-eof';
  return ctx.mistake(reason, { expected: text('FIN within 1500 ms', '1500ms 안에 FIN'), actual: text('the connection stayed open', '연결이 열린 채였음') });
}

/** What arrives within a moment after the last expected reply (nothing, on a right server). */
async function settled(peer: PeerSocket): Promise<Buffer> {
  await peer.waitFor(() => peer.unread().length > 0, 30);
  return peer.unread();
}

/** An exchange in words: `"PING\n" "ECHO 😀\r\n" QUIT\n, in 3 writes`. */
export function describeExchange(x: Exchange): Text {
  const one = (c: LineCase) => fill(text('{sent}, in {n} writes', '{sent}, {n}번에 나눠 씀'), { sent: quoted(bytesOf(c), 100), n: splitAt(bytesOf(c), c.cuts).length });
  if (x.clients.length === 1) return one(x.clients[0]!);
  return fill(text('A: {a}; B: {b}; their writes interleaved', 'A: {a}; B: {b}; 두 클라이언트의 쓰기가 번갈아 감'), { a: one(x.clients[0]!), b: one(x.clients[1]!) });
}
