/**
 * Lesson 01 — hidden checks. The exchange is the source's own: the client sends
 * "hello server", the server prints it, replies "hello client" and both close. The learner's
 * programs must work with the source's Python and Java programs, which differ in one detail
 * that matters: Python sends without a newline and reads one chunk; Java reads a line.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  acceptClient,
  CONNECT_WHERE_TOLD,
  defineScenarios,
  describeExit,
  expectClientSuccess,
  expectPrinted,
  fill,
  programFailure,
  quoted,
  text,
  type FailureDetails,
  type PeerSocket,
  type ScenarioContext,
  type StartedServer,
  type Text,
} from '../../../src/checks/kit.ts';

const INTEROP = path.join(path.dirname(fileURLToPath(import.meta.url)), 'interop');
const REPLY = 'hello client\n';
const REQUEST = 'hello server';

const who = {
  checker: text('checker (client)', '검사기 (클라이언트)'),
  checkerServer: text('checker (server)', '검사기 (서버)'),
  server: text('your server', '내 서버'),
  client: text('your client', '내 클라이언트'),
  pyClient: text('Python client', 'Python 클라이언트'),
  pyServer: text('Python server', 'Python 서버'),
  javaClient: text('Java client', 'Java 클라이언트'),
  javaServer: text('Java server', 'Java 서버'),
};

/** Reads the server's whole reply (up to its FIN) and holds it to "hello client\n". */
async function expectHelloReply(ctx: ScenarioContext, peer: PeerSocket, server: StartedServer, sentNewline: boolean): Promise<void> {
  const { bytes, how } = await peer.readToClose(2000);
  const reply = bytes.toString('utf8');
  if (how === 'timeout') {
    if (reply === '') {
      ctx.fail(
        sentNewline
          ? {
              reason: 'no-reply',
              summary: text('Your server did not reply within 2 s.', '서버가 2초 안에 답하지 않았습니다.'),
              expected: quoted(REPLY),
              actual: text('nothing', '아무것도 오지 않음'),
              cause: text("It never wrote to the socket: is the reply inside the socket's 'data' handler?", "소켓에 쓰지 않았습니다. 답장을 소켓의 'data' 핸들러 안에서 보내나요?"),
              fix: text("socket.once('data', (data) => { console.log(…); socket.end('hello client\\n'); })", "socket.once('data', (data) => { console.log(…); socket.end('hello client\\n'); })"),
              section: 'the-server-step-by-step',
            }
          : {
              reason: 'server-waits-for-newline',
              summary: text(
                'The Python-style message "hello server" (no newline) got no reply within 2 s.',
                'Python 방식의 메시지 "hello server"(줄바꿈 없음)에 2초 안에 답이 없었습니다.',
              ),
              expected: quoted(REPLY),
              actual: text('nothing', '아무것도 오지 않음'),
              cause: text(
                "Your server waits for a '\\n', but the source's Python client sends \"hello server\" without one and then waits for the reply: both wait forever.",
                "서버가 '\\n'을 기다리는데, 원문의 Python 클라이언트는 줄바꿈 없이 \"hello server\"를 보내고 답을 기다립니다. 둘 다 영원히 기다리게 됩니다.",
              ),
              fix: text(
                'In this lesson, answer the first chunk that arrives, as the source\'s recv(1024) does (lesson 04 builds real line framing).',
                "이 레슨에서는 원문의 recv(1024)처럼 처음 도착한 덩어리에 바로 답하세요(진짜 줄 단위 처리는 레슨 04에서 합니다).",
              ),
              section: 'one-recv-one-message',
            },
      );
    }
    if (reply === REPLY || reply === REPLY.trimEnd()) {
      ctx.fail({
        reason: 'no-fin',
        summary: text('Your server replied but did not close the connection.', '서버가 답은 했지만 연결을 닫지 않았습니다.'),
        expected: text(`${quoted(REPLY)} then FIN (close)`, `${quoted(REPLY)} 다음 FIN(종료)`),
        actual: text(`${quoted(reply)}, and the connection stayed open for 2 s`, `${quoted(reply)}, 그리고 2초 동안 연결이 열려 있음`),
        cause: text(
          "The source's Python client prints what it has only when the server closes; without a close it waits forever.",
          '원문의 Python 클라이언트는 서버가 연결을 닫아야 받은 것을 출력합니다. 닫지 않으면 영원히 기다립니다.',
        ),
        fix: text("Reply with socket.end('hello client\\n'): it writes, then sends FIN (⑥ close).", "socket.end('hello client\\n')로 답하세요. 쓰고 나서 FIN을 보냅니다(⑥ 종료)."),
        section: 'the-server-step-by-step',
      });
    }
  }
  if (reply !== REPLY) {
    const noNewline = reply === REPLY.trimEnd();
    ctx.fail({
      reason: noNewline ? 'reply-without-newline' : 'wrong-reply',
      summary: noNewline
        ? text('The reply has no newline at the end.', '답장 끝에 줄바꿈이 없습니다.')
        : text('The reply is not "hello client\\n".', '답장이 "hello client\\n"이 아닙니다.'),
      expected: quoted(REPLY),
      actual: reply ? quoted(reply) : text(`nothing, then ${how === 'rst' ? 'RST' : 'FIN'}`, `아무것도 없이 ${how === 'rst' ? 'RST' : 'FIN'}`),
      cause: noNewline
        ? text("The source's Java client reads with readLine(), which returns at '\\n' (or at close).", "원문의 Java 클라이언트는 readLine()으로 읽는데, '\\n'(또는 종료)을 만나야 돌아옵니다.")
        : text('The server must answer exactly "hello client" followed by a newline.', '서버는 정확히 "hello client"와 줄바꿈으로 답해야 합니다.'),
      fix: text("socket.end('hello client\\n')", "socket.end('hello client\\n')"),
      section: 'the-exchange',
    });
  }
  const printed = server.program.stdout();
  if (!printed.includes(REQUEST)) {
    await server.program.waitExit(300); // let the last print arrive
  }
  expectPrinted(ctx, who.server, server.program.stdout(), REQUEST, 'server-did-not-print', {
    cause: text('The server prints the message it received, like the source\'s print(data.decode()).', '서버는 받은 메시지를 출력해야 합니다. 원문의 print(data.decode())처럼요.'),
    fix: text("console.log(data.toString('utf8').trimEnd())", "console.log(data.toString('utf8').trimEnd())"),
    section: 'the-server-step-by-step',
  });
}

