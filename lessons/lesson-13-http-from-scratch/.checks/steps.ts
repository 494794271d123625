/**
 * Lesson 13 — the steps its scenarios share: a strict reader of responses on a raw socket,
 * the judge that holds a response to the model, and the real clients: Node's fetch (the
 * ground truth), curl (lenient), headless Chromium (a browser with a form), autocannon (load).
 * Failures name a reason of `mistakes.ts`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { describeExit, quoted, text, type PeerSocket, type StartedServer, type Text, type Transcript } from '../../../src/checks/kit.ts';
import type { FailureDetails } from '../../../src/checks/scenario.ts';
import { fill } from '../../../src/i18n.ts';
import type { Ctx } from './mistakes.ts';
import { formPage, parseResponseHead, serverModel, type Expected, type Response } from './model.ts';
import { asMismatch, findOnPath } from '../../../src/checks/kit.ts';
export { asMismatch, findOnPath };

export type { Ctx } from './mistakes.ts';
export type TranscriptOf = (left: Text, right: Text) => Transcript;

export const who = {
  checker: text('checker (client)', '검사기 (클라이언트)'),
  server: text('your server', '내 서버'),
  fetch: text('fetch', 'fetch'),
  strict: text("the checker's strict reader", '검사기의 엄격한 파서'),
  solution: text('reference solution', '참고 답안'),
};


/** "GET /hello?name=x" from a request's bytes: its line without the version. */
export function requestLineOf(bytes: Buffer): string {
  const line = bytes.subarray(0, Math.max(0, bytes.indexOf('\r\n'))).toString('latin1');
  const shown = line.replace(/ HTTP\/1\.[01]$/, '');
  return shown.length > 80 ? `${shown.slice(0, 60)}… (${line.length} B)` : shown;
}

// ─── reading a response strictly ─────────────────────────────────────────────────────

type ReadResult = { ok: true; res: Response } | { ok: false; failure: FailureDetails };

/**
 * Reads one response: the head up to its blank line (a bare "\n\n" is read as an LF-only head,
 * to name it), then exactly Content-Length bytes.
 */
export async function readResponse(ctx: Ctx, peer: PeerSocket, req: string, ms: number, server?: StartedServer): Promise<ReadResult> {
  const headEnd = () => {
    const buf = peer.unread();
    const crlf = buf.indexOf('\r\n\r\n');
    const lf = buf.indexOf('\n\n');
    if (lf !== -1 && (crlf === -1 || lf < crlf)) return { at: lf, sep: 2 };
    return crlf === -1 ? undefined : { at: crlf, sep: 4 };
  };
  await peer.waitFor(() => headEnd() !== undefined || peer.closed !== undefined, ms);
  const end = headEnd();
  if (!end) {
    const partial = peer.unread();
    const start = partial.subarray(0, 5).toString('latin1');
    if (partial.length > 0 && !'HTTP/'.startsWith(start)) {
      const line = partial.toString('utf8').split('\n')[0]!;
      return { ok: false, failure: ctx.mistake('bad-status-line', { vars: { line: quoted(line, 80) }, actual: quoted(partial.toString('utf8'), 200) }) };
    }
    if (peer.closed === undefined) {
      return { ok: false, failure: ctx.mistake('no-response', { vars: { req, ms }, actual: partial.length ? quoted(partial.toString('utf8'), 200) : text('nothing', '아무것도 없음') }) };
    }
    return { ok: false, failure: await closedFailure(ctx, req, peer, partial, server) };
  }
  const head = peer.unread().subarray(0, end.at).toString('latin1');
  await peer.readBytes(end.at + end.sep, 10);
  const parsed = parseResponseHead(head);
  const shownHead = quoted(Buffer.from(head, 'latin1').toString('utf8'), 300);
  if ('problem' in parsed) {
    const vars = { client: who.strict, req, line: quoted(parsed.detail, 80), code: parsed.detail.slice(0, 60) };
    return { ok: false, failure: ctx.mistake(parsed.problem, { vars, actual: shownHead }) };
  }
  const body = await peer.readBytes(parsed.length, ms);
  if (!body.ok) {
    if (body.reason === 'closed' && server?.program.done) return { ok: false, failure: await closedFailure(ctx, req, peer, body.partial, server) };
    return {
      ok: false,
      failure: ctx.mistake('content-length-wrong', {
        vars: { req, got: parsed.length, sent: fill(text('only {n} bytes of body came', '본문이 {n}바이트만 왔습니다'), { n: body.partial.length }) },
        actual: shownHead,
      }),
    };
  }
  return { ok: true, res: { status: parsed.status, headers: parsed.headers, body: Buffer.from(body.value), head } };
}

