/**
 * Lesson 07 — the `generated-lifecycles` scenario: cases drawn from model.ts, each run against
 * a fresh server (so COUNT and a crash belong to that case alone), and every client's stream
 * held to what the model says: the immediate replies exactly and in order, each SLOW's DONE
 * within both bounds of its time, the last words, nothing after the end, and how the server
 * closed. After the clients have left, a fresh client must see COUNT back to 1.
 */
import { checkGenerated, splitAt, type Mismatch } from '../../../src/checks/generate.ts';
import { fill, quoted, text, type PeerSocket, type StartedServer, type Text } from '../../../src/checks/kit.ts';
import type { Transcript } from '../../../src/peers/transcript.ts';
import { burstBytes, describeLife, expect as expectOf, lifeCases, lifeExamples, type ClientExpectation, type Ending, type LifeCase } from './model.ts';
import { IDLE_EARLIEST_MS, IDLE_LATEST_MS, IDLE_MESSAGE, describeRead, lineOf as readLineOf, serverEnded, sleep, who, type Ctx } from './steps.ts';

/** Between the pieces of a cut write. */
const CUT_GAP_MS = 20;
/** A DONE may come this much later than its time on a loaded machine (never earlier). */
const DONE_LATE_MS = 400;
/** The server's FIN after the last reply owed (FIN, QUIT endings). */
const FIN_WITHIN_MS = 1500;
/**
 * Before the endings, the immediate replies must be back (or this long must have passed): the
 * model has every client open until the endings, so one client's RST or FIN must not overtake
 * another client's COUNT on its way to the server (a small write held back by Nagle's algorithm
 * can arrive after a reset sent later on another connection).
 */
const REPLIES_WITHIN_MS = 500;

interface Client {
  peer: PeerSocket;
  /** Received lines with the time their '\n' arrived. */
  lines: Array<{ line: string; at: number }>;
  rest: Buffer;
  /** When the checker last sent this client's input. */
  lastInputAt: number;
  /** SLOWs sent: ms and when. */
  slowsSent: Array<{ ms: number; at: number }>;
  /** Its first line is the handshake's PONG (false for a client that never sends a byte). */
  handshake: boolean;
}

function record(peer: PeerSocket): Client {
  const c: Client = { peer, lines: [], rest: Buffer.alloc(0), lastInputAt: Date.now(), slowsSent: [], handshake: true };
  peer.socket.on('data', (chunk: Buffer) => {
    const at = Date.now();
    c.rest = Buffer.concat([c.rest, chunk]);
    let nl: number;
    while ((nl = c.rest.indexOf(0x0a)) !== -1) {
      c.lines.push({ line: c.rest.subarray(0, nl).toString('utf8').replace(/\r$/, ''), at });
      c.rest = c.rest.subarray(nl + 1);
    }
  });
  return c;
}

/** Waits (polling: `record` parses after the peer's own listeners ran) until `cond` holds or `ms` pass. */
async function until(cond: () => boolean, ms: number): Promise<void> {
  for (const end = Date.now() + ms; !cond() && Date.now() < end; ) await sleep(5);
}

/** The lines after the handshake. */
const received = (c: Client) => c.lines.slice(c.handshake ? 1 : 0);

const shown = (lines: string[]): string => (lines.length === 0 ? '(nothing)' : lines.map((l) => quoted(`${l}\n`, 40)).join(' '));

