/**
 * Lesson 05 — the hidden checks of the line client, as a list of scenarios.
 *
 * The learner writes the client of lesson 04's protocol; the checker plays the server and
 * misbehaves on purpose: it answers in pieces, cut inside characters, all at once, slowly, not
 * at all, or it closes or resets the connection. A last scenario runs the client against
 * lesson 04's reference server. The steps are in steps.ts, the words of every failure in
 * mistakes.ts, and the generated servers' behaviour in model.ts.
 *
 * The contract (README "The protocol"): `client.ts CMD…` sends each CMD + '\n', then 'QUIT\n',
 * without waiting; prints reply i on a line of its own as soon as it arrives, and nothing else
 * on stdout; reply N+1 must be BYE; exit 0 after BYE, 1 on a connection or protocol error, 2
 * after 2000 ms without data from the server, with a message on stderr for 1 and 2.
 */
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { fill, text } from '../../../src/checks/kit.ts';
import { defineChecks } from '../../../src/checks/scenario.ts';
import { checkGenerated } from '../../../src/checks/generate.ts';
import { mistakes } from './mistakes.ts';
import { CLIENT_TIMEOUT_MS, clientCases, clientExamples, modelReply } from './model.ts';
import {
  checkSuccess,
  describeClientCase,
  expectErrorExit,
  expectExitOnBye,
  expectPrintedSoon,
  expectRefusedExit,
  expectSuccess,
  expectTimeoutExit,
  freePort,
  open,
  readAllCommands,
  readCommand,
  runClientCase,
  tryEach,
  who,
  CRASH,
  type Session,
} from './steps.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const COURSE_ROOT = path.resolve(HERE, '../../..');
const LESSON_04_SERVER = path.join(COURSE_ROOT, 'solutions', 'lesson-04-line-protocol', 'server.ts');

const STANDARD = ['PING', 'ECHO 안녕', 'LEN 😀'];

/** The whole reply stream: every answer, then BYE, each ending in '\n'. */
const replyBytes = (s: Session) => Buffer.from([...s.replies, 'BYE'].map((r) => `${r}\n`).join(''));

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