async function closedFailure(ctx: Ctx, req: string, peer: PeerSocket, partial: Buffer, server?: StartedServer): Promise<FailureDetails> {
  if (server) await server.program.waitExit(300);
  if (server?.program.done) return ctx.mistake('server-crashed', { vars: { req, how: describeExit(server.program.exitInfo!) }, actual: server.program.stderr().slice(-600) || undefined });
  return ctx.mistake('closed-without-response', { vars: { req, how: (peer.closed ?? 'fin').toUpperCase() }, actual: partial.length ? quoted(partial.toString('utf8'), 200) : text('nothing', '아무것도 없음') });
}

// ─── judging a response against the model ────────────────────────────────────────────

function normType(t: string | undefined): string {
  return (t ?? '').toLowerCase().replace(/\s+/g, '');
}

function safeDecode(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

/** What is wrong with `res` as the answer to `req` (its request line), or undefined. */
export function judge(ctx: Ctx, req: string, res: Response, exp: Expected): FailureDetails | undefined {
  if (res.status !== exp.status) {
    const actual = quoted(res.head, 300);
    if (exp.badLength !== undefined) return ctx.mistake('content-length-not-digits', { vars: { req, value: exp.badLength, got: res.status }, actual });
    if (exp.headBytes !== undefined && (exp.status === 431 || res.status === 431)) {
      return ctx.mistake('head-limit-wrong', { vars: { size: exp.headBytes, got: res.status, want: exp.status }, actual });
    }
    return ctx.mistake('wrong-status', { vars: { req, got: res.status, want: exp.status }, actual });
  }
  if (exp.allow && !(res.headers.get('allow') ?? '').toUpperCase().split(/\s*,\s*/).includes(exp.allow)) {
    return ctx.mistake('missing-allow', { vars: { req, want: exp.allow }, actual: quoted(res.head, 300) });
  }
  if (exp.type && normType(res.headers.get('content-type')) !== normType(exp.type)) {
    return ctx.mistake('wrong-content-type', { vars: { req, got: quoted(res.headers.get('content-type') ?? '(none)'), want: quoted(exp.type) } });
  }
  if (exp.body && !res.body.equals(exp.body)) {
    const want = exp.body;
    const cl = Number(res.headers.get('content-length') ?? res.body.length);
    const chars = want.toString('utf8').length;
    if (cl < want.length && cl === chars && want.subarray(0, cl).equals(res.body)) {
      return ctx.mistake('content-length-in-characters', { vars: { req, got: cl, bytes: want.length }, expected: quoted(want.toString('utf8'), 200), actual: quoted(res.body.toString('utf8'), 200) });
    }
    const shown = { expected: quoted(want.toString('utf8'), 300), actual: quoted(res.body.toString('utf8'), 300) };
    if (req.startsWith('POST /echo')) {
      const what = res.body.length !== want.length
        ? fill(text('{got} bytes instead of {n}', '{n}바이트가 아니라 {got}바이트'), { got: res.body.length, n: want.length })
        : fill(text('first difference at byte {at}', '{at}번째 바이트부터 다름'), { at: [...want].findIndex((b, i) => res.body[i] !== b) });
      return ctx.mistake('echo-not-byte-exact', { vars: { n: want.length, what }, ...shown });
    }
    const hello = /^GET \/hello\?(.*)$/.exec(req);
    const raw = hello ? /(?:^|&)name=([^&]*)/.exec(hello[1]!)?.[1] : undefined;
    if (raw !== undefined) {
      const got = res.body.toString('utf8');
      const vars = { raw: quoted(raw), got: quoted(got) };
      if (got === `Hello, ${raw}!` && raw !== new URLSearchParams(`name=${raw}`).get('name')) return ctx.mistake('not-percent-decoded', { vars, ...shown });
      if (raw.includes('+') && got === `Hello, ${safeDecode(raw)}!`) return ctx.mistake('plus-not-space', { vars, ...shown });
    }
    return ctx.mistake('wrong-body', { vars: { req }, ...shown });
  }
  return undefined;
}

// ─── a raw exchange: bytes in, the model's responses out ─────────────────────────────

export interface RawPlay {
  bytes: Buffer;
  cuts?: number[];
  gapMs?: number;
  /** After the model's responses to a kept-open connection, how long no more bytes may come. */
  quietMs?: number;
}

/**
 * Sends `bytes` (cut at `cuts`) on a new connection and holds every response to the model,
 * the close after the last one too. Resolves with the first thing wrong, or undefined.
 */
export async function playRaw(ctx: Ctx, server: StartedServer, p: RawPlay, transcript: TranscriptOf): Promise<FailureDetails | undefined> {
  const peer = await ctx.connect(server.port, transcript(who.checker, who.server));
  try {
    await peer.sendSplitAt(p.bytes, p.cuts ?? [], p.gapMs ?? 5);
    const expected = serverModel(p.bytes);
    // The request line each response answers, in order.
    const lines: string[] = [];
    let rest = p.bytes;
    for (const e of expected) {
      lines.push(requestLineOf(rest));
      const end = rest.indexOf('\r\n\r\n');
      const cl = /\r\ncontent-length:\s*(\d+)\r\n/i.exec(`${rest.subarray(0, end + 2).toString('latin1')}`);
      rest = e.close ? Buffer.alloc(0) : rest.subarray(end + 4 + (cl ? Number(cl[1]) : 0));
    }
    for (const [i, e] of expected.entries()) {
      const req = lines[i]!;
      const r = await readResponse(ctx, peer, req, 2500, server);
      if (!r.ok) {
        // A server that took "1e2" for a length waits for 100 bytes of body that are not coming.
        if (r.failure.reason === 'no-response' && e.badLength !== undefined) {
          return ctx.mistake('content-length-not-digits', { vars: { req, value: e.badLength, got: text('no answer in 2500 ms (waiting for a body?)', '2500ms 동안 응답 없음(본문을 기다리나요?)') } });
        }
        return r.failure;
      }
      const wrong = judge(ctx, req, r.res, e);
      if (wrong) return wrong;
      if (e.close) {
        const how = await peer.waitClosed(1500);
        if (how === 'timeout') return ctx.mistake('connection-not-closed', { vars: { req, ms: 1500 } });
        if (!/(^|,)\s*close\s*(,|$)/i.test(r.res.headers.get('connection') ?? '')) return ctx.mistake('no-connection-close-header', { vars: { req }, actual: quoted(r.res.head, 300) });
      }
    }
    const last = expected.at(-1);
    if (p.quietMs && !last?.close) await peer.waitFor(() => peer.unread().length > 0, p.quietMs);
    const extra = peer.unread();
    if (extra.length > 0) return ctx.mistake('extra-bytes', { vars: { n: extra.length, bytes: quoted(extra.toString('utf8'), 120) } });
    if (server.program.done) return ctx.mistake('server-crashed', { vars: { req: lines.at(-1) ?? requestLineOf(p.bytes), how: describeExit(server.program.exitInfo!) } });
    return undefined;
  } finally {
    peer.destroy();
  }
}

export async function expectRaw(ctx: Ctx, server: StartedServer, p: RawPlay): Promise<void> {
  const wrong = await playRaw(ctx, server, p, (l, r) => ctx.transcript(l, r));
  if (wrong) ctx.fail(wrong);
}

/**
 * Keep-alive: the first request and its response, 300 ms with the connection open, then the
 * second (with Connection: close) on the same connection, its response and the close.
 */
export async function expectKeepAlive(ctx: Ctx, server: StartedServer, first: Buffer, second: Buffer): Promise<void> {
  const peer = await ctx.connect(server.port, ctx.transcript(who.checker, who.server));
  try {
    for (const [i, bytes] of [first, second].entries()) {
      if (i > 0) await sleep(300);
      await peer.send(bytes);
      const req = requestLineOf(bytes);
      const r = await readResponse(ctx, peer, req, 2500, server);
      if (!r.ok) ctx.fail(r.failure);
      const exp = serverModel(bytes)[0]!;
      const wrong = judge(ctx, req, r.res, exp);
      if (wrong) ctx.fail(wrong);
      if (exp.close) {
        if ((await peer.waitClosed(1500)) === 'timeout') ctx.fail('connection-not-closed', { vars: { req, ms: 1500 } });
        if (!/(^|,)\s*close\s*(,|$)/i.test(r.res.headers.get('connection') ?? '')) ctx.fail('no-connection-close-header', { vars: { req }, actual: quoted(r.res.head, 300) });
      }
    }
  } finally {
    peer.destroy();
  }
}

// ─── fetch: the ground truth ─────────────────────────────────────────────────────────

export type FetchOutcome = { ok: true; res: Response } | { ok: false; code: string; message: string };

export async function fetchOnce(url: string, init: RequestInit = {}, ms = 3000): Promise<FetchOutcome> {
  try {
    const r = await fetch(url, { ...init, signal: AbortSignal.timeout(ms) });
    const body = Buffer.from(await r.arrayBuffer());
    const headers = new Map<string, string>();
    r.headers.forEach((v, k) => headers.set(k, v));
    const head = [`HTTP/1.1 ${r.status} ${r.statusText}`, ...[...headers].map(([k, v]) => `${k}: ${v}`)].join('\r\n');
    return { ok: true, res: { status: r.status, headers, body, head } };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    return { ok: false, code: e.cause?.code ?? e.name, message: e.cause?.message ?? e.message };
  }
}

/**
 * fetch(url, init) must give the model's answer to `raw` (the same request as bytes). When
 * fetch fails, the same bytes on a raw socket say why (and draw the exchange).
 */
export async function expectFetch(ctx: Ctx, server: StartedServer, o: { path: string; init?: RequestInit; raw: Buffer }): Promise<Response> {
  const url = `http://127.0.0.1:${server.port}${o.path}`;
  const req = requestLineOf(o.raw);
  const exp = serverModel(o.raw)[0]!;
  const f = await fetchOnce(url, o.init);
  if (!f.ok) {
    await server.program.waitExit(300);
    if (server.program.done) ctx.fail('server-crashed', { vars: { req, how: describeExit(server.program.exitInfo!) }, actual: server.program.stderr().slice(-600) || undefined });
    const why = await playRaw(ctx, server, { bytes: o.raw, quietMs: 100 }, (l, r) => ctx.transcript(l, r));
    if (why) {
      ctx.note(fill(text('fetch failed: {code} ({message}); the same request on a raw socket shows why.', 'fetch가 실패했습니다: {code}({message}). 같은 요청을 raw 소켓으로 보내 보면 이유가 보입니다.'), { code: f.code, message: f.message }));
      const named = why.reason === 'lf-only-line-endings' || why.reason === 'malformed-response' ? ctx.mistake(why.reason, { vars: { client: who.fetch, code: f.code }, actual: why.actual }) : why;
      ctx.fail(named);
    }
    ctx.fail('malformed-response', { vars: { client: who.fetch, code: `${f.code}: ${f.message}` } });
  }
  const wrong = judge(ctx, req, f.res, exp);
  if (wrong) ctx.fail(wrong);
  return f.res;
}

// ─── curl: lenient ───────────────────────────────────────────────────────────────────


const CURL_EXIT: Record<number, string> = {
  1: 'not HTTP (HTTP/0.9, or an unsupported protocol)',
  7: 'could not connect',
  8: 'weird server reply',
  18: 'the body was shorter than Content-Length',
  28: 'timed out',
  52: 'empty reply from server',
  56: 'failure receiving data',
};

export interface CurlRun {
  args: string[];
  /** What curl printed: the body, then "\n" and the status code (-w). */
  body: string;
  status: number;
}

/** Runs curl (the checker's client, in its own box) and fails with what its exit code means. */
export async function runCurl(ctx: Ctx, args: string[], shown: string): Promise<CurlRun> {
  const curl = findOnPath('curl', '/usr/bin/curl');
  if (!curl) ctx.missingTool(text('curl is not installed here; the curl check is skipped (Debian/Ubuntu: apt-get install curl).', '이 컴퓨터에 curl이 없어 curl 검사는 건너뜁니다(Debian/Ubuntu: apt-get install curl).'));
  const program = ctx.startExternal({ label: text('curl', 'curl'), command: curl, args: ['-sS', '--http1.1', '-m', '3', '-o', '-', '-w', '\n%{http_code}', ...args] });
  const exit = await program.waitExit(6000);
  if (!exit || exit.code !== 0) {
    const code = exit ? String(exit.code) : 'timeout';
    ctx.fail('curl-failed', { vars: { args: shown, code, meaning: CURL_EXIT[Number(code)] ?? program.stderr().trim().slice(0, 120) }, actual: program.stderr().trim().slice(0, 300) || undefined });
  }
  const out = program.stdout();
  const nl = out.lastIndexOf('\n');
  return { args, body: out.slice(0, nl), status: Number(out.slice(nl + 1)) };
}

/** curl then fetch on the same request: curl must read the model's answer, and fetch must too. */
export async function curlThenFetch(ctx: Ctx, server: StartedServer, o: { curlArgs: string[]; shown: string; path: string; init?: RequestInit; raw: Buffer }): Promise<void> {
  const exp = serverModel(o.raw)[0]!;
  const want = `${exp.body!.toString('utf8')} (${exp.status})`;
  const c = await runCurl(ctx, [...o.curlArgs, `http://127.0.0.1:${server.port}${o.path}`], o.shown);
  const got = `${c.body} (${c.status})`;
  if (got !== want) ctx.fail('curl-wrong-answer', { vars: { args: o.shown, got: quoted(got, 200), want: quoted(want, 200) } });
  const f = await fetchOnce(`http://127.0.0.1:${server.port}${o.path}`, o.init);
  if (!f.ok) {
    const why = await playRaw(ctx, server, { bytes: o.raw }, (l, r) => ctx.transcript(l, r));
    if (why) ctx.note(fill(text("What the checker's strict reader found in the same response: {what}", '검사기의 엄격한 파서가 같은 응답에서 찾은 것: {what}'), { what: why.summary }));
    ctx.fail('only-curl-accepts', { vars: { req: requestLineOf(o.raw), err: `${f.code} (${f.message})` } });
  }
  const wrong = judge(ctx, requestLineOf(o.raw), f.res, exp);
  if (wrong) ctx.fail(wrong);
}

// ─── Chromium ────────────────────────────────────────────────────────────────────────

export const BROWSER_NAME = '파이썬 & <b>준비</b>';

export async function browserForm(ctx: Ctx, server: StartedServer): Promise<void> {
  const chromiumPath = process.env.CHROMIUM_PATH ?? findOnPath('chromium', '/usr/bin/chromium');
  if (!chromiumPath || !fs.existsSync(chromiumPath)) {
    ctx.missingTool(text('Chromium is not installed here; the browser check is skipped (Debian/Ubuntu: apt-get install chromium).', '이 컴퓨터에 Chromium이 없어 브라우저 검사는 건너뜁니다(Debian/Ubuntu: apt-get install chromium).'));
  }
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    timeout: 10000,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const base = `http://127.0.0.1:${server.port}`;
  let step: Text = text('load the page', '페이지를 불러오지');
  const fail = (err: unknown): never => ctx.fail('browser-failed', { vars: { step, err: String((err as Error).message ?? err).split('\n')[0]!.slice(0, 200) } });
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(4000);
    const r = await page.goto(`${base}/`).catch(fail);
    if (!r || r.status() !== 200) fail(`status ${r?.status()}`);
    const h1 = await page.textContent('h1').catch(fail);
    if (h1 !== '안녕, HTTP') fail(`<h1> is ${JSON.stringify(h1)}, not "안녕, HTTP"`);
    step = text('fill in and submit the form', '폼을 채워 보내지');
    await page.fill('input[name=name]', BROWSER_NAME).catch(fail);
    const [answer] = await Promise.all([page.waitForResponse((x) => x.url() === `${base}/form`).catch(fail), page.click('button[type=submit]').catch(fail)]);
    if (answer.status() !== 200) fail(`POST /form answered ${answer.status()}`);
    await page.waitForURL(`${base}/form`).catch(fail);
    step = text('show the greeting', '인사말을 보여 주지');
    const greeting = await page.textContent('#greeting').catch(fail);
    const want = `Hello, ${BROWSER_NAME}!`;
    if (greeting !== want) {
      const bold = await page.$('#greeting b');
      if (bold) ctx.fail('form-not-escaped', { vars: { got: quoted(greeting ?? '') }, expected: quoted(want) });
      ctx.fail('wrong-body', { vars: { req: 'POST /form' }, expected: quoted(formPage(BROWSER_NAME), 300), actual: quoted(greeting ?? '(no #greeting)', 300) });
    }
  } finally {
    await browser.close().catch(() => undefined);
  }
}

