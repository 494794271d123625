/**
 * Lesson 06 — the steps its scenarios share: many checker clients against one server, each
 * recording its own transcript; a failure shows only the clients that tell the story (`show`).
 * Failures name a reason of `mistakes.ts` and give its facts; the words are there.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import {
  describeExit,
  fill,
  programFailure,
  quoted,
  text,
  type PeerSocket,
  type ReadOutcome,
  type ScenarioContext,
  type StartedServer,
  type Text,
  type Transcript,
} from '../../../src/checks/kit.ts';
import type { FailureDetails } from '../../../src/checks/scenario.ts';
import type { Facts } from '../../../src/checks/mistakes.ts';
import { connName, planOf, type Expected, type History, type Plan } from './model.ts';
import type { Reason } from './mistakes.ts';

export type Ctx = ScenarioContext<Reason>;

export const READ_MS = 3000;

export const who = {
  server: text('your server', '내 서버'),
  client: (name: string) => text(`checker client ${name}`, `검사기 클라이언트 ${name}`),
};

export interface Client {
  name: string;
  peer: PeerSocket;
  t: Transcript;
}

/** What one read brought: a line, or why there was none. */
export type Got = { ok: true; line: string; raw: string; ms: number } | { ok: false; why: 'timeout' | 'fin' | 'rst'; partial: string; ms: number };

export async function openClient(ctx: Ctx, server: StartedServer, name: string): Promise<Client> {
  const t = ctx.transcript(who.client(name), who.server);
  const peer = await ctx.connect(server.port, t);
  return { name, peer, t };
}

export function openClients(ctx: Ctx, server: StartedServer, names: string[]): Promise<Client[]> {
  return Promise.all(names.map((n) => openClient(ctx, server, n)));
}

export async function readReply(peer: PeerSocket, ms = READ_MS): Promise<Got> {
  const started = Date.now();
  const r = await peer.readLine(ms);
  const took = Date.now() - started;
  if (r.ok) {
    const raw = r.value.toString('utf8');
    return { ok: true, line: raw.replace(/\r$/, ''), raw, ms: took };
  }
  const partial = r.partial.toString('utf8');
  return { ok: false, why: r.reason === 'closed' ? r.how : 'timeout', partial, ms: took };
}

/** Sends one line and reads one reply line. */
export async function ask(c: Client, line: string, ms = READ_MS): Promise<Got> {
  await c.peer.send(`${line}\n`);
  return readReply(c.peer, ms);
}

export function describeGot(g: Got, ms = READ_MS): Text | string {
  if (g.ok) return quoted(`${g.line}\n`);
  const partial = g.partial ? ` (${quoted(g.partial)} without '\\n')` : '';
  const partialKo = g.partial ? ` ('\\n' 없는 ${quoted(g.partial)})` : '';
  if (g.why === 'timeout') return text(`nothing within ${ms / 1000} s${partial}`, `${ms / 1000}초 동안 답 없음${partialKo}`);
  return text(`nothing${partial}, then ${g.why.toUpperCase()} (connection closed)`, `답 없음${partialKo}, 그 뒤 ${g.why.toUpperCase()}(연결 끊김)`);
}

/** `(client c7)` after a hand-written check's sentence. */
export const byClient = (c: string): Text => fill(text(' (client {c})', ' ({c} 클라이언트)'), { c });
/** `(client B, in a generated history below)`. */
/** `, in a generated history (below)`, where the sentence names the client itself. */
export const IN_HISTORY = text(', in a generated history (below)', ' (아래의 만들어 낸 기록)');
export const inHistory = (c: string): Text => fill(text(' (client {c}, in a generated history below)', ' ({c} 클라이언트, 아래의 만들어 낸 기록)'), { c });

/** Keeps only these clients' diagrams in the report (fifty diagrams would bury the one that matters). */
export function show(ctx: Ctx, clients: Client[], note?: Text): void {
  const keep = clients.map((c) => c.t);
  ctx.transcripts.splice(0, ctx.transcripts.length, ...keep);
  if (note) ctx.note(note);
}

/** If the server has exited, that is the failure to report (with its stack trace). */
export async function failIfServerDied(ctx: Ctx, server: StartedServer, ms = 300): Promise<void> {
  const exit = server.program.exitInfo ?? (await server.program.waitExit(ms));
  if (exit) ctx.fail(programFailure('server.ts', exit, server.program, 'during-exchange'));
}

/** The reason a command's wrong reply is explained with. */
export type CommandReason = 'nick-wrong' | 'whoami-wrong' | 'incr-wrong' | 'count-wrong' | 'slow-wrong' | 'lesson-04-command-wrong';

/**
 * A wrong (or missing) reply to `sent`, as the facts of a reason: no reply, a close, a command
 * the server does not know yet, or the command's own wrong answer.
 */
export function replyFacts(sent: string, want: string | Text, got: Got, reason: CommandReason, where: Text, ms = READ_MS): { reason: Reason; facts: Facts } {
  const word = sent.split(' ')[0]!.replace(/\r$/, '');
  const sentQ = quoted(`${sent}\n`);
  const expected = typeof want === 'string' ? quoted(`${want}\n`) : want;
  const actual = describeGot(got, ms);
  if (!got.ok && got.why === 'timeout') return { reason: 'no-reply', facts: { vars: { sent: sentQ, ms, where }, expected, actual } };
  if (!got.ok) return { reason: 'closed-instead-of-reply', facts: { vars: { sent: sentQ, where }, expected, actual } };
  const vars = { sent: sentQ, got: quoted(`${got.raw}\n`), want: expected, where, word };
  if (got.line === `ERR unknown command ${word}` && word !== '' && reason !== 'lesson-04-command-wrong') return { reason: 'command-missing', facts: { vars, expected, actual } };
  if (got.raw !== got.line && got.line === want) return { reason: sent.endsWith('\r') ? 'crlf-not-stripped' : 'reply-ends-in-crlf', facts: { vars, expected, actual: quoted(`${got.raw}\n`) } };
  return { reason, facts: { vars, expected, actual } };
}

