/**
 * Lesson 16 — every failure its checks can report, once, in both languages. The steps name a
 * reason and give its facts; the words are here. In the lesson's order: the protocol, then the
 * triggers, the goodbye, the drain, the deadline, the exit.
 */
import { text } from '../../../src/i18n.ts';
import { defineMistakes } from '../../../src/checks/mistakes.ts';
import type { ScenarioContext } from '../../../src/checks/context.ts';

export const mistakes = defineMistakes({
  // ── the protocol ─────────────────────────────────────────────────────────────────────────
  'wrong-reply': {
    summary: text('Wrong reply to {sent}: expected {want}, got {got}.', '{sent}에 대한 답이 틀렸습니다. 기대한 답은 {want}, 받은 답은 {got}입니다.'),
    cause: text(
      'The reply does not follow the protocol table: the command is the text before the first space, ECHO sends back everything after it as it is, WORK takes 1 to 5 digits up to 10000 and answers with the same digits.',
      '답이 프로토콜 표와 다릅니다. 명령은 첫 공백 앞의 글자이고, ECHO는 그 뒤의 모든 것을 그대로 돌려주며, WORK는 10000 이하의 숫자 1~5자리를 받고 같은 숫자로 답합니다.',
    ),
    fix: text("Compare your switch with the table line by line; test WORK's argument with /^\\d{1,5}$/ and Number(arg) <= 10000.", "switch 문을 표와 한 줄씩 비교하세요. WORK의 인자는 /^\\d{1,5}$/와 Number(arg) <= 10000으로 검사하세요."),
    section: 'the-protocol',
  },
  'not-in-order': {
    summary: text('The replies came out of order: after {sent}, the reply {got} belongs to a later line.', '답의 순서가 뒤바뀌었습니다. {sent} 다음에 온 답 {got}은(는) 뒤에 보낸 줄의 답입니다.'),
    cause: text(
      'While a WORK runs, the lines behind it on the same connection must wait for it. A timer per WORK and an immediate reply for everything else answer a PING before the DONE of the WORK sent before it.',
      'WORK가 도는 동안 같은 연결에서 그 뒤에 온 줄은 기다려야 합니다. WORK마다 타이머를 걸고 나머지는 바로 답하면, 먼저 보낸 WORK의 DONE보다 PING의 답이 먼저 나갑니다.',
    ),
    fix: text('Keep a queue of lines per connection and a flag "a WORK is running"; take the next line only when the flag is down, and pump the queue again from the timer.', '연결마다 줄의 큐와 "WORK 실행 중" 플래그를 두세요. 플래그가 내려가 있을 때만 다음 줄을 꺼내고, 타이머에서 큐를 다시 돌리세요.'),
    section: 'in-order',
  },
  'no-reply': {
    summary: text('No reply to {sent} within {ms} ms.', '{sent}에 {ms}ms 안에 답이 없었습니다.'),
    cause: text(
      "The line was never answered: a chunk that ends mid-line was handled as a line (or dropped), the queue stalled behind a WORK, or the command is missing.",
      '줄에 답하지 않았습니다. 줄 중간에서 끝난 덩어리를 한 줄로 다뤘거나(또는 버렸거나), WORK 뒤에서 큐가 멈췄거나, 명령이 빠졌습니다.',
    ),
    fix: text("Append each chunk to the connection's buffer, cut off complete lines at '\\n', and after a WORK's timer fires, answer what waits behind it.", "덩어리를 연결의 버퍼에 이어 붙이고 '\\n'에서 완성된 줄을 잘라 내세요. WORK의 타이머가 끝나면 그 뒤에서 기다리던 줄에 답하세요."),
    section: 'the-protocol',
  },
  'work-too-early': {
    summary: text('{sent} was answered after {ms} ms, too soon: it should take at least {want} ms from its turn.', '{sent}에 {ms}ms 만에 답했습니다. 너무 이릅니다. 자기 차례부터 적어도 {want}ms가 걸려야 합니다.'),
    cause: text('The DONE was sent before the WORK had waited its milliseconds: the timer was not used, or its delay was wrong (a string, the wrong unit).', 'WORK가 자기 밀리초를 기다리기 전에 DONE을 보냈습니다. 타이머를 쓰지 않았거나 지연 값이 틀렸습니다(문자열, 다른 단위).'),
    fix: text('setTimeout(() => …, Number(arg)), started when the WORK\'s turn comes.', 'WORK의 차례가 왔을 때 setTimeout(() => …, Number(arg))을 시작하세요.'),
    section: 'in-order',
  },
  'work-before-its-turn': {
    summary: text(
      '{sent} was answered {ms} ms after it was sent, too soon: the WORKs queued before it and its own take at least {want} ms one after the other.',
      '{sent}에 보낸 지 {ms}ms 만에 답했습니다. 너무 이릅니다. 앞에 대기한 WORK들과 자기 WORK가 하나씩 차례로 돌면 적어도 {want}ms가 걸립니다.',
    ),
    cause: text(
      "A WORK's milliseconds count from when its turn comes, but its timer started when its line was read: the replies still go out in order, yet the WORKs of one connection run at the same time. WORK 300, WORK 300 in one write get both DONEs after about 300 ms instead of 300 and 600.",
      'WORK의 밀리초는 자기 차례가 온 때부터 세는데, 줄을 읽은 때 타이머를 시작했습니다. 답은 여전히 순서대로 나가지만 한 연결의 WORK들이 동시에 돕니다. WORK 300, WORK 300을 한 번에 보내면 DONE이 300ms와 600ms가 아니라 둘 다 300ms쯤에 옵니다.',
    ),
    fix: text(
      "Start a WORK's setTimeout only when its turn comes: when the reply before it has gone out and the line is taken off the queue (in pump()), not in the 'data' handler and not by turning every line into a promise as it is read.",
      "WORK의 setTimeout은 자기 차례가 왔을 때만 시작하세요. 앞 줄의 답이 나가고 그 줄을 큐에서 꺼낼 때(pump() 안에서)입니다. 'data' 핸들러에서 시작하거나, 읽는 즉시 줄마다 프로미스로 만들면 안 됩니다.",
    ),
    section: 'in-order',
  },
  'work-blocks-others': {
    summary: text('While one connection ran {sent}, a PING on another connection waited {ms} ms.', '한 연결이 {sent}을(를) 도는 동안 다른 연결의 PING이 {ms}ms 기다렸습니다.'),
    cause: text(
      'The WORK blocked the event loop (a busy-wait, a synchronous sleep), or one queue is shared by every connection. Either way one client\'s work stops all the others.',
      'WORK가 이벤트 루프를 막았거나(바쁜 대기, 동기 sleep), 모든 연결이 큐 하나를 같이 씁니다. 어느 쪽이든 한 클라이언트의 작업이 다른 모든 클라이언트를 멈춥니다.',
    ),
    fix: text('A queue per connection (inside the createServer callback), and setTimeout for the wait: never a loop that waits.', '큐는 연결마다(createServer 콜백 안에) 두고, 기다림은 setTimeout으로 하세요. 기다리는 반복문은 절대 쓰지 마세요.'),
    section: 'in-order',
  },
  'closed-early': {
    summary: text('The connection was closed ({how}) before the reply to {sent} came.', '{sent}에 대한 답이 오기 전에 연결이 닫혔습니다({how}).'),
    cause: text('The server closed the connection in normal operation, without QUIT or a shutdown: a thrown error, a socket destroyed by mistake, or the server crashed.', 'QUIT도 종료도 없는 평소 동작에서 서버가 연결을 닫았습니다. 던져진 오류, 실수로 destroy한 소켓, 또는 서버가 죽었습니다.'),
    fix: text("Look at your server's stderr; close a connection only after QUIT or in the shutdown.", '서버의 stderr를 보세요. 연결은 QUIT 뒤나 종료 중에만 닫으세요.'),
    section: 'the-protocol',
  },
  'quit-not-closed': {
    summary: text('After QUIT and its BYE the connection stayed open ({ms} ms).', 'QUIT과 그 BYE 뒤에도 연결이 열려 있었습니다({ms}ms).'),
    cause: text('BYE was written, but the server did not close its side of the connection.', 'BYE는 썼지만 서버가 자기 쪽 연결을 닫지 않았습니다.'),
    fix: text("socket.end('BYE\\n'): the line, then a FIN.", "socket.end('BYE\\n'): 줄을 쓰고 FIN을 보냅니다."),
    section: 'the-protocol',
  },
  'extra-reply': {
    summary: text('The server sent more than the model expects after {sent}: {got}.', '{sent} 뒤에 서버가 모델이 기대하는 것보다 더 보냈습니다: {got}.'),
    cause: text('A line after QUIT was answered, or one line got two replies.', 'QUIT 뒤의 줄에 답했거나, 한 줄에 답을 두 번 했습니다.'),
    fix: text('One reply per line; after QUIT, ignore the rest of the connection.', '줄마다 답은 하나입니다. QUIT 뒤에는 그 연결의 나머지를 무시하세요.'),
    section: 'the-protocol',
  },
  'stdin-end-is-a-trigger': {
    summary: text('The server started with its stdin closed and stopped serving: {what}.', '표준 입력이 닫힌 채로 시작한 서버가 서비스를 멈췄습니다: {what}.'),
    cause: text(
      "The end of stdin was taken as a shutdown (readline's 'close', stdin's 'end'), or reading a closed stdin threw. A server started by systemd, Docker or a test runner often has no stdin at all.",
      "표준 입력의 끝을 종료로 받아들였거나(readline의 'close', stdin의 'end'), 닫힌 stdin을 읽다가 오류가 났습니다. systemd, Docker, 테스트 러너가 띄운 서버에는 stdin이 아예 없는 경우가 많습니다.",
    ),
    fix: text("Trigger only on a line that is exactly 'shutdown'; ignore stdin's end.", "정확히 'shutdown'인 줄에서만 종료하세요. stdin의 끝은 무시하세요."),
    section: 'the-triggers',
  },
  // ── the triggers ─────────────────────────────────────────────────────────────────────────
  'trigger-ignored': {
    summary: text('After {how}, the server kept going for {ms} ms: no goodbye to an idle client, nothing closed.', '{how} 뒤 {ms}ms 동안 서버가 그대로였습니다. 쉬고 있는 클라이언트에게 작별 인사도 없고, 닫힌 것도 없습니다.'),
    cause: text(
      "The trigger never reached your shutdown: no process.on for that signal, stdin not read (or the line compared with its '\\n' or '\\r' still on it), or the shutdown function does nothing visible.",
      "트리거가 종료 코드에 닿지 않았습니다. 그 시그널의 process.on이 없거나, stdin을 읽지 않거나('\\n'이나 '\\r'이 붙은 채로 줄을 비교했거나), 종료 함수가 눈에 보이는 일을 하지 않습니다.",
    ),
    fix: text("process.on('SIGTERM', shutdown); process.on('SIGINT', shutdown); readline on process.stdin, and shutdown() on the line 'shutdown'.", "process.on('SIGTERM', shutdown); process.on('SIGINT', shutdown); process.stdin에 readline을 걸고 'shutdown' 줄에서 shutdown()을 부르세요."),
    section: 'the-triggers',
  },
  'signal-not-handled': {
    summary: text('{how} killed the server outright ({exit}): nothing was drained.', '{how}이(가) 서버를 곧바로 죽였습니다({exit}). 아무것도 마무리되지 않았습니다.'),
    cause: text(
      "Without a listener for a signal, Node does what the system does by default: SIGTERM and SIGINT end the process at once. Handling only one of them (often SIGINT, the one you try by hand) leaves the other deadly; SIGTERM is the one systemd, Docker and Kubernetes send.",
      '시그널에 리스너가 없으면 Node는 시스템 기본 동작을 따릅니다. SIGTERM과 SIGINT는 프로세스를 바로 끝냅니다. 둘 중 하나만(흔히 손으로 시험해 보는 SIGINT만) 처리하면 다른 하나는 여전히 치명적입니다. systemd, Docker, Kubernetes가 보내는 것은 SIGTERM입니다.',
    ),
    fix: text("process.on('SIGTERM', …) and process.on('SIGINT', …), both calling the same shutdown.", "process.on('SIGTERM', …)과 process.on('SIGINT', …)를 모두 달고, 같은 shutdown을 부르세요."),
    section: 'signals',
  },
  // ── stop accepting ───────────────────────────────────────────────────────────────────────
  'accepted-after-trigger': {
    summary: text('A new connection was accepted {ms} ms after {how} ({when}).', '{how} {ms}ms 뒤에 새 연결을 받아들였습니다({when}).'),
    cause: text(
      'The listener was still open during the drain: server.close() was called last (after the connections were done), or not at all. A client that connects then is dropped without a word, or keeps the server draining forever.',
      '마무리하는 동안 리스너가 열려 있었습니다. server.close()를 마지막에(연결이 끝난 뒤에) 불렀거나 아예 부르지 않았습니다. 그때 접속한 클라이언트는 말 한마디 없이 버려지거나, 서버가 마무리를 영영 끝내지 못하게 합니다.',
    ),
    fix: text('Call server.close() first thing in the shutdown: it stops accepting at once (its callback waits for the connections; you do not need to wait for it).', 'shutdown의 맨 처음에 server.close()를 부르세요. 그 즉시 새 연결을 받지 않습니다(콜백은 연결들을 기다리지만, 그것을 기다릴 필요는 없습니다).'),
    section: 'stop-accepting',
  },
  // ── the goodbye ──────────────────────────────────────────────────────────────────────────
  'no-goodbye': {
    summary: text('An idle client was closed ({how}) without "BYE server shutting down".', '쉬고 있던 클라이언트가 "BYE server shutting down" 없이 닫혔습니다({how}).'),
    cause: text(
      'The shutdown destroyed the connections, or called process.exit() at once, instead of ending each idle one with a line: the client sees its connection drop and cannot tell a shutdown from a crash.',
      '종료가 쉬는 연결마다 줄 한 줄과 함께 end()로 끝내지 않고, 연결을 destroy()하거나 곧바로 process.exit()를 불렀습니다. 클라이언트는 연결이 끊기는 것만 보고, 종료인지 장애인지 구별할 수 없습니다.',
    ),
    fix: text("For each idle connection: socket.end('BYE server shutting down\\n'). destroy() is for the deadline only.", "쉬고 있는 연결마다 socket.end('BYE server shutting down\\n')을 부르세요. destroy()는 마감 시각에만 씁니다."),
    section: 'end-or-destroy',
  },
  'wrong-goodbye': {
    summary: text('Expected the line "BYE server shutting down", got {got}.', '"BYE server shutting down" 줄을 기대했는데 {got}을(를) 받았습니다.'),
    cause: text('The goodbye is a protocol line like any other: clients look for these exact words (and its "\\n").', '작별 인사도 다른 줄과 같은 프로토콜의 한 줄입니다. 클라이언트는 정확히 이 글자(와 "\\n")를 찾습니다.'),
    fix: text("Write exactly 'BYE server shutting down\\n'.", "정확히 'BYE server shutting down\\n'을 쓰세요."),
    section: 'the-rules',
  },
  'no-close-after-goodbye': {
    summary: text('After "BYE server shutting down" the connection stayed open ({ms} ms).', '"BYE server shutting down" 뒤에도 연결이 열려 있었습니다({ms}ms).'),
    cause: text('The goodbye was written with write(), not end(): no FIN follows, so the client does not know that nothing more will come.', '작별 인사를 end()가 아니라 write()로 썼습니다. 뒤따르는 FIN이 없으니 클라이언트는 더 올 것이 없다는 걸 모릅니다.'),
    fix: text("socket.end('BYE server shutting down\\n'): the line and the FIN together.", "socket.end('BYE server shutting down\\n'): 줄과 FIN을 함께 보냅니다."),
    section: 'end-or-destroy',
  },
  // ── the drain ────────────────────────────────────────────────────────────────────────────
  'lost-in-flight-work': {
    summary: text('{sent} was accepted before the trigger, but the connection closed ({how}) without its reply.', '{sent}은(는) 트리거 전에 받은 줄인데, 답 없이 연결이 닫혔습니다({how}).'),
    cause: text(
      'The shutdown closed a busy connection at once (destroy(), or process.exit() in the trigger handler) instead of letting its accepted lines finish: a deploy that loses requests, and a client that cannot tell whether its request was done.',
      '종료가 바쁜 연결의 받은 줄들이 끝나기를 기다리지 않고 연결을 바로 닫았습니다(destroy(), 또는 트리거 핸들러의 process.exit()). 배포할 때마다 요청을 잃는 서버이고, 클라이언트는 자기 요청이 처리됐는지 알 수 없습니다.',
    ),
    fix: text('On the trigger, only mark the server as draining; a busy connection says goodbye from its own queue, when its last accepted line is answered.', '트리거에서는 서버를 "마무리 중"으로 표시만 하세요. 바쁜 연결은 마지막으로 받은 줄에 답한 뒤 자기 큐에서 작별 인사를 합니다.'),
    section: 'in-flight',
  },
  'goodbye-before-work-done': {
    summary: text('The goodbye came before the reply to {sent}, a line accepted before the trigger.', '트리거 전에 받은 줄 {sent}의 답보다 작별 인사가 먼저 왔습니다.'),
    cause: text(
      'Every connection got BYE at the trigger, busy or not. A client whose WORK was running loses its DONE, or gets it after a goodbye that promised nothing more would come.',
      '트리거에서 바쁘든 아니든 모든 연결에 BYE를 보냈습니다. WORK가 돌던 클라이언트는 DONE을 잃거나, 더는 아무것도 없다고 한 작별 인사 뒤에 DONE을 받습니다.',
    ),
    fix: text('At the trigger, say goodbye only to connections with nothing queued and no WORK running; the others say it when their queue is empty.', '트리거에서는 큐가 비어 있고 WORK도 돌지 않는 연결에만 작별 인사를 하세요. 나머지는 큐가 빌 때 인사합니다.'),
    section: 'in-flight',
  },
  'executed-after-trigger': {
    summary: text('{sent}, read after the trigger, was executed: got {got} instead of "ERR shutting down".', '트리거 뒤에 읽은 {sent}을(를) 실행했습니다. "ERR shutting down" 대신 {got}을(를) 받았습니다.'),
    cause: text(
      'During the drain the server still took new work. Draining means finishing what was accepted, not accepting more: a client that keeps sending would keep the server alive until the deadline cuts it off mid-work.',
      '마무리하는 동안에도 서버가 새 일을 받았습니다. 마무리란 받은 일을 끝내는 것이지 더 받는 것이 아닙니다. 계속 보내는 클라이언트가 있으면 서버는 마감 시각에 일하던 도중 잘릴 때까지 살아 있게 됩니다.',
    ),
    fix: text("Mark each line when it is read: if the shutdown has begun, queue it as refused and answer it 'ERR shutting down' in its turn.", "줄을 읽는 순간 표시하세요. 이미 종료가 시작됐다면 거절로 큐에 넣고, 차례가 오면 'ERR shutting down'으로 답하세요."),
    section: 'in-flight',
  },
  'refused-accepted-line': {
    summary: text('{sent} was accepted before the trigger (it waited behind a WORK), but got "ERR shutting down".', '{sent}은(는) 트리거 전에 받은 줄인데(WORK 뒤에서 기다리던 줄) "ERR shutting down"을 받았습니다.'),
    cause: text(
      'The server decides "refused or not" when a line\'s turn comes, not when it was read. A line that was already read, and only waited in the queue, is accepted: it must be executed.',
      '서버가 "거절할지"를 줄을 읽은 때가 아니라 차례가 온 때에 정합니다. 이미 읽었고 큐에서 기다리기만 한 줄은 받은 줄이므로 실행해야 합니다.',
    ),
    fix: text('Mark a line as refused when it is read (in the \'data\' handler, if the shutdown has begun), and keep that mark in the queue.', "줄을 읽을 때('data' 핸들러에서, 종료가 시작됐다면) 거절 표시를 하고, 그 표시를 큐에 함께 넣어 두세요."),
    section: 'in-flight',
  },
  'late-line-not-refused': {
    summary: text('{sent}, read after the trigger on a connection still draining, got no "ERR shutting down" (next came {got}).', '마무리 중인 연결에서 트리거 뒤에 읽은 {sent}에 "ERR shutting down"이 없었습니다(다음에 온 것: {got}).'),
    cause: text(
      'Lines read after the trigger were dropped in silence. The client then cannot tell a line that was refused from one that is still waiting for its answer.',
      '트리거 뒤에 읽은 줄을 조용히 버렸습니다. 그러면 클라이언트는 거절된 줄과 아직 답을 기다리는 줄을 구별할 수 없습니다.',
    ),
    fix: text("Queue a line read during the drain as refused, and answer it 'ERR shutting down' after the replies before it.", "마무리 중에 읽은 줄은 거절로 큐에 넣고, 앞선 답들 뒤에 'ERR shutting down'으로 답하세요."),
    section: 'in-flight',
  },
  // ── the deadline and the exit ────────────────────────────────────────────────────────────
  'deadline-too-early': {
    summary: text('A connection was cut off {ms} ms after the trigger: the deadline is 2000 ms.', '트리거 {ms}ms 뒤에 연결이 끊겼습니다. 마감은 2000ms입니다.'),
    cause: text('The deadline timer is shorter than 2000 ms, or started before the trigger: work that had time to finish is destroyed.', '마감 타이머가 2000ms보다 짧거나 트리거 전에 시작됐습니다. 끝낼 시간이 있던 일이 파괴됩니다.'),
    fix: text('setTimeout(destroyAll, 2000) in the shutdown, once, at the first trigger.', 'shutdown 안에서, 첫 트리거에 한 번만 setTimeout(destroyAll, 2000)을 거세요.'),
    section: 'the-deadline',
  },
  'never-exited': {
    summary: text('The server was still running {ms} ms after {how}.', '{how} {ms}ms 뒤에도 서버가 실행 중이었습니다.'),
    cause: text(
      "Something kept the process alive: server.close() alone waits for every connection, and a client that never closes its side keeps it open forever; or there is no deadline; or stdin, a timer or a socket left open holds the event loop after everything else is done.",
      '무언가가 프로세스를 살려 두었습니다. server.close()만으로는 모든 연결이 끝날 때까지 기다리는데, 자기 쪽을 닫지 않는 클라이언트가 있으면 영원히 열려 있습니다. 또는 마감이 없거나, 모두 끝난 뒤에도 stdin이나 타이머나 열린 소켓이 이벤트 루프를 붙잡고 있습니다.',
    ),
    fix: text('Keep the deadline: after 2000 ms destroy() every connection still open, then process.exit(0). And when the last connection closes, process.exit(0) at once.', '마감을 지키세요. 2000ms 뒤 아직 열린 모든 연결을 destroy()하고 process.exit(0). 그리고 마지막 연결이 닫히면 바로 process.exit(0).'),
    section: 'the-deadline',
  },
  'waited-for-deadline': {
    summary: text('Every connection had closed, but the server exited only {ms} ms later.', '모든 연결이 닫혔는데 서버는 {ms}ms 뒤에야 끝났습니다.'),
    cause: text(
      'The exit waits for the deadline timer whatever happens. A server with nothing left to do should go at once: on a deploy, every second it lingers is a second the new version waits.',
      '무슨 일이 있어도 마감 타이머를 기다렸다가 끝납니다. 할 일이 남지 않은 서버는 바로 끝나야 합니다. 배포할 때 오래 머무는 매 초마다 새 버전이 기다립니다.',
    ),
    fix: text("In each connection's 'close' handler: if draining and no connection is left, process.exit(0).", "연결마다 'close' 핸들러에서: 마무리 중이고 남은 연결이 없으면 process.exit(0)."),
    section: 'the-exit',
  },
  'wrong-exit-code': {
    summary: text('The server exited with code {code}; expected {want} ({why}).', '서버가 종료 코드 {code}(으)로 끝났습니다. 기대한 코드는 {want}입니다({why}).'),
    cause: text(
      "A graceful shutdown, even one that had to destroy stragglers at the deadline, exits 0: systemd and Kubernetes read anything else as a failure and may restart or alert. A second trigger is the operator insisting: exit 1.",
      '마감 시각에 남은 연결을 파괴해야 했더라도, 정상 종료는 0으로 끝납니다. systemd와 Kubernetes는 다른 값을 실패로 보고 재시작하거나 경보를 울릴 수 있습니다. 두 번째 트리거는 운영자가 재촉한 것이니 1로 끝냅니다.',
    ),
    fix: text('process.exit(0) when drained or at the deadline; process.exit(1) on the second trigger.', '마무리가 끝났거나 마감이 되면 process.exit(0), 두 번째 트리거에는 process.exit(1).'),
    section: 'the-exit',
  },
  'second-trigger-ignored': {
    summary: text('A second trigger ({how}) during the drain did not end the server: still running {ms} ms later.', '마무리 중의 두 번째 트리거({how})가 서버를 끝내지 않았습니다. {ms}ms 뒤에도 실행 중입니다.'),
    cause: text(
      'The trigger handler returns when a shutdown is already under way (or a flag makes the second trigger do nothing). An operator who presses Ctrl-C twice wants out now.',
      '종료가 이미 진행 중이면 트리거 핸들러가 그냥 return합니다(또는 플래그 때문에 두 번째 트리거가 아무 일도 하지 않습니다). Ctrl-C를 두 번 누른 운영자는 지금 당장 끝내길 원합니다.',
    ),
    fix: text('In the trigger handler: if already draining, destroy() every connection and process.exit(1).', "트리거 핸들러에서: 이미 마무리 중이면 모든 연결을 destroy()하고 process.exit(1)."),
    section: 'second-trigger',
  },
  'second-signal-not-handled': {
    summary: text(
      'The second trigger ({how}, after {first}) killed the server by the signal ({exit}) instead of an exit with code 1.',
      '두 번째 트리거({first} 다음의 {how})에 서버가 코드 1로 끝나지 않고 시그널에 죽었습니다({exit}).',
    ),
    cause: text(
      "The signal's listener was gone by the second time: registered with process.once(), or removed in the shutdown. With no listener left, Node does what the system does by default and the signal kills the process: no cleanup, no exit code, and a supervisor reads a death by signal as a crash. A mix (stdin then SIGTERM, SIGTERM then SIGINT) still works, so only the same signal twice shows it.",
      '두 번째로 올 때는 그 시그널의 리스너가 없었습니다. process.once()로 달았거나 종료 중에 떼어 냈습니다. 리스너가 없으면 Node는 시스템 기본 동작을 따르고, 시그널이 프로세스를 죽입니다. 정리도 종료 코드도 없고, 감독 프로그램은 시그널에 죽은 것을 장애로 봅니다. 섞어 보내면(stdin 다음 SIGTERM, SIGTERM 다음 SIGINT) 여전히 동작하니, 같은 시그널을 두 번 보내야만 드러납니다.',
    ),
    fix: text(
      "process.on('SIGTERM', …) and process.on('SIGINT', …), not once(), kept for the whole life of the process; the handler itself sees that a shutdown is under way and does process.exit(1).",
      "process.once()가 아니라 process.on('SIGTERM', …)과 process.on('SIGINT', …)로 달고, 프로세스가 살아 있는 내내 그대로 두세요. 이미 종료 중인지는 핸들러가 스스로 보고 process.exit(1)을 부릅니다.",
    ),
    section: 'second-trigger',
  },
});

export type Reason = keyof typeof mistakes;
export type Ctx = ScenarioContext<Reason>;
