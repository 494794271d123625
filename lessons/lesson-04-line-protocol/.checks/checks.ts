/**
 * Lesson 04 — the hidden checks of the line-protocol server, as a list of scenarios.
 *
 * Each scenario feeds the protocol's commands the ways TCP really delivers them: one per write,
 * many in one write, byte by byte, cut inside a UTF-8 character, from two clients at once, and
 * without end. The steps they use are in steps.ts, the words of every failure in mistakes.ts,
 * and the protocol itself, as a model the last scenario holds the server to, in model.ts.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { quoted, text } from '../../../src/checks/kit.ts';
import { defineChecks } from '../../../src/checks/scenario.ts';
import { checkGenerated } from '../../../src/checks/generate.ts';
import { mistakes } from './mistakes.ts';
import { exchangeExamples, exchanges, MAX_LINE } from './model.ts';
import {
  answersPing,
  ask,
  askEach,
  connectOrStopped,
  describeExchange,
  diagnose,
  endlessLine,
  expectClose,
  expectOtherClient,
  expectReplies,
  limitAnswer,
  open,
  runExchange,
  sendMore,
  who,
} from './steps.ts';

const INTEROP = path.join(path.dirname(fileURLToPath(import.meta.url)), 'interop');

export default defineChecks({
  mistakes,
  scenarios: [
    {
      id: 'commands',
      title: text('one command per write: PING, ECHO, LEN, QUIT → BYE, then close', '쓰기 한 번에 명령 하나: PING, ECHO, LEN, QUIT → BYE 후 종료'),
      async run(ctx) {
        const pairs = [
          ['PING\n', 'PONG'],
          ['ECHO hello, world\n', 'hello, world'],
          ['ECHO  two  spaces \n', ' two  spaces '],
          ['LEN hello\n', '5 5'],
          ['QUIT\n', 'BYE'],
        ] as const;
        const peer = await askEach(ctx, pairs, (_, reply) => diagnose.echoTrimmed(reply));
        await expectClose(ctx, peer, 'QUIT\n', 'no-close-after-quit');
      },
    },
    {
      id: 'errors',
      title: text('an empty line → "ERR empty"; an unknown command → "ERR unknown command <WORD>"', '빈 줄 → "ERR empty", 모르는 명령 → "ERR unknown command <WORD>"'),
      async run(ctx) {
        await askEach(ctx, [
          ['\n', 'ERR empty'],
          ['HELLO there\n', 'ERR unknown command HELLO'],
          ['ping\n', 'ERR unknown command ping'],
          ['PING\n', 'PONG'],
        ]);
      },
    },
    {
      id: 'len-code-points-and-bytes',
      title: text('LEN counts code points and UTF-8 bytes: 안녕 → "2 6", 😀 → "1 4"', 'LEN은 코드 포인트와 UTF-8 바이트를 셈: 안녕 → "2 6", 😀 → "1 4"'),
      async run(ctx) {
        const pairs = [
          ['LEN 안녕\n', '2 6'],
          ['LEN 😀\n', '1 4'],
          ['LEN héllo 😀!\n', '8 12'],
          ['LEN \n', '0 0'],
        ] as const;
        await askEach(ctx, pairs, () => diagnose.len);
      },
    },
    {
      id: 'many-lines-in-one-write',
      title: text('"PING\\nECHO a\\nLEN 안녕\\nPING\\nQUIT\\n" in ONE write → 5 replies in order, then close', '"PING\\nECHO a\\nLEN 안녕\\nPING\\nQUIT\\n"을 한 번에 씀 → 순서대로 답 5개 후 종료'),
      async run(ctx) {
        const { peer } = await open(ctx);
        const sent = 'PING\nECHO a\nLEN 안녕\nPING\nQUIT\n';
        await peer.send(sent);
        await expectReplies(ctx, peer, sent, ['PONG', 'a', '2 6', 'PONG', 'BYE'], diagnose.oneDataOneCommand(5));
        await expectClose(ctx, peer, 'QUIT\n', 'no-close-after-quit');
      },
    },
    {
      id: 'line-in-pieces',
      timing: true, // a wrong server passes by luck if the pieces coalesce: run alone
      title: text('"ECHO hello\\n" byte by byte, then "PING\\nECH" | "O split\\nPI" | "NG\\n"', '"ECHO hello\\n"을 한 바이트씩, 이어서 "PING\\nECH" | "O split\\nPI" | "NG\\n"'),
      async run(ctx) {
        const { peer } = await open(ctx);
        await peer.sendByteByByte('ECHO hello\n', 5);
        await expectReplies(ctx, peer, 'ECHO hello\n', ['hello'], diagnose.remainderDropped);
        await peer.sendPieces(['PING\nECH', 'O split\nPI', 'NG\n'], 200);
        await expectReplies(ctx, peer, 'PING\nECHO split\nPING\n', ['PONG', 'split', 'PONG'], diagnose.remainderDropped);
      },
    },
    {
      id: 'utf8-cut-across-chunks',
      timing: true, // the cut only shows if the two halves arrive as two chunks: run alone
      title: text('"LEN 안녕\\n" cut inside 녕, "ECHO 😀!\\n" cut inside 😀 → "2 6", "😀!"', '"LEN 안녕\\n"을 녕 가운데서, "ECHO 😀!\\n"을 😀 가운데서 자름 → "2 6", "😀!"'),
      async run(ctx) {
        const { peer } = await open(ctx);
        // 녕 is bytes 7..9 (EB 85 95): cut after EB.
        await peer.sendSplitAt('LEN 안녕\n', [8], 300);
        await expectReplies(ctx, peer, 'LEN 안녕\n', ['2 6'], diagnose.utf8Cut('2 6'));
        // 😀 is F0 9F 98 80 at bytes 5..8: cut in its middle.
        await peer.sendSplitAt('ECHO 😀!\n', [7], 300);
        await expectReplies(ctx, peer, 'ECHO 😀!\n', ['😀!'], diagnose.utf8Cut('😀!'));
      },
    },
    {
      id: 'crlf-line-ends',
      title: text('"PING\\r\\n" → "PONG"; "ECHO a b\\r\\n" → "a b"; "\\r\\n" → "ERR empty"', '"PING\\r\\n" → "PONG", "ECHO a b\\r\\n" → "a b", "\\r\\n" → "ERR empty"'),
      async run(ctx) {
        const pairs = [
          ['PING\r\n', 'PONG'],
          ['ECHO a b\r\n', 'a b'],
          ['\r\n', 'ERR empty'],
        ] as const;
        await askEach(ctx, pairs, (_, reply) => diagnose.crlfLeft(reply));
      },
    },
    {
      id: 'bare-cr-is-not-a-line-end',
      title: text('"ECHO a\\rb\\n" → "a\\rb" (a bare \\r does not end a line)', '"ECHO a\\rb\\n" → "a\\rb"(\\r 하나만으로는 줄이 끝나지 않음)'),
      async run(ctx) {
        await askEach(
          ctx,
          [
            ['ECHO a\rb\n', 'a\rb'],
            ['PING\n', 'PONG'],
          ],
          (line) => (line.includes('\r') ? diagnose.bareCr : undefined),
        );
      },
    },
    {
      id: 'unterminated-at-eof',
      title: text('"PING\\n", then "PING\\nPIN" and FIN → exactly one more "PONG\\n", then the server closes', '"PING\\n" 후 "PING\\nPIN"과 FIN → "PONG\\n" 하나만 더, 그리고 서버가 닫음'),
      async run(ctx) {
        const { peer } = await open(ctx);
        await ask(ctx, peer, 'PING\n', 'PONG');
        await peer.send('PING\nPIN');
        peer.halfClose();
        // Anything after this PONG answers "PIN", which never got its '\n'.
        await expectReplies(ctx, peer, 'PING\nPIN', ['PONG'], undefined, 'answered-unterminated');
        await expectClose(ctx, peer, 'PING\nPIN', 'no-close-after-eof', 'answered-unterminated');
      },
    },
    {
      id: 'line-too-long',
      title: text(`${MAX_LINE + 1} bytes without '\\n' (one over the limit) → "ERR line too long", then close`, `'\\n' 없는 ${MAX_LINE + 1}바이트(제한보다 1 많음) → "ERR line too long" 후 종료`),
      timing: true,
      limitMs: 20000,
      async run(ctx) {
        const { server, peer } = await open(ctx);
        await ask(ctx, peer, 'PING\n', 'PONG');
        // One byte over is already too long: the limit is exact, so it is tried first.
        let line = Buffer.alloc(MAX_LINE + 1, 'x');
        await peer.send(line);
        if ((await limitAnswer(ctx, peer, line)) === 'refused') return;
        // Silent: is the limit larger, or is there none? 60 KiB of the line tell the first…
        const more = Buffer.alloc(60 * 1024 - line.length, 'x');
        line = Buffer.concat([line, more]);
        if ((await sendMore(ctx, peer, more, line)) === 'refused') {
          ctx.fail('limit-too-large', {
            vars: { n: MAX_LINE + 1 },
            expected: quoted('ERR line too long\n'),
            actual: text(`nothing within 2 s; the refusal came only after ${line.length} bytes`, `2초 동안 아무것도 없음. ${line.length}바이트가 지나서야 거부함`),
          });
        }
        // …and 2 MiB more, with the server's memory watched, the second.
        await endlessLine(ctx, server, peer, text('60 KiB with no line end', '줄 끝 없는 60KiB'), line.length);
      },
    },
    {
      id: 'line-limit-in-bytes',
      title: text('3000 × "가" (9000 bytes, 3000 characters) without \'\\n\' → "ERR line too long"', "'\\n' 없는 \"가\" 3000개(9000바이트, 3000글자) → \"ERR line too long\""),
      timing: true,
      limitMs: 20000,
      async run(ctx) {
        const { server, peer } = await open(ctx);
        await ask(ctx, peer, 'PING\n', 'PONG');
        let line = Buffer.from('가'.repeat(3000));
        await peer.send(line);
        if ((await limitAnswer(ctx, peer, line)) === 'refused') return;
        // Counted in characters, 9000 bytes of Korean are only 3000. Bring the line to exactly
        // the limit in characters (a character counter still waits), then one more: a server
        // that refuses at that very byte counts characters; one that refused in between has a
        // larger limit in bytes.
        const upTo = Buffer.alloc(MAX_LINE - 3000, 'x');
        line = Buffer.concat([line, upTo]);
        if ((await sendMore(ctx, peer, upTo, line)) === 'refused') {
          ctx.fail('limit-too-large', { vars: { n: 9000 }, expected: quoted('ERR line too long\n'), actual: text(`nothing within 2 s; the refusal came after ${line.length} bytes`, `2초 동안 아무것도 없음. ${line.length}바이트 뒤에 거부함`) });
        }
        const oneMore = Buffer.from('x');
        line = Buffer.concat([line, oneMore]);
        if ((await sendMore(ctx, peer, oneMore, line)) === 'refused') {
          ctx.fail('limit-counts-characters', {
            vars: { what: text('9000 bytes of Korean with no line end', '줄 끝 없는 한글 9000바이트'), ms: 2000, bytes: 9000, chars: 3000 },
            expected: quoted('ERR line too long\n'),
            actual: text(`nothing, until the line reached ${MAX_LINE + 1} characters (${line.length} bytes): then the limit struck`, `아무것도 없다가, 줄이 ${MAX_LINE + 1}글자(${line.length}바이트)가 되자 그제야 제한에 걸림`),
          });
        }
        await endlessLine(ctx, server, peer, text('9000 bytes of Korean with no line end', '줄 끝 없는 한글 9000바이트'), line.length);
      },
    },
    {
      id: 'limit-is-per-line',
      title: text(`a line of exactly ${MAX_LINE} bytes is answered; 4000 × "PING\\n" in one write get 4000 "PONG"`, `정확히 ${MAX_LINE}바이트인 줄에 답함, 한 번에 쓴 "PING\\n" 4000개에 "PONG" 4000개`),
      limitMs: 15000,
      async run(ctx) {
        const { peer } = await open(ctx);
        const longest = `ECHO ${'x'.repeat(MAX_LINE - 5)}`;
        await peer.send(`${longest}\n`);
        await expectReplies(ctx, peer, `${longest}\n`, [longest.slice(5)], diagnose.limitTooSmall(longest));
        const count = 4000;
        const sent = 'PING\n'.repeat(count);
        await peer.send(sent);
        const pongs = Array.from({ length: count }, () => 'PONG');
        await expectReplies(ctx, peer, `${count} × "PING\\n"`, pongs, diagnose.limitOnWholeBuffer(count, sent.length));
      },
    },
    {
      id: 'many-clients',
      title: text('two clients at once, each with its own half line; after one QUITs a new one is served', '두 클라이언트가 동시에 각자 반쪽 줄을 보냄, 하나가 QUIT한 뒤에도 새 클라이언트를 받음'),
      async run(ctx) {
        const server = await ctx.startServer();
        const a = await ctx.connect(server.port, ctx.transcript(who.a, who.server));
        await ask(ctx, a, 'PING\n', 'PONG');
        await a.send('ECHO from-A'); // half a line: it waits in A's buffer, and only there
        await sleep(300);
        const b = await connectOrStopped(ctx, server, who.b);
        await b.send('ECHO from-B\n');
        await expectReplies(ctx, b, 'ECHO from-B\n', ['from-B'], diagnose.sharedBuffer);
        await a.send('\n');
        await expectReplies(ctx, a, '\n', ['from-A'], diagnose.sharedBuffer);
        await ask(ctx, a, 'QUIT\n', 'BYE');
        await expectClose(ctx, a, 'QUIT\n', 'no-close-after-quit');
        await sleep(200);
        const c = await connectOrStopped(ctx, server, who.c);
        await ask(ctx, c, 'PING\n', 'PONG');
        await ask(ctx, b, 'PING\n', 'PONG');
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
      title: text('generated exchanges: the protocol model against your server, one or two clients, cut at any byte', '만들어 낸 주고받기: 프로토콜 모델과 내 서버를 비교, 클라이언트 하나나 둘, 아무 바이트에서나 끊어 보냄'),
      limitMs: 25000,
      async run(ctx) {
        const server = await ctx.startServer();
        await checkGenerated(ctx, {
          cases: exchanges,
          examples: exchangeExamples,
          run: (x, transcript) => runExchange(ctx, server, x, transcript),
          describe: describeExchange,
          runs: 30,
          ms: 5000,
        });
      },
    },
  ],
});

