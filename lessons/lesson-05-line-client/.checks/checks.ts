/**
 * Lesson 05 — hidden checks. The learner writes the client of lesson 04's line protocol;
 * the checker plays the server and misbehaves on purpose: it answers in pieces, cut inside
 * characters, all at once, slowly, not at all, or it closes or resets the connection. A last
 * scenario runs the client against lesson 04's reference server.
 *
 * The contract (README "the protocol"): `client.ts CMD…` sends each CMD + '\n', then
 * 'QUIT\n', without waiting; prints reply i (the answer to CMD i) on a line of its own as it
 * arrives; reply N+1 must be BYE; exit 0 after BYE, 1 on a connection or protocol error, 2
 * after 2000 ms without data from the server.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import {
  acceptClient,
  defineScenarios,
  describeExit,
  type FailureDetails,
  fill,
  programFailure,
  quoted,
  text,
  type PeerSocket,
  type ScenarioContext,
  type Text,
} from '../../../src/checks/kit.ts';
import { CheckFailure } from '../../../src/checks/scenario.ts';
import { checkGenerated, splitAt } from '../../../src/checks/generate.ts';
import { Transcript } from '../../../src/peers/transcript.ts';
import { clientCases, closesAfter, modelReply, streamOf, type ClientCase } from './model.ts';

type Program = ReturnType<ScenarioContext['startProgram']>;
type Exit = NonNullable<Program['exitInfo']>;

const HERE = path.dirname(fileURLToPath(import.meta.url));
const COURSE_ROOT = path.resolve(HERE, '../../..');
const LESSON_04_SERVER = path.join(COURSE_ROOT, 'solutions', 'lesson-04-line-protocol', 'server.ts');

/** The client's idle timeout, as the README states it. */
const CLIENT_TIMEOUT_MS = 2000;
/** An exit on timeout counts if it comes this long after the server fell silent… */
const TIMEOUT_EARLIEST_MS = 1500;
/** …and no later than this (generous: the machine may be loaded). */
const TIMEOUT_LATEST_MS = 6500;

const who = {
  client: text('your client', '내 클라이언트'),
  checkerServer: text('checker (server)', '검사기 (서버)'),
  lesson04: text('lesson 04 reference server', '레슨 04 참고 서버'),
};

/** Lesson 04's answer to one command (the ones these checks send). */
function answer(command: string): string {
  if (command === 'PING') return 'PONG';
  if (command === 'QUIT') return 'BYE';
  if (command.startsWith('ECHO ')) return command.slice(5);
  if (command.startsWith('LEN ')) {
    const s = command.slice(4);
    return `${[...s].length} ${Buffer.byteLength(s)}`;
  }
  throw new Error(`checks: no answer defined for ${command}`);
}

const STANDARD = ['PING', 'ECHO 안녕', 'LEN 😀'];

/** One run of the learner's client against the checker acting as the server. */
interface Session {
  ctx: ScenarioContext;
  peer: PeerSocket;
  client: Program;
  commands: string[];
  /** The replies the client must print, in order (BYE not included). */
  replies: string[];
}

async function open(
  ctx: ScenarioContext,
  commands: string[],
  o: { replies?: string[]; transcript?: (left: Text, right: Text) => Transcript } = {},
): Promise<Session> {
  const t = (o.transcript ?? ((l: Text, r: Text) => ctx.transcript(l, r)))(who.client, who.checkerServer);
  const server = await ctx.listenPeer(t);
  const client = ctx.startClient({ port: server.port, args: commands });
  const peer = await acceptClient(ctx, server, client, 5000);
  return { ctx, peer, client, commands, replies: o.replies ?? commands.map(answer) };
}

const sent = (lines: string[]) => quoted(lines.map((l) => `${l}\n`).join(''));

/**
 * Reads command line `i` (the QUIT after the last command when i = N) and holds it to what
 * the client was asked to send. `pipelined`: the checker has answered nothing yet, so a
 * missing line means the client is waiting for a reply before it sends the next one.
 */
async function readCommand(s: Session, i: number, ms: number, pipelined: boolean): Promise<void> {
  const ctx: ScenarioContext = s.ctx;
  const { peer, commands } = s;
  const all = [...commands, 'QUIT'];
  const want = all[i]!;
  const line = await peer.readLine(ms);
  if (line.ok) {
    const got = line.value.toString('utf8').replace(/\r$/, '');
    if (got === want) return;
    const isQuit = i === commands.length;
    // What else the client sends: a QUIT still to come means this line is one too many.
    const quitLine = /(^|\n)QUIT\r?\n/;
    await peer.waitFor(() => quitLine.test(peer.unread().toString('utf8')), 500);
    const rest = peer.unread();
    const extraLine = isQuit && quitLine.test(rest.toString('utf8'));
    ctx.fail({
      reason: isQuit && !extraLine ? 'no-quit' : 'wrong-commands',
      summary: extraLine
        ? fill(
            text('Your client sent an extra line, {line}, after its {n} command(s) and before QUIT.', '클라이언트가 명령 {n}개 뒤, QUIT 앞에 줄을 하나 더 보냈습니다: {line}.'),
            { line: quoted(`${got}\n`), n: commands.length },
          )
        : isQuit
          ? text('After its commands, your client did not send QUIT.', '클라이언트가 명령을 보낸 뒤 QUIT을 보내지 않았습니다.')
          : fill(text('Command {n} is not the one given on the command line.', '{n}번째 명령이 명령줄로 받은 것과 다릅니다.'), { n: i + 1 }),
      expected: sent(all),
      actual: quoted(Buffer.concat([...all.slice(0, i).map((c) => Buffer.from(`${c}\n`)), line.value, Buffer.from('\n'), rest])),
      cause: extraLine
        ? text(
            "Every line is a command: the server answers this one too (an empty line gets ERR empty), so every reply after it moves down one place and the reply to QUIT is not BYE. With no arguments, commands.join('\\n') + '\\nQUIT\\n' sends just such an empty line.",
            "줄 하나하나가 명령입니다. 서버는 이 줄에도 답하고(빈 줄에는 ERR empty), 그 뒤의 답이 모두 한 칸씩 밀려 QUIT의 답이 BYE가 아니게 됩니다. 인자가 없을 때 commands.join('\\n') + '\\nQUIT\\n'이 바로 이런 빈 줄을 보냅니다.",
          )
        : isQuit
          ? text('The client says it is done with QUIT; the server answers BYE and closes. Without it the exchange never ends cleanly.', '클라이언트는 QUIT으로 끝났다고 알리고, 서버는 BYE로 답한 뒤 닫습니다. QUIT이 없으면 주고받기가 깔끔하게 끝나지 않습니다.')
          : text(
              'Send each argument exactly as given (process.argv.slice(2)), in order, one per line.',
              '인자를 받은 그대로(process.argv.slice(2)), 순서대로, 한 줄에 하나씩 보내야 합니다.',
            ),
      fix: text("socket.write(commands.map((c) => `${c}\\n`).join('') + 'QUIT\\n')", "socket.write(commands.map((c) => `${c}\\n`).join('') + 'QUIT\\n')"),
      section: 'the-protocol',
    });
  }
  const partial = line.partial.toString('utf8');
  if (partial !== '') {
    ctx.fail({
      reason: 'command-without-newline',
      summary: text('Your client sent a command without the newline that ends it.', '클라이언트가 명령 끝에 줄바꿈 없이 보냈습니다.'),
      expected: sent(all.slice(i)),
      actual: quoted(partial),
      cause: text("The server frames by '\\n': until it sees one, the command is not finished and nothing is answered.", "서버는 '\\n'으로 줄을 나눕니다. 줄바꿈이 오기 전에는 명령이 끝나지 않았으므로 아무 답도 하지 않습니다."),
      fix: text("End every command with '\\n', QUIT included.", "QUIT까지 모든 명령을 '\\n'으로 끝내세요."),
      section: 'the-protocol',
    });
  }
  const closed = !line.ok && line.reason === 'closed';
  const after = closed ? text('then it closed the connection', '그런 다음 연결을 닫았습니다') : fill(text('then nothing for {ms} ms', '그 뒤 {ms}ms 동안 아무것도 없었습니다'), { ms });
  if (i === 0) {
    ctx.fail({
      reason: 'no-commands',
      summary: fill(text('Your client connected but sent no command; {after}.', '클라이언트가 접속했지만 명령을 하나도 보내지 않았습니다. {after}.'), { after }),
      expected: sent(all),
      actual: text('nothing', '아무것도 없음'),
      cause: text("The commands are written once the connection is up: in net.connect's callback or on 'connect'.", "명령은 연결이 열리면 씁니다. net.connect의 콜백이나 'connect' 이벤트에서요."),
      fix: text("socket.on('connect', () => socket.write(…every command…))", "socket.on('connect', () => socket.write(…모든 명령…))"),
      section: 'pipelining',
    });
  }
  if (i === commands.length) {
    ctx.fail({
      reason: 'no-quit',
      summary: fill(text('Your client sent its commands but no QUIT; {after}.', '클라이언트가 명령은 보냈지만 QUIT을 보내지 않았습니다. {after}.'), { after }),
      expected: sent(all),
      actual: sent(all.slice(0, i)),
      cause: text('QUIT tells the server you are done; its reply BYE tells you every reply has arrived.', 'QUIT은 서버에게 끝났다고 알리고, 그 답인 BYE는 모든 답이 도착했다고 알려 줍니다.'),
      fix: text("Write 'QUIT\\n' right after the last command.", "마지막 명령 바로 뒤에 'QUIT\\n'을 쓰세요."),
      section: 'the-protocol',
    });
  }
  if (pipelined) {
    ctx.fail({
      reason: 'not-pipelined',
      summary: fill(
        text('Your client sent {i} of its {n} lines and then waited: it does not pipeline.', '클라이언트가 {n}줄 중 {i}줄만 보내고 기다렸습니다. 파이프라이닝을 하지 않습니다.'),
        { i, n: all.length },
      ),
      expected: sent(all),
      actual: fill(text('{sent}, {after}', '{sent}, {after}'), { sent: sent(all.slice(0, i)), after }),
      cause: text(
        'This server, like many real ones, reads all it is sent before it answers. A client that waits for a reply before sending the next command waits forever here, and everywhere it pays one round trip per command.',
        '이 서버는 실제 서버 여럿이 그렇듯 받은 것을 다 읽은 뒤에 답합니다. 답을 받아야 다음 명령을 보내는 클라이언트는 여기서 영원히 기다리고, 어디서든 명령마다 왕복 시간을 한 번씩 치릅니다.',
      ),
      fix: text(
        "Write every command (and QUIT) as soon as you are connected; read the replies as they come, in 'data'.",
        "접속하자마자 모든 명령(과 QUIT)을 쓰고, 답은 'data'에서 오는 대로 읽으세요.",
      ),
      section: 'pipelining',
    });
  }
  ctx.fail({
    reason: 'wrong-commands',
    summary: fill(text('Your client sent {i} of its {n} commands; {after}.', '클라이언트가 명령 {n}개 중 {i}개만 보냈습니다. {after}.'), { i, n: commands.length, after }),
    expected: sent(all),
    actual: sent(all.slice(0, i)),
    cause: text('Every argument is one command, sent in order.', '인자 하나가 명령 하나이며, 순서대로 보내야 합니다.'),
    section: 'the-protocol',
  });
}

