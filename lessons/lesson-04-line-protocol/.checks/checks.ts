/**
 * Lesson 04 — hidden checks for the line-framed protocol server.
 *
 * The protocol (README "the-protocol"): one command per line, '\n' ends a line, an optional
 * '\r' before it is stripped, a bare '\r' is not a line end.
 *   PING → PONG · ECHO <text> → <text> · LEN <text> → "<code points> <bytes>" · QUIT → BYE, close
 *   empty line → ERR empty · other → ERR unknown command <WORD>
 *   a line of more than 8192 bytes → ERR line too long, close · unterminated bytes at EOF → ignored
 * The scenarios feed the same commands the ways TCP really delivers them: one per write, many
 * in one write, byte by byte, cut inside a UTF-8 character, and without end.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  defineScenarios,
  describeExit,
  fill,
  quoted,
  text,
  type FailureDetails,
  type PeerSocket,
  type ScenarioContext,
  type StartedServer,
  type Text,
} from '../../../src/checks/kit.ts';
import { CheckFailure } from '../../../src/checks/scenario.ts';
import { checkGenerated, splitAt, type Mismatch } from '../../../src/checks/generate.ts';
import type { Transcript } from '../../../src/peers/transcript.ts';
import { bytesOf, expectedOf, lineCases, lineExamples, type LineCase } from './model.ts';

const INTEROP = path.join(path.dirname(fileURLToPath(import.meta.url)), 'interop');
const MAX_LINE = 8192;
const REPLY_MS = 2000;

const who = {
  checker: text('checker (client)', '검사기 (클라이언트)'),
  server: text('your server', '내 서버'),
  a: text('client A (checker)', '클라이언트 A (검사기)'),
  b: text('client B (checker)', '클라이언트 B (검사기)'),
  c: text('client C (checker)', '클라이언트 C (검사기)'),
  py: text('Python client', 'Python 클라이언트'),
  java: text('Java client', 'Java 클라이언트'),
};

/** What the checker sent for one step, in words for the report. */
type Sent = string | Buffer;

/** A scenario-specific look at a wrong answer: returns a precise failure, or undefined. */
type Diagnose = (got: Buffer[], sent: Sent) => FailureDetails | undefined;

async function open(ctx: ScenarioContext, left: Text = who.checker): Promise<{ server: StartedServer; peer: PeerSocket }> {
  const server = await ctx.startServer();
  const peer = await ctx.connect(server.port, ctx.transcript(left, who.server));
  return { server, peer };
}

/** Reply lines as the report shows them: the first few, each quoted with its '\n'. */
function lines(list: Array<string | Buffer>, max = 6): string {
  const shown = list.slice(0, max).map((l) => quoted(Buffer.concat([Buffer.from(l), Buffer.from('\n')]), 80));
  return list.length > max ? `${shown.join(', ')}, … (${list.length} lines)` : shown.join(', ');
}

/**
 * Reads `expected.length` reply lines (2 s each) and holds them to `expected`. A missing
 * reply, a close, or a wrong line fails with a precise reason; `diagnose` may name the
 * lesson's specific mistake first.
 */
async function expectReplies(ctx: ScenarioContext, peer: PeerSocket, sent: Sent, expected: string[], diagnose?: Diagnose): Promise<void> {
  const got: Buffer[] = [];
  for (let i = 0; i < expected.length; i++) {
    const r = await peer.readLine(REPLY_MS);
    if (r.ok) {
      got.push(r.value);
      continue;
    }
    const specific = diagnose?.(got, sent);
    if (specific) ctx.fail(specific);
    const want = expected[i]!;
    const partial = r.partial.toString('utf8');
    if (r.reason === 'timeout' && partial !== '' && partial === want) {
      ctx.fail({
        reason: 'reply-without-newline',
        summary: text('A reply came without its line end.', '답장이 줄 끝(\\n) 없이 왔습니다.'),
        expected: quoted(`${want}\n`),
        actual: quoted(r.partial),
        cause: text(
          "This protocol frames replies by line too: a client (Java's readLine(), the checker) waits for the '\\n'.",
          '이 프로토콜은 답장도 줄 단위로 나눕니다. 클라이언트(Java의 readLine(), 검사기)는 \'\\n\'을 기다립니다.',
        ),
        fix: text('socket.write(`${reply}\\n`)', 'socket.write(`${reply}\\n`)'),
        section: 'the-protocol',
      });
    }
    if (r.reason === 'closed') {
      ctx.fail({
        reason: 'closed-too-early',
        summary: fill(text('Your server closed the connection ({how}) before it answered {sent}.', '서버가 {sent}에 답하기 전에 연결을 닫았습니다({how}).'), {
          how: r.how.toUpperCase(),
          sent: quoted(sent, 60),
        }),
        expected: lines(expected),
        actual: got.length + r.partial.length > 0 ? lines([...got, r.partial]) : text(`nothing, then ${r.how.toUpperCase()}`, `아무것도 없이 ${r.how.toUpperCase()}`),
        cause: text(
          'Only QUIT and a too-long line end the conversation. Closing after one reply is lesson 01\'s shortcut; a line protocol keeps the connection for as many commands as the client sends.',
          'QUIT와 너무 긴 줄만 대화를 끝냅니다. 답장 하나 후 닫는 것은 레슨 01의 지름길이고, 줄 프로토콜은 클라이언트가 보내는 만큼 명령을 받도록 연결을 유지합니다.',
        ),
        fix: text("Answer with socket.write(…); call socket.end(…) only for QUIT and 'ERR line too long'.", "답은 socket.write(…)로 보내고, socket.end(…)는 QUIT와 'ERR line too long'에서만 호출하세요."),
        section: 'the-protocol',
      });
    }
    ctx.fail({
      reason: 'no-reply',
      summary: fill(text('No reply to {sent} within {ms} ms.', '{sent}에 {ms}ms 안에 답이 없었습니다.'), { sent: quoted(sent, 60), ms: REPLY_MS }),
      expected: lines(expected.slice(i)),
      actual: got.length > 0 || partial !== '' ? lines([...got, r.partial]) : text('nothing', '아무것도 오지 않음'),
      cause: text(
        "Your 'data' handler did not answer this line: it may wait for something that never comes, or it may not split the received bytes into lines yet.",
        "'data' 핸들러가 이 줄에 답하지 않았습니다. 오지 않을 무언가를 기다리거나, 받은 바이트를 아직 줄로 나누지 않는 것 같습니다.",
      ),
      fix: text(
        "Append each chunk to a buffer; while it contains '\\n', cut off one line, answer it, and keep the rest.",
        "받은 덩어리를 버퍼에 이어 붙이고, '\\n'이 있는 동안 한 줄씩 잘라 답하고 나머지는 남겨 두세요.",
      ),
      section: 'framing',
    });
  }
  if (got.every((g, i) => g.equals(Buffer.from(expected[i]!)))) return;
  const specific = diagnose?.(got, sent);
  if (specific) ctx.fail(specific);
  const i = got.findIndex((g, k) => !g.equals(Buffer.from(expected[k]!)));
  ctx.fail(wrongReply(sent, expected[i]!, got[i]!));
}

