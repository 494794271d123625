/**
 * Lesson 08 — hidden checks for the length-prefixed binary protocol: the scenario list.
 *
 * Frame (both directions): u32 BE length of what follows | u8 op | payload.
 *   ECHO 0x01 → 0x81 same bytes; SUM 0x02 k×int32 → 0x82 int64; ULEN 0x03 text → 0x83 u32 u32;
 *   unknown op / bad payload → 0xFF message (stays open); length 0 or > 1 MiB → 0xFF, then close.
 *
 * The checker plays the client against the learner's server (T1–T7 of the notes and more, and
 * generated streams held to the model in model.ts), the server against the learner's client,
 * and lets both meet; Python (struct) and Java (DataInputStream) clients prove the byte order
 * against the learner's server. Steps are in steps.ts, the words of every failure in mistakes.ts.
 */
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeExit, fill, programFailure, quoted, text, type PeerSocket, type StartedServer, type Text } from '../../../src/checks/kit.ts';
import { defineChecks } from '../../../src/checks/scenario.ts';
import { checkGenerated, type Mismatch } from '../../../src/checks/generate.ts';
import type { Transcript } from '../../../src/peers/transcript.ts';
import { mistakes } from './mistakes.ts';
import { MAX_FRAME, OP, describeFrame, echoFrame, echoReply, errorReply, frame, hex, readFrame, sumFrame, sumReply, ulenFrame, ulenReply } from './frames.ts';
import { bigEcho, everyByte, framesCases, header, serve, streamOf, type FramesCase, type Reply } from './model.ts';
import {
  WAIT,
  badPayload,
  clientRefusesReply,
  connectToServer,
  crashOf,
  diagnoseErrorFrame,
  diagnoseFatal,
  diagnoseNothingMore,
  diagnoseReply,
  echo,
  expectErrorFrame,
  expectFatal,
  expectOtherClient,
  expectReplies,
  expectReply,
  expectReplyOr,
  mib,
  pushFiller,
  readFrameAfter,
  runClientPlan,
  sum,
  ulen,
  who,
  type Ctx,
  type Exchange,
  type Miss,
} from './steps.ts';

/** A loopback port nothing listens on (taken from the OS, then given back). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

const INTEROP = path.join(path.dirname(fileURLToPath(import.meta.url)), 'interop');

// ───────────────────────────── generated streams ─────────────────────────────

/** The exchange a request of the model stands for, with the diagnosis of its own kind. */
function exchangeOf(shown: string, request: Buffer, reply: Reply): Exchange {
  const op = request[4]!;
  const payload = request.subarray(5);
  if (reply.kind === 'error') {
    const reason = reply.why === 'unknown-op' ? 'unknown-op-not-rejected' : reply.why === 'bad-sum' ? 'bad-sum-not-rejected' : 'bad-utf8-not-rejected';
    return badPayload(shown, reason);
  }
  if (op === OP.sum) return { ...sum([...Array(payload.length / 4).keys()].map((i) => payload.readInt32BE(4 * i))), request, sent: shown };
  if (op === OP.ulen) return { ...ulen(payload.toString('utf8')), request, sent: shown };
  return { ...echo(payload, shown), request, ms: payload.length > 64 * 1024 ? 4000 : WAIT };
}

function describeCase(c: FramesCase): Text {
  const parts = c.requests.map((r) => r.shown);
  if (c.refuse) parts.push(`header ${hex(header(c.refuse.length))} (length ${c.refuse.length})${c.refuse.trailing.length ? ` + ${hex(c.refuse.trailing)}` : ''}`);
  const n = streamOf(c).length;
  return fill(text('{list}: {n} bytes in {k} write(s), cut at {cuts}', '{list}: {n}바이트를 {k}번에 나눠 씀, 자른 곳 {cuts}'), {
    list: parts.join(' · '),
    n,
    k: c.cuts.length + 1,
    cuts: c.cuts.length ? c.cuts.join(', ') : '—',
  });
}