/** Reads every command and QUIT before answering anything (the client must pipeline). */
async function readAllCommands(s: Session): Promise<void> {
  await readCommand(s, 0, 3000, true);
  const deadline = Date.now() + 1500; // the rest follow the first at once when pipelined
  for (let i = 1; i <= s.commands.length; i++) await readCommand(s, i, Math.max(1, deadline - Date.now()), true);
}

/** The whole reply stream the server sends: every answer, then BYE, each ending in '\n'. */
function replyBytes(s: Session): Buffer {
  return Buffer.from([...s.replies, 'BYE'].map((r) => `${r}\n`).join(''));
}

/**
 * What the program printed, as lines. A final "BYE" line is allowed when BYE answered QUIT
 * (`byeOptional`): printing it is up to the client (README rule 3).
 */
function printedLines(stdout: string, replies: string[], byeOptional = true): string[] {
  const lines = stdout.replace(/\r\n/g, '\n').split('\n');
  if (lines.at(-1) === '') lines.pop();
  if (byeOptional && lines.length === replies.length + 1 && lines.at(-1) === 'BYE') lines.pop();
  return lines;
}

const printed = (stdout: string) => (stdout ? quoted(stdout, 300) : text('(nothing)', '(출력 없음)'));
const expectedOut = (replies: string[]) => quoted(replies.map((r) => `${r}\n`).join(''));

/** Holds stdout to the replies, one per line, in order. */
function expectReplies(ctx: ScenarioContext, stdout: string, replies: string[], byeOptional = true): void {
  const lines = printedLines(stdout, replies, byeOptional);
  if (lines.length === replies.length && lines.every((l, i) => l === replies[i])) return;
  const firstBye = replies.indexOf('BYE'); // the reply to an ECHO BYE
  if (firstBye !== -1 && lines.length < replies.length && lines.length <= firstBye + 1 && lines.every((l, i) => l === replies[i])) {
    ctx.fail({
      reason: 'stopped-at-echoed-bye',
      summary: fill(
        text('Your client stopped at the BYE that answered command {n} (ECHO BYE), before the last replies.', '클라이언트가 {n}번째 명령(ECHO BYE)의 답인 BYE에서 멈춰, 마지막 답들을 놓쳤습니다.'),
        { n: firstBye + 1 },
      ),
      expected: expectedOut(replies),
      actual: printed(stdout),
      cause: text(
        'A reply says nothing about which command it answers: its position does. Reply 1 answers command 1; only reply N+1 answers QUIT.',
        '답의 내용은 어느 명령의 답인지 알려 주지 않습니다. 알려 주는 것은 순서입니다. 1번째 답은 1번째 명령의 답이고, N+1번째 답만 QUIT의 답입니다.',
      ),
      fix: text('Count the replies: the one numbered commands.length + 1 is the answer to QUIT.', '답을 세세요. commands.length + 1번째 답이 QUIT의 답입니다.'),
      section: 'matching-replies',
    });
  }
  const joined = replies.join('');
  const flat = stdout.replace(/\r?\n/g, '');
  if (flat === joined || (byeOptional && flat === `${joined}BYE`)) {
    ctx.fail({
      reason: 'printed-chunks',
      summary: text('Your client printed the pieces the replies arrived in, not the replies.', '클라이언트가 답이 아니라 답이 도착한 조각을 출력했습니다.'),
      expected: expectedOut(replies),
      actual: printed(stdout),
      cause: text(
        "TCP delivers a stream of bytes: one 'data' event may hold half a reply, or several. Printing each chunk prints wherever the network happened to cut.",
        "TCP는 바이트의 흐름을 전달합니다. 'data' 이벤트 하나에 답의 절반이 올 수도, 여러 개가 올 수도 있습니다. 덩어리마다 출력하면 네트워크가 우연히 자른 자리대로 출력됩니다.",
      ),
      fix: text(
        "Append each chunk to a buffer; print each complete line (up to '\\n'), and keep the rest for the next chunk.",
        "덩어리를 버퍼에 이어 붙이고, '\\n'까지의 완전한 줄만 출력한 뒤 나머지는 다음 덩어리를 위해 남겨 두세요.",
      ),
      section: 'lines-not-chunks',
    });
  }
  if (stdout.includes('\uFFFD')) {
    ctx.fail({
      reason: 'broken-utf8',
      summary: text('Your client printed U+FFFD (�): it decoded half a character.', '클라이언트가 U+FFFD(�)를 출력했습니다. 문자의 절반을 디코딩했습니다.'),
      expected: expectedOut(replies),
      actual: printed(stdout),
      cause: text(
        "A character such as 녕 (3 bytes) or 😀 (4 bytes) was cut between two chunks. chunk.toString() on each chunk turns each half into U+FFFD.",
        "녕(3바이트)이나 😀(4바이트) 같은 문자가 두 덩어리 사이에서 잘렸습니다. 덩어리마다 chunk.toString()을 하면 반쪽마다 U+FFFD가 됩니다.",
      ),
      fix: text(
        "Call socket.setEncoding('utf8') before reading (it holds an incomplete character until the rest arrives), or buffer bytes and decode whole lines.",
        "읽기 전에 socket.setEncoding('utf8')을 호출하거나(불완전한 문자는 나머지가 올 때까지 잡아 둡니다), 바이트를 모아 완전한 줄 단위로 디코딩하세요.",
      ),
      section: 'lines-not-chunks',
    });
  }
  ctx.fail({
    reason: 'wrong-output',
    summary: text('Your client did not print the replies, one per line, in order.', '클라이언트가 답을 한 줄에 하나씩, 순서대로 출력하지 않았습니다.'),
    expected: expectedOut(replies),
    actual: printed(stdout),
    cause: text(
      'stdout holds exactly the replies to the commands, each on its own line (printing the final BYE is optional). Logs and messages go to stderr (console.error).',
      'stdout에는 명령에 대한 답만, 한 줄에 하나씩 나와야 합니다(마지막 BYE는 출력해도 되고 안 해도 됩니다). 로그와 메시지는 stderr(console.error)로 보내세요.',
    ),
    fix: text('console.log(line) for each reply line, as it arrives.', '답 줄이 올 때마다 console.log(line).'),
    section: 'the-protocol',
  });
}