/** A reply to bytes that hold no line end at all: the server answered a chunk, not a line. */
function answeredWithoutLine(sent: Buffer, want: string, got: Buffer): FailureDetails {
  return {
    reason: 'wrong-reply',
    summary: fill(text("Your server answered {n} bytes that hold no '\\n'.", "서버가 '\\n'이 하나도 없는 {n}바이트에 답했습니다."), { n: sent.length }),
    expected: quoted(`${want}\n`),
    actual: quoted(Buffer.concat([got, Buffer.from('\n')]), 80),
    cause: text(
      "No line was complete, so there was nothing to answer but the limit error: your server answered the bytes as they came (each 'data' chunk as a command), or it checks the limit only after it answers.",
      "끝난 줄이 없으니 제한 오류 말고는 답할 것이 없었습니다. 서버가 도착한 바이트에 바로 답했거나('data' 덩어리 하나를 명령 하나로), 답한 뒤에야 제한을 검사합니다.",
    ),
    fix: text(
      "Answer only complete lines (cut at '\\n'); keep the rest in the buffer, and when that rest grows past the limit reply \"ERR line too long\" and close.",
      "완성된 줄('\\n'까지)에만 답하고 나머지는 버퍼에 두세요. 그 나머지가 제한을 넘으면 \"ERR line too long\"으로 답하고 닫으세요.",
    ),
    section: 'line-limit',
  };
}

function wrongReply(sent: Sent, want: string, got: Buffer): FailureDetails {
  const s = got.toString('utf8');
  const crLeft = s === `${want}\r` || s.endsWith('\r');
  return {
    reason: crLeft ? 'crlf-not-stripped' : 'wrong-reply',
    summary: fill(text('Wrong reply to {sent}.', '{sent}에 대한 답이 틀렸습니다.'), { sent: quoted(sent, 60) }),
    expected: quoted(`${want}\n`),
    actual: quoted(Buffer.concat([got, Buffer.from('\n')]), 80),
    cause: crLeft
      ? text("The '\\r' of a \"\\r\\n\" line end stayed in the line.", '"\\r\\n" 줄 끝의 \'\\r\'이 줄에 남았습니다.')
      : text('The line arrived whole; the reply does not follow the protocol table.', '줄은 온전히 도착했지만 답이 프로토콜 표와 다릅니다.'),
    fix: crLeft
      ? text("Strip one '\\r' just before the '\\n' (and only there).", "'\\n' 바로 앞의 '\\r' 하나만(그 자리에서만) 떼어 내세요.")
      : text('Compare your reply with the table in the README, character for character.', 'README의 표와 답을 글자 하나하나 비교해 보세요.'),
    section: crLeft ? 'line-ends' : 'the-protocol',
  };
}

/** After QUIT or a too-long line the server closes: FIN (or RST) within 2 s. */
async function expectClose(ctx: ScenarioContext, peer: PeerSocket, after: string, reason: string, section: string): Promise<void> {
  const how = await peer.waitClosed(REPLY_MS);
  if (how !== 'timeout') return;
  ctx.fail({
    reason,
    summary: fill(text('Your server answered {after} but kept the connection open.', '서버가 {after}에 답했지만 연결을 닫지 않았습니다.'), { after }),
    expected: text('FIN (the server closes) within 2 s', '2초 안에 FIN(서버가 닫음)'),
    actual: text('the connection stayed open', '연결이 열려 있음'),
    cause: text('socket.write() sends the reply but does not close.', 'socket.write()는 답을 보낼 뿐 닫지 않습니다.'),
    fix: text('Send the last reply with socket.end(reply): it writes, then closes (FIN).', '마지막 답은 socket.end(reply)로 보내세요. 쓰고 나서 닫습니다(FIN).'),
    section,
  });
}

/** No more replies may come: read what else arrives within `ms`. */
async function expectNothingMore(peer: PeerSocket, ms: number): Promise<Buffer> {
  await peer.waitClosed(ms);
  return peer.unread();
}

const hasReplacement = (b: Buffer) => b.toString('utf8').includes('\uFFFD');

// ---------------------------------------------------------------------------------------------
// Diagnoses of the lesson's mistakes

const oneDataOneCommand = (count: number): Diagnose => (got) => {
  const first = got[0]?.toString('utf8') ?? '';
  if (got.length === 0) return undefined; // no reply at all: the general explanation fits better
  if (got.length >= count && !first.startsWith('ERR unknown command')) return undefined;
  return {
    reason: 'one-data-one-command',
    summary: fill(text('{n} commands sent in one write got {m} correct replies.', '한 번에 쓴 명령 {n}개에 올바른 답이 {m}개 왔습니다.'), {
      n: count,
      m: first === 'PONG' ? 1 : 0,
    }),
    expected: text(`${count} replies, one per line`, `줄마다 하나씩, 답 ${count}개`),
    actual: got.length > 0 ? lines(got) : text('nothing', '아무것도 오지 않음'),
    cause: text(
      "TCP coalesces writes: several lines can arrive in ONE 'data' event. Your server treats each 'data' event as one command.",
      "TCP는 여러 번의 쓰기를 합칩니다. 여러 줄이 'data' 이벤트 하나로 올 수 있는데, 서버가 'data' 이벤트 하나를 명령 하나로 다룹니다.",
    ),
    fix: text(
      "Loop: while the buffer contains '\\n', take one line off its front and answer it.",
      "반복하세요: 버퍼에 '\\n'이 있는 동안 앞에서 한 줄을 떼어 내 답합니다.",
    ),
    section: 'a-chunk-is-not-a-message',
  };
};

const remainderDropped: Diagnose = (got) => {
  // Called on a wrong reply, or on a missing one after some replies came: in this scenario
  // every line arrives in pieces, so the pieces are the cause. No reply at all is no-reply.
  if (got.length === 0) return undefined;
  return {
    reason: 'remainder-dropped',
    summary: text('A line that arrived in pieces was not put back together.', '조각으로 도착한 줄이 다시 이어지지 않았습니다.'),
    expected: text("one reply for the whole line, once its '\\n' has arrived", "'\\n'이 도착한 뒤 줄 전체에 대한 답 하나"),
    actual: got.length > 0 ? lines(got) : text('nothing', '아무것도 오지 않음'),
    cause: text(
      "A line can arrive in several 'data' events. The piece after the last '\\n' of a chunk is the start of the next line: it was answered on its own or thrown away.",
      "한 줄이 'data' 이벤트 여러 번에 나뉘어 올 수 있습니다. 덩어리의 마지막 '\\n' 뒤 조각은 다음 줄의 앞부분인데, 따로 답하거나 버렸습니다.",
    ),
    fix: text(
      "Keep it: pending = Buffer.concat([pending, chunk]); split off complete lines; leave the rest in pending for the next 'data'.",
      "남겨 두세요: pending = Buffer.concat([pending, chunk]); 완성된 줄만 떼어 내고 나머지는 다음 'data'를 위해 pending에 둡니다.",
    ),
    section: 'keep-the-remainder',
  };
};