/** A wrong (or missing) reply to `sent`: fails the scenario with its reason. */
export async function wrongReply(ctx: Ctx, server: StartedServer, c: Client, sent: string, want: string | Text, got: Got, reason: CommandReason, ms = READ_MS): Promise<never> {
  if (!got.ok) await failIfServerDied(ctx, server);
  const r = replyFacts(sent, want, got, reason, byClient(c.name), ms);
  ctx.fail(r.reason, r.facts);
}

// ── Scenarios ────────────────────────────────────────────────────────────────────────────────

interface Step {
  send: string;
  expect: string;
  reason: CommandReason;
  /** The reply must not come sooner than this (SLOW)… */
  notBeforeMs?: number;
  /** …nor later than this. */
  notAfterMs?: number;
}

const ONE_CLIENT_STEPS: Step[] = [
  { send: 'WHOAMI', expect: 'anonymous', reason: 'whoami-wrong' },
  { send: 'NICK ana', expect: 'OK', reason: 'nick-wrong' },
  { send: 'WHOAMI', expect: 'ana', reason: 'whoami-wrong' },
  { send: 'INCR', expect: '1', reason: 'incr-wrong' },
  { send: 'INCR', expect: '2', reason: 'incr-wrong' },
  { send: 'COUNT', expect: '1', reason: 'count-wrong' },
  { send: 'SLOW 300', expect: 'DONE', reason: 'slow-wrong', notBeforeMs: 250, notAfterMs: 1300 },
  { send: 'PING', expect: 'PONG', reason: 'lesson-04-command-wrong' },
  { send: 'ECHO 안녕 hello', expect: '안녕 hello', reason: 'lesson-04-command-wrong' },
  { send: 'LEN 안녕', expect: '2 6', reason: 'lesson-04-command-wrong' },
  { send: '', expect: 'ERR empty', reason: 'lesson-04-command-wrong' },
  { send: 'HELLO there', expect: 'ERR unknown command HELLO', reason: 'lesson-04-command-wrong' },
  { send: 'NICK 보라\r', expect: 'OK', reason: 'nick-wrong' },
  { send: 'WHOAMI\r', expect: '보라', reason: 'whoami-wrong' },
];

export async function oneClient(ctx: Ctx): Promise<void> {
  const server = await ctx.startServer();
  const c = await openClient(ctx, server, 'A');
  for (const step of ONE_CLIENT_STEPS) {
    const got = await ask(c, step.send);
    // A '\r' before the reply's '\n' is wrong too: kept from a "\r\n" line, or added to every reply.
    if (!got.ok || got.raw !== step.expect) await wrongReply(ctx, server, c, step.send, step.expect, got, step.reason);
    if (step.notBeforeMs !== undefined && got.ms < step.notBeforeMs) {
      ctx.fail('slow-too-early', { vars: { slow: 300, ms: got.ms }, expected: text('DONE after 300 ms', '300ms 뒤에 DONE'), actual: text(`DONE after ${got.ms} ms`, `${got.ms}ms 뒤에 DONE`) });
    }
    if (step.notAfterMs !== undefined && got.ms > step.notAfterMs) {
      ctx.fail('slow-too-late', { vars: { slow: 300, ms: got.ms, spare: step.notAfterMs - 300 }, expected: text(`DONE after 300 ms (at most ${step.notAfterMs})`, `300ms 뒤에 DONE(늦어도 ${step.notAfterMs}ms)`), actual: text(`DONE after ${got.ms} ms`, `${got.ms}ms 뒤에 DONE`) });
    }
  }
  const bye = await ask(c, 'QUIT');
  if (!bye.ok || bye.raw !== 'BYE') await wrongReply(ctx, server, c, 'QUIT', 'BYE', bye, 'lesson-04-command-wrong');
  const closed = await c.peer.waitClosed(2000);
  if (closed === 'timeout') {
    ctx.fail('quit-does-not-close', {
      vars: { c: c.name, where: '' },
      expected: text('"BYE\\n", then FIN', '"BYE\\n" 다음 FIN'),
      actual: text('"BYE\\n", and the connection open for 2 s', '"BYE\\n", 그리고 2초 동안 열려 있는 연결'),
    });
  }
}

export const range = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