const CRASH = /Unhandled 'error' event|Emitted 'error' event/;

/** What the client printed on stderr, for a failure message. */
const stderrOf = (p: Program) => (p.stderr().trim() ? quoted(p.stderr().trim(), 300) : text('(nothing on stderr)', '(stderr 출력 없음)'));

/**
 * After a complete exchange (every reply and BYE sent, then FIN) the client prints the
 * replies and exits 0 by itself.
 */
async function expectSuccess(s: Session, ms = 4000): Promise<void> {
  checkSuccess(s, await s.client.waitExit(ms), ms);
}

/** The same, for an exit already waited for (`undefined`: still running after `ms`). */
function checkSuccess(s: Session, exit: Exit | undefined, ms: number): void {
  const ctx: ScenarioContext = s.ctx;
  const client = s.client;
  if (!exit) {
    ctx.fail({
      reason: 'client-did-not-exit',
      summary: fill(text('Your client was still running {ms} ms after BYE and the server\'s close.', 'BYE와 서버의 종료 후 {ms}ms가 지나도 클라이언트가 실행 중이었습니다.'), { ms }),
      cause: text(
        'Node exits when nothing is left to wait for: an open socket or a pending timer keeps it alive.',
        'Node는 기다릴 것이 남지 않아야 종료합니다. 열린 소켓이나 남은 타이머가 프로세스를 붙잡습니다.',
      ),
      fix: text('After BYE call socket.destroy(); set process.exitCode instead of waiting for anything else.', 'BYE를 받으면 socket.destroy()를 호출하고, 다른 것을 기다리지 말고 process.exitCode를 정하세요.'),
      section: 'exit-codes',
    });
  }
  if (CRASH.test(client.stderr()) || exit.signal || exit.stoppedFor) ctx.fail(programFailure('client.ts', exit, client, 'during-exchange'));
  expectReplies(ctx, client.stdout(), s.replies);
  if (exit.code === 2) {
    ctx.fail({
      reason: 'unexpected-timeout',
      summary: text('Your client exited with code 2 (timeout) although the server answered everything.', '서버가 모두 답했는데 클라이언트가 종료 코드 2(타임아웃)로 끝났습니다.'),
      expected: text('exit code 0', '종료 코드 0'),
      actual: fill(text('exit code 2; stderr: {err}', '종료 코드 2, stderr: {err}'), { err: stderrOf(client) }),
      cause: text(
        "Either the timeout is not an idle timeout (it counts from the start, not from the last data), or the 'timeout' event fired after BYE and overwrote the exit code.",
        "타임아웃이 유휴 타임아웃이 아니거나(마지막 데이터가 아니라 시작부터 셈), BYE 뒤에 'timeout' 이벤트가 와서 종료 코드를 덮어썼습니다.",
      ),
      fix: text('Use socket.setTimeout(2000); after BYE destroy the socket so no timeout can fire.', 'socket.setTimeout(2000)을 쓰고, BYE 뒤에는 소켓을 destroy해서 타임아웃이 더 오지 않게 하세요.'),
      section: 'timeouts',
    });
  }
  if (exit.code !== 0) {
    ctx.fail({
      reason: 'unexpected-error',
      summary: fill(text('Your client printed the replies but exited with code {c}.', '클라이언트가 답은 출력했지만 종료 코드 {c}로 끝났습니다.'), { c: String(exit.code) }),
      expected: text('exit code 0 after BYE', 'BYE 뒤 종료 코드 0'),
      actual: fill(text('exit code {c}; stderr: {err}', '종료 코드 {c}, stderr: {err}'), { c: String(exit.code), err: stderrOf(client) }),
      cause: text(
        "The server closes right after BYE. If the 'end' or 'close' that follows sets exit code 1, a clean exchange looks like a failure.",
        "서버는 BYE 바로 뒤에 닫습니다. 그 뒤에 오는 'end'나 'close'가 종료 코드 1을 정하면 깔끔한 주고받기도 실패처럼 보입니다.",
      ),
      fix: text('Remember that BYE has arrived (a flag), and ignore what happens to the socket after it.', 'BYE가 왔다는 것을 기억해 두고(플래그), 그 뒤 소켓에 일어나는 일은 무시하세요.'),
      section: 'exit-codes',
    });
  }
}

/** Waits for the client to exit after the server broke the exchange; classifies crashes. */
async function waitAfterBreak(s: Session, ms: number, crashReason: string, section: string): Promise<Exit | undefined> {
  const ctx: ScenarioContext = s.ctx;
  const client = s.client;
  const exit = await client.waitExit(ms);
  if (exit && CRASH.test(client.stderr())) {
    ctx.fail({
      reason: crashReason,
      summary: text("Your client crashed: an 'error' event had no listener.", "클라이언트가 죽었습니다. 'error' 이벤트에 리스너가 없었습니다."),
      expected: text('a message on stderr and exit code 1', 'stderr에 메시지, 그리고 종료 코드 1'),
      actual: fill(text('{how}, with a stack trace', '{how}, 스택 트레이스와 함께'), { how: describeExit(exit) }),
      cause: text(
        "A refused or reset connection is reported as an 'error' event on the socket. With no listener, Node throws it and the process dies with a stack trace (exit code 1 by accident, not by design).",
        "거부되거나 리셋된 연결은 소켓의 'error' 이벤트로 알려집니다. 리스너가 없으면 Node가 그 오류를 던져 프로세스가 스택 트레이스와 함께 죽습니다(종료 코드 1은 의도가 아니라 우연입니다).",
      ),
      fix: text("socket.on('error', (err) => { console.error(`connection error: ${err.code}`); process.exitCode = 1; })", "socket.on('error', (err) => { console.error(`연결 오류: ${err.code}`); process.exitCode = 1; })"),
      section,
    });
  }
  if (exit && (exit.signal || exit.stoppedFor)) ctx.fail(programFailure('client.ts', exit, client, 'during-exchange'));
  return exit;
}

