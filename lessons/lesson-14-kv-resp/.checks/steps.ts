/**
 * Lesson 14 — the steps its scenarios share: a strict reader of RESP replies on a raw socket,
 * the judge that holds a reply to the model (and names the mistake behind a wrong one), and
 * the real clients: ioredis, node-redis, redis-cli, redis-benchmark beside a real redis-server.
 * Failures name a reason of `mistakes.ts`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { describeExit, fill, quoted, splitAt, text, type PeerSocket, type StartedServer, type Text, type Transcript } from '../../../src/checks/kit.ts';
import type { FailureDetails } from '../../../src/checks/scenario.ts';
import type { Ctx } from './mistakes.ts';
import { PROTOCOL_ERROR, matches, readReply, replyBytes, showCommand, showReply, type Arg, type Expected, type Reply } from './model.ts';
import { asMismatch, findOnPath } from '../../../src/checks/kit.ts';
export { asMismatch, findOnPath };

export type { Ctx } from './mistakes.ts';
export type TranscriptOf = (left: Text, right: Text) => Transcript;

export const who = {
  checker: text('checker (client)', '검사기 (클라이언트)'),
  server: text('your server', '내 서버'),
  solution: text('reference solution', '참고 답안'),
};

/** How long a reply may take: generous for a loaded machine, short enough to fail fast. */
export const REPLY_MS = 2500;


export async function open(ctx: Ctx, server: StartedServer, transcript?: Transcript): Promise<PeerSocket> {
  return ctx.connect(server.port, transcript ?? ctx.transcript(who.checker, who.server));
}

/** One step of an exchange: the command (for the report) and what it must be answered. */
export interface Step {
  args: Arg[];
  exp: Expected;
  /** For bytes that are a protocol error: why they are one. */
  why?: string;
  /** Sent as an inline command. */
  inline?: boolean;
}

/** What else the judge knows about the stream a reply came from. */
export interface StreamFacts {
  /** How many writes the bytes were sent in. */
  pieces: number;
  /** Whether some value in the stream holds "\r\n". */
  crlfInValues: boolean;
}

const isProtocolError = (e: Expected) => e.type === 'error-prefix' && e.prefix === PROTOCOL_ERROR;

/** The failure for bad bytes answered otherwise than with -ERR Protocol error. */
function notReported(ctx: Ctx, step: Step, got: Text | string, actual?: Text | string): FailureDetails {
  const bytes = JSON.stringify(Buffer.from(step.args[0]!).subarray(0, 30).toString('latin1'));
  return ctx.mistake('protocol-error-not-reported', { vars: { bytes, why: step.why ?? '', got }, actual });
}

const shownBytes = (b: Buffer, max = 160) => quoted(b.toString('utf8'), max);

/** The server has exited: the failure says how, with its stderr. */
async function crashed(ctx: Ctx, server: StartedServer, cmd: string): Promise<FailureDetails | undefined> {
  await server.program.waitExit(300);
  if (!server.program.done) return undefined;
  return ctx.mistake('server-crashed', { vars: { cmd, how: describeExit(server.program.exitInfo!) }, actual: server.program.stderr().slice(-600) || undefined });
}

/**
 * Reads the next reply strictly, or fails: no reply in time, bytes that are not RESP (a bulk
 * length in characters named as such), the connection or the server gone.
 */