const utf8Cut = (expectedReply: string): Diagnose => (got) => {
  const r = got[0];
  if (!r || r.toString('utf8') === expectedReply) return undefined;
  return {
    reason: 'utf8-cut-decoded',
    summary: text('A character cut between two chunks came out broken.', '두 덩어리 사이에서 잘린 글자가 깨졌습니다.'),
    expected: quoted(`${expectedReply}\n`),
    actual: quoted(Buffer.concat([r, Buffer.from('\n')]), 80),
    cause: hasReplacement(r)
      ? text(
          "Your reply contains U+FFFD (�): each chunk was decoded on its own with toString(), so the bytes of one character, cut in two, became replacement characters.",
          '답에 U+FFFD(�)가 있습니다. 덩어리마다 따로 toString()으로 디코딩해서, 둘로 잘린 한 글자의 바이트가 대체 문자가 되었습니다.',
        )
      : text(
          "A character's bytes were split across two 'data' events and decoded separately.",
          "한 글자의 바이트가 'data' 이벤트 두 번에 나뉘었고 따로 디코딩되었습니다.",
        ),
    fix: text(
      "Frame on bytes and decode each complete line (Buffer.indexOf(0x0a), then line.toString('utf8')), or call socket.setEncoding('utf8') once, which keeps a cut character until the rest arrives.",
      "바이트로 줄을 나눈 뒤 완성된 줄마다 디코딩하거나(Buffer.indexOf(0x0a) 후 line.toString('utf8')), socket.setEncoding('utf8')을 한 번 호출하세요. 잘린 글자를 나머지가 올 때까지 보관해 줍니다.",
    ),
    section: 'utf8-across-chunks',
  };
};

const lenCounts: Diagnose = (got, sent) => {
  const textPart = Buffer.from(sent).toString('utf8').replace(/\n$/, '').slice(4);
  const r = got[0]?.toString('utf8');
  if (r === undefined) return undefined;
  const units = `${textPart.length} ${Buffer.byteLength(textPart)}`;
  const right = `${[...textPart].length} ${Buffer.byteLength(textPart)}`;
  if (r === right) return undefined;
  if (r === units) {
    return {
      reason: 'len-counts-utf16-units',
      summary: fill(text('LEN counted {t} as {n} characters.', 'LEN이 {t}를 {n}글자로 셌습니다.'), { t: quoted(textPart), n: textPart.length }),
      expected: quoted(`${right}\n`),
      actual: quoted(`${r}\n`),
      cause: text(
        'A JavaScript string\'s length counts UTF-16 code units: an emoji like 😀 is two of them (a surrogate pair), but one code point.',
        '자바스크립트 문자열의 length는 UTF-16 코드 유닛을 셉니다. 😀 같은 이모지는 코드 유닛 두 개(서로게이트 쌍)지만 코드 포인트는 하나입니다.',
      ),
      fix: text('Count code points with [...text].length and bytes with Buffer.byteLength(text).', '코드 포인트는 [...text].length로, 바이트는 Buffer.byteLength(text)로 세세요.'),
      section: 'len',
    };
  }
  const [, bytes] = r.split(' ');
  return {
    reason: 'len-wrong',
    summary: fill(text('LEN {t} gave the wrong counts.', 'LEN {t}의 결과가 틀렸습니다.'), { t: quoted(textPart) }),
    expected: quoted(`${right}\n`),
    actual: quoted(`${r}\n`),
    cause:
      bytes === String(textPart.length) || bytes === String([...textPart].length)
        ? text('The second number must count UTF-8 bytes, not characters: 안 is 3 bytes, 😀 is 4.', '두 번째 숫자는 글자가 아니라 UTF-8 바이트를 세야 합니다. 안은 3바이트, 😀는 4바이트입니다.')
        : text('LEN answers "<code points> <UTF-8 bytes>" of the text after "LEN ".', 'LEN은 "LEN " 뒤 텍스트의 "<코드 포인트 수> <UTF-8 바이트 수>"로 답합니다.'),
    fix: text('`${[...text].length} ${Buffer.byteLength(text)}`', '`${[...text].length} ${Buffer.byteLength(text)}`'),
    section: 'len',
  };
};

// ---------------------------------------------------------------------------------------------
// The line limit

const MiB = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;

/**
 * Streams `pieces` straight to the socket, giving up at `deadline` (a server that stops reading
 * would stall us). The diagram gets one line for all of it rather than one arrow per piece.
 */
async function stream(peer: PeerSocket, pieces: Buffer[], deadline: number): Promise<number> {
  let sent = 0;
  for (const p of pieces) {
    const left = deadline - Date.now();
    if (left <= 0 || peer.closed || !peer.socket.writable) break;
    const written = new Promise<boolean>((resolve) => peer.socket.write(p, (err) => resolve(!err)));
    const done = await Promise.race([written, sleep(left).then(() => false)]);
    if (!done) break;
    sent += p.length;
  }
  peer.transcript.note(
    fill(text("(+{n} of the same line, no '\\n') ──▶", "(같은 줄 {n} 추가, '\\n' 없음) ──▶"), { n: MiB(sent) }),
  );
  return sent;
}

