/**
 * Lesson 10 — every failure its checks can report, once, in both languages. The scenarios
 * (checks.ts) and their steps (steps.ts) only name a reason and give its facts.
 */
import { text } from '../../../src/i18n.ts';
import { defineMistakes } from '../../../src/checks/mistakes.ts';

const section = {
  protocol: 'the-protocol',
  timers: 'timeouts-and-retries',
  matching: 'matching-replies',
  output: 'the-output',
  closing: 'closing',
  connected: 'connected-or-not',
};

export const mistakes = defineMistakes({
  'no-request': {
    summary: text('Your client sent no datagram to 127.0.0.1:{port}.', '클라이언트가 127.0.0.1:{port}에 데이터그램을 보내지 않았습니다.'),
    cause: text('The client must send to HOST and PORT from the environment (the checker passes its own).', '클라이언트는 환경 변수 HOST와 PORT로 보내야 합니다(검사기가 자기 주소를 넘겨 줍니다).'),
    fix: text('socket.send(`PING ${seq} ${token}`, PORT, HOST) with PORT = Number(process.env.PORT ?? 8080)', 'PORT = Number(process.env.PORT ?? 8080)로 두고 socket.send(`PING ${seq} ${token}`, PORT, HOST)'),
    section: section.protocol,
  },
  'bad-request-format': {
    summary: text('A request is not "PING <seq> <token>" with seq from 1 to --count.', '요청이 seq가 1부터 --count까지인 "PING <seq> <token>" 형식이 아닙니다.'),
    cause: text('A datagram is the whole message: no "\\n" at the end. Seqs start at 1; the token is 1–32 letters or digits.', '데이터그램이 메시지 전체이므로 끝에 "\\n"을 붙이지 않습니다. seq는 1부터 시작하고, token은 영문자나 숫자 1–32자입니다.'),
    fix: text("socket.send(`PING ${seq} ${crypto.randomBytes(4).toString('hex')}`, PORT, HOST)", "socket.send(`PING ${seq} ${crypto.randomBytes(4).toString('hex')}`, PORT, HOST)"),
    section: section.protocol,
  },
  'token-reused': {
    summary: text('The token {token} was sent more than once.', 'token {token}을(를) 두 번 이상 보냈습니다.'),
    cause: text(
      'With one token per seq (or per run), a reply does not say which attempt it answers, so a late reply to attempt 1 looks like a fast reply to attempt 2 and the RTT is wrong. A fixed token also lets anyone who saw one packet forge replies.',
      'seq마다(또는 실행마다) token이 하나면 응답이 어느 시도에 대한 것인지 알 수 없습니다. 그러면 1번째 시도에 대한 늦은 응답이 2번째 시도에 대한 빠른 응답처럼 보여 RTT가 틀립니다. 고정된 token은 패킷 하나만 본 누구라도 응답을 위조하게 해 줍니다.',
    ),
    fix: text("const token = crypto.randomBytes(4).toString('hex') inside the function that sends one attempt; remember each token's send time.", "시도 하나를 보내는 함수 안에서 const token = crypto.randomBytes(4).toString('hex'); token마다 보낸 시각을 기억하세요."),
    section: section.matching,
  },
  'no-timeout': {
    summary: text('Your client never retried and never finished: it was still waiting after {ms} ms.', '클라이언트가 재시도도, 마무리도 하지 않고 {ms}ms가 지나도 기다리고 있었습니다.'),
    cause: text('UDP never tells you a datagram was lost: no error, no close, just silence. Without a timer of your own, a lost PING is waited for forever.', 'UDP는 데이터그램을 잃어버렸다고 알려 주지 않습니다. 오류도, 종료도 없이 조용할 뿐입니다. 직접 건 타이머가 없으면 잃어버린 PING을 영원히 기다립니다.'),
    fix: text('After each send: timer = setTimeout(retryOrGiveUp, timeout); clearTimeout(timer) when the reply comes.', '보낼 때마다 timer = setTimeout(retryOrGiveUp, timeout); 응답이 오면 clearTimeout(timer).'),
    section: section.timers,
  },
  'unlimited-retries': {
    summary: text('Your client sent seq {s} {n} times and was still going after {ms} ms.', '클라이언트가 seq {s}을(를) {n}번 보냈고 {ms}ms가 지나도 멈추지 않았습니다.'),
    cause: text('The retry has no cap: a server that is gone (or a seq the network always loses) keeps the client retrying forever.', '재시도에 상한이 없습니다. 서버가 없거나 네트워크가 늘 잃어버리는 seq라면 클라이언트는 영원히 재시도합니다.'),
    fix: text('Count the attempts per seq; when attempts > retries, print "seq=N lost" instead of sending again.', 'seq마다 시도 횟수를 세고, 시도 횟수가 retries를 넘으면 다시 보내지 말고 "seq=N lost"를 출력하세요.'),
    section: section.timers,
  },
  'too-many-retries': {
    summary: text('Your client sent seq {s} {n} times; --retries {r} allows {m}.', '클라이언트가 seq {s}을(를) {n}번 보냈습니다. --retries {r}이면 {m}번까지입니다.'),
    cause: text('--retries counts the retries after the first attempt: --retries 2 means 3 sends at most. Or a retry was sent after the reply had come (a timer not cleared).', '--retries는 첫 시도 뒤의 재시도 횟수입니다. --retries 2는 최대 3번 보낸다는 뜻입니다. 또는 응답이 온 뒤에도 재시도를 보냈습니다(타이머를 지우지 않음).'),
    fix: text('if (attempts <= retries) send again; else print "seq=N lost". clearTimeout(timer) as soon as the reply comes.', 'if (attempts <= retries)이면 다시 보내고, 아니면 "seq=N lost"를 출력하세요. 응답이 오면 바로 clearTimeout(timer).'),
    section: section.timers,
  },
  'too-few-retries': {
    summary: text('Seq {s} was given up after {n} attempt(s); --retries {r} means {m}.', 'seq {s}을(를) {n}번 시도하고 포기했습니다. --retries {r}이면 {m}번입니다.'),
    cause: text(
      '--retries counts the retries after the first attempt, so a seq nobody answers is sent --retries + 1 times. An off-by-one (attempts < retries instead of attempts <= retries, with attempts counting the sends so far) gives up one attempt early.',
      '--retries는 첫 시도 뒤의 재시도 횟수이므로, 아무도 답하지 않는 seq는 --retries + 1번 보냅니다. 하나 차이 실수(지금까지 보낸 횟수인 attempts로 attempts <= retries 대신 attempts < retries를 씀)는 한 번 일찍 포기합니다.',
    ),
    fix: text('After attempt k times out: if (k <= RETRIES) send again; else print "seq=N lost".', 'k번째 시도가 시간을 넘기면 if (k <= RETRIES)이면 다시 보내고, 아니면 "seq=N lost"를 출력하세요.'),
    section: section.timers,
  },
  'timeout-too-long': {
    summary: text('Seq {s}: {what} {g} ms after attempt {n}; --timeout is {t} ms.', 'seq {s}: {n}번째 시도 {g}ms 뒤에 {what}. --timeout은 {t}ms입니다.'),
    cause: text(
      'Every attempt waits exactly --timeout ms, the last one included. A timer that grows from attempt to attempt (an exponential backoff: 300, 600, 1200 ms), or one timer per seq instead of per attempt, makes the client wait longer than the flag says.',
      '시도마다, 마지막 시도까지도 정확히 --timeout ms를 기다립니다. 시도할수록 늘어나는 타이머(지수 백오프: 300, 600, 1200ms)나 시도마다가 아니라 seq마다 하나인 타이머는 플래그가 말하는 것보다 오래 기다리게 합니다.',
    ),
    fix: text('setTimeout(onTimeout, TIMEOUT) after every send, with the same TIMEOUT each time.', '보낼 때마다 매번 같은 TIMEOUT으로 setTimeout(onTimeout, TIMEOUT).'),
    section: section.timers,
  },
  'ignores-flags': {
    summary: text('Your client does not keep to {flag}: {what}.', '클라이언트가 {flag}을(를) 지키지 않습니다: {what}.'),
    cause: text(
      'The value used is not the one given: a hard-coded value, a unit mix-up (setTimeout takes milliseconds), a flag never read, a seq given up before its timer, or new seqs spaced by something other than --interval.',
      '주어진 값을 쓰지 않습니다. 코드에 고정된 값이거나, 단위를 착각했거나(setTimeout은 밀리초를 받습니다), 플래그를 읽지 않았거나, 타이머가 끝나기 전에 seq를 포기했거나, 새 seq 사이 간격이 --interval이 아닙니다.',
    ),
    fix: text(
      "Parse the flags (parseArgs({ options: { count: { type: 'string' }, … } }), Number(values.count)) and use them as given, in ms: setTimeout(onTimeout, TIMEOUT) after every send, setTimeout(next, INTERVAL) for the next seq, seqs 1 … COUNT.",
      "플래그를 해석해(parseArgs({ options: { count: { type: 'string' }, … } }), Number(values.count)) 주어진 값을 밀리초 그대로 쓰세요. 보낼 때마다 setTimeout(onTimeout, TIMEOUT), 다음 seq는 setTimeout(next, INTERVAL), seq는 1 … COUNT.",
    ),
    section: section.protocol,
  },
  'sends-one-at-a-time': {
    summary: text('Your client sent seq {s} only after the last attempt of seq {p}.', '클라이언트가 seq {p}의 마지막 시도 뒤에야 seq {s}을(를) 보냈습니다.'),
    cause: text(
      'A send-and-wait loop: one seq in flight at a time. Like ping, the client starts a new seq every --interval ms, and each seq has its own timer; several are in flight at once, so replies must be matched by seq and token, not by order.',
      '보내고 기다리는 반복문이라 한 번에 seq 하나만 오갑니다. ping처럼 클라이언트는 --interval ms마다 새 seq를 시작하고, seq마다 자기 타이머가 있습니다. 여러 개가 동시에 오가므로 응답은 순서가 아니라 seq와 token으로 맞춰야 합니다.',
    ),
    fix: text("Start seqs with setTimeout(next, interval), independently of replies; keep each seq's state in a Map.", '응답과 상관없이 setTimeout(next, interval)로 seq를 시작하고, seq마다 상태를 Map에 두세요.'),
    section: section.matching,
  },
  'matched-by-arrival-order': {
    summary: text('Seq {s} was reported as answered, but {what}.', 'seq {s}이(가) 응답받은 것으로 보고되었지만, {what}.'),
    cause: text(
      "A reply meant for another seq (a duplicate, a late or reordered one) was taken as this seq's: replies were matched by when they came, not by what they say.",
      '다른 seq에 대한 응답(중복, 늦은 응답, 순서가 바뀐 응답)을 이 seq의 것으로 받았습니다. 응답을 담긴 내용이 아니라 도착 순서로 맞췄습니다.',
    ),
    fix: text(
      'Parse "PONG <seq> <token>", look the seq up in your in-flight Map, and accept it only if the token is one you sent for that seq (Map token → send time).',
      '"PONG <seq> <token>"을 해석해 진행 중 Map에서 seq를 찾고, 그 seq에 보낸 token일 때만(token → 보낸 시각 Map) 받으세요.',
    ),
    section: section.matching,
  },
  'accepted-spoofed-reply': {
    summary: text('Seq {s}: your client accepted a PONG that came from {from}, not from the server.', 'seq {s}: 클라이언트가 서버가 아닌 {from}에서 온 PONG을 받았습니다.'),
    cause: text(
      "Anyone can send a datagram to your port. A reply counts only if rinfo.address and rinfo.port are both the server's (HOST and PORT): the address alone is not enough, every program on the machine shares it; the port alone is not enough either, any other host (or another loopback address, 127.0.0.2) can send from the same port number.",
      '누구나 내 포트로 데이터그램을 보낼 수 있습니다. rinfo.address와 rinfo.port가 둘 다 서버의 것(HOST와 PORT)일 때만 응답으로 칩니다. 주소만으로는 부족합니다. 같은 컴퓨터의 모든 프로그램이 그 주소를 씁니다. 포트만으로도 부족합니다. 다른 호스트(또는 127.0.0.2 같은 다른 루프백 주소)도 같은 포트 번호에서 보낼 수 있습니다.',
    ),
    fix: text("if (rinfo.address !== HOST || rinfo.port !== PORT) return; at the top of the 'message' handler.", "'message' 핸들러 맨 앞에서 if (rinfo.address !== HOST || rinfo.port !== PORT) return;"),
    section: section.matching,
  },
  'accepted-wrong-token': {
    summary: text('Seq {s}: your client accepted a PONG with a token it never sent.', 'seq {s}: 클라이언트가 보낸 적 없는 token이 담긴 PONG을 받았습니다.'),
    cause: text(
      'The seq matched but the token did not: it answers no attempt you made (an old run, a forger). Match the seq AND a token you sent for it.',
      'seq는 맞지만 token이 다릅니다. 내가 한 어떤 시도에 대한 응답도 아닙니다(예전 실행이나 위조). seq와, 그 seq에 보낸 token을 함께 맞춰야 합니다.',
    ),
    fix: text(
      'Parse "PONG <seq> <token>", look the seq up in your in-flight Map, and accept it only if the token is one you sent for that seq (Map token → send time).',
      '"PONG <seq> <token>"을 해석해 진행 중 Map에서 seq를 찾고, 그 seq에 보낸 token일 때만(token → 보낸 시각 Map) 받으세요.',
    ),
    section: section.matching,
  },
  'timer-not-cleared': {
    summary: text('A retry timer was still running after its seq had settled: {what}.', 'seq가 끝난 뒤에도 재시도 타이머가 돌고 있었습니다: {what}.'),
    cause: text(
      "When a reply settles a seq, the timer that is running is the one of its LAST attempt — not necessarily the attempt that was answered (a late reply to attempt 1 can come after attempt 2 was sent). Clearing only the answered attempt's timer leaves the retry's timer armed: it sends again, prints \"lost\" for a seq already answered, or crashes on the closed socket.",
      'seq를 끝내는 응답이 왔을 때 돌고 있는 타이머는 그 seq의 마지막 시도의 것입니다. 응답받은 시도의 것이라는 보장이 없습니다(1번째 시도에 대한 늦은 응답이 2번째 시도를 보낸 뒤에 올 수 있습니다). 응답받은 시도의 타이머만 지우면 재시도의 타이머가 살아남아 다시 보내거나, 이미 응답받은 seq에 "lost"를 출력하거나, 닫힌 소켓에서 죽습니다.',
    ),
    fix: text("Keep one timer per seq (the current attempt's) and clearTimeout(ping.timer) in settle, whichever attempt was answered.", 'seq마다 타이머 하나(지금 시도의 것)를 두고, 어느 시도가 응답받았든 settle에서 clearTimeout(ping.timer)하세요.'),
    section: section.timers,
  },
  'counted-duplicate': {
    summary: text('A reply was counted more than once: {what}.', '응답 하나를 두 번 이상 셌습니다: {what}.'),
    cause: text(
      'A duplicate or late reply for a seq that was already settled was treated as new. UDP may deliver a datagram twice, and a reply may come after you gave up.',
      '이미 끝난 seq에 대한 중복 응답이나 늦은 응답을 새것으로 다뤘습니다. UDP는 데이터그램을 두 번 전할 수도 있고, 포기한 뒤에 응답이 올 수도 있습니다.',
    ),
    fix: text('Delete a seq from your in-flight Map when it settles; ignore replies for seqs not in the Map; count a seq as received once, when it settles.', 'seq가 끝나면 진행 중 Map에서 지우고, Map에 없는 seq의 응답은 무시하고, received는 seq가 끝날 때 한 번만 세세요.'),
    section: section.matching,
  },
  'missed-reply': {
    summary: text('Seq {s} was reported lost, but the server answered it.', '서버가 seq {s}에 답했는데 lost로 보고되었습니다.'),
    cause: text(
      "The reply came from the server's address and port with the seq and a token you sent, while the seq was still waiting, and was not accepted: check the parsing (no trailing newline in a datagram) and the address comparison (rinfo.address is '127.0.0.1').",
      "seq가 아직 기다리는 동안 응답이 서버의 주소와 포트에서, 내가 보낸 seq와 token을 담고 왔는데 받지 않았습니다. 해석 코드(데이터그램 끝에는 줄바꿈이 없음)와 주소 비교(rinfo.address는 '127.0.0.1')를 확인하세요.",
    ),
    section: section.matching,
  },
  'wrong-attempts': {
    summary: text('Seq {s}: attempts={a}, but the server received {n} attempt(s).', 'seq {s}: attempts={a}인데 서버는 {n}번 받았습니다.'),
    cause: text('attempts is how many times this seq was sent, counting the first send.', 'attempts는 첫 전송을 포함해 이 seq를 보낸 횟수입니다.'),
    fix: text('Count every send of the seq, the first included, and print that count when the seq settles.', '첫 전송을 포함해 seq를 보낼 때마다 세고, seq가 끝날 때 그 수를 출력하세요.'),
    section: section.matching,
  },
  'wrong-rtt': {
    summary: text('Seq {s} reports rtt={r}ms, but {what}.', 'seq {s}의 rtt가 {r}ms인데, {what}.'),
    cause: text(
      "The RTT was measured from the wrong send. Too short: one shared \"last sent\" time, or the time of another seq's PING. Too long: the seq's first attempt instead of the one whose token came back, or the wrong unit (performance.now() is already in ms). Each attempt needs its own send time.",
      'RTT를 엉뚱한 전송부터 쟀습니다. 너무 짧으면 공유된 "마지막 전송" 시각이나 다른 seq의 PING 시각을 쓴 것이고, 너무 길면 토큰이 돌아온 시도가 아니라 seq의 첫 시도부터 쟀거나 단위가 틀린 것입니다(performance.now()는 이미 ms입니다). 시도마다 자기 전송 시각이 필요합니다.',
    ),
    fix: text('sentAt.set(token, performance.now()) when sending; rtt = performance.now() - sentAt.get(token) when its PONG comes.', '보낼 때 sentAt.set(token, performance.now()), 그 PONG이 오면 rtt = performance.now() - sentAt.get(token).'),
    section: section.matching,
  },
  'line-printed-late': {
    summary: text('{what} reached the checker {g} ms after {after}.', '{after} {g}ms 뒤에야 {what}이(가) 검사기에 도착했습니다.'),
    cause: text(
      'A seq\'s line is printed when the seq settles (its reply, or its last timeout), and the summary right after the last one: lines collected and printed all at the end, or printed from a timer of their own, come late. (Lines are timed when they reach the checker; "seq=N lost" is held to --timeout instead.)',
      'seq 줄은 seq가 끝날 때(응답이 오거나 마지막 타임아웃이 지날 때) 출력하고, 요약은 마지막 seq 바로 뒤에 출력합니다. 줄을 모아 두었다가 끝에 한꺼번에 출력하거나 별도 타이머로 출력하면 늦습니다. (줄은 검사기에 도착한 시각으로 잽니다. "seq=N lost"는 대신 --timeout으로 잽니다.)',
    ),
    fix: text('console.log the line inside settle(), as the reply is accepted; print the summary in the same call that settles the last seq.', 'settle() 안에서, 응답을 받는 그 자리에서 console.log로 줄을 출력하고, 요약은 마지막 seq를 끝내는 같은 호출에서 출력하세요.'),
    section: section.output,
  },
  'bad-output-format': {
    summary: text('The output is not in the exact format: {what}.', '출력이 정해진 형식이 아닙니다: {what}.'),
    cause: text('The format is exact: single spaces, "ms" right after the number, no extra words on these lines (logs go to stderr), and the summary last.', '형식은 정확해야 합니다. 공백 하나씩, 숫자 바로 뒤에 "ms", 이 줄들에 다른 말 없음(로그는 stderr로), 그리고 요약은 마지막입니다.'),
    fix: text('console.log(`seq=${seq} rtt=${rtt.toFixed(2)}ms attempts=${attempts}`) or `seq=${seq} lost`; the summary once every seq has settled.', 'console.log(`seq=${seq} rtt=${rtt.toFixed(2)}ms attempts=${attempts}`) 또는 `seq=${seq} lost`; 요약은 모든 seq가 끝난 뒤에.'),
    section: section.output,
  },
  'extra-stdout-line': {
    summary: text('Your client printed a line on stdout that is neither a seq line nor the summary ({n} such line(s)).', '클라이언트가 stdout에 seq 줄도 요약도 아닌 줄을 출력했습니다({n}줄).'),
    cause: text(
      'stdout is the program\'s answer: a script reading it (or the checker) expects exactly the lines the output section lists. A progress or debug message such as "retrying seq 3" printed with console.log lands in the middle of them.',
      'stdout은 프로그램의 답입니다. 그것을 읽는 스크립트(나 검사기)는 출력 절에 적힌 줄만 기대합니다. console.log로 찍은 "retrying seq 3" 같은 진행·디버그 메시지는 그 줄들 사이에 끼어듭니다.',
    ),
    fix: text('Print logs with console.error (stderr); keep console.log for the seq lines and the summary.', '로그는 console.error(stderr)로 찍고, console.log는 seq 줄과 요약에만 쓰세요.'),
    section: section.output,
  },
  'missing-seq-line': {
    summary: text('No line for seq {s}.', 'seq {s}에 대한 줄이 없습니다.'),
    cause: text('Every seq ends as a reply line or a "lost" line; once all have ended, the summary is printed.', '모든 seq는 응답 줄이나 "lost" 줄로 끝나고, 모두 끝나면 요약을 출력합니다.'),
    section: section.output,
  },
  'missing-summary': {
    summary: text('The summary line "sent=… received=… lost=… loss=…%" is missing.', '요약 줄 "sent=… received=… lost=… loss=…%"이 없습니다.'),
    cause: text('Every seq ends as a reply line or a "lost" line; once all have ended, the summary is printed.', '모든 seq는 응답 줄이나 "lost" 줄로 끝나고, 모두 끝나면 요약을 출력합니다.'),
    section: section.output,
  },
  'wrong-summary': {
    summary: text('The summary does not add up with the seq lines.', '요약이 seq 줄들과 맞지 않습니다.'),
    cause: text('sent = --count, received = seqs answered, lost = seqs lost, loss = round(100 × lost / sent).', 'sent는 --count, received는 응답받은 seq 수, lost는 잃어버린 seq 수, loss는 round(100 × lost / sent)입니다.'),
    fix: text('Count a seq as received only when it settles with a reply (once), and derive the rest.', 'seq가 응답으로 끝날 때 한 번만 received로 세고, 나머지는 거기서 계산하세요.'),
    section: section.output,
  },
  'wrong-exit-code': {
    summary: text('Your client exited with code {c}; with {r} seq(s) answered it should exit {e}.', '클라이언트가 종료 코드 {c}(으)로 끝났습니다. 응답받은 seq가 {r}개이면 종료 코드는 {e}입니다.'),
    cause: text('Exit 0 if at least one reply arrived, 1 if none did: scripts rely on it.', '응답이 하나라도 오면 0, 하나도 안 오면 1로 끝냅니다. 스크립트가 이 값에 기댑니다.'),
    fix: text('process.exitCode = received > 0 ? 0 : 1; then close the socket.', 'process.exitCode = received > 0 ? 0 : 1; 그리고 소켓을 닫으세요.'),
    section: section.output,
  },
  'socket-not-closed': {
    summary: text('Your client printed its summary but was still running {ms} ms later.', '클라이언트가 요약을 출력했지만 {ms}ms가 지나도 실행 중이었습니다.'),
    cause: text('A bound dgram socket keeps Node alive: with nothing else to do, the process still waits for datagrams that will never come.', '바인딩된 dgram 소켓은 Node를 살려 둡니다. 할 일이 없어도 프로세스는 오지 않을 데이터그램을 계속 기다립니다.'),
    fix: text('Call socket.close() after printing the summary (and clear every timer).', '요약을 출력한 뒤 socket.close()를 호출하세요(타이머도 모두 정리하고요).'),
    section: section.closing,
  },
  'client-hangs': {
    summary: text('Your client was still running after {ms} ms.', '{ms}ms가 지나도 클라이언트가 실행 중이었습니다.'),
    cause: text('Some seq was never settled (neither a reply nor "lost"), or the program waits for something else.', '어떤 seq가 끝나지 않았거나(응답도 "lost"도 아님), 프로그램이 다른 무언가를 기다립니다.'),
    section: section.timers,
  },
  'crashed-on-icmp-error': {
    summary: text('With nothing listening, your client crashed: {how}, ECONNREFUSED.', '아무도 없는 포트에서 클라이언트가 죽었습니다: {how}, ECONNREFUSED.'),
    cause: text(
      "A connected UDP socket (socket.connect()) receives the kernel's ICMP \"port unreachable\" as an 'error' event (recvmsg ECONNREFUSED); with no 'error' listener, Node ends the process. An unconnected socket is never told.",
      "연결된 UDP 소켓(socket.connect())은 커널의 ICMP \"port unreachable\"을 'error' 이벤트(recvmsg ECONNREFUSED)로 받습니다. 'error' 리스너가 없으면 Node가 프로세스를 끝냅니다. 연결하지 않은 소켓은 이 소식을 듣지 못합니다.",
    ),
    fix: text(
      "Add socket.on('error', …) that logs and carries on (the timers still settle each seq), or use an unconnected socket and check rinfo yourself.",
      "기록만 하고 계속 진행하는 socket.on('error', …)를 추가하세요(각 seq는 타이머가 마무리합니다). 아니면 연결하지 않은 소켓을 쓰고 rinfo를 직접 확인하세요.",
    ),
    section: section.connected,
  },
  'wrong-output-no-server': {
    summary: text('With nothing listening, the output is not three "lost" lines and the summary.', '아무도 없는 포트에서 출력이 "lost" 줄 셋과 요약이 아닙니다.'),
    cause: text('Every seq still ends: after its last attempt times out it is "lost". Nothing answering is the normal UDP way of saying "no server".', '모든 seq는 그래도 끝납니다. 마지막 시도가 시간을 넘기면 "lost"입니다. 아무도 답하지 않는 것이 UDP가 "서버 없음"을 말하는 보통의 방식입니다.'),
    fix: text('Settle every seq from its timers: after the last attempt\'s timeout, print "seq=N lost"; then the summary.', '모든 seq를 타이머로 마무리하세요. 마지막 시도의 타임아웃 뒤 "seq=N lost"를 출력하고, 그다음 요약.'),
    section: section.output,
  },
});

export type Reason = keyof typeof mistakes;
