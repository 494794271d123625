/**
 * Lesson 15 — every failure its checks can report, once, in both languages. The steps name a
 * reason and give its facts; the words are here.
 */
import { text } from '../../../src/i18n.ts';
import { defineMistakes } from '../../../src/checks/mistakes.ts';
import type { ScenarioContext } from '../../../src/checks/context.ts';

const BUFFER_LOOP = text(
  "Keep one Buffer per connection. After each 'data', append, then loop: take out every complete frame (the length field says how long it is) and keep the rest for the next chunk.",
  "연결마다 Buffer 하나를 두세요. 'data'가 올 때마다 이어 붙이고, 반복문으로 완성된 프레임(길이 필드가 길이를 알려 줍니다)을 모두 꺼낸 뒤 나머지는 다음 덩어리를 위해 남겨 두세요.",
);

const FAIL_IT = text(
  'Check the rule as soon as the frame header is in; send a close frame with the code of the table (2 bytes, big-endian), then socket.end(), and ignore everything that arrives after.',
  '프레임 헤더가 들어오자마자 규칙을 검사하세요. 표의 코드(2바이트, 빅 엔디언)를 담은 close 프레임을 보내고 socket.end()한 다음, 그 뒤에 오는 것은 모두 무시하세요.',
);

export const mistakes = defineMistakes({
  // ─── the handshake ───────────────────────────────────────────────────────────────
  'no-101': {
    summary: text('The upgrade request was not answered with "HTTP/1.1 101 Switching Protocols": {got}', '업그레이드 요청에 "HTTP/1.1 101 Switching Protocols"로 답하지 않았습니다: {got}'),
    cause: text(
      'A WebSocket starts as an HTTP request; the server agrees by answering 101, and only then do frames begin. Another status, another first line, or nothing at all, and every client gives up.',
      '웹소켓은 HTTP 요청으로 시작하고, 서버는 101로 답해서 동의합니다. 프레임은 그다음에야 시작됩니다. 다른 상태 코드, 다른 첫 줄, 또는 아무 답도 없으면 모든 클라이언트가 포기합니다.',
    ),
    fix: text("Wait for the whole head ('\\r\\n\\r\\n'), check it is an upgrade, and write 'HTTP/1.1 101 Switching Protocols\\r\\n' first.", "헤드 전체('\\r\\n\\r\\n')를 기다리고, 업그레이드인지 확인한 다음 'HTTP/1.1 101 Switching Protocols\\r\\n'을 먼저 쓰세요."),
    section: 'the-handshake',
  },
  'lf-only-head': {
    summary: text('The 101 response uses "\\n" where HTTP requires "\\r\\n".', '101 응답이 HTTP가 요구하는 "\\r\\n" 대신 "\\n"을 씁니다.'),
    cause: text('Every line of the 101 head, and the blank line after it, ends in CRLF. ws, Node and browsers refuse a bare "\\n".', '101 헤드의 모든 줄과 그 뒤의 빈 줄은 CRLF로 끝납니다. ws, Node, 브라우저는 "\\n"만 쓴 헤드를 거부합니다.'),
    fix: text("End every line with '\\r\\n' and the head with '\\r\\n\\r\\n'.", "모든 줄을 '\\r\\n'으로, 헤드는 '\\r\\n\\r\\n'으로 끝내세요."),
    section: 'the-handshake',
  },
  'accept-wrong': {
    summary: text('Sec-WebSocket-Accept is {got}; for the key {key} it must be {want}.', 'Sec-WebSocket-Accept가 {got}입니다. 키 {key}에 대해서는 {want}여야 합니다.'),
    cause: text(
      'The accept value is base64 of the SHA-1 digest BYTES of key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11". A hex digest turned into base64 (56 characters), a typo in the GUID, the key decoded first or trimmed wrongly all give another value, and the client refuses the connection.',
      '수락 값은 키 + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"의 SHA-1 다이제스트 "바이트"를 base64로 쓴 것입니다. 16진 다이제스트를 base64로 바꾸면(56글자), GUID에 오타가 있으면, 키를 먼저 디코딩하거나 잘못 자르면 다른 값이 나오고 클라이언트는 연결을 거부합니다.',
    ),
    fix: text("createHash('sha1').update(key + GUID).digest('base64'), with the key exactly as sent (trimmed of spaces).", "createHash('sha1').update(key + GUID).digest('base64'). 키는 보낸 그대로(앞뒤 공백만 제거) 쓰세요."),
    section: 'the-accept-key',
  },
  'upgrade-headers-missing': {
    summary: text('The 101 response lacks {missing}.', '101 응답에 {missing}이(가) 없습니다.'),
    cause: text('A 101 must say what it switches to: "Upgrade: websocket" and "Connection: Upgrade". Clients check both.', '101은 무엇으로 바꾸는지 말해야 합니다. "Upgrade: websocket"과 "Connection: Upgrade"입니다. 클라이언트는 둘 다 확인합니다.'),
    fix: text("Send 'Upgrade: websocket\\r\\nConnection: Upgrade\\r\\n' in the 101.", "101에 'Upgrade: websocket\\r\\nConnection: Upgrade\\r\\n'을 넣으세요."),
    section: 'the-handshake',
  },
  'extension-accepted': {
    summary: text('The 101 response carries "{header}": the client now believes it was agreed.', '101 응답에 "{header}"이(가) 있습니다. 클라이언트는 이제 그것에 합의했다고 믿습니다.'),
    cause: text(
      'Real clients offer permessage-deflate in every request. Naming it (or a subprotocol) in the 101 accepts it: the client then sends compressed payloads with RSV1 set, which this server cannot read.',
      '진짜 클라이언트는 모든 요청에서 permessage-deflate를 제안합니다. 101에 그것(또는 서브프로토콜)을 적으면 받아들인 것이 됩니다. 그러면 클라이언트는 RSV1을 켠 압축된 페이로드를 보내고, 이 서버는 그것을 읽지 못합니다.',
    ),
    fix: text('Decline by leaving it out: no Sec-WebSocket-Extensions and no Sec-WebSocket-Protocol header in the 101.', '빼는 것으로 거절하세요. 101에 Sec-WebSocket-Extensions와 Sec-WebSocket-Protocol 헤더를 넣지 마세요.'),
    section: 'extensions',
  },
  'handshake-in-pieces': {
    summary: text('The upgrade request sent in {n} pieces got no 101, though in one write it does.', '업그레이드 요청을 {n}조각으로 보내면 101이 오지 않습니다. 한 번에 보내면 옵니다.'),
    cause: text("One 'data' event is not one request: the head may end in a later chunk, even between the \\r and the \\n of its blank line.", "'data' 이벤트 하나가 요청 하나가 아닙니다. 헤드는 다음 덩어리에서, 심지어 빈 줄의 \\r과 \\n 사이에서 끝날 수도 있습니다."),
    fix: text("Append chunks to the connection's buffer and answer only when it holds '\\r\\n\\r\\n'.", "덩어리를 연결의 버퍼에 이어 붙이고, 버퍼에 '\\r\\n\\r\\n'이 있을 때만 답하세요."),
    section: 'framing',
  },
  'first-frame-lost': {
    summary: text('A frame sent in the same write as the request head was lost: {want} never came.', '요청 헤드와 같은 write로 보낸 프레임이 사라졌습니다. {want}이(가) 끝내 오지 않았습니다.'),
    cause: text('The bytes after "\\r\\n\\r\\n" in the chunk that ends the head are already the first frames. Throwing the chunk away after the 101 loses them.', '헤드를 끝내는 덩어리에서 "\\r\\n\\r\\n" 뒤의 바이트는 이미 첫 프레임입니다. 101을 보낸 뒤 그 덩어리를 버리면 그 프레임도 사라집니다.'),
    fix: text('After the head, keep buffered.subarray(end + 4) and read frames from it at once.', '헤드 뒤의 buffered.subarray(end + 4)를 남겨 두고 곧바로 거기서 프레임을 읽으세요.'),
    section: 'the-handshake',
  },
  'refusal-wrong': {
    summary: text('{req} must be refused with {want}; the server answered {got}.', '{req}은(는) {want}(으)로 거절해야 하는데 서버는 {got}(으)로 답했습니다.'),
    cause: text('A request that is not a WebSocket upgrade gets an HTTP error, never a 101: 431 for a head over 8192 bytes, 400 for a missing Upgrade, Connection token or key, or another method, 426 for a version that is not 13, in that order.', '웹소켓 업그레이드가 아닌 요청에는 101이 아니라 HTTP 오류로 답합니다. 8192바이트가 넘는 헤드는 431, Upgrade나 Connection 토큰이나 키가 없거나 다른 메서드면 400, 버전이 13이 아니면 426, 이 순서로 봅니다.'),
    fix: text('Check the request against the table of README "The handshake" before you compute the accept key.', '수락 키를 계산하기 전에 README "핸드셰이크"의 표대로 요청을 검사하세요.'),
    section: 'refusals',
  },
  'refusal-not-closed': {
    summary: text('After refusing {req} the server kept the connection open.', '{req}을(를) 거절한 뒤 서버가 연결을 열어 두었습니다.'),
    cause: text('A refused request ends the connection: the client will not upgrade it, and nothing else is spoken on it.', '거절한 요청은 연결을 끝냅니다. 클라이언트는 업그레이드하지 않을 것이고, 그 연결에서 더 주고받을 것도 없습니다.'),
    fix: text("Answer with 'Connection: close', then socket.end().", "'Connection: close'를 넣어 답한 뒤 socket.end()하세요."),
    section: 'refusals',
  },
  'no-version-header': {
    summary: text('The 426 response lacks "Sec-WebSocket-Version: 13".', '426 응답에 "Sec-WebSocket-Version: 13"이 없습니다.'),
    cause: text('A 426 tells the client which version to try instead (RFC 6455 §4.4).', '426은 클라이언트에게 대신 쓸 버전을 알려 줍니다(RFC 6455 §4.4).'),
    fix: text("Add 'Sec-WebSocket-Version: 13\\r\\n' to the 426.", "426에 'Sec-WebSocket-Version: 13\\r\\n'을 넣으세요."),
    section: 'refusals',
  },

  // ─── the server's frames ─────────────────────────────────────────────────────────
  'server-frame-masked': {
    summary: text('The server sent a masked frame: {got}', '서버가 마스크를 씌운 프레임을 보냈습니다: {got}'),
    cause: text('Frames from the client are masked; frames from the server never are (RFC 6455 §5.1). A client that gets a masked frame fails the connection.', '클라이언트가 보내는 프레임에는 마스크가 있고, 서버가 보내는 프레임에는 절대 없습니다(RFC 6455 §5.1). 마스크가 있는 프레임을 받은 클라이언트는 연결을 실패시킵니다.'),
    fix: text('Write the second byte as the bare length (MASK bit 0), with no masking key.', '두 번째 바이트는 길이만 쓰고(MASK 비트 0) 마스킹 키는 넣지 마세요.'),
    section: 'frames',
  },
  'bad-server-frame': {
    summary: text('The server sent a frame that breaks the rules: {what}', '서버가 규칙에 어긋나는 프레임을 보냈습니다: {what}'),
    cause: text('Every frame this server sends has FIN = 1, RSV1–3 = 0 and a known opcode: it never fragments and agreed no extension.', '이 서버가 보내는 모든 프레임은 FIN = 1, RSV1–3 = 0이고 알려진 opcode를 씁니다. 조각내지 않고, 합의한 확장도 없습니다.'),
    fix: text('The first byte is 0x80 | opcode: 0x81 text, 0x82 binary, 0x88 close, 0x8A pong.', '첫 바이트는 0x80 | opcode입니다. 텍스트 0x81, 바이너리 0x82, close 0x88, pong 0x8A.'),
    section: 'frames',
  },
  'length-not-minimal': {
    summary: text('A {n}-byte payload was sent with a {form} length field; the shortest form is required.', '{n}바이트 페이로드를 {form} 길이 필드로 보냈습니다. 가장 짧은 형식이어야 합니다.'),
    cause: text('0–125 fits in the 7 bits; 126–65535 takes 126 and 2 bytes; 65536 and up take 127 and 8 bytes. A longer form than needed is not allowed from a server.', '0–125는 7비트에 들어가고, 126–65535는 126과 2바이트, 65536 이상은 127과 8바이트입니다. 필요한 것보다 긴 형식은 서버가 쓰면 안 됩니다.'),
    fix: text('Pick the form by the payload length: n < 126, n < 65536, otherwise 64 bits.', '페이로드 길이로 형식을 고르세요. n < 126, n < 65536, 그 밖에는 64비트.'),
    section: 'frames',
  },
  'long-message-wrong': {
    summary: text('A message of {n} bytes came back wrong: {got} instead of {want}.', '{n}바이트 메시지가 틀리게 돌아왔습니다: {want} 대신 {got}.'),
    cause: text('Lengths of 126 and up do not fit in 7 bits: 126 means "the next 2 bytes hold the length", 127 "the next 8 bytes". Reading (or writing) only the 7 bits garbles every longer message.', '126 이상의 길이는 7비트에 들어가지 않습니다. 126은 "다음 2바이트에 길이가 있다", 127은 "다음 8바이트에"라는 뜻입니다. 7비트만 읽거나 쓰면 그보다 긴 메시지는 모두 깨집니다.'),
    fix: text('Read the extended length (readUInt16BE / readBigUInt64BE) before the mask, and write it the same way.', '마스크 앞의 확장 길이(readUInt16BE / readBigUInt64BE)를 읽고, 보낼 때도 같은 방식으로 쓰세요.'),
    section: 'frames',
  },
  'wrong-echo': {
    summary: text('{sent} was answered with {got}; it must be {want}.', '{sent}에 {got}(으)로 답했습니다. {want}여야 합니다.'),
    cause: text('A text message <t> is answered with one text frame "echo:<t>"; a binary message with one binary frame of the same bytes.', '텍스트 메시지 <t>에는 텍스트 프레임 하나 "echo:<t>"로, 바이너리 메시지에는 같은 바이트의 바이너리 프레임 하나로 답합니다.'),
    fix: text("Unmask the payload (byte i XOR key[i % 4]); prefix text with Buffer.from('echo:'); keep the opcode of the message's first frame.", "페이로드의 마스크를 벗기고(바이트 i XOR key[i % 4]), 텍스트 앞에는 Buffer.from('echo:')를 붙이고, 메시지 첫 프레임의 opcode를 그대로 쓰세요."),
    section: 'messages',
  },
  'fragments-not-joined': {
    summary: text('The fragmented message {sent} was answered with {got}; the answer is one frame {want}.', '조각난 메시지 {sent}에 {got}(으)로 답했습니다. 답은 프레임 하나 {want}입니다.'),
    cause: text('A message is a first frame with FIN = 0, continuations, and a last one with FIN = 1: its payload is all of them joined, answered once, after the last. Control frames between the fragments do not end it.', '메시지는 FIN = 0인 첫 프레임, 이어지는 continuation 프레임들, FIN = 1인 마지막 프레임으로 이루어집니다. 페이로드는 그것들을 모두 이은 것이고, 마지막 프레임 뒤에 한 번 답합니다. 조각 사이의 제어 프레임은 메시지를 끝내지 않습니다.'),
    fix: text("Collect the payloads of the message in progress (and its first opcode) per connection; answer when a frame has FIN = 1; answer pings in between without touching the collection.", "진행 중인 메시지의 페이로드(와 첫 opcode)를 연결마다 모으고, FIN = 1인 프레임이 오면 답하세요. 그 사이의 ping에는 모아 둔 것을 건드리지 말고 답하세요."),
    section: 'messages',
  },
  'no-reply': {
    summary: text('No {want} came within {ms} ms after {sent}.', '{sent} 뒤 {ms}ms 안에 {want}이(가) 오지 않았습니다.'),
    cause: text('The server is still waiting: for more bytes of a frame it misread, for a head it did not recognize, or it never answers this kind of frame.', '서버가 아직 기다리고 있습니다. 잘못 읽은 프레임의 나머지 바이트를, 알아보지 못한 헤드를 기다리거나, 이런 프레임에는 아예 답하지 않습니다.'),
    fix: BUFFER_LOOP,
    section: 'framing',
  },
  'frame-in-pieces': {
    summary: text('The same frames in one write are answered right, but cut into {n} writes they are not ({what}).', '같은 프레임을 한 번에 보내면 맞게 답하는데, write {n}번으로 나누면 그렇지 않습니다({what}).'),
    cause: text("One 'data' event is not one frame. A frame's header, its mask or its payload may be split across chunks; one chunk may hold several frames.", "'data' 이벤트 하나가 프레임 하나가 아닙니다. 프레임의 헤더, 마스크, 페이로드가 여러 덩어리에 나뉘어 올 수 있고, 한 덩어리에 프레임이 여럿 있을 수도 있습니다."),
    fix: BUFFER_LOOP,
    section: 'framing',
  },
  'unexpected-frame': {
    summary: text('The server sent {got}, which nothing asked for (after {sent}).', '서버가 아무도 요청하지 않은 {got}을(를) 보냈습니다({sent} 뒤).'),
    cause: text('An unasked-for pong gets no reply; the server sends no ping or close of its own accord; each message is answered once.', '요청하지 않은 pong에는 답하지 않습니다. 서버는 스스로 ping이나 close를 보내지 않고, 메시지마다 한 번만 답합니다.'),
    fix: text('Answer only what README "Messages" and "Ping, pong and close" list; ignore pongs.', 'README "메시지"와 "ping, pong, close"에 있는 것에만 답하고, pong은 무시하세요.'),
    section: 'control-frames',
  },
  'no-pong': {
    summary: text('The ping {sent} was answered with {got}, not with a pong of the same payload.', 'ping {sent}에 같은 페이로드의 pong이 아니라 {got}(으)로 답했습니다.'),
    cause: text('A ping asks "are you there?": answer it at once with a pong (opcode 0xA) carrying the same bytes, even in the middle of a fragmented message.', 'ping은 "거기 있어요?"라고 묻습니다. 같은 바이트를 담은 pong(opcode 0xA)으로 곧바로 답하세요. 조각난 메시지의 중간이어도 마찬가지입니다.'),
    fix: text('On opcode 0x9 write frameOf(0xA, payload) and go on with the next frame.', 'opcode 0x9에는 frameOf(0xA, payload)를 쓰고 다음 프레임으로 넘어가세요.'),
    section: 'control-frames',
  },
  'utf8-split-rejected': {
    summary: text('The valid text message {sent} was refused with close {got}: a character split between fragments is fine.', '올바른 텍스트 메시지 {sent}을(를) close {got}(으)로 거부했습니다. 글자가 조각 사이에서 나뉘는 것은 괜찮습니다.'),
    cause: text('UTF-8 is checked on the whole message. Decoding each fragment (or chunk) on its own sees half a character and calls it invalid.', 'UTF-8은 메시지 전체로 검사합니다. 조각(또는 덩어리)마다 따로 디코딩하면 글자의 반쪽을 보고 잘못됐다고 판단합니다.'),
    fix: text('Join the fragments as Buffers and call isUtf8() on the whole message, at its last frame.', '조각을 Buffer로 이어 붙이고, 마지막 프레임에서 메시지 전체에 isUtf8()을 호출하세요.'),
    section: 'utf-8',
  },
  'rejected-valid-frame': {
    summary: text('The server failed the connection with close {got} after {sent}, which breaks no rule.', '서버가 어떤 규칙도 어기지 않은 {sent} 뒤에 close {got}(으)로 연결을 실패시켰습니다.'),
    cause: text('Only the frames of README "Failing the connection" end it. A longer length form than needed from a client, an empty fragment, an empty message, a zero mask, a 125-byte ping are all allowed.', 'README "연결 실패시키기"에 있는 프레임만 연결을 끝냅니다. 클라이언트가 필요보다 긴 길이 형식을 쓰는 것, 빈 조각, 빈 메시지, 0으로 된 마스크, 125바이트 ping은 모두 허용됩니다.'),
    fix: text('Compare your checks with the table of README "Failing the connection", one rule at a time.', '내 검사를 README "연결 실패시키기"의 표와 규칙 하나씩 비교해 보세요.'),
    section: 'errors',
  },
  'valid-close-code-rejected': {
    summary: text('A close with the valid code {code} was answered with close {got}.', '올바른 코드 {code}의 close에 close {got}(으)로 답했습니다.'),
    cause: text('Valid codes are 1000–1003, 1007–1014 and 3000–4999 (3000–4999 are for libraries and applications).', '올바른 코드는 1000–1003, 1007–1014, 3000–4999입니다(3000–4999는 라이브러리와 애플리케이션용입니다).'),
    fix: text('(code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999)', '(code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999)'),
    section: 'control-frames',
  },

  // ─── closing ─────────────────────────────────────────────────────────────────────
  'close-not-answered': {
    summary: text('The close {sent} was answered with {got}, not with a close frame.', 'close {sent}에 close 프레임이 아니라 {got}(으)로 답했습니다.'),
    cause: text('A close frame asks for a close frame back: that is the close handshake. Only then does the server end the TCP connection.', 'close 프레임은 close 프레임으로 답해 달라는 뜻입니다. 그것이 닫기 핸드셰이크입니다. 그다음에야 서버가 TCP 연결을 끝냅니다.'),
    fix: text('On opcode 0x8 write frameOf(0x8, payload.subarray(0, 2)), then socket.end().', 'opcode 0x8에는 frameOf(0x8, payload.subarray(0, 2))를 쓰고 socket.end()하세요.'),
    section: 'closing',
  },
  'close-code-not-echoed': {
    summary: text('The close {sent} was answered with {got}; the answer carries the same code.', 'close {sent}에 {got}(으)로 답했습니다. 답에는 같은 코드가 들어갑니다.'),
    cause: text('This server echoes the client\'s status code (the first 2 bytes of its payload); an empty close is answered with an empty close.', '이 서버는 클라이언트의 상태 코드(페이로드의 처음 2바이트)를 그대로 돌려줍니다. 빈 close에는 빈 close로 답합니다.'),
    fix: text('Answer with payload.subarray(0, 2): the code, or nothing when the payload was empty.', 'payload.subarray(0, 2)로 답하세요. 코드이거나, 페이로드가 비어 있었다면 아무것도 없습니다.'),
    section: 'control-frames',
  },
  'no-fin-after-close': {
    summary: text('After its close frame the server kept the TCP connection open for {ms} ms.', 'close 프레임을 보낸 뒤 서버가 TCP 연결을 {ms}ms 동안 열어 두었습니다.'),
    cause: text('After the close handshake the server closes the TCP connection first (RFC 6455 §7.1.1); a client waits for that FIN.', '닫기 핸드셰이크 뒤에는 서버가 먼저 TCP 연결을 닫습니다(RFC 6455 §7.1.1). 클라이언트는 그 FIN을 기다립니다.'),
    fix: text('Call socket.end() right after writing the close frame (socket.end(closeFrame) does both).', 'close 프레임을 쓴 직후 socket.end()를 호출하세요(socket.end(closeFrame)이 둘 다 합니다).'),
    section: 'closing',
  },
  'frames-after-close': {
    summary: text('After its close frame the server sent {got}.', 'close 프레임을 보낸 뒤 서버가 {got}을(를) 보냈습니다.'),
    cause: text('The close frame is the last frame a side sends. Whatever arrives after the client\'s close (or after a broken rule) is ignored.', 'close 프레임은 한쪽이 보내는 마지막 프레임입니다. 클라이언트의 close 뒤에(또는 규칙을 어긴 프레임 뒤에) 오는 것은 모두 무시합니다.'),
    fix: text("Set a 'closed' flag when you send the close frame and return from 'data' while it is set; stop the frame loop at once.", "close 프레임을 보낼 때 'closed' 표시를 켜고, 켜져 있으면 'data'에서 바로 return하세요. 프레임 반복도 즉시 멈추세요."),
    section: 'closing',
  },

  // ─── failing the connection ──────────────────────────────────────────────────────
  'unmasked-accepted': {
    summary: text('A frame without MASK ({sent}) was answered with {got} instead of close 1002.', 'MASK 없는 프레임({sent})에 close 1002 대신 {got}(으)로 답했습니다.'),
    cause: text('A client must mask every frame (RFC 6455 §5.1): an unmasked one is a protocol error, and the server fails the connection with 1002.', '클라이언트는 모든 프레임에 마스크를 씌워야 합니다(RFC 6455 §5.1). 마스크 없는 프레임은 프로토콜 오류이고, 서버는 1002로 연결을 실패시킵니다.'),
    fix: FAIL_IT,
    section: 'errors',
  },
  'reserved-bits-accepted': {
    summary: text('{sent} was answered with {got} instead of close 1002: reserved bits and unknown opcodes are protocol errors.', '{sent}에 close 1002 대신 {got}(으)로 답했습니다. 예약 비트와 알 수 없는 opcode는 프로토콜 오류입니다.'),
    cause: text('RSV1–3 must be 0 when no extension was agreed, and only the opcodes 0x0, 0x1, 0x2, 0x8, 0x9, 0xA exist. Ignoring them would read a compressed or future frame as plain data.', '합의한 확장이 없으면 RSV1–3은 0이어야 하고, opcode는 0x0, 0x1, 0x2, 0x8, 0x9, 0xA만 있습니다. 그냥 넘기면 압축된 프레임이나 앞으로 생길 프레임을 평범한 데이터로 읽게 됩니다.'),
    fix: FAIL_IT,
    section: 'errors',
  },
  'control-frame-rules': {
    summary: text('{sent} was answered with {got} instead of close 1002: a control frame has FIN = 1 and at most 125 bytes.', '{sent}에 close 1002 대신 {got}(으)로 답했습니다. 제어 프레임은 FIN = 1이고 125바이트 이하입니다.'),
    cause: text('Control frames (close, ping, pong) are never fragmented and their length fits in the 7 bits: a 126 or 127 in the length field of a control frame is a protocol error.', '제어 프레임(close, ping, pong)은 조각나지 않고 길이가 7비트에 들어갑니다. 제어 프레임 길이 필드의 126이나 127은 프로토콜 오류입니다.'),
    fix: FAIL_IT,
    section: 'errors',
  },
  'fragment-order-accepted': {
    summary: text('{sent} was answered with {got} instead of close 1002: fragments came out of order.', '{sent}에 close 1002 대신 {got}(으)로 답했습니다. 조각의 순서가 어긋났습니다.'),
    cause: text('A continuation frame belongs to a message in progress, and a new text or binary frame may not start while one is: messages are never interleaved.', 'continuation 프레임은 진행 중인 메시지에 속하고, 메시지가 진행 중일 때 새 텍스트나 바이너리 프레임이 시작될 수 없습니다. 메시지끼리 섞이지 않습니다.'),
    fix: FAIL_IT,
    section: 'errors',
  },
  'bad-close-accepted': {
    summary: text('{sent} was answered with {got} instead of close 1002: that close payload is not allowed.', '{sent}에 close 1002 대신 {got}(으)로 답했습니다. 그런 close 페이로드는 허용되지 않습니다.'),
    cause: text('A close payload is empty or starts with a 2-byte code; 1 byte is malformed. 1005 and 1006 are never sent on the wire, 1004 and 1015 are reserved, 0–999 and 5000 and up do not exist.', 'close 페이로드는 비어 있거나 2바이트 코드로 시작합니다. 1바이트는 잘못된 형식입니다. 1005와 1006은 절대 실제로 보내지 않고, 1004와 1015는 예약돼 있으며, 0–999와 5000 이상은 없습니다.'),
    fix: FAIL_IT,
    section: 'errors',
  },
  'invalid-utf8-accepted': {
    summary: text('{sent} was answered with {got} instead of close 1007: it is not valid UTF-8.', '{sent}에 close 1007 대신 {got}(으)로 답했습니다. 올바른 UTF-8이 아닙니다.'),
    cause: text("A text message (and a close reason) must be valid UTF-8. toString('utf8') never complains: it turns the bad bytes into U+FFFD and the damage is echoed on.", "텍스트 메시지(와 close 사유)는 올바른 UTF-8이어야 합니다. toString('utf8')은 불평하지 않고 잘못된 바이트를 U+FFFD로 바꿔 버리므로, 망가진 내용이 그대로 에코됩니다."),
    fix: text("import { isUtf8 } from 'node:buffer'; check the whole message (and a close's reason) before answering; close with 1007 if it fails.", "import { isUtf8 } from 'node:buffer'로 답하기 전에 메시지 전체(와 close 사유)를 검사하고, 통과하지 못하면 1007로 닫으세요."),
    section: 'utf-8',
  },
  'too-big-accepted': {
    summary: text('After {sent} the server sent {got}, not close 1009 at once: the message would be over 1 MiB.', '{sent} 뒤에 곧바로 close 1009가 아니라 {got}이(가) 왔습니다. 메시지가 1MiB를 넘게 됩니다.'),
    cause: text('The limit is decided from the frame header: as soon as the length field says the message would be over 1 048 576 bytes, send close 1009. A server that waits for the payload can be held by a single header that announces 2^40 bytes.', '제한은 프레임 헤더로 판단합니다. 길이 필드가 메시지가 1 048 576바이트를 넘게 된다고 말하는 순간 close 1009를 보내세요. 페이로드를 기다리는 서버는 2^40바이트를 알리는 헤더 하나에 붙잡힙니다.'),
    fix: text('Right after reading the extended length (before the mask and the payload), compare bytesSoFar + length with the limit.', '확장 길이를 읽은 직후(마스크와 페이로드보다 먼저) 지금까지의 바이트 + length를 제한과 비교하세요.'),
    section: 'limits',
  },
  'wrong-close-code': {
    summary: text('{sent} must fail the connection with close {want}; the server sent close {got}.', '{sent}은(는) close {want}(으)로 연결을 실패시켜야 하는데 서버는 close {got}을(를) 보냈습니다.'),
    cause: text('Each broken rule has its code: 1002 for the protocol (mask, bits, opcodes, control frames, fragment order, close payloads), 1007 for text that is not UTF-8, 1009 for a message over the limit.', '어긴 규칙마다 코드가 있습니다. 프로토콜(마스크, 비트, opcode, 제어 프레임, 조각 순서, close 페이로드)은 1002, UTF-8이 아닌 텍스트는 1007, 제한을 넘는 메시지는 1009입니다.'),
    fix: text('Use the code of README "Failing the connection", written as 2 bytes big-endian (writeUInt16BE).', 'README "연결 실패시키기"의 코드를 2바이트 빅 엔디언(writeUInt16BE)으로 쓰세요.'),
    section: 'errors',
  },

  // ─── real clients, and the server as a whole ─────────────────────────────────────
  'ws-client-failed': {
    summary: text('The ws client failed to {step}: {err}', 'ws 클라이언트가 {step} 못했습니다: {err}'),
    cause: text('ws checks everything the RFC asks of a server: the 101, the accept key, unmasked frames, RSV bits, lengths, the close handshake.', 'ws는 RFC가 서버에 요구하는 것을 모두 검사합니다. 101, 수락 키, 마스크 없는 프레임, RSV 비트, 길이, 닫기 핸드셰이크.'),
    fix: text('Run the same exchange by hand (README "Run it") and read the error ws gives; the raw-socket checks name the rule.', '같은 주고받기를 손으로 돌려(README "실행하기") ws가 내는 오류를 읽어 보세요. raw 소켓 검사가 어긴 규칙을 알려 줍니다.'),
    section: 'the-clients',
  },
  'node-websocket-failed': {
    summary: text("Node's WebSocket failed to {step}: {err}", 'Node의 WebSocket이 {step} 못했습니다: {err}'),
    cause: text("Node's WebSocket (undici, the browser API) is as strict as a browser: any broken rule ends the connection with code 1006.", 'Node의 WebSocket(undici, 브라우저 API)은 브라우저만큼 엄격합니다. 규칙 하나만 어겨도 코드 1006으로 연결을 끝냅니다.'),
    fix: text('Run the one-liner of README "Run it" against your server and look at the close event\'s code.', 'README "실행하기"의 한 줄 명령을 내 서버에 돌려 보고 close 이벤트의 코드를 보세요.'),
    section: 'the-clients',
  },
  'browser-failed': {
    summary: text('Chromium failed to {step}: {err}', 'Chromium이 {step} 못했습니다: {err}'),
    cause: text('A browser gives a page no detail: a broken handshake or frame shows only as an error event and close code 1006.', '브라우저는 페이지에 자세한 내용을 알려 주지 않습니다. 깨진 핸드셰이크나 프레임은 error 이벤트와 close 코드 1006으로만 보입니다.'),
    fix: text('Open the developer tools (Network, WS, Messages) and try the console one-liner of README "Run it".', '개발자 도구(Network, WS, Messages)를 열고 README "실행하기"의 콘솔 한 줄을 실행해 보세요.'),
    section: 'the-clients',
  },
  'connections-share-state': {
    summary: text('Two clients sending fragmented messages at the same time got each other\'s bytes: {got} instead of {want}.', '두 클라이언트가 조각난 메시지를 동시에 보냈더니 서로의 바이트가 섞였습니다: {want} 대신 {got}.'),
    cause: text('The buffer, the fragments of the message in progress and the closed flag belong to one connection. Kept at module level, they mix clients up.', '버퍼, 진행 중인 메시지의 조각, 닫힘 표시는 연결 하나의 것입니다. 모듈 수준에 두면 클라이언트끼리 섞입니다.'),
    fix: text('Declare them with let inside the net.createServer((socket) => { … }) callback.', 'net.createServer((socket) => { … }) 콜백 안에서 let으로 선언하세요.'),
    section: 'framing',
  },
  'server-closed': {
    summary: text('The server closed the connection ({how}) where {want} was due, after {sent}.', '{sent} 뒤 {want}이(가) 와야 할 때 서버가 연결을 닫았습니다({how}).'),
    cause: text('Only a close handshake, a refused request or a broken rule ends a connection, and always with a close frame (or an HTTP error) first.', '닫기 핸드셰이크, 거절한 요청, 어긴 규칙만 연결을 끝내고, 그때도 언제나 close 프레임(이나 HTTP 오류)을 먼저 보냅니다.'),
    fix: text('Look at stderr for an exception in your data handler; keep the connection open otherwise.', 'stderr에서 data 핸들러의 예외를 찾아보고, 그 밖에는 연결을 열어 두세요.'),
    section: 'errors',
  },
  'server-crashed': {
    summary: text('The server exited ({how}) after {sent}.', '{sent} 뒤 서버가 종료했습니다({how}).'),
    cause: text('An exception in a data handler ends the whole server, every client with it: a bad frame, a client that resets mid-frame, a write after end.', 'data 핸들러의 예외 하나가 서버 전체를, 모든 클라이언트와 함께 끝냅니다. 잘못된 프레임, 프레임 중간에 리셋하는 클라이언트, end 뒤의 write.'),
    fix: text("Validate before you read (lengths, opcodes), handle 'error' on every socket, and never write after socket.end().", "읽기 전에 검사하고(길이, opcode), 모든 소켓에서 'error'를 처리하고, socket.end() 뒤에는 절대 쓰지 마세요."),
    section: 'limits',
  },
});

export type Reason = keyof typeof mistakes;
export type Ctx = ScenarioContext<Reason>;