/** A line of `bytes` bytes with no '\n' must get "ERR line too long" and a close. */
async function tooLong(ctx: ScenarioContext, what: Text, line: Buffer, multibyte: boolean): Promise<void> {
  const { server, peer } = await open(ctx);
  await peer.send('PING\n');
  await expectReplies(ctx, peer, 'PING\n', ['PONG']);
  await peer.send(line);
  let total = line.length;
  const r = await peer.readLine(REPLY_MS);
  if (r.ok) {
    if (r.value.toString('utf8') !== 'ERR line too long') {
      ctx.fail(line.includes(0x0a) ? wrongReply(line, 'ERR line too long', r.value) : answeredWithoutLine(line, 'ERR line too long', r.value));
    }
    await expectClose(ctx, peer, quoted('ERR line too long\n'), 'too-long-not-closed', 'line-limit');
    return;
  }
  if (r.reason === 'closed') {
    ctx.fail({
      reason: 'too-long-no-error',
      summary: text('Your server closed the connection without saying why.', '서버가 이유를 말하지 않고 연결을 닫았습니다.'),
      expected: quoted('ERR line too long\n'),
      actual: text(`${r.how.toUpperCase()} with no reply`, `답 없이 ${r.how.toUpperCase()}`),
      cause: text('The protocol asks for an error line before the close, so the client knows what happened.', '프로토콜은 닫기 전에 오류 줄을 보내라고 합니다. 그래야 클라이언트가 무슨 일인지 압니다.'),
      fix: text("socket.end('ERR line too long\\n')", "socket.end('ERR line too long\\n')"),
      section: 'line-limit',
    });
  }
  if (multibyte) {
    // Counted in characters, 9000 bytes of Korean are only 3000. Add 16 KiB of ASCII: a server
    // that counts characters now answers; one with no limit at all still does not.
    await peer.send(Buffer.alloc(16 * 1024, 'x'));
    total += 16 * 1024;
    const more = await peer.readLine(REPLY_MS);
    if (more.ok || more.reason === 'closed') ctx.fail({
      reason: 'limit-counts-characters',
      summary: fill(text('{what}: no "ERR line too long" within {ms} ms.', '{what}: {ms}ms 안에 "ERR line too long"이 오지 않았습니다.'), { what, ms: REPLY_MS }),
      expected: quoted('ERR line too long\n'),
      actual: text('nothing, until 16 KiB of ASCII followed: then the limit struck', '아무것도 없다가, ASCII 16KiB가 더 오자 그제야 제한에 걸림'),
      cause: text(
        `The limit is ${MAX_LINE} bytes. These ${line.length} bytes are only ${[...line.toString('utf8')].length} characters: a limit on string length lets them through.`,
        `제한은 ${MAX_LINE}바이트입니다. 이 ${line.length}바이트는 ${[...line.toString('utf8')].length}글자일 뿐이라, 문자열 길이로 재는 제한은 통과시킵니다.`,
      ),
      fix: text('Measure bytes: keep a Buffer (pending.length), or use Buffer.byteLength(pending) on a string.', '바이트로 재세요: Buffer로 보관하거나(pending.length), 문자열이면 Buffer.byteLength(pending)를 쓰세요.'),
      section: 'line-limit',
    });
  }
  // Still no answer: keep streaming the same line, 2 MiB more, and watch the server's memory.
  const before = await server.program.memory();
  const piece = Buffer.alloc(64 * 1024, 'x');
  const streamed = await stream(peer, Array.from({ length: 32 }, () => piece), Date.now() + 4000);
  await sleep(300);
  const after = await server.program.memory();
  const late = peer.unread().toString('utf8');
  const mem =
    before !== undefined && after !== undefined
      ? text(
          `its memory (RSS) went from ${MiB(before)} to ${MiB(after)} while the checker sent ${MiB(streamed)} more of the same line`,
          `검사기가 같은 줄을 ${MiB(streamed)} 더 보내는 동안 메모리(RSS)가 ${MiB(before)}에서 ${MiB(after)}(으)로 바뀌었습니다`,
        )
      : text(`the checker sent ${MiB(streamed)} more of the same line`, `검사기가 같은 줄을 ${MiB(streamed)} 더 보냈습니다`);
  if (late.startsWith('ERR line too long')) {
    ctx.fail({
      reason: 'limit-too-large',
      summary: fill(text('Your server only gave up after more than {n} bytes of one line.', '서버가 한 줄이 {n}바이트를 넘고서야 포기했습니다.'), { n: total }),
      expected: text(`"ERR line too long\\n" once a line passes ${MAX_LINE} bytes`, `줄이 ${MAX_LINE}바이트를 넘는 즉시 "ERR line too long\\n"`),
      actual: fill(text('no answer after {n} bytes; {mem}', '{n}바이트 뒤에도 답 없음. {mem}'), { n: total, mem }),
      cause: text(`The limit of this protocol is ${MAX_LINE} bytes.`, `이 프로토콜의 제한은 ${MAX_LINE}바이트입니다.`),
      fix: text(`const MAX_LINE_BYTES = ${MAX_LINE}; check it after every chunk.`, `const MAX_LINE_BYTES = ${MAX_LINE}; 덩어리마다 확인하세요.`),
      section: 'line-limit',
    });
  }
  ctx.fail({
    reason: 'no-line-limit',
    summary: fill(text('{what}: your server never said "ERR line too long".', '{what}: 서버가 "ERR line too long"을 보내지 않았습니다.'), { what }),
    expected: quoted('ERR line too long\n'),
    actual: fill(text('nothing within {ms} ms; then {mem}.', '{ms}ms 동안 아무것도 없음. 그 뒤 {mem}.'), { ms: REPLY_MS, mem }),
    cause: text(
      "Your server buffers a line for as long as the client keeps sending it. A client (or an attacker) that never sends '\\n' makes you buffer forever, until the process runs out of memory.",
      "서버가 클라이언트가 보내는 한 줄을 끝없이 버퍼에 쌓습니다. '\\n'을 보내지 않는 클라이언트(또는 공격자)는 프로세스의 메모리가 바닥날 때까지 버퍼를 키울 수 있습니다.",
    ),
    fix: text(
      `Cap the line: after each chunk, if the unfinished line is longer than ${MAX_LINE} bytes, socket.end('ERR line too long\\n') and ignore the rest.`,
      `줄 길이를 제한하세요: 덩어리마다, 끝나지 않은 줄이 ${MAX_LINE}바이트보다 길면 socket.end('ERR line too long\\n')를 호출하고 나머지는 무시합니다.`,
    ),
    section: 'line-limit',
  });
}

// ---------------------------------------------------------------------------------------------
// Other languages' clients

type Program = ReturnType<ScenarioContext['startProgram']>;

/** Before another language's client runs, the checker makes sure the server answers at all. */
async function answersPing(ctx: ScenarioContext): Promise<StartedServer> {
  const { server, peer } = await open(ctx);
  await peer.send('PING\n');
  await expectReplies(ctx, peer, 'PING\n', ['PONG']);
  peer.halfClose();
  return server;
}