/** After its one client the server stops listening and exits 0, as the source's does. */
async function expectServerDone(ctx: ScenarioContext, server: StartedServer): Promise<void> {
  const exit = await server.program.waitExit(2000);
  if (!exit) {
    ctx.fail({
      reason: 'server-keeps-running',
      summary: text('Your server was still running 2 s after serving its client.', '클라이언트를 처리하고 2초가 지나도 서버가 실행 중이었습니다.'),
      cause: text(
        "The listening socket keeps the program alive. The source's server serves one client and then closes it: server_socket.close().",
        '리스닝 소켓이 프로그램을 계속 살려 둡니다. 원문의 서버는 클라이언트 하나를 처리한 뒤 리스닝 소켓을 닫습니다: server_socket.close().',
      ),
      fix: text('Call server.close() once a client has connected.', '클라이언트가 접속하면 server.close()를 호출하세요.'),
      section: 'the-server-step-by-step',
    });
  }
  if (exit.code !== 0) ctx.fail(programFailure('server.ts', exit, server.program, 'during-exchange'));
}

async function serverScenario(ctx: ScenarioContext, message: string): Promise<void> {
  const server = await ctx.startServer();
  const t = ctx.transcript(who.checker, who.server);
  const peer = await ctx.connect(server.port, t);
  await peer.send(message);
  await expectHelloReply(ctx, peer, server, message.endsWith('\n'));
  peer.halfClose(); // like the source's clients, close our side once the reply is in
  await expectServerDone(ctx, server);
}