/** The replies sent before a break (close or reset) must have been printed. */
function expectPartialReplies(ctx: ScenarioContext, stdout: string, replies: string[], what: Text): void {
  const lines = printedLines(stdout, replies);
  if (lines.length === replies.length && lines.every((l, i) => l === replies[i])) return;
  ctx.fail({
    reason: 'wrong-output',
    summary: fill(text('Your client did not print the {n} replies it received before {what}.', '클라이언트가 {what} 전에 받은 답 {n}개를 출력하지 않았습니다.'), { n: replies.length, what }),
    expected: expectedOut(replies),
    actual: printed(stdout),
    cause: text(
      'Print each reply as soon as its line is complete: when the exchange breaks later, the user still sees what did come back.',
      '답은 줄이 완성되는 즉시 출력하세요. 나중에 주고받기가 끊겨도 사용자는 돌아온 답을 볼 수 있습니다.',
    ),
    fix: text("console.log(line) inside the 'data' handler, not at the end.", "끝에서가 아니라 'data' 핸들러 안에서 console.log(line)."),
    section: 'the-protocol',
  });
}

/** The server answered `received` commands, then broke the connection: exit 1, promptly. */
async function expectErrorExit(s: Session, how: 'fin' | 'rst', received = 2): Promise<void> {
  const ctx: ScenarioContext = s.ctx;
  const client = s.client;
  const what = how === 'fin' ? text('the server closed', '서버가 닫기') : text('the connection was reset', '연결이 리셋되기');
  const exit = await waitAfterBreak(s, 3000, 'crashed-on-reset', 'connection-errors');
  if (!exit) {
    ctx.fail({
      reason: 'hangs-after-close',
      summary: fill(text('Your client was still running 3000 ms after {what}.', '{what} 뒤 3000ms가 지나도 클라이언트가 실행 중이었습니다.'), {
        what: how === 'fin' ? text('the server closed the connection', '서버가 연결을 닫은') : text('the connection was reset', '연결이 리셋된'),
      }),
      expected: text('exit code 1, at once', '곧바로 종료 코드 1'),
      cause: text(
        "Something keeps the program alive after the connection is gone: a timer of your own, or a socket made with allowHalfOpen that you never end.",
        '연결이 사라진 뒤에도 무언가가 프로그램을 붙잡고 있습니다. 직접 만든 타이머나, allowHalfOpen으로 만들고 닫지 않은 소켓입니다.',
      ),
      fix: text("On 'end' (before BYE) and on 'error': set process.exitCode = 1 and destroy the socket; clear your own timers.", "BYE 전의 'end'와 'error'에서 process.exitCode = 1로 정하고 소켓을 destroy하세요. 직접 만든 타이머는 지우세요."),
      section: 'connection-errors',
    });
  }
  if (how === 'fin') expectPartialReplies(ctx, client.stdout(), s.replies.slice(0, received), what);
  if (exit.code !== 1) {
    ctx.fail({
      reason: 'early-close-not-an-error',
      summary: fill(text('The connection ended before BYE, but your client exited with code {c}.', 'BYE 전에 연결이 끝났는데 클라이언트가 종료 코드 {c}로 끝났습니다.'), { c: String(exit.code) }),
      expected: text('exit code 1 and a message on stderr', '종료 코드 1과 stderr 메시지'),
      actual: fill(text('exit code {c}; stderr: {err}', '종료 코드 {c}, stderr: {err}'), { c: String(exit.code), err: stderrOf(client) }),
      cause: exit.code === 0
        ? text(
            "Only 2 of the replies came. Exit code 0 tells a script that calls your client that everything worked. 'end' (FIN) or 'error' (RST) before BYE is a failure.",
            "답이 2개만 왔습니다. 종료 코드 0은 클라이언트를 부르는 스크립트에게 모두 잘 됐다고 알립니다. BYE 전의 'end'(FIN)나 'error'(RST)는 실패입니다.",
          )
        : text('Exit code 2 means a timeout; here the server closed the connection, which is exit code 1.', '종료 코드 2는 타임아웃을 뜻합니다. 여기서는 서버가 연결을 끊었으니 종료 코드 1입니다.'),
      fix: text("socket.on('end', () => { if (!gotBye) { console.error('connection closed by server'); process.exitCode = 1; } })", "socket.on('end', () => { if (!gotBye) { console.error('서버가 연결을 닫음'); process.exitCode = 1; } })"),
      section: 'exit-codes',
    });
  }
  expectMessage(s, exit.code, how === 'fin' ? text('the server closed the connection', '서버가 연결을 닫은') : text('the connection was reset', '연결이 리셋된'));
}

/** README rules 5 and 6: an exit with code 1 or 2 comes with a message on stderr. */
function expectMessage(s: Session, code: number | null, what: Text): void {
  if (s.client.stderr().trim() !== '') return;
  s.ctx.fail({
    reason: 'no-error-message',
    summary: fill(text('Your client exited with code {c} after {what}, but said nothing on stderr.', '{what} 뒤 클라이언트가 종료 코드 {c}로 끝났지만 stderr에 아무 말도 하지 않았습니다.'), { c: String(code), what }),
    expected: fill(text('exit code {c} and a message on stderr', '종료 코드 {c}와 stderr 메시지'), { c: String(code) }),
    actual: fill(text('stdout {out}; stderr empty', 'stdout {out}, stderr 비어 있음'), { out: printed(s.client.stdout()) }),
    cause: text(
      'The exit code tells a script that something went wrong; the person who ran the client needs a sentence saying what: closed, reset, refused, timed out, or an unexpected reply to QUIT.',
      '종료 코드는 스크립트에게 무언가 잘못됐다고 알릴 뿐입니다. 클라이언트를 실행한 사람에게는 무엇이 잘못됐는지 알려 주는 문장이 필요합니다. 닫힘, 리셋, 거부, 타임아웃, QUIT에 대한 뜻밖의 답 같은 것이요.',
    ),
    fix: text('Wherever you set exit code 1 or 2, console.error(…) what happened first (one finish(code, message) does both).', '종료 코드 1이나 2를 정하는 곳마다 먼저 console.error(…)로 무슨 일인지 출력하세요(finish(code, message) 하나로 둘 다 하면 됩니다).'),
    section: 'the-protocol',
  });
}

/** Sends the first two replies, one write each; the commands must already have been read. */
async function sendFirstTwo(s: Session): Promise<void> {
  await s.peer.sendPieces(s.replies.slice(0, 2).map((r) => `${r}\n`), 50);
}

/** Cut offsets that fall at character boundaries only (never inside a UTF-8 sequence). */
function boundaryCuts(bytes: Buffer, seed: number): number[] {
  const cuts: number[] = [];
  let x = seed;
  let at = 0;
  for (;;) {
    x = (x * 1103515245 + 12345) % 2147483648;
    at += 1 + (x % 4); // pieces of 1 to 4 bytes
    while (at < bytes.length && (bytes[at]! & 0xc0) === 0x80) at++; // a continuation byte: move on
    if (at >= bytes.length) return cuts;
    cuts.push(at);
  }
}

/** How long a generated case waits for the client to exit once the server has said its last. */
const CASE_EXIT_MS = 4000;

/**
 * Cases from the corners every run tries first, whatever the seed: no arguments at all (the
 * request is then `QUIT\n` alone), an empty argument among others, every command answered and then
 * FIN before BYE, replies with spaces and tabs around them (printed as they came), and a server that answers QUIT with something other than BYE and keeps the connection.
 */
function fixedCases(): ClientCase[] {
  const of = (commands: string[], end: ClientCase['end']): ClientCase => ({ commands, replies: commands.map(modelReply), end, cuts: [] });
  return [
    of([], { kind: 'bye', close: true }),
    of(['ECHO  two  spaces ', 'PING', 'ECHO \tx'], { kind: 'bye', close: true }),
    // An empty argument is an empty line to send (the server answers ERR empty), not nothing.
    of(['PING', '', 'ECHO x'], { kind: 'bye', close: true }),
    // Every command answered, then FIN before the reply to QUIT: no BYE, so exit 1.
    of(['PING', 'ECHO a'], { kind: 'closes-early', after: 2 }),
    of(['PING'], { kind: 'not-bye', reply: 'ERR unknown command QUIT', close: false }),
  ];
}

