/**
 * Lesson 12 — every failure its checks can report, once, in both languages. The scenarios and
 * steps name a reason and give its facts (`vars`, expected, actual); the words are here.
 */
import { text } from '../../../src/i18n.ts';
import { defineMistakes } from '../../../src/checks/mistakes.ts';

const MEMORY_CAUSE_EN =
  ' The check samples resident memory (RSS) every 25 ms; the baseline is measured after a small transfer, and the bound is the baseline + 96 MiB, far less than the file and far more than the garbage a streaming program leaves between two collections (25–55 MiB).';
const MEMORY_CAUSE_KO = ' 검사는 25ms마다 상주 메모리(RSS)를 잽니다. 기준은 작은 전송 뒤에 잰 값이고, 한도는 기준 + 96MiB로, 파일보다 훨씬 작고 스트리밍 프로그램이 GC 사이에 쌓는 쓰레기(25–55MiB)보다는 훨씬 큽니다.';

export const mistakes = defineMistakes({
  // ── the header, then raw bytes ──
  'body-in-header-chunk-lost': {
    summary: text('Your server never answered {sent}, though the whole body was sent; it answered only after 64 KiB more.', '본문을 다 보냈는데도 서버가 {sent}에 답하지 않았고, 64KiB를 더 보내서야 답했습니다.'),
    cause: text(
      "The first bytes of the body came in the same 'data' chunk as the header line. They were dropped (only the next chunks went to the file), so the server waits for bytes that already came.",
      "본문의 처음 바이트가 헤더 줄과 같은 'data' 덩어리에 왔습니다. 그 바이트를 버리고 다음 덩어리부터 파일에 썼기 때문에, 서버가 이미 받은 바이트를 기다립니다.",
    ),
    fix: text('After the "\\n", the rest of that chunk (chunk.subarray(nl + 1)) is body: write it to the file first.', '"\\n" 뒤에 남은 덩어리(chunk.subarray(nl + 1))는 본문입니다. 그것부터 파일에 쓰세요.'),
    section: 'header-then-bytes',
  },
  'body-decoded-as-text': {
    summary: text('Your server refused or mis-hashed {sent}, whose body is binary: it answered "{got}".', '본문이 바이너리인 {sent}을(를) 서버가 거절하거나 해시를 잘못 계산했습니다: "{got}".'),
    cause: text(
      "The body was turned into text somewhere (socket.setEncoding('utf8'), readline, chunk.toString(), or hashing a string). Bytes that are not UTF-8 become U+FFFD, so the hash and the file change.",
      "본문을 어딘가에서 텍스트로 바꿨습니다(socket.setEncoding('utf8'), readline, chunk.toString(), 문자열 해시). UTF-8이 아닌 바이트는 U+FFFD가 되므로 해시와 파일이 달라집니다.",
    ),
    fix: text('Keep every chunk a Buffer: decode only the header line, and hash and write the body as Buffers.', '덩어리는 모두 Buffer로 두세요. 헤더 줄만 디코딩하고, 본문은 Buffer 그대로 해시하고 쓰세요.'),
    section: 'header-then-bytes',
  },
  'hashed-bytes-after-body': {
    summary: text('Your server answered "{got}" to {sent}: it took the {n} byte(s) after the body as part of the file.', '서버가 {sent}에 "{got}"(으)로 답했습니다. 본문 뒤의 {n}바이트를 파일의 일부로 받았습니다.'),
    cause: text(
      'The last chunk held the end of the body and more. Only `size` bytes belong to the file; counting `received >= size` and writing the whole chunk takes the rest too.',
      '마지막 덩어리에 본문의 끝과 그 뒤의 바이트가 함께 왔습니다. 파일은 `size`바이트뿐인데, `received >= size`만 보고 덩어리를 통째로 쓰면 나머지도 들어갑니다.',
    ),
    fix: text('Take chunk.subarray(0, size - received) of each chunk; the bytes after it are not the file\'s.', '덩어리마다 chunk.subarray(0, size - received)만 받으세요. 그 뒤의 바이트는 파일이 아닙니다.'),
    section: 'header-then-bytes',
  },
  'good-upload-refused': {
    summary: text('Your server answered "{got}" to {sent}, whose checksum is right.', '체크섬이 맞는 {sent}에 서버가 "{got}"(으)로 답했습니다.'),
    cause: text(
      'It hashed other bytes than the body: the header line, some body bytes twice, or the hash was computed before the last chunk was added.',
      '본문이 아닌 바이트를 해시했습니다. 헤더 줄을 넣었거나, 본문 일부를 두 번 넣었거나, 마지막 덩어리를 넣기 전에 해시를 계산했습니다.',
    ),
    fix: text('hash.update(bodyPart) for exactly the bytes you write to the file, and digest once they are all in.', '파일에 쓰는 바이트와 정확히 같은 것만 hash.update(bodyPart)하고, 다 들어온 뒤에 digest하세요.'),
    section: 'checksum',
  },
  'wrong-hash-in-reply': {
    summary: text('Your server answered "{got}" to {sent}; the hash in it is not the SHA-256 of the body.', '서버가 {sent}에 "{got}"(으)로 답했는데, 그 해시가 본문의 SHA-256이 아닙니다.'),
    cause: text('The reply carries the hash the server computed over what it received: it must equal the one in the header.', '응답에는 서버가 받은 것으로 계산한 해시가 들어가야 하고, 헤더의 해시와 같아야 합니다.'),
    fix: text("crypto.createHash('sha256'), update with each body part, then digest('hex') (64 lowercase digits).", "crypto.createHash('sha256')에 본문 조각마다 update하고 digest('hex')(소문자 64자리)하세요."),
    section: 'checksum',
  },
  'bad-checksum-accepted': {
    summary: text('Your server answered "{got}" to {sent}, whose checksum does not match its bytes.', '체크섬이 바이트와 맞지 않는 {sent}에 서버가 "{got}"(으)로 답했습니다.'),
    cause: text('The hash in the header was not compared with the hash of the bytes that came.', '헤더의 해시를 실제로 받은 바이트의 해시와 비교하지 않았습니다.'),
    fix: text('When the last body byte is in: digest, compare with the header\'s; on a difference reply "ERR checksum" and delete the temporary file.', '본문 마지막 바이트가 들어오면 digest해서 헤더의 해시와 비교하고, 다르면 "ERR checksum"으로 답하고 임시 파일을 지우세요.'),
    section: 'checksum',
  },
  'no-reply': {
    summary: text('Your server did not reply to {sent} within {ms} ms.', '서버가 {sent}에 {ms}ms 안에 답하지 않았습니다.'),
    cause: text(
      'The reply was never written, or the server still waits: for more header bytes (it wants the line and the body in one chunk), for more body bytes than the size, or for the client to close.',
      '답을 쓰지 않았거나 서버가 아직 기다립니다. 헤더 바이트를 더(줄과 본문이 한 덩어리로 오길 기대), 크기보다 많은 본문을, 또는 클라이언트가 닫기를 기다립니다.',
    ),
    fix: text('Reply as soon as the header is wrong, or as soon as `size` body bytes are in and the file is closed.', '헤더가 틀리면 바로, 본문 `size`바이트가 다 들어오고 파일을 닫으면 바로 답하세요.'),
    section: 'the-exchange',
  },
  'closed-without-reply': {
    summary: text('Your server closed the connection ({how}) instead of replying to {sent}.', '서버가 {sent}에 답하지 않고 연결을 닫았습니다({how}).'),
    cause: text('Every request gets one reply line before the close, an error too.', '요청마다, 오류라도, 닫기 전에 응답 줄 하나를 보내야 합니다.'),
    fix: text('socket.end(`ERR …\\n`) instead of socket.destroy().', 'socket.destroy() 대신 socket.end(`ERR …\\n`)을 쓰세요.'),
    section: 'the-exchange',
  },
  'wrong-reply': {
    summary: text('Your server answered "{got}" to {sent}; the protocol says "{want}".', '서버가 {sent}에 "{got}"(으)로 답했는데, 프로토콜은 "{want}"입니다.'),
    cause: text('The replies are exact lines (README "The exchange"): the words, single spaces, lowercase hex, one "\\n".', '응답은 정해진 줄입니다(README "주고받기"). 단어, 공백 하나, 소문자 16진수, "\\n" 하나.'),
    section: 'the-exchange',
  },
  'extra-after-reply': {
    summary: text('Your server sent {n} more byte(s) after its reply to {sent}.', '서버가 {sent}에 대한 답 뒤에 {n}바이트를 더 보냈습니다.'),
    cause: text('After the reply line (and, for GET, the file) comes nothing but the close: a log line or a second reply went to the socket.', '응답 줄(GET이면 파일까지) 뒤에는 닫기뿐입니다. 로그 줄이나 두 번째 답이 소켓으로 갔습니다.'),
    fix: text('Log with console.log; write one reply per connection, then socket.end().', '로그는 console.log로 쓰고, 연결마다 답 하나를 쓴 뒤 socket.end()하세요.'),
    section: 'the-exchange',
  },
  'no-close-after-reply': {
    summary: text('Your server replied to {sent} but kept the connection open for {ms} ms.', '서버가 {sent}에 답했지만 {ms}ms 동안 연결을 열어 두었습니다.'),
    cause: text('One request per connection: the client learns that the reply (or the file) is complete from the close.', '연결 하나에 요청 하나입니다. 클라이언트는 닫기를 보고 응답(또는 파일)이 끝났음을 압니다.'),
    fix: text('socket.end(line) for a reply; for a GET, pipeline(file, socket) ends the socket after the last byte.', '응답은 socket.end(line)으로, GET은 pipeline(file, socket)이 마지막 바이트 뒤에 소켓을 끝냅니다.'),
    section: 'the-exchange',
  },
  'short-body-not-noticed': {
    summary: text('Your server did not answer {sent}: the client closed its side, and the server still waits for the rest.', '서버가 {sent}에 답하지 않았습니다. 클라이언트가 자기 쪽을 닫았는데 서버는 아직 나머지를 기다립니다.'),
    cause: text("A FIN ('end') before `size` bytes means the body will never be complete.", "`size`바이트가 오기 전의 FIN('end')은 본문이 끝내 다 오지 않는다는 뜻입니다."),
    fix: text("On 'end' before the body is complete: delete the temporary file and socket.end('ERR size\\n').", "본문이 다 오기 전에 'end'가 오면 임시 파일을 지우고 socket.end('ERR size\\n')하세요."),
    section: 'partial-uploads',
  },
  'reply-lost-after-fin': {
    summary: text('Your server closed after {sent} without the "ERR size" reply.', '서버가 {sent} 뒤에 "ERR size" 응답 없이 닫았습니다.'),
    cause: text(
      "With the default allowHalfOpen: false, Node ends your side as soon as the client's FIN arrives; a reply written after an await (deleting the file) is dropped.",
      "기본값 allowHalfOpen: false에서는 클라이언트의 FIN이 오자마자 Node가 내 쪽도 끝냅니다. await(파일 삭제) 뒤에 쓴 답은 버려집니다.",
    ),
    fix: text('net.createServer({ allowHalfOpen: true }, …), and end() every connection yourself after its reply.', 'net.createServer({ allowHalfOpen: true }, …)로 만들고, 답을 쓴 뒤 연결마다 직접 end()하세요.'),
    section: 'partial-uploads',
  },
  'trusts-size': {
    summary: text('Your server did not refuse {sent}: it waits for the body.', '서버가 {sent}을(를) 거절하지 않고 본문을 기다립니다.'),
    cause: text('A size over 1 GiB (1073741824 bytes) is refused at once, before any body: a client may claim anything.', '1GiB(1073741824바이트)를 넘는 크기는 본문을 받기 전에 바로 거절합니다. 클라이언트는 무엇이든 주장할 수 있습니다.'),
    fix: text("if (size > 1024 ** 3) socket.end('ERR too large\\n') right after the header.", "헤더 바로 뒤에 if (size > 1024 ** 3) socket.end('ERR too large\\n')."),
    section: 'limits',
  },
  'header-unbounded': {
    summary: text('Your server kept reading {n} bytes with no "\\n" instead of refusing the header.', '서버가 "\\n" 없는 {n}바이트를 거절하지 않고 계속 읽었습니다.'),
    cause: text('The header line is at most 1024 bytes, "\\n" included; without a limit a peer fills your memory with one endless line.', '헤더 줄은 "\\n"까지 최대 1024바이트입니다. 한도가 없으면 끝나지 않는 줄 하나로 메모리를 채울 수 있습니다.'),
    fix: text("When 1024 bytes hold no '\\n': socket.end('ERR bad header\\n').", "1024바이트 안에 '\\n'이 없으면 socket.end('ERR bad header\\n')."),
    section: 'limits',
  },

  // ── names ──
  'unsafe-name-accepted': {
    summary: text('Your server accepted the name {name}.', '서버가 이름 {name}을(를) 받아들였습니다.'),
    cause: text(
      'A name is 1–64 characters of A–Z a–z 0–9 . _ - and does not start with "." (so no "..", no hidden files, no "/" or "\\"). path.join(UPLOAD_DIR, "../x") is outside the folder.',
      '이름은 A–Z a–z 0–9 . _ - 로 된 1~64자이고 "."으로 시작하지 않습니다("..", 숨김 파일, "/", "\\" 불가). path.join(UPLOAD_DIR, "../x")는 폴더 밖입니다.',
    ),
    fix: text("Test the name first: /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}$/; otherwise socket.end('ERR bad name\\n').", "이름부터 검사하세요: /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}$/. 아니면 socket.end('ERR bad name\\n')."),
    section: 'safe-names',
  },
  'path-traversal': {
    summary: text('After {sent}, a file appeared outside UPLOAD_DIR: {files}.', '{sent} 뒤에 UPLOAD_DIR 밖에 파일이 생겼습니다: {files}.'),
    cause: text('The name went into path.join unchecked: "../" climbs out of the folder.', '이름을 검사하지 않고 path.join에 넣었습니다. "../"는 폴더 밖으로 올라갑니다.'),
    fix: text('Check the name against the rule before touching the disk.', '디스크를 건드리기 전에 이름을 규칙으로 검사하세요.'),
    section: 'safe-names',
  },
  'path-traversal-read': {
    summary: text('Your server answered "{got}" to {sent}: it served a file from outside UPLOAD_DIR.', '서버가 {sent}에 "{got}"(으)로 답했습니다. UPLOAD_DIR 밖의 파일을 내주었습니다.'),
    cause: text('GET names follow the same rule as PUT names; "../outside.txt" is a file next to the folder.', 'GET의 이름도 PUT과 같은 규칙을 따릅니다. "../outside.txt"는 폴더 옆의 파일입니다.'),
    fix: text("Test the name with the same regular expression; ERR bad name otherwise.", '같은 정규식으로 이름을 검사하고, 아니면 ERR bad name.'),
    section: 'safe-names',
  },

  // ── the folder ──
  'ok-but-not-stored': {
    summary: text('Your server answered OK, but {name} is not in UPLOAD_DIR.', '서버가 OK로 답했지만 UPLOAD_DIR에 {name}이(가) 없습니다.'),
    cause: text('The file went elsewhere (the working folder instead of UPLOAD_DIR), under another name, or was not renamed into place before the reply.', '파일이 다른 곳(UPLOAD_DIR이 아닌 작업 폴더)이나 다른 이름으로 갔거나, 답하기 전에 제자리로 rename되지 않았습니다.'),
    fix: text("path.join(process.env.UPLOAD_DIR ?? 'uploads', name); reply OK only in the rename's callback.", "path.join(process.env.UPLOAD_DIR ?? 'uploads', name)을 쓰고, OK는 rename 콜백 안에서만 보내세요."),
    section: 'partial-uploads',
  },
  'stored-file-differs': {
    summary: text('{name} in UPLOAD_DIR holds {n} bytes, not the {size} bytes that were uploaded.', 'UPLOAD_DIR의 {name}이(가) 업로드한 {size}바이트가 아니라 {n}바이트입니다(또는 내용이 다름).'),
    cause: text('The reply came before the file was complete on disk (not waiting for the write stream to finish), or other bytes went into it (the header, text-decoded chunks, bytes after the body).', '파일이 디스크에 다 쓰이기 전에 답했거나(write 스트림이 끝나길 기다리지 않음), 다른 바이트가 들어갔습니다(헤더, 텍스트로 디코딩한 덩어리, 본문 뒤 바이트).'),
    fix: text('file.end(() => { … rename, then reply … }): the callback runs when every byte is written.', 'file.end(() => { … rename 후 답 … }). 콜백은 모든 바이트가 쓰인 뒤에 불립니다.'),
    section: 'partial-uploads',
  },
  'temp-file-left': {
    summary: text('After a successful upload, UPLOAD_DIR still holds {files}.', '업로드가 성공한 뒤에도 UPLOAD_DIR에 {files}이(가) 남아 있습니다.'),
    cause: text('The temporary file was copied instead of renamed, or a second file was written.', '임시 파일을 rename하지 않고 복사했거나, 파일을 하나 더 썼습니다.'),
    fix: text('fs.rename(temp, final): the temporary file becomes the file.', 'fs.rename(temp, final)로 임시 파일이 곧 그 파일이 되게 하세요.'),
    section: 'partial-uploads',
  },
  'failed-upload-left-file': {
    summary: text('After {sent} failed, UPLOAD_DIR holds {files}.', '{sent}이(가) 실패한 뒤 UPLOAD_DIR에 {files}이(가) 있습니다.'),
    cause: text('A failed upload (wrong checksum, short body, refused header) must leave the folder as it was: the partial file was not deleted, or it was written under the final name.', '실패한 업로드(틀린 체크섬, 모자란 본문, 거절한 헤더)는 폴더를 그대로 두어야 합니다. 부분 파일을 지우지 않았거나, 최종 이름으로 바로 썼습니다.'),
    fix: text('Write to a temporary name (".<name>.<random>.part"), fs.rm it on every failure, rename it only on success.', '임시 이름(".<name>.<random>.part")으로 쓰고, 실패하면 언제나 fs.rm, 성공할 때만 rename하세요.'),
    section: 'partial-uploads',
  },
  'failed-upload-replaced-file': {
    summary: text('After {sent} failed, {name} in UPLOAD_DIR is not the file it was.', '{sent}이(가) 실패한 뒤 UPLOAD_DIR의 {name}이(가) 예전 파일이 아닙니다.'),
    cause: text('The upload was written straight over the existing file (createWriteStream(final) truncates it at once); when it failed, the old file was gone.', '업로드를 기존 파일 위에 바로 썼습니다(createWriteStream(final)은 바로 파일을 비웁니다). 실패하자 예전 파일이 사라졌습니다.'),
    fix: text('Write to a temporary file and rename it over the old one only when the checksum is right: rename replaces atomically.', '임시 파일에 쓰고, 체크섬이 맞을 때만 예전 파일 위로 rename하세요. rename은 원자적으로 바꿉니다.'),
    section: 'partial-uploads',
  },
  'partial-left-after-reset': {
    summary: text('2 s after the client reset the upload, UPLOAD_DIR still holds {files}.', '클라이언트가 업로드를 리셋하고 2초가 지나도 UPLOAD_DIR에 {files}이(가) 남아 있습니다.'),
    cause: text("A reset gives 'error' (ECONNRESET) and 'close', never 'end': cleanup only in 'end' never runs.", "리셋은 'error'(ECONNRESET)와 'close'를 주고 'end'는 주지 않습니다. 'end'에서만 정리하면 실행되지 않습니다."),
    fix: text("In 'close': if the upload is not complete, file.destroy() and fs.rm(temp) once the file is closed.", "'close'에서 업로드가 끝나지 않았으면 file.destroy()하고, 파일이 닫힌 뒤 fs.rm(temp)하세요."),
    section: 'partial-uploads',
  },
  'crashed-on-reset': {
    summary: text('Your server crashed when a client reset its upload.', '클라이언트가 업로드를 리셋하자 서버가 죽었습니다.'),
    cause: text("The socket's 'error' event (ECONNRESET) had no listener, or the cleanup threw (an unlink of a file already gone, a write to a destroyed stream).", "소켓의 'error' 이벤트(ECONNRESET)에 리스너가 없었거나, 정리 코드가 예외를 던졌습니다(이미 없는 파일의 unlink, 닫힌 스트림에 write)."),
    fix: text("socket.on('error', …) on every socket; fs.rm(temp, { force: true }, …) does not fail on a missing file.", "모든 소켓에 socket.on('error', …). fs.rm(temp, { force: true }, …)는 없는 파일에도 실패하지 않습니다."),
    section: 'partial-uploads',
  },

  // ── memory ──
  'upload-buffered-in-memory': {
    summary: text('Your server grew to {peak} MiB of memory during a {size} MiB upload: {grew} MiB over its baseline of {base} MiB (the bound is {bound} MiB).', '{size}MiB 업로드 동안 서버 메모리가 {peak}MiB까지 늘었습니다. 기준 {base}MiB보다 {grew}MiB 많습니다(한도 {bound}MiB).'),
    cause: text(
      `The body is kept in memory (chunks pushed to an array, Buffer.concat, then fs.writeFile), or file.write()'s false is ignored so the chunks queue up in the write stream.${MEMORY_CAUSE_EN}`,
      `본문을 메모리에 모았습니다(배열에 push, Buffer.concat 뒤 fs.writeFile). 또는 file.write()의 false를 무시해서 덩어리가 write 스트림에 쌓입니다.${MEMORY_CAUSE_KO}`,
    ),
    fix: text("Write each chunk to an fs.createWriteStream as it comes; when write() returns false, socket.pause() and resume on the file's 'drain'.", "덩어리가 오는 대로 fs.createWriteStream에 쓰고, write()가 false면 socket.pause() 후 파일의 'drain'에서 resume하세요."),
    section: 'backpressure',
  },
  'upload-stalled': {
    summary: text('Your server stopped reading the upload after {sent} of {size} MiB.', '서버가 업로드 {size}MiB 중 {sent}MiB 뒤로 읽기를 멈췄습니다.'),
    cause: text("socket.pause() was called and resume() never came: the 'drain' listener was lost, or added after the drain.", "socket.pause()를 부르고 resume()이 오지 않았습니다. 'drain' 리스너를 잃었거나 drain 뒤에 달았습니다."),
    fix: text("if (!file.write(part)) { socket.pause(); file.once('drain', () => socket.resume()); }", "if (!file.write(part)) { socket.pause(); file.once('drain', () => socket.resume()); }"),
    section: 'backpressure',
  },
  'download-buffered-in-memory': {
    summary: text('Your server grew to {peak} MiB of memory while sending a {size} MiB file to a slow reader: {grew} MiB over its baseline of {base} MiB (the bound is {bound} MiB).', '느린 독자에게 {size}MiB 파일을 보내는 동안 서버 메모리가 {peak}MiB까지 늘었습니다. 기준 {base}MiB보다 {grew}MiB 많습니다(한도 {bound}MiB).'),
    cause: text(
      `The file was read whole (fs.readFile) and written at once, or read as a stream while socket.write()'s false was ignored: everything the reader did not take yet waits in the socket's memory.${MEMORY_CAUSE_EN}`,
      `파일을 통째로 읽어(fs.readFile) 한 번에 썼거나, 스트림으로 읽으면서 socket.write()의 false를 무시했습니다. 독자가 아직 가져가지 않은 것이 모두 소켓의 메모리에서 기다립니다.${MEMORY_CAUSE_KO}`,
    ),
    fix: text("pipeline(fs.createReadStream(file), socket): it waits for 'drain' whenever write() returns false.", "pipeline(fs.createReadStream(file), socket): write()가 false를 줄 때마다 'drain'을 기다립니다."),
    section: 'backpressure',
  },
  'client-buffered-file': {
    summary: text('Your client grew to {peak} MiB of memory uploading a {size} MiB file to a slow server: {grew} MiB over its baseline of {base} MiB (the bound is {bound} MiB).', '느린 서버로 {size}MiB 파일을 올리는 동안 클라이언트 메모리가 {peak}MiB까지 늘었습니다. 기준 {base}MiB보다 {grew}MiB 많습니다(한도 {bound}MiB).'),
    cause: text(
      "The file was read whole (readFileSync / readFile) or streamed while socket.write()'s false was ignored, so the unsent part waits in memory. Here the baseline is the client's memory while it uploads 4 KiB.",
      '파일을 통째로 읽었거나(readFileSync / readFile), 스트림으로 읽으면서 socket.write()의 false를 무시해서 아직 못 보낸 부분이 메모리에서 기다립니다. 여기서 기준은 4KiB를 올릴 때의 클라이언트 메모리입니다.',
    ),
    fix: text("for await (const chunk of fs.createReadStream(file)) { if (!socket.write(chunk)) await once(socket, 'drain'); }", "for await (const chunk of fs.createReadStream(file)) { if (!socket.write(chunk)) await once(socket, 'drain'); }"),
    section: 'backpressure',
  },

  // ── GET ──
  'get-wrong-header': {
    summary: text('Your server answered "{got}" to {sent}; the protocol says "{want}".', '서버가 {sent}에 "{got}"(으)로 답했는데, 프로토콜은 "{want}"입니다.'),
    cause: text('A GET that finds the file replies "OK <size> <sha256hex>\\n", with the size in bytes and the hash of the whole file, then the bytes.', '파일이 있는 GET의 답은 "OK <size> <sha256hex>\\n"(바이트 단위 크기, 파일 전체의 해시), 그다음 바이트입니다.'),
    fix: text('fs.promises.stat(file).size, and the hash streamed through crypto.createHash before sending.', '크기는 fs.promises.stat(file).size, 해시는 보내기 전에 crypto.createHash로 스트림을 흘려 계산하세요.'),
    section: 'the-exchange',
  },
  'get-body-differs': {
    summary: text('The file your server sent for {sent} is {n} bytes or other bytes, not the {size} bytes stored.', '서버가 {sent}에 보낸 파일이 저장된 {size}바이트가 아니라 {n}바이트이거나 다른 바이트입니다.'),
    cause: text("The file was read as text (encoding 'utf8'), cut short (the socket destroyed before the writes flushed), or sent twice.", "파일을 텍스트로 읽었거나('utf8' 인코딩), 쓰기가 다 나가기 전에 소켓을 destroy해서 잘렸거나, 두 번 보냈습니다."),
    fix: text('pipeline(fs.createReadStream(file), socket) with no encoding; it ends the socket after the last byte.', '인코딩 없이 pipeline(fs.createReadStream(file), socket). 마지막 바이트 뒤에 소켓을 끝냅니다.'),
    section: 'backpressure',
  },

  // ── the client ──
  'client-wrong-header': {
    summary: text('Your client sent "{got}" as its header; it should be "{want}".', '클라이언트가 헤더로 "{got}"을(를) 보냈습니다. "{want}"이어야 합니다.'),
    cause: text('The header is "PUT <the file\'s base name> <its size in bytes> <its sha256 in lowercase hex>\\n", before any body byte.', '헤더는 본문보다 먼저 "PUT <파일의 기본 이름> <바이트 단위 크기> <소문자 16진수 sha256>\\n"입니다.'),
    fix: text("path.basename(file), (await fs.promises.stat(file)).size, and the hash of the file streamed through crypto.createHash('sha256').", "path.basename(file), (await fs.promises.stat(file)).size, 그리고 파일을 crypto.createHash('sha256')에 흘려 얻은 해시."),
    section: 'the-client',
  },
  'client-body-differs': {
    summary: text('Your client sent {n} body bytes, or other bytes; the file has {size}.', '클라이언트가 본문을 {n}바이트(또는 다른 바이트) 보냈습니다. 파일은 {size}바이트입니다.'),
    cause: text("The file was read as text, sent twice (once to hash it and once again), or stopped early (socket.end() or exit before the writes flushed).", '파일을 텍스트로 읽었거나, 두 번 보냈거나(해시할 때와 보낼 때), 일찍 멈췄습니다(쓰기가 다 나가기 전에 socket.end()나 종료).'),
    fix: text('Hash in a first pass that writes nothing; send the Buffers of a second fs.createReadStream as they are.', '첫 번째 읽기로는 해시만 하고(아무것도 보내지 않음), 두 번째 fs.createReadStream의 Buffer를 그대로 보내세요.'),
    section: 'the-client',
  },
  'client-hangs': {
    summary: text('Your client did not exit after the reply.', '응답이 온 뒤에도 클라이언트가 끝나지 않았습니다.'),
    cause: text('The socket (or a timer) stays open after the reply line came.', '응답 줄이 온 뒤에도 소켓(이나 타이머)이 열려 있습니다.'),
    fix: text('After printing the reply line, socket.destroy() (or end()); set process.exitCode.', '응답 줄을 출력한 뒤 socket.destroy()(또는 end())하고 process.exitCode를 정하세요.'),
    section: 'the-client',
  },
  'client-wrong-output': {
    summary: text('Your client printed something else than the server\'s reply line.', '클라이언트가 서버의 응답 줄과 다른 것을 출력했습니다.'),
    cause: text('stdout holds exactly the reply line (e.g. "OK <sha256hex>" or "ERR checksum") and nothing else; progress and logs go to stderr. With no reply, stdout stays empty.', '표준 출력에는 응답 줄(예: "OK <sha256hex>", "ERR checksum")만 있어야 합니다. 진행 상황과 로그는 stderr로. 응답이 없으면 표준 출력은 비어 있습니다.'),
    fix: text('console.log(line) once; console.error for the rest.', 'console.log(line)은 한 번만, 나머지는 console.error.'),
    section: 'the-client',
  },
  'client-wrong-exit-code': {
    summary: text('Your client exited with code {got}; it should be {want}.', '클라이언트가 종료 코드 {got}로 끝났습니다. {want}이어야 합니다.'),
    cause: text('Exit code 0 only for "OK <the file\'s own sha256>"; 1 for an ERR reply, a connection closed before the reply, or a file that cannot be read.', '종료 코드 0은 "OK <파일 자신의 sha256>"일 때만, ERR 응답·응답 전에 닫힌 연결·읽을 수 없는 파일은 1입니다.'),
    fix: text("process.exitCode = line === `OK ${sha}` ? 0 : 1; and 1 in 'close' when no reply came.", "process.exitCode = line === `OK ${sha}` ? 0 : 1; 응답이 없었다면 'close'에서 1."),
    section: 'the-client',
  },
  'together-failed': {
    summary: text('Your client and your server did not complete an upload together.', '내 클라이언트와 내 서버가 함께 업로드를 끝내지 못했습니다.'),
    cause: text('Each passed the checker alone, or this is the first failure: see what the client printed and what UPLOAD_DIR holds.', '각자는 검사기와 통과했거나, 이것이 첫 실패입니다. 클라이언트가 출력한 것과 UPLOAD_DIR의 내용을 보세요.'),
    section: 'the-exchange',
  },
  'interop-client-failed': {
    summary: text('The {who} did not get the right answers from your server ({how}).', '{who}이(가) 서버에서 맞는 답을 받지 못했습니다({how}).'),
    cause: text(
      'The Python client sends the header and body with sendall, then shutdown(SHUT_WR) (a FIN after the body), and reads until the close; then it GETs the file back. A server that ends on the FIN before replying, or that needs the header in its own chunk, fails here.',
      'Python 클라이언트는 헤더와 본문을 sendall로 보내고 shutdown(SHUT_WR)(본문 뒤의 FIN)한 뒤 닫힐 때까지 읽고, 그다음 파일을 GET으로 다시 받습니다. FIN을 받고 답하기 전에 끝내거나, 헤더가 따로 오길 기대하는 서버는 여기서 실패합니다.',
    ),
    fix: text('allowHalfOpen: true, and reply once the body is in, whatever the chunks.', 'allowHalfOpen: true로 두고, 덩어리가 어떻게 오든 본문이 다 들어오면 답하세요.'),
    section: 'the-exchange',
  },
});

export type Reason = keyof typeof mistakes;