/** The checker plays a server; `reply` writes its answer once the request is in. */
async function clientScenario(
  ctx: ScenarioContext,
  reply: (peer: PeerSocket) => Promise<void>,
): Promise<void> {
  const t = ctx.transcript(who.client, who.checkerServer);
  const server = await ctx.listenPeer(t);
  const client = ctx.startClient({ port: server.port });
  const peer = await acceptClient(ctx, server, client);
  const line = await peer.readLine(2000);
  if (!line.ok) {
    const partial = line.partial.toString('utf8');
    ctx.fail({
      reason: partial.startsWith(REQUEST) ? 'request-without-newline' : 'no-request',
      summary: partial.startsWith(REQUEST)
        ? text('Your client sent "hello server" without a newline.', '클라이언트가 줄바꿈 없이 "hello server"를 보냈습니다.')
        : text('Your client did not send "hello server\\n".', '클라이언트가 "hello server\\n"을 보내지 않았습니다.'),
      expected: quoted(`${REQUEST}\n`),
      actual: partial ? quoted(partial) : line.reason === 'closed' ? text(`nothing, then ${line.how.toUpperCase()}`, `아무것도 없이 ${line.how.toUpperCase()}`) : text('nothing within 2 s', '2초 동안 아무것도 없음'),
      cause: partial.startsWith(REQUEST)
        ? text("The source's Java server reads with readLine(): without '\\n' it never knows the message ended.", "원문의 Java 서버는 readLine()으로 읽습니다. '\\n'이 없으면 메시지가 끝났는지 알 수 없습니다.")
        : text('The client should send its greeting as soon as it is connected.', '클라이언트는 접속하자마자 인사를 보내야 합니다.'),
      fix: text("In the connect callback: socket.write('hello server\\n')", "connect 콜백에서: socket.write('hello server\\n')"),
      section: 'the-client-step-by-step',
    });
  }
  if (line.value.toString('utf8').replace(/\r$/, '') !== REQUEST) {
    ctx.fail({
      reason: 'wrong-request',
      summary: text('Your client sent something other than "hello server".', '클라이언트가 "hello server"가 아닌 것을 보냈습니다.'),
      expected: quoted(`${REQUEST}\n`),
      actual: quoted(Buffer.concat([line.value, Buffer.from('\n')])),
      section: 'the-exchange',
    });
  }
  await reply(peer);
  const run = await expectClientSuccess(ctx, client, 3000);
  if (!run.stdout.split('\n').map((l) => l.trimEnd()).includes('hello client')) {
    const first = run.stdout.trim();
    const firstChunk = first !== '' && 'hello client'.startsWith(first);
    ctx.fail({
      reason: firstChunk ? 'client-printed-first-chunk' : 'client-did-not-print-reply',
      summary: firstChunk
        ? text('Your client printed only the first piece of the reply.', '클라이언트가 답장의 첫 조각만 출력했습니다.')
        : text('Your client did not print "hello client".', '클라이언트가 "hello client"를 출력하지 않았습니다.'),
      expected: quoted('hello client\n'),
      actual: run.stdout ? quoted(run.stdout) : text('(nothing)', '(출력 없음)'),
      cause: firstChunk
        ? text(
            "TCP delivers a byte stream: the reply arrived in two 'data' events. Printing the first one shows half the message.",
            "TCP는 바이트 스트림을 전달합니다. 답장이 'data' 이벤트 두 번에 나뉘어 왔고, 첫 번째만 출력하면 메시지의 절반만 보입니다.",
          )
        : text('The client prints the reply it receives, like the source\'s print(data.decode()).', '클라이언트는 받은 답장을 출력해야 합니다. 원문의 print(data.decode())처럼요.'),
      fix: text("Collect the chunks, and print them in socket.on('end', …), when the server has closed.", "덩어리를 모아 두었다가 서버가 닫을 때 socket.on('end', …)에서 출력하세요."),
      section: 'the-client-step-by-step',
    });
  }
}