/** A case in words: `client.ts "PING" "ECHO  a "; the checker sends "PONG\n a \nBYE\n" in 3 writes, then FIN`. */
function describeClientCase(c: ClientCase): Text {
  const args = c.commands.length ? c.commands.map((a) => JSON.stringify(a)).join(' ') : text('(no arguments)', '(인자 없음)');
  const end = closesAfter(c) ? text('then FIN', '그다음 FIN') : text('then the connection stays open', '그다음 연결은 열린 채');
  const stream = streamOf(c);
  if (stream.length === 0) return fill(text('client.ts {args}; the checker sends no reply, {end}', 'client.ts {args}. 검사기가 답을 하나도 보내지 않고, {end}'), { args, end });
  return fill(text('client.ts {args}; the checker sends {stream} in {n} writes, {end}', 'client.ts {args}. 검사기가 {stream}을(를) {n}번에 나눠 보내고, {end}'), {
    args,
    stream: quoted(stream, 120),
    n: splitAt(stream, c.cuts).length,
    end,
  });
}

/**
 * One generated case, with a client of its own: the checker reads every command and QUIT (the
 * client must pipeline, and send exactly its arguments), sends the reply stream cut as drawn,
 * 5 ms between writes, ends as drawn, and holds stdout, the exit code and stderr to the model.
 */
async function runClientCase(ctx: ScenarioContext, c: ClientCase, transcript: (l: Text, r: Text) => Transcript): Promise<FailureDetails | undefined> {
  const t = transcript(who.client, who.checkerServer);
  const server = await ctx.listenPeer(t);
  const client = ctx.startClient({ port: server.port, args: c.commands });
  let peer: PeerSocket | undefined;
  try {
    peer = await acceptClient(ctx, server, client, 5000);
    const s: Session = { ctx, peer, client, commands: c.commands, replies: c.replies };
    await readAllCommands(s);
    await peer.sendPieces(splitAt(streamOf(c), c.cuts), 5);
    if (c.end.kind === 'closes-early') {
      peer.halfClose();
      await expectErrorExit(s, 'fin', c.end.after);
      return undefined;
    }
    if (c.end.close) peer.halfClose();
    else t.note(text('the checker keeps the connection open', '검사기가 연결을 열어 둠'));
    const exit = await client.waitExit(CASE_EXIT_MS);
    if (c.end.kind === 'not-bye') {
      checkNotBye(s, exit, c.end.reply);
      return undefined;
    }
    if (!c.end.close && (!exit || (exit.code === 2 && !CRASH.test(client.stderr())))) {
      ctx.fail({
        reason: 'waits-for-close',
        summary: exit
          ? text('After BYE your client waited for the server to close, then gave up with code 2 (timeout).', 'BYE를 받은 뒤 클라이언트가 서버가 닫기를 기다리다 종료 코드 2(타임아웃)로 포기했습니다.')
          : fill(text('Your client was still running {ms} ms after BYE.', 'BYE 뒤 {ms}ms가 지나도 클라이언트가 실행 중이었습니다.'), { ms: CASE_EXIT_MS }),
        expected: text('the replies printed, then exit code 0 right after BYE', '답을 출력하고 BYE 직후 종료 코드 0'),
        actual: fill(text('stdout {out}; {how}', 'stdout {out}, {how}'), { out: printed(client.stdout()), how: describeExit(exit ?? 'timeout', CASE_EXIT_MS) }),
        cause: text('BYE is the last reply: you need nothing more from the connection, whether or not the server closes it.', 'BYE는 마지막 답입니다. 서버가 연결을 닫든 말든, 그 연결에서 더 받을 것이 없습니다.'),
        fix: text('On BYE call socket.destroy(): the program then ends with process.exitCode 0.', 'BYE에서 socket.destroy()를 호출하세요. 그러면 프로그램이 process.exitCode 0으로 끝납니다.'),
        section: 'matching-replies',
      });
    }
    checkSuccess(s, exit, CASE_EXIT_MS);
    return undefined;
  } catch (err) {
    if (!(err instanceof CheckFailure)) throw err;
    const d = err.details;
    return {
      ...d,
      summary: fill(text('{summary} In a generated exchange: {case}.', '{summary} 만들어 낸 주고받기: {case}.'), { summary: d.summary, case: describeClientCase(c) }),
    };
  } finally {
    if (!client.exitInfo) await client.kill();
    peer?.destroy();
    // A case run while searching is not the one the report shows (only the replay records its
    // transcript): its client, gone by now, stays out of the report's list of programs.
    if (!ctx.transcripts.includes(t)) ctx.programs.splice(ctx.programs.indexOf(client) >>> 0, 1);
  }
}

/** QUIT was answered with `reply`, not BYE: exit code 1, a message, and stdout the replies only. */
function checkNotBye(s: Session, exit: Exit | undefined, reply: string): void {
  const ctx: ScenarioContext = s.ctx;
  const client = s.client;
  if (exit && (CRASH.test(client.stderr()) || exit.signal || exit.stoppedFor)) ctx.fail(programFailure('client.ts', exit, client, 'during-exchange'));
  if (!exit || exit.code !== 1) {
    ctx.fail({
      reason: 'quit-reply-not-bye',
      summary: exit
        ? fill(text('The server answered QUIT with {reply}, not BYE, and your client exited with code {c}.', '서버가 QUIT에 BYE가 아니라 {reply}(으)로 답했는데, 클라이언트가 종료 코드 {c}로 끝났습니다.'), { reply: quoted(`${reply}\n`), c: String(exit.code) })
        : fill(text('The server answered QUIT with {reply}, not BYE, and your client was still running {ms} ms later.', '서버가 QUIT에 BYE가 아니라 {reply}(으)로 답했는데, 클라이언트가 {ms}ms 뒤에도 실행 중이었습니다.'), { reply: quoted(`${reply}\n`), ms: CASE_EXIT_MS }),
      expected: text('exit code 1 at once, and a message on stderr', '곧바로 종료 코드 1, 그리고 stderr 메시지'),
      actual: fill(text('{how}; stderr: {err}', '{how}, stderr: {err}'), { how: describeExit(exit ?? 'timeout', CASE_EXIT_MS), err: stderrOf(client) }),
      cause: text(
        'Reply N+1 answers QUIT, and only BYE there means the exchange went as it should. Anything else (ERR …, a reply moved down by a line sent twice, a server speaking another protocol) is a protocol error; exit code 0 would tell a script that calls your client that all went well.',
        'N+1번째 답이 QUIT의 답이고, 그 자리에 BYE가 와야만 주고받기가 제대로 끝난 것입니다. 그 밖의 것(ERR …, 두 번 보낸 줄 때문에 한 칸 밀린 답, 다른 프로토콜을 쓰는 서버)은 프로토콜 오류입니다. 종료 코드 0은 클라이언트를 부르는 스크립트에게 모두 잘 됐다고 알리게 됩니다.',
      ),
      fix: text(
        "For reply N+1: if (line === 'BYE') finish(0); else finish(1, `expected BYE in reply to QUIT, got ${JSON.stringify(line)}`);",
        "N+1번째 답에서: if (line === 'BYE') finish(0); else finish(1, `QUIT의 답으로 BYE를 기대했지만 ${JSON.stringify(line)}이(가) 옴`);",
      ),
      section: 'matching-replies',
    });
  }
  expectReplies(ctx, client.stdout(), s.replies, false);
  expectMessage(s, exit.code, text('QUIT was answered with something other than BYE', 'QUIT에 BYE가 아닌 답이 온'));
}

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