export async function nextReply(ctx: Ctx, server: StartedServer, peer: PeerSocket, step: Step, ms = REPLY_MS): Promise<Reply> {
  const cmd = showCommand(step.args);
  let r = readReply(peer.unread());
  if (!r.ok && r.need) {
    await peer.waitFor(() => {
      r = readReply(peer.unread());
      return r.ok || !r.need || peer.closed !== undefined;
    }, ms);
  }
  if (r.ok) {
    await peer.readBytes(r.bytes, 10);
    return r.reply;
  }
  const partial = peer.unread();
  if (!r.need) {
    const header = /^\$(\d+)\r\n/.exec(partial.toString('latin1'));
    if (header && step.exp.type === 'bulk' && Number(header[1]) === step.exp.value.toString('utf8').length && step.exp.value.length !== Number(header[1])) {
      ctx.fail('bulk-length-in-characters', { vars: { cmd, header: `$${header[1]}`, bytes: step.exp.value.length }, expected: quoted(replyBytes(step.exp).toString('utf8')), actual: shownBytes(partial) });
    }
    ctx.fail('malformed-reply', { vars: { cmd, bad: r.bad }, expected: quoted(replyBytes(step.exp).toString('utf8')), actual: shownBytes(partial) });
  }
  const died = await crashed(ctx, server, cmd);
  if (died) ctx.fail(died);
  if (isProtocolError(step.exp)) ctx.fail(notReported(ctx, step, peer.closed ? text(`a close (${peer.closed.toUpperCase()}) without it`, `그것 없이 닫기(${peer.closed.toUpperCase()})`) : fill(text('nothing within {ms} ms', '{ms}ms 안에 아무것도 없음'), { ms }), partial.length ? shownBytes(partial) : undefined));
  if (peer.closed !== undefined) {
    ctx.fail('closed-unexpectedly', { vars: { cmd, how: peer.closed.toUpperCase() }, actual: partial.length ? shownBytes(partial) : text('nothing', '아무것도 없음') });
  }
  ctx.fail('no-reply', { vars: { cmd, ms }, expected: quoted(replyBytes(step.exp).toString('utf8')), actual: partial.length ? shownBytes(partial) : text('nothing', '아무것도 없음') });
}

/** What is wrong with `got` as the answer to `step`, named as precisely as the facts allow. */
export function judge(ctx: Ctx, step: Step, got: Reply, stream: StreamFacts = { pieces: 1, crlfInValues: false }): FailureDetails | undefined {
  if (matches(step.exp, got)) return undefined;
  if (isProtocolError(step.exp)) return notReported(ctx, step, showReply(got));
  const cmd = showCommand(step.args);
  const name = Buffer.from(step.args[0]!).toString('utf8');
  const lower = name.toLowerCase();
  const facts = { vars: { cmd, got: showReply(got), want: showReply(step.exp) }, expected: quoted(replyBytes(step.exp).toString('utf8'), 200), actual: quoted(replyBytes(got).toString('utf8'), 200) };
  // An inline command refused as a protocol error, or read as some other command.
  if (step.inline && got.type === 'error' && (/protocol error/i.test(got.text) || (/unknown command/i.test(got.text) && !got.text.toLowerCase().includes(`'${lower}'`)))) {
    return ctx.mistake('inline-not-supported', { vars: { line: JSON.stringify(`${step.args.map((a) => Buffer.from(a).toString('utf8')).join(' ')}\r\n`), got: showReply(got) }, expected: facts.expected, actual: facts.actual });
  }
  // "unknown command '$3'" or "unknown command '안녕'": the server took a piece of the stream for a command.
  const lost = got.type === 'error' && /unknown command '/i.test(got.text) && !got.text.toLowerCase().includes(`'${lower}'`) && step.exp.type !== 'error-prefix';
  if (lost && stream.pieces > 1) return ctx.mistake('command-in-pieces', { vars: { cmd, n: stream.pieces, got: showReply(got) }, expected: facts.expected, actual: facts.actual });
  if (lost && stream.crlfInValues) return ctx.mistake('split-on-lines', { vars: { got: `${cmd} → ${showReply(got)}` }, expected: facts.expected, actual: facts.actual });
  // An unknown-command error that names this very command (not bytes read out of step as a command).
  const unknownAnswer = got.type === 'error' && /unknown command/i.test(got.text) && got.text.toLowerCase().includes(`'${lower}'`);
  if (step.exp.type === 'error-prefix' && /^ERR unknown command/.test(step.exp.prefix)) {
    return ctx.mistake('unknown-command-text', { vars: { name, got: showReply(got) }, expected: quoted(`-${step.exp.prefix}…`), actual: facts.actual });
  }
  if (lower === 'info' && step.exp.type === 'any-bulk') return ctx.mistake('info-not-bulk', { ...facts, vars: { got: showReply(got) } });
  if (unknownAnswer && ['set', 'get', 'del', 'exists', 'incr', 'ping', 'echo', 'client', 'quit'].includes(lower)) {
    return ctx.mistake('case-sensitive-names', { ...facts, vars: { name } });
  }
  if (step.exp.type === 'bulk' && got.type === 'bulk') {
    const fffd = got.value.includes(Buffer.from([0xef, 0xbf, 0xbd])) && !step.exp.value.includes(Buffer.from([0xef, 0xbf, 0xbd]));
    if (fffd || got.value.length !== step.exp.value.length) return ctx.mistake('value-not-binary-safe', facts);
  }
  const incrAnswer = got.type === 'integer' || (got.type === 'error' && /integer|overflow/i.test(got.text));
  if (lower === 'incr' && incrAnswer) return ctx.mistake('incr-not-64-bit', facts);
  return ctx.mistake('wrong-reply', facts);
}

