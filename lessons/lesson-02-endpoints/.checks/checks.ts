/**
 * Lesson 02 — hidden checks. A socket is IP address + port + protocol, and a connection has
 * two of them. The learner's server ("whoami") tells each client both ends of its connection
 * in one line, `you=ADDR:PORT me=ADDR:PORT tcp\n`, then closes it and keeps serving; if its
 * port is taken it says so in one line and exits 1. The learner's client connects to
 * HOST:PORT, prints the first line it receives (and nothing else) and exits 0; 1 if it cannot
 * connect (or the server closes first), 2 if no reply comes within 3 s.
 *
 * The checker knows both ends of every connection it takes part in, so it can hold every
 * number in the line to the truth. The words of every failure are in `mistakes.ts`, the shared
 * steps in `steps.ts`, the protocol as a model (and its generated cases) in `model.ts`.
 */
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describeExit, fill, programFailure, quoted, text } from '../../../src/checks/kit.ts';
import { defineChecks } from '../../../src/checks/scenario.ts';
import { checkGenerated } from '../../../src/checks/generate.ts';
import { PeerServer } from '../../../src/peers/tcp.ts';
import { mistakes } from './mistakes.ts';
import {
  STACK,
  UNHANDLED,
  asMismatch,
  checkerLine,
  clientConnected,
  connectAgain,
  connectFrom,
  crashed,
  errorLines,
  expectClientPrinted,
  expectEarlyClose,
  expectRefused,
  expectWhoami,
  freePort,
  hasIpv6Loopback,
  linesOf,
  printedOrNothing,
  requireIpv6,
  who,
  type Ctx,
} from './steps.ts';
import { describeEndpoints, describeLine, endpoint, endpointCases, endpointExamples, lineCases, lineExamples, planOf } from './model.ts';

/** Preset name lookup: 'localhost' → ::1, then 127.0.0.1 (see the file itself). */
const LOCALHOST_BOTH = pathToFileURL(path.join(path.dirname(fileURLToPath(import.meta.url)), 'localhost-both-families.mjs')).href;

const REPLY_LIMIT_S = 3;