export default defineChecks({
  mistakes,
  scenarios: [
    {
      id: 'one-reply-per-write',
      title: text('PING, ECHO 안녕, LEN 😀: the server answers each command as it reads it', 'PING, ECHO 안녕, LEN 😀: 서버가 명령을 읽는 대로 하나씩 답함'),
      async run(ctx) {
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
      async run(ctx) {
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
      async run(ctx) {
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
      async run(ctx) {
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
      async run(ctx) {
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
      async run(ctx) {
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
      async run(ctx) {
        const s = await open(ctx, STANDARD);
        await readAllCommands(s);
        await s.peer.send(replyBytes(s)); // and no FIN: BYE alone must be enough
        await expectExitOnBye(s, 3500);
      },
    },
    {
      id: 'server-goes-silent',
      title: text(
        `the server answers 2 of 4 and goes silent: the 2 replies printed at once, exit code 2 after ${CLIENT_TIMEOUT_MS} ms (1.5–3 s)`,
        `서버가 4개 중 2개만 답하고 침묵: 답 2개는 곧바로 출력, ${CLIENT_TIMEOUT_MS}ms 뒤(1.5–3초) 종료 코드 2`,
      ),
      timing: true,
      limitMs: 16000,
      async run(ctx) {
        const s = await open(ctx, STANDARD);
        await readAllCommands(s);
        await sendFirstTwo(s);
        const silentSince = Date.now();
        s.peer.transcript.note(text('the checker sends nothing more; the connection stays open', '검사기가 더 보내지 않음. 연결은 열린 채'));
        // Printed as soon as they arrived: well before the timeout would end the program.
        await expectPrintedSoon(s, 2, 1000);
        await expectTimeoutExit(s, silentSince, s.replies.slice(0, 2));
      },
    },
    {
      id: 'slow-server-is-not-a-timeout',
      title: text(
        'the server answers slowly, one reply every 1000 ms (3 s in all): each printed as it comes, no timeout, exit code 0',
        '서버가 1000ms마다 하나씩 천천히 답함(모두 3초): 오는 대로 출력, 타임아웃 아님, 종료 코드 0',
      ),
      timing: true,
      limitMs: 14000,
      async run(ctx) {
        const s = await open(ctx, STANDARD);
        await readAllCommands(s);
        // One line every 1000 ms, BYE last; each reply must be printed before the next comes.
        const start = Date.now();
        for (const [i, line] of [...s.replies, 'BYE'].entries()) {
          await sleep(Math.max(0, start + i * 1000 - Date.now()));
          await s.peer.send(`${line}\n`);
          if (i < s.replies.length) await expectPrintedSoon(s, i + 1, 700);
        }
        s.peer.halfClose();
        const exit = await s.client.waitExit(4000);
        if (exit?.code === 2 && !CRASH.test(s.client.stderr())) {
          ctx.fail('timeout-is-not-idle', { vars: { ms: 1000 }, expected: text('the 3 replies, then exit code 0', '답 3개, 그다음 종료 코드 0'), actual: fill(text('stdout {out}; exit code 2', 'stdout {out}, 종료 코드 2'), { out: s.client.stdout() }) });
        }
        checkSuccess(s, exit, 4000);
      },
    },
    {
      id: 'server-closes-early',
      title: text('the server closes (FIN) after 2 of 4 replies: exit code 1', '서버가 4개 중 2개를 답한 뒤 닫음(FIN): 종료 코드 1'),
      async run(ctx) {
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
      async run(ctx) {
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
      async run(ctx) {
        const port = await freePort();
        ctx.note(fill(text('Nothing listens on 127.0.0.1:{port}: connecting is refused (ECONNREFUSED).', '127.0.0.1:{port}에서 아무도 listen하지 않으므로 접속이 거부됩니다(ECONNREFUSED).'), { port }));
        await expectRefusedExit(ctx, ctx.startClient({ port, args: ['PING'] }), 4000);
      },
    },
    {
      id: 'corner-exchanges',
      title: text(
        'the corners of the generated exchanges, on every run: no arguments, spaces around replies, an empty argument, FIN before BYE, QUIT answered by ERR',
        '만들어 낸 주고받기의 구석, 매번: 인자 없음, 앞뒤 공백이 있는 답, 빈 인자, BYE 전의 FIN, QUIT에 ERR로 답함',
      ),
      limitMs: 30000,
      run: (ctx) => tryEach(ctx, clientExamples),
    },
    {
      id: 'generated-exchanges',
      title: text(
        "generated exchanges: lesson 04's protocol model as the server, odd replies, cut at any byte, ended by BYE, another reply, a close or a reset",
        '만들어 낸 주고받기: 레슨 04 프로토콜 모델이 서버, 엉뚱한 답, 아무 바이트에서나 끊김, BYE나 다른 답이나 닫힘이나 리셋으로 끝남',
      ),
      limitMs: 30000,
      async run(ctx) {
        await checkGenerated(ctx, {
          cases: clientCases,
          run: (c, transcript) => runClientCase(ctx, c, transcript),
          describe: describeClientCase,
          runs: 24,
          ms: 5000,
          // Each case is its own client against its own checker server: several at once.
          lanes: 4,
        });
      },
    },
    {
      id: 'with-the-lesson-04-server',
      title: text("your client ↔ lesson 04's reference server", '내 클라이언트 ↔ 레슨 04 참고 서버'),
      limitMs: 30000,
      async run(ctx) {
        if (!fs.existsSync(LESSON_04_SERVER)) {
          const where = path.relative(COURSE_ROOT, LESSON_04_SERVER);
          ctx.skipScenario(text(`Lesson 04's reference server (${where}) is not there; this check is skipped.`, `레슨 04 참고 서버(${where})가 없어 이 검사는 건너뜁니다.`));
        }
        const server = await ctx.startCourseProgram(LESSON_04_SERVER, { label: who.lesson04, env: { HOST: '127.0.0.1', PORT: '0' } });
        const ready = await server.waitListening('tcp', 15000);
        if (ready === 'timeout' || !('proto' in ready)) throw new Error(`lesson 04's reference server did not start: ${server.allOutput()}`);
        const commands = ['PING', 'ECHO 안녕', 'LEN 😀', 'LEN 안녕', 'ECHO BYE'];
        const client = ctx.startClient({ port: ready.port, args: commands });
        checkSuccess({ ctx, client, replies: commands.map(modelReply) }, await client.waitExit(8000), 8000, text(' from a real lesson 04 server', '(실제 레슨 04 서버)'));
      },
    },
  ],
});
