/**
 * Lesson 13 — hidden checks for the HTTP/1.1 server on node:net. Real clients judge it: Node's
 * fetch (strict: the ground truth), curl (lenient: what only curl accepts fails), headless
 * Chromium (a page and a form), autocannon (a load figure beside the reference solution's),
 * and the checker's own strict reader on raw sockets for what clients hide: requests cut
 * anywhere, pipelining, closes. The steps are in steps.ts, the protocol model and its
 * generated exchanges in model.ts, the words of every failure in mistakes.ts.
 */
import { text } from '../../../src/checks/kit.ts';
import { defineChecks } from '../../../src/checks/scenario.ts';
import { checkGenerated } from '../../../src/checks/generate.ts';
import { mistakes } from './mistakes.ts';
import { caseBytes, describeCase, exchangeCases, exchangeExamples } from './model.ts';
import { asMismatch, browserForm, curlThenFetch, expectFetch, expectKeepAlive, expectRaw, playRaw, underLoad } from './steps.ts';
import type { StartedServer } from '../../../src/checks/kit.ts';

const get = (target: string, headers: string[] = []) => Buffer.from([`GET ${target} HTTP/1.1`, 'Host: 127.0.0.1', ...headers, '', ''].join('\r\n'));
const post = (target: string, body: Buffer, headers: string[] = []) =>
  Buffer.concat([Buffer.from([`POST ${target} HTTP/1.1`, 'Host: 127.0.0.1', `Content-Length: ${body.length}`, ...headers, '', ''].join('\r\n')), body]);

/** 100 KB that are not UTF-8 text: every byte value, in a fixed shuffle. */
const BIG_BODY = Buffer.from(Array.from({ length: 100 * 1024 }, (_, i) => (i * 167 + (i >> 8)) & 0xff));