/** T1: fifty clients at once, each with its own nick. */
export async function fiftyClients(ctx: Ctx): Promise<void> {
  const N = 50;
  const server = await ctx.startServer();
  const clients = await openClients(ctx, server, range(N, 'c'));
  const ms = 5000;
  const nicks = await Promise.all(clients.map((c) => ask(c, `NICK ${c.name}`, ms)));

  const served = clients.filter((_, i) => nicks[i]!.ok);
  const waiting = clients.filter((_, i) => !nicks[i]!.ok);
  if (waiting.length > 0) {
    await failIfServerDied(ctx, server);
    const first = waiting[0]!;
    const got = nicks[clients.indexOf(first)]!;
    if (served.length > 0) {
      show(ctx, [served[0]!, first]);
      ctx.fail('not-concurrent', {
        vars: {
          served: served.length,
          n: N,
          waiting: waiting.length,
          what: !got.ok && got.why === 'timeout' ? text(`nothing within ${ms / 1000} s`, `${ms / 1000}초 동안 답을 못 받았습니다`) : text('their connection closed', '연결이 끊겼습니다'),
        },
        expected: fill(text('"OK\\n" for each of the {n} clients, all connected at once', '동시에 접속한 {n}개 클라이언트 모두에게 "OK\\n"'), { n: N }),
        actual: fill(text('{name}: {got}', '{name}: {got}'), { name: first.name, got: describeGot(got, ms) }),
      });
    }
    show(ctx, [first]);
    await wrongReply(ctx, server, first, `NICK ${first.name}`, 'OK', got, 'nick-wrong', ms);
  }
  for (const [i, c] of clients.entries()) {
    const got = nicks[i]!;
    if (got.ok && got.line !== 'OK') {
      show(ctx, [c]);
      await wrongReply(ctx, server, c, `NICK ${c.name}`, 'OK', got, 'nick-wrong', ms);
    }
  }

  // Every client has named itself; now each asks who it is.
  const names = await Promise.all(clients.map((c) => ask(c, 'WHOAMI', ms)));
  const wrong = clients.filter((c, i) => {
    const g = names[i]!;
    return !g.ok || g.line !== c.name;
  });
  if (wrong.length > 0) {
    const c = wrong[0]!;
    const got = names[clients.indexOf(c)]!;
    const other = got.ok ? clients.find((x) => x.name === got.line && x !== c) : undefined;
    if (other) {
      show(ctx, [c, other]);
      ctx.fail('nick-shared', {
        vars: { c: c.name, nick: quoted(c.name), got: quoted(`${other.name}\n`), where: '' },
        expected: quoted(`${c.name}\n`),
        actual: fill(text('{got} — the name client {o} chose; {n} of {all} clients got someone else\'s name', '{got} — {o} 클라이언트가 고른 이름. 클라이언트 {all}개 중 {n}개가 남의 이름을 받음'), {
          got: quoted(`${other.name}\n`),
          o: other.name,
          n: wrong.length,
          all: N,
        }),
      });
    }
    show(ctx, [c]);
    await wrongReply(ctx, server, c, 'WHOAMI', c.name, got, 'whoami-wrong', ms);
  }

  const c0 = clients[0]!;
  const count = await ask(c0, 'COUNT', ms);
  if (!count.ok || count.line !== String(N)) {
    show(ctx, [c0], text(`All ${N} clients were connected when c0 asked.`, `c0이 물었을 때 ${N}개 클라이언트가 모두 접속해 있었습니다.`));
    await wrongReply(ctx, server, c0, 'COUNT', String(N), count, 'count-wrong', ms);
  }
}

/** T2: ten clients whose commands arrive in fragments, interleaved with each other's. */
export async function interleaved(ctx: Ctx): Promise<void> {
  const server = await ctx.startServer();
  const clients = await openClients(ctx, server, range(10, 'f'));
  const rounds = (name: string) => ['NI', `CK ${name}\nWHO`, 'AMI\nEC', `HO from ${name}\n`];
  for (let r = 0; r < 4; r++) {
    if (r > 0) await sleep(40);
    for (const c of clients) await c.peer.send(rounds(c.name)[r]!);
  }
  const expected = (name: string) => [
    { sent: `NICK ${name}`, word: 'NICK', want: 'OK', reason: 'nick-wrong' as const },
    { sent: 'WHOAMI', word: 'WHOAMI', want: name, reason: 'whoami-wrong' as const },
    { sent: `ECHO from ${name}`, word: 'ECHO', want: `from ${name}`, reason: 'lesson-04-command-wrong' as const },
  ];
  const replies = await Promise.all(
    clients.map(async (c) => {
      const got: Got[] = [];
      for (let i = 0; i < 3; i++) {
        const g = await readReply(c.peer);
        got.push(g);
        if (!g.ok) break;
      }
      return got;
    }),
  );
  for (const [ci, c] of clients.entries()) {
    for (const [i, e] of expected(c.name).entries()) {
      const got = replies[ci]![i]!;
      if (got.ok && got.line === e.want) continue;
      if (!got.ok) await failIfServerDied(ctx, server);
      const failing = clients.filter((x, xi) => expected(x.name).some((ee, ii) => replies[xi]![ii]?.ok !== true || (replies[xi]![ii] as { line: string }).line !== ee.want));
      const note = fill(text('{n} of 10 clients got a wrong or missing reply; showing {c}.', '클라이언트 10개 중 {n}개가 틀린 답을 받거나 답을 못 받았습니다. 그중 {c} 클라이언트를 보여 줍니다.'), { n: failing.length, c: c.name });
      // The server simply does not know the command yet: that is a protocol problem, not sharing.
      if (got.ok && got.line === `ERR unknown command ${e.word}`) {
        show(ctx, [c]);
        await wrongReply(ctx, server, c, e.sent, e.want, got, e.reason);
      }
      const other = got.ok && e.word === 'WHOAMI' ? clients.find((x) => x.name === got.line && x !== c) : undefined;
      show(ctx, [c], note);
      if (other) ctx.fail('nick-shared', { vars: { c: c.name, nick: quoted(c.name), got: quoted(`${other.name}\n`), where: '' }, expected: quoted(`${c.name}\n`), actual: quoted(`${other.name}\n`) });
      ctx.fail('buffer-shared', {
        vars: { c: c.name, sent: quoted(`${e.sent}\n`), got: describeGot(got), where: '' },
        expected: quoted(`${e.want}\n`),
        actual: describeGot(got),
      });
    }
  }
}

