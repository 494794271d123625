/**
 * Lesson 03 — the steps its scenarios share: drive the learner's echo server or client over
 * real sockets, and hold what came back to what the exchange says. Failures name a reason of
 * `mistakes.ts` and give its facts; the words are there.
 */
import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  acceptClient,
  expectClientSuccess,
  describeExit,
  fill,
  programFailure,
  quoted,
  text,
  type PeerSocket,
  type ScenarioContext,
  type StartedServer,
  type Text,
  type Transcript,
} from '../../../src/checks/kit.ts';
import { CheckFailure, type FailureDetails } from '../../../src/checks/scenario.ts';
import { splitAt } from '../../../src/checks/generate.ts';
import type { RunningProgram } from '../../../src/runner/process.ts';
import { compareBytes, count, describeBytes, borrowsFrom, binaryPayload, MiB, tempDir, whereTheyDiffer } from './bytes.ts';
import type { Reason } from './mistakes.ts';
import { bytesOf, describeLie, describeParts, echoOf, replyOf, replyPieces, summaryOf, type ClientCase, type EchoCase, type EchoConn } from './model.ts';

export type Ctx = ScenarioContext<Reason>;

/** A small echo must come back within this long (a loaded 2-core machine). */
export const ECHO_MS = 2000;
/** 1 MiB must come back within this long. */
export const BIG_MS = 10000;
/** After the last byte, the FIN must follow within this long. */
export const FIN_MS = 2000;
/** A client must exit this long after the server's FIN. */
export const CLIENT_EXIT_MS = 5000;

export const who = {
  checker: text('checker (client)', '검사기 (클라이언트)'),
  checkerA: text('checker, client A', '검사기, 클라이언트 A'),
  checkerB: text('checker, client B', '검사기, 클라이언트 B'),
  checkerN: (n: number | string) => fill(text('checker, client {n}', '검사기, 클라이언트 {n}'), { n }),
  checkerServer: text('checker (echo server)', '검사기 (에코 서버)'),
  server: text('your server', '내 서버'),
  client: text('your client', '내 클라이언트'),
  pyClient: text('Python echo client', 'Python 에코 클라이언트'),
  pyServer: text('Python echo server', 'Python 에코 서버'),
};

type How = 'fin' | 'rst' | 'timeout';
const endWord = (how: How): Text => (how === 'timeout' ? text('nothing (still open)', '아무것도 없음(아직 열림)') : text(how.toUpperCase(), how.toUpperCase()));

// ───────────────────────────── the server ─────────────────────────────

/** After a close or a crash: a server that ended explains why, in this lesson's words. */
export function expectServerAlive(ctx: Ctx, server: StartedServer): void {
  const exit = server.program.exitInfo;
  if (!exit) return;
  // Node 20 says "This socket has been ended by the other party" (EPIPE) for a write after the
  // peer's FIN; a write after the program's own end() says ERR_STREAM_WRITE_AFTER_END.
  const stderr = server.program.stderr();
  const expected = text('the server stays up and keeps serving', '서버가 죽지 않고 계속 서비스함');
  if (/This socket has been ended by the other party/.test(stderr)) {
    ctx.fail('write-after-client-fin', {
      expected,
      actual: text('"This socket has been ended by the other party" (EPIPE), and the process ended', '"This socket has been ended by the other party"(EPIPE) 오류로 프로세스가 끝남'),
    });
  }
  if (/ERR_STREAM_WRITE_AFTER_END/.test(stderr)) {
    ctx.fail('write-after-end', { expected, actual: text('ERR_STREAM_WRITE_AFTER_END ("write after end"), and the process ended', 'ERR_STREAM_WRITE_AFTER_END("write after end") 오류로 프로세스가 끝남') });
  }
  if (exit.code === 0 && !exit.signal) {
    ctx.fail('stopped-serving', {
      vars: { what: text('it exited', '프로그램이 끝났습니다') },
      expected: text('the server keeps listening for the next client', '서버가 다음 클라이언트를 위해 계속 listen함'),
      actual: describeExit(exit),
    });
  }
  ctx.fail(programFailure('server.ts', exit, server.program, 'during-exchange'));
}

/** Gives a crashing server a moment to die, then explains the crash if it did. */
export async function crashCheck(ctx: Ctx, server: StartedServer): Promise<void> {
  if (!server.program.done) await server.program.waitExit(500);
  expectServerAlive(ctx, server);
}