async function expectOtherClient(ctx: ScenarioContext, program: Program, label: Text, expected: string[]): Promise<void> {
  const exit = await program.waitExit(20000); // the clients give up by themselves after 5 s of silence
  const printed = program.stdout().replace(/\r\n/g, '\n').split('\n').filter((l, i, all) => l !== '' || i < all.length - 1);
  if (exit && exit.code === 0 && printed.join('\n') === expected.join('\n')) return;
  ctx.fail({
    reason: 'other-client-failed',
    summary: exit
      ? fill(text('The {who} did not get the expected replies ({how}).', '{who}가 기대한 답을 받지 못했습니다({how}).'), { who: label, how: describeExit(exit) })
      : fill(text('The {who} did not finish within 20 s.', '{who}가 20초 안에 끝나지 않았습니다.'), { who: label }),
    expected: expected.join(' | '),
    actual: printed.length > 0 ? printed.join(' | ') : text('(nothing printed)', '(출력 없음)'),
    cause: text(
      "It sends UTF-8 lines (the Java one ends them with \"\\r\\n\", as println does on Windows) and reads replies line by line until the server closes after BYE.",
      '이 클라이언트는 UTF-8 줄을 보내고(Java 쪽은 Windows의 println처럼 "\\r\\n"으로 끝냄), 서버가 BYE 후 닫을 때까지 답을 한 줄씩 읽습니다.',
    ),
    fix: text('Run the same commands by hand with nc (see "Run it") and compare with the protocol table.', '"직접 실행하기"처럼 nc로 같은 명령을 보내 보고 프로토콜 표와 비교하세요.'),
    section: 'other-languages',
  });
}

// ---------------------------------------------------------------------------------------------