// ─── load: a figure, not a pass mark ─────────────────────────────────────────────────

interface AutocannonResult {
  requests: { average: number; total: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
}
type Autocannon = (o: { url: string; connections: number; duration: number; timeout: number }) => Promise<AutocannonResult>;

const LOAD = { connections: 4, duration: 1 };

async function measure(port: number): Promise<AutocannonResult> {
  const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
  return autocannon({ url: `http://127.0.0.1:${port}/hello?name=load`, connections: LOAD.connections, duration: LOAD.duration, timeout: 2 });
}

export const SOLUTION = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../solutions/lesson-13-http-from-scratch/server.ts');

export async function underLoad(ctx: Ctx, server: StartedServer, raw: Buffer): Promise<void> {
  // One request first: a server that cannot answer at all fails here, at once, with its reason.
  await expectFetch(ctx, server, { path: '/hello?name=load', raw });
  // The reference solution starts (and sits idle) while yours is measured: not part of its figure.
  const solution = fs.existsSync(SOLUTION) ? await ctx.startCourseProgram(SOLUTION, { label: who.solution, env: { HOST: '127.0.0.1', PORT: '0' } }) : undefined;
  const mine = await measure(server.port);
  let ref: AutocannonResult | undefined;
  if (solution) {
    const l = await solution.waitListening('tcp', 8000);
    if (l !== 'timeout' && 'proto' in l) ref = await measure(l.port);
    await solution.kill();
  }
  const rps = (r: AutocannonResult) => Math.round(r.requests.average);
  ctx.figure(
    fill(
      text(
        'Requests per second (autocannon, {c} connections, {s} s each, GET /hello): your server {mine}, the reference solution {ref}. A figure, not a pass mark.',
        '초당 요청 수(autocannon, 연결 {c}개, 각 {s}초, GET /hello): 내 서버 {mine}, 참고 답안 {ref}. 합격 기준이 아니라 참고 수치입니다.',
      ),
      { c: LOAD.connections, s: LOAD.duration, mine: rps(mine), ref: ref ? rps(ref) : text('(not here)', '(없음)') },
    ),
  );
  const bad = mine.errors + mine.timeouts + mine.non2xx;
  if (bad > 0 || mine['2xx'] === 0) {
    ctx.fail('errors-under-load', {
      vars: {
        c: LOAD.connections,
        bad,
        total: mine['2xx'] + bad,
        detail: fill(text('{e} errors, {t} timeouts, {n} non-2xx', '오류 {e}, 시간 초과 {t}, 2xx 아님 {n}'), { e: mine.errors, t: mine.timeouts, n: mine.non2xx }),
      },
    });
  }
}