/** T3: 50 clients × 20 INCR at once: 1000 distinct values, 1 to 1000. */
export async function sharedCounter(ctx: Ctx): Promise<void> {
  const N = 50;
  const K = 20;
  const server = await ctx.startServer();
  const clients = await openClients(ctx, server, range(N, 'n'));
  const values = await Promise.all(
    clients.map(async (c) => {
      await c.peer.send('INCR\n'.repeat(K)); // pipelined: twenty commands in one write
      const got: Got[] = [];
      for (let i = 0; i < K; i++) {
        const g = await readReply(c.peer, 5000);
        got.push(g);
        if (!g.ok) break;
      }
      return got;
    }),
  );
  // Any reply that is not a number (or is missing) is a plain INCR problem.
  for (const [ci, c] of clients.entries()) {
    const bad = values[ci]!.find((g) => !g.ok || !/^\d+$/.test(g.line));
    if (bad) {
      show(ctx, [c]);
      await wrongReply(ctx, server, c, 'INCR', text('a number, e.g. "17\\n"', '숫자, 예: "17\\n"'), bad, 'incr-wrong', 5000);
    }
  }
  const owner = new Map<number, Client>();
  for (const [ci, c] of clients.entries()) {
    for (const g of values[ci]!) {
      const n = Number((g as { line: string }).line);
      const first = owner.get(n);
      if (first && first !== c) {
        show(ctx, [first, c]);
        ctx.fail('counter-not-shared', {
          vars: { c: c.name, got: quoted(`${n}\n`), where: byClient(c.name) },
          expected: text(`${N * K} different values, 1 to ${N * K}, over all ${N} clients`, `클라이언트 ${N}개를 통틀어 서로 다른 값 ${N * K}개, 1부터 ${N * K}까지`),
          actual: fill(text('{n} for {a} and for {b} (and {d} distinct values in all)', '{a}와(과) {b} 모두 {n}(전체에서 서로 다른 값은 {d}개)'), {
            n,
            a: first.name,
            b: c.name,
            d: new Set(values.flat().map((x) => (x as { line: string }).line)).size,
          }),
        });
      }
      owner.set(n, c);
    }
  }
  const all = [...owner.keys()].sort((a, b) => a - b);
  if (all[0] !== 1 || all.at(-1) !== N * K) {
    ctx.fail('incr-wrong', {
      vars: { sent: quoted('INCR\n'), got: fill(text('values from {lo} to {hi}', '{lo}부터 {hi}까지의 값'), { lo: all[0] ?? '-', hi: all.at(-1) ?? '-' }), want: text(`1 to ${N * K}`, `1부터 ${N * K}까지`), where: text(` (${N} clients × ${K})`, ` (클라이언트 ${N}개 × ${K}번)`) },
      expected: text(`1 to ${N * K}`, `1부터 ${N * K}까지`),
      actual: text(`${all[0]} to ${all.at(-1)}`, `${all[0]}부터 ${all.at(-1)}까지`),
    });
  }
}

/** T4: while client A waits for SLOW 1500, client B's PING is answered at once. */
export async function slowDoesNotBlock(ctx: Ctx): Promise<void> {
  const SLOW_MS = 1500;
  const PONG_WITHIN = 700;
  const server = await ctx.startServer();
  const [a, b] = (await openClients(ctx, server, ['A', 'B'])) as [Client, Client];
  const warm = await ask(b, 'PING');
  if (!warm.ok || warm.line !== 'PONG') await wrongReply(ctx, server, b, 'PING', 'PONG', warm, 'lesson-04-command-wrong');

  const slowSent = Date.now();
  await a.peer.send(`SLOW ${SLOW_MS}\n`);
  await sleep(100);
  b.t.note(text(`(A is waiting for SLOW ${SLOW_MS})`, `(A가 SLOW ${SLOW_MS}을 기다리는 중)`));
  const pong = await ask(b, 'PING', PONG_WITHIN);
  if (!pong.ok && pong.why === 'timeout') {
    const late = await readReply(b.peer, SLOW_MS + 3000);
    const after = PONG_WITHIN + late.ms;
    show(ctx, [b, a]);
    ctx.fail('event-loop-blocked', {
      vars: {
        slow: SLOW_MS,
        what: late.ok ? fill(text('was answered only after {ms} ms', '{ms}ms가 지나서야 답을 받았습니다'), { ms: after }) : text('got no answer', '답을 받지 못했습니다'),
      },
      expected: text(`"PONG\\n" within ${PONG_WITHIN} ms`, `${PONG_WITHIN}ms 안에 "PONG\\n"`),
      actual: late.ok ? text(`${quoted(`${late.line}\n`)} after ${after} ms`, `${after}ms 뒤에 ${quoted(`${late.line}\n`)}`) : describeGot(late, SLOW_MS + 3000),
    });
  }
  if (!pong.ok || pong.line !== 'PONG') await wrongReply(ctx, server, b, 'PING', 'PONG', pong, 'lesson-04-command-wrong', PONG_WITHIN);

  const done = await readReply(a.peer, SLOW_MS + 3000);
  const took = Date.now() - slowSent;
  if (!done.ok || done.line !== 'DONE') {
    show(ctx, [a]);
    await wrongReply(ctx, server, a, `SLOW ${SLOW_MS}`, 'DONE', done, 'slow-wrong', SLOW_MS + 3000);
  }
  if (took < SLOW_MS - 100) {
    show(ctx, [a]);
    ctx.fail('slow-too-early', { vars: { slow: SLOW_MS, ms: took }, expected: text(`DONE after ${SLOW_MS} ms`, `${SLOW_MS}ms 뒤에 DONE`), actual: text(`DONE after ${took} ms`, `${took}ms 뒤에 DONE`) });
  }
  if (took > SLOW_MS + 1000) {
    show(ctx, [a]);
    ctx.fail('slow-too-late', { vars: { slow: SLOW_MS, ms: took, spare: 1000 }, expected: text(`DONE after ${SLOW_MS} ms (at most ${SLOW_MS + 1000})`, `${SLOW_MS}ms 뒤에 DONE(늦어도 ${SLOW_MS + 1000}ms)`), actual: text(`DONE after ${took} ms`, `${took}ms 뒤에 DONE`) });
  }
}

