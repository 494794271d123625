/**
 * Lesson 04's mistakes table: every failure its checks can report, written once, in both
 * languages. The scenarios (checks.ts) and their steps (steps.ts) only name a reason and give
 * its facts; the words are here, so one mistake reads the same wherever it is caught, and the
 * README explains each id (its "Mistakes the checks catch" section).
 *
 * Order follows the lesson: framing, UTF-8, LEN, the line limit, line ends, the end of the
 * stream, many clients, then the general "the reply was wrong" reasons.
 */
import { text } from '../../../src/checks/kit.ts';
import { defineMistakes } from '../../../src/checks/mistakes.ts';
import { MAX_LINE } from './model.ts';

export const mistakes = defineMistakes({
  // --- Framing: a chunk is not a line -------------------------------------------------------
  'one-data-one-command': {
    summary: text('{n} commands sent in one write got {m} correct replies.', '한 번에 쓴 명령 {n}개에 올바른 답이 {m}개 왔습니다.'),
    cause: text(
      "TCP coalesces writes: several lines can arrive in ONE 'data' event. Your server treats each 'data' event as one command.",
      "TCP는 여러 번의 쓰기를 합칩니다. 여러 줄이 'data' 이벤트 하나로 올 수 있는데, 서버가 'data' 이벤트 하나를 명령 하나로 다룹니다.",
    ),
    fix: text("Loop: while the buffer contains '\\n', take one line off its front and answer it.", "반복하세요: 버퍼에 '\\n'이 있는 동안 앞에서 한 줄을 떼어 내 답합니다."),
    section: 'a-chunk-is-not-a-message',
  },
  'remainder-dropped': {
    summary: text('A line that arrived in pieces was not put back together.', '조각으로 도착한 줄이 다시 이어지지 않았습니다.'),
    cause: text(
      "A line can arrive in several 'data' events. The piece after the last '\\n' of a chunk is the start of the next line: it was answered on its own or thrown away.",
      "한 줄이 'data' 이벤트 여러 번에 나뉘어 올 수 있습니다. 덩어리의 마지막 '\\n' 뒤 조각은 다음 줄의 앞부분인데, 따로 답하거나 버렸습니다.",
    ),
    fix: text(
      "Keep it: pending = Buffer.concat([pending, chunk]); split off complete lines; leave the rest in pending for the next 'data'.",
      "남겨 두세요: pending = Buffer.concat([pending, chunk]); 완성된 줄만 떼어 내고 나머지는 다음 'data'를 위해 pending에 둡니다.",
    ),
    section: 'keep-the-remainder',
  },

  // --- UTF-8 across chunks ------------------------------------------------------------------
  'utf8-cut-decoded': {
    summary: text('A character cut between two chunks came out broken.', '두 덩어리 사이에서 잘린 글자가 깨졌습니다.'),
    cause: text(
      "A character's bytes were split across two 'data' events and each chunk was decoded on its own (toString()): the two halves became U+FFFD (�), or were lost.",
      "한 글자의 바이트가 'data' 이벤트 두 번에 나뉘었는데 덩어리마다 따로 디코딩(toString())했습니다. 두 반쪽이 U+FFFD(�)가 되거나 사라졌습니다.",
    ),
    fix: text(
      "Frame on bytes and decode each complete line (Buffer.indexOf(0x0a), then line.toString('utf8')), or call socket.setEncoding('utf8') once, which keeps a cut character until the rest arrives.",
      "바이트로 줄을 나눈 뒤 완성된 줄마다 디코딩하거나(Buffer.indexOf(0x0a) 후 line.toString('utf8')), socket.setEncoding('utf8')을 한 번 호출하세요. 잘린 글자를 나머지가 올 때까지 보관해 줍니다.",
    ),
    section: 'utf8-across-chunks',
  },

  // --- LEN ----------------------------------------------------------------------------------
  'len-counts-utf16-units': {
    summary: text('LEN counted {t} as {n} characters.', 'LEN이 {t}을(를) {n}글자로 셌습니다.'),
    cause: text(
      "A JavaScript string's length counts UTF-16 code units: an emoji like 😀 is two of them (a surrogate pair), but one code point.",
      '자바스크립트 문자열의 length는 UTF-16 코드 유닛을 셉니다. 😀 같은 이모지는 코드 유닛 두 개(서로게이트 쌍)지만 코드 포인트는 하나입니다.',
    ),
    fix: text('Count code points with [...text].length and bytes with Buffer.byteLength(text).', '코드 포인트는 [...text].length로, 바이트는 Buffer.byteLength(text)로 세세요.'),
    section: 'len',
  },
  'len-wrong': {
    summary: text('LEN {t} gave the wrong counts.', 'LEN {t}의 결과가 틀렸습니다.'),
    cause: text(
      'LEN answers "<code points> <UTF-8 bytes>" of the text after "LEN ". The second number counts UTF-8 bytes, not characters: 안 is 3 bytes, 😀 is 4.',
      'LEN은 "LEN " 뒤 텍스트의 "<코드 포인트 수> <UTF-8 바이트 수>"로 답합니다. 두 번째 숫자는 글자가 아니라 UTF-8 바이트를 셉니다. 안은 3바이트, 😀는 4바이트입니다.',
    ),
    fix: text('`${[...text].length} ${Buffer.byteLength(text)}`', '`${[...text].length} ${Buffer.byteLength(text)}`'),
    section: 'len',
  },

  // --- The line limit -----------------------------------------------------------------------
  'no-line-limit': {
    summary: text('{what}: your server never said "ERR line too long".', '{what}: 서버가 "ERR line too long"을 보내지 않았습니다.'),
    cause: text(
      "Your server buffers a line for as long as the client keeps sending it. A client (or an attacker) that never sends '\\n' makes you buffer forever, until the process runs out of memory.",
      "서버가 클라이언트가 보내는 한 줄을 끝없이 버퍼에 쌓습니다. '\\n'을 보내지 않는 클라이언트(또는 공격자)는 프로세스의 메모리가 바닥날 때까지 버퍼를 키울 수 있습니다.",
    ),
    fix: text(
      `Cap the line: after each chunk, if the unfinished line is longer than ${MAX_LINE} bytes, socket.end('ERR line too long\\n') and ignore the rest.`,
      `줄 길이를 제한하세요: 덩어리마다, 끝나지 않은 줄이 ${MAX_LINE}바이트보다 길면 socket.end('ERR line too long\\n')를 호출하고 나머지는 무시합니다.`,
    ),
    section: 'line-limit',
  },
  'limit-too-large': {
    summary: text('Your server let one line grow past {n} bytes before it gave up.', '서버가 한 줄이 {n}바이트를 넘도록 두었다가 포기했습니다.'),
    cause: text(
      `The limit of this protocol is ${MAX_LINE} bytes: the line may not grow by a single byte more (${MAX_LINE + 1} bytes without a '\\n' are already too long).`,
      `이 프로토콜의 제한은 ${MAX_LINE}바이트입니다. 한 바이트도 더 자라면 안 됩니다('\\n' 없는 ${MAX_LINE + 1}바이트는 이미 너무 깁니다).`,
    ),
    fix: text(
      `const MAX_LINE_BYTES = ${MAX_LINE}; after each chunk, refuse as soon as the unfinished rest is longer than that.`,
      `const MAX_LINE_BYTES = ${MAX_LINE}; 덩어리마다, 끝나지 않은 나머지가 그보다 길어지는 즉시 거부하세요.`,
    ),
    section: 'line-limit',
  },
  'limit-counts-characters': {
    summary: text('{what}: no "ERR line too long" within {ms} ms.', '{what}: {ms}ms 안에 "ERR line too long"이 오지 않았습니다.'),
    cause: text(
      `The limit is ${MAX_LINE} bytes. These {bytes} bytes are only {chars} characters: a limit on string length lets them through.`,
      `제한은 ${MAX_LINE}바이트입니다. 이 {bytes}바이트는 {chars}글자일 뿐이라, 문자열 길이로 재는 제한은 통과시킵니다.`,
    ),
    fix: text('Measure bytes: keep a Buffer (pending.length), or use Buffer.byteLength(pending) on a string.', '바이트로 재세요: Buffer로 보관하거나(pending.length), 문자열이면 Buffer.byteLength(pending)를 쓰세요.'),
    section: 'line-limit',
  },
  'limit-too-small': {
    summary: text('A line of exactly {n} bytes was refused.', '정확히 {n}바이트인 줄이 거부되었습니다.'),
    cause: text(
      `Lines of up to ${MAX_LINE} bytes (not counting the '\\n') are allowed. Either your limit is smaller, or you measured a chunk (which may hold the '\\n' and more) instead of the line.`,
      `'\\n'을 빼고 ${MAX_LINE}바이트까지의 줄은 허용됩니다. 제한이 더 작거나, 줄이 아니라 덩어리('\\n'과 그 뒤까지 담을 수 있음)를 쟀습니다.`,
    ),
    fix: text("Split off complete lines first; then only the unfinished rest (no '\\n' yet) must stay within the limit.", "먼저 완성된 줄을 떼어 내고, 그 뒤 아직 '\\n'이 없는 나머지만 제한 안에 있어야 합니다."),
    section: 'line-limit',
  },
  'limit-on-whole-buffer': {
    summary: text('{n} short lines in one write were refused as "too long".', '한 번에 쓴 짧은 줄 {n}개가 "너무 길다"며 거부되었습니다.'),
    cause: text(
      'The limit is on one line, not on a chunk: this chunk is {bytes} bytes, but every line in it is 4 bytes. You checked the buffer before taking the complete lines out.',
      '제한은 덩어리가 아니라 줄 하나에 대한 것입니다. 이 덩어리는 {bytes}바이트지만 그 안의 줄은 모두 4바이트입니다. 완성된 줄을 꺼내기 전에 버퍼 크기를 검사했습니다.',
    ),
    fix: text('Take the complete lines out first, then check what is left.', '완성된 줄을 먼저 꺼내고, 남은 것을 검사하세요.'),
    section: 'line-limit',
  },
  'too-long-no-error': {
    summary: text('Your server closed the connection without saying why.', '서버가 이유를 말하지 않고 연결을 닫았습니다.'),
    cause: text('The protocol asks for an error line before the close, so the client knows what happened.', '프로토콜은 닫기 전에 오류 줄을 보내라고 합니다. 그래야 클라이언트가 무슨 일인지 압니다.'),
    fix: text("socket.end('ERR line too long\\n')", "socket.end('ERR line too long\\n')"),
    section: 'line-limit',
  },
  'too-long-not-closed': {
    summary: text('Your server sent "ERR line too long" but kept the connection open.', '서버가 "ERR line too long"을 보냈지만 연결을 닫지 않았습니다.'),
    cause: text('socket.write() sends the reply but does not close.', 'socket.write()는 답을 보낼 뿐 닫지 않습니다.'),
    fix: text('Send the last reply with socket.end(reply): it writes, then closes (FIN).', '마지막 답은 socket.end(reply)로 보내세요. 쓰고 나서 닫습니다(FIN).'),
    section: 'line-limit',
  },
  'answered-incomplete-line': {
    summary: text("Your server answered {n} bytes that hold no '\\n'.", "서버가 '\\n'이 하나도 없는 {n}바이트에 답했습니다."),
    cause: text(
      "No line was complete, so there was nothing to answer but the limit error: your server answered the bytes as they came (each 'data' chunk as a command), or it checks the limit only after it answers.",
      "끝난 줄이 없으니 제한 오류 말고는 답할 것이 없었습니다. 서버가 도착한 바이트에 바로 답했거나('data' 덩어리 하나를 명령 하나로), 답한 뒤에야 제한을 검사합니다.",
    ),
    fix: text(
      "Answer only complete lines (cut at '\\n'); keep the rest in the buffer, and when that rest grows past the limit reply \"ERR line too long\" and close.",
      "완성된 줄('\\n'까지)에만 답하고 나머지는 버퍼에 두세요. 그 나머지가 제한을 넘으면 \"ERR line too long\"으로 답하고 닫으세요.",
    ),
    section: 'line-limit',
  },

  // --- Line ends ----------------------------------------------------------------------------
  'crlf-not-stripped': {
    summary: text('The \'\\r\' of a "\\r\\n" line end stayed in the line {sent}.', '{sent}에서 "\\r\\n" 줄 끝의 \'\\r\'이 줄에 남았습니다.'),
    cause: text(
      "A client that ends lines with \"\\r\\n\" (Java's println on Windows, telnet) sends '\\r' before every '\\n'. Left in the line, it ends up in the command (ERR unknown command PING\\r) or in the reply.",
      '줄을 "\\r\\n"으로 끝내는 클라이언트(Windows의 Java println, telnet)는 \'\\n\'마다 앞에 \'\\r\'을 보냅니다. 줄에 남으면 명령(ERR unknown command PING\\r)이나 답에 섞입니다.',
    ),
    fix: text("Strip one '\\r' just before the '\\n' (and only there).", "'\\n' 바로 앞의 '\\r' 하나만(그 자리에서만) 떼어 내세요."),
    section: 'line-ends',
  },
  'bare-cr-ends-line': {
    summary: text("Your server ended a line at a bare '\\r'.", "서버가 '\\r' 하나에서 줄을 끝냈습니다."),
    cause: text(
      "In this protocol only '\\n' ends a line. Node's readline also ends lines at a lone '\\r' (it is made for text typed at a terminal, not for a wire protocol).",
      "이 프로토콜에서는 '\\n'만 줄을 끝냅니다. Node의 readline은 '\\r' 하나에서도 줄을 끝냅니다(터미널에서 입력한 텍스트용이지 통신 프로토콜용이 아닙니다).",
    ),
    fix: text("Frame the bytes yourself: split on '\\n' only, then strip one '\\r' just before it.", "바이트를 직접 나누세요: '\\n'에서만 자르고, 바로 앞의 '\\r' 하나만 떼어 냅니다."),
    section: 'readline',
  },
  'echo-changed-text': {
    summary: text('ECHO did not return its text exactly.', 'ECHO가 텍스트를 그대로 돌려주지 않았습니다.'),
    cause: text(
      'The text is everything after the first space, spaces included. trim() (or split and join) changes it.',
      '텍스트는 첫 공백 뒤의 전부이며 공백도 포함합니다. trim()(이나 split 후 join)은 텍스트를 바꿉니다.',
    ),
    fix: text("const rest = line.slice(line.indexOf(' ') + 1); and strip only a '\\r' before the '\\n', never trim().", "const rest = line.slice(line.indexOf(' ') + 1); 그리고 '\\n' 앞의 '\\r'만 떼고 trim()은 쓰지 마세요."),
    section: 'the-protocol',
  },

  // --- The end of the stream, QUIT ----------------------------------------------------------
  'answered-unterminated': {
    summary: text("Your server answered bytes that never got their '\\n' before the client closed.", "서버가 클라이언트가 닫기 전에 '\\n'을 받지 못한 바이트에 답했습니다."),
    cause: text(
      "Bytes without a '\\n' at the end of the stream are not a line: the client may have been cut off mid-command. (readline hands them over as a last line at EOF.)",
      "스트림 끝에서 '\\n' 없이 남은 바이트는 줄이 아닙니다. 클라이언트가 명령 도중에 끊겼을 수 있습니다. (readline은 EOF에서 이를 마지막 줄로 넘겨줍니다.)",
    ),
    fix: text("On 'end', drop what is left in the buffer (log it if you like).", "'end'에서 버퍼에 남은 것을 버리세요(원하면 기록만 하세요)."),
    section: 'end-of-stream',
  },
  'no-close-after-eof': {
    summary: text('The client closed its side (FIN), but your server kept the connection open.', '클라이언트가 자기 쪽을 닫았는데(FIN) 서버가 연결을 열어 두었습니다.'),
    cause: text('With allowHalfOpen: true, Node does not end your side when the client ends its own.', 'allowHalfOpen: true이면 클라이언트가 닫아도 Node가 서버 쪽을 닫지 않습니다.'),
    fix: text("Leave allowHalfOpen at its default (false), or call socket.end() in the 'end' handler.", "allowHalfOpen을 기본값(false)으로 두거나 'end' 핸들러에서 socket.end()를 호출하세요."),
    section: 'end-of-stream',
  },
  'no-close-after-quit': {
    summary: text('Your server answered QUIT with BYE but kept the connection open.', '서버가 QUIT에 BYE로 답했지만 연결을 닫지 않았습니다.'),
    cause: text('socket.write() sends the reply but does not close.', 'socket.write()는 답을 보낼 뿐 닫지 않습니다.'),
    fix: text('Send the last reply with socket.end(reply): it writes, then closes (FIN).', '마지막 답은 socket.end(reply)로 보내세요. 쓰고 나서 닫습니다(FIN).'),
    section: 'the-protocol',
  },

  // --- Many clients -------------------------------------------------------------------------
  'shared-buffer': {
    summary: text("Two clients' bytes were mixed in one buffer.", '두 클라이언트의 바이트가 버퍼 하나에 섞였습니다.'),
    cause: text(
      "The buffer lives outside the connection handler, so every client appends to the same one. A sent half a line; B's line was glued to it.",
      '버퍼가 연결 핸들러 바깥에 있어 모든 클라이언트가 같은 버퍼에 이어 붙입니다. A가 반쪽 줄을 보냈고, B의 줄이 거기에 붙었습니다.',
    ),
    fix: text("Declare the buffer inside net.createServer((socket) => { let pending = …; … }): one per connection.", 'net.createServer((socket) => { let pending = …; … }) 안에서 버퍼를 선언하세요. 연결마다 하나씩입니다.'),
    section: 'per-connection-state',
  },
  'stopped-serving': {
    summary: text('Your server did not accept the next client: {how}.', '서버가 다음 클라이언트를 받지 않았습니다: {how}.'),
    cause: text(
      "Lesson 01's server served one client and then closed its listening socket (server.close()). This server keeps serving: a QUIT ends one connection, not the server.",
      '레슨 01의 서버는 클라이언트 하나를 처리하고 리스닝 소켓을 닫았습니다(server.close()). 이 서버는 계속 서비스합니다. QUIT는 연결 하나를 끝낼 뿐 서버를 끝내지 않습니다.',
    ),
    fix: text('Do not call server.close() or process.exit() when a client leaves.', '클라이언트가 떠날 때 server.close()나 process.exit()를 호출하지 마세요.'),
    section: 'per-connection-state',
  },

  // --- The reply itself ---------------------------------------------------------------------
  'closed-too-early': {
    summary: text('Your server closed the connection ({how}) before it answered {sent}.', '서버가 {sent}에 답하기 전에 연결을 닫았습니다({how}).'),
    cause: text(
      "Only QUIT and a too-long line end the conversation. Closing after one reply is lesson 01's shortcut; a line protocol keeps the connection for as many commands as the client sends.",
      'QUIT와 너무 긴 줄만 대화를 끝냅니다. 답장 하나 후 닫는 것은 레슨 01의 지름길이고, 줄 프로토콜은 클라이언트가 보내는 만큼 명령을 받도록 연결을 유지합니다.',
    ),
    fix: text("Answer with socket.write(…); call socket.end(…) only for QUIT and 'ERR line too long'.", "답은 socket.write(…)로 보내고, socket.end(…)는 QUIT와 'ERR line too long'에서만 호출하세요."),
    section: 'the-protocol',
  },
  'no-reply': {
    summary: text('No reply to {sent} within {ms} ms.', '{sent}에 {ms}ms 안에 답이 없었습니다.'),
    cause: text(
      "Your 'data' handler did not answer this line: it may wait for something that never comes, or it may not split the received bytes into lines yet.",
      "'data' 핸들러가 이 줄에 답하지 않았습니다. 오지 않을 무언가를 기다리거나, 받은 바이트를 아직 줄로 나누지 않는 것 같습니다.",
    ),
    fix: text(
      "Append each chunk to a buffer; while it contains '\\n', cut off one line, answer it, and keep the rest.",
      "받은 덩어리를 버퍼에 이어 붙이고, '\\n'이 있는 동안 한 줄씩 잘라 답하고 나머지는 남겨 두세요.",
    ),
    section: 'framing',
  },
  'reply-without-newline': {
    summary: text('A reply came without its line end.', '답장이 줄 끝(\\n) 없이 왔습니다.'),
    cause: text(
      "This protocol frames replies by line too: a client (Java's readLine(), the checker) waits for the '\\n'.",
      "이 프로토콜은 답장도 줄 단위로 나눕니다. 클라이언트(Java의 readLine(), 검사기)는 '\\n'을 기다립니다.",
    ),
    fix: text('socket.write(`${reply}\\n`)', 'socket.write(`${reply}\\n`)'),
    section: 'the-protocol',
  },
  'wrong-reply': {
    summary: text('Wrong reply to {sent}.', '{sent}에 대한 답이 틀렸습니다.'),
    cause: text('The line arrived whole; the reply does not follow the protocol table.', '줄은 온전히 도착했지만 답이 프로토콜 표와 다릅니다.'),
    fix: text('Compare your reply with the table in the README, character for character.', 'README의 표와 답을 글자 하나하나 비교해 보세요.'),
    section: 'the-protocol',
  },
  'extra-reply': {
    summary: text('Your server sent a line that answers nothing, after its reply to {sent}.', '서버가 {sent}에 답한 뒤, 어느 줄의 답도 아닌 줄을 더 보냈습니다.'),
    cause: text(
      'Each line gets exactly one reply. After BYE (QUIT) and after "ERR line too long" nothing more is answered: the lines that follow them in the same chunk are ignored.',
      '줄 하나에는 답 하나만 갑니다. BYE(QUIT)와 "ERR line too long" 뒤에는 아무것도 답하지 않습니다. 같은 덩어리에서 그 뒤에 오는 줄도 무시합니다.',
    ),
    fix: text(
      'Write one reply per line; after QUIT or a too-long line, socket.end(reply) and stop the loop (return), then ignore later data.',
      '줄마다 답을 하나만 쓰세요. QUIT나 너무 긴 줄 뒤에는 socket.end(reply)로 보내고 반복을 멈춘(return) 뒤, 그 뒤 데이터는 무시하세요.',
    ),
    section: 'the-protocol',
  },

  // --- The source's languages ---------------------------------------------------------------
  'other-client-failed': {
    summary: text('The {who} did not get the expected replies ({how}).', '{who}이(가) 기대한 답을 받지 못했습니다({how}).'),
    cause: text(
      'It sends UTF-8 lines (the Java one ends them with "\\r\\n", as println does on Windows) and reads replies line by line until the server closes after BYE.',
      '이 클라이언트는 UTF-8 줄을 보내고(Java 쪽은 Windows의 println처럼 "\\r\\n"으로 끝냄), 서버가 BYE 후 닫을 때까지 답을 한 줄씩 읽습니다.',
    ),
    fix: text('Run the same commands by hand with nc (see "Run it") and compare with the protocol table.', '"직접 실행하기"처럼 nc로 같은 명령을 보내 보고 프로토콜 표와 비교하세요.'),
    section: 'other-languages',
  },
});

/** The reason ids the type checker knows: `ctx.fail('no-reply', …)` is checked against them. */
export type Reason = Extract<keyof typeof mistakes, string>;
