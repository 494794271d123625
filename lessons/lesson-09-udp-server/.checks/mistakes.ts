/**
 * Lesson 09 — every failure its checks can report, once, in both languages. The scenarios and
 * steps name a reason and give its facts (`vars`, expected, actual); the words are here.
 */
import { text } from '../../../src/i18n.ts';
import { defineMistakes } from '../../../src/checks/mistakes.ts';

const CHECK_BEFORE_USE = text(
  "Check before you use, in the protocol's order: msg.length > 1200, msg.length === 0, a TextDecoder('utf-8', { fatal: true }) inside try/catch, and a regular expression for PING; anything else gets 'ERR bad request'.",
  "프로토콜의 순서대로, 쓰기 전에 확인하세요: msg.length > 1200, msg.length === 0, try/catch 안의 TextDecoder('utf-8', { fatal: true }), PING에는 정규식. 나머지는 모두 'ERR bad request'로 답합니다.",
);

export const mistakes = defineMistakes({
  'listens-on-tcp': {
    summary: text('Your server listens on TCP, not UDP.', '서버가 UDP가 아니라 TCP로 listen합니다.'),
    cause: text(
      'A TCP port and a UDP port with the same number are different things: UDP datagrams never reach a TCP server.',
      '번호가 같아도 TCP 포트와 UDP 포트는 서로 다른 것입니다. UDP 데이터그램은 TCP 서버에 닿지 않습니다.',
    ),
    fix: text(
      "import dgram from 'node:dgram'; const socket = dgram.createSocket('udp4'); socket.bind(PORT, HOST);",
      "import dgram from 'node:dgram'; const socket = dgram.createSocket('udp4'); socket.bind(PORT, HOST);",
    ),
    section: 'the-exchange',
  },
  'crashed-on-bad-input': {
    summary: text('Your server ended while it should have been serving ({how}); the last datagram it was sent: {d}.', '서버가 계속 동작해야 할 때 끝났습니다({how}). 마지막으로 받은 데이터그램: {d}.'),
    cause: text(
      "Code like msg.toString().split(' ')[1].trim() throws on an empty or unexpected datagram, and an exception in the 'message' handler ends the whole server, for every client.",
      "msg.toString().split(' ')[1].trim() 같은 코드는 빈 데이터그램이나 뜻밖의 데이터에서 예외를 던집니다. 'message' 핸들러의 예외 하나가 모든 클라이언트의 서버 전체를 끝냅니다.",
    ),
    fix: CHECK_BEFORE_USE,
    section: 'bad-input',
  },
  'reply-from-another-port': {
    summary: text("The reply came from port {p}, not from the server's port {s}.", '응답이 서버 포트 {s}이(가) 아닌 포트 {p}에서 왔습니다.'),
    cause: text(
      'The reply was sent from a new socket (dgram.createSocket inside the handler), which gets its own random port. A careful client (lesson 10) drops replies that do not come from the server it asked.',
      '응답을 새 소켓(핸들러 안에서 dgram.createSocket)으로 보냈고, 새 소켓은 자기만의 임의 포트를 씁니다. 꼼꼼한 클라이언트(레슨 10)는 물어본 서버가 아닌 곳에서 온 응답을 버립니다.',
    ),
    fix: text('Reply with the bound socket itself: socket.send(reply, rinfo.port, rinfo.address).', '바인딩한 그 소켓으로 답하세요: socket.send(reply, rinfo.port, rinfo.address).'),
    section: 'reply-to-the-sender',
  },
  'no-reply': {
    summary: text('Your server did not reply to {d} within {ms} ms.', '서버가 {d}에 {ms}ms 안에 응답하지 않았습니다.'),
    cause: text(
      "Either nothing was sent back, or it went to the wrong place: a reply to a fixed port (8080, or the server's own PORT) never reaches the client. Every datagram's rinfo says where its sender is.",
      '아무것도 보내지 않았거나 엉뚱한 곳으로 보냈습니다. 고정된 포트(8080이나 서버 자신의 PORT)로 보낸 응답은 클라이언트에 닿지 않습니다. 데이터그램마다 rinfo가 보낸 쪽의 위치를 알려 줍니다.',
    ),
    fix: text("socket.send(reply, rinfo.port, rinfo.address) inside the 'message' handler.", "'message' 핸들러 안에서 socket.send(reply, rinfo.port, rinfo.address)."),
    section: 'reply-to-the-sender',
  },
  'wrong-reply': {
    summary: text('The reply to {d} is not {want}.', '{d}에 대한 응답이 {want}이(가) 아닙니다.'),
    cause: text(
      'The reply datagram must be exactly these bytes: no newline at the end (a datagram needs no delimiter), same seq and token as the request. The seq is digits, copied as they came: through parseInt or Number, "007" comes back as "7" and a 20-digit seq loses its last digits.',
      '응답 데이터그램은 정확히 이 바이트여야 합니다. 끝에 줄바꿈도 붙이지 않고(데이터그램에는 구분자가 필요 없습니다), seq와 token은 요청과 같아야 합니다. seq는 숫자 글자들이므로 받은 그대로 옮깁니다. parseInt나 Number를 거치면 "007"은 "7"이 되고, 20자리 seq는 끝자리가 틀어집니다.',
    ),
    fix: text(
      'For "PING <seq> <token>" send `PONG ${seq} ${token}`, with seq the string the regex captured (never a number made from it).',
      '"PING <seq> <token>"에는 `PONG ${seq} ${token}`을 보내세요. seq는 정규식이 잡아낸 문자열 그대로 씁니다(숫자로 바꾸지 마세요).',
    ),
    section: 'the-protocol',
  },
  'waits-for-newline': {
    summary: text(
      'Your server answered only after a datagram ending in "\\n": it waits for a newline that datagrams do not need.',
      '서버가 "\\n"으로 끝나는 데이터그램을 받고서야 답했습니다. 데이터그램에는 필요 없는 줄바꿈을 기다립니다.',
    ),
    cause: text(
      "TCP habits: a buffer that collects text across 'message' events and splits it on '\\n'. UDP keeps message boundaries: one 'message' event is one whole datagram, the whole request.",
      "TCP 습관입니다. 'message' 이벤트들에 걸쳐 글자를 모아 '\\n'으로 자르는 버퍼 말이죠. UDP는 메시지 경계를 지킵니다. 'message' 이벤트 하나가 데이터그램 하나, 곧 요청 하나 전체입니다.",
    ),
    fix: text("Handle each msg on its own, right in the 'message' handler; keep nothing between datagrams.", "msg 하나하나를 'message' 핸들러 안에서 바로 처리하고, 데이터그램 사이에 아무것도 모아 두지 마세요."),
    section: 'boundaries',
  },
  'reply-to-wrong-sender': {
    summary: text('Client {a} received a reply meant for client {b}.', '클라이언트 {a}이(가) 클라이언트 {b}에게 갈 응답을 받았습니다.'),
    cause: text(
      "The server replies to a remembered address (the first client's port, say, or the peer of socket.connect()) instead of the sender of each datagram. With UDP there is no connection to tie a reply to its client: rinfo is the only way to know.",
      '서버가 데이터그램마다 보낸 쪽이 아니라 기억해 둔 주소(첫 클라이언트의 포트나 socket.connect()로 연결한 상대 등)로 답합니다. UDP에는 응답을 클라이언트에 묶어 줄 연결이 없습니다. 아는 방법은 rinfo뿐입니다.',
    ),
    fix: text('Every datagram says who sent it: socket.send(reply, rinfo.port, rinfo.address).', '데이터그램마다 보낸 쪽이 적혀 있습니다: socket.send(reply, rinfo.port, rinfo.address).'),
    section: 'reply-to-the-sender',
  },
  'ignores-other-senders': {
    summary: text('Only {a} got replies; {b} got nothing.', '{a}만 응답을 받았고 {b}은(는) 아무것도 받지 못했습니다.'),
    cause: text(
      "socket.connect() to the first peer: after connect() the kernel delivers only that peer's datagrams and drops everyone else's. A filter on the first sender's address does the same.",
      'socket.connect()로 첫 상대에 연결했습니다. connect() 뒤에는 커널이 그 상대의 데이터그램만 전해 주고 나머지는 버립니다. 첫 송신자의 주소로 거르는 코드도 같은 결과를 냅니다.',
    ),
    fix: text('A server never calls socket.connect(): it answers every sender through rinfo.', '서버는 socket.connect()를 부르지 않습니다. rinfo로 모든 송신자에게 답합니다.'),
    section: 'connected-sockets',
  },
  'missing-replies': {
    summary: text('{who} sent {n} request datagram(s) and got {m} reply datagram(s), not exactly one reply to each.', '{who}이(가) 요청 데이터그램 {n}개를 보내고 응답 데이터그램 {m}개를 받았습니다. 요청마다 정확히 하나씩이 아닙니다.'),
    cause: text(
      'One request datagram, one reply datagram, whoever sent it and in whatever order requests interleave: never skip one, never split one reply into several, never send one twice.',
      '누가 보냈든, 요청이 어떤 순서로 섞여 오든 요청 데이터그램 하나에 응답 데이터그램 하나입니다. 건너뛰지도, 응답 하나를 여러 개로 나누지도, 두 번 보내지도 마세요.',
    ),
    fix: text("Exactly one socket.send() per 'message', with the whole reply.", "'message' 하나에 socket.send() 한 번, 응답 전체를 담아서."),
    section: 'boundaries',
  },
  'merged-datagrams': {
    summary: text('{n} request datagrams got {m} reply datagrams: several requests were answered in one.', '요청 데이터그램 {n}개에 응답 데이터그램 {m}개가 왔습니다. 요청 여러 개를 하나로 답했습니다.'),
    cause: text(
      'The server collects text across datagrams, as you would on a TCP stream. In UDP each datagram is a whole request.',
      'TCP 스트림에서처럼 데이터그램들에 걸쳐 글자를 모으고 있습니다. UDP에서는 데이터그램 하나하나가 온전한 요청입니다.',
    ),
    fix: text("Answer each msg in the 'message' handler on its own, with exactly one socket.send().", "'message' 핸들러에서 msg 하나하나에 socket.send() 한 번으로 답하세요."),
    section: 'boundaries',
  },
  'split-datagram': {
    summary: text('{n} request datagrams got {m} reply datagrams: a datagram with a newline inside was answered in pieces.', '요청 데이터그램 {n}개에 응답 데이터그램 {m}개가 왔습니다. 안에 줄바꿈이 있는 데이터그램을 조각조각 답했습니다.'),
    cause: text(
      'The server splits datagrams into lines. In UDP the datagram is the message; a newline inside it is just a byte.',
      '서버가 데이터그램을 줄 단위로 자릅니다. UDP에서는 데이터그램이 곧 메시지이고, 그 안의 줄바꿈은 바이트 하나일 뿐입니다.',
    ),
    fix: text("Answer each msg in the 'message' handler on its own, with exactly one socket.send().", "'message' 핸들러에서 msg 하나하나에 socket.send() 한 번으로 답하세요."),
    section: 'boundaries',
  },
  'echo-not-exact': {
    summary: text('The ECHO reply to {d} is not byte-for-byte what followed "ECHO ".', '{d}에 대한 ECHO 응답이 "ECHO " 뒤의 바이트와 똑같지 않습니다.'),
    cause: text(
      'Something changed the bytes: trim(), a trailing "\\n" dropped from every datagram, a split on spaces or newlines that dropped parts, or a re-encoding. ECHO returns exactly msg.subarray(5).',
      'trim(), 모든 데이터그램에서 끝의 "\\n"을 떼는 코드, 공백이나 줄바꿈으로 자르다가 일부를 버린 코드, 다른 인코딩으로 바꾼 코드가 바이트를 바꿨습니다. ECHO는 정확히 msg.subarray(5)를 돌려줍니다.',
    ),
    fix: text('socket.send(msg.subarray(5), rinfo.port, rinfo.address)', 'socket.send(msg.subarray(5), rinfo.port, rinfo.address)'),
    section: 'the-protocol',
  },
  'rejects-1200-bytes': {
    summary: text('The datagram {d} has {n} bytes, within the 1200-byte limit, but was not answered as the protocol says.', '데이터그램 {d}은(는) {n}바이트로 1200바이트 한도 안인데, 프로토콜대로 답하지 않았습니다.'),
    cause: text(
      'The limit is "more than 1200 bytes" (msg.length > 1200): 1200 itself is allowed. Count bytes as they came (msg.length), not characters (string length).',
      '한계는 "1200바이트 초과"(msg.length > 1200)입니다. 1200 자체는 허용됩니다. 글자 수(string length)가 아니라 받은 그대로의 바이트 수(msg.length)를 세세요.',
    ),
    fix: text('if (msg.length > 1200) → "ERR too large"', 'if (msg.length > 1200) → "ERR too large"'),
    section: 'size',
  },
  'too-large-not-rejected': {
    summary: text('The datagram {d} has {n} bytes, over 1200, and was not answered "ERR too large".', '데이터그램 {d}은(는) 1200을 넘는 {n}바이트인데 "ERR too large"로 답하지 않았습니다.'),
    cause: text(
      'Course policy: at most 1200 bytes per datagram, counted as msg.length before anything is decoded — not the decoded text\'s length (398 Hangul syllables are 1194 bytes but 398 characters), and not after dropping a final "\\n". Bigger datagrams may be fragmented or silently dropped on real networks (macOS refuses more than 9216 bytes by default), so the server refuses them before reading them.',
      '이 코스의 정책은 데이터그램 하나에 1200바이트까지이고, 아무것도 디코딩하기 전에 msg.length로 잽니다. 디코딩한 문자열의 길이가 아닙니다(한글 398자는 398글자지만 1194바이트입니다). 끝의 "\\n"을 뗀 뒤에 재는 것도 아닙니다. 더 크면 실제 네트워크에서 조각나거나 조용히 버려질 수 있고(macOS는 기본으로 9216바이트 넘는 것을 거부합니다), 그래서 서버는 내용을 읽기 전에 거절합니다.',
    ),
    fix: text("First line of the handler: if (msg.length > 1200) reply 'ERR too large'.", "핸들러 첫 줄에서: if (msg.length > 1200)이면 'ERR too large'로 답하세요."),
    section: 'size',
  },
  'accepted-invalid-utf8': {
    summary: text('The datagram {d} is not valid UTF-8, and was not answered "ERR bad request".', '데이터그램 {d}은(는) 올바른 UTF-8이 아닌데 "ERR bad request"로 답하지 않았습니다.'),
    cause: text(
      'msg.toString() quietly turns invalid UTF-8 into U+FFFD (�), so broken bytes pass for text. A decoder that refuses them tells you.',
      'msg.toString()은 깨진 UTF-8을 조용히 U+FFFD(�)로 바꾸므로 깨진 바이트가 글자로 통과합니다. 거부하는 디코더를 써야 알 수 있습니다.',
    ),
    fix: text("new TextDecoder('utf-8', { fatal: true }).decode(msg) inside try/catch: it throws on invalid UTF-8.", "try/catch 안에서 new TextDecoder('utf-8', { fatal: true }).decode(msg): 깨진 UTF-8이면 예외를 던집니다."),
    section: 'bad-input',
  },
  'refused-valid-utf8': {
    summary: text(
      'The datagram {d} is valid UTF-8 (it holds the character U+FFFD, bytes EF BF BD), but was answered "ERR bad request".',
      '데이터그램 {d}은(는) 올바른 UTF-8인데(U+FFFD 글자, 곧 바이트 EF BF BD가 들어 있음) "ERR bad request"로 답했습니다.',
    ),
    cause: text(
      "Validity was judged by looking for U+FFFD (�) in msg.toString(). That finds the bad bytes toString replaced, but also a U+FFFD the sender really sent, which is a valid character like any other.",
      'msg.toString() 결과에 U+FFFD(�)가 있는지로 올바른지를 판단했습니다. 그러면 toString이 바꿔 넣은 깨진 바이트뿐 아니라 보낸 쪽이 실제로 보낸 U+FFFD도 걸립니다. U+FFFD도 다른 글자와 똑같이 올바른 글자입니다.',
    ),
    fix: text(
      "Let the decoder decide: new TextDecoder('utf-8', { fatal: true }).decode(msg) inside try/catch throws only on invalid bytes.",
      "판단은 디코더에 맡기세요. try/catch 안의 new TextDecoder('utf-8', { fatal: true }).decode(msg)는 깨진 바이트에서만 예외를 던집니다.",
    ),
    section: 'bad-input',
  },
  'remembered-reply': {
    summary: text(
      'The reply to {d} was {got}, the PONG of an earlier PING with the same seq, not {want}.',
      '{d}에 대한 응답이 {want}이(가) 아니라, seq가 같은 앞선 PING의 PONG인 {got}이었습니다.',
    ),
    cause: text(
      'The server remembers answers between datagrams (a cache by sender and seq, say) and sends the old PONG again. A client that retries a seq with a new token, or starts its seqs at 1 again, then gets a token it no longer waits for: the reply is built from this datagram alone.',
      '서버가 데이터그램 사이에 응답을 기억해 두었다가(보낸 쪽과 seq로 찾는 캐시 등) 예전 PONG을 다시 보냅니다. 같은 seq를 새 token으로 다시 보내는 클라이언트나 seq를 다시 1부터 세는 클라이언트는 이제 기다리지 않는 token을 받게 됩니다. 응답은 이 데이터그램만 보고 만듭니다.',
    ),
    fix: text(
      'Keep nothing between datagrams: answer every PING with `PONG ${seq} ${token}` from its own seq and token.',
      '데이터그램 사이에 아무것도 남기지 마세요. PING마다 그 PING의 seq와 token으로 `PONG ${seq} ${token}`을 보냅니다.',
    ),
    section: 'boundaries',
  },
  'wrong-error-reply': {
    summary: text('The datagram {d} was not answered "ERR bad request".', '데이터그램 {d}에 "ERR bad request"로 답하지 않았습니다.'),
    cause: text(
      'The empty datagram, an unknown verb and a PING that does not match /^PING (\\d+) (\\S+)\\n?$/ (two "\\n", an extra field, a seq that is not digits) all get exactly "ERR bad request".',
      '빈 데이터그램, 모르는 명령, /^PING (\\d+) (\\S+)\\n?$/에 맞지 않는 PING("\\n" 두 개, 필드 하나 더, 숫자가 아닌 seq)에는 모두 정확히 "ERR bad request"로 답합니다.',
    ),
    fix: text(
      "Check in the protocol's order and reply 'ERR bad request' for anything that is not a well-formed PING or ECHO.",
      "프로토콜의 순서대로 확인하고, 올바른 PING이나 ECHO가 아니면 모두 'ERR bad request'로 답하세요.",
    ),
    section: 'the-protocol',
  },
  'bad-request-unanswered': {
    summary: text('The server stayed silent after the datagram {d}.', '데이터그램 {d}에 서버가 아무 답도 하지 않았습니다.'),
    cause: text(
      'A client waiting for a reply cannot tell "ignored" from "lost": it retries and waits. The protocol answers every datagram, bad ones with an error.',
      "응답을 기다리는 클라이언트는 '무시됨'과 '잃어버림'을 구별할 수 없어 다시 보내고 또 기다립니다. 이 프로토콜은 모든 데이터그램에 답하고, 잘못된 것에는 오류로 답합니다.",
    ),
    fix: text("Reply 'ERR bad request' instead of returning early.", "일찍 return하지 말고 'ERR bad request'로 답하세요."),
    section: 'bad-input',
  },
  'shares-busy-port': {
    summary: text('Your server bound UDP port {p} although another socket already held it.', '다른 소켓이 이미 쓰고 있는데도 서버가 UDP 포트 {p}에 바인딩했습니다.'),
    cause: text(
      "dgram.createSocket({ type: 'udp4', reuseAddr: true }) lets several sockets bind one port. Multicast reaches them all, but each unicast datagram goes to only one of them (on Linux, the last to bind): your server and the old one would silently split the traffic.",
      "dgram.createSocket({ type: 'udp4', reuseAddr: true })는 여러 소켓이 한 포트에 바인딩하게 해 줍니다. 멀티캐스트는 모두에게 가지만 유니캐스트 데이터그램은 그중 하나에만 갑니다(리눅스에서는 마지막에 바인딩한 소켓). 내 서버와 예전 서버가 트래픽을 몰래 나눠 갖게 됩니다.",
    ),
    fix: text(
      "Use dgram.createSocket('udp4') (reuseAddr off) for a unicast server, so a second copy fails loudly.",
      "유니캐스트 서버에는 dgram.createSocket('udp4')(reuseAddr 끔)를 쓰세요. 그래야 두 번째 복사본이 분명하게 실패합니다.",
    ),
    section: 'reuse-addr',
  },
  'bind-error-ignored': {
    summary: text('With its port taken, your server neither bound it nor exited within {ms} ms.', '포트가 이미 쓰이는 상황에서 서버가 {ms}ms 동안 바인딩하지도, 종료하지도 않았습니다.'),
    cause: text(
      "The 'error' listener logs the problem but keeps the program alive (a timer, another socket), so it looks like a server that serves nothing.",
      "'error' 리스너가 문제를 기록하지만 프로그램은 (타이머나 다른 소켓 때문에) 살아 있습니다. 아무것도 받지 않는 서버처럼 보이게 됩니다.",
    ),
    fix: text("In the 'error' listener, before 'listening': process.exitCode = 1; socket.close();", "'listening' 전에 온 'error'라면 리스너에서: process.exitCode = 1; socket.close();"),
    section: 'errors',
  },
  'no-error-handler': {
    summary: text("Your server crashed on an unhandled 'error' event ({how}).", "서버가 처리되지 않은 'error' 이벤트로 죽었습니다({how})."),
    cause: text(
      "A dgram socket reports bind and send failures as 'error' events. With no listener, Node turns the event into an exception and the process dies with a stack trace.",
      "dgram 소켓은 bind와 send 실패를 'error' 이벤트로 알립니다. 리스너가 없으면 Node가 이를 예외로 바꾸고 프로세스는 스택 트레이스를 남기고 죽습니다.",
    ),
    fix: text(
      "socket.on('error', (err) => { console.error(err.code); if (!bound) { process.exitCode = 1; socket.close(); } })",
      "socket.on('error', (err) => { console.error(err.code); if (!bound) { process.exitCode = 1; socket.close(); } })",
    ),
    section: 'errors',
  },
  'bind-error-exit-zero': {
    summary: text('With its port taken, your server ended with exit code 0, as if all went well.', '포트가 이미 쓰이는 상황에서 서버가 모든 게 잘된 것처럼 종료 코드 0으로 끝났습니다.'),
    cause: text(
      'A server that could not bind did not do its job; scripts and supervisors (systemd, Docker, CI) learn that only from the exit code. (The untouched starter ends here too: it never binds at all.)',
      '바인딩하지 못한 서버는 할 일을 못 한 것입니다. 스크립트와 감독 프로그램(systemd, Docker, CI)은 그 사실을 종료 코드로만 압니다. (손대지 않은 시작 파일도 여기서 실패합니다. 아예 바인딩을 하지 않으니까요.)',
    ),
    fix: text("In the 'error' listener, when the socket never bound: process.exitCode = 1; socket.close();", "소켓이 바인딩되지 못한 채 'error'가 오면 리스너에서: process.exitCode = 1; socket.close();"),
    section: 'errors',
  },
  'interop-client-failed': {
    summary: text('The {who} did not get the expected replies: {how}.', '{who}이(가) 기대한 응답을 받지 못했습니다: {how}.'),
    cause: text(
      'It sends "PING 1 interop" and "ECHO 안녕 UDP" with sendto() from its own port and waits 2 s for each reply with recvfrom(): the replies must go to that port.',
      '이 클라이언트는 자기 포트에서 sendto()로 "PING 1 interop"과 "ECHO 안녕 UDP"를 보내고 recvfrom()으로 각 응답을 2초 기다립니다. 응답은 그 포트로 가야 합니다.',
    ),
    section: 'three-languages',
  },
});

export type Reason = keyof typeof mistakes;