/** T5: a client resets its connection mid-command; the server lives on for the next one. */
export async function resetDoesNotKill(ctx: Ctx): Promise<void> {
  const server = await ctx.startServer();
  const a = await openClient(ctx, server, 'A');
  const first = await ask(a, 'PING');
  if (!first.ok || first.line !== 'PONG') await wrongReply(ctx, server, a, 'PING', 'PONG', first, 'lesson-04-command-wrong');
  await a.peer.send('ECHO half a comm'); // a command cut short…
  await sleep(100);
  a.peer.reset(); // …by an abrupt reset (RST), as a crashed client or a dropped network gives
  const exit = await server.program.waitExit(800);
  if (exit) {
    ctx.fail('server-died-on-reset', {
      vars: { where: '' },
      expected: text('the server keeps running and serves the next client', '서버가 계속 실행되며 다음 클라이언트를 처리'),
      actual: fill(text('the server {how}', '서버가 {how}'), { how: describeExit(exit) }),
    });
  }
  const b = await openClient(ctx, server, 'B');
  const pong = await ask(b, 'PING');
  if (pong.ok && pong.line !== 'PONG' && pong.line.includes('half a comm')) {
    show(ctx, [a, b]);
    ctx.fail('buffer-shared', {
      vars: { c: 'B', sent: quoted('PING\n'), got: quoted(`${pong.line}\n`), where: text(" (client A had left \"ECHO half a comm\" without its '\\n' and reset)", " (A 클라이언트가 '\\n' 없는 \"ECHO half a comm\"을 남기고 리셋함)") },
      expected: quoted('PONG\n'),
      actual: quoted(`${pong.line}\n`),
    });
  }
  if (!pong.ok || pong.line !== 'PONG') await wrongReply(ctx, server, b, 'PING', 'PONG', pong, 'lesson-04-command-wrong');
  await expectCount(ctx, server, b, 1, text('Client A was reset; only B is connected.', '클라이언트 A는 리셋되었고 B만 접속해 있습니다.'), [b, a]);
}

/** Asks COUNT until it is `want` (a close takes a moment to reach the server), at most 4 times. */
export async function expectCount(ctx: Ctx, server: StartedServer, c: Client, want: number, situation: Text, showClients: Client[], resets = 1): Promise<void> {
  let got: Got | undefined;
  for (let i = 0; i < 4; i++) {
    if (i > 0) await sleep(500);
    got = await ask(c, 'COUNT');
    if (!got.ok || !/^\d+$/.test(got.line)) break;
    if (got.line === String(want)) return;
  }
  show(ctx, showClients);
  if (got!.ok && /^\d+$/.test(got!.line) && Number(got!.line) > want) {
    const n = Number(got!.line);
    ctx.fail('count-too-high', {
      vars: { got: n, want, where: '', s: 2, extra: n - want, resets },
      expected: quoted(`${want}\n`),
      actual: quoted(`${n}\n`),
    });
  }
  ctx.note(situation);
  await wrongReply(ctx, server, c, 'COUNT', String(want), got!, 'count-wrong');
}

/** T6: 25 clients; 10 reset, 10 close with FIN; COUNT must follow. */
export async function countAfterDisconnects(ctx: Ctx): Promise<void> {
  const server = await ctx.startServer();
  const observer = await openClient(ctx, server, 'O');
  const resetters = await openClients(ctx, server, range(10, 'r'));
  const finishers = await openClients(ctx, server, range(10, 'q'));
  const stayers = await openClients(ctx, server, range(4, 's'));
  const others = [...resetters, ...finishers, ...stayers];
  // A PING round trip makes sure the server has accepted each of them before we count.
  const pongs = await Promise.all(others.map((c) => ask(c, 'PING')));
  for (const [i, g] of pongs.entries()) {
    if (!g.ok || g.line !== 'PONG') {
      show(ctx, [others[i]!]);
      await wrongReply(ctx, server, others[i]!, 'PING', 'PONG', g, 'lesson-04-command-wrong');
    }
  }
  const before = await ask(observer, 'COUNT');
  if (!before.ok || before.line !== '25') {
    show(ctx, [observer], text('25 clients were connected when O asked.', 'O가 물었을 때 25개 클라이언트가 접속해 있었습니다.'));
    await wrongReply(ctx, server, observer, 'COUNT', '25', before, 'count-wrong');
  }
  for (const c of resetters) c.peer.reset();
  for (const c of finishers) c.peer.halfClose();
  await Promise.all(finishers.map((c) => c.peer.waitClosed(2000)));
  await failIfServerDied(ctx, server, 500);
  await expectCount(
    ctx,
    server,
    observer,
    5,
    text('10 clients reset (RST), 10 closed (FIN); O and 4 others are connected.', '10개는 리셋(RST), 10개는 정상 종료(FIN)했고, O와 다른 4개가 접속해 있습니다.'),
    [observer, resetters[0]!],
    10,
  );
}