/** Together, neither ended: the lesson's client waits for the server's close, which never came. */
function serverKeptTogetherOpen(): FailureDetails {
  return {
    reason: 'no-fin',
    summary: text(
      'Your client was still waiting 3 s later, and your server had not closed the connection.',
      '3초가 지나도 클라이언트는 기다리고 있었고, 서버는 연결을 닫지 않았습니다.',
    ),
    expected: text('the server replies and closes (FIN); the client prints the reply and exits', '서버가 답하고 닫으면(FIN) 클라이언트가 답장을 출력하고 종료'),
    actual: text('both programs still running', '두 프로그램 모두 실행 중'),
    cause: text(
      "Your client waits for the server to close, as the source's Python client does ('end'). Your server is still running: it did not end the connection (or did not stop listening).",
      "클라이언트는 원문의 Python 클라이언트처럼 서버가 닫기를('end') 기다립니다. 서버가 아직 실행 중이니 연결을 끝내지 않았습니다(또는 listen을 멈추지 않았습니다).",
    ),
    fix: text("In the server, reply with socket.end('hello client\\n') and call server.close(). The server checks above show it alone.", "서버에서 socket.end('hello client\\n')로 답하고 server.close()를 호출하세요. 위의 서버 검사가 서버만 따로 보여 줍니다."),
    section: 'the-server-step-by-step',
  };
}

/** The source's own program (Python or Java) against one of the learner's. */
function interop(id: string, title: Text, run: (ctx: ScenarioContext) => Promise<void>) {
  return { id, title, run };
}