/** Connects the checker; a refused connection means the server stopped listening. */
export async function connectTo(ctx: Ctx, server: StartedServer, label: Text, round = 1, record?: (l: Text, r: Text) => Transcript): Promise<PeerSocket> {
  if (server.program.done) expectServerAlive(ctx, server);
  const t = record ? record(label, who.server) : ctx.transcript(label, who.server);
  try {
    return await ctx.connect(server.port, t);
  } catch (err) {
    if (!(err instanceof CheckFailure) || err.details.reason !== 'connect-failed' || round === 1) throw err;
    await crashCheck(ctx, server);
    ctx.fail('stopped-serving', {
      vars: { what: fill(text('connection {n} was refused', '{n}번째 연결이 거부되었습니다'), { n: round }) },
      expected: text('a new connection, accepted like the first one', '첫 번째처럼 받아들여지는 새 연결'),
      actual: err.details.summary,
    });
  }
}

/** Waits for `n` bytes (or a close) within `ms`, then for the FIN: what came, and how it ended. */
export async function readEcho(peer: PeerSocket, n: number, ms: number): Promise<{ got: Buffer; how: How }> {
  const all = await peer.waitFor(() => peer.unread().length >= n || peer.closed !== undefined, ms);
  if (!all) peer.transcript.waited(ms, fill(text('{got} of {n} bytes so far', '지금까지 {n}바이트 중 {got}바이트'), { got: count(peer.unread().length), n: count(n) }));
  if (peer.closed === undefined) await peer.waitClosed(FIN_MS);
  return { got: peer.unread(), how: peer.closed ?? 'timeout' };
}

/**
 * Holds what came back to what was sent. `how` is how the server's side ended: FIN is what it
 * must do after the client's FIN; a timeout means it left its side open.
 */
export async function judgeEcho(ctx: Ctx, server: StartedServer, sent: Buffer, got: Buffer, how: How): Promise<void> {
  const cmp = compareBytes(sent, got);
  const expected = fill(text('{bytes}, then FIN', '{bytes}, 그다음 FIN'), { bytes: describeBytes(sent) });
  const actualWith = (what: Text) => fill(text('{bytes}, then {end}: {what}', '{bytes}, 그다음 {end}: {what}'), { bytes: describeBytes(got), end: endWord(how), what });
  const sizes = { got: count(got.length), n: count(sent.length) };
  if (cmp.kind === 'same') {
    if (how === 'fin') return;
    if (how === 'rst') ctx.fail('reset-instead-of-fin', { expected, actual: describeBytes(got) });
    ctx.fail('no-fin', {
      vars: { ms: FIN_MS },
      expected,
      actual: fill(text('{bytes}, and the connection stayed open', '{bytes}, 그리고 연결이 열린 채로 있음'), { bytes: describeBytes(got) }),
    });
  }
  if (got.length === 0) {
    if (how !== 'timeout') {
      await crashCheck(ctx, server);
      ctx.fail('reply-lost-after-fin', { expected, actual: fill(text('nothing, then {end}', '아무것도 없이 {end}'), { end: endWord(how) }) });
    }
    ctx.fail('no-echo', { expected, actual: text('nothing: no byte, no FIN', '아무것도 없음: 바이트도 FIN도 없음') });
  }
  if (cmp.kind === 'short') {
    if (how === 'timeout') ctx.fail('echo-stalled', { vars: sizes, expected, actual: actualWith(whereTheyDiffer(sent, got, cmp)) });
    await crashCheck(ctx, server);
    ctx.fail('echo-truncated', { vars: sizes, expected, actual: actualWith(whereTheyDiffer(sent, got, cmp)) });
  }
  if (cmp.kind === 'differs' && cmp.replacement) ctx.fail('decoded-as-text', { expected, actual: actualWith(whereTheyDiffer(sent, got, cmp)) });
  ctx.fail('echo-mismatch', { expected, actual: actualWith(whereTheyDiffer(sent, got, cmp)) });
}

/**
 * Waits for a send to be taken by the kernel. A server that stops reading makes a big send wait
 * for ever (the buffers fill up): that gets its own explanation, after a generous limit.
 */