/** Reads the replies to `steps`, in order, and holds each to the model. */
export async function expectReplies(ctx: Ctx, server: StartedServer, peer: PeerSocket, steps: Step[], ms = REPLY_MS, stream?: StreamFacts): Promise<void> {
  for (const step of steps) {
    const got = await nextReply(ctx, server, peer, step, ms);
    const wrong = judge(ctx, step, got, stream);
    if (wrong) ctx.fail(wrong);
  }
}

/** Nothing more comes for `quietMs`: a reply nobody asked for fails. */
export async function expectQuiet(ctx: Ctx, peer: PeerSocket, after: string, quietMs = 60): Promise<void> {
  await peer.waitFor(() => peer.unread().length > 0, quietMs);
  if (peer.unread().length > 0) ctx.fail('extra-reply', { vars: { cmd: after, got: shownBytes(peer.unread()) } });
}

/** The steps' commands, each as an array, in one buffer. */
export const bytesOfSteps = (steps: Step[], encode: (...a: Arg[]) => Buffer): Buffer => Buffer.concat(steps.map((s) => encode(...s.args)));

/**
 * Sends `bytes` (cut at `cuts`, `gapMs` apart), reads the replies to `steps` in order, then
 * holds the end: a close (FIN) when `close`, otherwise nothing more.
 */
export async function play(ctx: Ctx, server: StartedServer, o: { bytes: Buffer; steps: Step[]; cuts?: number[]; gapMs?: number; close?: boolean; transcript?: Transcript; ms?: number }): Promise<void> {
  const peer = await open(ctx, server, o.transcript);
  try {
    if (o.cuts && o.cuts.length > 0) await peer.sendPieces(splitAt(o.bytes, o.cuts), o.gapMs ?? 5);
    else await peer.send(o.bytes);
    const crlfInValues = o.steps.some((st) => st.args.slice(1).some((a) => Buffer.from(a).includes('\r\n')));
    await expectReplies(ctx, server, peer, o.steps, o.ms, { pieces: (o.cuts?.length ?? 0) + 1, crlfInValues });
    const last = o.steps.length ? showCommand(o.steps[o.steps.length - 1]!.args) : '';
    if (o.close) {
      const how = await peer.waitClosed(REPLY_MS);
      if (how === 'timeout') {
        const bad = last === 'QUIT';
        if (bad) ctx.fail('quit-not-closed', { vars: { got: '+OK', how: text('stayed open', '열린 채로 있었습니다') } });
        ctx.fail('protocol-error-not-closed', { vars: { bytes: last } });
      }
      if (peer.unread().length > 0) ctx.fail('extra-reply', { vars: { cmd: last, got: shownBytes(peer.unread()) } });
    } else {
      await expectQuiet(ctx, peer, last);
    }
  } finally {
    peer.destroy();
  }
}

// ─── real clients ────────────────────────────────────────────────────────────────────

/** A step of a real client: runs `fn`, and on an error (or a wrong result) fails with it. */
export async function clientStep<T>(ctx: Ctx, reason: 'ioredis-failed' | 'node-redis-failed', step: string, fn: () => Promise<T>, check?: (v: T) => string | undefined, ms = 10000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  let v: T;
  try {
    v = await Promise.race([fn(), timeout]);
  } catch (err) {
    ctx.fail(reason, { vars: { step, err: String((err as Error).message ?? err).split('\n')[0]!.slice(0, 200) } });
  } finally {
    clearTimeout(timer);
  }
  const wrong = check?.(v);
  if (wrong) ctx.fail(reason, { vars: { step, err: wrong } });
  return v;
}