export default defineChecks({
  mistakes,
  scenarios: [
    {
      id: 'server-tells-both-ends',
      title: text('server: one connection → "you=<client end> me=<server end> tcp\\n", then close', '서버: 연결 하나 → "you=<클라이언트 끝> me=<서버 끝> tcp\\n" 후 종료'),
      async run(ctx: Ctx) {
        const server = await ctx.startServer();
        const peer = await ctx.connect(server.port, ctx.transcript(who.checker, who.server));
        await expectWhoami(ctx, peer, '127.0.0.1', server.port);
      },
    },
    {
      id: 'server-keeps-serving',
      title: text('server: keeps serving: one client, then two at once, each gets its own line', '서버: 계속 서비스: 클라이언트 하나, 이어서 둘이 동시에, 각자 자기 줄을 받음'),
      async run(ctx: Ctx) {
        const server = await ctx.startServer();
        const first = await connectAgain(ctx, server.program, server.port, 1);
        await expectWhoami(ctx, first, '127.0.0.1', server.port);
        const second = await connectAgain(ctx, server.program, server.port, 2);
        const third = await connectAgain(ctx, server.program, server.port, 3);
        await expectWhoami(ctx, second, '127.0.0.1', server.port);
        await expectWhoami(ctx, third, '127.0.0.1', server.port);
        const exit = await server.program.waitExit(300);
        if (exit) {
          ctx.fail('server-stopped-serving', {
            vars: { how: fill(text('it {exit} after serving three clients', '클라이언트 셋을 처리한 뒤 끝남: {exit}'), { exit: describeExit(exit) }) },
            expected: text('still running, ready for the next client', '다음 클라이언트를 받을 수 있게 계속 실행 중'),
            actual: describeExit(exit),
          });
        }
      },
    },
    {
      id: 'server-on-ipv6',
      title: text('server: HOST=::1 (IPv6 loopback) → "you=[::1]:… me=[::1]:… tcp\\n"', '서버: HOST=::1(IPv6 루프백) → "you=[::1]:… me=[::1]:… tcp\\n"'),
      async run(ctx: Ctx) {
        await requireIpv6(ctx);
        const server = await ctx.startServer({ host: '::1' });
        const peer = await ctx.connect(server.port, ctx.transcript(who.checker, who.server), '::1');
        await expectWhoami(ctx, peer, '::1', server.port);
      },
    },
    {
      id: 'generated-endpoints',
      title: text(
        'server, generated: HOST on other loopback addresses (and ::1), clients at once from other addresses and from the port edges (1024, 65535) → each line exact',
        '서버, 만들어 낸 사례: 다른 루프백 주소(와 ::1)의 HOST, 다른 주소와 포트 끝값(1024, 65535)에서 동시에 접속한 클라이언트 → 줄마다 정확히',
      ),
      limitMs: 20000,
      async run(ctx: Ctx) {
        const ipv6 = await hasIpv6Loopback();
        await checkGenerated(ctx, {
          cases: endpointCases(ipv6),
          examples: endpointExamples(ipv6),
          run: (c, transcript) =>
            asMismatch(async () => {
              const server = await ctx.startServer({ host: c.host });
              const peers = await Promise.all(
                c.clients.map((local, i) => connectFrom(ctx, server.program, c.host, server.port, local, transcript(fill(text('checker (client {n})', '검사기 (클라이언트 {n})'), { n: i + 1 }), who.server))),
              );
              try {
                for (const peer of peers) await expectWhoami(ctx, peer, c.host, server.port);
              } finally {
                for (const peer of peers) peer.destroy();
              }
            }),
          describe: describeEndpoints,
          runs: 20,
          ms: 5000,
        });
      },
    },
    {
      id: 'server-port-in-use',
      title: text('server: its PORT is taken → one clear line on stderr naming the port, exit code 1', '서버: PORT가 이미 사용 중 → 표준 에러에 포트를 밝힌 한 줄, 종료 코드 1'),
      async run(ctx: Ctx) {
        // The checker takes a port first, then starts the learner's server on it.
        const blocker = net.createServer();
        await new Promise<void>((resolve, reject) => {
          blocker.once('error', reject);
          blocker.listen(0, '127.0.0.1', () => resolve());
        });
        try {
          const port = (blocker.address() as net.AddressInfo).port;
          ctx.note(fill(text('Before starting your server, the checker itself listened on 127.0.0.1:{port}, then ran it with PORT={port}.', '검사기가 먼저 127.0.0.1:{port}에서 listen한 다음, 서버를 PORT={port} 설정으로 실행했습니다.'), { port }));
          const program = ctx.startProgram('server.ts', { label: who.server, env: { HOST: '127.0.0.1', PORT: String(port) } });
          const exit = await program.waitExit(5000);
          const expected = fill(text('one line on stderr naming port {port}, then exit code 1', '표준 에러에 포트 번호({port})를 밝힌 한 줄, 그리고 종료 코드 1'), { port });
          if (!exit) {
            const elsewhere = program.listens.find((l) => l.proto === 'tcp');
            ctx.fail('in-use-keeps-running', {
              vars: { port },
              expected,
              actual: elsewhere ? fill(text('it listened on {at} instead', '대신 {at}에서 listen함'), { at: endpoint(elsewhere.address, elsewhere.port) }) : text('still running, not listening anywhere', '어디에서도 listen하지 않은 채 실행 중'),
            });
          }
          const stderr = program.stderr();
          if (crashed(stderr)) {
            ctx.fail('in-use-crash', {
              vars: { port, how: UNHANDLED.test(stderr) ? text("\"Unhandled 'error' event\"", "\"Unhandled 'error' event\"") : text('an uncaught error', '잡히지 않은 오류') },
              expected,
              actual: quoted(errorLines(stderr), 300),
            });
          }
          if (exit.code !== 1) ctx.fail('in-use-exit-code', { vars: { port, how: describeExit(exit) }, expected, actual: describeExit(exit) });
          if (STACK.test(stderr)) ctx.fail('printed-stack-trace', { vars: { who: who.Server, what: text('a taken port', '사용 중인 포트') }, expected, actual: quoted(errorLines(stderr), 300) });
          if (!stderr.includes(String(port))) {
            const actual = text(`stderr: ${stderr ? quoted(stderr, 200) : '(nothing)'}`, `표준 에러: ${stderr ? quoted(stderr, 200) : '(없음)'}`);
            if (program.stdout().includes(String(port))) ctx.fail('error-on-stdout', { vars: { who: who.Server }, expected, actual: text(`stdout: ${quoted(program.stdout(), 200)}`, `표준 출력: ${quoted(program.stdout(), 200)}`) });
            ctx.fail('in-use-message', { vars: { port }, expected, actual });
          }
        } finally {
          await new Promise<void>((resolve) => blocker.close(() => resolve()));
        }
      },
    },
    {
      id: 'client-prints-the-line',
      title: text('client: the server sends one line and closes → exactly that line on stdout, exit 0', '클라이언트: 서버가 한 줄을 보내고 닫음 → 표준 출력에 정확히 그 줄, 종료 코드 0'),
      async run(ctx: Ctx) {
        const { peer, client } = await clientConnected(ctx);
        const line = checkerLine(peer);
        await peer.send(`${line}\n`);
        peer.halfClose();
        await expectClientPrinted(ctx, client, line, { keptOpen: false });
      },
    },
    {
      id: 'client-line-in-pieces',
      title: text('client: a Korean line in three pieces, cut inside characters', '클라이언트: 한글 줄이 세 조각으로, 글자 중간에서 잘려 도착'),
      async run(ctx: Ctx) {
        const { peer, client } = await clientConnected(ctx);
        const line = `안녕하세요, ${endpoint(peer.socket.remoteAddress, peer.socket.remotePort)} 님! 여기는 ${endpoint(peer.socket.localAddress, peer.socket.localPort)} 입니다`;
        const bytes = Buffer.from(`${line}\n`);
        // Cut inside '녕' (bytes 3–5) and inside '님' (3 bytes each).
        const nim = bytes.indexOf(Buffer.from('님'));
        await peer.sendSplitAt(bytes, [4, nim + 2], 150);
        peer.halfClose();
        await expectClientPrinted(ctx, client, line, { keptOpen: false });
      },
    },
    {
      id: 'client-line-then-silence',
      title: text('client: the server sends its line and keeps the connection open → print and exit anyway', '클라이언트: 서버가 줄을 보내고 연결을 열어 둠 → 그래도 출력하고 종료'),
      timing: true,
      async run(ctx: Ctx) {
        const { peer, client } = await clientConnected(ctx);
        const line = checkerLine(peer);
        await peer.send(`${line}\n`);
        // Like a real server, close our side once the client has closed its own.
        void peer.waitClosed(6000).then((how) => {
          if (how === 'fin') peer.halfClose();
        });
        await expectClientPrinted(ctx, client, line, { keptOpen: true });
      },
    },
    {
      id: 'client-closed-before-line',
      title: text('client: the server closes without sending anything → nothing on stdout, exit code 1', '클라이언트: 서버가 아무것도 보내지 않고 닫음 → 표준 출력 없이 종료 코드 1'),
      async run(ctx: Ctx) {
        const { peer, client } = await clientConnected(ctx);
        peer.halfClose();
        await expectEarlyClose(ctx, client);
      },
    },
    {
      id: 'generated-lines-to-your-client',
      title: text(
        'client, generated: lines from the edges of UTF-8 (empty, long, emoji, combining marks, control bytes), more after the \'\\n\', cut at any byte; then FIN, silence, or FIN before the line ends → stdout and exit code exact',
        "클라이언트, 만들어 낸 사례: UTF-8의 가장자리에서 고른 줄(빈 줄, 긴 줄, 이모지, 결합 문자, 제어 바이트), '\\n' 뒤에 더 오는 바이트, 아무 바이트에서나 잘림, 그다음 FIN이나 침묵, 또는 줄이 끝나기 전의 FIN → 표준 출력과 종료 코드가 정확히",
      ),
      limitMs: 20000,
      async run(ctx: Ctx) {
        await checkGenerated(ctx, {
          cases: lineCases,
          examples: lineExamples,
          run: (c, transcript) =>
            asMismatch(async () => {
              const { peer, client } = await clientConnected(ctx, transcript);
              const line = c.line ?? checkerLine(peer);
              const { bytes, cuts } = planOf(c, line);
              await peer.sendSplitAt(bytes, cuts, c.gapMs);
              if (c.ending === 'early') {
                peer.halfClose();
                return expectEarlyClose(ctx, client);
              }
              if (c.ending === 'fin') peer.halfClose();
              else {
                void peer.waitClosed(4000).then((how) => {
                  if (how === 'fin') peer.halfClose();
                });
              }
              await expectClientPrinted(ctx, client, line, { keptOpen: c.ending === 'open', ms: 1500 });
            }),
          describe: (c) => describeLine(c, c.line ?? 'you=127.0.0.1:… me=127.0.0.1:… tcp'),
          runs: 25,
          ms: 5000,
          // Each case is its own client against its own checker server: several at once.
          lanes: 4,
        });
      },
    },
    {
      id: 'client-no-reply',
      title: text('client: the server accepts but never replies → exit code 2 after about 3 s', '클라이언트: 서버가 받기만 하고 답하지 않음 → 약 3초 뒤 종료 코드 2'),
      timing: true,
      limitMs: 16000,
      async run(ctx: Ctx) {
        const { client } = await clientConnected(ctx);
        const accepted = Date.now();
        const limit = 9000;
        // What the client printed in its first 1.5 s, to tell later whether its timeout fired.
        await client.waitExit(1500);
        const early = client.allOutput().length;
        const run = await ctx.finishClient(client, limit - 1500);
        const elapsed = Date.now() - accepted;
        const expected = text(`exit code 2 about ${REPLY_LIMIT_S} s after connecting, nothing on stdout`, `접속하고 약 ${REPLY_LIMIT_S}초 뒤 종료 코드 2, 표준 출력은 비어 있음`);
        if (run.exit === 'timeout') {
          // It printed something after the first 1.5 s: its 'timeout' handler ran, yet it kept waiting.
          const notified = client.allOutput().length > early;
          ctx.fail(notified ? 'timeout-did-not-close' : 'client-no-timeout', { vars: { how: describeExit('timeout', limit) }, expected, actual: describeExit('timeout', limit) });
        }
        if (run.exit.code !== 2 && crashed(run.stderr)) ctx.fail(programFailure('client.ts', run.exit, client, 'during-exchange'));
        if (run.exit.code !== 2) ctx.fail('no-reply-exit-code', { vars: { how: describeExit(run.exit) }, expected, actual: describeExit(run.exit) });
        if (elapsed < 2000) ctx.fail('timeout-too-early', { vars: { ms: elapsed }, expected, actual: fill(text('exit code 2 after {ms} ms', '{ms}ms 뒤 종료 코드 2'), { ms: elapsed }) });
        if (run.stdout !== '') ctx.fail('error-on-stdout', { vars: { who: who.Client }, expected, actual: text(`stdout: ${quoted(run.stdout, 200)}`, `표준 출력: ${quoted(run.stdout, 200)}`) });
      },
    },
    {
      id: 'client-refused',
      title: text('client: nothing listens on the port → ECONNREFUSED on stderr, exit code 1, no stack trace', '클라이언트: 그 포트에서 listen하는 것이 없음 → 표준 에러에 ECONNREFUSED, 종료 코드 1, 스택 트레이스 없음'),
      async run(ctx: Ctx) {
        const port = await freePort();
        ctx.note(fill(text('The checker ran your client with HOST=127.0.0.1 PORT={port}, a port nothing listens on.', '검사기는 아무것도 listen하지 않는 포트를 골라 클라이언트를 HOST=127.0.0.1 PORT={port} 설정으로 실행했습니다.'), { port }));
        const client = ctx.startClient({ port });
        await expectRefused(ctx, client, `127.0.0.1:${port}`);
      },
    },
    {
      id: 'client-refused-localhost',
      title: text("client: HOST=localhost (::1 and 127.0.0.1), neither listening → still says ECONNREFUSED", '클라이언트: HOST=localhost(::1과 127.0.0.1), 둘 다 listen 없음 → 그래도 ECONNREFUSED라고 알림'),
      async run(ctx: Ctx) {
        await requireIpv6(ctx);
        const port = await freePort();
        ctx.note(
          fill(
            text(
              "The checker ran your client with HOST=localhost PORT={port}, where 'localhost' resolves to ::1 and then 127.0.0.1, as on most machines. Nothing listens on either.",
              "검사기는 클라이언트를 HOST=localhost PORT={port} 설정으로 실행했고, 여기서 'localhost'는 대부분의 컴퓨터처럼 ::1, 그다음 127.0.0.1로 풀립니다. 둘 다 listen하는 것이 없습니다.",
            ),
            { port },
          ),
        );
        const client = ctx.startClient({ port, host: 'localhost', env: { NODE_OPTIONS: `--import="${LOCALHOST_BOTH}"` }, sandbox: { readOnly: [fileURLToPath(LOCALHOST_BOTH)] } });
        await expectRefused(ctx, client, `localhost:${port}`);
      },
    },
    {
      id: 'client-ipv6-host',
      title: text('client: HOST=::1 → connects over IPv6 and prints the line', '클라이언트: HOST=::1 → IPv6로 접속해 줄을 출력'),
      async run(ctx: Ctx) {
        await requireIpv6(ctx);
        const t = ctx.transcript(who.client, who.checkerServer);
        const server = await PeerServer.listen(t, '::1');
        try {
          const client = ctx.startClient({ port: server.port, host: '::1' });
          const peer = await server.accept(4000, client.exited);
          if (!peer) {
            const exit = client.exitInfo;
            ctx.fail('client-ignores-host', {
              vars: { port: server.port, how: exit ? describeExit(exit) : text('no connection within 4 s', '4초 안에 연결 없음') },
              expected: fill(text('a connection to [::1]:{port} (HOST=::1)', '[::1]:{port} 주소로의 연결(HOST=::1)'), { port: server.port }),
              actual: printedOrNothing(client.stderr()),
            });
          }
          const line = checkerLine(peer);
          await peer.send(`${line}\n`);
          peer.halfClose();
          await expectClientPrinted(ctx, client, line, { keptOpen: false });
        } finally {
          await server.close();
        }
      },
    },
    {
      id: 'your-client-with-your-server',
      title: text('together: your client ↔ your server', '함께: 내 클라이언트 ↔ 내 서버'),
      async run(ctx: Ctx) {
        const server = await ctx.startServer();
        const client = ctx.startClient({ port: server.port });
        const run = await ctx.finishClient(client, 5000);
        const shape = new RegExp(`^you=127\\.0\\.0\\.1:(\\d+) me=127\\.0\\.0\\.1:${server.port} tcp$`);
        const expected = quoted(`you=127.0.0.1:<your client's port> me=127.0.0.1:${server.port} tcp\n`);
        if (run.exit === 'timeout') {
          const how = describeExit('timeout', 5000);
          if (linesOf(run.stdout).some((l) => shape.test(l))) ctx.fail('client-keeps-socket-open', { vars: { how }, expected, actual: quoted(run.stdout, 200) });
          ctx.fail('client-did-not-finish', { vars: { how }, expected, actual: printedOrNothing(run.stdout) });
        }
        if (run.exit.code !== 0) ctx.fail({ ...programFailure('client.ts', run.exit, client, 'during-exchange'), expected: text('exit code 0', '종료 코드 0'), actual: describeExit(run.exit, 5000) });
        // Exactly one line, the whoami line of this connection: nothing else on stdout.
        const found = /^(.*)\n$/.exec(run.stdout.replace(/\r\n$/, '\n'));
        const m = found ? shape.exec(found[1]!) : null;
        if (!m || Number(m[1]) === server.port) ctx.fail('client-wrong-output', { expected, actual: printedOrNothing(run.stdout) });
      },
    },
  ],
});