export default defineScenarios([
  {
    id: 'commands',
    title: text('one command per write: PING, ECHO, LEN, QUIT → BYE, then close', '쓰기 한 번에 명령 하나: PING, ECHO, LEN, QUIT → BYE 후 종료'),
    async run(ctx) {
      const { peer } = await open(ctx);
      for (const [cmd, reply] of [
        ['PING', 'PONG'],
        ['ECHO hello, world', 'hello, world'],
        ['ECHO  two  spaces ', ' two  spaces '],
        ['LEN hello', '5 5'],
      ] as const) {
        await peer.send(`${cmd}\n`);
        await expectReplies(ctx, peer, `${cmd}\n`, [reply], (got) => {
          const g = got[0]?.toString('utf8');
          if (cmd.startsWith('ECHO  ') && g !== undefined && g !== reply && g.trim() === reply.trim()) {
            return {
              reason: 'echo-changed-text',
              summary: text('ECHO did not return its text exactly.', 'ECHO가 텍스트를 그대로 돌려주지 않았습니다.'),
              expected: quoted(`${reply}\n`),
              actual: quoted(`${g}\n`),
              cause: text(
                'The text is everything after the first space, spaces included. trim() (or split and join) changes it.',
                '텍스트는 첫 공백 뒤의 전부이며 공백도 포함합니다. trim()(이나 split 후 join)은 텍스트를 바꿉니다.',
              ),
              fix: text("const rest = line.slice(line.indexOf(' ') + 1); and strip only a '\\r' before the '\\n', never trim().", "const rest = line.slice(line.indexOf(' ') + 1); 그리고 '\\n' 앞의 '\\r'만 떼고 trim()은 쓰지 마세요."),
              section: 'the-protocol',
            };
          }
          return undefined;
        });
      }
      await peer.send('QUIT\n');
      await expectReplies(ctx, peer, 'QUIT\n', ['BYE']);
      await expectClose(ctx, peer, quoted('QUIT\n'), 'no-close-after-quit', 'the-protocol');
    },
  },
  {
    id: 'errors',
    title: text('an empty line → "ERR empty"; an unknown command → "ERR unknown command <WORD>"', '빈 줄 → "ERR empty", 모르는 명령 → "ERR unknown command <WORD>"'),
    async run(ctx) {
      const { peer } = await open(ctx);
      for (const [line, reply] of [
        ['', 'ERR empty'],
        ['HELLO there', 'ERR unknown command HELLO'],
        ['ping', 'ERR unknown command ping'],
        ['PING', 'PONG'],
      ] as const) {
        await peer.send(`${line}\n`);
        await expectReplies(ctx, peer, `${line}\n`, [reply]);
      }
    },
  },
  {
    id: 'len-code-points-and-bytes',
    title: text('LEN counts code points and UTF-8 bytes: 안녕 → "2 6", 😀 → "1 4"', 'LEN은 코드 포인트와 UTF-8 바이트를 셈: 안녕 → "2 6", 😀 → "1 4"'),
    async run(ctx) {
      const { peer } = await open(ctx);
      for (const [line, reply] of [
        ['LEN 안녕', '2 6'],
        ['LEN 😀', '1 4'],
        ['LEN héllo 😀!', '8 12'],
        ['LEN ', '0 0'],
      ] as const) {
        await peer.send(`${line}\n`);
        await expectReplies(ctx, peer, `${line}\n`, [reply], lenCounts);
      }
    },
  },
  {
    id: 'many-lines-in-one-write',
    title: text('"PING\\nECHO a\\nLEN 안녕\\nPING\\nQUIT\\n" in ONE write → 5 replies in order, then close', '"PING\\nECHO a\\nLEN 안녕\\nPING\\nQUIT\\n"을 한 번에 씀 → 순서대로 답 5개 후 종료'),
    async run(ctx) {
      const { peer } = await open(ctx);
      const sent = 'PING\nECHO a\nLEN 안녕\nPING\nQUIT\n';
      await peer.send(sent);
      await expectReplies(ctx, peer, sent, ['PONG', 'a', '2 6', 'PONG', 'BYE'], oneDataOneCommand(5));
      await expectClose(ctx, peer, quoted('QUIT\n'), 'no-close-after-quit', 'the-protocol');
    },
  },
  {
    id: 'line-in-pieces',
    timing: true, // a wrong server passes by luck if the pieces coalesce: run alone
    title: text('"ECHO hello\\n" byte by byte, then "PING\\nECH" | "O split\\nPI" | "NG\\n"', '"ECHO hello\\n"을 한 바이트씩, 이어서 "PING\\nECH" | "O split\\nPI" | "NG\\n"'),
    async run(ctx) {
      const { peer } = await open(ctx);
      await peer.sendByteByByte('ECHO hello\n', 5);
      await expectReplies(ctx, peer, 'ECHO hello\n', ['hello'], remainderDropped);
      const sent = 'PING\nECHO split\nPING\n';
      await peer.sendPieces(['PING\nECH', 'O split\nPI', 'NG\n'], 200);
      await expectReplies(ctx, peer, sent, ['PONG', 'split', 'PONG'], remainderDropped);
    },
  },
  {
    id: 'utf8-cut-across-chunks',
    timing: true, // the cut only shows if the two halves arrive as two chunks: run alone
    title: text('"LEN 안녕\\n" cut inside 녕, "ECHO 😀!\\n" cut inside 😀 → "2 6", "😀!"', '"LEN 안녕\\n"을 녕 가운데서, "ECHO 😀!\\n"을 😀 가운데서 자름 → "2 6", "😀!"'),
    async run(ctx) {
      const { peer } = await open(ctx);
      // 안 is bytes 4..6 and 녕 bytes 7..9 (EB 85 95): cut after EB.
      await peer.sendSplitAt('LEN 안녕\n', [8], 300);
      await expectReplies(ctx, peer, 'LEN 안녕\n', ['2 6'], utf8Cut('2 6'));
      // 😀 is F0 9F 98 80 at bytes 5..8: cut in its middle.
      await peer.sendSplitAt('ECHO 😀!\n', [7], 300);
      await expectReplies(ctx, peer, 'ECHO 😀!\n', ['😀!'], utf8Cut('😀!'));
    },
  },
  {
    id: 'crlf-line-ends',
    title: text('"PING\\r\\n" → "PONG"; "ECHO a b\\r\\n" → "a b"; "\\r\\n" → "ERR empty"', '"PING\\r\\n" → "PONG", "ECHO a b\\r\\n" → "a b", "\\r\\n" → "ERR empty"'),
    async run(ctx) {
      const { peer } = await open(ctx);
      for (const [line, reply] of [
        ['PING\r\n', 'PONG'],
        ['ECHO a b\r\n', 'a b'],
        ['\r\n', 'ERR empty'],
      ] as const) {
        await peer.send(line);
        await expectReplies(ctx, peer, line, [reply], (got) => {
          const g = got[0]?.toString('utf8');
          if (g === undefined || g === reply || !/\r|unknown command PING/.test(g)) return undefined;
          return { ...wrongReply(line, reply, got[0]!), reason: 'crlf-not-stripped', section: 'line-ends' };
        });
      }
    },
  },
  {
    id: 'bare-cr-is-not-a-line-end',
    title: text('"ECHO a\\rb\\n" → "a\\rb" (a bare \\r does not end a line)', '"ECHO a\\rb\\n" → "a\\rb"(\\r 하나만으로는 줄이 끝나지 않음)'),
    async run(ctx) {
      const { peer } = await open(ctx);
      await peer.send('ECHO a\rb\n');
      await expectReplies(ctx, peer, 'ECHO a\rb\n', ['a\rb'], (got) => {
        const g = got[0]?.toString('utf8');
        if (g !== 'a') return undefined;
        return {
          reason: 'bare-cr-ends-line',
          summary: text("Your server ended a line at a bare '\\r'.", "서버가 '\\r' 하나에서 줄을 끝냈습니다."),
          expected: quoted('a\rb\n'),
          actual: lines(got),
          cause: text(
            "In this protocol only '\\n' ends a line. Node's readline also ends lines at a lone '\\r' (it is made for text typed at a terminal, not for a wire protocol).",
            "이 프로토콜에서는 '\\n'만 줄을 끝냅니다. Node의 readline은 '\\r' 하나에서도 줄을 끝냅니다(터미널에서 입력한 텍스트용이지 통신 프로토콜용이 아닙니다).",
          ),
          fix: text("Frame the bytes yourself: split on '\\n' only, then strip one '\\r' just before it.", "바이트를 직접 나누세요: '\\n'에서만 자르고, 바로 앞의 '\\r' 하나만 떼어 냅니다."),
          section: 'readline',
        };
      });
      await peer.send('PING\n');
      await expectReplies(ctx, peer, 'PING\n', ['PONG']);
    },
  },
  {
    id: 'unterminated-at-eof',
    title: text('"PING\\n", then "PING\\nPIN" and FIN → exactly one more "PONG\\n", then the server closes', '"PING\\n" 후 "PING\\nPIN"과 FIN → "PONG\\n" 하나만 더, 그리고 서버가 닫음'),
    async run(ctx) {
      const { peer } = await open(ctx);
      await peer.send('PING\n');
      await expectReplies(ctx, peer, 'PING\n', ['PONG']);
      await peer.send('PING\nPIN');
      peer.halfClose();
      await expectReplies(ctx, peer, 'PING\nPIN', ['PONG']);
      const rest = await expectNothingMore(peer, REPLY_MS);
      if (rest.length > 0) {
        ctx.fail({
          reason: 'answered-unterminated',
          summary: text("Your server answered \"PIN\", which never got its '\\n'.", "서버가 '\\n'을 받지 못한 \"PIN\"에 답했습니다."),
          expected: text('"PONG\\n" and nothing else, then FIN', '"PONG\\n" 하나만, 그다음 FIN'),
          actual: lines(['PONG', ...rest.toString('utf8').replace(/\n$/, '').split('\n')]),
          cause: text(
            "Bytes without a '\\n' at the end of the stream are not a line: the client may have been cut off mid-command. (readline hands them over as a last line at EOF.)",
            "스트림 끝에서 '\\n' 없이 남은 바이트는 줄이 아닙니다. 클라이언트가 명령 도중에 끊겼을 수 있습니다. (readline은 EOF에서 이를 마지막 줄로 넘겨줍니다.)",
          ),
          fix: text("On 'end', drop what is left in the buffer (log it if you like).", "'end'에서 버퍼에 남은 것을 버리세요(원하면 기록만 하세요)."),
          section: 'end-of-stream',
        });
      }
      if (!peer.closed) {
        ctx.fail({
          reason: 'no-close-after-eof',
          summary: text('The client closed its side (FIN), but your server kept the connection open.', '클라이언트가 자기 쪽을 닫았는데(FIN) 서버가 연결을 열어 두었습니다.'),
          expected: text('FIN from the server within 2 s', '2초 안에 서버의 FIN'),
          actual: text('the connection stayed open', '연결이 열려 있음'),
          cause: text(
            "With allowHalfOpen: true, Node does not end your side when the client ends its own.",
            'allowHalfOpen: true이면 클라이언트가 닫아도 Node가 서버 쪽을 닫지 않습니다.',
          ),
          fix: text("Leave allowHalfOpen at its default (false), or call socket.end() in the 'end' handler.", "allowHalfOpen을 기본값(false)으로 두거나 'end' 핸들러에서 socket.end()를 호출하세요."),
          section: 'end-of-stream',
        });
      }
    },
  },
  {
    id: 'line-too-long',
    title: text('60 KiB without \'\\n\' → "ERR line too long", then close', "'\\n' 없는 60KiB → \"ERR line too long\" 후 종료"),
    timing: true,
    limitMs: 20000,
    run: (ctx) => tooLong(ctx, text('60 KiB with no line end', '줄 끝 없는 60KiB'), Buffer.alloc(60 * 1024, 'x'), false),
  },
  {
    id: 'line-limit-in-bytes',
    title: text('3000 × "가" (9000 bytes, 3000 characters) without \'\\n\' → "ERR line too long"', "'\\n' 없는 \"가\" 3000개(9000바이트, 3000글자) → \"ERR line too long\""),
    timing: true,
    limitMs: 12000,
    run: (ctx) => tooLong(ctx, text('9000 bytes of Korean with no line end', '줄 끝 없는 한글 9000바이트'), Buffer.from('가'.repeat(3000)), true),
  },
  {
    id: 'limit-is-per-line',
    title: text(`a line of exactly ${MAX_LINE} bytes is answered; 4000 × "PING\\n" in one write get 4000 "PONG"`, `정확히 ${MAX_LINE}바이트인 줄에 답함, 한 번에 쓴 "PING\\n" 4000개에 "PONG" 4000개`),
    limitMs: 15000,
    async run(ctx) {
      const { peer } = await open(ctx);
      const longest = `ECHO ${'x'.repeat(MAX_LINE - 5)}`;
      await peer.send(`${longest}\n`);
      await expectReplies(ctx, peer, `${longest}\n`, [longest.slice(5)], (got) => {
        if (got[0]?.toString('utf8') !== 'ERR line too long') return undefined;
        return {
          reason: 'limit-too-small',
          summary: fill(text('A line of exactly {n} bytes was refused.', '정확히 {n}바이트인 줄이 거부되었습니다.'), { n: MAX_LINE }),
          expected: quoted(`${longest.slice(5)}\n`, 40),
          actual: quoted('ERR line too long\n'),
          cause: text(
            `Lines of up to ${MAX_LINE} bytes (not counting the '\\n') are allowed. Either your limit is smaller, or you measured a chunk (which may hold the '\\n' and more) instead of the line.`,
            `'\\n'을 빼고 ${MAX_LINE}바이트까지의 줄은 허용됩니다. 제한이 더 작거나, 줄이 아니라 덩어리('\\n'과 그 뒤까지 담을 수 있음)를 쟀습니다.`,
          ),
          fix: text("Split off complete lines first; then only the unfinished rest (no '\\n' yet) must stay within the limit.", "먼저 완성된 줄을 떼어 내고, 그 뒤 아직 '\\n'이 없는 나머지만 제한 안에 있어야 합니다."),
          section: 'line-limit',
        };
      });
      const count = 4000;
      const sent = 'PING\n'.repeat(count);
      await peer.send(sent);
      const expected = Array.from({ length: count }, () => 'PONG');
      await expectReplies(ctx, peer, `${count} × "PING\\n"`, expected, (got) => {
        if (!got.some((g) => g.toString('utf8') === 'ERR line too long')) return undefined;
        return {
          reason: 'limit-on-whole-buffer',
          summary: fill(text('{n} short lines in one write were refused as "too long".', '한 번에 쓴 짧은 줄 {n}개가 "너무 길다"며 거부되었습니다.'), { n: count }),
          expected: text(`${count} × "PONG\\n"`, `"PONG\\n" ${count}개`),
          actual: fill(text('{m} × "PONG\\n", then "ERR line too long\\n"', '"PONG\\n" {m}개 후 "ERR line too long\\n"'), { m: got.filter((g) => g.toString('utf8') === 'PONG').length }),
          cause: text(
            `The limit is on one line, not on a chunk: this chunk is ${sent.length} bytes, but every line in it is 4 bytes. You checked the buffer before taking the complete lines out.`,
            `제한은 덩어리가 아니라 줄 하나에 대한 것입니다. 이 덩어리는 ${sent.length}바이트지만 그 안의 줄은 모두 4바이트입니다. 완성된 줄을 꺼내기 전에 버퍼 크기를 검사했습니다.`,
          ),
          fix: text('Take the complete lines out first, then check what is left.', '완성된 줄을 먼저 꺼내고, 남은 것을 검사하세요.'),
          section: 'line-limit',
        };
      });
    },
  },
  {
    id: 'many-clients',
    title: text('two clients at once, each with its own half line; after one QUITs a new one is served', '두 클라이언트가 동시에 각자 반쪽 줄을 보냄, 하나가 QUIT한 뒤에도 새 클라이언트를 받음'),
    async run(ctx) {
      const server = await ctx.startServer();
      const a = await ctx.connect(server.port, ctx.transcript(who.a, who.server));
      await a.send('PING\n');
      await expectReplies(ctx, a, 'PING\n', ['PONG']);
      await a.send('ECHO from-A');
      await sleep(300);
      const b = await connectOrStopped(ctx, server, who.b);
      await b.send('ECHO from-B\n');
      const shared: Diagnose = (got) =>
        got.some((g) => /from-A.*from-B|from-B.*from-A/s.test(g.toString('utf8')) || g.toString('utf8').startsWith('ERR unknown command'))
          ? {
              reason: 'shared-buffer',
              summary: text("Two clients' bytes were mixed in one buffer.", '두 클라이언트의 바이트가 버퍼 하나에 섞였습니다.'),
              expected: text('A: "from-A\\n", B: "from-B\\n"', 'A: "from-A\\n", B: "from-B\\n"'),
              actual: lines(got),
              cause: text(
                "The buffer lives outside the connection handler, so every client appends to the same one. A sent half a line; B's line was glued to it.",
                '버퍼가 연결 핸들러 바깥에 있어 모든 클라이언트가 같은 버퍼에 이어 붙입니다. A가 반쪽 줄을 보냈고, B의 줄이 거기에 붙었습니다.',
              ),
              fix: text("Declare the buffer inside net.createServer((socket) => { let pending = …; … }): one per connection.", 'net.createServer((socket) => { let pending = …; … }) 안에서 버퍼를 선언하세요. 연결마다 하나씩입니다.'),
              section: 'per-connection-state',
            }
          : undefined;
      await expectReplies(ctx, b, 'ECHO from-B\n', ['from-B'], shared);
      await a.send('\n');
      await expectReplies(ctx, a, '\n', ['from-A'], shared);
      await a.send('QUIT\n');
      await expectReplies(ctx, a, 'QUIT\n', ['BYE']);
      await expectClose(ctx, a, quoted('QUIT\n'), 'no-close-after-quit', 'the-protocol');
      await sleep(200);
      const c = await connectOrStopped(ctx, server, who.c);
      await c.send('PING\n');
      await expectReplies(ctx, c, 'PING\n', ['PONG']);
      await b.send('PING\n');
      await expectReplies(ctx, b, 'PING\n', ['PONG']);
    },
  },
  {
    id: 'python-client',
    title: text('a Python client (recv loop) sends 4 lines in one sendall and reads the replies', 'Python 클라이언트(recv 반복)가 sendall 한 번에 4줄을 보내고 답을 읽음'),
    limitMs: 20000,
    async run(ctx) {
      const server = await answersPing(ctx);
      const py = ctx.startPython(path.join(INTEROP, 'line_client.py'), { label: who.py, env: { PORT: String(server.port) } });
      await expectOtherClient(ctx, py, who.py, ['PONG', '3 9', '안녕, 서버', 'BYE']);
    },
  },
  {
    id: 'java-client',
    title: text('a Java client (readLine, "\\r\\n" line ends) sends 4 lines one at a time', 'Java 클라이언트(readLine, "\\r\\n" 줄 끝)가 4줄을 하나씩 보냄'),
    limitMs: 60000,
    async run(ctx) {
      const server = await answersPing(ctx);
      const java = ctx.startJava(path.join(INTEROP, 'LineClient.java'), { label: who.java, env: { PORT: String(server.port) } });
      await expectOtherClient(ctx, java, who.java, ['PONG', '2 6', '안녕, 서버', 'BYE', 'null']);
    },
  },
  {
    id: 'generated-exchanges',
    title: text('generated exchanges: the protocol model against your server, cut at any byte', '만들어 낸 주고받기: 프로토콜 모델과 내 서버를 비교, 아무 바이트에서나 끊어 보냄'),
    limitMs: 20000,
    async run(ctx: ScenarioContext) {
      const server = await ctx.startServer();
      await checkGenerated(ctx, {
        cases: lineCases,
        examples: lineExamples,
        run: (c, transcript) => runLineCase(ctx, server, c, transcript),
        describe: describeLineCase,
        runs: 30,
        ms: 5000,
      });
    },
  },
]);