export const same = (want: unknown) => (got: unknown): string | undefined => {
  const show = (x: unknown) => (Buffer.isBuffer(x) ? `<Buffer ${x.toString('hex')}>` : JSON.stringify(x, (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v)));
  return show(got) === show(want) ? undefined : `got ${show(got)}, expected ${show(want)}`;
};


function redisTool(ctx: Ctx, name: 'redis-cli' | 'redis-benchmark' | 'redis-server'): string {
  const found = findOnPath(name, `/usr/bin/${name}`);
  if (!found) {
    const pkg = name === 'redis-server' ? 'redis-server' : 'redis-tools';
    ctx.missingTool(fill(text('{name} is not installed here; this check is skipped (Debian/Ubuntu: apt-get install {pkg}).', '이 컴퓨터에 {name}이(가) 없어 이 검사는 건너뜁니다(Debian/Ubuntu: apt-get install {pkg}).'), { name, pkg }));
  }
  return found;
}

/** Runs redis-cli (in its own box) with `args` and returns its stdout, or fails. */
export async function redisCli(ctx: Ctx, server: StartedServer, args: string[], o: { stdin?: Buffer; want: (out: string) => boolean; wantShown: string }): Promise<string> {
  const cli = redisTool(ctx, 'redis-cli');
  const program = ctx.startExternal({ label: text('redis-cli', 'redis-cli'), command: cli, args: ['-h', '127.0.0.1', '-p', String(server.port), ...args], stdin: o.stdin });
  const exit = await program.waitExit(8000);
  const out = program.stdout();
  const shownArgs = args.join(' ').slice(0, 80);
  if (!exit) {
    await program.kill();
    ctx.fail('redis-cli-failed', { vars: { args: shownArgs, got: text('no exit within 8 s (waiting for a reply)', '8초 안에 끝나지 않음(답을 기다림)'), want: o.wantShown }, actual: quoted(out, 300) });
  }
  if (exit.code !== 0 || !o.want(out)) {
    const died = await crashed(ctx, server, `redis-cli ${shownArgs}`);
    if (died) ctx.fail(died);
    ctx.fail('redis-cli-failed', { vars: { args: shownArgs, got: quoted(`${out.trim()}${exit.code !== 0 ? ` (exit ${exit.code}) ${program.stderr().trim()}` : ''}`, 200), want: o.wantShown } });
  }
  return out;
}

// ─── redis-benchmark: a figure, not a pass mark ──────────────────────────────────────

export const BENCH = { n: 2000, c: 4, p: 16, tests: 'ping_inline,ping_mbulk,set,get,incr' };

export const SOLUTION = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../solutions/lesson-14-kv-resp/server.ts');

interface BenchRun {
  ok: boolean;
  /** Requests per second per test: PING_INLINE, SET, … */
  rps: Map<string, number>;
  why: string;
}