/** Holds one client's stream to the model; `how` is how the server closed it. */
function judgeClient(ctx: Ctx, i: number, c: Client, e: ClientExpectation, ending: Ending, how: 'fin' | 'rst' | 'timeout'): Mismatch | undefined {
  const name = `c${i + 1}`;
  const lines = received(c); // without the handshake's PONG
  const got = lines.map((l) => l.line);
  let body = lines;
  // The last words (BYE, the idle message) close the stream.
  if (e.lastWords !== undefined) {
    const at = lines.findIndex((l) => l.line === e.lastWords);
    if (at === -1) {
      if (ending === 'idle') {
        return ctx.mistake('no-idle-timeout', {
          vars: { s: ((Date.now() - c.lastInputAt) / 1000).toFixed(2), got: fill(text('{c} got {g}', '{c}이(가) 받은 것: {g}'), { c: name, g: shown(got) }) },
          expected: fill(text('{r}, then "{m}\\n" and FIN', '{r}, 그다음 "{m}\\n"과 FIN'), { r: shown([...e.replies, ...e.slows.map(() => 'DONE')]), m: IDLE_MESSAGE }),
          actual: shown(got),
        });
      }
      return ctx.mistake('wrong-reply', { vars: { got: shown(got), exp: quoted('BYE\n') }, expected: shown([...e.replies, ...e.slows.map(() => 'DONE'), 'BYE']), actual: shown(got) });
    }
    const after = lines.slice(at + 1);
    if (after.length > 0 || c.rest.length > 0) {
      const late = [...after.map((l) => `${l.line}\n`), c.rest.toString('utf8')].join('');
      return ctx.mistake('answered-after-end', { vars: { why: ending === 'quit' ? 'QUIT' : text('the idle timeout', '유휴 타임아웃'), got: quoted(late, 80) }, expected: fill(text('nothing after "{m}\\n"', '"{m}\\n" 뒤에는 아무것도 없음'), { m: e.lastWords }), actual: shown(got) });
    }
    if (ending === 'idle') {
      const idleAt = lines[at]!.at - c.lastInputAt;
      const lastDue = Math.max(c.lastInputAt, ...c.slowsSent.filter((s) => e.slows.includes(s.ms)).map((s) => s.at + s.ms));
      if (idleAt < IDLE_EARLIEST_MS) return ctx.mistake('idle-too-early', { vars: { s: (idleAt / 1000).toFixed(2) }, expected: text('the idle message 1 s after the last input', '마지막 입력 1초 뒤 유휴 메시지'), actual: fill(text('after {s} s', '{s}초 뒤'), { s: (idleAt / 1000).toFixed(2) }) });
      if (lines[at]!.at > lastDue + IDLE_LATEST_MS) return ctx.mistake('no-idle-timeout', { vars: { s: (idleAt / 1000).toFixed(2), got: text('it came too late', '너무 늦게 옴') }, expected: text('the idle message 1 s after the last input', '마지막 입력 1초 뒤 유휴 메시지'), actual: fill(text('after {s} s', '{s}초 뒤'), { s: (idleAt / 1000).toFixed(2) }) });
    }
    body = lines.slice(0, at);
  } else if (got.includes(IDLE_MESSAGE) && (ending === 'fin' || ending === 'fin-mid-line')) {
    return ctx.mistake('no-end-after-half-close', { vars: { got: fill(text('{c} got {g}', '{c}이(가) 받은 것: {g}'), { c: name, g: shown(got) }) }, expected: shown([...e.replies, ...e.slows.map(() => 'DONE')]), actual: shown(got) });
  }
  if (c.rest.length > 0) {
    return ctx.mistake('wrong-reply', { vars: { got: quoted(c.rest, 40), exp: text('whole lines', '완전한 줄') }, expected: text('every reply ended by "\\n"', '모든 답은 "\\n"으로 끝남'), actual: quoted(c.rest, 80) });
  }
  const immediate = body.filter((l) => l.line !== 'DONE').map((l) => l.line);
  const dones = body.filter((l) => l.line === 'DONE');
  for (let k = 0; k < Math.max(immediate.length, e.replies.length); k++) {
    if (immediate[k] === e.replies[k]) continue;
    const broken = immediate[k]?.includes('\uFFFD') === true && e.replies[k]?.includes('\uFFFD') === false;
    return ctx.mistake(broken ? 'utf8-cut-decoded' : 'wrong-reply', {
      vars: { got: immediate[k] === undefined ? text('nothing', '아무것도 없음') : quoted(`${immediate[k]}\n`, 60), exp: e.replies[k] === undefined ? text('nothing more', '더는 아무것도 없음') : quoted(`${e.replies[k]}\n`, 60) },
      expected: fill(text('{c}: {r}', '{c}: {r}'), { c: name, r: shown(e.replies) }),
      actual: fill(text('{c}: {r}', '{c}: {r}'), { c: name, r: shown(immediate) }),
    });
  }
  if (dones.length < e.slows.length) {
    if (ending === 'fin' || ending === 'fin-mid-line') {
      return ctx.mistake('reply-lost-after-half-close', {
        vars: { who: fill(text('Client {c}', '클라이언트 {c}'), { c: name }), req: quoted(e.slows.map((ms) => `SLOW ${ms}\n`).join('')), call: 'end()', exp: fill(text('{n} "DONE\\n"', '"DONE\\n" {n}개'), { n: e.slows.length }) },
        expected: fill(text('{n} "DONE\\n", then FIN', '"DONE\\n" {n}개, 그다음 FIN'), { n: e.slows.length }),
        actual: shown(got),
      });
    }
    return ctx.mistake('wrong-reply', { vars: { got: fill(text('{n} "DONE\\n"', '"DONE\\n" {n}개'), { n: dones.length }), exp: fill(text('{n} "DONE\\n"', '"DONE\\n" {n}개'), { n: e.slows.length }) }, expected: shown([...e.replies, ...e.slows.map(() => 'DONE')]), actual: shown(got) });
  }
  if (dones.length > e.slows.length) {
    return ctx.mistake('answered-after-end', { vars: { why: ending === 'quit' ? 'QUIT' : text('the idle timeout', '유휴 타임아웃'), got: quoted('DONE\n') }, expected: fill(text('{n} "DONE\\n"; "SLOW {l}" dropped', '"DONE\\n" {n}개; "SLOW {l}"은 버림'), { n: e.slows.length, l: e.dropped[0] ?? '?' }), actual: shown(got) });
  }
  // Both bounds of each DONE: the i-th to arrive against the i-th due (DONE lines are alike).
  const due = c.slowsSent.filter((s) => e.slows.includes(s.ms)).map((s) => ({ ms: s.ms, at: s.at + s.ms })).sort((a, b) => a.at - b.at);
  for (let k = 0; k < dones.length; k++) {
    const d = due[k]!;
    const took = dones[k]!.at - (d.at - d.ms);
    if (dones[k]!.at < d.at - 5 || dones[k]!.at > d.at + DONE_LATE_MS) {
      return ctx.mistake('slow-reply-timing', {
        vars: { ms: d.ms, got: took },
        expected: fill(text('"DONE\\n" {ms} ms after "SLOW {ms}" (up to {late} ms later on a loaded machine)', '"SLOW {ms}" {ms}ms 뒤 "DONE\\n"(느린 컴퓨터에서는 {late}ms까지 늦어도 됨)'), { ms: d.ms, late: DONE_LATE_MS }),
        actual: fill(text('after {t} ms', '{t}ms 뒤'), { t: took }),
      });
    }
  }
  if (!e.serverFin) return undefined;
  if (how === 'rst') {
    if (ending === 'idle') return ctx.mistake('idle-destroyed-not-ended', { vars: { what: text('it sent RST instead of FIN', 'FIN 대신 RST를 보냄') }, expected: text('FIN after the idle message', '유휴 메시지 뒤 FIN'), actual: 'RST' });
    return ctx.mistake('wrong-reply', { vars: { got: 'RST', exp: 'FIN' }, expected: text('the replies, then FIN', '답들, 그다음 FIN'), actual: fill(text('{g}, then RST', '{g}, 그다음 RST'), { g: shown(got) }) });
  }
  if (how === 'timeout') {
    if (ending === 'fin' || ending === 'fin-mid-line') return ctx.mistake('no-end-after-half-close', { vars: { got: text('the connection stayed open', '연결이 열려 있음') }, expected: text('the replies owed, then FIN', '남은 답들, 그다음 FIN'), actual: shown(got) });
    if (ending === 'idle') return ctx.mistake('idle-no-fin', { expected: text('FIN after the idle message', '유휴 메시지 뒤 FIN'), actual: shown(got) });
    return ctx.mistake('wrong-reply', { vars: { got: text('no FIN', 'FIN 없음'), exp: 'FIN' }, expected: text('"BYE\\n", then FIN', '"BYE\\n", 그다음 FIN'), actual: shown(got) });
  }
  return undefined;
}