export default defineScenarios([
  {
    id: 'one-reply-per-write',
    title: text('PING, ECHO 안녕, LEN 😀: the server answers each command as it reads it', 'PING, ECHO 안녕, LEN 😀: 서버가 명령을 읽는 대로 하나씩 답함'),
    async run(ctx: ScenarioContext) {
      const s = await open(ctx, STANDARD);
      // Answers each line as it arrives, so this passes even without pipelining.
      for (let i = 0; i <= s.commands.length; i++) {
        await readCommand(s, i, 3000, false);
        await s.peer.send(`${i < s.commands.length ? s.replies[i] : 'BYE'}\n`);
      }
      s.peer.halfClose();
      await expectSuccess(s);
    },
  },
  {
    id: 'sends-all-commands-first',
    title: text('pipelining: the server answers only once it has every command and QUIT', '파이프라이닝: 서버가 모든 명령과 QUIT을 받은 뒤에야 답함'),
    async run(ctx: ScenarioContext) {
      const s = await open(ctx, ['PING', 'ECHO one', 'ECHO two', 'LEN three']);
      await readAllCommands(s);
      await s.peer.sendPieces([...s.replies, 'BYE'].map((r) => `${r}\n`), 50);
      s.peer.halfClose();
      await expectSuccess(s);
    },
  },
  {
    id: 'all-replies-in-one-write',
    title: text('every reply and BYE arrive in one chunk', '모든 답과 BYE가 한 덩어리로 도착'),
    async run(ctx: ScenarioContext) {
      const s = await open(ctx, STANDARD);
      await readAllCommands(s);
      await s.peer.send(replyBytes(s));
      s.peer.halfClose();
      await expectSuccess(s);
    },
  },
  {
    id: 'replies-in-small-pieces',
    title: text('the replies arrive cut into pieces of 1–4 bytes, at arbitrary places', '답이 아무 곳에서나 1–4바이트 조각으로 잘려 도착'),
    async run(ctx: ScenarioContext) {
      const s = await open(ctx, ['ECHO hello world', 'PING', 'LEN 안녕', 'ECHO 안녕하세요', 'LEN 😀']);
      await readAllCommands(s);
      const bytes = replyBytes(s);
      await s.peer.sendSplitAt(bytes, boundaryCuts(bytes, 5), 30);
      s.peer.halfClose();
      await expectSuccess(s);
    },
  },
  {
    id: 'reply-cut-inside-a-character',
    title: text('"안녕" cut inside 녕 (EB | 85 95) and "😀" cut in the middle of its 4 bytes', '"안녕"이 녕 안에서(EB | 85 95), "😀"가 4바이트 한가운데서 잘려 도착'),
    async run(ctx: ScenarioContext) {
      const s = await open(ctx, ['ECHO 안녕', 'LEN 😀', 'ECHO 😀']);
      await readAllCommands(s);
      const bytes = replyBytes(s); // "안녕\n1 4\n😀\nBYE\n"
      const insideNyeong = 4; // 안 = bytes 0–2, 녕 = bytes 3–5: cut after its first byte
      const insideEmoji = Buffer.byteLength('안녕\n1 4\n') + 2;
      await s.peer.sendSplitAt(bytes, [insideNyeong, insideEmoji], 150);
      s.peer.halfClose();
      await expectSuccess(s);
    },
  },
  {
    id: 'echo-bye-is-not-the-end',
    title: text('ECHO BYE, PING: the first BYE answers ECHO; only the last one answers QUIT', 'ECHO BYE, PING: 첫 BYE는 ECHO의 답이고, 마지막 BYE만 QUIT의 답'),
    async run(ctx: ScenarioContext) {
      const s = await open(ctx, ['ECHO BYE', 'PING']);
      await readAllCommands(s);
      await s.peer.sendPieces(['BYE\n', 'PONG\n', 'BYE\n'], 100);
      s.peer.halfClose();
      await expectSuccess(s);
    },
  },
  {
    id: 'exits-after-bye',
    title: text('after BYE the server keeps the connection open: the client ends by itself', 'BYE 뒤에도 서버가 연결을 열어 둠: 클라이언트가 스스로 끝냄'),
    async run(ctx: ScenarioContext) {
      const s = await open(ctx, STANDARD);
      await readAllCommands(s);
      await s.peer.send(replyBytes(s)); // and no FIN: BYE alone must be enough
      const exit = await s.client.waitExit(3500);
      if (!exit || (exit.code === 2 && !CRASH.test(s.client.stderr()))) {
        ctx.fail({
          reason: 'waits-for-close',
          summary: exit
            ? text('After BYE your client waited for the server to close, then gave up with code 2 (timeout).', 'BYE를 받은 뒤 클라이언트가 서버가 닫기를 기다리다 종료 코드 2(타임아웃)로 포기했습니다.')
            : text('Your client was still running 3500 ms after BYE.', 'BYE 뒤 3500ms가 지나도 클라이언트가 실행 중이었습니다.'),
          expected: text('the replies printed, then exit code 0 right after BYE', '답을 출력하고 BYE 직후 종료 코드 0'),
          actual: fill(text('stdout {out}; {how}', 'stdout {out}, {how}'), { out: printed(s.client.stdout()), how: describeExit(exit ?? 'timeout', 3500) }),
          cause: text(
            "BYE is the last reply, and it says so: you need nothing more from the connection. Waiting for 'end' (or calling socket.end(), which waits for the server's side to close too) leaves the result in the server's hands.",
            "BYE는 마지막 답이고, 스스로 그렇다고 알립니다. 연결에서 더 받을 것이 없습니다. 'end'를 기다리거나 socket.end()를 부르면(서버 쪽이 닫히기를 함께 기다립니다) 결과를 서버에게 맡기게 됩니다.",
          ),
          fix: text('Print each reply as it arrives, and on BYE call socket.destroy(): the program then ends with process.exitCode 0.', '답은 올 때마다 출력하고, BYE에서 socket.destroy()를 호출하세요. 그러면 프로그램이 process.exitCode 0으로 끝납니다.'),
          section: 'matching-replies',
        });
      }
      checkSuccess(s, exit, 3500);
    },
  },
  {
    id: 'server-goes-silent',
    title: text(
      `the server answers 2 of 4 and goes silent: exit code 2 after about ${CLIENT_TIMEOUT_MS} ms`,
      `서버가 4개 중 2개만 답하고 침묵: 약 ${CLIENT_TIMEOUT_MS}ms 뒤 종료 코드 2`,
    ),
    timing: true,
    limitMs: 16000,
    async run(ctx: ScenarioContext) {
      const s = await open(ctx, STANDARD);
      await readAllCommands(s);
      await sendFirstTwo(s);
      s.peer.transcript.note(text('the checker sends nothing more; the connection stays open', '검사기가 더 보내지 않음. 연결은 열린 채'));
      const silentSince = Date.now();
      const exit = await waitAfterBreak(s, TIMEOUT_LATEST_MS, 'crashed-on-reset', 'connection-errors');
      const after = Date.now() - silentSince;
      if (!exit) {
        const said = s.client.allOutput();
        const noticed = /time[ds]?[\s_-]?out/i.test(said);
        ctx.fail({
          reason: noticed ? 'timeout-only-logged' : 'no-timeout',
          summary: noticed
            ? fill(text("Your client noticed the timeout (it printed about it) but kept running for {ms} ms.", '클라이언트가 타임아웃을 알아챘지만(그에 대해 출력함) {ms}ms 동안 계속 실행됐습니다.'), { ms: TIMEOUT_LATEST_MS })
            : fill(text('The server went silent and your client waited {ms} ms without giving up.', '서버가 침묵했고 클라이언트는 포기하지 않고 {ms}ms를 기다렸습니다.'), { ms: TIMEOUT_LATEST_MS }),
          expected: fill(text('exit code 2 about {t} ms after the last data', '마지막 데이터 뒤 약 {t}ms에 종료 코드 2'), { t: CLIENT_TIMEOUT_MS }),
          actual: fill(text('still running after {ms} ms (stopped by the checker)', '{ms}ms 뒤에도 실행 중(검사기가 종료함)'), { ms: TIMEOUT_LATEST_MS }),
          cause: noticed
            ? text(
                "'timeout' is only a notification: Node does not close the connection for you, so the program goes on waiting.",
                "'timeout'은 알림일 뿐입니다. Node는 연결을 대신 닫아 주지 않으므로 프로그램은 계속 기다립니다.",
              )
            : text(
                'A server that keeps the connection open and sends nothing looks exactly like a slow one. Without a timeout the client waits forever.',
                '연결을 열어 둔 채 아무것도 보내지 않는 서버는 느린 서버와 똑같아 보입니다. 타임아웃이 없으면 클라이언트는 영원히 기다립니다.',
              ),
          fix: noticed
            ? text("In the 'timeout' handler: console.error(…); process.exitCode = 2; socket.destroy();", "'timeout' 핸들러에서: console.error(…); process.exitCode = 2; socket.destroy();")
            : text(
                `socket.setTimeout(${CLIENT_TIMEOUT_MS}); socket.on('timeout', () => { process.exitCode = 2; socket.destroy(); })`,
                `socket.setTimeout(${CLIENT_TIMEOUT_MS}); socket.on('timeout', () => { process.exitCode = 2; socket.destroy(); })`,
              ),
          section: 'timeouts',
        });
      }
      if (after < TIMEOUT_EARLIEST_MS) {
        ctx.fail({
          reason: 'timeout-too-early',
          summary: fill(text('Your client gave up {ms} ms after the last reply.', '클라이언트가 마지막 답 뒤 {ms}ms 만에 포기했습니다.'), { ms: after }),
          expected: fill(text('exit code 2 about {t} ms after the last data', '마지막 데이터 뒤 약 {t}ms에 종료 코드 2'), { t: CLIENT_TIMEOUT_MS }),
          actual: fill(text('{how} after {ms} ms; stderr: {err}', '{ms}ms 뒤 {how}, stderr: {err}'), { how: describeExit(exit), ms: after, err: stderrOf(s.client) }),
          cause: text(
            'The server was still connected, just slow. The client must wait the full idle time before it decides the server is gone.',
            '서버는 연결된 채 느렸을 뿐입니다. 클라이언트는 서버가 사라졌다고 판단하기 전에 유휴 시간을 끝까지 기다려야 합니다.',
          ),
          fix: text(
            `socket.setTimeout(${CLIENT_TIMEOUT_MS}) counts idle time; exit only from its 'timeout' event (or on 'end'/'error').`,
            `socket.setTimeout(${CLIENT_TIMEOUT_MS})은 유휴 시간을 셉니다. 종료는 그 'timeout' 이벤트(또는 'end'/'error')에서만 하세요.`,
          ),
          section: 'timeouts',
        });
      }
      expectPartialReplies(ctx, s.client.stdout(), s.replies.slice(0, 2), text('the server went silent', '서버가 침묵하기'));
      if (exit.code !== 2) {
        ctx.fail({
          reason: 'timeout-exit-code',
          summary: fill(text('Your client gave up on the silent server, but with exit code {c}.', '클라이언트가 침묵한 서버를 포기했지만 종료 코드가 {c}였습니다.'), { c: String(exit.code) }),
          expected: text('exit code 2 (timeout)', '종료 코드 2(타임아웃)'),
          actual: fill(text('exit code {c}; stderr: {err}', '종료 코드 {c}, stderr: {err}'), { c: String(exit.code), err: stderrOf(s.client) }),
          cause: text(
            "Exit codes let a script tell what happened: 1 = connection or protocol error, 2 = timeout (retrying later may help). Destroying the socket in 'timeout' also fires 'close': make sure it does not overwrite the code.",
            "종료 코드로 스크립트는 무슨 일이 있었는지 구별합니다. 1 = 연결이나 프로토콜 오류, 2 = 타임아웃(나중에 다시 시도하면 될 수도 있음). 'timeout'에서 소켓을 destroy하면 'close'도 오니, 그것이 코드를 덮어쓰지 않게 하세요.",
          ),
          fix: text("In 'timeout': process.exitCode = 2; socket.destroy(); and leave the code alone afterwards.", "'timeout'에서: process.exitCode = 2; socket.destroy(); 그리고 그 뒤로는 코드를 바꾸지 마세요."),
          section: 'exit-codes',
        });
      }
      expectMessage(s, exit.code, text('the timeout', '타임아웃'));
    },
  },
  {
    id: 'slow-server-is-not-a-timeout',
    title: text(
      'the server answers slowly, one reply every 1000 ms (3 s in all): no timeout, exit code 0',
      '서버가 1000ms마다 하나씩 천천히 답함(모두 3초): 타임아웃 아님, 종료 코드 0',
    ),
    timing: true,
    limitMs: 14000,
    async run(ctx: ScenarioContext) {
      const s = await open(ctx, STANDARD);
      await readAllCommands(s);
      await s.peer.sendPieces([...s.replies, 'BYE'].map((r) => `${r}\n`), 1000);
      s.peer.halfClose();
      const exit = await s.client.waitExit(4000);
      if (exit && exit.code === 2 && !CRASH.test(s.client.stderr())) {
        ctx.fail({
          reason: 'timeout-is-not-idle',
          summary: text('Your client timed out (exit code 2) while replies were still arriving every 1000 ms.', '답이 1000ms마다 계속 오는 중인데 클라이언트가 타임아웃(종료 코드 2)으로 끝났습니다.'),
          expected: text('the 3 replies, then exit code 0', '답 3개, 그다음 종료 코드 0'),
          actual: fill(text('stdout {out}; exit code 2', 'stdout {out}, 종료 코드 2'), { out: printed(s.client.stdout()) }),
          cause: text(
            `The limit is on silence, not on the whole exchange: the timer must start again whenever data arrives. A setTimeout(…, ${CLIENT_TIMEOUT_MS}) started at connect is a deadline, and a slow but working server trips it.`,
            `제한은 전체 주고받기가 아니라 침묵에 거는 것입니다. 데이터가 올 때마다 타이머가 다시 시작되어야 합니다. 접속할 때 건 setTimeout(…, ${CLIENT_TIMEOUT_MS})은 마감 시각이라, 느리지만 잘 동작하는 서버에도 걸립니다.`,
          ),
          fix: text(
            `Use socket.setTimeout(${CLIENT_TIMEOUT_MS}): Node restarts it on every read and write.`,
            `socket.setTimeout(${CLIENT_TIMEOUT_MS})을 쓰세요. Node가 읽고 쓸 때마다 다시 시작합니다.`,
          ),
          section: 'timeouts',
        });
      }
      checkSuccess(s, exit, 4000);
    },
  },
  {
    id: 'server-closes-early',
    title: text('the server closes (FIN) after 2 of 4 replies: exit code 1', '서버가 4개 중 2개를 답한 뒤 닫음(FIN): 종료 코드 1'),
    async run(ctx: ScenarioContext) {
      const s = await open(ctx, STANDARD);
      await readAllCommands(s);
      await sendFirstTwo(s);
      s.peer.halfClose();
      await expectErrorExit(s, 'fin');
    },
  },
  {
    id: 'server-resets',
    title: text('the server resets the connection (RST) after 2 of 4 replies: exit code 1, no crash', '서버가 4개 중 2개를 답한 뒤 연결을 리셋(RST): 종료 코드 1, 죽지 않음'),
    async run(ctx: ScenarioContext) {
      const s = await open(ctx, STANDARD);
      await readAllCommands(s);
      await sendFirstTwo(s);
      await sleep(300); // let the replies be read before the reset (an RST may discard unread data)
      s.peer.reset();
      await expectErrorExit(s, 'rst');
    },
  },
  {
    id: 'connection-refused',
    title: text('nothing listens on the port: a message, exit code 1, no crash', '포트에서 아무도 listen하지 않음: 메시지, 종료 코드 1, 죽지 않음'),
    async run(ctx: ScenarioContext) {
      const port = await freePort();
      ctx.note(fill(text('Nothing listens on 127.0.0.1:{port}: connecting is refused (ECONNREFUSED).', '127.0.0.1:{port}에서 아무도 listen하지 않으므로 접속이 거부됩니다(ECONNREFUSED).'), { port }));
      const client = ctx.startClient({ port, args: ['PING'] });
      const exit = await client.waitExit(4000);
      if (exit && CRASH.test(client.stderr())) {
        ctx.fail({
          reason: 'crashed-on-refused',
          summary: text("Your client crashed on ECONNREFUSED: the 'error' event had no listener.", "클라이언트가 ECONNREFUSED에서 죽었습니다. 'error' 이벤트에 리스너가 없었습니다."),
          expected: text('a message on stderr and exit code 1', 'stderr에 메시지, 그리고 종료 코드 1'),
          actual: fill(text('{how}, with a stack trace', '{how}, 스택 트레이스와 함께'), { how: describeExit(exit) }),
          cause: text(
            "A failed connect is an 'error' event on the socket. With no listener Node throws it, and the user sees a stack trace instead of \"could not connect\".",
            "접속 실패는 소켓의 'error' 이벤트입니다. 리스너가 없으면 Node가 그 오류를 던지고, 사용자는 \"접속할 수 없음\" 대신 스택 트레이스를 보게 됩니다.",
          ),
          fix: text("socket.on('error', (err) => { console.error(`cannot connect: ${err.code}`); process.exitCode = 1; })", "socket.on('error', (err) => { console.error(`접속할 수 없음: ${err.code}`); process.exitCode = 1; })"),
          section: 'connection-errors',
        });
      }
      if (exit && (exit.signal || exit.stoppedFor)) ctx.fail(programFailure('client.ts', exit, client, 'during-exchange'));
      if (!exit || exit.code !== 1) {
        ctx.fail({
          reason: 'refused-exit-code',
          summary: exit
            ? fill(text('Your client could not connect but exited with code {c}.', '클라이언트가 접속하지 못했는데 종료 코드 {c}로 끝났습니다.'), { c: String(exit.code) })
            : text('Your client could not connect and was still running 4000 ms later.', '클라이언트가 접속하지 못했는데 4000ms 뒤에도 실행 중이었습니다.'),
          expected: text('exit code 1 and a message on stderr', '종료 코드 1과 stderr 메시지'),
          actual: fill(text('{how}; output: {out}', '{how}, 출력: {out}'), { how: describeExit(exit ?? 'timeout', 4000), out: printed(client.allOutput()) }),
          cause: text(
            'A refused connection is an error the user and any script calling your client must see: exit code 1 says "it failed", 0 says "all went well".',
            '거부된 연결은 사용자와 클라이언트를 부르는 스크립트가 알아야 하는 오류입니다. 종료 코드 1은 "실패했다"를, 0은 "모두 잘 됐다"를 뜻합니다.',
          ),
          fix: text("In socket.on('error', …): print err.code on stderr and set process.exitCode = 1.", "socket.on('error', …)에서 err.code를 stderr에 출력하고 process.exitCode = 1로 정하세요."),
          section: 'exit-codes',
        });
      }
      if (client.stderr().trim() === '') {
        ctx.fail({
          reason: 'refused-silently',
          summary: text('Your client exited with code 1 but said nothing on stderr.', '클라이언트가 종료 코드 1로 끝났지만 stderr에 아무 말도 하지 않았습니다.'),
          expected: text('a message on stderr, e.g. "connection error: ECONNREFUSED"', 'stderr에 메시지, 예: "연결 오류: ECONNREFUSED"'),
          actual: fill(text('stdout {out}; stderr empty', 'stdout {out}, stderr 비어 있음'), { out: printed(client.stdout()) }),
          cause: text('An exit code tells a script; a person needs a sentence. Errors go to stderr so that stdout holds only replies.', '종료 코드는 스크립트에게, 문장은 사람에게 알립니다. 오류는 stderr로 보내야 stdout에는 답만 남습니다.'),
          fix: text('console.error(`cannot connect to ${HOST}:${PORT}: ${err.code}`)', 'console.error(`${HOST}:${PORT}에 접속할 수 없음: ${err.code}`)'),
          section: 'connection-errors',
        });
      }
    },
  },
  {
    id: 'generated-exchanges',
    title: text(
      "generated exchanges: lesson 04's protocol model as the server, odd replies, cut at any byte, ended by BYE, another reply or a close",
      '만들어 낸 주고받기: 레슨 04 프로토콜 모델이 서버, 엉뚱한 답, 아무 바이트에서나 끊김, BYE나 다른 답이나 닫힘으로 끝남',
    ),
    limitMs: 40000,
    async run(ctx: ScenarioContext) {
      const scratch = (l: Text, r: Text) => new Transcript(l, r);
      for (const c of fixedCases()) {
        const m = await runClientCase(ctx, c, scratch);
        if (m) ctx.fail((await runClientCase(ctx, c, (l, r) => ctx.transcript(l, r))) ?? m);
      }
      await checkGenerated(ctx, {
        cases: clientCases,
        run: (c, transcript) => runClientCase(ctx, c, transcript),
        describe: describeClientCase,
        runs: 24,
        ms: 9000,
      });
    },
  },
  {
    id: 'with-the-lesson-04-server',
    title: text("your client ↔ lesson 04's reference server", '내 클라이언트 ↔ 레슨 04 참고 서버'),
    limitMs: 30000,
    async run(ctx: ScenarioContext) {
      if (!fs.existsSync(LESSON_04_SERVER)) {
        ctx.skipScenario(text(`Lesson 04's reference server (${path.relative(COURSE_ROOT, LESSON_04_SERVER)}) is not there; this check is skipped.`, `레슨 04 참고 서버(${path.relative(COURSE_ROOT, LESSON_04_SERVER)})가 없어 이 검사는 건너뜁니다.`));
      }
      const server = await ctx.startCourseProgram(LESSON_04_SERVER, { label: who.lesson04, env: { HOST: '127.0.0.1', PORT: '0' } });
      const ready = await server.waitListening('tcp', 15000);
      if (ready === 'timeout' || !('proto' in ready)) {
        throw new Error(`lesson 04's reference server did not start: ${server.allOutput()}`);
      }
      const commands = ['PING', 'ECHO 안녕', 'LEN 😀', 'LEN 안녕', 'ECHO BYE'];
      const client = ctx.startClient({ port: ready.port, args: commands });
      const exit = await client.waitExit(8000);
      if (!exit) {
        ctx.fail({
          reason: 'client-did-not-exit',
          summary: text("Your client was still running 8000 ms after it started, with lesson 04's server.", '레슨 04 서버와 함께 실행한 클라이언트가 시작 후 8000ms가 지나도 실행 중이었습니다.'),
          actual: fill(text('output so far: {out}', '지금까지의 출력: {out}'), { out: printed(client.allOutput()) }),
          cause: text('It did not finish on BYE, or it never sent its commands.', 'BYE에서 끝나지 않았거나, 명령을 보내지 않았습니다.'),
          section: 'exit-codes',
        });
      }
      if (CRASH.test(client.stderr()) || exit.signal || exit.stoppedFor) ctx.fail(programFailure('client.ts', exit, client, 'during-exchange'));
      const replies = commands.map(answer);
      expectReplies(ctx, client.stdout(), replies);
      if (exit.code !== 0) {
        ctx.fail({
          reason: 'unexpected-error',
          summary: fill(text("With lesson 04's server your client printed the replies but exited with code {c}.", '레슨 04 서버와 함께 클라이언트가 답은 출력했지만 종료 코드 {c}로 끝났습니다.'), { c: String(exit.code) }),
          expected: text('exit code 0 after BYE', 'BYE 뒤 종료 코드 0'),
          actual: fill(text('exit code {c}; stderr: {err}', '종료 코드 {c}, stderr: {err}'), { c: String(exit.code), err: stderrOf(client) }),
          cause: text("The server closes right after BYE; that close must not turn a success into exit code 1.", '서버는 BYE 바로 뒤에 닫습니다. 그 종료가 성공을 종료 코드 1로 바꾸면 안 됩니다.'),
          section: 'exit-codes',
        });
      }
    },
  },
]);
