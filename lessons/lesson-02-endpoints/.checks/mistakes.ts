/**
 * Lesson 02 — every failure its checks can report, once, in both languages. The scenarios
 * name a reason and give its facts; the README's "Mistakes" section explains each id.
 */
import { text } from '../../../src/i18n.ts';
import { defineMistakes } from '../../../src/checks/mistakes.ts';

const TIMEOUT_UNIT = {
  cause: text(
    "socket.setTimeout takes milliseconds. setTimeout(3) gives up after 3 ms; Python's settimeout(3) means 3 seconds.",
    'socket.setTimeout은 밀리초 단위입니다. setTimeout(3)은 3ms 만에 포기합니다. Python의 settimeout(3)은 3초이지만요.',
  ),
  fix: text('socket.setTimeout(3000)', 'socket.setTimeout(3000)'),
};

export const mistakes = defineMistakes({
  // ─── the server's line ───
  'server-no-line': {
    summary: text('Your server sent no line: {how}.', '서버가 줄을 보내지 않았습니다: {how}.'),
    cause: text(
      'The whoami server speaks first: the client sends nothing, so there is nothing to wait for. Write the line as soon as the connection is accepted.',
      'whoami 서버는 먼저 말합니다. 클라이언트는 아무것도 보내지 않으니 기다릴 것이 없습니다. 연결을 받자마자 줄을 쓰세요.',
    ),
    fix: text('In the function given to net.createServer: socket.end(`you=… me=… tcp\\n`).', 'net.createServer에 넘긴 함수 안에서: socket.end(`you=… me=… tcp\\n`).'),
    section: 'the-exchange',
  },
  'line-without-newline': {
    summary: text('Your server sent its line without a newline at the end.', '서버가 줄 끝에 줄바꿈 없이 보냈습니다.'),
    cause: text(
      "A line ends with '\\n'. A client that reads one line (yours, or Java's readLine()) cannot know the line is complete without it.",
      "줄은 '\\n'으로 끝납니다. 한 줄을 읽는 클라이언트(내 클라이언트나 Java의 readLine())는 줄바꿈이 없으면 줄이 끝났는지 알 수 없습니다.",
    ),
    fix: text('socket.end(`you=${you} me=${me} tcp\\n`)', 'socket.end(`you=${you} me=${me} tcp\\n`)'),
    section: 'the-exchange',
  },
  'bad-line-format': {
    summary: text('The line is not of the form "you=ADDRESS:PORT me=ADDRESS:PORT tcp".', '줄이 "you=주소:포트 me=주소:포트 tcp" 형식이 아닙니다.'),
    cause: text('Three fields separated by single spaces: you=…, me=…, and the protocol, and nothing else on the line.', '필드 세 개를 공백 하나로 구분합니다: you=…, me=…, 그리고 프로토콜. 줄에는 그 밖의 것이 없습니다.'),
    fix: text('socket.end(`you=${you} me=${me} tcp\\n`)', 'socket.end(`you=${you} me=${me} tcp\\n`)'),
    section: 'the-exchange',
  },
  'endpoints-swapped': {
    summary: text('you= and me= are swapped.', 'you=와 me=가 서로 바뀌었습니다.'),
    cause: text(
      "On the server's socket, remoteAddress/remotePort are the other end (the client: you=), and localAddress/localPort are the server's own end (me=).",
      '서버 쪽 소켓에서 remoteAddress/remotePort는 상대편 끝(클라이언트: you=)이고, localAddress/localPort는 서버 자신의 끝(me=)입니다.',
    ),
    fix: text('you = socket.remoteAddress:socket.remotePort, me = socket.localAddress:socket.localPort.', 'you = socket.remoteAddress:socket.remotePort, me = socket.localAddress:socket.localPort.'),
    section: 'addresses-and-ports',
  },
  'ipv6-without-brackets': {
    summary: text('An IPv6 address is written without brackets.', 'IPv6 주소를 대괄호 없이 썼습니다.'),
    cause: text(
      'An IPv6 address has colons of its own: in "::1:41003" nobody can tell where the address ends and the port begins. URLs and most tools write [::1]:41003.',
      'IPv6 주소에는 자체 콜론이 있어서 "::1:41003"만 봐서는 주소가 어디서 끝나고 포트가 어디서 시작하는지 알 수 없습니다. URL과 대부분의 도구는 [::1]:41003으로 씁니다.',
    ),
    fix: text(
      "Put brackets around an address that contains \":\" — address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`.",
      "주소에 ':'가 있으면 대괄호로 감싸세요: address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`.",
    ),
    section: 'localhost-and-ipv6',
  },
  'me-port-is-zero': {
    summary: text('me= says port 0: that is the PORT you asked for, not the port you got.', 'me=의 포트가 0입니다. 요청한 PORT이지, 실제로 받은 포트가 아닙니다.'),
    cause: text(
      'The checker starts your server with PORT=0, which asks the operating system to choose a free port. The variable still says 0; the real port is known only once the server is listening.',
      '검사기는 서버를 PORT=0으로 실행합니다. 0은 운영체제에게 빈 포트를 골라 달라는 뜻입니다. 변수는 여전히 0이고, 실제 포트는 서버가 listen을 시작한 뒤에야 알 수 있습니다.',
    ),
    fix: text("Use socket.localAddress and socket.localPort (or server.address() after 'listening').", "socket.localAddress와 socket.localPort를 쓰세요('listening' 이후라면 server.address()도 됩니다)."),
    section: 'listen-0-and-address',
  },
  'wrong-server-endpoint': {
    summary: text("me= is not your server's end of this connection ({me}).", 'me=가 이 연결에서 서버 쪽 끝({me})이 아닙니다.'),
    cause: text("me= is the address and port the client reached: the server's side of the connection.", 'me=는 클라이언트가 접속한 주소와 포트, 즉 연결의 서버 쪽 끝입니다.'),
    fix: text("Use socket.localAddress and socket.localPort (or server.address() after 'listening').", "socket.localAddress와 socket.localPort를 쓰세요('listening' 이후라면 server.address()도 됩니다)."),
    section: 'addresses-and-ports',
  },
  'wrong-client-endpoint': {
    summary: text("you= is not the client's end of this connection ({you}).", 'you=가 이 연결에서 클라이언트 쪽 끝({you})이 아닙니다.'),
    cause: text(
      "The client's address and port belong to the client (its operating system chose the port when it connected); only the accepted socket knows them.",
      '클라이언트의 주소와 포트는 클라이언트의 것입니다(포트는 접속할 때 클라이언트 쪽 운영체제가 골랐습니다). 받아들인 소켓만 알고 있습니다.',
    ),
    fix: text('you = socket.remoteAddress:socket.remotePort, read from the socket of this connection.', 'you = 이 연결의 소켓에서 읽은 socket.remoteAddress:socket.remotePort.'),
    section: 'addresses-and-ports',
  },
  'wrong-protocol': {
    summary: text('The last field should name the protocol: tcp.', '마지막 필드는 프로토콜 이름 tcp여야 합니다.'),
    cause: text(
      'A socket is IP address + port + protocol: the same address and port over UDP would be a different socket.',
      '소켓 = IP 주소 + 포트 번호 + 통신 방식입니다. 같은 주소와 포트라도 UDP라면 다른 소켓입니다.',
    ),
    section: 'the-exchange',
  },
  'server-kept-connection-open': {
    summary: text('Your server sent the line but did not close the connection.', '서버가 줄을 보냈지만 연결을 닫지 않았습니다.'),
    cause: text(
      "One line and the conversation is over. A client that reads until the close (like the source's Python recv loop, or nc) would wait forever.",
      '한 줄이면 대화가 끝납니다. 연결이 닫힐 때까지 읽는 클라이언트(원문의 Python recv 반복이나 nc)는 영원히 기다리게 됩니다.',
    ),
    fix: text('socket.end(line) writes the line, then sends FIN.', 'socket.end(line)은 줄을 쓴 뒤 FIN을 보냅니다.'),
    section: 'the-exchange',
  },
  'server-stopped-serving': {
    summary: text('Your server stopped serving: {how}.', '서버가 서비스를 멈췄습니다: {how}.'),
    cause: text(
      "A whoami service keeps serving until it is stopped (Ctrl-C). Closing the listening socket (server.close(), as lesson 01's one-shot server did) or exiting ends it.",
      'whoami 서비스는 누군가 멈출 때까지(Ctrl-C) 계속 서비스합니다. 리스닝 소켓을 닫거나(레슨 01의 한 번만 쓰는 서버처럼 server.close()) 프로세스가 끝나면 서비스도 끝납니다.',
    ),
    fix: text("Do not call server.close() or process.exit() after a client; only end() that client's socket.", '클라이언트를 처리한 뒤 server.close()나 process.exit()를 호출하지 말고, 그 클라이언트의 소켓만 end()하세요.'),
    section: 'the-exchange',
  },

  // ─── the taken port ───
  'in-use-keeps-running': {
    summary: text('Port {port} was taken, yet your server was still running after 5 s.', '포트 {port}번이 이미 사용 중인데도 5초 뒤에 서버가 실행 중이었습니다.'),
    cause: text(
      'A server that cannot listen has nothing to do. Something keeps the process alive: a timer, a retry loop, or a fallback listen on another port, which hides the problem (clients look for the server on the port they were told).',
      'listen하지 못한 서버는 할 일이 없습니다. 무언가가 프로세스를 살려 두고 있습니다. 타이머, 재시도 반복, 또는 다른 포트로 바꾼 listen인데, 이것은 문제를 가립니다(클라이언트는 안내받은 포트에서 서버를 찾습니다).',
    ),
    fix: text("In server.on('error', …): print one line and set process.exitCode = 1; nothing else keeps the process alive, so it ends.", "server.on('error', …)에서 한 줄을 출력하고 process.exitCode = 1로 정하세요. 프로세스를 붙잡는 것이 없으니 그대로 끝납니다."),
    section: 'port-in-use',
  },
  'in-use-crash': {
    summary: text('Your server crashed when port {port} was taken: {how}.', '포트 {port}번이 이미 사용 중이라 서버가 비정상 종료했습니다: {how}.'),
    cause: text(
      "listen() does not throw when the port is taken: the server emits 'error' (EADDRINUSE). With no listener, Node ends the process with a stack trace that tells the user little.",
      "포트가 사용 중이어도 listen()은 예외를 던지지 않고, 서버가 'error'(EADDRINUSE)를 내보냅니다. 리스너가 없으면 Node가 사용자에게 별 도움이 안 되는 스택 트레이스와 함께 프로세스를 끝냅니다.",
    ),
    fix: text(
      "server.on('error', (err: NodeJS.ErrnoException) => { console.error(`port ${PORT} is already in use (${err.code})`); process.exitCode = 1; })",
      "server.on('error', (err: NodeJS.ErrnoException) => { console.error(`포트 ${PORT}는 이미 사용 중입니다(${err.code})`); process.exitCode = 1; })",
    ),
    section: 'port-in-use',
  },
  'in-use-exit-code': {
    summary: text('Port {port} was taken; your server {how}, not with code 1.', '포트 {port}번이 사용 중이었는데 서버가 종료 코드 1로 끝나지 않았습니다: {how}.'),
    cause: text(
      'When the listen fails nothing is left to keep the process alive, so it ends by itself: with code 0 ("all went well") unless you say otherwise. Scripts and service managers read the exit code.',
      'listen에 실패하면 프로세스를 붙잡는 것이 없어 저절로 끝납니다. 따로 정하지 않으면 코드 0("모두 잘 됨")으로요. 스크립트와 서비스 관리자는 종료 코드를 봅니다.',
    ),
    fix: text("In server.on('error', …): process.exitCode = 1;", "server.on('error', …)에서: process.exitCode = 1;"),
    section: 'port-in-use',
  },
  'printed-stack-trace': {
    summary: text('{who} printed a stack trace for {what}.', '{who}이(가) {what} 때문에 스택 트레이스를 출력했습니다.'),
    cause: text(
      'console.error(err) (or throw err) prints the whole error object, stack included. A taken port or a refused connection is not a bug in your program: the user needs one line saying what happened, and where.',
      'console.error(err)(나 throw err)는 스택까지 포함한 오류 객체 전체를 출력합니다. 사용 중인 포트나 거부된 접속은 프로그램의 버그가 아니니, 사용자에게는 무슨 일이 어디서 일어났는지 알려 주는 한 줄이면 됩니다.',
    ),
    fix: text(
      'One line with the address and err.code: console.error(`port ${PORT} on ${HOST} is already in use (${err.code})`) in the server, console.error(`cannot connect to ${HOST}:${PORT}: ${err.code}`) in the client.',
      '주소와 err.code를 담은 한 줄: 서버에서는 console.error(`${HOST}의 포트 ${PORT}는 이미 사용 중입니다(${err.code})`), 클라이언트에서는 console.error(`${HOST}:${PORT} 접속 실패: ${err.code}`).',
    ),
    section: 'port-in-use',
  },
  'in-use-message': {
    summary: text('Your server exited 1, but its message on stderr does not name port {port}.', '서버가 코드 1로 끝났지만 표준 에러의 메시지에 포트 번호({port})가 없습니다.'),
    cause: text('"Address in use" alone leaves the user guessing which port to free or change.', '"주소 사용 중"만으로는 어느 포트를 비우거나 바꿔야 할지 알 수 없습니다.'),
    fix: text('console.error(`port ${PORT} on ${HOST} is already in use (${err.code})`)', 'console.error(`${HOST}의 포트 ${PORT}는 이미 사용 중입니다(${err.code})`)'),
    section: 'port-in-use',
  },
  'error-on-stdout': {
    summary: text('{who} reported the error on stdout instead of stderr.', '{who}이(가) 오류를 표준 에러가 아니라 표준 출력에 썼습니다.'),
    cause: text(
      "stdout is for the program's answer only: a script reads it as the answer, and a user who sends it to a file still sees errors on stderr.",
      '표준 출력은 프로그램의 답만을 위한 곳입니다. 스크립트는 그것을 답으로 읽고, 표준 출력을 파일로 돌린 사용자도 오류는 표준 에러에서 봅니다.',
    ),
    fix: text('console.error(…) instead of console.log(…)', 'console.log(…) 대신 console.error(…)'),
    section: 'when-connecting-fails',
  },

  // ─── the client ───
  'client-keeps-socket-open': {
    summary: text('Your client printed the line but did not end: {how}.', '클라이언트가 줄을 출력했지만 끝나지 않았습니다: {how}.'),
    cause: text(
      'Node exits only when nothing is left to wait for. Your socket is still open, so the process waits for more data that will never come (or until its own timeout fires).',
      'Node는 기다릴 것이 하나도 남지 않아야 끝납니다. 소켓이 아직 열려 있어서, 오지 않을 데이터를 계속 기다립니다(또는 자기 타임아웃이 울릴 때까지).',
    ),
    fix: text('Once the line is printed, close the socket: socket.destroy() (or socket.end()).', '줄을 출력했으면 소켓을 닫으세요: socket.destroy()(또는 socket.end()).'),
    section: 'when-node-exits',
  },
  'client-waits-for-close': {
    summary: text('The line arrived, but your client printed nothing: {how}.', '줄이 도착했는데 클라이언트가 아무것도 출력하지 않았습니다: {how}.'),
    cause: text(
      "Your client seems to wait for the server to close ('end') before printing. This server keeps the connection open after its line: the line already ended at '\\n'.",
      "클라이언트가 서버가 닫기('end')를 기다렸다가 출력하는 것 같습니다. 이 서버는 줄을 보낸 뒤에도 연결을 열어 둡니다. 줄은 이미 '\\n'에서 끝났습니다.",
    ),
    fix: text("In 'data', add the chunk to a buffer; when the buffer holds a '\\n', print what comes before it and close.", "'data'에서 덩어리를 버퍼에 더하고, 버퍼에 '\\n'이 생기면 그 앞까지를 출력한 뒤 닫으세요."),
    section: 'reading-one-line',
  },
  'client-did-not-finish': {
    summary: text('The line arrived and the server closed, but your client printed nothing: {how}.', '줄이 도착하고 서버가 연결을 닫았는데도 클라이언트가 아무것도 출력하지 않았습니다: {how}.'),
    cause: text(
      "Something keeps the process alive (a timer, an interval, an open handle) and the line was never printed: is your 'data' listener attached?",
      "무언가(타이머, 인터벌, 열린 핸들)가 프로세스를 살려 두고 있고 줄은 출력되지 않았습니다. 'data' 리스너가 붙어 있나요?",
    ),
    section: 'reading-one-line',
  },
  'timeout-too-early': {
    summary: text('Your client gave up (exit code 2) after {ms} ms; the protocol gives the server 3 s.', '클라이언트가 {ms}ms 만에 포기했습니다(종료 코드 2). 프로토콜은 서버에게 3초를 줍니다.'),
    ...TIMEOUT_UNIT,
    section: 'timeouts',
  },
  'client-broken-utf8': {
    summary: text('Your client printed U+FFFD (�): a character cut between two chunks was decoded in halves.', '클라이언트가 U+FFFD(�)를 출력했습니다. 두 덩어리에 걸쳐 잘린 글자를 반쪽씩 디코딩했습니다.'),
    cause: text(
      "A Korean syllable is 3 bytes in UTF-8 (an emoji 4), and the checker cut one between two 'data' chunks. chunk.toString() on each chunk turns each half into '�'.",
      "한글 한 글자는 UTF-8로 3바이트(이모지는 4바이트)이고, 검사기는 그 한 글자를 'data' 덩어리 두 개로 나눠 보냈습니다. 덩어리마다 chunk.toString()을 하면 반쪽마다 '�'가 됩니다.",
    ),
    fix: text(
      "Call socket.setEncoding('utf8') once: 'data' then gives strings, and a cut character waits for its last byte. (Or collect Buffers and decode the whole line once.)",
      "socket.setEncoding('utf8')을 한 번 호출하세요. 그러면 'data'가 문자열을 주고, 잘린 글자는 마지막 바이트가 올 때까지 기다립니다. (또는 Buffer를 모았다가 줄 전체를 한 번에 디코딩하세요.)",
    ),
    section: 'reading-one-line',
  },
  'client-printed-partial-line': {
    summary: text('Your client printed only the first part of the line.', '클라이언트가 줄의 앞부분만 출력했습니다.'),
    cause: text(
      "A 'data' event is a chunk of the byte stream, not a line: the line came in pieces, and your client printed the first one.",
      "'data' 이벤트는 줄이 아니라 바이트 스트림의 한 덩어리입니다. 줄이 여러 조각으로 왔는데 클라이언트가 첫 조각만 출력했습니다.",
    ),
    fix: text("Collect chunks until one of them brings a '\\n'; print up to it.", "'\\n'이 올 때까지 덩어리를 모으고, 그 앞까지를 출력하세요."),
    section: 'reading-one-line',
  },
  'client-wrong-output': {
    summary: text('Your client did not print exactly the line it received: stdout holds that line and nothing else.', '클라이언트가 받은 줄을 정확히 그대로 출력하지 않았습니다. 표준 출력에는 그 줄만 있어야 합니다.'),
    cause: text(
      "stdout carries only the answer: the first line, without its '\\n', on a line of its own (console.log adds one); not what came after the '\\n', not the line twice. Logs go to stderr (console.error).",
      "표준 출력에는 답만 씁니다. 첫 줄을 '\\n' 없이 한 줄로(console.log가 줄바꿈을 붙입니다). '\\n' 뒤에 온 것도, 같은 줄을 두 번도 아닙니다. 로그는 표준 에러(console.error)로 보내세요.",
    ),
    fix: text("console.log(buffered.slice(0, buffered.indexOf('\\n')))", "console.log(buffered.slice(0, buffered.indexOf('\\n')))"),
    section: 'reading-one-line',
  },
  'client-ignores-early-close': {
    summary: text('The server closed before sending a whole line; your client did not exit with code 1 and nothing on stdout: {how}.', '서버가 한 줄을 다 보내기 전에 닫았는데 클라이언트가 표준 출력 없이 종료 코드 1로 끝나지 않았습니다: {how}.'),
    cause: text(
      "'end' means the server has nothing more to send. Without a whole line that is a failure: code 0 (or a piece of a line on stdout) would tell a script \"here is your answer\".",
      "'end'는 서버가 더 보낼 것이 없다는 뜻입니다. 한 줄을 다 받지 못했다면 실패입니다. 코드 0(이나 표준 출력의 줄 조각)은 스크립트에게 \"답이 여기 있다\"고 말하는 셈입니다.",
    ),
    fix: text(
      "socket.on('end', () => { if (!gotLine) { console.error('closed before a whole line'); process.exitCode = 1; } })",
      "socket.on('end', () => { if (!gotLine) { console.error('줄을 받기 전에 닫힘'); process.exitCode = 1; } })",
    ),
    section: 'when-connecting-fails',
  },
  'client-no-timeout': {
    summary: text('The server never replied, and your client waited forever: {how}.', '서버가 답하지 않았고 클라이언트는 계속 기다렸습니다: {how}.'),
    cause: text('A server that accepts and never speaks would hang your client forever; give up after 3 s.', '받기만 하고 말이 없는 서버 앞에서 클라이언트가 영원히 멈춥니다. 3초 뒤에 포기하세요.'),
    fix: text(
      "socket.setTimeout(3000); socket.on('timeout', () => { console.error('no reply within 3 s'); process.exitCode = 2; socket.destroy(); })",
      "socket.setTimeout(3000); socket.on('timeout', () => { console.error('3초 안에 응답 없음'); process.exitCode = 2; socket.destroy(); })",
    ),
    section: 'timeouts',
  },
  'timeout-did-not-close': {
    summary: text('Your client noticed the silence but kept waiting: {how}.', '클라이언트가 응답 없음을 알아챘지만 계속 기다렸습니다: {how}.'),
    cause: text(
      "socket.setTimeout only notifies: the 'timeout' event fires, but the connection stays open and keeps the process alive.",
      "socket.setTimeout은 알려 주기만 합니다. 'timeout' 이벤트는 발생하지만 연결은 열린 채로 남아 프로세스를 살려 둡니다.",
    ),
    fix: text(
      "socket.setTimeout(3000); socket.on('timeout', () => { console.error('no reply within 3 s'); process.exitCode = 2; socket.destroy(); })",
      "socket.setTimeout(3000); socket.on('timeout', () => { console.error('3초 안에 응답 없음'); process.exitCode = 2; socket.destroy(); })",
    ),
    section: 'timeouts',
  },
  'no-reply-exit-code': {
    summary: text('No reply came; your client {how}, not with code 2.', '응답이 오지 않았는데 클라이언트가 종료 코드 2로 끝나지 않았습니다: {how}.'),
    cause: text(
      'Exit codes tell "could not connect" (1) from "connected, but no reply" (2): a script can retry the first and report the second.',
      '종료 코드로 "접속 실패"(1)와 "접속했지만 응답 없음"(2)을 구분합니다. 스크립트는 앞의 것은 재시도하고 뒤의 것은 보고할 수 있습니다.',
    ),
    fix: text("In the 'timeout' listener: process.exitCode = 2; socket.destroy();", "'timeout' 리스너에서: process.exitCode = 2; socket.destroy();"),
    section: 'timeouts',
  },
  'refused-still-running': {
    summary: text('Nothing listens on {where}, yet your client was still running after 5 s.', '{where}에서 listen하는 것이 없는데도 5초 뒤에 클라이언트가 실행 중이었습니다.'),
    cause: text(
      'After a failed connect the socket is closed; something else keeps the process alive (a timer or an interval, a retry loop).',
      '접속에 실패하면 소켓은 닫힙니다. 다른 무언가(타이머, 인터벌, 재시도 반복)가 프로세스를 살려 두고 있습니다.',
    ),
    fix: text("In socket.on('error', …): print err.code, set process.exitCode = 1, and clear your timers.", "socket.on('error', …)에서 err.code를 출력하고 process.exitCode = 1로 정한 뒤 타이머를 정리하세요."),
    section: 'when-connecting-fails',
  },
  'client-crashed-on-refused': {
    summary: text('Your client crashed when the connection to {where} was refused.', '{where} 접속이 거부되자 클라이언트가 비정상 종료했습니다.'),
    cause: text(
      "A socket reports a failed connect with an 'error' event. With no 'error' listener, Node ends the whole process with a stack trace.",
      "소켓은 접속 실패를 'error' 이벤트로 알립니다. 'error' 리스너가 없으면 Node는 스택 트레이스와 함께 프로세스 전체를 끝냅니다.",
    ),
    fix: text(
      "socket.on('error', (err: NodeJS.ErrnoException) => { console.error(`cannot connect: ${err.code}`); process.exitCode = 1; })",
      "socket.on('error', (err: NodeJS.ErrnoException) => { console.error(`접속 실패: ${err.code}`); process.exitCode = 1; })",
    ),
    section: 'when-connecting-fails',
  },
  'refused-exit-code': {
    summary: text('Nothing listens on {where}; your client {how}, not with code 1.', '{where}에서 listen하는 것이 없는데 클라이언트가 종료 코드 1로 끝나지 않았습니다: {how}.'),
    cause: text(
      'The exit code is how a script (or the checker) learns that the client failed: 0 means "I printed the answer". Catching the error is not enough; say it failed.',
      '종료 코드는 스크립트(나 검사기)가 클라이언트의 실패를 아는 방법입니다. 0은 "답을 출력했다"는 뜻입니다. 오류를 잡는 것만으로는 부족하고, 실패했다고 알려야 합니다.',
    ),
    fix: text("In the 'error' listener: process.exitCode = 1;", "'error' 리스너에서: process.exitCode = 1;"),
    section: 'when-connecting-fails',
  },
  'refused-message-without-code': {
    summary: text('Your client exited 1, but its message on stderr does not say ECONNREFUSED.', '클라이언트가 코드 1로 끝났지만 표준 에러의 메시지에 ECONNREFUSED가 없습니다.'),
    cause: text(
      "The code (ECONNREFUSED: nothing listens there) is what tells a user what to fix. With HOST=localhost, Node tries ::1 and 127.0.0.1; when both fail, err is an AggregateError whose message is empty but whose code is ECONNREFUSED, so err.message prints nothing useful.",
      "코드(ECONNREFUSED: 그곳에서 listen하는 것이 없음)가 사용자에게 무엇을 고칠지 알려 줍니다. HOST=localhost이면 Node는 ::1과 127.0.0.1을 모두 시도하고, 둘 다 실패하면 err는 message가 빈 AggregateError이지만 code는 ECONNREFUSED입니다. 그래서 err.message를 출력하면 쓸모 있는 내용이 없습니다.",
    ),
    fix: text('Print err.code: console.error(`cannot connect to ${HOST}:${PORT}: ${err.code}`)', 'err.code를 출력하세요: console.error(`${HOST}:${PORT} 접속 실패: ${err.code}`)'),
    section: 'when-connecting-fails',
  },
  'client-ignores-host': {
    summary: text('Your client never reached [::1]:{port}: {how}.', '클라이언트가 [::1]:{port}에 접속하지 않았습니다: {how}.'),
    cause: text(
      'An endpoint is address + port: the checker listens on ::1 only, so a client that always dials 127.0.0.1 is refused. Is the host hard-coded?',
      '엔드포인트는 주소 + 포트입니다. 검사기는 ::1에서만 listen하므로, 늘 127.0.0.1로 거는 클라이언트는 거부됩니다. 호스트를 코드에 고정했나요?',
    ),
    fix: text("const HOST = process.env.HOST ?? '127.0.0.1'; net.connect({ host: HOST, port: PORT })", "const HOST = process.env.HOST ?? '127.0.0.1'; net.connect({ host: HOST, port: PORT })"),
    section: 'localhost-and-ipv6',
  },
});

export type Reason = keyof typeof mistakes;