export default defineScenarios([
  {
    id: 'server-answers-a-line',
    title: text('server: "hello server\\n" (as the Java client sends it) → "hello client\\n", then close', '서버: "hello server\\n"(Java 클라이언트 방식) → "hello client\\n" 후 종료'),
    run: (ctx) => serverScenario(ctx, `${REQUEST}\n`),
  },
  {
    id: 'server-answers-without-newline',
    title: text('server: "hello server" with no newline (as the Python client sends it) → "hello client\\n"', '서버: 줄바꿈 없는 "hello server"(Python 클라이언트 방식) → "hello client\\n"'),
    run: (ctx) => serverScenario(ctx, REQUEST),
  },
  {
    id: 'client-sends-and-prints',
    title: text('client: sends "hello server\\n", prints the reply, exits 0', '클라이언트: "hello server\\n"을 보내고 답장을 출력한 뒤 종료 코드 0'),
    run: (ctx) => clientScenario(ctx, async (peer) => {
      await peer.send(REPLY);
      peer.halfClose();
    }),
  },
  {
    id: 'client-reply-in-two-pieces',
    title: text('client: the reply arrives in two pieces ("hello " … "client\\n")', '클라이언트: 답장이 두 조각("hello " … "client\\n")으로 도착'),
    run: (ctx) => clientScenario(ctx, async (peer) => {
      await peer.sendPieces(['hello ', 'client\n'], 150);
      peer.halfClose();
    }),
  },
  {
    id: 'client-reply-without-newline',
    title: text('client: a reply with no newline, then close (as the Python server does)', '클라이언트: 줄바꿈 없는 답장 후 종료(Python 서버 방식)'),
    run: (ctx) => clientScenario(ctx, async (peer) => {
      await peer.send('hello client');
      peer.halfClose();
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
      if (!exited && !server.program.done) ctx.fail(serverKeptTogetherOpen());
      const run = await expectClientSuccess(ctx, client, exited ? 0 : 500);
      expectPrinted(ctx, who.client, run.stdout, 'hello client', 'client-did-not-print-reply');
      await expectServerDone(ctx, server);
      expectPrinted(ctx, who.server, server.program.stdout(), REQUEST, 'server-did-not-print');
    },
  },
  interop('python-client-to-your-server', text("source's Python client → your server", '원문의 Python 클라이언트 → 내 서버'), async (ctx) => {
    const server = await ctx.startServer();
    const py = ctx.startPython(path.join(INTEROP, 'client.py'), { label: who.pyClient, env: { PORT: String(server.port) } });
    await expectExternalClient(ctx, py, who.pyClient, 'hello client');
    await expectServerDone(ctx, server);
    expectPrinted(ctx, who.server, server.program.stdout(), REQUEST, 'server-did-not-print');
  }),
  interop('java-client-to-your-server', text("source's Java client → your server", '원문의 Java 클라이언트 → 내 서버'), async (ctx) => {
    const server = await ctx.startServer();
    const java = ctx.startJava(path.join(INTEROP, 'Client.java'), { label: who.javaClient, env: { PORT: String(server.port) } });
    await expectExternalClient(ctx, java, who.javaClient, 'hello client');
    await expectServerDone(ctx, server);
    expectPrinted(ctx, who.server, server.program.stdout(), REQUEST, 'server-did-not-print');
  }),
  interop('your-client-to-python-server', text("your client → source's Python server", "내 클라이언트 → 원문의 Python 서버"), async (ctx) => {
    const py = ctx.startPython(path.join(INTEROP, 'server.py'), { label: who.pyServer, env: { PORT: '0' } });
    await yourClientToExternalServer(ctx, py, who.pyServer);
  }),
  interop('your-client-to-java-server', text("your client → source's Java server", '내 클라이언트 → 원문의 Java 서버'), async (ctx) => {
    const java = ctx.startJava(path.join(INTEROP, 'Server.java'), { label: who.javaServer, env: { PORT: '0' } });
    await yourClientToExternalServer(ctx, java, who.javaServer);
  }),
]);

type Program = ReturnType<ScenarioContext['startProgram']>;

async function expectExternalClient(ctx: ScenarioContext, program: Program, label: Text, expected: string): Promise<void> {
  const exit = await program.waitExit(8000);
  if (!exit || exit.code !== 0) {
    ctx.fail({
      reason: 'interop-client-failed',
      summary: fill(text('The {who} did not finish: {how}.', '{who}이(가) 끝나지 못했습니다: {how}.'), { who: label, how: describeExit(exit ?? 'timeout', 8000) }),
      cause: text(
        'It waits for "hello client" ending in a newline (Java) or for the server to close (Python).',
        'Java 클라이언트는 줄바꿈으로 끝나는 "hello client"를, Python 클라이언트는 서버가 닫기를 기다립니다.',
      ),
      section: 'one-recv-one-message',
    });
  }
  expectPrinted(ctx, label, program.stdout(), expected, 'interop-client-wrong-output');
}

async function yourClientToExternalServer(ctx: ScenarioContext, server: Program, label: Text): Promise<void> {
  const ready = await server.waitListening('tcp', 8000);
  if (ready === 'timeout' || !('proto' in ready)) throw new Error(`${label.en} did not start: ${server.allOutput()}`);
  const client = ctx.startClient({ port: ready.port });
  const run = await ctx.finishClient(client, 8000);
  // The source's servers serve one client and exit: one still waiting was never reached.
  if (run.exit !== 'timeout' && !(await server.waitExit(2000))) {
    ctx.fail({
      reason: 'client-never-connected',
      summary: fill(text('Your client ended without talking to the {who}: {how}.', '클라이언트가 {who}와(과) 대화하지 않고 끝났습니다: {how}.'), { who: label, how: describeExit(run.exit) }),
      ...CONNECT_WHERE_TOLD,
    });
  }
  if (run.exit === 'timeout' || run.exit.code !== 0) {
    ctx.fail({
      reason: 'interop-server-failed',
      summary: fill(text('Your client did not finish with the {who}: {how}.', '{who}와(과) 함께 클라이언트가 끝나지 못했습니다: {how}.'), { who: label, how: describeExit(run.exit, 8000) }),
      cause: text(
        "The Java server reads a line: your client must end its message with '\\n'. The Python server replies without a newline and closes: print on 'end'.",
        "Java 서버는 한 줄을 읽으므로 메시지를 '\\n'으로 끝내야 합니다. Python 서버는 줄바꿈 없이 답하고 닫으므로 'end'에서 출력하세요.",
      ),
      section: 'one-recv-one-message',
    });
  }
  expectPrinted(ctx, who.client, run.stdout, 'hello client', 'client-did-not-print-reply');
  await server.waitExit(3000);
  expectPrinted(ctx, label, server.stdout(), REQUEST, 'interop-server-did-not-receive');
}