/**
 * Past the whole history, the server is still used: every client has left, so a new one comes
 * and sends INCR, WHOAMI and COUNT. A server that forgets its counter when it is empty (or keeps
 * a leaver's name, or counts the leavers) answers wrong here, whatever the history before.
 */
export async function afterEveryoneLeft(ctx: Ctx): Promise<void> {
  const server = await ctx.startServer();
  const [a, b] = (await openClients(ctx, server, ['A', 'B'])) as [Client, Client];
  for (const [c, line, want, reason] of [
    [a, 'NICK ana', 'OK', 'nick-wrong'],
    [a, 'INCR', '1', 'incr-wrong'],
    [b, 'INCR', '2', 'incr-wrong'],
    [a, 'INCR', '3', 'incr-wrong'],
  ] as const) {
    const got = await ask(c, line);
    if (c === b && got.ok && got.raw === '1') {
      show(ctx, [a, b]);
      ctx.fail('counter-not-shared', { vars: { c: 'B', got: quoted('1\n'), where: text(' (client B, after A had counted to 1)', ' (B 클라이언트, A가 1까지 센 뒤)') }, expected: quoted('2\n'), actual: quoted('1\n') });
    }
    if (!got.ok || got.raw !== want) await wrongReply(ctx, server, c, line, want, got, reason);
  }
  // A leaves by QUIT, B by a reset: nobody is connected any more.
  const bye = await ask(a, 'QUIT');
  if (!bye.ok || bye.raw !== 'BYE') await wrongReply(ctx, server, a, 'QUIT', 'BYE', bye, 'lesson-04-command-wrong');
  await a.peer.waitClosed(2000);
  a.peer.destroy(); // the checker closes its side too, as a client does after BYE
  b.peer.reset();
  await sleep(300);
  await failIfServerDied(ctx, server);
  const c = await openClient(ctx, server, 'C');
  c.t.note(text('(A quit and B reset: nobody was connected before C came)', '(A는 QUIT, B는 리셋: C가 오기 전에는 아무도 접속해 있지 않았음)'));
  const incr = await ask(c, 'INCR');
  if (incr.ok && incr.raw === '1') {
    show(ctx, [a, b, c]);
    ctx.fail('counter-restarted', { vars: { c: 'C', got: quoted('1\n'), want: 4, where: byClient('C') }, expected: quoted('4\n'), actual: quoted('1\n') });
  }
  if (!incr.ok || incr.raw !== '4') {
    show(ctx, [a, b, c]);
    await wrongReply(ctx, server, c, 'INCR', '4', incr, 'incr-wrong');
  }
  const whoami = await ask(c, 'WHOAMI');
  if (whoami.ok && whoami.raw === 'ana') {
    show(ctx, [a, c]);
    ctx.fail('nick-shared', { vars: { c: 'C', nick: text('nothing (no NICK)', '아무것도(NICK 없음)'), got: quoted('ana\n'), where: text(' — the name A, who had left, gave itself', ' — 이미 나간 A가 정한 이름') }, expected: quoted('anonymous\n'), actual: quoted('ana\n') });
  }
  if (!whoami.ok || whoami.raw !== 'anonymous') await wrongReply(ctx, server, c, 'WHOAMI', 'anonymous', whoami, 'whoami-wrong');
  await expectCount(ctx, server, c, 1, text('A quit and B reset; only C is connected.', 'A는 QUIT, B는 리셋했고 C만 접속해 있습니다.'), [c, b]);
}

// ── Generated histories: the model against a fresh server ─────────────────────────────────────

export const GEN_REPLY_MS = 2000;

/** Reply lines as the report shows them, each quoted with its '\n'. */
function replyLines(list: string[], max = 6): string {
  const shown = list.slice(0, max).map((l) => quoted(`${l}\n`, 80));
  return list.length > max ? `${shown.join(', ')}, … (${list.length} lines)` : shown.join(', ');
}

/** A history in words, for the report: `A connects · A: "INCR\n" · A: RST · B: "INCR\n"`. */
export function describeHistory(h: History): Text {
  const plan = planOf(h);
  const parts = (lang: 'en' | 'ko') =>
    plan.actions.map((a) => {
      const n = connName(a.conn);
      if (a.kind === 'open') return lang === 'en' ? `${n} connects` : `${n} 접속`;
      if (a.kind === 'close' && a.how !== 'quit') return `${n}: ${a.how.toUpperCase()}`;
      const writes = a.pieces.length > 1 ? (lang === 'en' ? ` (${a.pieces.length} writes)` : ` (${a.pieces.length}번에 나눠 씀)`) : '';
      return `${n}: ${quoted(Buffer.concat(a.pieces), 60)}${writes}`;
    });
  const join = (lang: 'en' | 'ko') => {
    const p = parts(lang);
    return (p.length > 14 ? [...p.slice(0, 14), lang === 'en' ? `… (${p.length} steps)` : `… (${p.length}단계)`] : p).join(' · ');
  };
  return text(join('en'), join('ko'));
}