export async function sendWithin(ctx: Ctx, server: StartedServer, peer: PeerSocket, sending: Promise<void>, payload: Buffer, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const done = await Promise.race([sending.then(() => true), timeout]);
  clearTimeout(timer); // a pending timer would keep the checker alive after the run
  if (done) return;
  await crashCheck(ctx, server);
  ctx.fail('stopped-reading', {
    vars: { n: count(payload.length), s: ms / 1000 },
    expected: text("the server keeps reading (and echoing) until the client's FIN", '서버가 클라이언트의 FIN까지 계속 읽음(그리고 에코함)'),
    actual: fill(text('{got} came back so far; the send is stuck', '지금까지 {got}이(가) 돌아왔고, 보내기가 막혀 있음'), { got: describeBytes(peer.received()) }),
  });
}

/** Writes `data` in `size`-byte write() calls, with a short pause after every `every` writes. */
export async function sendInPieces(peer: PeerSocket, data: Buffer, size: number, every: number, gapMs: number): Promise<void> {
  for (let off = 0, i = 0; off < data.length; off += size, i++) {
    if (i > 0 && i % every === 0) await sleep(gapMs);
    await peer.send(data.subarray(off, off + size));
  }
}

/** The server scenario shape: send, half-close, read the echo, judge, and the server lives on. */
export async function echoOnce(ctx: Ctx, send: (peer: PeerSocket) => Promise<void>, payload: Buffer, ms: number): Promise<void> {
  const server = await ctx.startServer();
  const peer = await connectTo(ctx, server, who.checker);
  await sendWithin(ctx, server, peer, send(peer), payload, ms);
  peer.halfClose();
  const { got, how } = await readEcho(peer, payload.length, ms);
  await judgeEcho(ctx, server, payload, got, how);
  expectServerAlive(ctx, server);
}

/** The server closed before the client's FIN: after which piece, and what had come. */
export async function closedEarly(ctx: Ctx, server: StartedServer, peer: PeerSocket, piece: Buffer, first: boolean, how: 'fin' | 'rst'): Promise<never> {
  await crashCheck(ctx, server);
  const got = peer.received();
  ctx.fail('closed-too-early', {
    vars: {
      when: first
        ? text("before the client had finished (before its FIN)", '클라이언트가 끝내기 전에(FIN을 보내기 전에)')
        : text("after echoing the first piece, before the client's FIN; the next piece was never echoed", '첫 조각을 돌려보낸 뒤, 클라이언트의 FIN 전에'),
    },
    expected: fill(text('{want} echoed, with the connection still open', '{want}이(가) 돌아오고 연결은 열려 있음'), { want: quoted(piece) }),
    actual: fill(text('{got}, then {how} from your server', '{got}, 그다음 서버의 {how}'), { got: got.length ? quoted(got) : text('nothing', '아무것도 없음'), how: how.toUpperCase() }),
  });
}

/** T1: two pieces on one connection, each echoed at once, before the client's FIN. */
export async function echoesAsBytesArrive(ctx: Ctx): Promise<void> {
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
    if (r.reason === 'closed') await closedEarly(ctx, server, peer, piece, i === 0, r.how);
    // Nothing (or only part) came while the connection was open: see what happens at FIN.
    await echoAfterFin(ctx, server, peer, sent, piece);
  }
  peer.halfClose();
  const how = await peer.waitClosed(FIN_MS);
  await judgeEcho(ctx, server, sent, peer.received(), how);
  expectServerAlive(ctx, server);
}

/**
 * A piece was not echoed while the connection was open: the checker half-closes and looks at
 * what comes then. Everything after the FIN is a server that waits for it; less is judged.
 */
export async function echoAfterFin(ctx: Ctx, server: StartedServer, peer: PeerSocket, sent: Buffer, piece: Buffer): Promise<never> {
  peer.halfClose();
  await peer.waitFor(() => peer.closed !== undefined, FIN_MS);
  const got = peer.received();
  if (got.length === 0 && peer.closed === undefined) await judgeEcho(ctx, server, sent, got, 'timeout');
  if (got.length === 0) await judgeEcho(ctx, server, sent, got, peer.closed!);
  if (got.equals(sent)) {
    ctx.fail('echo-waits-for-fin', {
      vars: { piece: quoted(piece), ms: ECHO_MS },
      expected: fill(text('{piece} back at once, while the connection is open', '연결이 열려 있는 동안 {piece}이(가) 바로 돌아옴'), { piece: quoted(piece) }),
      actual: fill(text('nothing for {ms} ms; after the FIN: {got}', '{ms}ms 동안 아무것도 없음. FIN 뒤에: {got}'), { ms: ECHO_MS, got: quoted(got, 120) }),
    });
  }
  await judgeEcho(ctx, server, sent, got, peer.closed ?? 'timeout');
  throw new Error('unreachable: judgeEcho passed a wrong echo');
}

