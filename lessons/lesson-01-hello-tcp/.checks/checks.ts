/**
 * Lesson 01 — hidden checks. The exchange is the source's own: the client sends
 * "hello server", the server prints it, replies "hello client" and both close. The learner's
 * programs must work with the source's Python and Java programs, which differ in one detail
 * that matters: Python sends without a newline and reads one chunk; Java reads a line.
 * The words of every failure are in `mistakes.ts`, the shared steps in `steps.ts`, the
 * exchange as a model (and its generated cases) in `model.ts`.
 */
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { expectClientSuccess, expectPrinted, text, type Text } from '../../../src/checks/kit.ts';
import { defineChecks, type Scenario } from '../../../src/checks/scenario.ts';
import { checkGenerated } from '../../../src/checks/generate.ts';
import { mistakes, type Reason } from './mistakes.ts';
import {
  INTEROP,
  asMismatch,
  clientExchange,
  expectExternalClient,
  expectHelloPrinted,
  expectServerDone,
  serverExchange,
  who,
  yourClientToExternalServer,
  type Ctx,
} from './steps.ts';
import {
  REPLY,
  REQUEST,
  describeReply,
  describeRequest,
  replyCases,
  replyExamples,
  replyPieces,
  requestCases,
  requestExamples,
  requestPieces,
} from './model.ts';

/**
 * Each generated case starts its own program (a server that serves one client, or a client):
 * cases share nothing, so several run at once (their waits overlap).
 */
const LANES = 10;

/** The source's own program (Python or Java) against one of the learner's. */
function interop(id: string, title: Text, run: (ctx: Ctx) => Promise<void>): Scenario<Reason> {
  return { id, title, run };
}