/** What a wrong reply to `e` means, in the lesson's own reasons. */
function historyMismatch(ctx: Ctx, e: Expected, got: string, client: string, probe?: { p: string; q: string }): FailureDetails {
  const sent = quoted(`${e.sent}${e.crlf ? '\r\n' : '\n'}`);
  const where = inHistory(client);
  const vars = { sent, got: quoted(`${got}\n`), want: quoted(`${e.reply}\n`), where, c: client, word: e.word };
  const facts: Facts = { vars, expected: quoted(`${e.reply}\n`), actual: quoted(`${got}\n`) };
  const as = (reason: Reason) => ctx.mistake(reason, facts);
  const garbled = got.startsWith('ERR unknown command ') && got !== `ERR unknown command ${e.word}`;
  if (e.crKept.includes(got) || (e.crlf && e.word === 'SLOW' && got.startsWith('ERR') && !garbled)) return as('crlf-not-stripped');
  if (got === `${e.reply}\r`) return as('reply-ends-in-crlf');
  if (e.mixed && (garbled || !['INCR', 'COUNT', 'WHOAMI'].includes(e.word))) return ctx.mistake('buffer-shared', { ...facts, vars: { ...vars, where: IN_HISTORY } });
  if (e.cut && (garbled || !['INCR', 'COUNT', 'WHOAMI', 'NICK', 'SLOW'].includes(e.word))) return as('partial-line-dropped');
  const unknown = got === `ERR unknown command ${e.word}`;
  if (unknown && ['NICK', 'WHOAMI', 'INCR', 'COUNT', 'SLOW'].includes(e.word)) return as('command-missing');
  switch (e.word) {
    case 'INCR': {
      if (!/^\d+$/.test(got) || !e.incr) return as('incr-wrong');
      const n = Number(got);
      const { own, sinceEmpty } = e.incr;
      const perConnection = n === own && (own !== sinceEmpty || (probe !== undefined && probe.p === '1' && probe.q === '1'));
      const restarted = n === sinceEmpty && (own !== sinceEmpty || (probe !== undefined && /^\d+$/.test(probe.p) && Number(probe.q) === Number(probe.p) + 1));
      if (perConnection) return as('counter-not-shared');
      if (restarted) return ctx.mistake('counter-restarted', { ...facts, vars: { ...vars, want: e.reply } });
      return as('incr-wrong');
    }
    case 'WHOAMI':
      // Another connection's name, or one that outlived its connection: not this client's own.
      if (e.whoami?.disturbed || (e.reply === 'anonymous' && got !== 'anonymous' && !got.startsWith('ERR '))) return ctx.mistake('nick-shared', { ...facts, vars: { ...vars, where: IN_HISTORY, nick: e.reply === 'anonymous' ? text('nothing (no NICK)', '아무것도(NICK 없음)') : quoted(e.reply) } });
      return as('whoami-wrong');
    case 'COUNT':
      if (/^\d+$/.test(got) && Number(got) > Number(e.reply)) {
        return ctx.mistake('count-too-high', { ...facts, vars: { got, want: e.reply, where, s: 1, extra: Number(got) - Number(e.reply), resets: e.count?.resets ?? 0 } });
      }
      return as('count-wrong');
    case 'NICK':
      return as('nick-wrong');
    case 'SLOW':
      return as('slow-wrong');
    default:
      return as('lesson-04-command-wrong');
  }
}

/** Bytes the protocol does not account for: a reply to nothing, or to a line never finished. */
function extraBytes(ctx: Ctx, client: string, bytes: Buffer, after: Text): FailureDetails {
  return ctx.mistake('reply-to-nothing', { vars: { c: client, after }, expected: text('nothing more', '더 받을 것 없음'), actual: quoted(bytes, 80) });
}

/**
 * One history against a fresh server: each step on its connection, the replies read in order
 * and held to the model. A COUNT right after a connect or a close may race the server's
 * 'connection'/'close' event, so a wrong COUNT then is asked again for 1 s before it counts.
 */