/** One case: the clients, their bursts and endings, then the verdict. */
async function runLifeCase(ctx: Ctx, holder: { server?: StartedServer }, c: LifeCase, transcript: (left: Text, right: Text) => Transcript): Promise<Mismatch | undefined> {
  const during = text('in a generated lifecycle', '만들어 낸 연결의 일생 도중');
  // One server for the cases that pass (each ends with COUNT back to 1, so the next one starts
  // clean); a fresh one after a mismatch or a crash, so a case never inherits another's state.
  if (!holder.server || holder.server.program.exitInfo) holder.server = await ctx.startServer();
  const server = holder.server;
  let result: Mismatch | undefined;
  try {
    result = await oneCase(ctx, server, c, transcript, during);
    return result;
  } finally {
    if (result !== undefined || server.program.exitInfo) {
      await server.program.kill();
      holder.server = undefined;
    }
  }
}

async function oneCase(ctx: Ctx, server: StartedServer, c: LifeCase, transcript: (left: Text, right: Text) => Transcript, during: Text): Promise<Mismatch | undefined> {
  {
    const clients: Client[] = [];
    for (let i = 0; i < c.clients; i++) {
      const t = transcript(fill(text('client c{n} (checker)', '클라이언트 c{n} (검사기)'), { n: i + 1 }), who.server);
      if (i === 0) t.note(describeLife(c));
      const connectingAt = Date.now();
      const peer = await ctx.connect(server.port, t);
      const cl = record(peer);
      clients.push(cl);
      if (c.mute && i === 0) {
        // It never sends a byte: its idle clock can start no sooner than its connection.
        cl.handshake = false;
        cl.lastInputAt = connectingAt;
        continue;
      }
      // A handshake: once PONG is back, the server has accepted this client (COUNT counts it).
      await peer.send('PING\n');
      const r = await peer.readLine(2000);
      if (readLineOf(r) !== 'PONG') {
        return serverEnded(ctx, server, during) ?? ctx.mistake('no-reply', { vars: { cmd: quoted('PING\n'), exp: quoted('PONG\n'), when: during }, expected: quoted('PONG\n'), actual: describeRead(r, 2000) });
      }
      cl.lastInputAt = Date.now();
    }
    for (const b of c.bursts) {
      const cl = clients[b.client]!;
      const bytes = burstBytes(b);
      const now = Date.now();
      for (const cmd of b.commands) if (cmd.kind === 'slow') cl.slowsSent.push({ ms: cmd.ms, at: now });
      // 20 ms apart, not 5: on a loaded machine a server read 5 ms-apart pieces as one chunk, so
      // a character cut between writes reached it whole, and a server decoding each chunk on its
      // own passed (a blind program did). Up to 3 cuts: 60 ms, inside DONE_LATE_MS.
      for (const [k, piece] of splitAt(bytes, b.cuts).entries()) {
        if (k > 0) await sleep(CUT_GAP_MS);
        await cl.peer.send(piece);
      }
      cl.lastInputAt = Date.now();
      if (b.pauseMs) await sleep(b.pauseMs);
    }
    // The immediate replies first (bounded): every client is still open when they are answered.
    const expectations = expectOf(c);
    await Promise.all(
      clients.map((cl, i) =>
        c.endings[i] === 'rst' ? undefined : until(() => received(cl).filter((l) => l.line !== 'DONE').length >= expectations[i]!.replies.length, REPLIES_WITHIN_MS),
      ),
    );
    // The endings: all at once, so no client sits idle while another one's ending plays out.
    const closes = c.endings.map(async (ending, i): Promise<'fin' | 'rst' | 'timeout'> => {
      const cl = clients[i]!;
      const e = expectations[i]!;
      const lastDue = Math.max(0, ...cl.slowsSent.filter((s) => e.slows.includes(s.ms)).map((s) => s.at + s.ms - Date.now()));
      switch (ending) {
        case 'rst':
          cl.peer.reset();
          return 'rst';
        case 'fin':
          cl.peer.halfClose();
          return cl.peer.waitClosed(lastDue + FIN_WITHIN_MS);
        case 'fin-mid-line':
          await cl.peer.send(c.tail.replace(/\n/g, ''));
          cl.lastInputAt = Date.now();
          cl.peer.halfClose();
          return cl.peer.waitClosed(lastDue + FIN_WITHIN_MS);
        case 'quit':
          // A short SLOW is answered before the QUIT (the model's premise): wait for its DONE,
          // no longer than its time and the margin for a loaded machine.
          await until(() => received(cl).filter((l) => l.line === 'DONE').length >= e.slows.length, lastDue + DONE_LATE_MS);
          await cl.peer.send(`QUIT\n${c.tail}`);
          cl.lastInputAt = Date.now();
          return cl.peer.waitClosed(FIN_WITHIN_MS);
        case 'idle': {
          const how = await cl.peer.waitClosed(lastDue + IDLE_LATEST_MS + 1000);
          cl.peer.halfClose();
          return how;
        }
      }
    });
    const hows = await Promise.all(closes);
    await server.program.waitExit(100);
    const ended = serverEnded(ctx, server, during);
    if (ended) return ended;
    for (let i = 0; i < c.clients; i++) {
      if (c.endings[i] === 'rst') continue;
      const m = judgeClient(ctx, i, clients[i]!, expectations[i]!, c.endings[i]!, hows[i]!);
      if (m) return m;
    }
    // Everyone has left: a fresh client must be the only one counted.
    await sleep(50);
    const t = transcript(who.fresh, who.server);
    const probe = await ctx.connect(server.port, t);
    let count: string | undefined;
    for (const until = Date.now() + 1500; ; ) {
      await probe.send('COUNT\n');
      count = readLineOf(await probe.readLine(2000));
      if (count === '1' || count === undefined || Date.now() > until) break;
      await sleep(100);
    }
    probe.reset();
    const endedLater = serverEnded(ctx, server, during);
    if (endedLater) return endedLater;
    if (count !== '1') {
      return ctx.mistake('count-leak', {
        vars: { when: fill(text('After every client of a generated lifecycle had left ({how})', '만들어 낸 연결의 일생에서 모든 클라이언트가 떠난 뒤({how})'), { how: c.endings.join(', ') }), c: count ?? '?' },
        expected: text('"1\\n" (only the client asking)', '"1\\n"(묻는 클라이언트 하나뿐)'),
        actual: count === undefined ? text('no answer', '답 없음') : quoted(`${count}\n`),
      });
    }
    return undefined;
  }
}

export async function generatedLifecycles(ctx: Ctx): Promise<void> {
  const holder: { server?: StartedServer } = {};
  await checkGenerated(ctx, { cases: lifeCases, examples: lifeExamples, run: (c, transcript) => runLifeCase(ctx, holder, c, transcript), describe: describeLife, runs: 30, ms: 5000 });
}
