/**
 * Lesson 03 — every failure its checks can report, once, in both languages. The scenarios
 * (`checks.ts`) and their steps (`steps.ts`) only name a reason and give its facts.
 */
import { defineMistakes } from '../../../src/checks/mistakes.ts';
import { text } from '../../../src/checks/kit.ts';

const LATE_CAUSE = text(
  "Either it never writes what it receives, or it writes later — after 'end', behind an await or a timer. With the default allowHalfOpen: false, Node ends your side as soon as the client's FIN arrives, and a later write is silently lost (its callback gets EPIPE; no 'error').",
  "받은 것을 아예 쓰지 않거나, 'end' 뒤에 await나 타이머를 거쳐 나중에 씁니다. 기본값 allowHalfOpen: false에서는 클라이언트의 FIN이 도착하자마자 Node가 내 쪽도 닫아 버리므로, 나중에 쓴 데이터는 조용히 사라집니다(write 콜백에 EPIPE가 올 뿐 'error'는 없습니다).",
);
const LATE_FIX = text(
  "Echo each chunk as it arrives: socket.pipe(socket). To answer after the client's FIN, create the server with net.createServer({ allowHalfOpen: true }, …): Node then leaves your side open, and you call socket.end() when you are done.",
  "도착한 덩어리를 바로 돌려보내세요: socket.pipe(socket). 클라이언트의 FIN 뒤에 답하려면 net.createServer({ allowHalfOpen: true }, …)로 서버를 만드세요. 그러면 Node가 내 쪽을 열어 두고, 다 보낸 뒤 socket.end()를 직접 호출하면 됩니다.",
);

