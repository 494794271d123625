/**
 * Lesson 05's mistakes table: every failure its checks can report, written once, in both
 * languages. The scenarios and steps name a reason and give its facts; the README explains
 * each id ("Mistakes the checks catch"). The engine's own failures (the client never
 * connected, crashed, printed too much) keep their words in src/checks/.
 */
import { text } from '../../../src/checks/kit.ts';
import { defineMistakes } from '../../../src/checks/mistakes.ts';
import { CLIENT_TIMEOUT_MS } from './model.ts';

export const mistakes = defineMistakes({
  // --- What the client sends ----------------------------------------------------------------
  'no-commands': {
    summary: text('Your client connected but sent no command; {after}.', '클라이언트가 접속했지만 명령을 하나도 보내지 않았습니다. {after}.'),
    cause: text("The commands are written once the connection is up: in net.connect's callback or on 'connect'.", "명령은 연결이 열리면 씁니다. net.connect의 콜백이나 'connect' 이벤트에서요."),
    fix: text("socket.on('connect', () => socket.write(…every command…))", "socket.on('connect', () => socket.write(…모든 명령…))"),
    section: 'pipelining',
  },
  'command-without-newline': {
    summary: text('Your client sent a command without the newline that ends it.', '클라이언트가 명령 끝에 줄바꿈 없이 보냈습니다.'),
    cause: text("The server frames by '\\n': until it sees one, the command is not finished and nothing is answered.", "서버는 '\\n'으로 줄을 나눕니다. 줄바꿈이 오기 전에는 명령이 끝나지 않았으므로 아무 답도 하지 않습니다."),
    fix: text("End every command with '\\n', QUIT included.", "QUIT까지 모든 명령을 '\\n'으로 끝내세요."),
    section: 'the-protocol',
  },
  'wrong-commands': {
    summary: text('Line {n} your client sent is {got}; the command line asked for {want}.', '클라이언트가 보낸 {n}번째 줄은 {got}인데, 명령줄이 요구한 것은 {want}입니다.'),
    cause: text(
      "Every argument is one command, sent exactly as given, in order, one per line, then QUIT, and nothing else. Every line is a command the server answers (an empty line gets ERR empty): one line too many moves every reply after it down one place. With no arguments, commands.join('\\n') + '\\nQUIT\\n' sends just such an empty line.",
      "인자 하나가 명령 하나이며, 받은 그대로 순서대로 한 줄에 하나씩 보내고 그다음 QUIT을 보내야 합니다. 그 밖에는 아무것도 보내지 않습니다. 줄 하나하나가 서버가 답하는 명령이라(빈 줄에는 ERR empty), 줄이 하나 더 있으면 그 뒤의 답이 모두 한 칸씩 밀립니다. 인자가 없을 때 commands.join('\\n') + '\\nQUIT\\n'이 바로 이런 빈 줄을 보냅니다.",
    ),
    fix: text("socket.write(commands.map((c) => `${c}\\n`).join('') + 'QUIT\\n')", "socket.write(commands.map((c) => `${c}\\n`).join('') + 'QUIT\\n')"),
    section: 'the-protocol',
  },
  'no-quit': {
    summary: text('After its {n} command(s), your client sent no QUIT: {got}.', '클라이언트가 명령 {n}개 뒤에 QUIT을 보내지 않았습니다: {got}.'),
    cause: text('QUIT tells the server you are done; its reply BYE tells you every reply has arrived. Without it the exchange never ends cleanly.', 'QUIT은 서버에게 끝났다고 알리고, 그 답인 BYE는 모든 답이 도착했다고 알려 줍니다. QUIT이 없으면 주고받기가 깔끔하게 끝나지 않습니다.'),
    fix: text("Write 'QUIT\\n' right after the last command.", "마지막 명령 바로 뒤에 'QUIT\\n'을 쓰세요."),
    section: 'the-protocol',
  },
  'not-pipelined': {
    summary: text('Your client sent {i} of its {n} lines and then waited: it does not pipeline.', '클라이언트가 {n}줄 중 {i}줄만 보내고 기다렸습니다. 파이프라이닝을 하지 않습니다.'),
    cause: text(
      'This server, like many real ones, reads all it is sent before it answers. A client that waits for a reply before sending the next command waits forever here, and everywhere it pays one round trip per command.',
      '이 서버는 실제 서버 여럿이 그렇듯 받은 것을 다 읽은 뒤에 답합니다. 답을 받아야 다음 명령을 보내는 클라이언트는 여기서 영원히 기다리고, 어디서든 명령마다 왕복 시간을 한 번씩 치릅니다.',
    ),
    fix: text("Write every command (and QUIT) as soon as you are connected; read the replies as they come, in 'data'.", "접속하자마자 모든 명령(과 QUIT)을 쓰고, 답은 'data'에서 오는 대로 읽으세요."),
    section: 'pipelining',
  },

  // --- What the client prints ---------------------------------------------------------------
  'printed-chunks': {
    summary: text('Your client printed the pieces the replies arrived in, not the replies.', '클라이언트가 답이 아니라 답이 도착한 조각을 출력했습니다.'),
    cause: text(
      "TCP delivers a stream of bytes: one 'data' event may hold half a reply, or several. Printing each chunk prints wherever the network happened to cut.",
      "TCP는 바이트의 흐름을 전달합니다. 'data' 이벤트 하나에 답의 절반이 올 수도, 여러 개가 올 수도 있습니다. 덩어리마다 출력하면 네트워크가 우연히 자른 자리대로 출력됩니다.",
    ),
    fix: text("Append each chunk to a buffer; print each complete line (up to '\\n'), and keep the rest for the next chunk.", "덩어리를 버퍼에 이어 붙이고, '\\n'까지의 완전한 줄만 출력한 뒤 나머지는 다음 덩어리를 위해 남겨 두세요."),
    section: 'lines-not-chunks',
  },
  'broken-utf8': {
    summary: text('Your client printed U+FFFD (�): it decoded half a character.', '클라이언트가 U+FFFD(�)를 출력했습니다. 문자의 절반을 디코딩했습니다.'),
    cause: text(
      'A character such as 녕 (3 bytes) or 😀 (4 bytes) was cut between two chunks. chunk.toString() on each chunk turns each half into U+FFFD.',
      '녕(3바이트)이나 😀(4바이트) 같은 문자가 두 덩어리 사이에서 잘렸습니다. 덩어리마다 chunk.toString()을 하면 반쪽마다 U+FFFD가 됩니다.',
    ),
    fix: text(
      "Call socket.setEncoding('utf8') before reading (it holds an incomplete character until the rest arrives), or buffer bytes and decode whole lines.",
      "읽기 전에 socket.setEncoding('utf8')을 호출하거나(불완전한 문자는 나머지가 올 때까지 잡아 둡니다), 바이트를 모아 완전한 줄 단위로 디코딩하세요.",
    ),
    section: 'lines-not-chunks',
  },
  'wrong-output': {
    summary: text('Your client did not print the {n} replies it received, one per line, exactly as they came.', '클라이언트가 받은 답 {n}개를 받은 그대로 한 줄에 하나씩 출력하지 않았습니다.'),
    cause: text(
      'stdout holds exactly the replies to the commands, each on its own line, printed as soon as it is complete (the final BYE may be printed or not): when the exchange breaks later, the user still sees what came back. Nothing else goes to stdout; logs and messages go to stderr (console.error).',
      'stdout에는 명령에 대한 답만, 한 줄에 하나씩, 줄이 완성되는 즉시 나와야 합니다(마지막 BYE는 출력해도 되고 안 해도 됩니다). 그래야 나중에 주고받기가 끊겨도 사용자가 돌아온 답을 볼 수 있습니다. stdout에는 그 밖의 것을 쓰지 않고, 로그와 메시지는 stderr(console.error)로 보냅니다.',
    ),
    fix: text(
      "console.log(line) for each reply, inside the 'data' handler, as it arrives. Remove only the line end ('\\n', and a '\\r' before it), never the spaces a reply starts or ends with (no trim()).",
      "답마다 'data' 핸들러 안에서, 도착하는 대로 console.log(line). 줄 끝('\\n'과 그 앞의 '\\r')만 떼고, 답 앞뒤의 공백은 지우지 마세요(trim() 금지).",
    ),
    section: 'the-protocol',
  },
  'printed-late': {
    summary: text('Reply {n} had arrived {ms} ms earlier, and your client had still not printed it.', '{n}번째 답이 도착하고 {ms}ms가 지났는데 클라이언트가 아직 출력하지 않았습니다.'),
    cause: text(
      'The README asks for each reply to be printed as soon as its line is complete. A client that collects the replies and prints them at the end shows nothing while a slow server is still answering.',
      'README는 답마다 줄이 완성되는 즉시 출력하라고 합니다. 답을 모아 두었다가 끝에 출력하는 클라이언트는 느린 서버가 답하는 동안 아무것도 보여 주지 않습니다.',
    ),
    fix: text("console.log(line) in the 'data' handler, for each complete line, not at the end.", "끝에서가 아니라 'data' 핸들러 안에서, 완성된 줄마다 console.log(line)."),
    section: 'the-protocol',
  },

  // --- Matching replies, the end of the exchange --------------------------------------------
  'stopped-at-echoed-bye': {
    summary: text('Your client stopped at the BYE that answered command {n} (ECHO BYE), before the last replies.', '클라이언트가 {n}번째 명령(ECHO BYE)의 답인 BYE에서 멈춰, 마지막 답들을 놓쳤습니다.'),
    cause: text(
      'A reply says nothing about which command it answers: its position does. Reply 1 answers command 1; only reply N+1 answers QUIT.',
      '답의 내용은 어느 명령의 답인지 알려 주지 않습니다. 알려 주는 것은 순서입니다. 1번째 답은 1번째 명령의 답이고, N+1번째 답만 QUIT의 답입니다.',
    ),
    fix: text('Count the replies: the one numbered commands.length + 1 is the answer to QUIT.', '답을 세세요. commands.length + 1번째 답이 QUIT의 답입니다.'),
    section: 'matching-replies',
  },
  'quit-reply-not-bye': {
    summary: text('The server answered QUIT with {reply}, not BYE, and your client {how}.', '서버가 QUIT에 BYE가 아니라 {reply}(으)로 답했는데, 클라이언트는 {how}.'),
    cause: text(
      'Reply N+1 answers QUIT, and only BYE there means the exchange went as it should. Anything else (ERR …, a reply moved down by a line sent twice, a server speaking another protocol) is a protocol error; exit code 0 would tell a script that calls your client that all went well.',
      'N+1번째 답이 QUIT의 답이고, 그 자리에 BYE가 와야만 주고받기가 제대로 끝난 것입니다. 그 밖의 것(ERR …, 두 번 보낸 줄 때문에 한 칸 밀린 답, 다른 프로토콜을 쓰는 서버)은 프로토콜 오류입니다. 종료 코드 0은 클라이언트를 부르는 스크립트에게 모두 잘 됐다고 알리게 됩니다.',
    ),
    fix: text(
      "For reply N+1: if (line === 'BYE') finish(0); else finish(1, `expected BYE in reply to QUIT, got ${JSON.stringify(line)}`);",
      "N+1번째 답에서: if (line === 'BYE') finish(0); else finish(1, `QUIT의 답으로 BYE를 기대했지만 ${JSON.stringify(line)}이(가) 옴`);",
    ),
    section: 'matching-replies',
  },
  'waits-for-close': {
    summary: text('After BYE your client waited for the server to close: {how}.', 'BYE를 받은 뒤 클라이언트가 서버가 닫기를 기다렸습니다: {how}.'),
    cause: text(
      "BYE is the last reply, and it says so: you need nothing more from the connection, whether or not the server closes it. Waiting for 'end' (or calling socket.end(), which waits for the server's side to close too) leaves the result in the server's hands.",
      "BYE는 마지막 답이고, 스스로 그렇다고 알립니다. 서버가 연결을 닫든 말든 그 연결에서 더 받을 것이 없습니다. 'end'를 기다리거나 socket.end()를 부르면(서버 쪽이 닫히기를 함께 기다립니다) 결과를 서버에게 맡기게 됩니다.",
    ),
    fix: text('Print each reply as it arrives, and on BYE call socket.destroy(): the program then ends with process.exitCode 0.', '답은 올 때마다 출력하고, BYE에서 socket.destroy()를 호출하세요. 그러면 프로그램이 process.exitCode 0으로 끝납니다.'),
    section: 'matching-replies',
  },
  'still-running-after-bye': {
    summary: text('Your client was still running {ms} ms after BYE{and}.', 'BYE{and} 뒤 {ms}ms가 지나도 클라이언트가 실행 중이었습니다.'),
    cause: text(
      'Node exits when nothing is left to wait for: an open socket or a pending timer keeps it alive. (Or the client never saw BYE: it did not send its commands, or it did not count the replies.)',
      'Node는 기다릴 것이 남지 않아야 종료합니다. 열린 소켓이나 남은 타이머가 프로세스를 붙잡습니다. (또는 클라이언트가 BYE를 보지 못했습니다. 명령을 보내지 않았거나 답을 세지 않았습니다.)',
    ),
    fix: text('After BYE call socket.destroy(); set process.exitCode instead of waiting for anything else, and clear your own timers.', 'BYE를 받으면 socket.destroy()를 호출하고, 다른 것을 기다리지 말고 process.exitCode를 정하세요. 직접 만든 타이머는 지우세요.'),
    section: 'exit-codes',
  },
  'unexpected-timeout': {
    summary: text('Your client exited with code 2 (timeout) although the server answered everything.', '서버가 모두 답했는데 클라이언트가 종료 코드 2(타임아웃)로 끝났습니다.'),
    cause: text(
      "Either the timeout is not an idle timeout (it counts from the start, not from the last data), or the 'timeout' event fired after BYE and overwrote the exit code.",
      "타임아웃이 유휴 타임아웃이 아니거나(마지막 데이터가 아니라 시작부터 셈), BYE 뒤에 'timeout' 이벤트가 와서 종료 코드를 덮어썼습니다.",
    ),
    fix: text(`Use socket.setTimeout(${CLIENT_TIMEOUT_MS}); after BYE destroy the socket so no timeout can fire.`, `socket.setTimeout(${CLIENT_TIMEOUT_MS})을 쓰고, BYE 뒤에는 소켓을 destroy해서 타임아웃이 더 오지 않게 하세요.`),
    section: 'timeouts',
  },
  'unexpected-error': {
    summary: text('Your client printed the replies but exited with code {c}.', '클라이언트가 답은 출력했지만 종료 코드 {c}로 끝났습니다.'),
    cause: text(
      "The server closes right after BYE. If the 'end' or 'close' that follows sets exit code 1, a clean exchange looks like a failure.",
      "서버는 BYE 바로 뒤에 닫습니다. 그 뒤에 오는 'end'나 'close'가 종료 코드 1을 정하면 깔끔한 주고받기도 실패처럼 보입니다.",
    ),
    fix: text('Remember that BYE has arrived (a flag), and ignore what happens to the socket after it.', 'BYE가 왔다는 것을 기억해 두고(플래그), 그 뒤 소켓에 일어나는 일은 무시하세요.'),
    section: 'exit-codes',
  },

  // --- Timeouts -----------------------------------------------------------------------------
  'no-timeout': {
    summary: text('The server went silent and your client waited {ms} ms without giving up.', '서버가 침묵했고 클라이언트는 포기하지 않고 {ms}ms를 기다렸습니다.'),
    cause: text(
      'A server that keeps the connection open and sends nothing looks exactly like a slow one. Without a timeout the client waits forever.',
      '연결을 열어 둔 채 아무것도 보내지 않는 서버는 느린 서버와 똑같아 보입니다. 타임아웃이 없으면 클라이언트는 영원히 기다립니다.',
    ),
    fix: text(
      `socket.setTimeout(${CLIENT_TIMEOUT_MS}); socket.on('timeout', () => { process.exitCode = 2; socket.destroy(); })`,
      `socket.setTimeout(${CLIENT_TIMEOUT_MS}); socket.on('timeout', () => { process.exitCode = 2; socket.destroy(); })`,
    ),
    section: 'timeouts',
  },
  'timeout-only-logged': {
    summary: text('Your client noticed the timeout (it printed about it) but kept running for {ms} ms.', '클라이언트가 타임아웃을 알아챘지만(그에 대해 출력함) {ms}ms 동안 계속 실행됐습니다.'),
    cause: text("'timeout' is only a notification: Node does not close the connection for you, so the program goes on waiting.", "'timeout'은 알림일 뿐입니다. Node는 연결을 대신 닫아 주지 않으므로 프로그램은 계속 기다립니다."),
    fix: text("In the 'timeout' handler: console.error(…); process.exitCode = 2; socket.destroy();", "'timeout' 핸들러에서: console.error(…); process.exitCode = 2; socket.destroy();"),
    section: 'timeouts',
  },
  'timeout-too-early': {
    summary: text('Your client gave up {ms} ms after the last reply.', '클라이언트가 마지막 답 뒤 {ms}ms 만에 포기했습니다.'),
    cause: text(
      `The server was still connected, just slow. The client must wait the full ${CLIENT_TIMEOUT_MS} ms of silence before it decides the server is gone.`,
      `서버는 연결된 채 느렸을 뿐입니다. 클라이언트는 서버가 사라졌다고 판단하기 전에 ${CLIENT_TIMEOUT_MS}ms의 침묵을 끝까지 기다려야 합니다.`,
    ),
    fix: text(
      `socket.setTimeout(${CLIENT_TIMEOUT_MS}) counts idle time; exit only from its 'timeout' event (or on 'end'/'error').`,
      `socket.setTimeout(${CLIENT_TIMEOUT_MS})은 유휴 시간을 셉니다. 종료는 그 'timeout' 이벤트(또는 'end'/'error')에서만 하세요.`,
    ),
    section: 'timeouts',
  },
  'timeout-too-late': {
    summary: text('Your client gave up only {ms} ms after the last reply.', '클라이언트가 마지막 답 뒤 {ms}ms가 지나서야 포기했습니다.'),
    cause: text(
      `The idle timeout of this client is ${CLIENT_TIMEOUT_MS} ms: a longer one keeps the user (or a script) waiting on a server that is gone.`,
      `이 클라이언트의 유휴 타임아웃은 ${CLIENT_TIMEOUT_MS}ms입니다. 더 길면 사용자(나 스크립트)가 사라진 서버를 기다리게 됩니다.`,
    ),
    fix: text(`socket.setTimeout(${CLIENT_TIMEOUT_MS}), and give up in its 'timeout' event at once.`, `socket.setTimeout(${CLIENT_TIMEOUT_MS})을 쓰고, 그 'timeout' 이벤트에서 곧바로 포기하세요.`),
    section: 'timeouts',
  },
  'timeout-exit-code': {
    summary: text('Your client gave up on the silent server, but with exit code {c}.', '클라이언트가 침묵한 서버를 포기했지만 종료 코드가 {c}였습니다.'),
    cause: text(
      "Exit codes let a script tell what happened: 1 = connection or protocol error, 2 = timeout (retrying later may help). Destroying the socket in 'timeout' also fires 'close': make sure it does not overwrite the code.",
      "종료 코드로 스크립트는 무슨 일이 있었는지 구별합니다. 1 = 연결이나 프로토콜 오류, 2 = 타임아웃(나중에 다시 시도하면 될 수도 있음). 'timeout'에서 소켓을 destroy하면 'close'도 오니, 그것이 코드를 덮어쓰지 않게 하세요.",
    ),
    fix: text("In 'timeout': process.exitCode = 2; socket.destroy(); and leave the code alone afterwards.", "'timeout'에서: process.exitCode = 2; socket.destroy(); 그리고 그 뒤로는 코드를 바꾸지 마세요."),
    section: 'exit-codes',
  },
  'timeout-is-not-idle': {
    summary: text(`Your client timed out (exit code 2) while replies were still arriving every {ms} ms.`, `답이 {ms}ms마다 계속 오는 중인데 클라이언트가 타임아웃(종료 코드 2)으로 끝났습니다.`),
    cause: text(
      `The limit is on silence, not on the whole exchange: the timer must start again whenever data arrives. A setTimeout(…, ${CLIENT_TIMEOUT_MS}) started at connect is a deadline, and a slow but working server trips it.`,
      `제한은 전체 주고받기가 아니라 침묵에 거는 것입니다. 데이터가 올 때마다 타이머가 다시 시작되어야 합니다. 접속할 때 건 setTimeout(…, ${CLIENT_TIMEOUT_MS})은 마감 시각이라, 느리지만 잘 동작하는 서버에도 걸립니다.`,
    ),
    fix: text(`Use socket.setTimeout(${CLIENT_TIMEOUT_MS}): Node restarts it on every read and write.`, `socket.setTimeout(${CLIENT_TIMEOUT_MS})을 쓰세요. Node가 읽고 쓸 때마다 다시 시작합니다.`),
    section: 'timeouts',
  },

  // --- A broken connection ------------------------------------------------------------------
  'early-close-not-an-error': {
    summary: text('The connection ended before BYE, but your client exited with code {c}.', 'BYE 전에 연결이 끝났는데 클라이언트가 종료 코드 {c}로 끝났습니다.'),
    cause: text(
      "Only some of the replies came. 'end' (FIN) or 'error' (RST) before BYE is a failure: exit code 1. Exit code 0 would tell a script that everything worked, and 2 means a timeout, which this is not.",
      "답이 일부만 왔습니다. BYE 전의 'end'(FIN)나 'error'(RST)는 실패이고 종료 코드는 1입니다. 0은 스크립트에게 모두 잘 됐다고 알리고, 2는 타임아웃을 뜻하는데 이것은 타임아웃이 아닙니다.",
    ),
    fix: text("socket.on('end', () => { if (!gotBye) { console.error('connection closed by server'); process.exitCode = 1; } })", "socket.on('end', () => { if (!gotBye) { console.error('서버가 연결을 닫음'); process.exitCode = 1; } })"),
    section: 'exit-codes',
  },
  'hangs-after-close': {
    summary: text('Your client was still running {ms} ms after {what}.', '{what} 뒤 {ms}ms가 지나도 클라이언트가 실행 중이었습니다.'),
    cause: text(
      'Something keeps the program alive after the connection is gone: a timer of your own, or a socket made with allowHalfOpen that you never end.',
      '연결이 사라진 뒤에도 무언가가 프로그램을 붙잡고 있습니다. 직접 만든 타이머나, allowHalfOpen으로 만들고 닫지 않은 소켓입니다.',
    ),
    fix: text("On 'end' (before BYE) and on 'error': set process.exitCode = 1 and destroy the socket; clear your own timers.", "BYE 전의 'end'와 'error'에서 process.exitCode = 1로 정하고 소켓을 destroy하세요. 직접 만든 타이머는 지우세요."),
    section: 'connection-errors',
  },
  'crashed-on-reset': {
    summary: text("Your client crashed: an 'error' event had no listener.", "클라이언트가 죽었습니다. 'error' 이벤트에 리스너가 없었습니다."),
    cause: text(
      "A reset connection is reported as an 'error' event on the socket. With no listener, Node throws it and the process dies with a stack trace (exit code 1 by accident, not by design).",
      "리셋된 연결은 소켓의 'error' 이벤트로 알려집니다. 리스너가 없으면 Node가 그 오류를 던져 프로세스가 스택 트레이스와 함께 죽습니다(종료 코드 1은 의도가 아니라 우연입니다).",
    ),
    fix: text("socket.on('error', (err) => { console.error(`connection error: ${err.code}`); process.exitCode = 1; })", "socket.on('error', (err) => { console.error(`연결 오류: ${err.code}`); process.exitCode = 1; })"),
    section: 'connection-errors',
  },
  'crashed-on-refused': {
    summary: text("Your client crashed on ECONNREFUSED: the 'error' event had no listener.", "클라이언트가 ECONNREFUSED에서 죽었습니다. 'error' 이벤트에 리스너가 없었습니다."),
    cause: text(
      "A failed connect is an 'error' event on the socket. With no listener Node throws it, and the user sees a stack trace instead of \"could not connect\".",
      "접속 실패는 소켓의 'error' 이벤트입니다. 리스너가 없으면 Node가 그 오류를 던지고, 사용자는 \"접속할 수 없음\" 대신 스택 트레이스를 보게 됩니다.",
    ),
    fix: text("socket.on('error', (err) => { console.error(`cannot connect: ${err.code}`); process.exitCode = 1; })", "socket.on('error', (err) => { console.error(`접속할 수 없음: ${err.code}`); process.exitCode = 1; })"),
    section: 'connection-errors',
  },
  'refused-exit-code': {
    summary: text('Your client could not connect, and it {how}.', '클라이언트가 접속하지 못했는데 {how}.'),
    cause: text(
      'A refused connection is an error the user and any script calling your client must see: exit code 1 says "it failed", 0 says "all went well".',
      '거부된 연결은 사용자와 클라이언트를 부르는 스크립트가 알아야 하는 오류입니다. 종료 코드 1은 "실패했다"를, 0은 "모두 잘 됐다"를 뜻합니다.',
    ),
    fix: text("In socket.on('error', …): print err.code on stderr and set process.exitCode = 1.", "socket.on('error', …)에서 err.code를 stderr에 출력하고 process.exitCode = 1로 정하세요."),
    section: 'exit-codes',
  },
  'refused-silently': {
    summary: text('Your client exited with code 1 but said nothing on stderr.', '클라이언트가 종료 코드 1로 끝났지만 stderr에 아무 말도 하지 않았습니다.'),
    cause: text('An exit code tells a script; a person needs a sentence. Errors go to stderr so that stdout holds only replies.', '종료 코드는 스크립트에게, 문장은 사람에게 알립니다. 오류는 stderr로 보내야 stdout에는 답만 남습니다.'),
    fix: text('console.error(`cannot connect to ${HOST}:${PORT}: ${err.code}`)', 'console.error(`${HOST}:${PORT}에 접속할 수 없음: ${err.code}`)'),
    section: 'connection-errors',
  },
  'no-error-message': {
    summary: text('Your client exited with code {c} after {what}, but said nothing on stderr.', '{what} 뒤 클라이언트가 종료 코드 {c}로 끝났지만 stderr에 아무 말도 하지 않았습니다.'),
    cause: text(
      'The exit code tells a script that something went wrong; the person who ran the client needs a sentence saying what: closed, reset, refused, timed out, or an unexpected reply to QUIT.',
      '종료 코드는 스크립트에게 무언가 잘못됐다고 알릴 뿐입니다. 클라이언트를 실행한 사람에게는 무엇이 잘못됐는지 알려 주는 문장이 필요합니다. 닫힘, 리셋, 거부, 타임아웃, QUIT에 대한 뜻밖의 답 같은 것이요.',
    ),
    fix: text('Wherever you set exit code 1 or 2, console.error(…) what happened first (one finish(code, message) does both).', '종료 코드 1이나 2를 정하는 곳마다 먼저 console.error(…)로 무슨 일인지 출력하세요(finish(code, message) 하나로 둘 다 하면 됩니다).'),
    section: 'the-protocol',
  },
});

export type Reason = Extract<keyof typeof mistakes, string>;