async function bench(ctx: Ctx, port: number, label: Text): Promise<BenchRun> {
  const tool = redisTool(ctx, 'redis-benchmark');
  const program = ctx.startExternal({
    label,
    command: tool,
    args: ['-h', '127.0.0.1', '-p', String(port), '-n', String(BENCH.n), '-c', String(BENCH.c), '-P', String(BENCH.p), '-t', BENCH.tests, '--csv'],
  });
  const exit = await program.waitExit(20000);
  if (!exit) await program.kill();
  const rps = new Map<string, number>();
  for (const m of program.stdout().matchAll(/^"([A-Z_]+)[^"]*","([0-9.]+)"/gm)) rps.set(m[1]!, Number(m[2]));
  const ok = !!exit && exit.code === 0 && rps.size >= 5;
  const why = !exit ? 'no exit within 20 s: replies went missing' : exit.code !== 0 ? `exit ${exit.code}: ${program.stderr().trim().split('\n').pop() ?? ''}` : `${rps.size} of 5 tests reported`;
  return { ok, rps, why };
}

async function startRedisServer(ctx: Ctx): Promise<{ port: number; stop: () => Promise<void> } | undefined> {
  const tool = findOnPath('redis-server', '/usr/bin/redis-server');
  if (!tool) {
    if (process.env.SOCKET_COURSE_REQUIRE_TOOLS === '1') redisTool(ctx, 'redis-server');
    return undefined;
  }
  // A free loopback port: listen(0), close, hand it over (a race only with another program taking it at once).
  const net = await import('node:net');
  const port = await new Promise<number>((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as import('node:net').AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
  // Debian's redis-server is a symlink to redis-check-rdb, one binary that picks its part by the
  // name it is started under; the box starts the symlink's target, so the name is set again
  // with `exec -a` (the same process: killing it kills redis-server).
  const shell = findOnPath('bash', '/bin/bash');
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  const program = shell
    ? ctx.startExternal({ label: text('redis-server', 'redis-server'), command: shell, args: ['-c', 'exec -a redis-server "$0" "$@"', tool, ...args] })
    : ctx.startExternal({ label: text('redis-server', 'redis-server'), command: tool, args });
  for (let i = 0; i < 100 && !program.done && !program.stdout().includes('Ready to accept connections'); i++) await sleep(50);
  if (!program.stdout().includes('Ready to accept connections')) {
    ctx.note(fill(text('redis-server did not start: {out}', 'redis-server가 시작하지 않았습니다: {out}'), { out: `${program.stdout()}${program.stderr()}`.trim().slice(-300) }));
    await program.kill();
    return undefined;
  }
  return { port, stop: async () => void (await program.kill()) };
}

export async function benchmark(ctx: Ctx, server: StartedServer): Promise<void> {
  const mine = await bench(ctx, server.port, text('redis-benchmark (your server)', 'redis-benchmark (내 서버)'));
  const solution = fs.existsSync(SOLUTION) ? await ctx.startCourseProgram(SOLUTION, { label: who.solution, env: { HOST: '127.0.0.1', PORT: '0' } }) : undefined;
  let ref: BenchRun | undefined;
  if (solution) {
    const l = await solution.waitListening('tcp', 8000);
    if (l !== 'timeout' && 'proto' in l) ref = await bench(ctx, l.port, text('redis-benchmark (reference solution)', 'redis-benchmark (참고 답안)'));
    await solution.kill();
  }
  const real = await startRedisServer(ctx);
  let redis: BenchRun | undefined;
  if (real) {
    redis = await bench(ctx, real.port, text('redis-benchmark (redis-server)', 'redis-benchmark (redis-server)'));
    await real.stop();
  }
  const row = (t: string) => {
    const f = (r: BenchRun | undefined) => (r?.rps.get(t) !== undefined ? String(Math.round(r.rps.get(t)!)) : '—');
    return `  ${t.padEnd(11)} ${f(mine).padStart(9)} ${f(ref).padStart(9)} ${f(redis).padStart(12)}`;
  };
  const table = ['PING_INLINE', 'PING_MBULK', 'SET', 'GET', 'INCR'].map(row).join('\n');
  ctx.figure(
    fill(
      text(
        'Requests per second (redis-benchmark -n {n} -c {c} -P {p}): your server, the reference solution, a real redis-server. A figure, not a pass mark.\n{head}\n{table}',
        '초당 요청 수(redis-benchmark -n {n} -c {c} -P {p}): 내 서버, 참고 답안, 진짜 redis-server. 합격 기준이 아니라 참고 수치입니다.\n{head}\n{table}',
      ),
      { n: BENCH.n, c: BENCH.c, p: BENCH.p, head: `  ${'test'.padEnd(11)} ${'yours'.padStart(9)} ${'reference'.padStart(9)} ${'redis-server'.padStart(12)}`, table },
    ),
  );
  if (!mine.ok) {
    const died = await crashed(ctx, server, 'redis-benchmark');
    if (died) ctx.fail(died);
    ctx.fail('benchmark-failed', { vars: { got: mine.why, c: BENCH.c, p: BENCH.p } });
  }
}