/** One case on a new connection: the stream written in pieces, every reply held to the model. */
async function runFramesCase(ctx: Ctx, server: StartedServer, c: FramesCase, transcript: (l: Text, r: Text) => Transcript): Promise<Mismatch | undefined> {
  const crash = await crashOf(ctx, server.program, 0);
  if (crash) return crash;
  const peer: PeerSocket = await ctx.connect(server.port, transcript(who.checker, who.server));
  try {
    const stream = streamOf(c);
    const model = serve(stream);
    const sending = peer.sendSplitAt(stream, c.cuts, 5);
    for (const [i, { request, reply }] of model.replies.entries()) {
      const e = exchangeOf(c.requests[i]!.shown, request, reply);
      const r = await readFrame(peer, e.ms ?? WAIT);
      const f = reply.kind === 'error' ? await diagnoseErrorFrame(ctx, server, peer, e, r) : await diagnoseReply(ctx, server, peer, e, r);
      if (f) return f;
    }
    await sending;
    if (model.refused) {
      const { length, message } = model.refused;
      const sent = `a header claiming ${length} bytes`;
      const notRejected: Miss = length === 0 ? { reason: 'empty-frame-not-rejected' as const } : length <= MAX_FRAME + 2 ? { reason: 'limit-too-high' as const, vars: { claim: length, over: length - MAX_FRAME } } : { reason: 'trusts-length' as const, vars: { claim: length } };
      return await diagnoseFatal(ctx, server, peer, await readFrame(peer, WAIT), sent, message, notRejected);
    }
    return await diagnoseNothingMore(ctx, peer, 40);
  } finally {
    peer.destroy();
  }
}

/** Corners tried on every run: each byte of a header cut, lengths 1, max, max ± 1, 0, coalesced. */
function cornerCases(): FramesCase[] {
  const r = (shown: string, bytes: Buffer) => ({ shown, bytes });
  const hello = r('ECHO "hello"', echoFrame('hello'));
  const empties = [r('ECHO ""', echoFrame('')), r('SUM []', sumFrame([])), r('ULEN ""', ulenFrame(''))];
  const mixed = [r('SUM [-1, 2147483647, 2147483647]', sumFrame([-1, 2147483647, 2147483647])), r('ULEN "😀e\u0301안"', ulenFrame('😀e\u0301안')), r('op 0x7e ["x"]', frame(0x7e, 'x')), hello];
  const two = [hello, r('ECHO [00 0a ff]', echoFrame(Buffer.from([0x00, 0x0a, 0xff])))];
  // every line terminator a regex '.' (no s flag) skips, each one code point
  const breaks = 'a\nb\r\n\u2028\u2029\u0085😀\r';
  const ulenBreaks = r(`ULEN ${JSON.stringify(breaks)}`, ulenFrame(breaks));
  const twoLen = Buffer.concat(two.map((x) => x.bytes)).length;
  return [
    // one frame, every byte its own write: every cut inside the header and the body
    { requests: [hello], cuts: everyByte(hello.bytes.length) },
    // frames of length 1 (op only), coalesced in one write
    { requests: empties, cuts: [] },
    // several frames in one write, then the second header cut at each of its bytes
    { requests: mixed, cuts: [] },
    // ULEN of text full of line terminators: each is a code point like any other
    { requests: [ulenBreaks, hello], cuts: [] },
    { requests: two, cuts: [hello.bytes.length + 1, hello.bytes.length + 2, hello.bytes.length + 3] },
    { requests: two, cuts: everyByte(twoLen) },
    // exactly the limit, and one under it, coalesced with a small frame, cut in the big body
    { requests: [bigEcho(MAX_FRAME), hello], cuts: [3, 4, 5, 700_000] },
    { requests: [hello, bigEcho(MAX_FRAME - 1)], cuts: [hello.bytes.length + 2] },
    // refused lengths after good frames in the same write: 0, the limit + 1, 4 GiB
    { requests: [hello], refuse: { length: 0, trailing: echoFrame('after') }, cuts: [] },
    { requests: empties, refuse: { length: MAX_FRAME + 1, trailing: Buffer.from([0x01]) }, cuts: [] },
    { requests: [], refuse: { length: 0xffffffff, trailing: Buffer.alloc(0) }, cuts: [1, 2, 3] },
  ];
}

async function generatedFrames(ctx: Ctx): Promise<void> {
  const server = await ctx.startServer();
  await checkGenerated(ctx, {
    cases: framesCases,
    examples: cornerCases(),
    run: (c, transcript) => runFramesCase(ctx, server, c, transcript),
    describe: describeCase,
    runs: 30,
    ms: 5000,
  });
}

// ───────────────────────────── scenarios ─────────────────────────────