export default defineChecks({
  mistakes,
  scenarios: [
    {
      id: 'server-answers-a-line',
      title: text('server: "hello server\\n" (as the Java client sends it) → "hello client\\n", then close', '서버: "hello server\\n"(Java 클라이언트 방식) → "hello client\\n" 후 종료'),
      run: (ctx) => serverExchange(ctx, [`${REQUEST}\n`], 0, (l, r) => ctx.transcript(l, r)),
    },
    {
      id: 'server-answers-without-newline',
      title: text('server: "hello server" with no newline (as the Python client sends it) → "hello client\\n"', '서버: 줄바꿈 없는 "hello server"(Python 클라이언트 방식) → "hello client\\n"'),
      run: (ctx) => serverExchange(ctx, [REQUEST], 0, (l, r) => ctx.transcript(l, r)),
    },
    {
      id: 'generated-requests-to-your-server',
      title: text(
        'server, generated: the request cut at any byte, with or without its newline, pieces apart in time → "hello client\\n", FIN, exit 0',
        '서버, 만들어 낸 사례: 아무 바이트에서나 잘리고 줄바꿈이 있거나 없는 요청, 조각 사이에 시간 간격 → "hello client\\n", FIN, 종료 코드 0',
      ),
      limitMs: 20000,
      run: (ctx) =>
        checkGenerated(ctx, {
          cases: requestCases,
          examples: requestExamples,
          run: (c, transcript) => asMismatch(() => serverExchange(ctx, requestPieces(c), c.gapMs, transcript)),
          describe: describeRequest,
          runs: 20,
          ms: 5000,
          lanes: LANES,
        }),
    },
    {
      id: 'client-sends-and-prints',
      title: text('client: sends "hello server\\n", prints the reply, exits 0', '클라이언트: "hello server\\n"을 보내고 답장을 출력한 뒤 종료 코드 0'),
      run: (ctx) =>
        clientExchange(ctx, async (peer) => {
          await peer.send(REPLY);
          peer.halfClose();
        }, (l, r) => ctx.transcript(l, r)),
    },
    {
      id: 'client-reply-in-two-pieces',
      title: text('client: the reply arrives in two pieces ("hello " … "client\\n")', '클라이언트: 답장이 두 조각("hello " … "client\\n")으로 도착'),
      run: (ctx) =>
        clientExchange(ctx, async (peer) => {
          await peer.sendPieces(['hello ', 'client\n'], 150);
          peer.halfClose();
        }, (l, r) => ctx.transcript(l, r)),
    },
    {
      id: 'client-reply-without-newline',
      title: text('client: a reply with no newline, then close (as the Python server does)', '클라이언트: 줄바꿈 없는 답장 후 종료(Python 서버 방식)'),
      run: (ctx) =>
        clientExchange(ctx, async (peer) => {
          await peer.send('hello client');
          peer.halfClose();
        }, (l, r) => ctx.transcript(l, r)),
    },
    {
      id: 'generated-replies-to-your-client',
      title: text(
        'client, generated: the reply cut at any byte, with or without its newline, late, FIN late → stdout exactly "hello client\\n", exit 0',
        '클라이언트, 만들어 낸 사례: 아무 바이트에서나 잘리고 줄바꿈이 있거나 없는 답장, 늦은 첫 바이트, 늦은 FIN → 표준 출력은 정확히 "hello client\\n", 종료 코드 0',
      ),
      limitMs: 20000,
      run: (ctx) =>
        checkGenerated(ctx, {
          cases: replyCases,
          examples: replyExamples,
          run: (c, transcript) =>
            asMismatch(() =>
              clientExchange(ctx, async (peer) => {
                if (c.firstMs > 0) await sleep(c.firstMs);
                await peer.sendPieces(replyPieces(c), c.gapMs);
                if (c.finMs > 0) await sleep(c.finMs);
                peer.halfClose();
              }, transcript),
            ),
          describe: describeReply,
          runs: 20,
          ms: 5000,
          lanes: LANES,
        }),
    },
    {
      id: 'your-client-with-your-server',
      title: text('together: your client ↔ your server', '함께: 내 클라이언트 ↔ 내 서버'),
      run: async (ctx) => {
        const server = await ctx.startServer();
        const client = ctx.startClient({ port: server.port });
        const exited = await client.waitExit(3000);
        // The client prints and exits when the server closes: a client still waiting while the
        // server still runs is the server's missing close, not the client's.
        if (!exited && !server.program.done) {
          ctx.fail('together-server-kept-open', {
            expected: text('the server replies and closes (FIN); the client prints the reply and exits', '서버가 답하고 닫으면(FIN) 클라이언트가 답장을 출력하고 종료'),
            actual: text('both programs still running', '두 프로그램 모두 실행 중'),
          });
        }
        const run = await expectClientSuccess(ctx, client, exited ? 0 : 500);
        expectHelloPrinted(ctx, run.stdout);
        await expectServerDone(ctx, server);
        expectPrinted(ctx, { who: who.Server, printed: server.program.stdout(), expected: REQUEST, reason: 'server-did-not-print', exact: false });
      },
    },
    interop('python-client-to-your-server', text("source's Python client → your server", '원문의 Python 클라이언트 → 내 서버'), async (ctx) => {
      const server = await ctx.startServer();
      const py = ctx.startPython(path.join(INTEROP, 'client.py'), { label: who.pyClient, env: { PORT: String(server.port) } });
      await expectExternalClient(ctx, py, who.pyClient);
      await expectServerDone(ctx, server);
      expectPrinted(ctx, { who: who.Server, printed: server.program.stdout(), expected: REQUEST, reason: 'server-did-not-print', exact: false });
    }),
    interop('java-client-to-your-server', text("source's Java client → your server", '원문의 Java 클라이언트 → 내 서버'), async (ctx) => {
      const server = await ctx.startServer();
      const java = ctx.startJava(path.join(INTEROP, 'Client.java'), { label: who.javaClient, env: { PORT: String(server.port) } });
      await expectExternalClient(ctx, java, who.javaClient);
      await expectServerDone(ctx, server);
      expectPrinted(ctx, { who: who.Server, printed: server.program.stdout(), expected: REQUEST, reason: 'server-did-not-print', exact: false });
    }),
    interop('your-client-to-python-server', text("your client → source's Python server", '내 클라이언트 → 원문의 Python 서버'), async (ctx) => {
      const py = ctx.startPython(path.join(INTEROP, 'server.py'), { label: who.pyServer, env: { PORT: '0' } });
      await yourClientToExternalServer(ctx, py, who.pyServer);
    }),
    interop('your-client-to-java-server', text("your client → source's Java server", '내 클라이언트 → 원문의 Java 서버'), async (ctx) => {
      const java = ctx.startJava(path.join(INTEROP, 'Server.java'), { label: who.javaServer, env: { PORT: '0' } });
      await yourClientToExternalServer(ctx, java, who.javaServer);
    }),
  ],
});
