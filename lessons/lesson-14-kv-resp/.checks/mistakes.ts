/**
 * Lesson 14 — every failure its checks can report, once, in both languages. The steps name a
 * reason and give its facts; the words are here.
 */
import { text } from '../../../src/i18n.ts';
import { defineMistakes } from '../../../src/checks/mistakes.ts';
import type { ScenarioContext } from '../../../src/checks/context.ts';

const BUFFER_LOOP = text(
  "Keep one Buffer per connection. On each 'data', append the chunk, then loop: if a whole command is at the front (the '*N' line, and N times a '$len' line, len bytes and '\\r\\n'), cut it off, answer it, and go on; if not, keep the bytes and wait for the next chunk.",
  "연결마다 Buffer 하나를 두세요. 'data'가 올 때마다 덩어리를 이어 붙이고 반복합니다. 맨 앞에 명령 하나가 통째로 있으면('*N' 줄, 그리고 N번의 '$len' 줄, len바이트, '\\r\\n') 잘라 내서 답하고 계속하고, 없으면 바이트를 남겨 두고 다음 덩어리를 기다립니다.",
);

export const mistakes = defineMistakes({
  'no-reply': {
    summary: text('No reply to {cmd} within {ms} ms.', '{cmd}에 {ms}ms 안에 답이 없었습니다.'),
    cause: text(
      'The command was complete on the wire, but nothing came back: the server waited for more bytes than the command has, lost it between chunks, or never wrote the reply.',
      '명령은 다 도착했는데 아무것도 돌아오지 않았습니다. 서버가 명령보다 많은 바이트를 기다렸거나, 덩어리 사이에서 명령을 잃었거나, 답을 쓰지 않았습니다.',
    ),
    fix: BUFFER_LOOP,
    section: 'framing',
  },
  'malformed-reply': {
    summary: text('The reply to {cmd} is not RESP: {bad}.', '{cmd}에 대한 답이 RESP가 아닙니다: {bad}.'),
    cause: text(
      'A client reads the first byte as the type (+ simple string, - error, : integer, $ bulk string), then a line ending in "\\r\\n", and for "$" exactly that many bytes and "\\r\\n". Anything else desynchronises it: every later reply is read wrong.',
      '클라이언트는 첫 바이트를 타입으로 읽고(+ 단순 문자열, - 오류, : 정수, $ 벌크 문자열), 그다음 "\\r\\n"으로 끝나는 줄을, "$"라면 정확히 그 바이트 수와 "\\r\\n"을 읽습니다. 그 밖의 것은 클라이언트를 어긋나게 해서 그 뒤의 답을 모두 잘못 읽게 합니다.',
    ),
    fix: text("Write replies with a few helpers: `+${s}\\r\\n`, `-${s}\\r\\n`, `:${n}\\r\\n`, and for a value Buffer.concat([Buffer.from(`$${value.length}\\r\\n`), value, Buffer.from('\\r\\n')]).", "답은 도우미 함수 몇 개로 쓰세요. `+${s}\\r\\n`, `-${s}\\r\\n`, `:${n}\\r\\n`, 값은 Buffer.concat([Buffer.from(`$${value.length}\\r\\n`), value, Buffer.from('\\r\\n')])."),
    section: 'replies',
  },
  'wrong-reply': {
    summary: text('{cmd} → {got}; the README says {want}.', '{cmd} → {got}. README에 따르면 {want}이어야 합니다.'),
    cause: text(
      'The reply is well formed but not what this command answers in this state. The commands table says what each one replies, and what each error says (its letter case does not matter).',
      '답의 형식은 맞지만 이 상태에서 이 명령이 할 답이 아닙니다. 명령마다 무엇을 답하는지, 오류마다 무슨 말을 하는지(대소문자는 상관없음)는 명령 표에 있습니다.',
    ),
    fix: text('Compare your switch with the commands table, row by row; the wrong-argument rules are under it.', '명령 표와 내 switch를 한 줄씩 비교하세요. 인자 개수 규칙은 표 아래에 있습니다.'),
    section: 'commands',
  },
  'bulk-length-in-characters': {
    summary: text('The reply to {cmd} says {header}, the value\'s length in characters; the value has {bytes} bytes.', '{cmd}에 대한 답이 {header}, 즉 값의 글자 수를 보냅니다. 값은 {bytes}바이트입니다.'),
    cause: text(
      "A bulk string's length counts bytes. '안녕'.length is 2 (UTF-16 units); its UTF-8 is 6 bytes. The client reads 2 bytes, then expects \"\\r\\n\" where the rest of 안녕 is, and every later reply is out of step.",
      "벌크 문자열의 길이는 바이트 수입니다. '안녕'.length는 2(UTF-16 단위)지만 UTF-8로는 6바이트입니다. 클라이언트는 2바이트를 읽고 나머지 글자가 있는 자리에서 \"\\r\\n\"을 기대하므로, 그 뒤의 답이 모두 어긋납니다.",
    ),
    fix: text("Keep values as Buffers from the request to the reply, and send `$${value.length}` of the Buffer (or Buffer.byteLength for a string).", "값은 요청에서 답까지 Buffer로 두고, Buffer의 `$${value.length}`를 보내세요(문자열이라면 Buffer.byteLength)."),
    section: 'bulk-bytes',
  },
  'value-not-binary-safe': {
    summary: text('{cmd} gave back other bytes than were stored: {got} instead of {want}.', '{cmd}가 저장한 것과 다른 바이트를 돌려줍니다: {want} 대신 {got}.'),
    cause: text(
      "The value went through a string: chunk.toString() or setEncoding('utf8') turns bytes that are not UTF-8 into U+FFFD (EF BF BD), and a decoder can mangle a character cut between chunks. RESP values are bytes.",
      "값이 문자열을 거쳤습니다. chunk.toString()이나 setEncoding('utf8')은 UTF-8이 아닌 바이트를 U+FFFD(EF BF BD)로 바꾸고, 덩어리 사이에서 잘린 글자를 망가뜨릴 수 있습니다. RESP의 값은 바이트입니다.",
    ),
    fix: text("Do not set an encoding on the socket. Cut values out of the Buffer with subarray, store the Buffer (copy it: Buffer.from(slice)), write it back as it is.", '소켓에 인코딩을 설정하지 마세요. 값은 Buffer에서 subarray로 잘라 Buffer로 저장하고(Buffer.from(slice)로 복사), 그대로 다시 쓰세요.'),
    section: 'bulk-bytes',
  },
  'split-on-lines': {
    summary: text('A value containing "\\r\\n" broke the exchange: {got}.', '"\\r\\n"이 들어 있는 값이 주고받기를 깨뜨렸습니다: {got}.'),
    cause: text(
      'The server splits the stream on "\\r\\n" and reads each line as a piece of the command. The lines of an array are only its headers: after "$4" come 4 bytes, whatever they are, "\\r\\n" included.',
      '서버가 스트림을 "\\r\\n"에서 나누고 줄마다 명령의 한 조각으로 읽습니다. 배열의 줄은 머리일 뿐입니다. "$4" 뒤에는 무엇이든("\\r\\n"도) 4바이트가 옵니다.',
    ),
    fix: text("Read the '$len' line, then take exactly len bytes with subarray, then check the two bytes after them are '\\r\\n'.", "'$len' 줄을 읽고, subarray로 정확히 len바이트를 가져온 뒤, 그 뒤 두 바이트가 '\\r\\n'인지 확인하세요."),
    section: 'framing',
  },
  'command-in-pieces': {
    summary: text('{cmd} in one write is answered; the same bytes in {n} writes are not ({got}).', '{cmd}를 한 번에 쓰면 답하는데, 같은 바이트를 {n}번에 나눠 쓰면 답하지 않습니다({got}).'),
    cause: text(
      "TCP keeps no write boundaries: a 'data' event is a chunk, not a command. A chunk may end inside \"$12\", between \"\\r\" and \"\\n\", or inside a value; the server parsed each chunk on its own, or dropped the part it could not parse.",
      "TCP는 write 경계를 지키지 않습니다. 'data' 이벤트는 명령이 아니라 덩어리입니다. 덩어리는 \"$12\" 가운데, \"\\r\"과 \"\\n\" 사이, 값 가운데서 끝날 수 있는데, 서버가 덩어리마다 따로 파싱했거나 파싱할 수 없는 부분을 버렸습니다.",
    ),
    fix: BUFFER_LOOP,
    section: 'framing',
  },
  'pipeline-not-answered': {
    summary: text('{n} commands in one write got {got} replies.', '한 번의 write로 보낸 명령 {n}개에 답이 {got}개 왔습니다.'),
    cause: text(
      "Clients pipeline: they send many commands without waiting, and they arrive in one chunk. A server that answers one command per 'data' event answers the first and loses the rest.",
      "클라이언트는 파이프라인을 씁니다. 기다리지 않고 명령을 여러 개 보내고, 그것들은 한 덩어리로 도착합니다. 'data' 이벤트마다 명령 하나에만 답하는 서버는 첫 명령에 답하고 나머지를 잃습니다.",
    ),
    fix: text("After each 'data', loop until the buffer holds no complete command; answer each, in order. Collecting the replies and writing them with one socket.write is faster.", "'data'가 올 때마다 버퍼에 완성된 명령이 없을 때까지 반복하며 순서대로 답하세요. 답을 모아 socket.write 한 번으로 쓰면 더 빠릅니다."),
    section: 'pipelining',
  },
  'case-sensitive-names': {
    summary: text('"{name}" is answered as an unknown command: command names are case-insensitive.', '"{name}"을(를) 모르는 명령으로 답합니다. 명령 이름은 대소문자를 가리지 않습니다.'),
    cause: text('ioredis sends every command in lower case (set, get), node-redis in upper case (SET, GET), people type either. A switch on the name as sent knows only one of them. (Or this command is not in your switch yet.)', 'ioredis는 모든 명령을 소문자로(set, get), node-redis는 대문자로(SET, GET) 보내고, 사람은 아무렇게나 칩니다. 보낸 그대로의 이름으로 switch하면 그중 하나만 압니다. (아니면 이 명령이 아직 switch에 없습니다.)'),
    fix: text("switch (args[0].toString('latin1').toLowerCase()) { case 'set': … }", "switch (args[0].toString('latin1').toLowerCase()) { case 'set': … }"),
    section: 'commands',
  },
  'inline-not-supported': {
    summary: text('The inline command {line} (as typed in a terminal) was not answered as the same command sent as an array: {got}.', '인라인 명령 {line}(터미널에서 치는 그대로)에 배열로 보낸 같은 명령처럼 답하지 않았습니다: {got}.'),
    cause: text('A request that does not start with "*" is one line of words separated by spaces or tabs, ended by "\\n" with an optional "\\r" before it. nc, telnet and redis-benchmark\'s PING_INLINE send these.', '"*"로 시작하지 않는 요청은 공백이나 탭으로 나뉜 단어 한 줄이고, "\\n"(앞에 "\\r"이 있을 수도 있음)으로 끝납니다. nc, telnet, redis-benchmark의 PING_INLINE이 이렇게 보냅니다.'),
    fix: text("If the first byte is not '*': find the next '\\n', drop a '\\r' before it, split on /[ \\t]+/, drop empty words; no words: no reply.", "첫 바이트가 '*'가 아니면 다음 '\\n'을 찾고, 그 앞의 '\\r'을 떼고, /[ \\t]+/로 나눈 뒤 빈 단어를 버리세요. 단어가 없으면 답하지 않습니다."),
    section: 'inline',
  },
  'extra-reply': {
    summary: text('After the replies to {cmd} came bytes nothing asked for: {got}.', '{cmd}에 대한 답 뒤에, 아무것도 요청하지 않은 바이트가 왔습니다: {got}.'),
    cause: text('Every reply answers one command. An empty line, "*0\\r\\n" and "*-1\\r\\n" are no command and get no reply; a reply too many shifts every later answer by one, for the client.', '답 하나는 명령 하나에 대한 것입니다. 빈 줄, "*0\\r\\n", "*-1\\r\\n"은 명령이 아니므로 답하지 않습니다. 답이 하나 많으면 클라이언트가 받는 그 뒤의 모든 답이 하나씩 밀립니다.'),
    fix: text('Skip requests with no words (and arrays of 0 or fewer elements) without writing anything.', '단어가 없는 요청(그리고 원소가 0개 이하인 배열)은 아무것도 쓰지 말고 건너뛰세요.'),
    section: 'inline',
  },
  'unknown-command-text': {
    summary: text('The reply to the unknown command {name} is {got}; it must start with -ERR unknown command \'{name}\'.', "모르는 명령 {name}에 대한 답이 {got}입니다. -ERR unknown command '{name}'(으)로 시작해야 합니다."),
    cause: text(
      "Clients read this error's text. ioredis opens with HELLO 3 and falls back to RESP2 only when the error says both \"unknown command\" and \"HELLO\"; with another answer it gives up the connection.",
      '클라이언트는 이 오류의 글을 읽습니다. ioredis는 HELLO 3으로 시작하고, 오류에 "unknown command"와 "HELLO"가 둘 다 있을 때만 RESP2로 물러섭니다. 다른 답에는 연결을 포기합니다.',
    ),
    fix: text("default: reply `-ERR unknown command '${commandName}'\\r\\n`, with the name as it came (Buffer or UTF-8 text).", "default에서 `-ERR unknown command '${commandName}'\\r\\n`로 답하세요. 이름은 받은 그대로(Buffer나 UTF-8 글자)."),
    section: 'handshake',
  },
  'info-not-bulk': {
    summary: text('INFO answered {got}; ioredis needs a bulk string for its ready check.', 'INFO에 {got}(으)로 답했습니다. ioredis의 준비 확인에는 벌크 문자열이 필요합니다.'),
    cause: text('After its handshake, ioredis sends INFO and reads "field:value" lines from it; an error reply fails the ready check, and ioredis drops the connection and reconnects, again and again.', '핸드셰이크 뒤에 ioredis는 INFO를 보내고 거기서 "field:value" 줄을 읽습니다. 오류로 답하면 준비 확인이 실패해서 ioredis가 연결을 끊고 다시 연결하기를 되풀이합니다.'),
    fix: text("case 'info': reply a bulk string such as '# Server\\r\\nredis_version:7.0.0-lesson14\\r\\n'.", "case 'info'에서 '# Server\\r\\nredis_version:7.0.0-lesson14\\r\\n' 같은 벌크 문자열로 답하세요."),
    section: 'handshake',
  },
  'incr-not-64-bit': {
    summary: text('{cmd} → {got}; the README says {want}.', '{cmd} → {got}. README에 따르면 {want}이어야 합니다.'),
    cause: text(
      'Number() and parseInt() are exact only up to 2^53 (9007199254740992), and they read " 1", "1.5" or "0x10" as numbers. INCR works on signed 64-bit integers written exactly as -?[1-9][0-9]* or 0, and refuses anything else.',
      'Number()와 parseInt()는 2^53(9007199254740992)까지만 정확하고, " 1", "1.5", "0x10"도 숫자로 읽습니다. INCR은 -?[1-9][0-9]* 또는 0으로 정확히 쓰인 부호 있는 64비트 정수만 다루고, 그 밖의 것은 거부합니다.',
    ),
    fix: text("Test the text with /^(0|-?[1-9][0-9]*)$/, compute with BigInt, and check the result against 2n ** 63n - 1n before storing it.", '글자를 /^(0|-?[1-9][0-9]*)$/로 확인하고, BigInt로 계산하고, 저장하기 전에 결과를 2n ** 63n - 1n과 비교하세요.'),
    section: 'incr',
  },
  'expired-too-early': {
    summary: text('GET right after SET … PX {ms} (in the same write) answered $-1: the key expired before its time.', 'SET … PX {ms} 바로 뒤의 GET(같은 write)이 $-1로 답했습니다. 키가 제 시간 전에 만료되었습니다.'),
    cause: text('The expiry is {ms} milliseconds from the SET: seconds read as milliseconds the other way round, a time compared with the wrong sign, or a timer started with the wrong delay.', '만료는 SET에서 {ms}밀리초 뒤입니다. 단위를 거꾸로 읽었거나, 시간을 반대 부호로 비교했거나, 타이머를 잘못된 지연으로 시작했습니다.'),
    fix: text('Store expiresAt = Date.now() + ms with the value; a key is gone when expiresAt <= Date.now().', '값과 함께 expiresAt = Date.now() + ms를 저장하세요. expiresAt <= Date.now()일 때 키가 없어진 것입니다.'),
    section: 'expiry',
  },
  'expired-key-still-there': {
    summary: text('{after} ms after SET … PX {ms}, {cmd} still answered {got}.', 'SET … PX {ms}에서 {after}ms 뒤에도 {cmd}이(가) {got}(으)로 답했습니다.'),
    cause: text('The key should have expired {ms} ms after its SET. PX was ignored, or its time is kept but never looked at when the key is read.', '키는 SET에서 {ms}ms 뒤에 만료되어야 했습니다. PX를 무시했거나, 시간을 저장만 하고 키를 읽을 때 보지 않았습니다.'),
    fix: text('Check the expiry in one lookup function that GET, EXISTS, DEL and INCR all use: an expired entry is deleted there and treated as missing.', 'GET, EXISTS, DEL, INCR이 모두 쓰는 조회 함수 하나에서 만료를 확인하세요. 만료된 항목은 거기서 지우고 없는 것으로 다룹니다.'),
    section: 'expiry',
  },
  'stale-timer': {
    summary: text('{how}, and {after} ms later GET answered {got}: an old expiry deleted the newer value.', '{how}, {after}ms 뒤 GET이 {got}(으)로 답했습니다. 예전 만료가 새 값을 지웠습니다.'),
    cause: text(
      "setTimeout(() => store.delete(key), ms) at SET … PX keeps running when the key is set again or deleted: when it fires it deletes whatever the key holds by then. A SET without PX removes the expiry; a new PX replaces it.",
      "SET … PX에서 건 setTimeout(() => store.delete(key), ms)은 키를 다시 SET하거나 DEL해도 계속 돕니다. 타이머가 울리면 그때 키에 있는 것을 지웁니다. PX 없는 SET은 만료를 없애고, 새 PX는 만료를 바꿉니다.",
    ),
    fix: text('Either keep the timer with the entry and clearTimeout it whenever the key is set or deleted, or store expiresAt with the value and check it on read (no timer can then delete the wrong value).', '타이머를 항목과 함께 두고 키를 SET하거나 DEL할 때마다 clearTimeout하거나, 값과 함께 expiresAt을 저장하고 읽을 때 확인하세요(그러면 어떤 타이머도 엉뚱한 값을 지울 수 없습니다).'),
    section: 'stale-timer',
  },
  'protocol-error-not-reported': {
    summary: text('After {bytes} ({why}) came {got}, not -ERR Protocol error.', '{bytes}({why}) 뒤에 -ERR Protocol error가 아니라 {got}이(가) 왔습니다.'),
    cause: text(
      'These bytes can never become a request. A server that waits for more would wait forever; one that guesses reads the stream wrong from there on. The README asks for the replies to the commands before them, then -ERR Protocol error, then a close.',
      '이 바이트는 절대 요청이 될 수 없습니다. 더 기다리는 서버는 영원히 기다리고, 짐작하는 서버는 거기서부터 스트림을 잘못 읽습니다. README는 앞선 명령들의 답, 그다음 -ERR Protocol error, 그다음 닫기를 요구합니다.',
    ),
    fix: text("Check what you parse: '*' and '$' lines hold digits (within the limits), an array's elements start with '$', a value is followed by '\\r\\n'. On anything else, reply '-ERR Protocol error: …' and socket.end().", "파싱하는 것을 확인하세요. '*'와 '$' 줄에는 숫자(한도 안)가 있고, 배열의 원소는 '$'로 시작하고, 값 뒤에는 '\\r\\n'이 옵니다. 그 밖의 것에는 '-ERR Protocol error: …'로 답하고 socket.end()하세요."),
    section: 'protocol-errors',
  },
  'protocol-error-not-closed': {
    summary: text('After -ERR Protocol error for {bytes} the connection stayed open.', '{bytes}에 -ERR Protocol error로 답한 뒤에도 연결이 열려 있었습니다.'),
    cause: text('After bytes that are not a request, nobody knows where the next request starts: the stream is lost. The server closes it, as Redis does.', '요청이 아닌 바이트 뒤에는 다음 요청이 어디서 시작하는지 아무도 모릅니다. 그 스트림은 끝난 것이니, Redis처럼 서버가 닫습니다.'),
    fix: text('After the error reply call socket.end(), and ignore whatever arrives after it.', '오류 답 뒤에 socket.end()를 부르고, 그 뒤에 오는 것은 무시하세요.'),
    section: 'protocol-errors',
  },
  'quit-not-closed': {
    summary: text('QUIT answered {got}, and then the connection {how}.', 'QUIT에 {got}(으)로 답했고, 그 뒤 연결이 {how}.'),
    cause: text('QUIT replies +OK and then the server closes the connection (FIN); a command sent after QUIT is not answered. node-redis\'s quit() waits for exactly that.', 'QUIT는 +OK로 답하고, 그다음 서버가 연결을 닫습니다(FIN). QUIT 뒤에 보낸 명령에는 답하지 않습니다. node-redis의 quit()가 바로 그것을 기다립니다.'),
    fix: text("case 'quit': write '+OK\\r\\n', socket.end(), and stop reading the rest of the buffer.", "case 'quit'에서 '+OK\\r\\n'을 쓰고 socket.end()한 뒤, 버퍼의 나머지는 읽지 마세요."),
    section: 'commands',
  },
  'closed-unexpectedly': {
    summary: text('The connection closed ({how}) before the reply to {cmd}.', '{cmd}에 대한 답 전에 연결이 닫혔습니다({how}).'),
    cause: text('Only QUIT and a protocol error close a connection. An error reply (an unknown command, wrong arguments) answers one command, and the connection goes on.', '연결을 닫는 것은 QUIT와 프로토콜 오류뿐입니다. 오류 답(모르는 명령, 잘못된 인자)은 명령 하나에 답할 뿐이고, 연결은 계속됩니다.'),
    fix: text("Do not end the socket after an error reply; and catch what your parser throws for one request, so it cannot kill the connection.", '오류 답 뒤에 소켓을 끝내지 마세요. 요청 하나 때문에 파서가 던지는 예외는 잡아서 연결이 죽지 않게 하세요.'),
    section: 'replies',
  },
  'server-crashed': {
    summary: text('The server exited ({how}) after {cmd}.', '{cmd} 뒤에 서버가 종료되었습니다({how}).'),
    cause: text('An exception in a \'data\' handler ends the whole process: every other client loses its connection. A bad request, a key that is not there, or a socket error without a listener is enough.', "'data' 핸들러 안의 예외는 프로세스 전체를 끝냅니다. 다른 모든 클라이언트도 연결을 잃습니다. 잘못된 요청, 없는 키, 리스너 없는 소켓 오류면 충분합니다."),
    fix: text("Validate before you index (args[1] may be missing), handle socket.on('error'), and answer a bad request with an error reply instead of throwing.", "인덱스로 꺼내기 전에 확인하고(args[1]이 없을 수 있음), socket.on('error')를 다루고, 잘못된 요청에는 예외 대신 오류 답을 보내세요."),
    section: 'protocol-errors',
  },
  'store-not-shared': {
    summary: text('A key SET on one connection is not there for another: GET answered {got}.', '한 연결에서 SET한 키가 다른 연결에는 없습니다. GET이 {got}(으)로 답했습니다.'),
    cause: text('The Map was created inside the connection handler, so every connection has its own. A key-value server has one store that all its clients share.', 'Map을 연결 핸들러 안에서 만들어서 연결마다 자기 것을 가집니다. 키-값 서버에는 모든 클라이언트가 함께 쓰는 저장소가 하나 있습니다.'),
    fix: text('Create the store once, at the top of the file, outside net.createServer.', '저장소는 파일 맨 위, net.createServer 밖에서 한 번만 만드세요.'),
    section: 'commands',
  },
  'ioredis-failed': {
    summary: text('ioredis failed at "{step}": {err}', 'ioredis가 "{step}"에서 실패했습니다: {err}'),
    cause: text('ioredis (default options) opens with hello 3, client SETINFO ×2 and info, then sends lower-case commands, often several in one write. Its error message says which answer it could not use.', 'ioredis(기본 옵션)는 hello 3, client SETINFO 두 번, info로 시작하고, 그다음 소문자 명령을 보내며 자주 여러 개를 한 번에 씁니다. 오류 메시지가 어떤 답을 쓸 수 없었는지 알려 줍니다.'),
    fix: text('Run the same steps by hand against your server (README "Run it"), and compare with the handshake section.', '같은 단계를 내 서버에 손으로 해 보고(README "실행하기"), 핸드셰이크 절과 비교하세요.'),
    section: 'handshake',
  },
  'node-redis-failed': {
    summary: text('node-redis (RESP: 2) failed at "{step}": {err}', 'node-redis(RESP: 2)가 "{step}"에서 실패했습니다: {err}'),
    cause: text('node-redis with RESP: 2 sends CLIENT SETINFO ×2, then upper-case commands; quit() sends QUIT and waits for +OK and the close.', 'RESP: 2로 만든 node-redis는 CLIENT SETINFO 두 번을 보내고 그다음 대문자 명령을 보냅니다. quit()는 QUIT를 보내고 +OK와 닫기를 기다립니다.'),
    fix: text('Run the same steps by hand against your server (README "Run it"), and compare with the handshake section.', '같은 단계를 내 서버에 손으로 해 보고(README "실행하기"), 핸드셰이크 절과 비교하세요.'),
    section: 'handshake',
  },
  'redis-cli-failed': {
    summary: text('redis-cli {args} → {got}; expected {want}.', 'redis-cli {args} → {got}. 기대한 것: {want}.'),
    cause: text('redis-cli prints a bulk string as its bytes, an integer as "(integer) n" only on a terminal (here just n), nil as an empty line, an error as "ERR …" (and exits 0 for it); --pipe counts the replies to the commands it sent.', 'redis-cli는 벌크 문자열을 바이트 그대로, 정수를 터미널에서만 "(integer) n"으로(여기서는 n만), nil은 빈 줄로, 오류는 "ERR …"로 출력합니다(오류여도 0으로 종료). --pipe는 보낸 명령에 대한 답을 셉니다.'),
    fix: text('Run the same redis-cli command against your server and look at the reply bytes with `npm run talk`.', '같은 redis-cli 명령을 내 서버에 실행하고 `npm run talk`로 답의 바이트를 보세요.'),
    section: 'redis-cli',
  },
  'benchmark-failed': {
    summary: text('redis-benchmark against your server failed: {got}', '내 서버에 대한 redis-benchmark가 실패했습니다: {got}'),
    cause: text('redis-benchmark keeps {c} connections busy with pipelines of {p} commands (PING inline and as an array, SET, GET, INCR); a server that loses a command in a pipeline leaves it waiting.', 'redis-benchmark는 연결 {c}개에 명령 {p}개짜리 파이프라인을 계속 보냅니다(인라인과 배열 PING, SET, GET, INCR). 파이프라인 안에서 명령을 잃는 서버는 그것을 기다리게 만듭니다.'),
    fix: text('Make the pipelining check pass first; then run redis-benchmark by hand (README "Run it").', '먼저 파이프라인 검사를 통과하게 한 뒤, redis-benchmark를 손으로 실행해 보세요(README "실행하기").'),
    section: 'benchmark',
  },
});

export type Reason = keyof typeof mistakes;
export type Ctx = ScenarioContext<Reason>;
