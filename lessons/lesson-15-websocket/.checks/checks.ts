/**
 * Lesson 15 — hidden checks for the WebSocket echo server on node:net. Real clients judge it:
 * the ws package, Node's own WebSocket (a process of its own, with --experimental-websocket on
 * Node 20), headless Chromium with Korean text; and the checker's own strict reader on raw
 * sockets for what clients hide: the RFC's example key, requests and frames cut anywhere, the
 * Autobahn-style broken rules and their close codes, the 1 MiB limit. The steps are in steps.ts,
 * the protocol model and its generated cases in model.ts, the words of every failure in
 * mistakes.ts.
 */
import { text } from '../../../src/checks/kit.ts';
import { defineChecks } from '../../../src/checks/scenario.ts';
import { checkGenerated } from '../../../src/checks/generate.ts';
import type { StartedServer } from '../../../src/checks/kit.ts';
import { mistakes } from './mistakes.ts';
import { closePayload, describeCase, encodeClient, frame, frameCases, frameExamples, MAX_MESSAGE, OP, RFC_ACCEPT, RFC_KEY, upgradeRequest, type ClientFrame, type FrameCase } from './model.ts';
import { asMismatch, browserKorean, exchange, expectAnswer, expectCase, expectRefusal, nodeWebSocket, open, openWs, playCut, sleep, who, wsNext, wsOpen, type WsClient } from './steps.ts';

const bytesOf = (n: number, seed = 0) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 31 + seed + (i >> 8)) & 0xff));