/** The generated exchange's wrong answer, as the report shows it: reply `i` marked. */
function replyMismatch(i: number, want: string[], got: Buffer[], actual: Buffer): Mismatch {
  return {
    reason: 'wrong-reply',
    summary: fill(text('Reply {n} of {all} differs from the protocol, in a generated exchange (below).', '만들어 낸 주고받기(아래)에서 답 {all}개 중 {n}번째가 프로토콜과 다릅니다.'), { n: i + 1, all: want.length }),
    expected: `${quoted(`${want[i]}\n`, 80)}  (${lines(want)})`,
    actual: `${quoted(Buffer.concat([actual, Buffer.from('\n')]), 80)}  (${lines([...got, actual])})`,
    cause: text('The smallest exchange the checker found that your server answers wrongly: compare it with the protocol table line by line.', '검사기가 찾은, 서버가 틀리게 답하는 가장 작은 주고받기입니다. 프로토콜 표와 한 줄씩 비교해 보세요.'),
    section: 'the-protocol',
  };
}

/**
 * One generated case against a running server, on a new connection: the bytes cut as the case
 * says, then every reply held to the model, then the close (or no extra bytes).
 */
async function runLineCase(ctx: ScenarioContext, server: StartedServer, c: LineCase, transcript: (l: Text, r: Text) => Transcript): Promise<Mismatch | undefined> {
  const peer = await ctx.connect(server.port, transcript(who.checker, who.server));
  try {
    await peer.sendPieces(splitAt(bytesOf(c), c.cuts), 5); // 5 ms apart: drawn as separate writes
    if (c.ending.kind === 'fin') peer.halfClose();
    const want = expectedOf(c);
    const got: Buffer[] = [];
    for (let i = 0; i < want.replies.length; i++) {
      const r = await peer.readLine(REPLY_MS);
      if (!r.ok) {
        return {
          reason: r.reason === 'closed' ? 'closed-too-early' : 'no-reply',
          summary: fill(text('No reply {n} of {all} in a generated exchange (below): {why}.', '만들어 낸 주고받기(아래)에서 답 {all}개 중 {n}번째가 오지 않았습니다: {why}.'), {
            n: i + 1,
            all: want.replies.length,
            why: r.reason === 'closed' ? text('the server closed the connection', '서버가 연결을 닫음') : fill(text('nothing within {ms} ms', '{ms}ms 안에 아무것도 오지 않음'), { ms: REPLY_MS }),
          }),
          expected: lines(want.replies),
          actual: got.length ? lines(got) : text('(nothing before that)', '(그 전에 온 것 없음)'),
          section: 'the-protocol',
        };
      }
      if (!r.value.equals(Buffer.from(want.replies[i]!))) return replyMismatch(i, want.replies, got, r.value);
      got.push(r.value);
    }
    const rest = await (want.closes ? peer.readToClose(1500) : peer.waitFor(() => peer.unread().length > 0, 30).then(() => ({ bytes: peer.unread(), how: 'open' as const })));
    if (rest.bytes.length > 0) return replyMismatch(want.replies.length, [...want.replies, '(nothing more)'], got, rest.bytes);
    if (want.closes && rest.how === 'timeout') {
      const reason = c.ending.kind === 'quit' ? 'no-close-after-quit' : c.ending.kind === 'too-long' ? 'too-long-not-closed' : 'no-close-after-eof';
      return {
        reason,
        summary: text('The server did not close the connection in a generated exchange (below).', '만들어 낸 주고받기(아래)에서 서버가 연결을 닫지 않았습니다.'),
        expected: text('FIN within 1500 ms', '1500ms 안에 FIN'),
        actual: text('the connection stayed open', '연결이 열린 채였음'),
        section: 'the-protocol',
      };
    }
    return undefined;
  } finally {
    peer.destroy();
  }
}

