/**
 * Lesson 06 — every failure its checks can report, once, in both languages. The scenarios
 * (`checks.ts`) and their steps (`steps.ts`) only name a reason and give its facts. `{where}`
 * says which client and which exchange (a hand-written check, or a generated history below).
 */
import { defineMistakes } from '../../../src/checks/mistakes.ts';
import { text } from '../../../src/checks/kit.ts';

const WRONG = text('{sent} was answered {got}{where}; the protocol says {want}.', '{sent}에 답으로 {got}이(가) 왔습니다{where}. 프로토콜의 답은 {want}입니다.');
const PER_CONNECTION_NICK = text('Declare `let nick` inside the connection callback, next to the line buffer: each call of the callback makes a new one.', '`let nick`을 연결 콜백 안, 줄 버퍼 옆에 선언하세요. 콜백이 호출될 때마다 새로 만들어집니다.');
const PER_CONNECTION_BUFFER = text("Declare the line buffer (`let pending = ''`) inside the connection callback: one buffer per client, gone with its connection.", "줄 버퍼(`let pending = ''`)를 연결 콜백 안에 선언하세요. 클라이언트마다 버퍼가 하나씩 생기고, 연결과 함께 사라집니다.");

export const mistakes = defineMistakes({
  // ── the commands ──
  'nick-wrong': {
    summary: WRONG,
    cause: text('NICK <name> stores the name for this connection and answers OK.', 'NICK <이름>은 이 연결의 이름을 저장하고 OK로 답합니다.'),
    fix: text("Declare `let nick: string | undefined` next to `pending`, then: case 'NICK': nick = arg; return reply('OK');", "`pending` 옆에 `let nick: string | undefined`를 선언하고: case 'NICK': nick = arg; return reply('OK');"),
    section: 'the-protocol',
  },
  'whoami-wrong': {
    summary: WRONG,
    cause: text("WHOAMI answers the name this client gave with its own NICK, or 'anonymous' if it gave none.", "WHOAMI는 이 클라이언트가 자기 NICK으로 준 이름을, 준 적이 없으면 'anonymous'를 답합니다."),
    fix: text("Keep `let nick: string | undefined` inside the connection callback; WHOAMI replies nick ?? 'anonymous'.", "연결 콜백 안에 `let nick: string | undefined`를 두고, WHOAMI는 nick ?? 'anonymous'로 답하세요."),
    section: 'per-connection-state',
  },
  'incr-wrong': {
    summary: WRONG,
    cause: text('INCR adds one to a single counter shared by every client and answers the new value: the first INCR a fresh server sees answers 1.', 'INCR은 모든 클라이언트가 함께 쓰는 카운터 하나에 1을 더하고 새 값을 답합니다. 갓 시작한 서버의 첫 INCR은 1입니다.'),
    fix: text("At module level: let counter = 0; then case 'INCR': counter += 1; return reply(String(counter));", "모듈 최상위에 let counter = 0;을 두고 case 'INCR': counter += 1; return reply(String(counter));"),
    section: 'per-connection-state',
  },
  'count-wrong': {
    summary: WRONG,
    cause: text('COUNT answers how many connections are open right now, the asking one included.', 'COUNT는 지금 열려 있는 연결 수를 답합니다. 묻는 연결도 포함합니다.'),
    fix: text("Keep a module-level Set of sockets: add in the connection callback, delete on 'close'; COUNT replies set.size.", "모듈 최상위에 소켓 Set을 두고, 연결 콜백에서 add, 'close'에서 delete 하세요. COUNT는 set.size로 답합니다."),
    section: 'when-a-client-vanishes',
  },
  'slow-wrong': {
    summary: WRONG,
    cause: text('SLOW <ms> answers DONE, <ms> milliseconds later.', 'SLOW <ms>는 <ms>밀리초 뒤에 DONE으로 답합니다.'),
    fix: text("case 'SLOW': setTimeout(() => reply('DONE'), Number(arg)); return; — schedule the reply, never wait in place.", "case 'SLOW': setTimeout(() => reply('DONE'), Number(arg)); return; — 답을 예약만 하고, 그 자리에서 기다리지 마세요."),
    section: 'never-block',
  },
  'command-missing': {
    summary: text('{sent} was answered {got}{where}: your server does not know {word} yet.', '{sent}에 답으로 {got}이(가) 왔습니다{where}. 서버가 아직 {word}을(를) 모릅니다.'),
    cause: text('The line fell through to "unknown command": the switch in handle() has no case for this command — the starter\'s state.', '줄이 "unknown command"로 빠졌습니다. handle()의 switch에 이 명령의 case가 없습니다. 시작 파일의 상태 그대로입니다.'),
    fix: text("Add case '{word}' to the switch in handle(), as the protocol table says.", "handle()의 switch에 case '{word}'를 추가하세요. 프로토콜 표에 적힌 대로입니다."),
    section: 'the-protocol',
  },
  'lesson-04-command-wrong': {
    summary: WRONG,
    cause: text("Lesson 04's commands must keep working: PING, ECHO, LEN, the empty line, unknown commands, and '\\r\\n' line ends.", "레슨 04의 명령은 그대로 동작해야 합니다: PING, ECHO, LEN, 빈 줄, 모르는 명령, 그리고 '\\r\\n' 줄 끝."),
    fix: text('Compare your handler with the protocol table in the README (the starter has them right).', 'README의 프로토콜 표와 핸들러를 비교해 보세요(시작 파일에는 맞게 들어 있습니다).'),
    section: 'the-protocol',
  },
  'reply-ends-in-crlf': {
    summary: text('{sent} was answered {got}{where}: the reply ends in "\\r\\n".', '{sent}에 답으로 {got}이(가) 왔습니다{where}. 답이 "\\r\\n"으로 끝납니다.'),
    cause: text("The protocol's replies are lines ending in '\\n' alone, as in lesson 04.", "프로토콜의 답은 레슨 04처럼 '\\n' 하나로 끝나는 줄입니다."),
    fix: text('Write `${line}\\n`.', '`${line}\\n`으로 쓰세요.'),
    section: 'the-protocol',
  },
  'partial-line-dropped': {
    summary: WRONG,
    cause: text(
      "This line reached the server in pieces (more than one 'data' event), and the reply answers only part of it: the bytes after a chunk's last '\\n' are the start of the next line, not something to drop.",
      "이 줄은 여러 조각('data' 이벤트 여러 번)으로 서버에 닿았는데, 답은 그 일부에만 답했습니다. 청크의 마지막 '\\n' 뒤에 남은 바이트는 버릴 것이 아니라 다음 줄의 시작입니다.",
    ),
    fix: text('Keep the unfinished rest in a per-connection buffer and add the next chunk to it, as in lesson 04: pending += chunk; split; pending = the last piece.', '레슨 04처럼 덜 끝난 나머지를 연결별 버퍼에 두고 다음 청크를 이어 붙이세요: pending += chunk; 나누기; pending = 마지막 조각.'),
    section: 'the-protocol',
  },
  'reply-to-nothing': {
    summary: text('Client {c} received bytes no line asked for, {after}, in a generated history (below).', '만들어 낸 기록(아래)에서 {c} 클라이언트가 어느 줄도 요청하지 않은 바이트를 받았습니다({after}).'),
    cause: text(
      "Every line gets exactly one reply line, and bytes that never got their '\\n' are not a line: they get no reply, even when the client closes.",
      "줄마다 답은 정확히 한 줄이고, '\\n'을 받지 못한 바이트는 줄이 아니므로 클라이언트가 닫아도 답하지 않습니다.",
    ),
    fix: text('Reply once per complete line; on the client\'s FIN, drop an unfinished line.', "완성된 줄마다 한 번만 답하고, 클라이언트의 FIN에서는 덜 끝난 줄을 버리세요."),
    section: 'the-protocol',
  },
  'crlf-not-stripped': {
    summary: text('{sent} was answered {got}{where}: the \'\\r\' of the "\\r\\n" line end stayed in the line.', "{sent}에 답으로 {got}이(가) 왔습니다{where}. \"\\r\\n\" 줄 끝의 '\\r'이 줄에 남았습니다."),
    cause: text(
      "A line that ended in \"\\r\\n\" kept its '\\r': in the command word, or in the argument (a NICK name, ECHO's text, LEN's count, SLOW's number) — NICK stored \"보라\\r\", so WHOAMI answers it. The '\\r' before the '\\n' is not part of the line.",
      "\"\\r\\n\"으로 끝난 줄에 '\\r'이 남았습니다. 명령 단어에 남았거나, 인자(NICK의 이름, ECHO의 텍스트, LEN이 세는 글자, SLOW의 숫자)에 남았습니다. NICK이 \"보라\\r\"를 저장했으니 WHOAMI가 그대로 답합니다. '\\n' 앞의 '\\r'은 줄의 일부가 아닙니다.",
    ),
    fix: text("Strip one '\\r' from the whole line before you split it into command and argument: line = line.replace(/\\r$/, '').", "줄을 명령과 인자로 나누기 전에, 줄 전체에서 '\\r' 하나를 지우세요: line = line.replace(/\\r$/, '')."),
    section: 'the-protocol',
  },
  'slow-too-early': {
    summary: text('"SLOW {slow}" answered DONE after only {ms} ms.', '"SLOW {slow}"이 {ms}ms 만에 DONE으로 답했습니다.'),
    cause: text('The wait is shorter than asked: setTimeout takes milliseconds, and the argument is a string until you convert it.', '요청보다 짧게 기다렸습니다. setTimeout은 밀리초를 받고, 인자는 변환하기 전까지 문자열입니다.'),
    fix: text("setTimeout(() => reply('DONE'), Number(arg))", "setTimeout(() => reply('DONE'), Number(arg))"),
    section: 'never-block',
  },
  'slow-too-late': {
    summary: text('"SLOW {slow}" answered DONE only after {ms} ms.', '"SLOW {slow}"이 {ms}ms가 지나서야 DONE으로 답했습니다.'),
    cause: text('The wait is longer than asked: DONE is due {slow} ms after the line (the checks allow {spare} ms more for a busy machine). A wait that adds up (a timer per chunk, a timer restarted) or a unit mixed up (seconds) does that.', '요청보다 오래 기다렸습니다. DONE은 줄을 받은 지 {slow}ms 뒤에 와야 합니다(바쁜 컴퓨터를 생각해 검사는 {spare}ms를 더 줍니다). 기다림이 쌓이거나(덩어리마다 타이머, 다시 시작하는 타이머) 단위를 헷갈리면(초) 그렇게 됩니다.'),
    fix: text("One timer per SLOW line, started when the line is handled: setTimeout(() => reply('DONE'), Number(arg))", "SLOW 줄마다 타이머 하나를, 줄을 처리할 때 시작하세요: setTimeout(() => reply('DONE'), Number(arg))"),
    section: 'never-block',
  },
  'quit-does-not-close': {
    summary: text("After BYE, client {c}'s connection stayed open{where}.", 'BYE 다음에도 {c} 클라이언트의 연결이 열려 있었습니다{where}.'),
    cause: text('QUIT ends the conversation: the server says BYE and closes its side.', 'QUIT은 대화를 끝냅니다. 서버가 BYE라고 답하고 자기 쪽을 닫습니다.'),
    fix: text("socket.end('BYE\\n')", "socket.end('BYE\\n')"),
    section: 'the-protocol',
  },
  'no-reply': {
    summary: text('{sent} got no answer within {ms} ms{where}.', '{sent}에 {ms}ms 동안 답이 없었습니다{where}.'),
    cause: text(
      'The server is running but never answered this line: a command with no answer on some path (no case in the switch and no default), or a line that was never framed.',
      '서버는 실행 중인데 이 줄에 답하지 않았습니다. 답을 쓰지 않는 경로가 있거나(switch에 case도 default도 없는 명령), 줄을 끝까지 나누지 못했습니다.',
    ),
    fix: text('Every complete line gets exactly one reply line: check each path of handle() and the protocol table.', '완성된 줄마다 답은 정확히 한 줄입니다. handle()의 모든 경로를 프로토콜 표와 비교해 보세요.'),
    section: 'the-protocol',
  },
  'closed-instead-of-reply': {
    summary: text('The server closed the connection instead of answering {sent}{where}.', '서버가 {sent}에 답하지 않고 연결을 닫았습니다{where}.'),
    cause: text('Only QUIT (and a line that is too long) closes a connection. Look for end() or destroy() calls, and for server.maxConnections.', '연결을 닫는 것은 QUIT(과 너무 긴 줄)뿐입니다. end()나 destroy() 호출, server.maxConnections 설정을 찾아보세요.'),
    fix: text('Close only after QUIT: socket.end(\'BYE\\n\').', "QUIT 뒤에만 닫으세요: socket.end('BYE\\n')."),
    section: 'the-protocol',
  },

  // ── per-connection state, shared state ──
  'nick-shared': {
    summary: text('Client {c} named itself {nick}, then WHOAMI answered {got}{where}.', '{c} 클라이언트가 이름을 {nick}(으)로 정했는데, WHOAMI의 답으로 {got}이(가) 왔습니다{where}.'),
    cause: text(
      "Another client's NICK (or another client leaving) changed this client's name. A name belongs to one connection: not to the server (one module-level `nick`, where the last NICK wins for everybody), not to the client's address (every local client is 127.0.0.1).",
      '다른 클라이언트의 NICK(이나 다른 클라이언트가 나간 일)이 이 클라이언트의 이름을 바꿨습니다. 이름은 연결 하나의 것입니다. 서버 전체의 것(모듈 최상위 `nick` 하나, 마지막 NICK이 모두의 이름이 됨)도, 클라이언트 주소의 것(로컬 클라이언트는 모두 127.0.0.1)도 아닙니다.',
    ),
    fix: PER_CONNECTION_NICK,
    section: 'per-connection-state',
  },
  'buffer-shared': {
    summary: text("Client {c}'s line {sent} reached the server while another client's line was unfinished, and was answered {got}{where}.", '{c} 클라이언트의 줄 {sent}이(가) 다른 클라이언트의 줄이 덜 끝난 동안 서버에 닿았고, 답으로 {got}이(가) 왔습니다{where}.'),
    cause: text(
      'The pieces of different clients were glued together: the buffer that collects a partial line is shared by every connection (module scope). A line then mixes bytes from several clients — even from one that has left — and the reply goes to whoever completed it.',
      '여러 클라이언트의 조각이 한데 붙었습니다. 덜 끝난 줄을 모으는 버퍼를 모든 연결이 함께 씁니다(모듈 스코프). 그래서 한 줄에 여러 클라이언트의 바이트가(이미 나간 클라이언트의 것까지) 섞이고, 답은 그 줄을 마저 채운 클라이언트에게 갑니다.',
    ),
    fix: PER_CONNECTION_BUFFER,
    section: 'per-connection-state',
  },
  'counter-not-shared': {
    summary: text('INCR answered {got}{where}: a value another client had already had, or its own count.', 'INCR에 {got}이(가) 왔습니다{where}. 다른 클라이언트가 이미 받은 값이거나 자기 횟수입니다.'),
    cause: text(
      'Each connection counts on its own: the counter is declared inside the connection callback, so every client gets a fresh one starting at 0.',
      '연결마다 따로 셉니다. 카운터를 연결 콜백 안에 선언해서 클라이언트마다 0에서 시작하는 새 카운터가 생깁니다.',
    ),
    fix: text('Move `let counter = 0` to module level, outside net.createServer(…).', '`let counter = 0`을 net.createServer(…) 밖, 모듈 최상위로 옮기세요.'),
    section: 'per-connection-state',
  },
  'counter-restarted': {
    summary: text('INCR answered {got}{where}; the server had counted {want} INCRs in its life.', 'INCR에 {got}이(가) 왔습니다{where}. 서버가 살아 있는 동안 받은 INCR은 {want}번입니다.'),
    cause: text(
      'Every client had left earlier, and the counter started again from 1: it counts only the INCRs since then. The counter belongs to the server for its whole life, not to the clients connected now.',
      '앞서 클라이언트가 모두 나갔고, 카운터가 1부터 다시 시작했습니다. 그 뒤의 INCR만 센 값입니다. 카운터는 지금 접속한 클라이언트가 아니라 서버의 것이고, 서버가 살아 있는 동안 이어집니다.',
    ),
    fix: text(
      "Never reset the counter: no `counter = 0` when the last client leaves (in 'close', or when the Set becomes empty), and no counter kept in an object that is rebuilt then.",
      "카운터를 다시 0으로 만들지 마세요. 마지막 클라이언트가 나갈 때('close'에서, 또는 Set이 비었을 때) `counter = 0`을 하지 말고, 그때 새로 만드는 객체에 카운터를 두지도 마세요.",
    ),
    section: 'per-connection-state',
  },

  // ── serving everybody at once ──
  'not-concurrent': {
    summary: text('{served} of {n} clients got an answer; the other {waiting} got {what}.', '클라이언트 {n}개 중 {served}개만 답을 받았고, 나머지 {waiting}개는 {what}.'),
    cause: text(
      'Your server serves one client at a time: it waits for a client to finish (an awaited loop over connections, maxConnections = 1) before it answers the next. The others sit in the queue.',
      '서버가 클라이언트를 한 번에 하나씩 처리합니다. 한 클라이언트가 끝나기를 기다린 뒤에야(연결을 await하는 반복문, maxConnections = 1) 다음에 답하므로 나머지는 줄을 서서 기다립니다.',
    ),
    fix: text(
      "Handle every connection in net.createServer((socket) => { … }) and register its 'data' handler right away: the callback returns at once and the event loop serves everybody.",
      "모든 연결을 net.createServer((socket) => { … })에서 처리하고 'data' 핸들러를 바로 등록하세요. 콜백은 곧바로 돌아오고, 이벤트 루프가 모두를 처리합니다.",
    ),
    section: 'one-thread-many-clients',
  },
  'event-loop-blocked': {
    summary: text("Client B's PING {what} while client A's SLOW {slow} was running.", '클라이언트 A의 SLOW {slow}이 도는 동안 클라이언트 B의 PING은 {what}.'),
    cause: text(
      "SLOW blocked the event loop: the server waited inside a callback (a while loop on Date.now(), Atomics.wait, execSync('sleep')…). Node has ONE thread for all clients, so while it waits nobody is served.",
      "SLOW가 이벤트 루프를 막았습니다. 서버가 콜백 안에서 기다렸습니다(Date.now()를 보는 while 반복, Atomics.wait, execSync('sleep') 등). Node는 모든 클라이언트를 스레드 하나로 처리하므로, 기다리는 동안 아무도 처리되지 않습니다.",
    ),
    fix: text("Don't wait; schedule: setTimeout(() => reply('DONE'), Number(arg)) and return. The loop serves everyone else meanwhile.", "기다리지 말고 예약하세요: setTimeout(() => reply('DONE'), Number(arg)) 후 return. 그동안 루프가 다른 클라이언트를 처리합니다."),
    section: 'never-block',
  },

  // ── clients that vanish ──
  'server-died-on-reset': {
    summary: text('Your server exited after a client reset its connection{where}.', '클라이언트 하나가 연결을 리셋한 뒤 서버가 종료되었습니다{where}.'),
    cause: text(
      "A reset arrives as an 'error' event (ECONNRESET) on that client's socket. With no 'error' listener Node throws it, and the process — every other client with it — goes down.",
      "리셋은 그 클라이언트 소켓의 'error' 이벤트(ECONNRESET)로 옵니다. 'error' 리스너가 없으면 Node가 예외를 던지고, 프로세스가 다른 모든 클라이언트와 함께 죽습니다.",
    ),
    fix: text("socket.on('error', (err) => console.log(err.code)); in the connection callback.", "연결 콜백 안에 socket.on('error', (err) => console.log(err.code));"),
    section: 'when-a-client-vanishes',
  },
  'count-too-high': {
    summary: text('COUNT answered {got}, but only {want} connection(s) were still open{where} (asked again for {s} s).', '열린 연결은 {want}개뿐인데 COUNT의 답은 {got}입니다{where}({s}초 동안 다시 물음).'),
    cause: text(
      "Connections that left are still counted ({extra} too many; {resets} of those that left were reset). A reset (RST) gives the server's socket an 'error' and a 'close', but no 'end': forgetting connections on 'end' keeps every reset one.",
      "나간 연결이 아직 세어지고 있습니다({extra}개 더 많음. 나간 연결 중 {resets}개는 리셋됨). 리셋(RST)은 서버 소켓에 'error'와 'close'를 일으키지만 'end'는 일으키지 않습니다. 'end'에서 연결을 지우면 리셋된 연결은 모두 남습니다.",
    ),
    fix: text("Remove the socket in socket.on('close', …): 'close' comes once, however the connection ended.", "socket.on('close', …)에서 소켓을 지우세요. 'close'는 연결이 어떻게 끝났든 한 번 옵니다."),
    section: 'when-a-client-vanishes',
  },
});

export type Reason = keyof typeof mistakes;
