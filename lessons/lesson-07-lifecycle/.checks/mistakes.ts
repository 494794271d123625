/**
 * Lesson 07 — every failure its checks can report, once, in both languages. The scenarios
 * (checks.ts) and their steps (steps.ts) only name a reason and give its facts.
 */
import { text } from '../../../src/i18n.ts';
import { defineMistakes } from '../../../src/checks/mistakes.ts';

export const mistakes = defineMistakes({
  'crashed-write-after-end': {
    summary: text('Your server stopped {during}: {how}.', '{during} 서버가 멈췄습니다: {how}.'),
    cause: text(
      'Something wrote to a socket that had already been ended: a SLOW timer (or a reply to a late line) fired after the idle timeout, QUIT or the peer had ended the connection. Writing after end() is an error, and an error nobody handles ends the process.',
      '이미 끝낸(end) 소켓에 무언가를 썼습니다. 유휴 타임아웃, QUIT, 또는 상대의 종료 뒤에 SLOW 타이머(또는 늦게 온 줄에 대한 답)가 실행된 것입니다. end() 뒤의 write는 오류이고, 아무도 처리하지 않는 오류는 프로세스를 끝냅니다.',
    ),
    fix: text(
      "Check before every late write: if (!socket.writable) return; — and clear a connection's timers in its 'close' handler.",
      "늦게 쓰는 곳마다 먼저 확인하세요: if (!socket.writable) return; 그리고 연결의 타이머는 'close' 핸들러에서 정리하세요.",
    ),
    section: 'late-writes',
  },
  'crashed-on-reset': {
    summary: text('Your server stopped {during}: {how}.', '{during} 서버가 멈췄습니다: {how}.'),
    cause: text(
      "A client reset its connection (RST). Node reports that as an 'error' event on that socket, and an 'error' event with no listener throws: one rude client took the whole server down, with every other client on it.",
      "클라이언트가 연결을 리셋(RST)했습니다. Node는 이를 그 소켓의 'error' 이벤트로 알리는데, 리스너가 없는 'error' 이벤트는 예외가 됩니다. 무례한 클라이언트 하나가 다른 모든 클라이언트와 함께 서버 전체를 쓰러뜨린 것입니다.",
    ),
    fix: text(
      "Give every socket an 'error' listener: socket.on('error', (err) => console.log(err.code)). 'close' still follows, so clean up there.",
      "모든 소켓에 'error' 리스너를 다세요: socket.on('error', (err) => console.log(err.code)). 그 뒤에도 'close'는 오므로 정리는 거기서 하면 됩니다.",
    ),
    section: 'errors',
  },
  'crashed-on-epipe': {
    summary: text('Your server stopped {during}: {how}.', '{during} 서버가 멈췄습니다: {how}.'),
    cause: text(
      "Your server wrote to a connection the peer had already closed (EPIPE: broken pipe). Node reports it as an 'error' event; with no listener, the process ends.",
      "상대가 이미 닫은 연결에 서버가 썼습니다(EPIPE: broken pipe). Node는 이를 'error' 이벤트로 알리고, 리스너가 없으면 프로세스가 끝납니다.",
    ),
    fix: text(
      "Add socket.on('error', …) on every socket, and check socket.writable before late writes.",
      "모든 소켓에 socket.on('error', …)를 달고, 늦게 쓰기 전에는 socket.writable을 확인하세요.",
    ),
    section: 'errors',
  },
  'no-reply': {
    summary: text('Your server did not answer {cmd} with {exp} ({when}).', '서버가 {cmd}에 {exp}(으)로 답하지 않았습니다({when}).'),
    cause: text(
      "The commands are lesson 06's. If they worked there, look at what runs before them: a 'data' handler that ignores input after the socket ended, or a socket closed too early.",
      "명령은 레슨 06과 같습니다. 거기서 동작했다면 그 앞에서 실행되는 코드를 보세요. 소켓이 끝난 뒤의 입력을 무시하는 'data' 핸들러, 또는 너무 일찍 닫힌 소켓이 있을 수 있습니다.",
    ),
    section: 'the-exchange',
  },
  'wrong-reply': {
    summary: text('In a generated exchange (below) your server answered {got} where the protocol says {exp}.', '만들어 낸 주고받기(아래)에서 서버가 프로토콜의 {exp} 대신 {got}(으)로 답했습니다.'),
    cause: text(
      'The smallest exchange the checker found that your server answers wrongly: each line gets its own reply, in order, whatever pieces the bytes came in, and a SLOW reply comes only when its time is up.',
      '검사기가 찾은, 서버가 틀리게 답하는 가장 작은 주고받기입니다. 바이트가 어떤 조각으로 오든 줄마다 자기 답이 순서대로 가고, SLOW의 답은 시간이 다 되었을 때만 갑니다.',
    ),
    section: 'the-exchange',
  },
  'utf8-cut-decoded': {
    summary: text('In a generated exchange (below) a character cut between two writes came back broken: {got} where the protocol says {exp}.', '만들어 낸 주고받기(아래)에서 두 write 사이에서 잘린 글자가 깨져서 돌아왔습니다. 프로토콜대로라면 {exp}여야 하는데 {got}이(가) 왔습니다.'),
    cause: text(
      "A character's bytes came in two 'data' events and each chunk was decoded on its own (chunk.toString()): each half became U+FFFD (�). Typed by hand, a line comes in one chunk and looks right.",
      "한 글자의 바이트가 'data' 이벤트 두 번에 나뉘어 왔는데 덩어리마다 따로 디코딩(chunk.toString())했습니다. 반쪽마다 U+FFFD(�)가 되었습니다. 손으로 입력하면 줄이 한 덩어리로 와서 멀쩡해 보입니다.",
    ),
    fix: text(
      "Frame on bytes and decode each complete line, or call socket.setEncoding('utf8') once: it keeps a cut character until the rest arrives.",
      "바이트로 줄을 나눈 뒤 완성된 줄마다 디코딩하거나, socket.setEncoding('utf8')을 한 번 호출하세요. 잘린 글자를 나머지가 올 때까지 보관해 줍니다.",
    ),
    section: 'the-exchange',
  },
  'slow-reply-timing': {
    summary: text('"SLOW {ms}" was answered {got} ms after it was sent.', '"SLOW {ms}"에 보낸 지 {got}ms 뒤에 답이 왔습니다.'),
    cause: text(
      'DONE comes <ms> milliseconds after the request: not before (a timer never fires early), and not much later (a timer started late, or one shared by all requests).',
      'DONE은 요청 <ms>밀리초 뒤에 옵니다. 그보다 일찍 올 수 없고(타이머는 일찍 울리지 않습니다), 훨씬 늦어서도 안 됩니다(늦게 건 타이머, 또는 모든 요청이 함께 쓰는 타이머).',
    ),
    fix: text('One setTimeout(…, ms) per SLOW request, started when its line arrives.', 'SLOW 요청마다 그 줄이 왔을 때 setTimeout(…, ms)을 하나씩 거세요.'),
    section: 'the-exchange',
  },
  'answered-after-end': {
    summary: text('After your server had ended the connection ({why}), it still sent {got}.', '서버가 연결을 끝낸 뒤({why})에도 {got}을(를) 보냈습니다.'),
    cause: text(
      'Once the server has ended a connection it answers nothing more on it: lines that come later are ignored and SLOW replies still pending are dropped.',
      '서버가 연결을 끝낸 뒤에는 그 연결에 더 답하지 않습니다. 나중에 온 줄은 무시하고, 아직 남은 SLOW 답장은 버립니다.',
    ),
    fix: text("if (!socket.writable) return; at the top of the 'data' handler and before every late write.", "'data' 핸들러 맨 앞과 늦게 쓰는 곳마다 if (!socket.writable) return;"),
    section: 'late-writes',
  },
  'no-idle-timeout': {
    summary: text('After {s} s without input your server had not sent "ERR idle timeout\\n": {got}.', '입력 없이 {s}초가 지났는데도 서버가 "ERR idle timeout\\n"을 보내지 않았습니다: {got}.'),
    cause: text(
      "There is no idle timeout, or its handler does not act. socket.setTimeout(ms) only NOTIFIES: it emits 'timeout' and leaves the connection exactly as it was. Nothing is sent or closed unless your handler does it; and a pending SLOW does not stop the idle clock. The clock starts when the connection opens, not with the first input: a client that never sends a byte is silent too.",
      "유휴 타임아웃이 없거나, 핸들러가 아무 일도 하지 않습니다. socket.setTimeout(ms)는 알려 주기만 합니다. 'timeout' 이벤트를 내보낼 뿐 연결은 그대로 둡니다. 핸들러가 직접 하지 않으면 아무것도 보내지도, 닫지도 않습니다. 대기 중인 SLOW가 있어도 유휴 시계는 멈추지 않습니다. 시계는 첫 입력이 아니라 연결이 열릴 때 시작합니다. 한 바이트도 보내지 않는 클라이언트도 침묵하는 것입니다.",
    ),
    fix: text(
      "socket.setTimeout(1000); socket.on('timeout', () => socket.end('ERR idle timeout\\n'));",
      "socket.setTimeout(1000); socket.on('timeout', () => socket.end('ERR idle timeout\\n'));",
    ),
    section: 'idle-timeouts',
  },
  'idle-closed-without-message': {
    summary: text('Your server closed the idle connection ({how}) without sending "ERR idle timeout\\n".', '서버가 "ERR idle timeout\\n"을 보내지 않고 유휴 연결을 닫았습니다({how}).'),
    cause: text(
      'The peer must learn why it was disconnected. destroy() closes at once and throws away writes still queued; it also sends no line of its own.',
      '상대는 왜 끊겼는지 알아야 합니다. destroy()는 즉시 닫으면서 아직 큐에 남은 쓰기를 버리고, 스스로 아무 줄도 보내지 않습니다.',
    ),
    fix: text("socket.end('ERR idle timeout\\n') — end(data) writes, flushes, then sends FIN.", "socket.end('ERR idle timeout\\n') — end(data)는 쓰고, 다 내보낸 뒤 FIN을 보냅니다."),
    section: 'closing-three-ways',
  },
  'wrong-idle-message': {
    summary: text('Expected "ERR idle timeout\\n" after the silence; got {got}.', '침묵 뒤에 "ERR idle timeout\\n"을 기대했는데 {got}이(가) 왔습니다.'),
    cause: text('The idle message is exactly "ERR idle timeout", on a line of its own, ended by a newline: the client reads lines.', '유휴 메시지는 정확히 "ERR idle timeout"이고, 한 줄을 차지하며 줄바꿈으로 끝납니다. 클라이언트는 줄 단위로 읽습니다.'),
    fix: text("socket.end('ERR idle timeout\\n') — end(data) writes, flushes, then sends FIN.", "socket.end('ERR idle timeout\\n') — end(data)는 쓰고, 다 내보낸 뒤 FIN을 보냅니다."),
    section: 'the-exchange',
  },
  'idle-too-early': {
    summary: text('Your server timed the connection out after only {s} s of silence.', '서버가 겨우 {s}초 동안의 침묵 뒤에 연결을 타임아웃시켰습니다.'),
    cause: text(
      'The idle clock must count from the last input. A timer started once when the client connected, or a shorter value, cuts off clients that are still talking.',
      '유휴 시계는 마지막 입력부터 세야 합니다. 접속할 때 한 번 시작한 타이머나 더 짧은 값은 아직 말하고 있는 클라이언트를 끊어 버립니다.',
    ),
    fix: text('socket.setTimeout(1000) restarts its clock on every read and write by itself.', 'socket.setTimeout(1000)은 읽고 쓸 때마다 스스로 시계를 다시 시작합니다.'),
    section: 'idle-timeouts',
  },
  'idle-no-fin': {
    summary: text('Your server sent "ERR idle timeout\\n" but did not close the connection.', '서버가 "ERR idle timeout\\n"을 보냈지만 연결을 닫지 않았습니다.'),
    cause: text(
      'write() only sends. The idle connection is still open: it still counts, holds memory and a file descriptor, and the client may wait forever for more.',
      'write()는 보내기만 합니다. 유휴 연결이 여전히 열려 있어서 계속 자리를 차지하고, 메모리와 파일 디스크립터를 붙잡으며, 클라이언트는 뭔가 더 오기를 영원히 기다릴 수 있습니다.',
    ),
    fix: text("Use socket.end('ERR idle timeout\\n'): the message, then FIN.", "socket.end('ERR idle timeout\\n')을 쓰세요. 메시지를 보내고 나서 FIN을 보냅니다."),
    section: 'closing-three-ways',
  },
  'idle-destroyed-not-ended': {
    summary: text('Your server destroyed the idle connection instead of ending it: {what}.', '서버가 유휴 연결을 끝내지(end) 않고 파괴(destroy)했습니다: {what}.'),
    cause: text(
      'destroy() closes both directions at once and throws away writes still queued — on a busy connection the peer never sees your message — and an RST tells the peer "something broke". Or a reply written after your end() raised ERR_STREAM_WRITE_AFTER_END, which destroys the socket.',
      'destroy()는 양방향을 즉시 닫고 아직 큐에 남은 쓰기를 버립니다. 바쁜 연결에서는 상대가 메시지를 끝내 못 보고, RST는 상대에게 "뭔가 고장 났다"고 알립니다. 또는 end() 뒤에 쓴 답장이 ERR_STREAM_WRITE_AFTER_END를 일으켜 소켓이 파괴되었을 수도 있습니다.',
    ),
    fix: text(
      "socket.end('ERR idle timeout\\n') (half-close: FIN after the message), ignore input once !socket.writable, and destroy() only if the peer has not closed 500 ms later.",
      "socket.end('ERR idle timeout\\n')(반닫기: 메시지 뒤에 FIN)를 쓰고, !socket.writable이면 입력을 무시하고, 500ms 뒤에도 상대가 닫지 않았을 때만 destroy()하세요.",
    ),
    section: 'closing-three-ways',
  },
  'idle-timer-not-reset': {
    summary: text('Your server timed out a client that had sent PING every 0.3 s ({s} s after it connected).', '0.3초마다 PING을 보낸 클라이언트를 서버가 타임아웃시켰습니다(접속 {s}초 뒤).'),
    cause: text(
      'The idle clock must restart on every input. A plain setTimeout(…, 1000) started once when the client connects fires 1 s later however busy the client is.',
      '유휴 시계는 입력이 올 때마다 다시 시작해야 합니다. 접속할 때 한 번 건 setTimeout(…, 1000)은 클라이언트가 아무리 바빠도 1초 뒤에 실행됩니다.',
    ),
    fix: text(
      "Use socket.setTimeout(1000) (it restarts by itself on every read and write), or clearTimeout and start again in your 'data' handler.",
      "socket.setTimeout(1000)을 쓰세요(읽기·쓰기마다 스스로 다시 시작합니다). 아니면 'data' 핸들러에서 clearTimeout 후 다시 거세요.",
    ),
    section: 'idle-timeouts',
  },
  'reply-lost-after-half-close': {
    summary: text('{who} sent {req} and then FIN ({call}): {exp} never came.', '{who}이(가) {req}을(를) 보내고 FIN({call})을 보냈는데 {exp}이(가) 오지 않았습니다.'),
    cause: text(
      "Real clients half-close: they send their request, then FIN, and wait for the answer. By default (allowHalfOpen: false) Node answers the peer's FIN by ending your side at once, and the reply written later is silently dropped. Calling end() yourself in 'end' does the same. A FIN only means \"I will send nothing more\", not \"I stopped listening\".",
      "실제 클라이언트는 반닫기를 합니다. 요청을 보내고 FIN을 보낸 뒤 답을 기다립니다. 기본값(allowHalfOpen: false)에서 Node는 상대의 FIN을 받으면 곧바로 내 쪽도 끝내 버리고, 나중에 쓴 답장은 소리 없이 버려집니다. 'end'에서 직접 end()를 불러도 마찬가지입니다. FIN은 \"더 보낼 것이 없다\"는 뜻이지 \"더 듣지 않겠다\"는 뜻이 아닙니다.",
    ),
    fix: text(
      "net.createServer({ allowHalfOpen: true }, …), and in 'end' call socket.end() only when no reply is pending (else after the last one).",
      "net.createServer({ allowHalfOpen: true }, …)로 만들고, 'end'에서는 보낼 답장이 남아 있지 않을 때만 socket.end()를 부르세요(남아 있으면 마지막 답장 뒤에).",
    ),
    section: 'half-open',
  },
  'no-end-after-half-close': {
    summary: text('The client had sent FIN, but after the last reply it was owed your server did not close its side: {got}.', '클라이언트가 이미 FIN을 보냈는데도 서버가 남은 마지막 답장 뒤에 자기 쪽을 닫지 않았습니다: {got}.'),
    cause: text(
      "With allowHalfOpen: true Node no longer ends your side when the peer's FIN comes: that is now your job. Waiting for the idle timeout leaves a finished client hanging for a second and sends it a needless error.",
      "allowHalfOpen: true이면 상대의 FIN이 와도 Node가 내 쪽을 끝내 주지 않습니다. 이제 그건 여러분의 일입니다. 유휴 타임아웃까지 기다리면 할 일을 마친 클라이언트를 1초 동안 붙잡아 두고, 쓸데없는 오류까지 보내게 됩니다.",
    ),
    fix: text("Remember the peer's 'end'; after writing the last pending reply, call socket.end().", "상대의 'end'를 기억해 두었다가, 남은 마지막 답장을 쓴 뒤 socket.end()를 부르세요."),
    section: 'half-open',
  },
  'no-hard-deadline': {
    summary: text("{s} s after your FIN the stubborn client's connection was still open (COUNT = {n}).", 'FIN을 보내고 {s}초가 지나도 고집 센 클라이언트의 연결이 열려 있었습니다(COUNT = {n}).'),
    cause: text(
      "end() only closes YOUR half. A peer that never closes its half keeps the connection — its memory, its file descriptor, and server.close() — alive forever. Keep-alive probes won't help: the peer's machine is fine, it just won't hang up.",
      'end()는 내 쪽 절반만 닫습니다. 자기 쪽을 닫지 않는 상대는 연결과 그 메모리, 파일 디스크립터, 그리고 server.close()까지 영원히 붙잡아 둡니다. keepalive 탐지도 소용없습니다. 상대 컴퓨터는 멀쩡하고, 그저 끊지 않을 뿐이니까요.',
    ),
    fix: text(
      "After socket.end(…), start a deadline: const t = setTimeout(() => socket.destroy(), 500); clear it in 'close'. Not another socket.setTimeout: a chatty peer keeps resetting that one.",
      "socket.end(…) 뒤에 마감 시간을 거세요: const t = setTimeout(() => socket.destroy(), 500); 'close'에서 해제합니다. socket.setTimeout을 다시 쓰면 안 됩니다. 계속 말하는 상대가 그 시계를 계속 되돌립니다.",
    ),
    section: 'hard-deadline',
  },
  'count-leak': {
    summary: text('{when}, COUNT said {c} instead of 1.', '{when} COUNT가 1이 아니라 {c}였습니다.'),
    cause: text(
      "Connections that ended with an RST (or that you destroyed) never emit 'end' — only 'close': 'end' means the peer sent FIN. Forgetting connections in 'end' leaks one entry per such connection, forever.",
      "RST로 끝난 연결(또는 직접 destroy()한 연결)은 'end'를 내보내지 않고 'close'만 내보냅니다. 'end'는 상대가 FIN을 보냈다는 뜻이기 때문입니다. 'end'에서 연결을 지우면 그런 연결마다 하나씩 영원히 새어 나갑니다.",
    ),
    fix: text("Remove the socket (and clear its timers) in socket.on('close', …): it comes exactly once, however the connection ends.", "socket.on('close', …)에서 소켓을 지우고 타이머도 정리하세요. 연결이 어떻게 끝나든 정확히 한 번 옵니다."),
    section: 'the-events',
  },
  'memory-grows': {
    summary: text("Your server's memory grew by {d} MiB over {n} short connections.", '짧은 연결 {n}개 동안 서버의 메모리가 {d}MiB 늘었습니다.'),
    cause: text(
      'Something is kept for every connection and never released: a socket or buffer in a module-level collection, or a timer (setInterval) never cleared, which keeps its closure alive.',
      '연결마다 무언가가 남고 해제되지 않습니다. 모듈 수준 컬렉션에 든 소켓이나 버퍼, 또는 해제하지 않은 타이머(setInterval)가 클로저를 붙잡고 있을 수 있습니다.',
    ),
    fix: text("Release everything a connection owns in its 'close' handler.", "연결이 가진 것은 모두 그 연결의 'close' 핸들러에서 놓아 주세요."),
    section: 'the-events',
  },
  'stopped-accepting': {
    summary: text('After {n} connections your server refused new ones.', '연결 {n}개 뒤에 서버가 새 연결을 거부했습니다.'),
    cause: text('The server is running but no longer accepts: did it close its listening socket?', '서버는 실행 중이지만 더 이상 연결을 받지 않습니다. 리스닝 소켓을 닫았나요?'),
    section: 'the-exchange',
  },
});

export type Reason = keyof typeof mistakes;
