/**
 * Lesson 01 — every failure its checks can report, once, in both languages. The scenarios
 * name a reason and give its facts; the README's "Mistakes" section explains each id.
 */
import { text } from '../../../src/i18n.ts';
import { defineMistakes } from '../../../src/checks/mistakes.ts';

export const mistakes = defineMistakes({
  'server-waits-for-newline': {
    summary: text(
      'The Python-style message "hello server" (no newline) got no reply within 2 s.',
      'Python 방식의 메시지 "hello server"(줄바꿈 없음)에 2초 안에 답이 없었습니다.',
    ),
    cause: text(
      "Your server waits for a '\\n', but the source's Python client sends \"hello server\" without one and then waits for the reply: both wait forever.",
      "서버가 '\\n'을 기다리는데, 원문의 Python 클라이언트는 줄바꿈 없이 \"hello server\"를 보내고 답을 기다립니다. 둘 다 영원히 기다리게 됩니다.",
    ),
    fix: text(
      "In this lesson, answer the first chunk that arrives, as the source's recv(1024) does (lesson 04 builds real line framing).",
      '이 레슨에서는 원문의 recv(1024)처럼 처음 도착한 덩어리에 바로 답하세요(진짜 줄 단위 처리는 레슨 04에서 합니다).',
    ),
    section: 'one-recv-one-message',
  },
  'no-reply': {
    summary: text('Your server did not reply within 2 s.', '서버가 2초 안에 답하지 않았습니다.'),
    cause: text("It never wrote to the socket: is the reply inside the socket's 'data' handler?", "소켓에 쓰지 않았습니다. 답장을 소켓의 'data' 핸들러 안에서 보내나요?"),
    fix: text("socket.once('data', (data) => { console.log(…); socket.end('hello client\\n'); })", "socket.once('data', (data) => { console.log(…); socket.end('hello client\\n'); })"),
    section: 'the-server-step-by-step',
  },
  'no-fin': {
    summary: text('Your server replied but did not close the connection.', '서버가 답은 했지만 연결을 닫지 않았습니다.'),
    cause: text(
      "The source's Python client prints what it has only when the server closes; without a close it waits forever.",
      '원문의 Python 클라이언트는 서버가 연결을 닫아야 받은 것을 출력합니다. 닫지 않으면 영원히 기다립니다.',
    ),
    fix: text("Reply with socket.end('hello client\\n'): it writes, then sends FIN (⑥ close).", "socket.end('hello client\\n')로 답하세요. 쓰고 나서 FIN을 보냅니다(⑥ 종료)."),
    section: 'the-server-step-by-step',
  },
  'reply-without-newline': {
    summary: text('The reply has no newline at the end.', '답장 끝에 줄바꿈이 없습니다.'),
    cause: text("The source's Java client reads with readLine(), which returns at '\\n' (or at close).", "원문의 Java 클라이언트는 readLine()으로 읽는데, '\\n'(또는 종료)을 만나야 돌아옵니다."),
    fix: text("socket.end('hello client\\n')", "socket.end('hello client\\n')"),
    section: 'the-exchange',
  },
  'wrong-reply': {
    summary: text('The reply is not "hello client\\n".', '답장이 "hello client\\n"이 아닙니다.'),
    cause: text('The server must answer exactly "hello client" followed by a newline, byte for byte.', '서버는 바이트 하나 다르지 않게 정확히 "hello client"와 줄바꿈으로 답해야 합니다.'),
    fix: text("socket.end('hello client\\n')", "socket.end('hello client\\n')"),
    section: 'the-exchange',
  },
  'server-did-not-print': {
    summary: text('{who} did not print the message it received ({exp}) on a line of its own.', '{who}이(가) 받은 메시지({exp})를 한 줄로 출력하지 않았습니다.'),
    cause: text("The server prints the message it received, like the source's print(data.decode()).", '서버는 받은 메시지를 출력해야 합니다. 원문의 print(data.decode())처럼요.'),
    fix: text("console.log(data.toString('utf8').trimEnd())", "console.log(data.toString('utf8').trimEnd())"),
    section: 'the-server-step-by-step',
  },
  'server-keeps-running': {
    summary: text('Your server was still running 2 s after serving its client.', '클라이언트를 처리하고 2초가 지나도 서버가 실행 중이었습니다.'),
    cause: text(
      "The listening socket keeps the program alive. The source's server serves one client and then closes it: server_socket.close().",
      '리스닝 소켓이 프로그램을 계속 살려 둡니다. 원문의 서버는 클라이언트 하나를 처리한 뒤 리스닝 소켓을 닫습니다: server_socket.close().',
    ),
    fix: text('Call server.close() once a client has connected.', '클라이언트가 접속하면 server.close()를 호출하세요.'),
    section: 'the-server-step-by-step',
  },
  'request-without-newline': {
    summary: text('Your client sent "hello server" without a newline.', '클라이언트가 줄바꿈 없이 "hello server"를 보냈습니다.'),
    cause: text("The source's Java server reads with readLine(): without '\\n' it never knows the message ended.", "원문의 Java 서버는 readLine()으로 읽습니다. '\\n'이 없으면 메시지가 끝났는지 알 수 없습니다."),
    fix: text("In the connect callback: socket.write('hello server\\n')", "connect 콜백에서: socket.write('hello server\\n')"),
    section: 'the-client-step-by-step',
  },
  'no-request': {
    summary: text('Your client did not send "hello server\\n".', '클라이언트가 "hello server\\n"을 보내지 않았습니다.'),
    cause: text('The client should send its greeting as soon as it is connected.', '클라이언트는 접속하자마자 인사를 보내야 합니다.'),
    fix: text("In the connect callback: socket.write('hello server\\n')", "connect 콜백에서: socket.write('hello server\\n')"),
    section: 'the-client-step-by-step',
  },
  'wrong-request': {
    summary: text('Your client sent something other than "hello server\\n".', '클라이언트가 "hello server\\n"이 아닌 것을 보냈습니다.'),
    cause: text('The client sends exactly "hello server" and a newline, nothing before it.', '클라이언트는 정확히 "hello server"와 줄바꿈만 보냅니다. 그 앞에 다른 것을 붙이지 않습니다.'),
    fix: text("socket.write('hello server\\n')", "socket.write('hello server\\n')"),
    section: 'the-exchange',
  },
  'client-printed-first-chunk': {
    summary: text('Your client printed only the first piece of the reply.', '클라이언트가 답장의 첫 조각만 출력했습니다.'),
    cause: text(
      "TCP delivers a byte stream: the reply arrived in more than one 'data' event. Printing the first one shows part of the message.",
      "TCP는 바이트 스트림을 전달합니다. 답장이 'data' 이벤트 여러 번에 나뉘어 왔고, 첫 번째만 출력하면 메시지의 일부만 보입니다.",
    ),
    fix: text("Collect the chunks, and print them in socket.on('end', …), when the server has closed.", "덩어리를 모아 두었다가 서버가 닫을 때 socket.on('end', …)에서 출력하세요."),
    section: 'the-client-step-by-step',
  },
  'client-did-not-print-reply': {
    summary: text('{who} did not print exactly {exp}: its stdout holds that line and nothing else.', '{who}이(가) 정확히 {exp}만 출력하지 않았습니다. 표준 출력에는 그 한 줄만 있어야 합니다.'),
    cause: text(
      "The client prints the reply it receives, like the source's print(data.decode()), without the reply's own '\\n' (console.log adds one). Logs go to stderr.",
      "클라이언트는 원문의 print(data.decode())처럼 받은 답장을 출력합니다. 답장의 '\\n'은 빼고요(console.log가 하나 붙입니다). 로그는 표준 에러로 보내세요.",
    ),
    fix: text("socket.on('end', () => console.log(Buffer.concat(chunks).toString('utf8').trimEnd())); logs with console.error", "socket.on('end', () => console.log(Buffer.concat(chunks).toString('utf8').trimEnd())); 로그는 console.error로"),
    section: 'the-client-step-by-step',
  },
  'together-server-kept-open': {
    summary: text(
      'Your client was still waiting 3 s later, and your server had not closed the connection.',
      '3초가 지나도 클라이언트는 기다리고 있었고, 서버는 연결을 닫지 않았습니다.',
    ),
    cause: text(
      "Your client waits for the server to close, as the source's Python client does ('end'). Your server is still running: it did not end the connection (or did not stop listening).",
      "클라이언트는 원문의 Python 클라이언트처럼 서버가 닫기를('end') 기다립니다. 서버가 아직 실행 중이니 연결을 끝내지 않았습니다(또는 listen을 멈추지 않았습니다).",
    ),
    fix: text(
      "In the server, reply with socket.end('hello client\\n') and call server.close(). The server checks above show it alone.",
      "서버에서 socket.end('hello client\\n')로 답하고 server.close()를 호출하세요. 위의 서버 검사가 서버만 따로 보여 줍니다.",
    ),
    section: 'the-server-step-by-step',
  },
  'interop-client-failed': {
    summary: text('The {who} did not finish: {how}.', '{who}이(가) 끝나지 못했습니다: {how}.'),
    cause: text(
      'It waits for "hello client" ending in a newline (Java) or for the server to close (Python).',
      'Java 클라이언트는 줄바꿈으로 끝나는 "hello client"를, Python 클라이언트는 서버가 닫기를 기다립니다.',
    ),
    section: 'one-recv-one-message',
  },
  'interop-client-wrong-output': {
    summary: text('The {who} did not print {exp}.', '{who}이(가) {exp}을(를) 출력하지 않았습니다.'),
    cause: text('It prints what your server replied: the reply must be exactly "hello client\\n".', '이 클라이언트는 서버가 답한 것을 출력합니다. 답은 정확히 "hello client\\n"이어야 합니다.'),
    fix: text("socket.end('hello client\\n')", "socket.end('hello client\\n')"),
    section: 'the-exchange',
  },
  'interop-server-failed': {
    summary: text('Your client did not finish with the {who}: {how}.', '{who}와(과) 함께 클라이언트가 끝나지 못했습니다: {how}.'),
    cause: text(
      "The Java server reads a line: your client must end its message with '\\n'. The Python server replies without a newline and closes: print on 'end'.",
      "Java 서버는 한 줄을 읽으므로 메시지를 '\\n'으로 끝내야 합니다. Python 서버는 줄바꿈 없이 답하고 닫으므로 'end'에서 출력하세요.",
    ),
    section: 'one-recv-one-message',
  },
  'interop-server-did-not-receive': {
    summary: text('The {who} did not receive {exp}.', '{who}이(가) {exp}을(를) 받지 못했습니다.'),
    cause: text('The source\'s server prints what it received: your client must send "hello server\\n" once connected.', '원문의 서버는 받은 것을 출력합니다. 클라이언트는 접속하면 "hello server\\n"을 보내야 합니다.'),
    fix: text("In the connect callback: socket.write('hello server\\n')", "connect 콜백에서: socket.write('hello server\\n')"),
    section: 'the-client-step-by-step',
  },
  'source-server-never-reached': {
    summary: text('Your client ended without talking to the {who}: {how}.', '클라이언트가 {who}와(과) 대화하지 않고 끝났습니다: {how}.'),
    cause: text(
      'The client must connect to HOST and PORT from the environment (the checker passes the source server\'s own).',
      '클라이언트는 환경 변수 HOST와 PORT로 접속해야 합니다(검사기가 원문 서버의 주소를 넘겨 줍니다).',
    ),
    fix: text("net.connect({ host: process.env.HOST ?? '127.0.0.1', port: Number(process.env.PORT ?? 8080) })", "net.connect({ host: process.env.HOST ?? '127.0.0.1', port: Number(process.env.PORT ?? 8080) })"),
    section: 'course:the-program-contract',
  },
});

export type Reason = keyof typeof mistakes;