/** A case in words: `"PING\n" "ECHO 😀\r\n" + QUIT, in 3 writes`. */
function describeLineCase(c: LineCase): Text {
  const sent = quoted(bytesOf(c), 100);
  return fill(text('{sent}, in {n} writes', '{sent}, {n}번에 나눠 씀'), { sent, n: c.cuts.length + 1 });
}

/** A new connection to a server that should still be serving; a refusal means it stopped. */
async function connectOrStopped(ctx: ScenarioContext, server: StartedServer, label: Text): Promise<PeerSocket> {
  try {
    return await ctx.connect(server.port, ctx.transcript(label, who.server));
  } catch (err) {
    if (!(err instanceof CheckFailure)) throw err;
    const exit = server.program.exitInfo;
    ctx.fail({
      reason: 'stopped-serving',
      summary: exit
        ? fill(text('Your server was gone when the next client came: it {how}.', '다음 클라이언트가 왔을 때 서버가 없었습니다. {how}.'), { how: describeExit(exit) })
        : text('Your server refused the next client.', '서버가 다음 클라이언트를 거부했습니다.'),
      expected: text('every client is accepted, for as long as the server runs', '서버가 실행되는 동안 모든 클라이언트를 받음'),
      actual: err.details.summary,
      cause: text(
        "Lesson 01's server served one client and then closed its listening socket (server.close()). This server keeps serving: a QUIT ends one connection, not the server.",
        '레슨 01의 서버는 클라이언트 하나를 처리하고 리스닝 소켓을 닫았습니다(server.close()). 이 서버는 계속 서비스합니다. QUIT는 연결 하나를 끝낼 뿐 서버를 끝내지 않습니다.',
      ),
      fix: text('Do not call server.close() or process.exit() when a client leaves.', '클라이언트가 떠날 때 server.close()나 process.exit()를 호출하지 마세요.'),
      section: 'per-connection-state',
    });
  }
}