export const mistakes = defineMistakes({
  // ───────────────────────────── the server ─────────────────────────────
  'write-after-end': {
    summary: text("Your server crashed writing to a socket it had ended itself (an unhandled 'error' event).", "서버가 스스로 끝낸 소켓에 다시 쓰다가 죽었습니다(처리되지 않은 'error' 이벤트)."),
    cause: text(
      "Your server called socket.end() (after the first chunk, say) and then wrote again when more bytes came: end() means no more writes, yet the client's bytes keep arriving. The write raises an 'error' event (ERR_STREAM_WRITE_AFTER_END), and an 'error' with no listener ends the process.",
      "서버가 socket.end()를 호출한 뒤(예: 첫 덩어리 뒤) 바이트가 더 오자 다시 썼습니다. end()는 더 쓰지 않겠다는 뜻이지만 클라이언트의 바이트는 계속 옵니다. 그 쓰기가 'error' 이벤트(ERR_STREAM_WRITE_AFTER_END)를 내고, 리스너 없는 'error'는 프로세스를 끝냅니다.",
    ),
    fix: text(
      "Echo every chunk and leave the closing to the client: end your side only once the client's FIN has come ('end'), which Node does for you by default. And always add socket.on('error', …).",
      "덩어리마다 돌려보내고 닫기는 클라이언트에게 맡기세요. 내 쪽은 클라이언트의 FIN이 온 뒤('end')에만 닫으면 되고, 기본값이면 Node가 알아서 합니다. socket.on('error', …)도 항상 다세요.",
    ),
    section: 'allow-half-open',
  },
  'write-after-client-fin': {
    summary: text("Your server crashed writing after the client's FIN, when Node had already ended its side (an unhandled 'error' event).", "클라이언트의 FIN 뒤, Node가 이미 내 쪽을 끝낸 소켓에 쓰다가 서버가 죽었습니다(처리되지 않은 'error' 이벤트)."),
    cause: text(
      "With the default allowHalfOpen: false, Node ends your side by itself as soon as the client's FIN arrives ('end'). A write after that (from a timer, an await or the 'end' handler) comes too late: it raises an 'error' event (\"This socket has been ended by the other party\", EPIPE), and an 'error' with no listener ends the process.",
      "기본값 allowHalfOpen: false에서는 클라이언트의 FIN이 도착하면('end') Node가 내 쪽도 알아서 닫습니다. 그 뒤의 쓰기(타이머, await 뒤, 'end' 핸들러 안)는 이미 늦어서 'error' 이벤트(\"This socket has been ended by the other party\", EPIPE)가 나고, 리스너 없는 'error'는 프로세스를 끝냅니다.",
    ),
    fix: text(
      "Echo as the bytes arrive (socket.pipe(socket)). If you must answer after 'end', create the server with net.createServer({ allowHalfOpen: true }, …) and call socket.end() yourself; and always add socket.on('error', …).",
      "바이트가 도착하는 대로 돌려보내세요(socket.pipe(socket)). 'end' 뒤에 답해야 한다면 net.createServer({ allowHalfOpen: true }, …)로 만들고 socket.end()를 직접 호출하세요. socket.on('error', …)도 항상 다세요.",
    ),
    section: 'allow-half-open',
  },
  'stopped-serving': {
    summary: text('Your server stopped serving after a client: {what}.', '서버가 클라이언트 하나를 처리한 뒤 서비스를 멈췄습니다: {what}.'),
    cause: text(
      "An echo server keeps serving. Lesson 01's server called server.close() after its one client: that closes the listening socket, and once the last connection ended nothing was left and the program exited.",
      '에코 서버는 계속 서비스합니다. 레슨 01의 서버는 클라이언트 하나를 받은 뒤 server.close()를 호출했습니다. 그러면 리스닝 소켓이 닫히고, 마지막 연결이 끝나면 남은 것이 없어 프로그램이 끝납니다.',
    ),
    fix: text('Remove server.close() (and any process.exit()): an echo server serves one client after another, and many at once.', 'server.close()(와 process.exit())를 지우세요. 에코 서버는 클라이언트를 차례로, 그리고 동시에 여럿 받습니다.'),
    section: 'one-connection-one-state',
  },
  'reset-instead-of-fin': {
    summary: text('The echo was right, but your server reset the connection (RST) instead of closing it (FIN).', '에코는 맞았지만 서버가 연결을 FIN으로 닫지 않고 리셋(RST)했습니다.'),
    cause: text('socket.resetAndDestroy() (or destroying a socket with unread data) sends RST: the peer sees an error, not a clean end.', 'socket.resetAndDestroy()(또는 읽지 않은 데이터가 남은 소켓의 destroy)는 RST를 보냅니다. 상대는 깔끔한 종료가 아니라 오류를 봅니다.'),
    fix: text('End with socket.end(): it sends FIN after the last byte.', 'socket.end()로 끝내세요. 마지막 바이트 뒤에 FIN을 보냅니다.'),
    section: 'half-close',
  },
  'no-fin': {
    summary: text("Every byte came back, but your server did not close its side within {ms} ms of the client's FIN.", '모든 바이트가 돌아왔지만, 클라이언트가 FIN을 보낸 뒤 {ms}ms 안에 서버가 자기 쪽을 닫지 않았습니다.'),
    cause: text(
      "With allowHalfOpen: true Node no longer ends your side when the client's FIN arrives ('end'): that is your job now. The client waits for your FIN to know the echo is complete.",
      "allowHalfOpen: true이면 클라이언트의 FIN이 도착해도('end') Node가 내 쪽을 닫아 주지 않습니다. 이제 내 몫입니다. 클라이언트는 서버의 FIN을 보고 에코가 끝났음을 압니다.",
    ),
    fix: text("socket.on('end', () => socket.end()) — or socket.pipe(socket), which does it for you after the last byte.", "socket.on('end', () => socket.end()) — 또는 마지막 바이트 뒤에 이를 대신 해 주는 socket.pipe(socket)을 쓰세요."),
    section: 'half-close',
  },
  'reply-lost-after-fin': {
    summary: text("Nothing came back: your server closed its side right after the client's FIN, without echoing a byte.", '아무것도 돌아오지 않았습니다. 서버가 한 바이트도 돌려보내지 않고 클라이언트의 FIN 직후 자기 쪽을 닫았습니다.'),
    cause: LATE_CAUSE,
    fix: LATE_FIX,
    section: 'allow-half-open',
  },
  'no-echo': {
    summary: text('Nothing came back, and your server kept the connection open.', '아무것도 돌아오지 않았고, 서버는 연결을 열어 둔 채였습니다.'),
    cause: text('The server never writes what it receives (or waits for something that never comes).', '서버가 받은 것을 쓰지 않습니다(또는 오지 않을 무언가를 기다립니다).'),
    fix: text("Send every chunk back: socket.on('data', (chunk) => socket.write(chunk)), or simply socket.pipe(socket).", "덩어리를 모두 돌려보내세요: socket.on('data', (chunk) => socket.write(chunk)), 또는 간단히 socket.pipe(socket)."),
    section: 'the-server',
  },
  'echo-stalled': {
    summary: text('Only {got} of {n} bytes came back, and then nothing more while the connection stayed open.', '{n}바이트 중 {got}바이트만 돌아왔고, 연결이 열린 채로 더 오지 않았습니다.'),
    cause: text(
      "The server stopped echoing part-way: a 'data' listener that was removed (once), a stream paused and never resumed, or chunks kept back until something that never happens.",
      '서버가 도중에 에코를 멈췄습니다. 한 번만 듣는 리스너(once), pause() 후 resume()하지 않은 스트림, 또는 일어나지 않을 일을 기다리며 붙잡아 둔 덩어리 때문일 수 있습니다.',
    ),
    fix: text("Echo every chunk: socket.on('data', …) (not once), or socket.pipe(socket).", "모든 덩어리를 돌려보내세요: once가 아니라 socket.on('data', …), 또는 socket.pipe(socket)."),
    section: 'bytes-not-messages',
  },
  'echo-truncated': {
    summary: text('Only {got} of {n} bytes came back before your server closed the connection.', '서버가 연결을 닫기 전에 {n}바이트 중 {got}바이트만 돌아왔습니다.'),
    cause: text(
      "A 'data' event is one chunk, not the whole message: the payload came in many chunks. Echoing the first one and then calling end() (socket.once('data', (d) => socket.end(d))) drops the rest.",
      "'data' 이벤트 하나는 메시지 전체가 아니라 한 덩어리입니다. 데이터가 여러 덩어리로 왔는데, 첫 덩어리만 돌려보내고 end()를 호출하면(socket.once('data', (d) => socket.end(d))) 나머지를 버립니다.",
    ),
    fix: text("Echo every chunk, and end only after the client's FIN ('end'): socket.pipe(socket) does both.", "모든 덩어리를 돌려보내고, 클라이언트의 FIN('end') 뒤에만 끝내세요. socket.pipe(socket)이 둘 다 해 줍니다."),
    section: 'bytes-not-messages',
  },
  'decoded-as-text': {
    summary: text('The bytes came back changed: your server turned them into a string and back.', '바이트가 바뀌어 돌아왔습니다. 서버가 바이트를 문자열로 바꿨다가 되돌렸습니다.'),
    cause: text(
      "chunk.toString() (or setEncoding('utf8'), or string concatenation) decodes the bytes as UTF-8 text. Bytes that are not valid UTF-8 — most binary data, or a character cut in two by a chunk boundary — become U+FFFD, written back as EF BF BD.",
      "chunk.toString()(또는 setEncoding('utf8'), 문자열 이어 붙이기)은 바이트를 UTF-8 텍스트로 디코딩합니다. UTF-8로 올바르지 않은 바이트(대부분의 바이너리 데이터, 덩어리 경계에서 잘린 문자)는 U+FFFD가 되어 EF BF BD로 되돌아갑니다.",
    ),
    fix: text('Keep the Buffer as it is: socket.write(chunk), or socket.pipe(socket). An echo server never needs to know what the bytes mean.', 'Buffer를 그대로 쓰세요: socket.write(chunk), 또는 socket.pipe(socket). 에코 서버는 바이트의 뜻을 알 필요가 없습니다.'),
    section: 'buffers-not-strings',
  },
  'echo-mismatch': {
    summary: text('The bytes that came back are not the bytes that were sent.', '돌아온 바이트가 보낸 바이트와 다릅니다.'),
    cause: text('An echo server sends back exactly what it received, in the same order, with nothing added (no newline, no prefix) and nothing left out.', '에코 서버는 받은 것을 같은 순서로 정확히 돌려보냅니다. 아무것도 더하지 않고(줄바꿈, 접두어 없이) 빼지도 않습니다.'),
    fix: text('socket.pipe(socket)', 'socket.pipe(socket)'),
    section: 'the-exchange',
  },
  'stopped-reading': {
    summary: text('The checker could not send {n} bytes within {s} s: your server stopped reading.', '검사기가 {s}초 안에 {n}바이트를 보내지 못했습니다. 서버가 읽기를 멈췄습니다.'),
    cause: text(
      "When a program stops reading a TCP connection, the kernel buffers fill up and the sender has to wait. A paused socket that is never resumed, a removed 'data' listener, or a server that never reads does that.",
      "프로그램이 TCP 연결을 읽지 않으면 커널 버퍼가 가득 차고 보내는 쪽은 기다려야 합니다. resume하지 않은 채 멈춘 소켓, 떼어 낸 'data' 리스너, 아예 읽지 않는 서버가 그렇게 만듭니다.",
    ),
    fix: text('socket.pipe(socket) reads as fast as the client reads the echo, never faster and never less.', 'socket.pipe(socket)은 클라이언트가 에코를 읽는 만큼 읽습니다. 더 빠르지도, 덜 읽지도 않습니다.'),
    section: 'the-server',
  },
  'closed-too-early': {
    summary: text('Your server closed the connection {when}.', '서버가 {when} 연결을 닫았습니다.'),
    cause: text(
      "Only the client knows when it is done, and it says so with FIN ('end' on your side). A 'data' event is just the next chunk: ending the socket there (socket.once('data', (d) => socket.end(d))) cuts the stream short.",
      "언제 끝나는지는 클라이언트만 알고, FIN으로 알립니다(내 쪽에서는 'end'). 'data' 이벤트는 다음 덩어리일 뿐이므로, 거기서 소켓을 끝내면(socket.once('data', (d) => socket.end(d))) 스트림이 중간에 잘립니다.",
    ),
    fix: text("Echo every chunk and end after 'end': socket.pipe(socket).", "모든 덩어리를 돌려보내고 'end' 뒤에 끝내세요: socket.pipe(socket)."),
    section: 'half-close',
  },
  'echo-waits-for-fin': {
    summary: text('{piece} was not echoed within {ms} ms; the echo came only after the client half-closed.', '{piece}이(가) {ms}ms 안에 돌아오지 않았고, 클라이언트가 half-close한 뒤에야 돌아왔습니다.'),
    cause: text(
      "Your server collects everything and answers on 'end'. An echo server answers as bytes arrive: a person typing into nc sees each line come back at once, and a server that hoards a whole upload in memory runs out of it.",
      "서버가 모든 것을 모았다가 'end'에서 답합니다. 에코 서버는 바이트가 도착하는 대로 답합니다. nc로 입력하는 사람은 각 줄이 바로 돌아오는 것을 보고, 업로드 전체를 메모리에 쌓는 서버는 결국 메모리가 부족해집니다.",
    ),
    fix: text("Write each chunk back in the 'data' handler, or use socket.pipe(socket).", "'data' 핸들러에서 덩어리마다 바로 쓰거나, socket.pipe(socket)을 쓰세요."),
    section: 'bytes-not-messages',
  },
  'mixed-clients': {
    summary: text('Client {x} got bytes that client {y} had sent.', '클라이언트 {x}이(가) 클라이언트 {y}이(가) 보낸 바이트를 받았습니다.'),
    cause: text(
      'Something is shared between connections: a variable outside the connection handler (the "current" socket, a buffer of received chunks). The handler runs once per client; each client needs its own state.',
      '연결 사이에 무언가를 공유합니다. 연결 핸들러 바깥의 변수("현재" 소켓, 받은 덩어리를 모으는 버퍼 등)입니다. 핸들러는 클라이언트마다 한 번 실행되니, 클라이언트마다 자기 상태가 있어야 합니다.',
    ),
    fix: text('Keep everything about a connection inside net.createServer((socket) => { … }), and write to that socket only: socket.pipe(socket).', '연결에 관한 것은 모두 net.createServer((socket) => { … }) 안에 두고, 그 socket에만 쓰세요: socket.pipe(socket).'),
    section: 'one-connection-one-state',
  },
  'interop-client-failed': {
    summary: text('The Python echo client did not get its bytes back: {how}.', 'Python 에코 클라이언트가 자기 바이트를 돌려받지 못했습니다: {how}.'),
    cause: text(
      'It sends 64 KiB (text, then every byte value), half-closes with shutdown(SHUT_WR), and reads until the server closes. The server checks above say more precisely what went wrong.',
      '이 클라이언트는 64KiB(텍스트, 그다음 모든 바이트 값)를 보내고 shutdown(SHUT_WR)으로 half-close한 뒤 서버가 닫을 때까지 읽습니다. 위의 서버 검사가 무엇이 잘못됐는지 더 정확히 알려 줍니다.',
    ),
    section: 'python-and-java',
  },

  // ───────────────────────────── the client ─────────────────────────────
  'client-never-half-closed': {
    summary: text('Your client {what} and never half-closed: the server waits for your FIN.', '클라이언트가 {what} half-close하지 않았습니다. 서버는 FIN을 기다립니다.'),
    cause: text(
      "This echo server — like many real servers (HTTP/1.0 uploads, nc -N, a sort or a compressor over TCP) — answers once the client has said \"that's all\". Bytes alone cannot say it: only FIN can. With write() alone both sides wait for each other for ever.",
      '이 에코 서버는 많은 실제 서버(HTTP/1.0 업로드, nc -N, TCP 위의 정렬기나 압축기)처럼 클라이언트가 "이게 다야"라고 말해야 답합니다. 바이트로는 그 말을 할 수 없고 FIN만 할 수 있습니다. write()만 하면 양쪽이 서로를 영원히 기다립니다.',
    ),
    fix: text('After the last byte call socket.end() (or send with socket.end(data)): it sends FIN and only closes your sending direction — you keep reading.', '마지막 바이트 뒤에 socket.end()를 호출하세요(또는 socket.end(data)로 보내세요). FIN을 보내고 보내는 방향만 닫으므로 계속 읽을 수 있습니다.'),
    section: 'half-close',
  },
  'client-sent-wrong-bytes': {
    summary: text('Your client did not send the input file byte for byte.', '클라이언트가 입력 파일을 바이트 그대로 보내지 않았습니다.'),
    cause: text(
      "The input is binary. Reading it as text (fs.readFileSync(file, 'utf8')) replaces invalid bytes with U+FFFD, and writing a string encodes it again: the bytes change. Sending only part of it, or closing before it is all written, loses the rest.",
      "입력은 바이너리입니다. 텍스트로 읽으면(fs.readFileSync(file, 'utf8')) 올바르지 않은 바이트가 U+FFFD로 바뀌고, 문자열을 쓰면 다시 인코딩되어 바이트가 달라집니다. 일부만 보내거나 다 쓰기 전에 닫으면 나머지를 잃습니다.",
    ),
    fix: text('const data = fs.readFileSync(inputFile); // a Buffer — then socket.end(data)', 'const data = fs.readFileSync(inputFile); // Buffer — 그다음 socket.end(data)'),
    section: 'buffers-not-strings',
  },
  'client-never-connected': {
    summary: text('Your client exited without connecting to the server.', '클라이언트가 서버에 접속하지 않고 끝났습니다.'),
    cause: text('The client must connect to HOST and PORT from the environment (the checker passes them).', '클라이언트는 환경 변수 HOST와 PORT로 접속해야 합니다(검사기가 넘겨 줍니다).'),
    fix: text("net.connect({ host: process.env.HOST ?? '127.0.0.1', port: Number(process.env.PORT ?? 8080) })", "net.connect({ host: process.env.HOST ?? '127.0.0.1', port: Number(process.env.PORT ?? 8080) })"),
    section: 'course:the-program-contract',
  },
  'client-output-missing': {
    summary: text('Your client did not create the output file.', '클라이언트가 출력 파일을 만들지 않았습니다.'),
    cause: text(
      'The client writes the output file named by its second argument (process.argv[3]) — even when nothing comes back, the file must exist (empty).',
      '클라이언트는 두 번째 인자(process.argv[3])로 받은 출력 파일을 씁니다. 아무것도 돌아오지 않아도 (빈) 파일은 있어야 합니다.',
    ),
    fix: text("const output = fs.createWriteStream(outputFile); pipeline(socket, output, cb) — the file is created at once and ended on the server's FIN.", "const output = fs.createWriteStream(outputFile); pipeline(socket, output, cb) — 파일이 바로 만들어지고 서버의 FIN에서 닫힙니다."),
    section: 'the-client',
  },
  'client-closed-before-reply': {
    summary: text('Your client closed the connection before the echo came back.', '에코가 돌아오기 전에 클라이언트가 연결을 닫았습니다.'),
    cause: text(
      "socket.end() closes only your sending direction; the reply still has to come. The end() callback (and 'finish') means \"my bytes are out\", not \"the exchange is over\": destroying the socket or exiting there throws the reply away. The exchange is over at 'end' — the server's FIN.",
      "socket.end()는 보내는 방향만 닫습니다. 답은 아직 와야 합니다. end() 콜백(과 'finish')은 \"내 바이트가 나갔다\"는 뜻이지 \"주고받기가 끝났다\"는 뜻이 아닙니다. 거기서 소켓을 destroy하거나 종료하면 답을 버리게 됩니다. 주고받기는 서버의 FIN, 즉 'end'에서 끝납니다.",
    ),
    fix: text("Keep reading after end(): write the output and print the summary when the server's FIN arrives ('end'), or in pipeline(socket, output, cb)'s callback.", "end() 뒤에도 계속 읽으세요. 출력 파일 쓰기와 요약 출력은 서버의 FIN('end')이 왔을 때, 또는 pipeline(socket, output, cb)의 콜백에서 하세요."),
    section: 'half-close',
  },
  'client-output-incomplete': {
    summary: text('The output file holds only {got} of the {n} bytes the server sent back.', '서버가 돌려보낸 {n}바이트 중 {got}바이트만 출력 파일에 있습니다.'),
    cause: text(
      "The echo comes in many 'data' chunks of any size. Keeping only the first chunk (socket.once('data', …)), or writing the file before the server's FIN, loses the rest.",
      "에코는 크기가 제각각인 'data' 덩어리 여러 개로 옵니다. 첫 덩어리만 쓰거나(socket.once('data', …)) 서버의 FIN 전에 파일을 쓰면 나머지를 잃습니다.",
    ),
    fix: text("Write every chunk — pipeline(socket, fs.createWriteStream(outputFile), cb) — and finish when the server's FIN ends the stream.", '덩어리를 모두 쓰세요 — pipeline(socket, fs.createWriteStream(outputFile), cb) — 그리고 서버의 FIN으로 스트림이 끝날 때 마무리하세요.'),
    section: 'bytes-not-messages',
  },
  'client-output-corrupted': {
    summary: text('The output file does not hold the bytes the server sent back: they were decoded as text (EF BF BD).', '출력 파일의 내용이 서버가 돌려보낸 바이트와 다릅니다. 텍스트로 디코딩되었습니다(EF BF BD).'),
    cause: text(
      'The chunks were turned into text (chunk.toString(), setEncoding, or += on a string). Binary bytes that are not valid UTF-8 become U+FFFD (EF BF BD) — and a chunk boundary can cut even valid text in two.',
      '덩어리를 텍스트로 바꿨습니다(chunk.toString(), setEncoding, 문자열 +=). UTF-8로 올바르지 않은 바이너리 바이트는 U+FFFD(EF BF BD)가 되고, 덩어리 경계가 올바른 텍스트마저 둘로 자를 수 있습니다.',
    ),
    fix: text('Keep Buffers: pipeline(socket, fs.createWriteStream(outputFile), cb), or collect the Buffer chunks and fs.writeFileSync(outputFile, Buffer.concat(chunks)).', 'Buffer를 그대로 다루세요: pipeline(socket, fs.createWriteStream(outputFile), cb), 또는 Buffer 덩어리를 모아 fs.writeFileSync(outputFile, Buffer.concat(chunks)).'),
    section: 'buffers-not-strings',
  },
  'client-output-differs': {
    summary: text('The output file does not hold the bytes the server sent back.', '출력 파일의 내용이 서버가 돌려보낸 바이트와 다릅니다.'),
    cause: text('The output must be exactly the bytes received, in order: nothing added (no newline), nothing left out, nothing converted.', '출력은 받은 바이트 그대로, 같은 순서여야 합니다. 아무것도 더하지 않고(줄바꿈 없이), 빼지 않고, 변환하지도 않습니다.'),
    fix: text('Keep Buffers: pipeline(socket, fs.createWriteStream(outputFile), cb), or collect the Buffer chunks and fs.writeFileSync(outputFile, Buffer.concat(chunks)).', 'Buffer를 그대로 다루세요: pipeline(socket, fs.createWriteStream(outputFile), cb), 또는 Buffer 덩어리를 모아 fs.writeFileSync(outputFile, Buffer.concat(chunks)).'),
    section: 'the-client',
  },
  'client-output-is-input': {
    summary: text('The output file holds the input file, not what the server sent back.', '출력 파일에 서버가 돌려보낸 것이 아니라 입력 파일이 들어 있습니다.'),
    cause: text(
      "An echo server usually sends back what it got, so writing what you sent looks right — until the server answers something else. The output file is the record of what came back: only the bytes of the socket's 'data' events go there.",
      "에코 서버는 보통 받은 것을 돌려보내므로 보낸 것을 쓰면 맞아 보입니다. 서버가 다른 것을 답하기 전까지는요. 출력 파일은 돌아온 것의 기록입니다. 소켓의 'data' 이벤트로 받은 바이트만 들어가야 합니다.",
    ),
    fix: text('pipeline(socket, fs.createWriteStream(outputFile), cb): the file gets what the socket receives, nothing else.', 'pipeline(socket, fs.createWriteStream(outputFile), cb): 파일에는 소켓이 받은 것만 들어갑니다.'),
    section: 'the-client',
  },
  'client-summary-missing': {
    summary: text('Your client did not print its summary line.', '클라이언트가 요약 줄을 출력하지 않았습니다.'),
    cause: text('When the server has closed, the client prints one line with the two byte counts (binary data goes to the file, never to stdout).', '서버가 닫으면 클라이언트는 두 바이트 수를 담은 한 줄을 출력합니다(바이너리 데이터는 stdout이 아니라 파일로 갑니다).'),
    fix: text('console.log(`sent ${payload.length} bytes, received ${socket.bytesRead} bytes`)', 'console.log(`sent ${payload.length} bytes, received ${socket.bytesRead} bytes`)'),
    section: 'the-exchange',
  },
  'client-stdout-not-only-summary': {
    summary: text('Your client printed more than its summary line on stdout.', '클라이언트가 stdout에 요약 줄 말고 다른 것도 출력했습니다.'),
    cause: text("The client's stdout holds exactly one line, the summary: a program that reads it (the checker, a script) takes any other line for part of the answer. Logs go to stderr.", '클라이언트의 stdout에는 요약 한 줄만 있어야 합니다. 출력을 읽는 프로그램(검사기, 스크립트)은 다른 줄도 답의 일부로 받아들입니다. 로그는 stderr로 보내세요.'),
    fix: text("Print progress and errors with console.error(…); console.log(…) only the summary, once.", '진행 상황과 오류는 console.error(…)로 출력하고, console.log(…)로는 요약만 한 번 출력하세요.'),
    section: 'the-exchange',
  },
  'client-summary-wrong': {
    summary: text('The byte counts your client printed are not the real ones.', '클라이언트가 출력한 바이트 수가 실제와 다릅니다.'),
    cause: text(
      "Count bytes, not characters or chunks: buffer.length and socket.bytesRead count bytes; a string's .length counts UTF-16 units, and the number of 'data' events means nothing.",
      "문자나 덩어리가 아니라 바이트를 세세요. buffer.length와 socket.bytesRead는 바이트를 세지만, 문자열의 .length는 UTF-16 단위를 세고, 'data' 이벤트 횟수는 아무 의미가 없습니다.",
    ),
    fix: text("Print when the server's FIN has arrived, using payload.length and socket.bytesRead.", '서버의 FIN이 온 뒤에 payload.length와 socket.bytesRead로 출력하세요.'),
    section: 'the-client',
  },
  'client-summary-counts-sent': {
    summary: text('Your client printed "received {sent}" — the bytes it sent — but the server sent back {got}.', '클라이언트가 받은 바이트 수로 {sent}을(를) 출력했습니다. 보낸 바이트 수입니다. 서버가 돌려보낸 것은 {got}입니다.'),
    cause: text(
      'The received count is what came back, not what went out. With a faithful echo the two are equal, so the mistake hides — until the server answers less, more, or something else.',
      'received 수는 나간 것이 아니라 돌아온 것입니다. 충실한 에코에서는 둘이 같아서 실수가 숨어 있다가, 서버가 더 적게, 더 많이, 또는 다른 것을 답하면 드러납니다.',
    ),
    fix: text('Count what the socket received: socket.bytesRead (or the sum of the chunks\' lengths).', '소켓이 받은 것을 세세요: socket.bytesRead(또는 덩어리 길이의 합).'),
    section: 'the-client',
  },
  'client-summary-before-fin': {
    summary: text("Your client printed its summary {ms} ms before the server's FIN.", '클라이언트가 서버의 FIN보다 {ms}ms 먼저 요약을 출력했습니다.'),
    cause: text(
      "Only the server's FIN says the echo is complete: bytes alone cannot, and a server may send more after a pause (or fewer than you sent). Printing once \"enough\" bytes have come guesses the end.",
      '에코가 끝났다는 것은 서버의 FIN만 알려 줍니다. 바이트만으로는 알 수 없고, 서버는 잠시 쉬었다가 더 보낼 수도(또는 보낸 것보다 적게 보낼 수도) 있습니다. 바이트가 "충분히" 왔을 때 출력하면 끝을 짐작하는 셈입니다.',
    ),
    fix: text("Print in pipeline(socket, output, cb)'s callback, or on 'end' once the file is written.", "pipeline(socket, output, cb)의 콜백에서, 또는 'end'에서 파일을 다 쓴 뒤에 출력하세요."),
    section: 'the-client',
  },
});

export type Reason = keyof typeof mistakes;