export default defineChecks({
  mistakes,
  scenarios: [
    {
      id: 'echo-one-frame',
      title: text('server: one ECHO frame → 0x81 + the same bytes, and nothing else (T1)', '서버: ECHO 프레임 하나 → 0x81 + 같은 바이트, 그 밖엔 없음 (T1)'),
      async run(ctx) {
        const { server, peer } = await connectToServer(ctx);
        await peer.send(echoFrame('hello'));
        await expectReply(ctx, server, peer, { ...echo('hello'), probeNewline: true });
        const more = await diagnoseNothingMore(ctx, peer, 200);
        if (more) ctx.fail(more);
      },
    },
    {
      id: 'ten-frames-in-one-write',
      title: text('server: 10 frames in one write → 10 replies, in order (T2)', '서버: 한 번의 write에 프레임 10개 → 응답 10개, 순서대로 (T2)'),
      async run(ctx) {
        const { server, peer } = await connectToServer(ctx);
        const list: Array<{ req: Buffer; e: Exchange }> = [
          { req: echoFrame('one'), e: echo('one') },
          { req: sumFrame([1, 2]), e: sum([1, 2]) },
          { req: ulenFrame('abc'), e: ulen('abc') },
          { req: echoFrame('four'), e: echo('four') },
          { req: sumFrame([-5]), e: sum([-5]) },
          { req: echoFrame('six'), e: echo('six') },
          { req: ulenFrame('안녕'), e: ulen('안녕') },
          { req: sumFrame([10, 20, 30]), e: sum([10, 20, 30]) },
          { req: echoFrame('nine'), e: echo('nine') },
          { req: echoFrame('ten'), e: echo('ten') },
        ];
        peer.transcript.note(text('10 frames in one write:', '한 번의 write에 프레임 10개:'));
        await peer.send(Buffer.concat(list.map((x) => x.req)));
        for (const [i, { e }] of list.entries()) {
          await expectReply(ctx, server, peer, i > 0 ? { ...e, noReply: { reason: 'only-first-frame-per-chunk', vars: { i, n: list.length } } } : e);
        }
        const more = await diagnoseNothingMore(ctx, peer, 100);
        if (more) ctx.fail(more);
      },
    },
    {
      id: 'frames-byte-by-byte',
      title: text('server: frames arrive one byte at a time, cut inside the 4-byte header (T3)', '서버: 프레임이 한 바이트씩, 4바이트 헤더 한가운데서 잘려 도착 (T3)'),
      timing: true,
      async run(ctx) {
        const { server, peer } = await connectToServer(ctx);
        peer.transcript.note(text('ECHO "byte" and SUM [7, 8], one byte per write:', 'ECHO "byte"와 SUM [7, 8]을 한 바이트씩:'));
        await peer.sendByteByByte(Buffer.concat([echoFrame('byte'), sumFrame([7, 8])]), 15);
        await expectReplies(ctx, server, peer, [echo('byte'), sum([7, 8])]);
        // Then two frames cut inside the second header: the end of one frame and the start of the next in one chunk.
        const two = Buffer.concat([echoFrame('left'), echoFrame('right')]);
        peer.transcript.note(text('two frames, cut inside the second header:', '프레임 두 개, 두 번째 헤더 안에서 잘림:'));
        await peer.sendSplitAt(two, [3, 11], 60);
        await expectReplies(ctx, server, peer, [echo('left'), echo('right')]);
      },
    },
    {
      id: 'sum-needs-64-bits',
      title: text('server: SUM [-1, 2147483647, 2147483647] → 4294967293, an int64 (T4)', '서버: SUM [-1, 2147483647, 2147483647] → 4294967293, int64 (T4)'),
      async run(ctx) {
        const { server, peer } = await connectToServer(ctx);
        for (const ns of [[-1, 2147483647, 2147483647], [-2147483648, -2147483648, -5]]) {
          await peer.send(sumFrame(ns));
          await expectReply(ctx, server, peer, sum(ns));
        }
      },
    },
    {
      id: 'ulen-counts-code-points',
      title: text('server: ULEN "😀안녕" → 3 code points, 10 bytes (T5)', '서버: ULEN "😀안녕" → 코드 포인트 3개, 10바이트 (T5)'),
      async run(ctx) {
        const { server, peer } = await connectToServer(ctx);
        for (const s of ['😀안녕', 'héllo wörld', 'a\nb\r\n\u2028\u2029']) {
          await peer.send(ulenFrame(s));
          await expectReply(ctx, server, peer, ulen(s));
        }
      },
    },
    {
      id: 'echo-binary-bytes',
      title: text('server: ECHO of bytes that are not text (0x00, 0x0A, 0xFF, …) comes back unchanged (T6)', '서버: 텍스트가 아닌 바이트(0x00, 0x0A, 0xFF, …)의 ECHO가 그대로 돌아옴 (T6)'),
      async run(ctx) {
        const { server, peer } = await connectToServer(ctx);
        const payload = Buffer.from([0x00, 0x0a, 0xff, 0x41, 0x0d, 0x0a, 0xc3, 0x28, 0x80, 0x00, 0xfe]);
        await peer.send(echoFrame(payload));
        await expectReply(ctx, server, peer, echo(payload, `ECHO [${hex(payload)}]`));
        await peer.send(echoFrame('after'));
        await expectReply(ctx, server, peer, echo('after'));
      },
    },
    {
      id: 'empty-payloads',
      title: text('server: frames of length 1 (op only): ECHO "", SUM of nothing, ULEN ""', '서버: 길이 1(op만)인 프레임: ECHO "", 빈 SUM, ULEN ""'),
      async run(ctx) {
        const { server, peer } = await connectToServer(ctx);
        await peer.send(Buffer.concat([echoFrame(''), sumFrame([]), ulenFrame('')]));
        await expectReplies(ctx, server, peer, [echo(''), sum([]), ulen('')]);
      },
    },
    {
      id: 'bad-payloads-keep-connection',
      title: text('server: unknown op, SUM of 5 bytes, ULEN of invalid UTF-8 → 0xFF each; the connection stays open', '서버: 모르는 op, 5바이트 SUM, 잘못된 UTF-8의 ULEN → 각각 0xFF, 연결은 유지'),
      async run(ctx) {
        const { server, peer } = await connectToServer(ctx);
        const cases: Array<[Buffer, Exchange]> = [
          [frame(0x7e, 'x'), badPayload('op 0x7E', 'unknown-op-not-rejected')],
          [frame(OP.sum, Buffer.from([0, 0, 0, 1, 2])), badPayload('SUM with a 5-byte payload', 'bad-sum-not-rejected')],
          [frame(OP.ulen, Buffer.from([0x61, 0xc3, 0x28])), badPayload('ULEN [61 c3 28]', 'bad-utf8-not-rejected')],
        ];
        for (const [req, e] of cases) {
          await peer.send(req);
          await expectErrorFrame(ctx, server, peer, e);
        }
        await peer.send(echoFrame('still here'));
        await expectReply(ctx, server, peer, echo('still here'));
      },
    },
    {
      id: 'huge-length-refused',
      title: text('server: a header claiming 0xFFFFFFFF bytes → 0xFF "frame too large", close; memory stays flat (T7)', '서버: 0xFFFFFFFF바이트라는 헤더 → 0xFF "frame too large" 후 종료, 메모리는 그대로 (T7)'),
      limitMs: 15000,
      async run(ctx) {
        const { server, peer } = await connectToServer(ctx);
        const before = await server.program.memory();
        const claim = { claim: 0xffffffff };
        const r = await readFrameAfter(peer, Buffer.from([0xff, 0xff, 0xff, 0xff]));
        if (r.kind === 'nothing' && r.how === 'timeout' && !server.program.done) {
          // It is waiting for 4 GiB. Show what that costs: send 16 MiB and watch its memory.
          peer.transcript.note(text('… the checker now sends 16 MiB of filler …', '… 검사기가 이제 16MiB를 채워 보냅니다 …'));
          const sent = await pushFiller(peer, 16 * 1024 * 1024, 4000);
          await new Promise((resolve) => setTimeout(resolve, 300));
          const after = await server.program.memory();
          ctx.fail('trusts-length', {
            vars: claim,
            expected: describeFrame(errorReply('frame too large')),
            actual: fill(
              text(
                'nothing for {ms} ms; then, as the checker sent {sent} MiB more, your server grew from {a} MiB to {b} MiB of memory (RSS)',
                '{ms}ms 동안 아무것도 없음. 검사기가 {sent}MiB를 더 보내자 서버 메모리(RSS)가 {a}MiB에서 {b}MiB로 늘어남',
              ),
              { ms: WAIT, sent: mib(sent), a: mib(before), b: mib(after) },
            ),
          });
        }
        await expectFatal(ctx, server, peer, r, 'a header claiming 0xFFFFFFFF bytes', 'frame too large', { reason: 'trusts-length', vars: claim });
        const after = await server.program.memory();
        if (before !== undefined && after !== undefined) {
          ctx.figure(fill(text('server memory (RSS): {a} MiB before, {b} MiB after', '서버 메모리(RSS): 전 {a}MiB, 후 {b}MiB'), { a: mib(before), b: mib(after) }));
          if (after - before > 512 * 1024 * 1024) {
            ctx.fail('trusts-length', {
              vars: claim,
              expected: text('the error frame, with the memory as before', '오류 프레임, 메모리는 그대로'),
              actual: fill(text('RSS {a} MiB → {b} MiB before refusing', '거절하기 전에 RSS {a}MiB → {b}MiB'), { a: mib(before), b: mib(after) }),
            });
          }
        }
      },
    },
    {
      id: 'limit-is-one-mib',
      title: text('server: a frame of exactly 1 MiB is served; 1 MiB + 1 is refused and closed', '서버: 정확히 1MiB인 프레임은 처리, 1MiB + 1은 거절 후 종료'),
      limitMs: 15000,
      async run(ctx) {
        const { server, peer } = await connectToServer(ctx);
        const big = bigEcho(MAX_FRAME);
        peer.transcript.note(text('ECHO with length exactly 1048576 (the limit):', '길이가 정확히 1048576(한도)인 ECHO:'));
        await peer.send(big.bytes);
        await expectReply(ctx, server, peer, { ...echo(big.bytes.subarray(5), 'ECHO of 1048575 bytes (length 1048576, exactly 1 MiB)'), ms: 4000 });
        // One byte over the limit, on a new connection: only the header and the op are sent.
        const peer2 = await ctx.connect(server.port, ctx.transcript(who.checker, who.server));
        const head = Buffer.alloc(5);
        head.writeUInt32BE(MAX_FRAME + 1, 0);
        head[4] = OP.echo;
        const r2 = await readFrameAfter(peer2, head);
        await expectFatal(ctx, server, peer2, r2, 'a header claiming 1048577 bytes', 'frame too large', { reason: 'limit-too-high', vars: { claim: MAX_FRAME + 1, over: 1 } });
      },
    },
    {
      id: 'empty-frame-refused',
      title: text('server: a length of 0 → 0xFF "empty frame", then close; the frame after it in the same write is not answered', '서버: 길이 0 → 0xFF "empty frame" 후 종료, 같은 write로 뒤따른 프레임에는 답하지 않음'),
      async run(ctx) {
        const { server, peer } = await connectToServer(ctx);
        peer.transcript.note(text('a header of length 0, and an ECHO frame after it, in one write:', '길이 0인 헤더와 그 뒤의 ECHO 프레임을 한 번의 write로:'));
        const r = await readFrameAfter(peer, Buffer.concat([Buffer.from([0, 0, 0, 0]), echoFrame('after')]));
        await expectFatal(ctx, server, peer, r, 'a header of length 0', 'empty frame', { reason: 'empty-frame-not-rejected' });
      },
    },
    {
      id: 'connections-have-own-buffers',
      title: text('server: a half-sent frame on one connection does not mix with another connection', '서버: 한 연결에 반쯤 보낸 프레임이 다른 연결과 섞이지 않음'),
      async run(ctx) {
        const server = await ctx.startServer();
        const a = await ctx.connect(server.port, ctx.transcript(text('checker A', '검사기 A'), who.server));
        const b = await ctx.connect(server.port, ctx.transcript(text('checker B', '검사기 B'), who.server));
        await b.send(echoFrame('first'));
        await expectReply(ctx, server, b, echo('first'));
        const whole = echoFrame('from A');
        await a.send(whole.subarray(0, 7));
        await new Promise((resolve) => setTimeout(resolve, 100));
        await b.send(echoFrame('from B'));
        await expectReplyOr(ctx, server, b, echo('from B'), { reason: 'shared-buffer' });
        await a.send(whole.subarray(7));
        await expectReplyOr(ctx, server, a, echo('from A'), { reason: 'shared-buffer' });
      },
    },
    {
      id: 'generated-frames',
      title: text(
        'generated streams: the protocol model against your server (lengths 1, 1 MiB and ±1, 0; int32 extremes; UTF-8 beyond the BMP; bad payloads; several frames per write, cut at any byte)',
        '만들어 낸 스트림: 프로토콜 모델과 내 서버를 비교(길이 1, 1MiB와 ±1, 0; int32 극값; BMP 밖의 UTF-8; 잘못된 페이로드; write 한 번에 여러 프레임, 아무 바이트에서나 자름)',
      ),
      limitMs: 25000,
      run: generatedFrames,
    },
    // ── the learner's client against the checker's server ──
    {
      id: 'client-replies-in-one-write',
      title: text('client: echo hello sum 1 2 3 ulen 안녕 — three replies in one write', '클라이언트: echo hello sum 1 2 3 ulen 안녕 — 응답 세 개가 한 번의 write로'),
      run: (ctx) =>
        runClientPlan(ctx, {
          args: ['echo', 'hello', 'sum', '1', '2', '3', 'ulen', '안녕'],
          requests: [echoFrame('hello'), sumFrame([1, 2, 3]), ulenFrame('안녕')],
          serve: (peer) => peer.send(Buffer.concat([echoReply('hello'), sumReply(6n), ulenReply(2, 6)])),
          lines: ['echo hello', 'sum 6', 'ulen 2 6'],
          exitCode: 0,
          oneWrite: true,
        }),
    },
    {
      id: 'client-replies-cut-in-header',
      title: text('client: replies cut inside their 4-byte headers', '클라이언트: 4바이트 헤더 한가운데서 잘린 응답'),
      timing: true,
      run: (ctx) =>
        runClientPlan(ctx, {
          args: ['sum', '5', '-7', 'ulen', '😀', 'echo', 'ab'],
          requests: [sumFrame([5, -7]), ulenFrame('😀'), echoFrame('ab')],
          serve: async (peer) => {
            const replies = Buffer.concat([sumReply(-2n), ulenReply(1, 4), echoReply('ab')]);
            // frame 1 is bytes 0–12, frame 2 is 13–25, frame 3 is 26–32
            await peer.sendSplitAt(replies, [2, 14, 16, 27, 31], 60);
          },
          lines: ['sum -2', 'ulen 1 4', 'echo ab'],
          exitCode: 0,
        }),
    },
    {
      id: 'client-sum-beyond-32-bits',
      title: text('client: SUM replies that need all 64 bits (6442450941 and -6442450944)', '클라이언트: 64비트가 다 필요한 SUM 응답(6442450941, -6442450944)'),
      run: (ctx) =>
        runClientPlan(ctx, {
          args: ['sum', '2147483647', '2147483647', '2147483647', 'sum', '-2147483648', '-2147483648', '-2147483648'],
          requests: [sumFrame([2147483647, 2147483647, 2147483647]), sumFrame([-2147483648, -2147483648, -2147483648])],
          serve: (peer) => peer.send(Buffer.concat([sumReply(6442450941n), sumReply(-6442450944n)])),
          lines: ['sum 6442450941', 'sum -6442450944'],
          exitCode: 0,
        }),
    },
    {
      id: 'client-error-frame-keeps-going',
      title: text('client: an error frame in the middle is printed, and the next reply still comes', '클라이언트: 중간의 오류 프레임을 출력하고, 다음 응답도 계속 받음'),
      run: (ctx) =>
        runClientPlan(ctx, {
          args: ['echo', 'a', 'ulen', 'x', 'echo', 'b'],
          requests: [echoFrame('a'), ulenFrame('x'), echoFrame('b')],
          serve: (peer) => peer.send(Buffer.concat([echoReply('a'), errorReply('unknown op 0x03'), echoReply('b')])),
          lines: ['echo a', 'error unknown op 0x03', 'echo b'],
          exitCode: 0,
        }),
    },
    {
      id: 'client-error-then-close',
      title: text('client: an error frame, then the server closes → prints it, exit code 1; no server at all → exit code 1, nothing printed', '클라이언트: 오류 프레임 후 서버가 닫음 → 출력하고 종료 코드 1, 서버가 아예 없음 → 출력 없이 종료 코드 1'),
      async run(ctx) {
        await runClientPlan(ctx, {
          args: ['echo', 'hi', 'echo', 'there'],
          requests: [echoFrame('hi'), echoFrame('there')],
          serve: async (peer) => {
            await peer.send(errorReply('frame too large'));
            peer.halfClose();
          },
          lines: ['error frame too large'],
          exitCode: 1,
        });
        // The connection fails: nothing listens on the port.
        const port = await freePort();
        const run = await ctx.runClient({ port, args: ['echo', 'hi'], timeoutMs: 5000 });
        const expected = text('nothing on stdout, then exit code 1 (the connection failed)', '표준 출력은 비어 있고, 종료 코드 1(연결 실패)');
        const actual = fill(text('{lines} ({how})', '{lines} ({how})'), { lines: run.stdout ? quoted(run.stdout, 200) : text('nothing printed', '출력 없음'), how: describeExit(run.exit, 5000) });
        if (run.exit === 'timeout') return ctx.fail('client-hangs', { expected, actual });
        if (run.stdout !== '') ctx.fail('client-wrong-output', { expected, actual });
        if (run.exit.code !== 1) ctx.fail('client-wrong-exit-code', { vars: { got: String(run.exit.code), want: 1 }, expected, actual });
      },
    },
    {
      id: 'client-refuses-huge-reply',
      title: text('client: a reply claiming 0xFFFFFFFF bytes, or 0 → exit code 1 at once, no waiting', '클라이언트: 0xFFFFFFFF바이트나 0바이트라는 응답 → 기다리지 않고 바로 종료 코드 1'),
      async run(ctx) {
        await clientRefusesReply(ctx, Buffer.from([0xff, 0xff, 0xff, 0xff]), '0xFFFFFFFF');
        await clientRefusesReply(ctx, Buffer.from([0, 0, 0, 0]), '0');
      },
    },
    // ── both together ──
    {
      id: 'your-client-with-your-server',
      title: text('together: your client ↔ your server', '함께: 내 클라이언트 ↔ 내 서버'),
      async run(ctx) {
        const server = await ctx.startServer();
        const args = ['echo', 'hello, 世界', 'sum', '1', '2', '3', '-4', 'ulen', '😀안녕', 'sum', '2147483647', '2147483647', '-1'];
        const want = ['echo hello, 世界', 'sum 2', 'ulen 3 10', 'sum 4294967293'];
        const run = await ctx.runClient({ port: server.port, args, timeoutMs: 5000 });
        const exact = run.stdout.replace(/\r\n/g, '\n') === want.map((l) => `${l}\n`).join('');
        if (run.exit === 'timeout' || run.exit.code !== 0 || !exact) {
          if (run.exit !== 'timeout' && run.exit.code !== 0 && /^\s+at .*\.ts:\d+/m.test(run.stderr)) ctx.fail(programFailure('client.ts', run.exit, run.program, 'during-exchange'));
          ctx.fail('together-failed', {
            expected: fill(text('{lines}, then exit code 0', '{lines}, 그다음 종료 코드 0'), { lines: quoted(want.map((l) => `${l}\n`).join(''), 200) }),
            actual: fill(text('{lines} ({how})', '{lines} ({how})'), { lines: run.stdout ? quoted(run.stdout, 200) : text('nothing printed', '출력 없음'), how: describeExit(run.exit, 5000) }),
          });
        }
      },
    },
    // ── other languages against the learner's server ──
    {
      id: 'python-client-to-your-server',
      title: text('a Python client (struct, big-endian) → your server', 'Python 클라이언트(struct, 빅 엔디언) → 내 서버'),
      limitMs: 15000,
      async run(ctx) {
        const server = await ctx.startServer();
        const py = ctx.startPython(path.join(INTEROP, 'frames_client.py'), { label: text('Python client', 'Python 클라이언트'), env: { PORT: String(server.port) } });
        await expectOtherClient(ctx, py, text('Python client', 'Python 클라이언트'), ['echo hello, 파이썬', 'sum 4294967299', 'ulen 3 10'], 8000);
      },
    },
    {
      id: 'java-client-to-your-server',
      title: text('a Java client (DataInputStream, big-endian) → your server', 'Java 클라이언트(DataInputStream, 빅 엔디언) → 내 서버'),
      limitMs: 30000,
      async run(ctx) {
        const server = await ctx.startServer();
        const java = ctx.startJava(path.join(INTEROP, 'FramesClient.java'), { label: text('Java client', 'Java 클라이언트'), env: { PORT: String(server.port) } });
        await expectOtherClient(ctx, java, text('Java client', 'Java 클라이언트'), ['echo hello, java', 'sum 4294967293', 'ulen 3 10'], 20000);
      },
    },
  ],
});