export default defineChecks({
  mistakes,
  scenarios: [
    {
      id: 'fetch-page',
      title: text('fetch GET / → 200, text/html; charset=utf-8, the page byte for byte (Content-Length in bytes)', 'fetch GET / → 200, text/html; charset=utf-8, 페이지 바이트 그대로(Content-Length는 바이트 수)'),
      async run(ctx) {
        const server = await ctx.startServer();
        // The model's answer to GET / is PAGE, byte for byte (model.ts).
        await expectFetch(ctx, server, { path: '/', raw: get('/') });
      },
    },
    {
      id: 'fetch-hello-percent-decoded',
      title: text(
        'fetch GET /hello?name=… → "Hello, <name>!": %ED%8C%8C%EC%9D%B4%EC%8D%AC is 파이썬, "+" is a space, %2B a "+", a bad "%zz" stays, no name is "world"',
        'fetch GET /hello?name=… → "Hello, <name>!": %ED%8C%8C%EC%9D%B4%EC%8D%AC는 파이썬, "+"는 공백, %2B는 "+", 잘못된 "%zz"는 그대로, 이름이 없으면 "world"',
      ),
      async run(ctx) {
        const server = await ctx.startServer();
        for (const target of ['/hello?name=%ED%8C%8C%EC%9D%B4%EC%8D%AC', '/hello?name=a+b%2Bc%26d', '/hello?name=100%zz', '/hello']) {
          await expectFetch(ctx, server, { path: target, raw: get(target) });
        }
      },
    },
    {
      id: 'fetch-echo-100k',
      title: text('fetch POST /echo with 100 KB of bytes that are not text → the same bytes back (the body arrives in many chunks)', 'fetch POST /echo, 글자가 아닌 100KB 바이트 → 같은 바이트가 그대로(본문은 여러 덩어리로 도착)'),
      async run(ctx) {
        const server = await ctx.startServer();
        await expectFetch(ctx, server, {
          path: '/echo',
          init: { method: 'POST', body: BIG_BODY, headers: { 'content-type': 'application/octet-stream' } },
          raw: post('/echo', BIG_BODY, ['Content-Type: application/octet-stream']),
        });
      },
    },
    {
      id: 'head-split-anywhere',
      title: text('raw socket: "GET / HTTP/1.1\\r\\nHost: x\\r" | "\\n\\r" | "\\n" (cut inside \\r\\n\\r\\n) → 200, as in one write', 'raw 소켓: "GET / HTTP/1.1\\r\\nHost: x\\r" | "\\n\\r" | "\\n"(\\r\\n\\r\\n 가운데서 잘림) → 한 번에 보낸 것처럼 200'),
      async run(ctx) {
        const server = await ctx.startServer();
        const bytes = Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
        await expectRaw(ctx, server, { bytes, quietMs: 100 });
        const cuts = [bytes.length - 3, bytes.length - 1];
        const wrong = await playRaw(ctx, server, { bytes, cuts, gapMs: 150, quietMs: 100 }, (l, r) => ctx.transcript(l, r));
        if (wrong) ctx.fail('request-in-pieces', { vars: { req: 'GET /', n: cuts.length + 1, what: wrong.summary }, actual: wrong.actual });
      },
    },
    {
      id: 'body-in-pieces',
      title: text('raw socket: POST /echo ("content-length" in lower case), 3000 bytes in 10 writes, cut inside UTF-8 characters → byte-exact echo', 'raw 소켓: POST /echo("content-length" 소문자), 3000바이트를 10번의 write로, UTF-8 글자 가운데서 잘림 → 바이트 그대로 에코'),
      async run(ctx) {
        const server = await ctx.startServer();
        const body = Buffer.concat([Buffer.from('안녕 파이썬 '.repeat(150)), Buffer.from([0xff, 0xfe, 0x00, 0xc3])]).subarray(0, 3000);
        const head = Buffer.from(`POST /echo HTTP/1.1\r\nHost: x\r\ncontent-length: ${body.length}\r\n\r\n`);
        const bytes = Buffer.concat([head, body]);
        const cuts = [20, head.length + 1, ...Array.from({ length: 8 }, (_, i) => head.length + 300 * (i + 1) + 1)];
        const wrong = await playRaw(ctx, server, { bytes, cuts, gapMs: 40, quietMs: 100 }, (l, r) => ctx.transcript(l, r));
        if (wrong?.reason === 'echo-not-byte-exact' || wrong?.reason === 'content-length-wrong') {
          const got = Number(/(\d+) bytes instead/.exec(wrong.summary.en)?.[1] ?? -1);
          if (got >= 0 && got < body.length) ctx.fail('body-not-waited', { vars: { n: body.length, got }, actual: wrong.actual });
        }
        if (wrong) ctx.fail(wrong);
      },
    },
    {
      id: 'status-codes',
      title: text(
        '404 for an unknown path, 405 with Allow for a known path and another method, then 400 (HELLO, a header without ":", Content-Length: abc), 411, 413, 431, 501: each answered and closed',
        '모르는 경로는 404, 아는 경로에 다른 메서드는 Allow와 함께 405, 그리고 400(HELLO, ":" 없는 헤더, Content-Length: abc), 411, 413, 431, 501: 각각 답하고 닫기',
      ),
      async run(ctx) {
        const server = await ctx.startServer();
        const cases: Buffer[] = [
          get('/nope'),
          post('/', Buffer.from('name=ab')),
          get('/echo'),
          Buffer.from('HELLO\r\n\r\n'),
          Buffer.from('GET / HTTP/1.1\r\nNoColonHere\r\n\r\n'),
          Buffer.from('POST /echo HTTP/1.1\r\nContent-Length: abc\r\n\r\n'),
          Buffer.from('POST /echo HTTP/1.1\r\nHost: x\r\n\r\n'),
          Buffer.from('POST /echo HTTP/1.1\r\nContent-Length: 2000000\r\n\r\n'),
          Buffer.from(`GET /hello?name=${'a'.repeat(9000)} HTTP/1.1\r\n\r\n`),
          Buffer.from('POST /echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n'),
        ];
        for (const bytes of cases) await expectRaw(ctx, server, { bytes, quietMs: 50 });
      },
    },
    {
      id: 'pipelined-and-close',
      title: text(
        'keep-alive: a second request 300 ms after the first, on the same connection; then three requests in ONE write (the last with Connection: close) → three responses in order, "Connection: close", FIN',
        'keep-alive: 같은 연결에서 첫 요청 300ms 뒤 두 번째 요청, 그다음 요청 셋을 한 번의 write로(마지막은 Connection: close) → 순서대로 응답 셋, "Connection: close", FIN',
      ),
      async run(ctx) {
        const server = await ctx.startServer();
        const first = get('/hello?name=one');
        const second = get('/hello?name=two', ['Connection: close']);
        await expectKeepAlive(ctx, server, first, second);
        const three = Buffer.concat([get('/hello?name=%ED%95%98%EB%82%98'), post('/echo', Buffer.from('둘')), get('/', ['Connection: close'])]);
        const wrong = await playRaw(ctx, server, { bytes: three }, (l, r) => ctx.transcript(l, r));
        if (wrong) ctx.fail(wrong);
      },
    },
    {
      id: 'curl-and-fetch-agree',
      title: text('curl (lenient) GET /hello and POST /form (--data-urlencode) → right answers; then fetch (strict) must accept the same responses', 'curl(관대함) GET /hello와 POST /form(--data-urlencode) → 맞는 답, 그다음 fetch(엄격함)도 같은 응답을 받아야 함'),
      async run(ctx) {
        const server = await ctx.startServer();
        await curlThenFetch(ctx, server, { curlArgs: [], shown: 'GET /hello?name=%ED%8C%8C%EC%9D%B4%EC%8D%AC', path: '/hello?name=%ED%8C%8C%EC%9D%B4%EC%8D%AC', raw: get('/hello?name=%ED%8C%8C%EC%9D%B4%EC%8D%AC') });
        const form = Buffer.from(new URLSearchParams({ name: '파이썬 & co' }).toString());
        await curlThenFetch(ctx, server, {
          curlArgs: ['--data-urlencode', 'name=파이썬 & co'],
          shown: "--data-urlencode 'name=파이썬 & co' POST /form",
          path: '/form',
          init: { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } },
          raw: post('/form', form, ['Content-Type: application/x-www-form-urlencoded']),
        });
      },
    },
    {
      id: 'browser-form',
      title: text('headless Chromium loads / and submits the form with the name "파이썬 & <b>준비</b>" → the greeting shows it as text', '헤드리스 Chromium이 /를 열고 이름 "파이썬 & <b>준비</b>"로 폼을 보냄 → 인사말에 글자 그대로 보임'),
      limitMs: 25000,
      run: async (ctx) => browserForm(ctx, await ctx.startServer()),
    },
    {
      id: 'generated-exchanges',
      title: text(
        'generated: up to four requests pipelined on one connection (edgy names and bodies, header case, 404/405 and HEAD, bad requests, Content-Length spelled 0x3 or 1e2, heads of 8192 ± 4 bytes, HTTP/1.0), cut at any byte → the model\'s responses, in order, and the close',
        '만들어 낸 사례: 한 연결에 파이프라인으로 요청 최대 넷(까다로운 이름과 본문, 헤더 대소문자, 404/405와 HEAD, 잘못된 요청, 0x3이나 1e2로 쓴 Content-Length, 8192 ± 4바이트 헤드, HTTP/1.0), 아무 바이트에서나 잘림 → 모델의 응답이 순서대로, 그리고 닫기',
      ),
      limitMs: 25000,
      async run(ctx) {
        let server = await ctx.startServer();
        const live = async (): Promise<StartedServer> => (server.program.done ? (server = await ctx.startServer()) : server);
        await checkGenerated(ctx, {
          cases: exchangeCases,
          examples: exchangeExamples,
          run: async (c, transcript) => asMismatch(async () => {
            const wrong = await playRaw(ctx, await live(), { bytes: caseBytes(c), cuts: c.cuts, gapMs: 5, quietMs: 30 }, transcript);
            if (wrong) ctx.fail(wrong);
          }),
          describe: describeCase,
          runs: 30,
          ms: 5000,
        });
      },
    },
    {
      id: 'under-load',
      title: text('under load: autocannon, 4 connections for 1 s → every response 200 (requests per second shown beside the reference solution\'s)', '부하: autocannon 연결 4개로 1초 → 모든 응답이 200(초당 요청 수를 참고 답안과 나란히 보여 줌)'),
      timing: true,
      limitMs: 25000,
      run: async (ctx) => underLoad(ctx, await ctx.startServer(), get('/hello?name=load')),
    },
  ],
});