/** Fails with `mixed-clients` when one connection's echo holds bytes another one sent. */
export function expectUnmixed(ctx: Ctx, sent: Buffer[], got: Buffer[]): void {
  for (const [i, g] of got.entries()) {
    if (g.equals(sent[i]!)) continue;
    const j = sent.findIndex((other, k) => k !== i && borrowsFrom(g, other));
    if (j === -1) continue;
    const name = (k: number) => String.fromCharCode(65 + k);
    ctx.fail('mixed-clients', {
      vars: { x: name(i), y: name(j) },
      expected: text('each client gets back exactly what it sent', '클라이언트마다 자기가 보낸 것을 그대로 돌려받음'),
      actual: text(got.map((b, k) => `${name(k)}: ${describeBytes(b).en}`).join('; '), got.map((b, k) => `${name(k)}: ${describeBytes(b).ko}`).join('; ')),
    });
  }
}

/** T5: two clients at once, 1 MiB each; each must get its own bytes back, unmixed. */
export async function twoClientsAtOnce(ctx: Ctx): Promise<void> {
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
  expectUnmixed(ctx, [pa, pb], [ra.got, rb.got]);
  await judgeEcho(ctx, server, pa, ra.got, ra.how);
  await judgeEcho(ctx, server, pb, rb.got, rb.how);
  expectServerAlive(ctx, server);
}

