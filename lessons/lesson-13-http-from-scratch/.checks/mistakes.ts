/**
 * Lesson 13 — every failure its checks can report, once, in both languages. The steps name a
 * reason and give its facts; the words are here.
 */
import { text } from '../../../src/i18n.ts';
import { defineMistakes } from '../../../src/checks/mistakes.ts';
import type { ScenarioContext } from '../../../src/checks/context.ts';

const FRAME_BY_LENGTH = text(
  "Keep one Buffer per connection; after each 'data', while it holds '\\r\\n\\r\\n': parse the head, wait until Content-Length more bytes are there, answer, and keep the rest for the next request.",
  "연결마다 Buffer 하나를 두고, 'data'가 올 때마다 그 안에 '\\r\\n\\r\\n'이 있는 동안 헤드를 파싱하고, Content-Length만큼의 바이트가 더 올 때까지 기다렸다가 답하고, 나머지는 다음 요청을 위해 남겨 두세요.",
);

export const mistakes = defineMistakes({
  'lf-only-line-endings': {
    summary: text('The response head uses "\\n" where HTTP requires "\\r\\n": {client} rejected it.', '응답 헤드가 HTTP가 요구하는 "\\r\\n" 대신 "\\n"을 씁니다. {client}이(가) 거부했습니다.'),
    cause: text(
      'Every line of the status line and the headers, and the blank line after them, ends in CRLF. fetch (llhttp) is strict and fails with HPE_INVALID_HEADER_TOKEN; curl and many browsers quietly accept a bare "\\n", so "it works in curl" proves nothing.',
      '상태 줄과 헤더의 모든 줄, 그리고 그 뒤의 빈 줄은 CRLF로 끝납니다. fetch(llhttp)는 엄격해서 HPE_INVALID_HEADER_TOKEN으로 실패하고, curl과 여러 브라우저는 "\\n"만 있어도 조용히 받아 줍니다. 그러니 "curl에서는 된다"는 아무것도 증명하지 못합니다.',
    ),
    fix: text("Join the lines with '\\r\\n' and end the head with '\\r\\n\\r\\n'.", "줄들을 '\\r\\n'으로 잇고 헤드는 '\\r\\n\\r\\n'으로 끝내세요."),
    section: 'crlf',
  },
  'bad-status-line': {
    summary: text('The response does not start with a status line "HTTP/1.1 <code> <reason>": {line}', '응답이 상태 줄 "HTTP/1.1 <코드> <사유>"로 시작하지 않습니다: {line}'),
    cause: text(
      'A client reads the first line as the status line. Anything else (plain text, a missing reason phrase separator, "HTTP/1.0") is a broken or another protocol\'s response.',
      '클라이언트는 첫 줄을 상태 줄로 읽습니다. 그 밖의 것(그냥 텍스트, 사유 구절 앞의 공백이 없음, "HTTP/1.0")은 깨진 응답이거나 다른 프로토콜의 응답입니다.',
    ),
    fix: text('Start every response with `HTTP/1.1 ${status} ${reason}\\r\\n`, e.g. "HTTP/1.1 200 OK\\r\\n".', '모든 응답을 `HTTP/1.1 ${status} ${reason}\\r\\n`으로 시작하세요. 예: "HTTP/1.1 200 OK\\r\\n".'),
    section: 'the-response',
  },
  'malformed-response': {
    summary: text('{client} could not parse the response ({code}).', '{client}이(가) 응답을 해석하지 못했습니다({code}).'),
    cause: text(
      'A header line must be "Name: value": a token name (no spaces before the colon), then the value, on one line. Strict parsers refuse anything else.',
      '헤더 한 줄은 "Name: value"여야 합니다. 토큰 이름(콜론 앞에 공백 없음), 그다음 값, 한 줄 안에. 엄격한 파서는 그 밖의 것을 거부합니다.',
    ),
    fix: text('Write headers as `${name}: ${value}\\r\\n` with no space before the colon and no line break inside a value.', '헤더는 콜론 앞에 공백 없이, 값 안에 줄바꿈 없이 `${name}: ${value}\\r\\n`로 쓰세요.'),
    section: 'the-response',
  },
  'no-content-length': {
    summary: text('The response to {req} has no Content-Length: the client cannot tell where the body ends.', '{req}에 대한 응답에 Content-Length가 없습니다. 클라이언트는 본문이 어디서 끝나는지 알 수 없습니다.'),
    cause: text(
      'Without Content-Length (or chunked encoding) an HTTP/1.1 client reads the body until the connection closes; on a connection kept open, fetch and curl wait until they time out.',
      'Content-Length(나 chunked 인코딩)가 없으면 HTTP/1.1 클라이언트는 연결이 닫힐 때까지 본문을 읽습니다. 연결을 열어 두면 fetch와 curl은 시간 초과까지 기다립니다.',
    ),
    fix: text('Send `Content-Length: ${body.length}` with body a Buffer, on every response, errors too.', '모든 응답(오류 응답도)에 body를 Buffer로 만들어 `Content-Length: ${body.length}`를 보내세요.'),
    section: 'content-length',
  },
  'content-length-in-characters': {
    summary: text('The response to {req} says Content-Length: {got}, the body\'s length in characters; it has {bytes} bytes, so clients cut it short.', '{req}에 대한 응답의 Content-Length: {got}은(는) 본문의 글자 수입니다. 본문은 {bytes}바이트이므로 클라이언트가 중간에서 잘라 읽습니다.'),
    cause: text(
      "Content-Length counts bytes. A JavaScript string's length counts UTF-16 units: '안녕'.length is 2, its UTF-8 is 6 bytes. fetch and curl silently truncate the body, and the bytes left over are read as the start of the next response.",
      "Content-Length는 바이트 수입니다. 자바스크립트 문자열의 length는 UTF-16 단위 수입니다. '안녕'.length는 2지만 UTF-8로는 6바이트입니다. fetch와 curl은 본문을 조용히 잘라 읽고, 남은 바이트는 다음 응답의 시작으로 읽힙니다.",
    ),
    fix: text("Make the body a Buffer first (Buffer.from(body, 'utf8')) and send its .length, or Buffer.byteLength(body).", "본문을 먼저 Buffer로 만들고(Buffer.from(body, 'utf8')) 그 .length를 보내거나, Buffer.byteLength(body)를 쓰세요."),
    section: 'content-length',
  },
  'content-length-wrong': {
    summary: text('The response to {req} says Content-Length: {got}, but {sent}.', '{req}에 대한 응답은 Content-Length: {got}이라고 했지만, {sent}.'),
    cause: text(
      'The client reads exactly Content-Length bytes of body: fewer leave it waiting, more are taken for the next response.',
      '클라이언트는 본문을 정확히 Content-Length바이트만큼 읽습니다. 모자라면 기다리고, 넘치면 다음 응답으로 읽습니다.',
    ),
    fix: text('Compute Content-Length from the very Buffer you write as the body.', 'Content-Length는 본문으로 쓰는 바로 그 Buffer에서 계산하세요.'),
    section: 'content-length',
  },
  'no-response': {
    summary: text('No complete response to {req} within {ms} ms.', '{req}에 대한 완전한 응답이 {ms}ms 안에 오지 않았습니다.'),
    cause: text(
      'The server is still waiting: for a "\\r\\n\\r\\n" it has already received in pieces, for body bytes it has, or it never answers this route.',
      '서버가 아직 기다리고 있습니다. 이미 조각으로 받은 "\\r\\n\\r\\n"을, 이미 받은 본문 바이트를 기다리거나, 이 경로에는 아예 답하지 않습니다.',
    ),
    fix: FRAME_BY_LENGTH,
    section: 'framing',
  },
  'closed-without-response': {
    summary: text('The connection was closed ({how}) before a complete response to {req}.', '{req}에 대한 완전한 응답 전에 연결이 닫혔습니다({how}).'),
    cause: text(
      'The server closed (or crashed) before it wrote the whole response, or it answers the first request on a connection and closes, losing the ones pipelined after it.',
      '서버가 응답을 다 쓰기 전에 닫았거나(죽었거나), 연결의 첫 요청에만 답하고 닫아서 그 뒤에 파이프라인으로 온 요청을 잃었습니다.',
    ),
    fix: text('Keep the connection open after a response unless the request said Connection: close; end() only after the last write.', '요청이 Connection: close라고 하지 않았으면 응답 뒤에도 연결을 열어 두세요. end()는 마지막 write 뒤에만.'),
    section: 'keep-alive',
  },
  'request-in-pieces': {
    summary: text('{req} sent in one write was answered, but the same bytes in {n} pieces were not ({what}).', '한 번의 write로 보낸 {req}에는 답했지만, 같은 바이트를 {n}조각으로 보내자 답하지 않았습니다({what}).'),
    cause: text(
      "One 'data' event is a chunk, not a request: the head may end in the next chunk, even with its '\\r\\n\\r\\n' cut in the middle.",
      "'data' 이벤트 하나는 요청이 아니라 덩어리입니다. 헤드는 다음 덩어리에서 끝날 수 있고, '\\r\\n\\r\\n'이 가운데서 잘릴 수도 있습니다.",
    ),
    fix: FRAME_BY_LENGTH,
    section: 'framing',
  },
  'body-not-waited': {
    summary: text('The echo of a {n}-byte body sent in pieces came back with {got} bytes: the server answered before the whole body arrived.', '조각으로 보낸 {n}바이트 본문의 에코가 {got}바이트로 돌아왔습니다. 서버가 본문이 다 오기 전에 답했습니다.'),
    cause: text(
      'The body follows the head in the same stream and may take many chunks; only Content-Length says when it is complete.',
      '본문은 같은 스트림에서 헤드 뒤에 오고 여러 덩어리에 걸칠 수 있습니다. 언제 다 왔는지는 Content-Length만이 알려 줍니다.',
    ),
    fix: FRAME_BY_LENGTH,
    section: 'framing',
  },
  'wrong-status': {
    summary: text('{req} got status {got}; expected {want}.', '{req}에 상태 코드 {got}이(가) 왔습니다. 기대한 것은 {want}입니다.'),
    cause: text(
      'The status code follows the routes table: 200 for a route with its method, 404 for an unknown path, 405 for a known path with another method, 400 for a malformed request, 411 for POST without Content-Length, 413 over 1 MiB, 431 for a head over 8192 bytes, 501 for Transfer-Encoding.',
      '상태 코드는 경로 표를 따릅니다. 경로와 메서드가 맞으면 200, 모르는 경로는 404, 아는 경로에 다른 메서드는 405, 형식이 틀린 요청은 400, Content-Length 없는 POST는 411, 1MiB 초과는 413, 8192바이트가 넘는 헤드는 431, Transfer-Encoding은 501.',
    ),
    fix: text('Check the path first (404), then the method (405); validate the head and Content-Length before routing.', '경로를 먼저(404), 그다음 메서드를(405) 확인하세요. 라우팅 전에 헤드와 Content-Length를 검사하세요.'),
    section: 'the-routes',
  },
  'content-length-not-digits': {
    summary: text('{req} said "Content-Length: {value}" and got {got}; a Content-Length that is not digits is a bad request: 400, then close.', '{req}는 "Content-Length: {value}"를 보냈는데 {got}을(를) 받았습니다. 숫자로만 되어 있지 않은 Content-Length는 잘못된 요청입니다. 400으로 답하고 닫아야 합니다.'),
    cause: text(
      "Number() and parseInt() read more than digits: Number('0x3') is 3, Number('1e2') 100, Number('+5') 5, Number('5.0') 5, Number('') 0, and parseInt('12x') is 12. A server that reads a length where a proxy in front of it reads none (or another one) splits the stream elsewhere than the proxy: that is how request smuggling starts.",
      "Number()와 parseInt()는 숫자 말고도 읽어 냅니다. Number('0x3')은 3, Number('1e2')는 100, Number('+5')는 5, Number('5.0')은 5, Number('')는 0이고, parseInt('12x')는 12입니다. 앞단의 프록시는 길이로 읽지 않는 값을 서버가 길이로 읽으면(또는 다른 길이로 읽으면) 둘이 스트림을 서로 다른 곳에서 자르게 되고, 요청 스머글링은 여기서 시작합니다.",
    ),
    fix: text("Test the trimmed value with /^\\d+$/ first; only then Number(value). Anything else: 400 with Connection: close, then socket.end().", "다듬은 값을 먼저 /^\\d+$/로 검사하고, 통과할 때만 Number(value)를 쓰세요. 그 밖의 값은 Connection: close를 넣은 400으로 답한 뒤 socket.end()."),
    section: 'bad-requests',
  },
  'head-limit-wrong': {
    summary: text('A head of {size} bytes (counting its \\r\\n\\r\\n) got {got}; expected {want}: the limit is 8192 bytes, the blank line included.', '{size}바이트 헤드(\\r\\n\\r\\n 포함)에 {got}이(가) 왔습니다. 기대한 것은 {want}입니다. 한도는 빈 줄까지 세어 8192바이트입니다.'),
    cause: text(
      "buffered.indexOf('\\r\\n\\r\\n') is where the blank line starts; the head ends 4 bytes later. Comparing that index with 8192 lets heads of 8193 to 8196 bytes through; comparing with >= where > belongs refuses a head of exactly 8192.",
      "buffered.indexOf('\\r\\n\\r\\n')는 빈 줄이 시작하는 위치이고, 헤드는 그보다 4바이트 뒤에서 끝납니다. 이 위치를 8192와 비교하면 8193~8196바이트 헤드가 통과하고, >가 맞는 자리에 >=를 쓰면 딱 8192바이트인 헤드를 거절합니다.",
    ),
    fix: text("With end = buffered.indexOf('\\r\\n\\r\\n'): 431 when end + 4 > 8192; with no \\r\\n\\r\\n yet, 431 once 8192 bytes are buffered.", "end = buffered.indexOf('\\r\\n\\r\\n')일 때 end + 4 > 8192이면 431, 아직 \\r\\n\\r\\n이 없으면 8192바이트가 쌓이는 순간 431."),
    section: 'limits',
  },
  'wrong-content-type': {
    summary: text('The response to {req} has Content-Type {got}; expected {want}.', '{req}에 대한 응답의 Content-Type이 {got}입니다. 기대한 것은 {want}입니다.'),
    cause: text(
      'The browser decides how to show a body from Content-Type: text/html is rendered, text/plain shown as text. Without "; charset=utf-8" it may guess the encoding and garble Korean.',
      '브라우저는 Content-Type을 보고 본문을 어떻게 보여 줄지 정합니다. text/html은 렌더링하고 text/plain은 글자로 보여 줍니다. "; charset=utf-8"이 없으면 인코딩을 추측하다 한글이 깨질 수 있습니다.',
    ),
    fix: text('Use exactly the Content-Type of the routes table.', '경로 표의 Content-Type을 그대로 쓰세요.'),
    section: 'the-routes',
  },
  'wrong-body': {
    summary: text('The body of the response to {req} is not what the routes table says.', '{req}에 대한 응답 본문이 경로 표와 다릅니다.'),
    cause: text('GET / answers the page of the README byte for byte; /hello answers "Hello, <name>!"; POST /form answers the greeting page.', 'GET /는 README의 페이지를 바이트 그대로, /hello는 "Hello, <name>!", POST /form은 인사 페이지로 답합니다.'),
    fix: text('Copy the page and the formats from README "The routes".', 'README "경로"의 페이지와 형식을 그대로 가져다 쓰세요.'),
    section: 'the-routes',
  },
  'not-percent-decoded': {
    summary: text('/hello answered {got} for name={raw}: the name was not percent-decoded.', '/hello가 name={raw}에 {got}(으)로 답했습니다. 이름을 퍼센트 디코딩하지 않았습니다.'),
    cause: text(
      'A URL carries only ASCII: a browser or fetch sends 파이썬 as %ED%8C%8C%EC%9D%B4%EC%8D%AC (its UTF-8 bytes, in hex). The server must decode them back.',
      'URL에는 ASCII만 실을 수 있습니다. 브라우저나 fetch는 파이썬을 %ED%8C%8C%EC%9D%B4%EC%8D%AC(UTF-8 바이트의 16진수)로 보냅니다. 서버가 다시 디코딩해야 합니다.',
    ),
    fix: text("new URL(target, 'http://x').searchParams.get('name') decodes it (and turns '+' into a space).", "new URL(target, 'http://x').searchParams.get('name')이 디코딩해 줍니다('+'도 공백으로 바꿉니다)."),
    section: 'percent-decoding',
  },
  'plus-not-space': {
    summary: text('/hello answered {got} for name={raw}: a "+" in a query is a space.', '/hello가 name={raw}에 {got}(으)로 답했습니다. 쿼리의 "+"는 공백입니다.'),
    cause: text(
      "decodeURIComponent leaves '+' alone, but forms (and URLSearchParams) encode a space as '+' in a query string, and a real '+' as %2B.",
      "decodeURIComponent는 '+'를 그대로 두지만, 폼(과 URLSearchParams)은 쿼리 문자열에서 공백을 '+'로, 진짜 '+'는 %2B로 인코딩합니다.",
    ),
    fix: text("Use URLSearchParams (new URL(...).searchParams), not decodeURIComponent.", "decodeURIComponent 대신 URLSearchParams(new URL(...).searchParams)를 쓰세요."),
    section: 'percent-decoding',
  },
  'server-crashed': {
    summary: text('Your server ended ({how}) after {req}.', '{req} 뒤에 서버가 끝났습니다({how}).'),
    cause: text(
      "An exception in a 'data' handler ends the whole server: decodeURIComponent('%zz') throws URIError, and so does code that assumes a header or a line is there.",
      "'data' 핸들러 안의 예외 하나가 서버 전체를 끝냅니다. decodeURIComponent('%zz')는 URIError를 던지고, 헤더나 줄이 있으리라 가정한 코드도 마찬가지입니다.",
    ),
    fix: text("Validate before you use; a malformed request gets 400 and a close, never an exception. URLSearchParams never throws on bad '%'.", "쓰기 전에 확인하세요. 형식이 틀린 요청은 예외가 아니라 400과 종료로 답합니다. URLSearchParams는 잘못된 '%'에 예외를 던지지 않습니다."),
    section: 'bad-requests',
  },
  'missing-allow': {
    summary: text('The 405 response to {req} has no "Allow: {want}" header.', '{req}에 대한 405 응답에 "Allow: {want}" 헤더가 없습니다.'),
    cause: text('A 405 must say which methods the resource does take (RFC 9110 §15.5.6).', '405는 그 자원이 받는 메서드를 알려야 합니다(RFC 9110 §15.5.6).'),
    fix: text('Add `Allow: GET` (for / and /hello) or `Allow: POST` (for /echo and /form).', '`Allow: GET`(/, /hello) 또는 `Allow: POST`(/echo, /form)를 붙이세요.'),
    section: 'the-routes',
  },
  'echo-not-byte-exact': {
    summary: text('POST /echo of {n} bytes came back different: {what}.', '{n}바이트를 POST /echo했더니 다르게 돌아왔습니다: {what}.'),
    cause: text(
      "The body is bytes, not text: socket.setEncoding('utf8') or chunk.toString() turns bytes that are not UTF-8 (and a character cut between chunks) into U+FFFD.",
      "본문은 글자가 아니라 바이트입니다. socket.setEncoding('utf8')이나 chunk.toString()은 UTF-8이 아닌 바이트(와 덩어리 사이에서 잘린 글자)를 U+FFFD로 바꿉니다.",
    ),
    fix: text('Keep the connection\'s data as Buffers end to end and write the body Buffer back as it is.', '연결의 데이터를 처음부터 끝까지 Buffer로 다루고 본문 Buffer를 그대로 돌려 쓰세요.'),
    section: 'bytes',
  },
  'connection-not-closed': {
    summary: text('After the response to {req} the connection stayed open for {ms} ms; the server must close it.', '{req}에 대한 응답 뒤에도 연결이 {ms}ms 동안 열려 있었습니다. 서버가 닫아야 합니다.'),
    cause: text(
      'A request with "Connection: close", an HTTP/1.0 request, and every error that ends the connection (400, 411, 413, 431, 501) mean: answer, then close.',
      '"Connection: close"가 있는 요청, HTTP/1.0 요청, 그리고 연결을 끝내는 모든 오류(400, 411, 413, 431, 501)는 답하고 닫으라는 뜻입니다.',
    ),
    fix: text('socket.end() right after writing that response, and ignore whatever else arrives.', '그 응답을 쓴 바로 뒤에 socket.end()를 하고, 그 뒤에 오는 것은 무시하세요.'),
    section: 'keep-alive',
  },
  'no-connection-close-header': {
    summary: text('The server closed after the response to {req} but did not say "Connection: close" in it.', '{req}에 대한 응답 뒤에 서버가 닫았지만 응답에 "Connection: close"가 없었습니다.'),
    cause: text(
      'A client that sees no "Connection: close" may reuse the connection for its next request, and that request then fails.',
      '"Connection: close"를 보지 못한 클라이언트는 다음 요청에 그 연결을 다시 쓸 수 있고, 그 요청은 실패합니다.',
    ),
    fix: text('Add "Connection: close" to every response after which you close.', '응답 뒤에 닫을 때는 그 응답에 "Connection: close"를 넣으세요.'),
    section: 'keep-alive',
  },
  'extra-bytes': {
    summary: text('After the responses the server sent {n} more bytes nobody asked for: {bytes}', '응답들 뒤에 서버가 아무도 요청하지 않은 {n}바이트를 더 보냈습니다: {bytes}'),
    cause: text(
      'Bytes past Content-Length are read as the next response, and break it; or one request was answered twice.',
      'Content-Length를 넘는 바이트는 다음 응답으로 읽혀 그것을 망가뜨립니다. 또는 요청 하나에 두 번 답했습니다.',
    ),
    fix: text('Exactly one response per request, with the body Content-Length says and nothing after it.', '요청마다 정확히 응답 하나, Content-Length가 말하는 본문만, 그 뒤에는 아무것도.'),
    section: 'content-length',
  },
  'form-not-escaped': {
    summary: text('In Chromium the greeting reads {got}: the name\'s "<b>" became markup.', 'Chromium에서 인사말이 {got}(으)로 보입니다. 이름의 "<b>"가 마크업이 되었습니다.'),
    cause: text(
      'Text put into HTML must be escaped: a name containing <script> would run in the visitor\'s browser (cross-site scripting).',
      'HTML에 넣는 글자는 이스케이프해야 합니다. 이름에 <script>가 들어 있으면 방문자의 브라우저에서 실행됩니다(크로스 사이트 스크립팅).',
    ),
    fix: text("Replace & < > \" ' by &amp; &lt; &gt; &quot; &#39; before you put the name into the page.", "이름을 페이지에 넣기 전에 & < > \" '를 &amp; &lt; &gt; &quot; &#39;로 바꾸세요."),
    section: 'the-browser',
  },
  'browser-failed': {
    summary: text('Chromium could not {step}: {err}', 'Chromium이 {step} 못했습니다: {err}'),
    cause: text(
      'A browser sends more headers than our other clients (Accept, User-Agent, Origin, Cache-Control…), keeps connections open and may send the form over a connection it used before.',
      '브라우저는 다른 클라이언트보다 헤더를 많이 보내고(Accept, User-Agent, Origin, Cache-Control…), 연결을 열어 두며, 폼을 이전에 쓴 연결로 보낼 수 있습니다.',
    ),
    fix: text('Run your server and open http://127.0.0.1:8080/ in a browser: submit the form and look at the developer tools\' Network tab.', '서버를 띄우고 브라우저에서 http://127.0.0.1:8080/을 열어 폼을 보내 보고, 개발자 도구의 Network 탭을 보세요.'),
    section: 'the-browser',
  },
  'curl-failed': {
    summary: text('curl {args} failed: exit code {code} ({meaning}).', 'curl {args}이(가) 실패했습니다: 종료 코드 {code}({meaning}).'),
    cause: text('curl is lenient: a response it cannot read at all is badly broken.', 'curl은 관대합니다. curl조차 읽지 못하는 응답은 심하게 깨져 있습니다.'),
    fix: text('Run the same curl by hand with -v and read what it says about the response.', '같은 curl을 -v와 함께 직접 실행해 응답에 대해 뭐라고 하는지 읽어 보세요.'),
    section: 'curl',
  },
  'curl-wrong-answer': {
    summary: text('curl {args} printed {got}; expected {want}.', 'curl {args}이(가) {got}을(를) 출력했습니다. 기대한 것은 {want}입니다.'),
    cause: text('curl read a response, but not the one the routes table says.', 'curl이 응답을 읽었지만, 경로 표가 말하는 응답이 아닙니다.'),
    fix: text('Run the same curl by hand with -i to see the status and headers.', '같은 curl을 -i와 함께 직접 실행해 상태와 헤더를 보세요.'),
    section: 'curl',
  },
  'only-curl-accepts': {
    summary: text('curl accepted the response to {req}, but fetch rejected it: {err}.', 'curl은 {req}에 대한 응답을 받아 주었지만, fetch는 거부했습니다: {err}.'),
    cause: text(
      'curl is lenient (it takes a bare "\\n" for "\\r\\n", a space before a colon, a missing length on close); Node\'s fetch follows the HTTP/1.1 grammar strictly, like most servers, proxies and load balancers between you and a user. A response only curl accepts is a broken response.',
      'curl은 관대합니다("\\r\\n" 대신 "\\n", 콜론 앞의 공백, 닫을 때 길이 없음도 받아 줍니다). Node의 fetch는 사용자와 나 사이에 있는 대부분의 서버, 프록시, 로드 밸런서처럼 HTTP/1.1 문법을 엄격히 따릅니다. curl만 받아 주는 응답은 깨진 응답입니다.',
    ),
    fix: text('Make fetch happy: it is the ground truth here. See README "CRLF" and "Content-Length".', 'fetch가 받아 주게 만드세요. 여기서는 fetch가 기준입니다. README "CRLF"와 "Content-Length"를 보세요.'),
    section: 'curl',
  },
  'errors-under-load': {
    summary: text('Under load (autocannon, {c} connections) {bad} of {total} requests failed: {detail}.', '부하 아래에서(autocannon, 연결 {c}개) 요청 {total}개 중 {bad}개가 실패했습니다: {detail}.'),
    cause: text(
      'Many requests on each kept-alive connection, back to back: a server that mixes up requests on one connection, leaks state between connections, or closes without saying so fails some of them.',
      '연결마다 유지된 채로 요청이 연달아 많이 옵니다. 한 연결의 요청들을 뒤섞거나, 연결 사이에 상태가 새거나, 말없이 닫는 서버는 그중 일부에 실패합니다.',
    ),
    fix: text('Keep every piece of per-request state inside the connection handler, and reset it after each response.', '요청마다의 상태를 모두 연결 핸들러 안에 두고, 응답마다 초기화하세요.'),
    section: 'under-load',
  },
});

export type Reason = keyof typeof mistakes;
export type Ctx = ScenarioContext<Reason>;
