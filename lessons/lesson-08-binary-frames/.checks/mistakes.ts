/**
 * Lesson 08 — every failure its checks can report, once, in both languages. The scenarios and
 * steps name a reason and give its facts (`vars`, expected, actual); the words are here.
 */
import { text } from '../../../src/i18n.ts';
import { defineMistakes } from '../../../src/checks/mistakes.ts';

const BE_HEADER = text('head.writeUInt32BE(1 + payload.length, 0)', 'head.writeUInt32BE(1 + payload.length, 0)');
const BIG_FRAME_CHUNKS = text(
  ' A large frame arrives in many chunks: keep appending to the buffer until it holds 4 + length bytes.',
  ' 큰 프레임은 여러 덩어리로 옵니다. 버퍼에 4 + length바이트가 모일 때까지 계속 이어 붙이세요.',
);

export const mistakes = defineMistakes({
  // ── reading the stream ──
  'header-assumed-whole': {
    summary: text('Your server crashed reading bytes that had not arrived yet.', '서버가 아직 도착하지 않은 바이트를 읽다가 죽었습니다.'),
    cause: text(
      "A 'data' chunk can end anywhere, even inside the 4-byte length. readUInt32BE(0) on a buffer of 1–3 bytes throws ERR_BUFFER_OUT_OF_BOUNDS.",
      "'data' 덩어리는 어디서든 끊길 수 있고, 4바이트 길이 한가운데서도 끊깁니다. 1~3바이트짜리 버퍼에 readUInt32BE(0)을 하면 ERR_BUFFER_OUT_OF_BOUNDS가 납니다.",
    ),
    fix: text(
      'Keep a per-connection buffer; read the length only when it holds at least 4 bytes, and the frame only when it holds 4 + length.',
      '연결마다 버퍼를 두고, 4바이트 이상일 때만 길이를, 4 + length바이트 이상일 때만 프레임을 읽으세요.',
    ),
    section: 'reading-frames',
  },
  'only-first-frame-per-chunk': {
    summary: text('Your server answered {i} of the {n} frames that came in one write, then nothing.', '서버가 한 번에 온 프레임 {n}개 중 {i}개에만 답하고 멈췄습니다.'),
    cause: text(
      "The frames arrived in one 'data' event. Handling one frame per chunk leaves the rest unanswered.",
      "프레임들이 'data' 이벤트 하나로 왔습니다. 덩어리마다 프레임 하나만 처리하면 나머지는 답을 못 받습니다.",
    ),
    fix: text('After taking a frame, loop while the buffer still holds a whole frame.', '프레임을 하나 꺼낸 뒤, 버퍼에 온전한 프레임이 남아 있는 동안 반복하세요.'),
    section: 'reading-frames',
  },
  'shared-buffer': {
    summary: text('Connection B got no proper reply while connection A had half a frame pending.', '연결 A에 프레임이 반쯤 남아 있는 동안 연결 B가 제대로 된 답을 받지 못했습니다.'),
    cause: text(
      "The buffer of unframed bytes is shared by all connections (a variable outside the connection handler), so B's bytes were appended to A's half frame.",
      '프레임으로 자르지 않은 바이트를 담는 버퍼를 모든 연결이 함께 씁니다(연결 핸들러 밖의 변수). 그래서 B의 바이트가 A의 반쪽 프레임 뒤에 붙었습니다.',
    ),
    fix: text('Declare the buffer inside net.createServer((socket) => { let pending = Buffer.alloc(0); … }).', '버퍼를 net.createServer((socket) => { let pending = Buffer.alloc(0); … }) 안에서 선언하세요.'),
    section: 'reading-frames',
  },
  'reads-lines': {
    summary: text('Your server answered only after the checker sent a "\\n".', '검사기가 "\\n"을 보낸 뒤에야 서버가 답했습니다.'),
    cause: text(
      "It reads lines (readline, or split('\\n')). A binary frame is not a line: it ends where its length says, and it may contain 0x0A anywhere, or none at all.",
      "서버가 줄 단위로 읽습니다(readline이나 split('\\n')). 바이너리 프레임은 줄이 아닙니다. 길이가 말하는 곳에서 끝나고, 0x0A가 아무 데나 있거나 아예 없을 수 있습니다.",
    ),
    fix: text('Drop readline; frame the raw Buffer chunks by their 4-byte length.', 'readline을 빼고, 날 Buffer 덩어리를 4바이트 길이로 잘라 프레임을 만드세요.'),
    section: 'bytes-not-text',
  },
  'binary-decoded-as-text': {
    summary: text('The echoed bytes came back changed: 0xFF and other non-UTF-8 bytes became EF BF BD (U+FFFD).', '에코한 바이트가 바뀌어 돌아왔습니다. 0xFF 같은 UTF-8이 아닌 바이트가 EF BF BD(U+FFFD)가 되었습니다.'),
    cause: text(
      "The stream was decoded as text (socket.setEncoding('utf8'), readline, or toString() before framing). A binary payload is not UTF-8: each invalid byte becomes the replacement character, and the frame's length no longer matches.",
      "스트림을 텍스트로 디코딩했습니다(socket.setEncoding('utf8'), readline, 또는 프레임을 자르기 전의 toString()). 바이너리 페이로드는 UTF-8이 아닙니다. 잘못된 바이트마다 대체 문자가 되고, 프레임의 길이도 더는 맞지 않습니다.",
    ),
    fix: text('Keep the chunks as Buffers; decode only a payload that is text (ULEN), after the frame is cut.', '덩어리는 Buffer로 두고, 프레임을 자른 뒤 텍스트인 페이로드(ULEN)만 디코딩하세요.'),
    section: 'bytes-not-text',
  },
  'no-reply': {
    summary: text('Your server did not reply to {sent} within {ms} ms.', '서버가 {sent}에 {ms}ms 안에 답하지 않았습니다.'),
    cause: text(
      'The reply was never written, or the server still waits for bytes: read little-endian (readUInt32LE), the header 00 00 00 06 is 100663296, so it waits for 100 MB; or it waits for more than 4 + length bytes, or it lost bytes of a header that came at the end of a chunk.',
      '답을 쓰지 않았거나, 서버가 아직 바이트를 기다립니다. 리틀 엔디언(readUInt32LE)으로 읽으면 헤더 00 00 00 06은 100663296이라 100MB를 기다리게 되고, 4 + length보다 많은 바이트를 기다리거나, 덩어리 끝에 온 헤더 조각을 버린 경우도 있습니다.',
    ),
    fix: text(
      'Read the length with readUInt32BE(0); a frame is complete when the buffer holds 4 + length bytes; keep every byte after it for the next frame.',
      'readUInt32BE(0)으로 길이를 읽고, 버퍼에 4 + length바이트가 있으면 프레임이 다 온 것입니다. 그 뒤의 바이트는 모두 다음 프레임을 위해 남겨 두세요.',
    ),
    section: 'reading-frames',
  },
  'closed-without-reply': {
    summary: text('Your server closed the connection ({how}) instead of replying to {sent}.', '서버가 {sent}에 답하지 않고 연결을 닫았습니다({how}).'),
    cause: text('Only a length of 0 or over 1 MiB ends the connection; every other frame gets a reply.', '연결을 끝내는 것은 길이 0이나 1MiB 초과뿐입니다. 나머지 프레임에는 모두 답해야 합니다.'),
    section: 'the-frame',
  },
  'reply-incomplete': {
    summary: text('Your server sent part of a reply to {sent}, then stopped ({how}).', '서버가 {sent}에 대한 답을 일부만 보내고 멈췄습니다({how}).'),
    cause: text(
      'The length you wrote does not match the bytes that follow it. It counts the op byte and the payload, but not the 4 bytes of the length itself.',
      '쓴 길이가 뒤따르는 바이트 수와 맞지 않습니다. 길이는 op 1바이트와 페이로드를 세고, 길이 자신의 4바이트는 세지 않습니다.',
    ),
    fix: BE_HEADER,
    section: 'the-frame',
  },
  'reply-extra-bytes': {
    summary: text('Your server sent {n} more byte(s) after its replies, where no frame should be.', '서버가 답 뒤에 프레임이 올 자리가 아닌 곳에 {n}바이트를 더 보냈습니다.'),
    cause: text(
      'Every request gets exactly one reply frame, and nothing else goes on the socket: a log line written to the socket, a second reply, or a length that counts fewer bytes than you sent.',
      '요청마다 응답 프레임이 정확히 하나이고, 소켓에는 그 밖의 것이 가면 안 됩니다. 소켓에 쓴 로그 줄, 두 번째 답, 또는 실제 보낸 것보다 적게 센 길이가 원인입니다.',
    ),
    fix: text('Write only frames to the socket (logs go to console.log); the length is 1 + payload.length.', '소켓에는 프레임만 쓰세요(로그는 console.log로). 길이는 1 + payload.length입니다.'),
    section: 'the-frame',
  },

  // ── byte order ──
  'length-read-little-endian': {
    summary: text('Your server called {sent} "too large": it read the length little-endian.', '서버가 {sent}을(를) "너무 크다"고 했습니다. 길이를 리틀 엔디언으로 읽었습니다.'),
    cause: text(
      'The request header {h} is {be} read big-endian, but {le} read little-endian (readUInt32LE): far over the 1 MiB limit. Network byte order is big-endian.',
      '요청 헤더 {h}는 빅 엔디언으로 읽으면 {be}이지만 리틀 엔디언(readUInt32LE)으로 읽으면 {le}로, 1MiB 한도를 훌쩍 넘습니다. 네트워크 바이트 순서는 빅 엔디언입니다.',
    ),
    fix: text('Read with readUInt32BE(0) and write with writeUInt32BE(n, 0).', 'readUInt32BE(0)으로 읽고 writeUInt32BE(n, 0)으로 쓰세요.'),
    section: 'byte-order',
  },
  'reply-length-little-endian': {
    summary: text('The length of your reply is little-endian.', '답장의 길이가 리틀 엔디언입니다.'),
    cause: text(
      'writeUInt32LE (or a hand-made header) puts the least significant byte first. Network byte order is big-endian: most significant byte first.',
      'writeUInt32LE(또는 손으로 만든 헤더)는 가장 낮은 바이트를 먼저 씁니다. 네트워크 바이트 순서는 빅 엔디언, 즉 가장 높은 바이트가 먼저입니다.',
    ),
    fix: BE_HEADER,
    section: 'byte-order',
  },
  'reply-bad-length': {
    summary: text('Your reply claims a length of {n} bytes.', '답장이 길이를 {n}바이트라고 합니다.'),
    cause: text('A reply is at least 1 byte (its op) and at most 1 MiB.', '답장은 최소 1바이트(op), 최대 1MiB입니다.'),
    section: 'the-frame',
  },

  // ── the operations ──
  'wrong-reply-op': {
    summary: text('Your reply to {sent} has op {got}, not {want}.', '{sent}에 대한 답의 op가 {want}이(가) 아니라 {got}입니다.'),
    cause: text(
      'A reply op is the request op with the high bit set: 0x01 → 0x81, 0x02 → 0x82, 0x03 → 0x83; errors are 0xFF.',
      '응답 op는 요청 op에 최상위 비트를 켠 값입니다: 0x01 → 0x81, 0x02 → 0x82, 0x03 → 0x83. 오류는 0xFF입니다.',
    ),
    section: 'the-frame',
  },
  'unexpected-error-frame': {
    summary: text('Your server answered {sent} with an error frame.', '서버가 {sent}에 오류 프레임으로 답했습니다.'),
    cause: text('The request is valid. Read the error message: it says what your server did not accept.', '요청은 올바릅니다. 오류 메시지를 읽어 보세요. 서버가 무엇을 받아들이지 않았는지 나옵니다.'),
    section: 'the-frame',
  },
  'echo-payload-changed': {
    summary: text('The reply to {sent} does not carry the same bytes.', '{sent}에 대한 응답에 같은 바이트가 들어 있지 않습니다.'),
    cause: text(
      'ECHO returns the payload byte for byte: every byte after the op, up to 4 + length.' + BIG_FRAME_CHUNKS.en,
      'ECHO는 페이로드를 바이트 하나하나 그대로 돌려줍니다. op 다음부터 4 + length까지의 모든 바이트입니다.' + BIG_FRAME_CHUNKS.ko,
    ),
    section: 'the-frame',
  },
  'wrong-reply-payload': {
    summary: text('Your reply to {sent} has the wrong payload.', '{sent}에 대한 답의 페이로드가 틀렸습니다.'),
    section: 'the-frame',
  },
  'sum-overflows-32-bit': {
    summary: text('SUM gave {v}: the sum wrapped around at 32 bits.', 'SUM 결과가 {v}입니다. 합이 32비트에서 넘쳐 한 바퀴 돌았습니다.'),
    cause: text(
      '{t} does not fit in an int32. `| 0`, Int32Array or writeInt32BE keep only the low 32 bits.',
      '{t}은(는) int32에 들어가지 않습니다. `| 0`, Int32Array, writeInt32BE는 아래 32비트만 남깁니다.',
    ),
    fix: text('Add with BigInt: let sum = 0n; sum += BigInt(payload.readInt32BE(i)); then writeBigInt64BE.', 'BigInt로 더하세요: let sum = 0n; sum += BigInt(payload.readInt32BE(i)); 그리고 writeBigInt64BE.'),
    section: 'sum-64-bit',
  },
  'sum-crashed-int32': {
    summary: text('Your server crashed writing the SUM result into 32 bits.', '서버가 SUM 결과를 32비트에 쓰다가 죽었습니다.'),
    cause: text(
      'writeInt32BE throws ERR_OUT_OF_RANGE when the value does not fit in an int32, and the sum of k int32 values often does not.',
      'writeInt32BE는 값이 int32에 들어가지 않으면 ERR_OUT_OF_RANGE 예외를 던집니다. int32 k개의 합은 자주 넘칩니다.',
    ),
    fix: text('Add with BigInt and write the reply with writeBigInt64BE (8 bytes).', 'BigInt로 더하고 writeBigInt64BE(8바이트)로 답을 쓰세요.'),
    section: 'sum-64-bit',
  },
  'sum-reply-not-8-bytes': {
    summary: text('The SUM reply payload is {n} bytes, not 8.', 'SUM 응답 페이로드가 8바이트가 아니라 {n}바이트입니다.'),
    cause: text('The sum is an int64: 8 bytes, big-endian (writeBigInt64BE). writeInt32BE writes only 4.', '합은 int64, 즉 빅 엔디언 8바이트입니다(writeBigInt64BE). writeInt32BE는 4바이트만 씁니다.'),
    fix: text('const out = Buffer.alloc(8); out.writeBigInt64BE(sum, 0);', 'const out = Buffer.alloc(8); out.writeBigInt64BE(sum, 0);'),
    section: 'sum-64-bit',
  },
  'sum-wrong': {
    summary: text('SUM gave {v}, not {t}.', 'SUM 결과가 {t}이(가) 아니라 {v}입니다.'),
    cause: text(
      "Read each 4 bytes with readInt32BE (signed, big-endian), right after the op: read unsigned (readUInt32BE), -1 becomes 4294967295. Negative numbers are made of bytes like 0xFF: if the stream is decoded as text (socket.setEncoding('utf8')), each such byte becomes EF BF BD and the numbers change.",
      "op 바로 다음부터 4바이트씩 readInt32BE(부호 있음, 빅 엔디언)로 읽으세요. 부호 없이(readUInt32BE) 읽으면 -1이 4294967295가 됩니다. 음수는 0xFF 같은 바이트로 이루어지므로, 스트림을 텍스트로 디코딩하면(socket.setEncoding('utf8')) 그런 바이트가 EF BF BD로 바뀌어 수가 달라집니다.",
    ),
    section: 'sum-64-bit',
  },
  'ulen-counts-utf16': {
    summary: text('ULEN {s} counted {n} characters, not {cp} code points.', 'ULEN {s}이(가) 코드 포인트 {cp}개가 아니라 문자 {n}개를 셌습니다.'),
    cause: text("string.length counts UTF-16 code units: '😀' is 2 of them, though it is one code point.", "string.length는 UTF-16 코드 유닛을 셉니다. '😀'는 코드 포인트 하나지만 코드 유닛은 2개입니다."),
    fix: text('[...text].length counts code points (the string iterator walks code points).', '[...text].length가 코드 포인트를 셉니다(문자열 반복자는 코드 포인트 단위로 돕니다).'),
    section: 'ulen-code-points',
  },
  'ulen-wrong': {
    summary: text('ULEN {s} should give {cp} code points and {b} bytes.', 'ULEN {s}은(는) 코드 포인트 {cp}개, {b}바이트여야 합니다.'),
    cause: text(
      'The payload is two u32 BE: first the code points of the decoded text, every one of them (\'\\n\', \'\\r\', U+2028 and U+2029 included), then the number of payload bytes. A match of /./gu skips the line terminators.',
      '페이로드는 u32 BE 두 개입니다. 먼저 디코딩한 텍스트의 코드 포인트 수(\'\\n\', \'\\r\', U+2028, U+2029까지 하나도 빼지 않고), 그다음 페이로드 바이트 수. /./gu로 매치하면 줄 끝 문자가 빠집니다.',
    ),
    fix: text('Count with [...text].length (or /./gsu: the s flag lets . match line terminators).', '[...text].length로 세세요(정규식이라면 /./gsu: s 플래그가 있어야 .이 줄 끝 문자에도 맞습니다).'),
    section: 'ulen-code-points',
  },

  // ── errors and limits ──
  'unknown-op-not-rejected': {
    summary: text('An unknown op ({sent}) did not get an error frame.', '모르는 op({sent})에 오류 프레임이 오지 않았습니다.'),
    cause: text(
      'Any op other than 0x01, 0x02, 0x03 is answered with 0xFF + a message; the frame is still whole, so the connection goes on.',
      '0x01, 0x02, 0x03이 아닌 op에는 0xFF + 메시지로 답합니다. 프레임 자체는 온전하므로 연결은 계속됩니다.',
    ),
    fix: text('default: return errorFrame(`unknown op 0x${op.toString(16)}`)', 'default: return errorFrame(`unknown op 0x${op.toString(16)}`)'),
    section: 'errors',
  },
  'bad-sum-not-rejected': {
    summary: text('A SUM payload that is not a multiple of 4 bytes ({sent}) did not get an error frame.', '4의 배수가 아닌 SUM 페이로드({sent})에 오류 프레임이 오지 않았습니다.'),
    cause: text('A payload that is not k × 4 bytes is not a list of int32: answer 0xFF instead of guessing.', 'k × 4바이트가 아닌 페이로드는 int32 목록이 아닙니다. 짐작하지 말고 0xFF로 답하세요.'),
    fix: text("if (payload.length % 4 !== 0) return errorFrame('SUM payload must be a multiple of 4 bytes')", "if (payload.length % 4 !== 0) return errorFrame('SUM payload must be a multiple of 4 bytes')"),
    section: 'errors',
  },
  'bad-utf8-not-rejected': {
    summary: text('A ULEN payload that is not valid UTF-8 ({sent}) did not get an error frame.', '올바른 UTF-8이 아닌 ULEN 페이로드({sent})에 오류 프레임이 오지 않았습니다.'),
    cause: text(
      "buffer.toString('utf8') never fails: it turns invalid bytes into U+FFFD and the count is then made up.",
      "buffer.toString('utf8')은 절대 실패하지 않습니다. 잘못된 바이트를 U+FFFD로 바꾸므로 센 값이 지어낸 값이 됩니다.",
    ),
    fix: text(
      "new TextDecoder('utf-8', { fatal: true }).decode(payload) throws on invalid UTF-8: catch it and answer 0xFF.",
      "new TextDecoder('utf-8', { fatal: true }).decode(payload)는 잘못된 UTF-8에서 예외를 던집니다. 잡아서 0xFF로 답하세요.",
    ),
    section: 'errors',
  },
  'closed-after-bad-payload': {
    summary: text('Your server closed the connection after {sent}.', '서버가 {sent} 뒤에 연결을 닫았습니다.'),
    cause: text(
      'A bad payload inside a well-framed frame is a mistake in one request, not in the stream: the next frame still starts at a known place.',
      '프레임은 온전한데 페이로드만 잘못된 것은 요청 하나의 실수이지 스트림의 고장이 아닙니다. 다음 프레임이 어디서 시작하는지 여전히 압니다.',
    ),
    fix: text('Answer 0xFF + message with socket.write (not end) and keep reading.', 'socket.write(end가 아님)로 0xFF + 메시지를 보내고 계속 읽으세요.'),
    section: 'errors',
  },
  'trusts-length': {
    summary: text('Your server believed a header claiming {claim} bytes instead of refusing it at once.', '서버가 {claim}바이트라는 헤더를 바로 거절하지 않고 믿었습니다.'),
    cause: text(
      'The length is whatever the peer says. Waiting for it (or Buffer.alloc(length)) lets any client make your server hold gigabytes: one connection is enough to take it down. Any length over 1 MiB is answered with 0xFF "frame too large", then the connection closes.',
      '길이는 상대가 말하는 대로의 값일 뿐입니다. 그만큼 기다리거나 Buffer.alloc(length)를 하면 어느 클라이언트든 서버가 기가바이트를 붙잡게 만들 수 있고, 연결 하나로 서버를 쓰러뜨릴 수 있습니다. 1MiB를 넘는 길이에는 0xFF "frame too large"로 답하고 연결을 닫습니다.',
    ),
    fix: text(
      "Check the length as soon as the 4 header bytes are in, before allocating anything: if (length === 0 || length > 1024 * 1024) { socket.end(errorFrame('frame too large')); }",
      "헤더 4바이트가 들어오자마자, 아무것도 할당하기 전에 길이를 확인하세요: if (length === 0 || length > 1024 * 1024) { socket.end(errorFrame('frame too large')); }",
    ),
    section: 'limits',
  },
  'limit-too-high': {
    summary: text('Your server did not refuse a header claiming {claim} bytes (1 MiB + {over}).', '서버가 {claim}바이트(1MiB + {over})라는 헤더를 거절하지 않았습니다.'),
    cause: text('The limit is 1 MiB (1048576 bytes after the header), not more.', '한도는 1MiB(헤더 뒤 1048576바이트)이며, 그보다 크면 안 됩니다.'),
    fix: text('const MAX_FRAME = 1024 * 1024; if (length > MAX_FRAME) …', 'const MAX_FRAME = 1024 * 1024; if (length > MAX_FRAME) …'),
    section: 'limits',
  },
  'limit-off-by-one': {
    summary: text('Your server refused a frame of length {len}, within the 1 MiB limit.', '서버가 1MiB 한도 안인 길이 {len}의 프레임을 거절했습니다.'),
    cause: text(
      'The limit is inclusive: a length of 1048576 is allowed; only a length > 1048576 is too large. Check for `>` rather than `>=`.',
      '한도는 포함입니다. 길이 1048576은 허용되고, 1048576보다 클 때만 너무 큽니다. `>=`가 아니라 `>`로 비교하세요.',
    ),
    fix: text('if (length === 0 || length > 1024 * 1024) …', 'if (length === 0 || length > 1024 * 1024) …'),
    section: 'limits',
  },
  'empty-frame-not-rejected': {
    summary: text('Your server did not refuse a frame of length 0.', '서버가 길이 0인 프레임을 거절하지 않았습니다.'),
    cause: text('Length 0 means a frame without even an op: it is not a frame. Answer 0xFF "empty frame" and close.', '길이 0은 op조차 없는 프레임, 즉 프레임이 아닙니다. 0xFF "empty frame"으로 답하고 닫으세요.'),
    fix: text("if (length === 0) { socket.end(errorFrame('empty frame')); }", "if (length === 0) { socket.end(errorFrame('empty frame')); }"),
    section: 'limits',
  },
  'wrong-error-message': {
    summary: text('Your server refused {sent}, but with the message "{got}".', '서버가 {sent}을(를) 거절했지만 메시지가 "{got}"입니다.'),
    cause: text(
      'A client prints the message it gets, so the protocol fixes these two: "empty frame" for a length of 0, "frame too large" above 1 MiB.',
      '클라이언트는 받은 메시지를 그대로 출력하므로, 프로토콜이 이 두 메시지를 정해 둡니다. 길이 0이면 "empty frame", 1MiB를 넘으면 "frame too large".',
    ),
    section: 'limits',
  },
  'no-close-after-fatal-error': {
    summary: text('Your server refused {sent} but kept the connection open.', '서버가 {sent}을(를) 거절했지만 연결을 열어 두었습니다.'),
    cause: text(
      'After a bad length the stream has no frame boundary left to trust: the next 4 bytes could be anything. The only safe thing is to close.',
      '길이가 잘못되면 스트림에서 믿을 수 있는 프레임 경계가 사라집니다. 다음 4바이트가 무엇이든 될 수 있으니, 닫는 것만이 안전합니다.',
    ),
    fix: text('socket.end(errorFrame) sends the frame, then FIN; ignore whatever the peer still sends.', 'socket.end(errorFrame)은 프레임을 보낸 뒤 FIN을 보냅니다. 상대가 그 뒤에 보내는 것은 무시하세요.'),
    section: 'limits',
  },
  'answered-after-fatal-error': {
    summary: text('Your server refused {sent}, then still answered the bytes after it.', '서버가 {sent}을(를) 거절하고도 그 뒤의 바이트에 답했습니다.'),
    cause: text(
      'After a length you refuse, nothing that follows is a frame you can find: the error frame is the last thing on the connection.',
      '거절한 길이 뒤에 오는 것은 찾을 수 있는 프레임이 아닙니다. 오류 프레임이 그 연결의 마지막이어야 합니다.',
    ),
    fix: text("Stop framing once you refuse: socket.end(errorFrame(…)); socket.removeAllListeners('data'); socket.resume();", "거절했으면 프레임 자르기를 멈추세요: socket.end(errorFrame(…)); socket.removeAllListeners('data'); socket.resume();"),
    section: 'limits',
  },

  // ── the client ──
  'client-sent-nothing': {
    summary: text('Your client sent no frame ({how}).', '클라이언트가 프레임을 보내지 않았습니다({how}).'),
    cause: text('Once connected, the client writes one frame per operation given on its command line.', '접속하면 클라이언트는 명령줄에 받은 연산마다 프레임을 하나씩 씁니다.'),
    fix: text('socket.write(Buffer.concat(frames)) in the connect callback.', 'connect 콜백에서 socket.write(Buffer.concat(frames)).'),
    section: 'the-client',
  },
  'client-not-pipelined': {
    summary: text('Your client sent {i} frame(s), then waited: the other requests never came.', '클라이언트가 프레임 {i}개를 보내고 기다렸습니다. 나머지 요청이 오지 않았습니다.'),
    cause: text(
      'The client sends every request at once (pipelining) and then matches the replies by order. The checker answers when all requests are in.',
      '클라이언트는 요청을 모두 한꺼번에 보내고(파이프라이닝) 응답을 순서로 맞춥니다. 검사기는 요청이 다 들어온 뒤에 답합니다.',
    ),
    fix: text('Build one frame per operation and write them all in the connect callback.', '연산마다 프레임을 하나씩 만들어 connect 콜백에서 모두 쓰세요.'),
    section: 'the-client',
  },
  'client-frame-length-little-endian': {
    summary: text('Your client wrote the frame length little-endian.', '클라이언트가 프레임 길이를 리틀 엔디언으로 썼습니다.'),
    cause: text('Every multi-byte number in this protocol is big-endian (network byte order).', '이 프로토콜의 여러 바이트짜리 수는 모두 빅 엔디언(네트워크 바이트 순서)입니다.'),
    fix: BE_HEADER,
    section: 'byte-order',
  },
  'client-wrong-request': {
    summary: text('Request {n} of your client is not the expected frame.', '클라이언트의 {n}번째 요청이 기대한 프레임이 아닙니다.'),
    cause: text(
      'Frame = u32 BE length of op + payload, u8 op (ECHO 0x01, SUM 0x02, ULEN 0x03), payload (text as UTF-8; SUM numbers as int32 BE).',
      '프레임 = op + 페이로드의 길이(u32 BE), op(u8: ECHO 0x01, SUM 0x02, ULEN 0x03), 페이로드(텍스트는 UTF-8, SUM의 수는 int32 BE).',
    ),
    section: 'the-frame',
  },
  'client-length-little-endian': {
    summary: text('Your client refused small replies as too large: it read their length little-endian.', '클라이언트가 작은 응답을 너무 크다며 거절했습니다. 길이를 리틀 엔디언으로 읽었습니다.'),
    cause: text('00 00 00 06 is 6 read big-endian, but 100663296 read little-endian (readUInt32LE).', '00 00 00 06은 빅 엔디언으로 6이지만 리틀 엔디언(readUInt32LE)으로는 100663296입니다.'),
    fix: text('Read the reply length with readUInt32BE(0).', '응답 길이는 readUInt32BE(0)으로 읽으세요.'),
    section: 'byte-order',
  },
  'client-one-chunk-one-frame': {
    summary: text('Your client printed the first reply only; the other {n} came in the same chunk.', '클라이언트가 첫 응답만 출력했습니다. 나머지 {n}개는 같은 덩어리에 들어 있었습니다.'),
    cause: text(
      "The replies arrived in one write, so in one 'data' event. Treating a chunk as one frame drops the frames after the first.",
      "응답이 한 번의 write로, 즉 'data' 이벤트 하나로 왔습니다. 덩어리 하나를 프레임 하나로 다루면 첫 프레임 뒤의 프레임을 버리게 됩니다.",
    ),
    fix: text('After taking one frame, loop: the rest of the buffer may hold more frames.', '프레임 하나를 꺼낸 뒤에도 반복하세요. 버퍼의 나머지에 프레임이 더 있을 수 있습니다.'),
    section: 'reading-frames',
  },
  'client-header-assumed-whole': {
    summary: text('Your client crashed reading reply bytes that had not arrived yet.', '클라이언트가 아직 도착하지 않은 응답 바이트를 읽다가 죽었습니다.'),
    cause: text(
      'The replies came cut inside their 4-byte headers. readUInt32BE(0) on fewer than 4 bytes throws ERR_BUFFER_OUT_OF_BOUNDS.',
      '응답이 4바이트 헤더 한가운데서 잘려 왔습니다. 4바이트가 안 되는 버퍼에 readUInt32BE(0)을 하면 ERR_BUFFER_OUT_OF_BOUNDS가 납니다.',
    ),
    fix: text('Buffer what arrives; read the length only once you have 4 bytes, and the frame once you have 4 + length.', '도착한 것을 모아 두고, 4바이트가 모이면 길이를, 4 + length바이트가 모이면 프레임을 읽으세요.'),
    section: 'reading-frames',
  },
  'client-sum-read-32-bit': {
    summary: text('Your client printed "{got}" for the sum {want}: it read 32 of the 64 bits.', '합 {want}에 대한 클라이언트의 출력이 "{got}"입니다. 64비트 중 32비트만 읽었습니다.'),
    cause: text('The SUM reply is an int64 (8 bytes). readInt32BE reads only half of it.', 'SUM 응답은 int64(8바이트)입니다. readInt32BE는 그 절반만 읽습니다.'),
    fix: text(
      'payload.readBigInt64BE(0), printed as is (a BigInt prints without a trailing n in a template string).',
      'payload.readBigInt64BE(0)을 그대로 출력하세요(템플릿 문자열 안의 BigInt는 끝에 n 없이 찍힙니다).',
    ),
    section: 'sum-64-bit',
  },
  'client-waits-for-close': {
    summary: text('Your client printed the replies only after the server closed the connection.', '클라이언트가 서버가 연결을 닫은 뒤에야 응답을 출력했습니다.'),
    cause: text(
      'A length prefix tells you where each reply ends: there is no need to wait for the end of the stream, and a real server keeps the connection open.',
      '길이 접두사가 각 응답이 어디서 끝나는지 알려 줍니다. 스트림이 끝나길 기다릴 필요가 없고, 실제 서버는 연결을 열어 둡니다.',
    ),
    fix: text('Print each reply as soon as its frame is complete; close when every operation has its reply.', '프레임이 완성되는 즉시 응답을 출력하고, 모든 연산이 응답을 받으면 닫으세요.'),
    section: 'the-client',
  },
  'client-hangs': {
    summary: text('Your client did not finish, even after the server closed the connection.', '서버가 연결을 닫은 뒤에도 클라이언트가 끝나지 않았습니다.'),
    cause: text(
      'Likely: it reads the length little-endian and waits for millions of bytes; it does not loop over several frames in one chunk; or it does not close once every operation has its reply.',
      '흔한 원인: 길이를 리틀 엔디언으로 읽어 수백만 바이트를 기다림, 한 덩어리에 든 여러 프레임을 반복해서 꺼내지 않음, 모든 연산이 응답을 받은 뒤에도 닫지 않음.',
    ),
    fix: text("Count the replies; when there is one per operation, socket.end(). Also handle 'end' (exit 1 if replies are missing).", "응답 수를 세어 연산마다 하나씩 다 받으면 socket.end() 하세요. 'end'도 처리하세요(응답이 모자라면 종료 코드 1)."),
    section: 'the-client',
  },
  'client-wrong-output': {
    summary: text('Your client did not print exactly one line per reply, as expected.', '클라이언트가 기대한 대로 응답마다 정확히 한 줄씩 출력하지 않았습니다.'),
    cause: text(
      'stdout holds one line per reply, in order, and nothing else: `echo <text>`, `sum <n>`, `ulen <code points> <bytes>`, `error <message>`. An error frame that leaves the connection open is just another line. Logs go to stderr.',
      '표준 출력에는 응답마다 한 줄씩, 순서대로, 그것만 찍습니다: `echo <텍스트>`, `sum <n>`, `ulen <코드 포인트> <바이트>`, `error <메시지>`. 연결을 유지하는 오류 프레임도 그냥 한 줄입니다. 로그는 표준 오류로 보내세요.',
    ),
    section: 'the-client',
  },
  'client-wrong-exit-code': {
    summary: text('Your client printed the right lines but exited with code {got}, not {want}.', '클라이언트가 올바른 줄을 출력했지만 종료 코드가 {want}이(가) 아니라 {got}입니다.'),
    cause: text(
      'Exit code 0 when every operation got a reply (error frames included); 1 when the server closed the connection before every operation had its reply.',
      '모든 연산이 응답(오류 프레임 포함)을 받았으면 종료 코드 0, 그 전에 서버가 연결을 닫았으면 1입니다.',
    ),
    fix: text("In socket.on('end'): if replies < operations, process.exitCode = 1.", "socket.on('end')에서: 응답 수 < 연산 수이면 process.exitCode = 1."),
    section: 'the-client',
  },
  'client-trusts-length': {
    summary: text('Your client did not exit 1 at once after a reply header claiming {claim} bytes.', '{claim}바이트라는 응답 헤더를 받은 클라이언트가 바로 종료 코드 1로 끝나지 않았습니다.'),
    cause: text(
      'A server can be wrong or hostile too. A client that waits for 4 GiB hangs forever (or runs out of memory), and a length of 0 is not a frame.',
      '서버도 틀리거나 악의적일 수 있습니다. 4GiB를 기다리는 클라이언트는 영원히 멈춰 있거나 메모리가 바닥나고, 길이 0은 프레임이 아닙니다.',
    ),
    fix: text(
      'Apply the same check as the server: if (length === 0 || length > 1024 * 1024) → print an error, exit code 1.',
      '서버와 같은 검사를 하세요: if (length === 0 || length > 1024 * 1024) → 오류를 출력하고 종료 코드 1.',
    ),
    section: 'limits',
  },

  // ── together and other languages ──
  'together-failed': {
    summary: text('Your client and your server did not work together.', '내 클라이언트와 내 서버가 함께 동작하지 않았습니다.'),
    cause: text(
      'Each passes against the checker, so look at what they share: the same mistake on both sides (little-endian on both ends works only with itself), or the client closing too early.',
      '각자는 검사기와 통과했다면 둘이 공유하는 것을 보세요. 양쪽에 같은 실수(양쪽 다 리틀 엔디언이면 자기끼리만 통함)가 있거나 클라이언트가 너무 일찍 닫을 수 있습니다.',
    ),
    section: 'run-it',
  },
  'interop-client-failed': {
    summary: text('The {who} did not get the right replies from your server: {how}.', '{who}이(가) 서버에서 올바른 응답을 받지 못했습니다: {how}.'),
    cause: text(
      "It sends the three requests at once, packed with struct.pack('>IB', …) (Python) or DataOutputStream.writeInt (Java): big-endian, as the protocol says; then it reads exactly 4 bytes, then exactly length bytes. Its error below says where it stopped.",
      "이 클라이언트는 요청 세 개를 struct.pack('>IB', …)(Python)이나 DataOutputStream.writeInt(Java)로, 프로토콜대로 빅 엔디언으로 묶어 한꺼번에 보낸 뒤, 정확히 4바이트, 이어서 정확히 length바이트를 읽습니다. 어디서 멈췄는지는 아래 오류에 나옵니다.",
    ),
    section: 'byte-order',
  },
});

export type Reason = keyof typeof mistakes;