/** Three clients one after another: the server keeps serving. */
export async function keepsServing(ctx: Ctx): Promise<void> {
  const server = await ctx.startServer();
  for (let round = 1; round <= 3; round++) {
    const peer = await connectTo(ctx, server, who.checkerN(round), round);
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
export async function expectUpload(ctx: Ctx, peer: PeerSocket, client: RunningProgram, payload: Buffer): Promise<void> {
  const all = await peer.waitFor(() => peer.unread().length >= payload.length || peer.closed !== undefined, BIG_MS);
  if (!all) peer.transcript.waited(BIG_MS, fill(text('{got} of {n} bytes so far', '지금까지 {n}바이트 중 {got}바이트'), { got: count(peer.unread().length), n: count(payload.length) }));
  if (peer.closed === undefined) await peer.waitClosed(FIN_MS);
  const got = peer.unread();
  if (client.exitInfo && client.exitInfo.code !== 0) ctx.fail(programFailure('client.ts', client.exitInfo, client, 'during-exchange'));
  const cmp = compareBytes(payload, got);
  if (peer.closed === undefined && (cmp.kind === 'same' || cmp.kind === 'short')) {
    peer.transcript.note(text('(the checker gives up here and stops your client)', '(검사기가 여기서 멈추고 클라이언트를 종료함)'));
    const sizes = { got: count(got.length), n: count(payload.length) };
    ctx.fail('client-never-half-closed', {
      vars: {
        what:
          payload.length === 0
            ? text('had nothing to send (the input is empty)', '보낼 것이 없었는데(입력이 비어 있음)')
            : cmp.kind === 'same'
              ? fill(text('sent all {n} bytes', '{n}바이트를 모두 보냈지만'), sizes)
              : fill(text('sent {got} of {n} bytes', '{n}바이트 중 {got}바이트를 보내고'), sizes),
      },
      expected: fill(text('{bytes}, then FIN', '{bytes}, 그다음 FIN'), { bytes: describeBytes(payload) }),
      actual: fill(text('{bytes}, and the connection stayed open', '{bytes}, 그리고 연결이 열린 채로 있음'), { bytes: describeBytes(got) }),
    });
  }
  if (cmp.kind !== 'same') {
    ctx.fail('client-sent-wrong-bytes', {
      expected: fill(text('{bytes}, then FIN', '{bytes}, 그다음 FIN'), { bytes: describeBytes(payload) }),
      actual: fill(text('{bytes}: {where}', '{bytes}: {where}'), { bytes: describeBytes(got), where: whereTheyDiffer(payload, got, cmp) }),
    });
  }
}

/**
 * The output file must hold every byte the checker's server sent back (`reply`), unchanged:
 * not the input file (`sent`) when the two differ.
 */
export function expectOutputFile(ctx: Ctx, output: string, reply: Buffer, closedEarly: boolean, sent: Buffer = reply): void {
  if (!fs.existsSync(output)) {
    ctx.fail('client-output-missing', {
      expected: fill(text('{bytes} in the file named by the second argument', '두 번째 인자로 받은 파일에 {bytes}'), { bytes: describeBytes(reply) }),
      actual: text('no such file', '파일 없음'),
    });
  }
  const got = fs.readFileSync(output);
  const cmp = compareBytes(reply, got);
  if (cmp.kind === 'same') return;
  const expected = describeBytes(reply);
  const actual = fill(text('{bytes}: {where}', '{bytes}: {where}'), { bytes: describeBytes(got), where: whereTheyDiffer(reply, got, cmp) });
  if (!sent.equals(reply) && got.equals(sent)) {
    ctx.fail('client-output-is-input', {
      expected: fill(text('{bytes}: what the server sent back', '{bytes}: 서버가 돌려보낸 것'), { bytes: expected }),
      actual: fill(text('{bytes}: the input file, as sent', '{bytes}: 보낸 입력 파일 그대로'), { bytes: describeBytes(got) }),
    });
  }
  if (cmp.kind === 'short' && closedEarly) ctx.fail('client-closed-before-reply', { expected, actual });
  if (cmp.kind === 'short') ctx.fail('client-output-incomplete', { vars: { got: count(got.length), n: count(reply.length) }, expected, actual });
  if (cmp.kind === 'differs' && cmp.replacement) ctx.fail('client-output-corrupted', { expected, actual });
  ctx.fail('client-output-differs', { expected, actual });
}

/**
 * Stdout holds exactly one line, `sent N bytes, received M bytes` (a '\r' before the '\n' is
 * forgiven): nothing before or after it.
 */
export function expectSummary(ctx: Ctx, stdout: string, sent: number, received: number): void {
  const want = `sent ${sent} bytes, received ${received} bytes`;
  const lines = stdout.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n');
  const re = /^sent (\d+) bytes, received (\d+) bytes$/;
  const found = lines.filter((l) => re.test(l));
  if (found.length === 0) {
    ctx.fail('client-summary-missing', { expected: quoted(`${want}\n`), actual: stdout ? quoted(stdout, 200) : text('(nothing)', '(출력 없음)') });
  }
  if (found.length !== 1 || lines.length !== 1 || !stdout.endsWith('\n')) {
    ctx.fail('client-stdout-not-only-summary', { expected: quoted(`${want}\n`), actual: quoted(stdout, 300) });
  }
  const m = re.exec(found[0]!)!;
  if (Number(m[1]) === sent && Number(m[2]) === received) return;
  if (Number(m[1]) === sent && Number(m[2]) === sent && sent !== received) {
    ctx.fail('client-summary-counts-sent', {
      vars: { sent: count(sent), got: fill(text('{n} bytes', '{n}바이트'), { n: count(received) }) },
      expected: quoted(want),
      actual: quoted(m[0]),
    });
  }
  ctx.fail('client-summary-wrong', { expected: quoted(want), actual: quoted(m[0]) });
}

/**
 * The checker plays an echo server that answers only after the client's FIN; `reply` sends the
 * echo (and FIN) its own way.
 */
export async function clientRoundTrip(ctx: Ctx, payload: Buffer, reply: (peer: PeerSocket) => Promise<void>): Promise<void> {
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
export function oddCuts(size: number): number[] {
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
export async function clientAgainst(ctx: Ctx, port: number, payload: Buffer, connected?: () => boolean): Promise<void> {
  const tmp = tempDir(ctx.scratchDir());
  try {
    const input = tmp.file('input.bin');
    const output = tmp.file('output.bin');
    fs.writeFileSync(input, payload);
    const client = ctx.startClient({ port, args: [input, output] });
    const run = await expectClientSuccess(ctx, client, BIG_MS + CLIENT_EXIT_MS);
    if (connected && !connected()) ctx.fail('client-never-connected', { expected: text(`a connection to 127.0.0.1:${port}`, `127.0.0.1:${port}로의 연결`) });
    expectOutputFile(ctx, output, payload, false);
    expectSummary(ctx, run.stdout, payload.length, payload.length);
  } finally {
    tmp.dispose();
  }
}

// ───────────────────────────── generated exchanges ─────────────────────────────

/** A failure a step raised, as a generated case's mismatch (anything else is the checker's bug). */
async function asMismatch(run: () => Promise<void>): Promise<FailureDetails | undefined> {
  try {
    await run();
    return undefined;
  } catch (err) {
    if (err instanceof CheckFailure) return err.details;
    throw err;
  }
}

const letter = (i: number) => String.fromCharCode(65 + i);

/** Connections made to each server of a generated scenario so far. */
const connections = new WeakMap<StartedServer, number>();

/**
 * One connection of a generated server case: its pieces (each echoed before the next when the
 * case is interactive), a reader that pauses, then FIN — or an RST half-way. What came back.
 */
async function runEchoConn(ctx: Ctx, server: StartedServer, peer: PeerSocket, conn: EchoConn): Promise<{ sent: Buffer; got: Buffer; how: How } | undefined> {
  const payload = bytesOf(conn.parts);
  const pieces = splitAt(payload, conn.cuts);
  if (conn.pauseMs > 0) {
    peer.pauseReading();
    void sleep(conn.pauseMs).then(() => peer.resumeReading());
  }
  const last = conn.ending === 'rst' ? Math.ceil(pieces.length / 2) : pieces.length;
  let sent = Buffer.alloc(0);
  for (const [i, piece] of pieces.slice(0, last).entries()) {
    if (i > 0) await sleep(conn.gapMs);
    await sendWithin(ctx, server, peer, peer.send(piece), piece, BIG_MS);
    sent = Buffer.concat([sent, piece]);
    if (!conn.interactive || conn.ending === 'rst') continue;
    const back = await peer.waitFor(() => peer.unread().length >= sent.length || peer.closed !== undefined, ECHO_MS + conn.pauseMs);
    const got = peer.unread();
    if (!got.equals(sent.subarray(0, got.length)) || got.length > sent.length) await judgeEcho(ctx, server, sent, got, 'timeout');
    if (!back && peer.closed === undefined) await echoAfterFin(ctx, server, peer, sent, piece);
    if (got.length < sent.length && peer.closed !== undefined) await closedEarly(ctx, server, peer, piece, i === 0, peer.closed);
  }
  if (conn.ending === 'rst') {
    peer.reset();
    return undefined;
  }
  if (peer.closed !== undefined) await closedEarly(ctx, server, peer, pieces.at(-1) ?? Buffer.alloc(0), true, peer.closed);
  peer.halfClose();
  const { got, how } = await readEcho(peer, payload.length, ECHO_MS + conn.pauseMs);
  return { sent: payload, got, how };
}

/**
 * One generated server case: its connections at once against the scenario's server (a new one
 * when an earlier case ended it), every echo held to the model, and the server alive after.
 */
export async function runEchoCase(ctx: Ctx, server: () => Promise<StartedServer>, c: EchoCase, record: (l: Text, r: Text) => Transcript): Promise<FailureDetails | undefined> {
  const peers: PeerSocket[] = [];
  try {
    return await asMismatch(async () => {
      const s = await server();
      // A refusal after the server's first connection means it stopped serving (round > 1).
      for (const i of c.conns.keys()) {
        const round = (connections.get(s) ?? 0) + 1;
        connections.set(s, round);
        peers.push(await connectTo(ctx, s, c.conns.length === 1 ? who.checker : who.checkerN(letter(i)), round, record));
      }
      const results = await Promise.all(c.conns.map((conn, i) => runEchoConn(ctx, s, peers[i]!, conn)));
      const done = results.flatMap((r, i) => (r ? [{ ...r, i }] : []));
      if (done.length > 1) expectUnmixed(ctx, done.map((r) => r.sent), done.map((r) => r.got));
      for (const r of done) await judgeEcho(ctx, s, echoOf(c.conns[r.i]!)!, r.got, r.how);
      if (c.conns.some((x) => x.ending === 'rst')) await s.program.waitExit(200);
      expectServerAlive(ctx, s);
    });
  } finally {
    for (const p of peers) p.destroy();
  }
}

/** A generated server case in words. */
export function describeEchoCase(c: EchoCase): Text {
  const one = (conn: EchoConn, lang: 'en' | 'ko') => {
    const pieces = splitAt(bytesOf(conn.parts), conn.cuts).length;
    const how = [
      lang === 'en' ? `${pieces} write(s)` : `${pieces}번에 나눠 씀`,
      conn.interactive ? (lang === 'en' ? 'each echo awaited' : '조각마다 에코를 기다림') : '',
      conn.pauseMs ? (lang === 'en' ? `not reading for ${conn.pauseMs} ms` : `${conn.pauseMs}ms 동안 읽지 않음`) : '',
      conn.ending === 'rst' ? (lang === 'en' ? 'RST half-way' : '도중에 RST') : 'FIN',
    ].filter(Boolean);
    return `${describeParts(conn.parts)[lang]} (${how.join(', ')})`;
  };
  const all = (lang: 'en' | 'ko') => c.conns.map((conn, i) => `${letter(i)}: ${one(conn, lang)}`).join(' · ');
  return text(all('en'), all('ko'));
}

async function waitUntil(cond: () => boolean, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!cond() && Date.now() < until) await sleep(10);
}

/**
 * One generated client case: the checker's server receives the upload, replies as the case
 * says (it may lie), holds its FIN back a while; the client must write what it received, print
 * the counts of what it sent and received only after the FIN, and exit 0.
 */
export async function runClientCase(ctx: Ctx, c: ClientCase, record: (l: Text, r: Text) => Transcript): Promise<FailureDetails | undefined> {
  const tmp = tempDir(ctx.scratchDir());
  try {
    return await asMismatch(async () => {
      const payload = bytesOf(c.parts);
      const reply = replyOf(c);
      const input = tmp.file('input.bin');
      const output = tmp.file('output.bin');
      fs.writeFileSync(input, payload);
      const server = await ctx.listenPeer(record(who.client, who.checkerServer));
      const client = ctx.startClient({ port: server.port, args: [input, output] });
      const peer = await acceptClient(ctx, server, client);
      try {
        const sendReply = async () => {
          if (c.delayMs > 0) await sleep(c.delayMs);
          for (const [i, p] of replyPieces(c).entries()) {
            if (i > 0 && c.gapMs > 0) await sleep(c.gapMs);
            await peer.send(p);
          }
        };
        const early = c.start === 'at-once' ? sendReply() : undefined;
        await expectUpload(ctx, peer, client, payload);
        const goneBeforeReply = client.done;
        await (early ?? sendReply());
        if (c.finDelayMs > 0) {
          const finAt = Date.now() + c.finDelayMs;
          await waitUntil(() => client.stdout() !== '' || client.done, c.finDelayMs);
          if (client.stdout() !== '') {
            ctx.fail('client-summary-before-fin', {
              vars: { ms: Math.max(1, finAt - Date.now()) },
              expected: fill(text("{line}, after the server's FIN", "서버의 FIN 뒤에 {line}"), { line: quoted(`${summaryOf(c)}\n`) }),
              actual: fill(text('{out}, before the FIN', 'FIN 전에 {out}'), { out: quoted(client.stdout(), 200) }),
            });
          }
        }
        peer.halfClose();
        const run = await expectClientSuccess(ctx, client, CLIENT_EXIT_MS);
        const code = peer.error?.code;
        expectOutputFile(ctx, output, reply, goneBeforeReply || code === 'EPIPE' || code === 'ECONNRESET', payload);
        expectSummary(ctx, run.stdout, payload.length, reply.length);
      } finally {
        peer.destroy();
        await server.close();
      }
    });
  } finally {
    tmp.dispose();
  }
}

/** A generated client case in words. */
export function describeClientCase(c: ClientCase): Text {
  const pieces = replyPieces(c).length;
  return fill(
    text(
      'input file {input}; the checker\'s server sends back {lie}, {when}{delay}, in {pieces} write(s){fin}',
      '입력 파일 {input}. 검사기 서버가 돌려보내는 것: {lie}, {when}{delay}, {pieces}번에 나눠 씀{fin}',
    ),
    {
      input: describeParts(c.parts),
      lie: describeLie(c),
      when: c.start === 'at-once' ? text('starting at once', '접속하자마자 시작') : text("after your FIN", '내 FIN 뒤에 시작'),
      delay: c.delayMs ? fill(text(' {ms} ms late', ' {ms}ms 늦게'), { ms: c.delayMs }) : '',
      pieces,
      fin: c.finDelayMs ? fill(text('; its FIN {ms} ms after the last byte', '. FIN은 마지막 바이트 {ms}ms 뒤'), { ms: c.finDelayMs }) : '',
    },
  );
}