/** A request head from its lines (the request line first). */
const head = (lines: string[]) => Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
const KEY = 'x3JJHMbDL1EzLkh9GBhXDw==';
const GOOD = ['Host: 127.0.0.1', 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Key: ${KEY}`, 'Sec-WebSocket-Version: 13'];
const without = (name: string, extra: string[] = []) => [...GOOD.filter((l) => !l.startsWith(name)), ...extra];

/** One case per broken rule: a valid message before (answered), the broken frame, one after (ignored). */
const BROKEN: Array<[string, ClientFrame[]]> = [
  ['unmasked', [frame(OP.text, 'no mask', { mask: undefined })]],
  ['RSV1', [frame(OP.text, 'rsv1', { rsv: 0x40 })]],
  ['RSV2', [frame(OP.binary, 'rsv2', { rsv: 0x20 })]],
  ['RSV3', [frame(OP.ping, 'rsv3', { rsv: 0x10 })]],
  ['opcode 3', [frame(0x3, 'three')]],
  ['opcode 0xB', [frame(0xb, 'eleven')]],
  ['ping 126 B', [frame(OP.ping, 'p'.repeat(126))]],
  ['ping FIN=0', [frame(OP.ping, 'half', { fin: false })]],
  ['close FIN=0', [frame(OP.close, closePayload(1000), { fin: false })]],
  ['continuation first', [frame(OP.continuation, 'orphan')]],
  ['text during a message', [frame(OP.text, 'one', { fin: false }), frame(OP.text, 'two')]],
  ['close 1 byte', [frame(OP.close, Buffer.from([0x03]))]],
  ['close 1005', [frame(OP.close, closePayload(1005))]],
  ['close 999', [frame(OP.close, closePayload(999))]],
  ['close 2000', [frame(OP.close, closePayload(2000))]],
  ['close 5000', [frame(OP.close, closePayload(5000))]],
  ['UTF-8 FF', [frame(OP.text, Buffer.from([0x61, 0xff, 0x62]))]],
  ['UTF-8 surrogate', [frame(OP.text, Buffer.from([0xed, 0xa0, 0x80]))]],
  ['UTF-8 overlong', [frame(OP.text, Buffer.from([0xc0, 0xaf]))]],
  ['UTF-8 above U+10FFFF', [frame(OP.text, Buffer.from([0xf4, 0x90, 0x80, 0x80]))]],
  ['UTF-8 cut off at the end', [frame(OP.text, Buffer.from('안녕').subarray(0, 5))]],
  ['UTF-8 bad in the 2nd fragment', [frame(OP.text, 'ok ', { fin: false }), frame(OP.continuation, Buffer.from([0xce, 0xba, 0xed, 0xa0, 0x80]))]],
  ['close reason not UTF-8', [frame(OP.close, closePayload(1000, Buffer.from([0xff, 0xfe])))]],
];

/** ws sends; the next event must be the echo. */
async function wsEcho(ctx: Parameters<typeof wsNext>[0], server: StartedServer, c: WsClient, at: number, data: string | Buffer, binary: boolean): Promise<void> {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  c.ws.send(bytes, { binary });
  const want = binary ? bytes : Buffer.concat([Buffer.from('echo:'), bytes]);
  const step = text(`get the echo of a ${bytes.length}-byte ${binary ? 'binary' : 'text'} message`, `${bytes.length}바이트 ${binary ? '바이너리' : '텍스트'} 메시지의 에코를 받지`);
  await wsNext(ctx, server, c, at, { kind: 'message', data: want, binary }, step, [frame(binary ? OP.binary : OP.text, bytes)]);
}

export default defineChecks({
  mistakes,
  scenarios: [
    {
      id: 'handshake-rfc-key',
      title: text(
        `raw socket: the RFC 6455 example key ${RFC_KEY} → 101 with Sec-WebSocket-Accept ${RFC_ACCEPT}, permessage-deflate declined; then header names in lower case and "Connection: keep-alive, Upgrade"`,
        `raw 소켓: RFC 6455 예제 키 ${RFC_KEY} → Sec-WebSocket-Accept ${RFC_ACCEPT}인 101, permessage-deflate는 거절; 그다음 소문자 헤더 이름과 "Connection: keep-alive, Upgrade"`,
      ),
      async run(ctx) {
        const server = await ctx.startServer();
        const peer = await open(ctx, server, { key: RFC_KEY, request: upgradeRequest(RFC_KEY, { path: '/' }) });
        await exchange(ctx, server, peer, [frame(OP.text, '안녕')]);
        const key = 'AAECAwQFBgcICQoLDA0ODw==';
        const second = await open(ctx, server, { key, request: upgradeRequest(key, { path: '/x?y=1', lower: true, connection: 'keep-alive, Upgrade', extra: ['Origin: http://example.com', 'Sec-WebSocket-Protocol: chat'] }) });
        await exchange(ctx, server, second, [frame(OP.binary, bytesOf(5))]);
      },
    },
    {
      id: 'handshake-in-pieces',
      title: text(
        'raw socket: the upgrade request cut in 4 writes 100 ms apart (inside "\\r\\n\\r\\n") → 101; then a head with two frames (text, ping) in the SAME write → 101, the echo, the pong',
        'raw 소켓: 업그레이드 요청을 100ms 간격의 write 4번으로("\\r\\n\\r\\n" 가운데서도) 자름 → 101; 그다음 헤드와 프레임 둘(텍스트, ping)을 같은 write로 → 101, 에코, pong',
      ),
      async run(ctx) {
        const server = await ctx.startServer();
        const req = upgradeRequest(KEY);
        const cut = await openWs(ctx, server, { key: KEY, request: req, cuts: [7, req.length - 3, req.length - 1], gapMs: 100, transcript: ctx.transcript(who.checker, who.server) });
        if ('failure' in cut) {
          const whole = await openWs(ctx, server, { key: KEY, request: req, transcript: ctx.transcript(who.checker, who.server) });
          if ('peer' in whole) ctx.fail('handshake-in-pieces', { vars: { n: 4 }, actual: cut.failure.summary });
          return ctx.fail(cut.failure);
        }
        await exchange(ctx, server, cut.peer, [frame(OP.text, '조각')]);
        const frames = [frame(OP.text, 'first'), frame(OP.ping, 'x')];
        const peer = await open(ctx, server, { key: KEY, request: req, after: Buffer.concat(frames.map(encodeClient)) });
        const wrong2 = await expectAnswer(ctx, server, peer, frames, { withHead: true });
        if (wrong2) ctx.fail(wrong2);
      },
    },
    {
      id: 'handshake-refused',
      title: text(
        'raw socket: no Upgrade, POST, no key, no "upgrade" token, HTTP/1.0 → 400; version 8 or none → 426 with Sec-WebSocket-Version: 13; a 10 000-byte head → 431; each closed; then an upgrade still works',
        'raw 소켓: Upgrade 없음, POST, 키 없음, "upgrade" 토큰 없음, HTTP/1.0 → 400; 버전 8이나 없음 → Sec-WebSocket-Version: 13과 함께 426; 10 000바이트 헤드 → 431; 각각 닫기; 그다음에도 업그레이드가 됨',
      ),
      async run(ctx) {
        const server = await ctx.startServer();
        const cases: Array<[string, Buffer, number]> = [
          ['GET / without Upgrade', head(['GET / HTTP/1.1', 'Host: 127.0.0.1']), 400],
          ['POST with Upgrade', head(['POST /chat HTTP/1.1', ...GOOD]), 400],
          ['an upgrade without Sec-WebSocket-Key', head(['GET /chat HTTP/1.1', ...without('Sec-WebSocket-Key')]), 400],
          ['"Connection: keep-alive" (no upgrade token)', head(['GET /chat HTTP/1.1', ...without('Connection', ['Connection: keep-alive'])]), 400],
          ['an upgrade in HTTP/1.0', head(['GET /chat HTTP/1.0', ...GOOD]), 400],
          ['Sec-WebSocket-Version: 8', head(['GET /chat HTTP/1.1', ...without('Sec-WebSocket-Version', ['Sec-WebSocket-Version: 8'])]), 426],
          ['an upgrade without Sec-WebSocket-Version', head(['GET /chat HTTP/1.1', ...without('Sec-WebSocket-Version')]), 426],
          ['a head of 10 000 bytes', head(['GET /chat HTTP/1.1', ...GOOD, `X-Padding: ${'p'.repeat(10000 - 200)}`]), 431],
        ];
        for (const [req, bytes, want] of cases) await expectRefusal(ctx, server, req, bytes, want);
        const peer = await open(ctx, server, { key: KEY });
        await exchange(ctx, server, peer, [frame(OP.text, 'still here')]);
      },
    },
    {
      id: 'ws-echo',
      title: text(
        'ws (npm), compression offered: text "안녕", text and binary of 0, 125, 126, 65535, 65536 and 70 000 bytes (7, 16 and 64-bit lengths) echoed; a text message in two fragments with 안 split between them and a ping in the middle; close 1000',
        'ws (npm), 압축 제안: 텍스트 "안녕", 0, 125, 126, 65535, 65536, 70 000바이트 텍스트와 바이너리(7, 16, 64비트 길이) 에코; 안이 둘로 나뉘고 가운데 ping이 낀 두 조각 텍스트 메시지; close 1000',
      ),
      async run(ctx) {
        const server = await ctx.startServer();
        const c = await wsOpen(ctx, server);
        try {
          let at = 1;
          await wsEcho(ctx, server, c, at++, '안녕', false);
          for (const n of [0, 125, 126, 65535, 65536, 70000]) {
            await wsEcho(ctx, server, c, at++, 'w'.repeat(n), false);
            await wsEcho(ctx, server, c, at++, bytesOf(n, n), true);
          }
          const an = Buffer.from('안녕');
          c.ws.send(an.subarray(0, 2), { binary: false, fin: false });
          c.ws.ping('핑');
          c.ws.send(an.subarray(2), { binary: false, fin: true });
          const replay = [frame(OP.text, an.subarray(0, 2), { fin: false }), frame(OP.ping, '핑'), frame(OP.continuation, an.subarray(2))];
          await wsNext(ctx, server, c, at++, { kind: 'pong', data: Buffer.from('핑') }, text('get the pong in the middle of a fragmented message', '조각난 메시지 가운데서 pong을 받지'), replay);
          await wsNext(ctx, server, c, at++, { kind: 'message', data: Buffer.from('echo:안녕'), binary: false }, text('get the echo of a fragmented message', '조각난 메시지의 에코를 받지'), replay);
          c.ws.close(1000, 'done');
          await wsNext(ctx, server, c, at++, { kind: 'close', code: 1000 }, text('close with 1000', '1000으로 닫지'), [frame(OP.close, closePayload(1000, 'done'))]);
        } finally {
          c.dispose();
        }
      },
    },
    {
      id: 'ws-two-clients',
      title: text(
        'ws (npm): two clients send fragmented messages at the same time, their fragments interleaved → each gets its own message back',
        'ws (npm): 두 클라이언트가 동시에 조각난 메시지를 보내고 조각이 서로 엇갈림 → 각자 자기 메시지를 돌려받음',
      ),
      async run(ctx) {
        const server = await ctx.startServer();
        const a = await wsOpen(ctx, server);
        const b = await wsOpen(ctx, server);
        try {
          const ga = Buffer.from('가나다');
          a.ws.send(ga.subarray(0, 4), { binary: false, fin: false });
          await sleep(50);
          b.ws.send(Buffer.from('XYZ'), { binary: true, fin: false });
          await sleep(50);
          a.ws.send(ga.subarray(4), { binary: false, fin: true });
          await sleep(50);
          b.ws.send(Buffer.from('W'), { binary: true, fin: true });
          const ea = await a.next(1, 3000);
          const eb = await b.next(1, 3000);
          const okA = ea.kind === 'message' && ea.data.toString() === 'echo:가나다' && !ea.binary;
          const okB = eb.kind === 'message' && eb.data.toString() === 'XYZW' && eb.binary;
          if (!okA || !okB) {
            // Each alone first: a server that cannot join fragments at all is told so, not this.
            const alone = await playCut(ctx, server, { frames: [frame(OP.text, ga.subarray(0, 4), { fin: false }), frame(OP.continuation, ga.subarray(4))], cuts: [] }, (l, r) => ctx.transcript(l, r));
            if (alone) ctx.fail(alone);
            const shown = (e: typeof ea) => (e.kind === 'message' ? `${e.binary ? 'binary' : 'text'} ${JSON.stringify(e.data.toString())}` : e.kind === 'timeout' ? 'nothing' : e.kind);
            ctx.fail('connections-share-state', { vars: { got: `A: ${shown(ea)}, B: ${shown(eb)}`, want: 'A: text "echo:가나다", B: binary "XYZW"' } });
          }
        } finally {
          a.dispose();
          b.dispose();
        }
      },
    },
    {
      id: 'node-websocket',
      title: text(
        "Node's own WebSocket (a process; --experimental-websocket on Node 20): Korean text and 300 bytes echoed, then an empty close answered with an empty close (code 1005, clean)",
        'Node 자체 WebSocket(별도 프로세스, Node 20에서는 --experimental-websocket): 한국어 텍스트와 300바이트 에코, 그다음 빈 close에 빈 close로 답함(코드 1005, 깔끔하게)',
      ),
      limitMs: 15000,
      run: async (ctx) => nodeWebSocket(ctx, await ctx.startServer()),
    },
    {
      id: 'browser-korean',
      title: text(
        'headless Chromium: a page opens ws://127.0.0.1:<port>/chat, sends Korean text, 6 bytes and 30 000 × "가" (90 000 bytes) → the echoes; close(1000, "끝") → a clean close 1000',
        '헤드리스 Chromium: 페이지가 ws://127.0.0.1:<port>/chat을 열고 한국어 텍스트, 6바이트, "가" 30 000개(90 000바이트)를 보냄 → 에코; close(1000, "끝") → 깔끔한 close 1000',
      ),
      limitMs: 45000,
      run: async (ctx) => browserKorean(ctx, await ctx.startServer()),
    },
    {
      id: 'lengths-raw',
      title: text(
        'raw socket: payloads of 0, 125, 126, 127, 65535, 65536 and 70 000 bytes, each cut inside its header, extended length and mask → echoes unmasked with the shortest length; a client\'s longer length form accepted; exactly 1 MiB in two fragments echoed',
        'raw 소켓: 0, 125, 126, 127, 65535, 65536, 70 000바이트 페이로드를 헤더, 확장 길이, 마스크 가운데서 자름 → 마스크 없이 가장 짧은 길이로 에코; 클라이언트의 더 긴 길이 형식은 받아들임; 정확히 1MiB를 두 조각으로 보내면 에코',
      ),
      limitMs: 15000,
      async run(ctx) {
        const server = await ctx.startServer();
        for (const n of [0, 125, 126, 127, 65535, 65536, 70000]) {
          const f = frame(n % 2 ? OP.binary : OP.text, n % 2 ? bytesOf(n, 3) : Buffer.from('ㅎ'.repeat(Math.floor(n / 3)) + 'z'.repeat(n % 3)));
          await expectCase(ctx, server, { frames: [f], cuts: [1, 2, 3, 5, 9, 13].filter((x) => x < n + 6) });
        }
        await expectCase(ctx, server, { frames: [frame(OP.text, 'five', { form: '16' }), frame(OP.binary, bytesOf(200), { form: '64' })], cuts: [] });
        const half = MAX_MESSAGE / 2;
        const big = bytesOf(MAX_MESSAGE, 9);
        await expectCase(ctx, server, { frames: [frame(OP.binary, big.subarray(0, half), { fin: false }), frame(OP.continuation, big.subarray(half))], cuts: [] }, { ms: 5000 });
      },
    },
    {
      id: 'ping-pong-close',
      title: text(
        'raw socket: pings of 0 and 125 bytes → pongs; an unasked pong → nothing; close 1000 "bye" → close 1000 then FIN, a frame after it ignored; an empty close → an empty close; 3000, 4999, 1012 echoed',
        'raw 소켓: 0바이트와 125바이트 ping → pong; 요청하지 않은 pong → 아무것도 없음; close 1000 "bye" → close 1000 다음 FIN, 그 뒤의 프레임은 무시; 빈 close → 빈 close; 3000, 4999, 1012는 그대로 돌려줌',
      ),
      async run(ctx) {
        const server = await ctx.startServer();
        const cases: FrameCase[] = [
          { frames: [frame(OP.ping, ''), frame(OP.ping, 'P'.repeat(125)), frame(OP.pong, 'unasked'), frame(OP.text, 'after the pong')], cuts: [] },
          { frames: [frame(OP.close, closePayload(1000, 'bye')), frame(OP.text, 'after the close')], cuts: [] },
          { frames: [frame(OP.close, Buffer.alloc(0))], cuts: [] },
          ...[3000, 4999, 1012].map((code) => ({ frames: [frame(OP.close, closePayload(code, '안녕'))], cuts: [] })),
        ];
        for (const c of cases) await expectCase(ctx, server, c);
      },
    },
    {
      id: 'protocol-errors',
      title: text(
        'raw socket, Autobahn-style: no MASK, RSV1–3, opcodes 3 and 0xB, a 126-byte ping, fragmented controls, fragments out of order, bad close payloads and codes → close 1002; invalid UTF-8 (FF, surrogates, overlong, above U+10FFFF, cut off, in a fragment, in a close reason) → 1007; each then FIN',
        'raw 소켓, Autobahn 방식: MASK 없음, RSV1–3, opcode 3과 0xB, 126바이트 ping, 조각난 제어 프레임, 순서가 어긋난 조각, 잘못된 close 페이로드와 코드 → close 1002; 잘못된 UTF-8(FF, 서로게이트, overlong, U+10FFFF 초과, 잘림, 조각 안, close 사유 안) → 1007; 각각 그다음 FIN',
      ),
      async run(ctx) {
        const server = await ctx.startServer();
        for (const [, frames] of BROKEN) await expectCase(ctx, server, { frames: [frame(OP.text, 'ok'), ...frames, frame(OP.text, 'after')], cuts: [] });
        // A client that resets in the middle of a frame: the server goes on.
        const peer = await open(ctx, server);
        await peer.send(Buffer.from([0x81, 0xe4, 1, 2, 3, 4, 5, 6]));
        await sleep(50);
        peer.reset();
        await sleep(100);
        await expectCase(ctx, server, { frames: [frame(OP.text, 'still here')], cuts: [] });
      },
    },
    {
      id: 'message-limit',
      title: text(
        'raw socket: a header announcing 1 048 577 bytes, 2^40 bytes or 2^63 + 5 bytes (no payload sent) → close 1009 at once; a fragmented message that goes 1 byte over 1 MiB → 1009',
        'raw 소켓: 1 048 577바이트, 2^40바이트, 2^63 + 5바이트를 알리는 헤더(페이로드는 보내지 않음) → 곧바로 close 1009; 1MiB를 1바이트 넘는 조각난 메시지 → 1009',
      ),
      limitMs: 15000,
      async run(ctx) {
        const server = await ctx.startServer();
        for (const announce of [BigInt(MAX_MESSAGE) + 1n, 1n << 40n, (1n << 63n) + 5n]) {
          await expectCase(ctx, server, { frames: [frame(OP.binary, Buffer.alloc(0), { announce })], cuts: [] });
        }
        await expectCase(ctx, server, { frames: [frame(OP.text, 'x'.repeat(MAX_MESSAGE - 10), { fin: false }), frame(OP.ping, 'mid'), frame(OP.continuation, Buffer.alloc(0), { announce: 11n })], cuts: [] }, { ms: 5000 });
      },
    },
    {
      id: 'generated-frames',
      title: text(
        'generated: up to three messages (edgy text, every length class, fragments cut inside characters, longer length forms, zero masks) with pings and pongs between fragments, then a close or one broken rule and frames after it, the stream cut at any byte → the model\'s frames, in order, and the FIN',
        '만들어 낸 사례: 메시지 최대 셋(까다로운 텍스트, 모든 길이 구간, 글자 가운데서 잘린 조각, 더 긴 길이 형식, 0 마스크)과 조각 사이의 ping, pong, 그다음 close나 어긴 규칙 하나와 그 뒤의 프레임, 스트림은 아무 바이트에서나 잘림 → 모델의 프레임이 순서대로, 그리고 FIN',
      ),
      limitMs: 25000,
      async run(ctx) {
        let server = await ctx.startServer();
        const live = async (): Promise<StartedServer> => (server.program.done ? (server = await ctx.startServer()) : server);
        await checkGenerated(ctx, {
          cases: frameCases,
          examples: frameExamples,
          run: async (c, transcript) => asMismatch(async () => {
            const wrong = await playCut(ctx, await live(), c, transcript, { gapMs: 3, quietMs: 40 });
            if (wrong) ctx.fail(wrong);
          }),
          describe: describeCase,
          runs: 40,
          ms: 5000,
        });
      },
    },
  ],
});