export async function runHistory(ctx: Ctx, h: History, transcript: (l: Text, r: Text) => Transcript, searchUntil: number): Promise<FailureDetails | undefined> {
  const plan: Plan = planOf(h);
  if (plan.actions.length === 0) return undefined;
  // The report's replay records into the scenario's transcripts; the search into scratch ones.
  const before = ctx.transcripts.length;
  const first = transcript(who.client(connName(0)), who.server);
  const replay = ctx.transcripts.length > before;
  // Past the search's budget every further case (a shrinking step, say) counts as passing, so
  // the search ends by itself instead of being cut off while a case still runs.
  if (!replay && Date.now() > searchUntil) return undefined;
  // The servers of earlier cases, stopped by the checker, would only bury this one's output.
  for (let i = ctx.programs.length - 1; i >= 0; i--) if (ctx.programs[i]!.done && ctx.programs[i]!.stopReason === 'killed') ctx.programs.splice(i, 1);
  const server = await ctx.startServer();
  const peers = new Map<number, PeerSocket>();
  let changed = false;
  let resets = 0;
  const died = async (): Promise<FailureDetails | undefined> => {
    const exit = server.program.exitInfo ?? (await server.program.waitExit(300));
    if (!exit || exit.stoppedFor === 'killed') return undefined;
    if (resets > 0 && !/EADDRINUSE/.test(server.program.stderr())) {
      return ctx.mistake('server-died-on-reset', {
        vars: { where: IN_HISTORY },
        expected: text('the server keeps running', '서버가 계속 실행됨'),
        actual: fill(text('the server {how}', '서버가 {how}'), { how: describeExit(exit) }),
      });
    }
    return programFailure('server.ts', exit, server.program, 'during-exchange');
  };
  /** Two more clients, both connected, each send INCR: is the counter shared while they are? */
  const probe = async (): Promise<{ p: string; q: string }> => {
    const [p, q] = await Promise.all(['P', 'Q'].map((n) => ctx.connect(server.port, transcript(who.client(`${n} (probe)`), who.server))));
    try {
      await p!.send('INCR\n');
      const rp = await p!.readLine(GEN_REPLY_MS);
      await q!.send('INCR\n');
      const rq = await q!.readLine(GEN_REPLY_MS);
      return { p: rp.ok ? rp.value.toString('utf8') : '', q: rq.ok ? rq.value.toString('utf8') : '' };
    } finally {
      p!.destroy();
      q!.destroy();
    }
  };
  const noReply = async (client: string, e: Expected, r: Extract<ReadOutcome<Buffer>, { ok: false }>, want: string[], got: string[]): Promise<FailureDetails> =>
    (await died()) ??
    ctx.mistake(r.reason === 'closed' ? 'closed-instead-of-reply' : 'no-reply', {
      vars: { sent: quoted(`${e.sent}${e.crlf ? '\r\n' : '\n'}`), ms: GEN_REPLY_MS, where: inHistory(client) },
      expected: replyLines(want),
      actual: got.length + r.partial.length > 0 ? replyLines([...got, r.partial.toString('utf8')]) : text('nothing', '없음'),
    });

  try {
    for (const a of plan.actions) {
      const client = connName(a.conn);
      if (a.kind === 'open') {
        const dead = server.program.exitInfo ? await died() : undefined;
        if (dead) return dead;
        peers.set(a.conn, await ctx.connect(server.port, a.conn === 0 ? first : transcript(who.client(client), who.server)));
        changed = true;
        continue;
      }
      const peer = peers.get(a.conn)!;
      if (a.kind === 'close' && a.how === 'rst') {
        peer.reset();
        peers.delete(a.conn);
        resets += 1;
        changed = true;
        await sleep(20); // let the server see it before the next step
        continue;
      }
      if (a.kind === 'close' && a.how === 'fin') {
        peer.halfClose();
        const rest = await peer.readToClose(1000);
        peer.destroy();
        peers.delete(a.conn);
        changed = true;
        if (rest.bytes.length > 0) return extraBytes(ctx, client, rest.bytes, text('after it closed its side (FIN)', '자기 쪽을 닫은(FIN) 뒤'));
        continue;
      }
      await peer.sendPieces(a.pieces, 5);
      const want = a.expect.map((e) => e.reply);
      const got: string[] = [];
      let recheck: { e: Expected; got: string } | undefined;
      for (const e of a.expect) {
        const r = await peer.readLine(GEN_REPLY_MS);
        if (!r.ok) return await noReply(client, e, r, want, got);
        const line = r.value.toString('utf8');
        got.push(line);
        if (line === e.reply) {
          if (e.count) changed = false;
          continue;
        }
        if (e.count && changed && !recheck) {
          recheck = { e, got: line };
          continue;
        }
        const ambiguous = e.incr && line === String(e.incr.own) && e.incr.own === e.incr.sinceEmpty;
        return historyMismatch(ctx, e, line, client, ambiguous ? await probe() : undefined);
      }
      if (recheck) {
        for (let i = 0; i < 10 && recheck.got !== recheck.e.reply; i++) {
          await sleep(100);
          await peer.send('COUNT\n');
          const r = await peer.readLine(GEN_REPLY_MS);
          if (!r.ok) return await noReply(client, recheck.e, r, [recheck.e.reply], []);
          recheck.got = r.value.toString('utf8');
        }
        if (recheck.got !== recheck.e.reply) return historyMismatch(ctx, recheck.e, recheck.got, client);
        changed = false;
      }
      if (a.kind === 'close') {
        // QUIT: BYE, then the server closes; the checker closes its side too.
        const rest = await peer.readToClose(1500);
        peer.destroy();
        peers.delete(a.conn);
        changed = true;
        if (rest.bytes.length > 0) return extraBytes(ctx, client, rest.bytes, text('after BYE', 'BYE 뒤에'));
        if (rest.how === 'timeout') {
          return ctx.mistake('quit-does-not-close', {
            vars: { c: client, where: IN_HISTORY },
            expected: text('"BYE\\n", then FIN', '"BYE\\n" 다음 FIN'),
            actual: text('"BYE\\n", and the connection open for 1.5 s', '"BYE\\n", 그리고 1.5초 동안 열려 있는 연결'),
          });
        }
      } else if (peer.unread().length > 0) {
        return extraBytes(ctx, client, peer.unread(), fill(text('after the replies to its {n} line(s)', '자기 줄 {n}개의 답 뒤에'), { n: a.expect.length }));
      }
    }
    await sleep(30);
    for (const [id, peer] of peers) {
      if (peer.unread().length > 0) return extraBytes(ctx, connName(id), peer.unread(), text('at the end of the history', '기록이 끝날 때'));
    }
    return undefined;
  } catch (err) {
    const dead = await died();
    if (dead) return dead;
    throw err;
  } finally {
    for (const p of peers.values()) p.destroy();
    await server.program.kill();
  }
}
