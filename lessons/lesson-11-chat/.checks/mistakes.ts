/** Every failure lesson 11's checks can report, in both languages, once. */
import { defineMistakes, text, type ScenarioContext } from '../../../src/checks/kit.ts';

export const mistakes = defineMistakes({
  'no-reply': {
    summary: text('{who} got no line within {ms} ms; expected {exp}.', '{who}이(가) {ms}ms 안에 한 줄도 받지 못했습니다. 기대한 줄: {exp}.'),
    cause: text(
      "The server did not answer this line, or did not split the received bytes into lines yet ('data' is a chunk, not a line).",
      "서버가 이 줄에 답하지 않았거나, 받은 바이트를 아직 줄로 나누지 않았습니다('data'는 줄이 아니라 덩어리입니다).",
    ),
    fix: text("Keep a buffer per connection; while it holds a '\\n', cut one line off and handle it.", "연결마다 버퍼를 두고, '\\n'이 있는 동안 한 줄씩 잘라 처리하세요."),
    section: 'framing',
  },
  'wrong-reply': {
    summary: text('{who} got {got}; expected {exp}.', '{who}이(가) {got}을(를) 받았습니다. 기대한 줄: {exp}.'),
    cause: text('The line does not follow the protocol table, character for character.', '그 줄이 프로토콜 표와 글자 하나까지 같지 않습니다.'),
    fix: text('Compare the reply with the table in "The protocol".', '"프로토콜" 절의 표와 답을 비교해 보세요.'),
    section: 'the-protocol',
  },
  'no-join': {
    summary: text('{who} was not told that {nick} joined.', '{who}이(가) {nick}의 입장(JOIN)을 전달받지 못했습니다.'),
    cause: text('After OK, every other registered client must get "JOIN <name>".', 'OK를 보낸 뒤에는 이름이 있는 다른 모든 클라이언트에게 "JOIN <이름>"을 보내야 합니다.'),
    fix: text('After registering the name, broadcast `JOIN ${nick}` to everyone but the newcomer.', '이름을 등록한 다음 새로 온 사람을 뺀 모두에게 `JOIN ${nick}`을 보내세요.'),
    section: 'registry',
  },
  'message-lost': {
    summary: text('{who} never got {exp}.', '{who}이(가) {exp}을(를) 받지 못했습니다.'),
    cause: text(
      'A message must reach every other client that has a name. Lines can be lost when several come in one chunk and only the first is handled, or when the registry misses a client.',
      '메시지는 이름이 있는 다른 모든 클라이언트에게 가야 합니다. 한 덩어리에 여러 줄이 왔는데 첫 줄만 처리하거나, 명단에서 클라이언트가 빠지면 줄이 사라집니다.',
    ),
    fix: text('Handle every complete line of a chunk, and send to every client in the registry but the sender.', '덩어리 안의 완성된 줄을 모두 처리하고, 보낸 사람을 뺀 명단의 모두에게 보내세요.'),
    section: 'broadcast',
  },
  'echoed-to-sender': {
    summary: text('{who} got its own message back: {got}.', '{who}이(가) 자기가 보낸 메시지를 돌려받았습니다: {got}.'),
    cause: text('The broadcast loop does not skip the sender.', '브로드캐스트 반복문이 보낸 사람을 건너뛰지 않습니다.'),
    fix: text('for (const c of clients) if (c !== from) send(c, line);', 'for (const c of clients) if (c !== from) send(c, line);'),
    section: 'broadcast',
  },
  'unregistered-got-message': {
    summary: text('{who}, which has no nickname yet, got {got}.', '아직 닉네임이 없는 {who}이(가) {got}을(를) 받았습니다.'),
    cause: text('The server broadcasts to every connection instead of every registered client.', '서버가 등록된 클라이언트가 아니라 모든 연결에 보냅니다.'),
    fix: text('Add a client to the registry only when its NICK is accepted, and broadcast over the registry.', 'NICK이 받아들여진 뒤에만 명단에 넣고, 명단에만 보내세요.'),
    section: 'registry',
  },
  'message-garbled': {
    summary: text('{who} got {got}, a line no client sent.', '{who}이(가) 어떤 클라이언트도 보내지 않은 줄 {got}을(를) 받았습니다.'),
    cause: text(
      'Bytes of different connections were mixed: a line buffer (or the nickname) kept in one variable for all connections.',
      '여러 연결의 바이트가 섞였습니다. 줄 버퍼(나 닉네임)를 모든 연결이 같이 쓰는 변수 하나에 두었습니다.',
    ),
    fix: text('Declare the buffer and the nickname inside the createServer callback: one per connection.', '버퍼와 닉네임은 createServer 콜백 안에서 선언하세요. 연결마다 하나씩입니다.'),
    section: 'per-connection-state',
  },
  'order-broken': {
    summary: text('{who} got the messages of {nick} out of order: {got} before {exp}.', '{who}이(가) {nick}의 메시지를 순서가 바뀐 채 받았습니다: {exp}보다 {got}이(가) 먼저.'),
    cause: text(
      'Something asynchronous (a timer, a promise, a log write) sits between receiving a line and sending it on, and takes different times for different messages.',
      '줄을 받은 뒤 전달하기까지 사이에 비동기 작업(타이머, 프로미스, 로그 쓰기)이 있고, 메시지마다 걸리는 시간이 다릅니다.',
    ),
    fix: text("Broadcast in the same 'data' handler that framed the line, synchronously; if you must wait, keep one queue per sender.", "줄을 잘라 낸 그 'data' 핸들러 안에서 바로(동기로) 보내세요. 꼭 기다려야 한다면 보낸 사람마다 큐를 하나 두세요."),
    section: 'ordering',
  },
  'text-corrupted': {
    summary: text('{who} got {got}; the text was sent as {exp}.', '{who}이(가) {got}을(를) 받았습니다. 보낸 글은 {exp}였습니다.'),
    cause: text(
      'A UTF-8 character cut between two chunks was decoded chunk by chunk (U+FFFD appears), or the text was changed (trimmed, normalized).',
      '두 덩어리 사이에서 잘린 UTF-8 글자를 덩어리마다 디코딩했거나(U+FFFD가 나타남), 글을 바꿨습니다(trim, 정규화).',
    ),
    fix: text("Frame on bytes first, decode each complete line (toString('utf8')), and pass the text on unchanged.", "먼저 바이트에서 줄을 자르고, 완성된 줄을 디코딩한(toString('utf8')) 뒤 글을 바꾸지 말고 전달하세요."),
    section: 'utf8',
  },
  'wrong-who': {
    summary: text('WHO answered {got}; expected {exp}.', 'WHO의 답이 {got}이었습니다. 기대한 답: {exp}.'),
    cause: text('WHO lists every registered name, the asker included, sorted, one space apart; names that left are gone.', 'WHO는 묻는 사람을 포함해 등록된 모든 이름을 정렬해 공백 하나로 나열합니다. 나간 이름은 없어야 합니다.'),
    fix: text("`WHO ${[...clients.keys()].sort().join(' ')}`", "`WHO ${[...clients.keys()].sort().join(' ')}`"),
    section: 'the-protocol',
  },
  'nick-not-required': {
    summary: text('{who} sent {sent} before NICK and got {got}; expected "ERR nick required".', '{who}이(가) NICK 전에 {sent}을(를) 보냈는데 {got}을(를) 받았습니다. 기대한 답: "ERR nick required".'),
    cause: text('Before a client has a name, only NICK, PING and QUIT are allowed.', '이름이 생기기 전에는 NICK, PING, QUIT만 할 수 있습니다.'),
    fix: text("if (nick === undefined) return send(c, 'ERR nick required'); before MSG and WHO.", "MSG와 WHO 앞에서 if (nick === undefined) return send(c, 'ERR nick required');"),
    section: 'validation',
  },
  'bad-nick-accepted': {
    summary: text('NICK {nick} was accepted; it breaks the nickname rule.', 'NICK {nick}이(가) 받아들여졌습니다. 닉네임 규칙에 어긋납니다.'),
    cause: text('A nickname is 1–16 characters, each an ASCII letter, digit, _ or a Hangul syllable (가–힣). Spaces, emoji, combining marks and 17 characters are refused.', '닉네임은 1–16글자이고, 글자마다 ASCII 영문자·숫자·_ 또는 한글 음절(가–힣)입니다. 공백, 이모지, 결합 문자, 17글자는 거부합니다.'),
    fix: text('/^[A-Za-z0-9_\\uAC00-\\uD7A3]{1,16}$/.test(name), else "ERR bad nick".', '/^[A-Za-z0-9_\\uAC00-\\uD7A3]{1,16}$/.test(name)가 아니면 "ERR bad nick".'),
    section: 'validation',
  },
  'good-nick-refused': {
    summary: text('NICK {nick} was refused with {got}; it follows the rule.', 'NICK {nick}이(가) {got}으로 거부되었습니다. 규칙에 맞는 이름입니다.'),
    cause: text('The limit is 16 characters, not 16 bytes: a Hangul syllable is 3 bytes in UTF-8 and counts as one.', '제한은 16바이트가 아니라 16글자입니다. 한글 음절은 UTF-8로 3바이트지만 한 글자입니다.'),
    fix: text('Test the decoded string with the regular expression; do not compare its byte length.', '디코딩한 문자열을 정규식으로 검사하고, 바이트 길이로 비교하지 마세요.'),
    section: 'validation',
  },
  'nick-taken-accepted': {
    summary: text('{who} got the name {nick}, which another client holds.', '{who}이(가) 다른 클라이언트가 쓰고 있는 이름 {nick}을(를) 얻었습니다.'),
    cause: text('The server does not look the name up in its registry before accepting it.', '서버가 이름을 받기 전에 명단에서 찾아보지 않습니다.'),
    fix: text("if (clients.has(name)) return send(c, 'ERR nick taken');", "if (clients.has(name)) return send(c, 'ERR nick taken');"),
    section: 'registry',
  },
  'nick-not-freed': {
    summary: text('{nick} left, but its name is still taken: {who} got {got}.', '{nick}이(가) 나갔는데 그 이름이 여전히 쓰이는 중입니다. {who}이(가) {got}을(를) 받았습니다.'),
    cause: text('The registry keeps clients whose connection has ended.', '연결이 끝난 클라이언트가 명단에 남아 있습니다.'),
    fix: text("Remove the client from the registry in the 'close' handler.", "'close' 핸들러에서 명단에서 지우세요."),
    section: 'leaving',
  },
  'no-leave-on-quit': {
    summary: text('{who} was not told that {nick} left with QUIT.', '{nick}이(가) QUIT으로 나갔는데 {who}이(가) LEAVE를 받지 못했습니다.'),
    cause: text('QUIT answers BYE and closes; the others must hear "LEAVE <name>" as for any other close.', 'QUIT은 BYE로 답하고 닫습니다. 다른 클라이언트는 다른 종료와 똑같이 "LEAVE <이름>"을 받아야 합니다.'),
    fix: text("Announce LEAVE in one place that every close passes through: the socket's 'close' event.", "모든 종료가 거쳐 가는 한 곳, 소켓의 'close' 이벤트에서 LEAVE를 알리세요."),
    section: 'leaving',
  },
  'no-leave-on-fin': {
    summary: text('{who} was not told that {nick} closed its connection (FIN).', '{nick}이(가) 연결을 닫았는데(FIN) {who}이(가) LEAVE를 받지 못했습니다.'),
    cause: text('A client may just close, without QUIT (a terminal closed, nc ended): the server sees \'end\' and \'close\', not a command.', '클라이언트는 QUIT 없이 그냥 닫을 수 있습니다(터미널을 닫거나 nc가 끝남). 서버에는 명령이 아니라 \'end\'와 \'close\'가 옵니다.'),
    fix: text("socket.on('close', () => leave(client));", "socket.on('close', () => leave(client));"),
    section: 'leaving',
  },
  'no-leave-on-rst': {
    summary: text('{who} was not told that {nick} was reset (RST).', '{nick}의 연결이 리셋(RST)되었는데 {who}이(가) LEAVE를 받지 못했습니다.'),
    cause: text(
      "A reset brings 'error' (ECONNRESET) and 'close', but no 'end': a server that announces leaves on 'end' misses it, and keeps a dead name.",
      "리셋이 오면 'error'(ECONNRESET)와 'close'가 오고 'end'는 오지 않습니다. 'end'에서 나감을 알리는 서버는 이를 놓치고 죽은 이름을 남깁니다.",
    ),
    fix: text("Announce leaves on 'close', which comes after FIN, RST, timeouts and destroy() alike.", "FIN, RST, 타임아웃, destroy() 모두 뒤에 오는 'close'에서 나감을 알리세요."),
    section: 'leaving',
  },
  'no-leave-on-timeout': {
    summary: text('{who} was not told that {nick} was closed for being idle.', '{nick}이(가) 유휴 시간 초과로 닫혔는데 {who}이(가) LEAVE를 받지 못했습니다.'),
    cause: text('The idle close is a close like any other: the others must hear LEAVE.', '유휴 종료도 다른 종료와 같습니다. 다른 클라이언트는 LEAVE를 받아야 합니다.'),
    fix: text("Let the 'close' handler announce it; the 'timeout' handler only ends the socket.", "LEAVE는 'close' 핸들러에 맡기고, 'timeout' 핸들러는 소켓만 끝내세요."),
    section: 'leaving',
  },
  'no-leave-on-limit': {
    summary: text('{who} was not told that {nick} was closed for a line over the limit.', '{nick}이(가) 제한을 넘는 줄 때문에 닫혔는데 {who}이(가) LEAVE를 받지 못했습니다.'),
    cause: text('A close by the server is a close like any other: the others must hear LEAVE.', '서버가 닫는 것도 다른 종료와 같습니다. 다른 클라이언트는 LEAVE를 받아야 합니다.'),
    fix: text("Let the 'close' handler announce every leave, whoever closed.", "누가 닫았든 'close' 핸들러가 모든 나감을 알리게 하세요."),
    section: 'leaving',
  },
  'leave-twice': {
    summary: text('{who} got {got} twice.', '{who}이(가) {got}을(를) 두 번 받았습니다.'),
    cause: text("The leave is announced in more than one handler ('end' and 'close', QUIT and 'close').", "나감을 두 핸들러 이상에서 알립니다('end'와 'close', QUIT과 'close')."),
    fix: text('Announce it once: mark the client gone, and do nothing the second time.', '한 번만 알리세요. 클라이언트를 떠남으로 표시하고 두 번째에는 아무것도 하지 마세요.'),
    section: 'leaving',
  },
  'quit-not-closed': {
    summary: text('{who} sent QUIT, got BYE, and the connection stayed open.', '{who}이(가) QUIT을 보내 BYE를 받았는데 연결이 열려 있었습니다.'),
    cause: text('socket.write() sends the reply but does not close.', 'socket.write()는 답을 보낼 뿐 닫지 않습니다.'),
    fix: text("socket.end('BYE\\n'): the reply, then FIN.", "socket.end('BYE\\n'): 답을 보내고 FIN."),
    section: 'the-protocol',
  },
  'no-line-limit': {
    summary: text('A line of {n} bytes was not refused with "ERR line too long" and a close.', '{n}바이트짜리 줄에 "ERR line too long"과 종료가 오지 않았습니다.'),
    cause: text('Without a limit one client can make the server hold any amount of memory for a line that never ends.', '제한이 없으면 끝나지 않는 줄 하나로 클라이언트가 서버 메모리를 얼마든지 차지할 수 있습니다.'),
    fix: text(
      "More than 1024 bytes before a '\\n', complete or not, a '\\r' before it included (measure the line before you drop the '\\r'): socket.end('ERR line too long\\n').",
      "'\\n' 전까지 1024바이트를 넘으면(줄이 끝났든 아니든, 그 앞의 '\\r'도 셉니다. '\\r'을 떼기 전에 길이를 재세요) socket.end('ERR line too long\\n').",
    ),
    section: 'validation',
  },
  'invalid-utf8-accepted': {
    summary: text('A line that is not UTF-8 was answered {got}; expected "ERR bad utf8".', 'UTF-8이 아닌 줄에 {got}이(가) 왔습니다. 기대한 답: "ERR bad utf8".'),
    cause: text("toString('utf8') turns broken bytes into U+FFFD silently, and the others would get a corrupted message.", "toString('utf8')은 깨진 바이트를 조용히 U+FFFD로 바꾸고, 다른 사람은 깨진 메시지를 받게 됩니다."),
    fix: text("import { isUtf8 } from 'node:buffer'; if (!isUtf8(bytes)) return send(c, 'ERR bad utf8');", "import { isUtf8 } from 'node:buffer'; if (!isUtf8(bytes)) return send(c, 'ERR bad utf8');"),
    section: 'validation',
  },
  'control-chars-accepted': {
    summary: text('A message with a control character was passed on ({got}); expected "ERR bad text".', '제어 문자가 든 메시지가 전달되었습니다({got}). 기대한 답: "ERR bad text".'),
    cause: text("A '\\r' or an escape byte inside a message can overwrite what other people's terminals show (a forged line).", "메시지 안의 '\\r'이나 이스케이프 바이트는 다른 사람의 터미널 화면을 덮어쓸 수 있습니다(위조된 줄)."),
    fix: text('/[\\u0000-\\u0008\\u000A-\\u001F\\u007F]/.test(text) → "ERR bad text" (a tab is allowed).', '/[\\u0000-\\u0008\\u000A-\\u001F\\u007F]/.test(text)이면 "ERR bad text"(탭은 허용).'),
    section: 'validation',
  },
  'no-idle-timeout': {
    summary: text('A client silent for {s} s was not closed with "ERR idle timeout" (IDLE_MS={idle}).', '{s}초 동안 조용한 클라이언트가 "ERR idle timeout"으로 닫히지 않았습니다(IDLE_MS={idle}).'),
    cause: text('The server does not read IDLE_MS, or socket.setTimeout() fired and nobody closed the socket: it only notifies.', '서버가 IDLE_MS를 읽지 않거나, socket.setTimeout()이 울렸는데 아무도 소켓을 닫지 않았습니다. 알려 줄 뿐입니다.'),
    fix: text("socket.setTimeout(IDLE_MS); socket.on('timeout', () => socket.end('ERR idle timeout\\n'));", "socket.setTimeout(IDLE_MS); socket.on('timeout', () => socket.end('ERR idle timeout\\n'));"),
    section: 'idle',
  },
  'slow-client-kept': {
    summary: text('A client that stopped reading was still in the room after {mb} MB were sent to it.', '읽기를 멈춘 클라이언트에게 {mb}MB를 보낸 뒤에도 그 클라이언트가 방에 남아 있었습니다.'),
    cause: text(
      'write() never refuses: what the peer does not read piles up in the server\'s memory (socket.writableLength). Without a bound, one stalled client can exhaust the server.',
      'write()는 거절하지 않습니다. 상대가 읽지 않은 것은 서버 메모리(socket.writableLength)에 쌓입니다. 한도가 없으면 멈춘 클라이언트 하나가 서버를 고갈시킬 수 있습니다.',
    ),
    fix: text('Before each write: if (socket.writableLength + bytes > 64 * 1024) socket.destroy(); the \'close\' handler announces the LEAVE.', "쓰기 전마다: if (socket.writableLength + bytes > 64 * 1024) socket.destroy(); LEAVE는 'close' 핸들러가 알립니다."),
    section: 'slow-consumers',
  },
  'others-slowed': {
    summary: text('While one client did not read, {who} got only {got} of {exp} messages within {s} s.', '한 클라이언트가 읽지 않는 동안 {who}은(는) {s}초 안에 메시지 {exp}개 중 {got}개만 받았습니다.'),
    cause: text(
      "The server waits for the slowest client: it pauses the sender (or the whole room) until every socket drains, so one stalled reader stops everybody.",
      "서버가 가장 느린 클라이언트를 기다립니다. 모든 소켓이 drain될 때까지 보낸 사람(이나 방 전체)을 멈추므로, 멈춘 독자 하나가 모두를 세웁니다.",
    ),
    fix: text("Never wait for one reader: drop a client whose queue passes the bound and keep serving the others.", "한 독자를 기다리지 마세요. 큐가 한도를 넘은 클라이언트는 내보내고 나머지를 계속 서비스하세요."),
    section: 'slow-consumers',
  },
  'memory-grew': {
    summary: text("Your server's memory grew by {mb} MiB while one client did not read (allowed: {limit} MiB).", '한 클라이언트가 읽지 않는 동안 서버 메모리가 {mb}MiB 늘었습니다(허용: {limit}MiB).'),
    cause: text('Output for the stalled client is kept somewhere without a bound: the socket\'s own queue, or a queue of your own.', '멈춘 클라이언트에게 갈 출력이 한도 없이 어딘가에 쌓입니다. 소켓 자체의 큐든, 직접 만든 큐든.'),
    fix: text('Bound what you hold per client in bytes (64 KiB) and drop the client past it.', '클라이언트마다 쌓아 두는 양을 바이트로 제한하고(64KiB) 넘으면 내보내세요.'),
    section: 'slow-consumers',
  },
});

export type Reason = keyof typeof mistakes;
export type Ctx = ScenarioContext<Reason>;
