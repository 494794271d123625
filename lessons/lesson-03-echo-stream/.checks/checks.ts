/**
 * Lesson 03 — hidden checks. The exchange: a client sends any bytes and then half-closes (FIN);
 * an echo server sends every byte back, in order, as it arrives, and after the client's FIN
 * ends its own side. The checks hold both programs to TCP as it is: a stream of bytes, not of
 * messages, with each direction closed on its own. The words of every failure are in
 * `mistakes.ts`, the steps in `steps.ts`, the model and its generated cases in `model.ts`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { describeExit, quoted, text, type StartedServer } from '../../../src/checks/kit.ts';
import { defineChecks } from '../../../src/checks/scenario.ts';
import { checkGenerated } from '../../../src/checks/generate.ts';
import { KiB, MiB, binaryPayload } from './bytes.ts';
import { mistakes } from './mistakes.ts';
import { clientCases, clientExamples, echoCases, echoExamples } from './model.ts';
import {
  BIG_MS,
  ECHO_MS,
  clientAgainst,
  clientRoundTrip,
  crashCheck,
  describeClientCase,
  describeEchoCase,
  echoOnce,
  echoesAsBytesArrive,
  expectServerAlive,
  keepsServing,
  oddCuts,
  runClientCase,
  runEchoCase,
  sendInPieces,
  twoClientsAtOnce,
  who,
  type Ctx,
} from './steps.ts';

const INTEROP = path.join(path.dirname(fileURLToPath(import.meta.url)), 'interop');

export default defineChecks({
  mistakes,
  scenarios: [
    {
      id: 'echoes-as-bytes-arrive',
      title: text('server: "안녕\\n", then "또 만나요\\n", each echoed at once; FIN after the client\'s FIN', '서버: "안녕\\n", 이어서 "또 만나요\\n"을 각각 바로 에코, 클라이언트의 FIN 뒤에 FIN'),
      timing: true,
      run: echoesAsBytesArrive,
    },
    {
      id: 'character-cut-in-two',
      title: text('server: "안녕\\n" in two writes, cut inside "녕" (EC 95 88 EB | 85 95 0A)', '서버: "안녕\\n"을 "녕" 한가운데서 잘라 두 번에 보냄 (EC 95 88 EB | 85 95 0A)'),
      timing: true,
      run: (ctx) => {
        const bytes = Buffer.from('안녕\n');
        return echoOnce(ctx, (peer) => peer.sendSplitAt(bytes, [4], 150), bytes, ECHO_MS);
      },
    },
    {
      id: 'one-mebibyte-binary',
      title: text('server: 1 MiB of random bytes (all 256 values) in one write → the same bytes (SHA-256), then FIN', '서버: 무작위 1MiB(256가지 값 모두)를 한 번에 씀 → 같은 바이트(SHA-256 비교), 그다음 FIN'),
      run: (ctx) => {
        const payload = binaryPayload(MiB);
        return echoOnce(ctx, (peer) => peer.send(payload), payload, BIG_MS);
      },
    },
    {
      id: 'fragments-of-997-bytes',
      title: text('server: the same 1 MiB sent in 997-byte writes → the same bytes, in order', '서버: 같은 크기 1MiB를 997바이트씩 나눠 씀 → 같은 바이트, 같은 순서'),
      limitMs: 60000,
      run: (ctx) => {
        const payload = binaryPayload(MiB);
        return echoOnce(ctx, (peer) => sendInPieces(peer, payload, 997, 4, 1), payload, 3 * BIG_MS);
      },
    },
    {
      id: 'hello-then-immediate-half-close',
      title: text('server: "hello\\n" and FIN at once (like nc -N) → "hello\\n", then FIN', '서버: "hello\\n"과 FIN을 곧바로(nc -N처럼) → "hello\\n", 그다음 FIN'),
      run: (ctx) => {
        const bytes = Buffer.from('hello\n');
        return echoOnce(ctx, (peer) => peer.send(bytes), bytes, ECHO_MS);
      },
    },
    {
      id: 'two-clients-at-once',
      title: text('server: two clients at once, 1 MiB each → each gets its own bytes, never mixed', '서버: 두 클라이언트가 동시에 1MiB씩 → 각자 자기 바이트만, 섞이지 않게'),
      run: twoClientsAtOnce,
    },
    {
      id: 'keeps-serving',
      title: text('server: three clients one after another → each is served', '서버: 세 클라이언트가 차례로 → 모두 처리'),
      run: keepsServing,
    },
    {
      id: 'generated-server-exchanges',
      title: text(
        'server, generated: 1–3 clients at once send bytes from the edges (UTF-8 cut anywhere, binary, chunk sizes ±1) in any pieces, some pausing their reading or resetting; each echo held to the model',
        '서버, 만들어 낸 주고받기: 클라이언트 1~3개가 동시에 경계의 바이트(아무 데서나 잘린 UTF-8, 바이너리, 청크 크기 ±1)를 아무렇게나 나눠 보내고, 일부는 읽기를 멈추거나 리셋함. 에코마다 모델과 비교',
      ),
      limitMs: 20000,
      async run(ctx: Ctx) {
        let current: StartedServer | undefined;
        // One server for the cases; a new one when an earlier case ended it (its crash was reported there).
        const server = async () => (current && !current.program.done ? current : (current = await ctx.startServer()));
        await checkGenerated(ctx, {
          cases: echoCases,
          examples: echoExamples,
          run: (c, record) => runEchoCase(ctx, server, c, record),
          describe: describeEchoCase,
          runs: 30,
          ms: 5000,
        });
      },
    },
    {
      id: 'client-round-trip',
      title: text('client: 1 MiB file → sent byte for byte, FIN; the echo → output file; summary line; exit 0', '클라이언트: 1MiB 파일 → 바이트 그대로 보내고 FIN, 에코 → 출력 파일, 요약 줄, 종료 코드 0'),
      run: (ctx) =>
        clientRoundTrip(ctx, binaryPayload(MiB), async (peer) => {
          await peer.send(peer.unread());
          peer.halfClose();
        }),
    },
    {
      id: 'client-echo-late-in-odd-pieces',
      title: text('client: the echo starts 800 ms after your FIN and comes in odd-sized pieces (1, 7, 997, 2 … bytes)', '클라이언트: 에코가 FIN 800ms 뒤에 시작되고, 크기가 제각각인 조각(1, 7, 997, 2 … 바이트)으로 옴'),
      timing: true,
      run: (ctx) =>
        clientRoundTrip(ctx, binaryPayload(200 * KiB), async (peer) => {
          const echo = Buffer.from(peer.unread());
          await sleep(800);
          await peer.sendSplitAt(echo, oddCuts(echo.length), 10);
          peer.halfClose();
        }),
    },
    {
      id: 'client-empty-file',
      title: text('client: an empty file → FIN at once, an empty output file, "sent 0 bytes, received 0 bytes"', '클라이언트: 빈 파일 → 바로 FIN, 빈 출력 파일, "sent 0 bytes, received 0 bytes"'),
      run: (ctx) =>
        clientRoundTrip(ctx, Buffer.alloc(0), async (peer) => {
          peer.halfClose();
        }),
    },
    {
      id: 'generated-lying-servers',
      title: text(
        'client, generated: the checker\'s server lies — sends back fewer, more, other bytes or nothing, at once or late, in any pieces, its FIN held back; your output file, summary and exit held to what you received',
        '클라이언트, 만들어 낸 주고받기: 검사기 서버가 거짓말을 함 — 더 적게, 더 많이, 다른 바이트를, 또는 아무것도 돌려보내지 않음. 바로 또는 늦게, 아무렇게나 나눠서, FIN은 늦게. 출력 파일, 요약, 종료 코드를 받은 것과 비교',
      ),
      limitMs: 20000,
      run: (ctx: Ctx) =>
        checkGenerated(ctx, {
          cases: clientCases,
          examples: clientExamples,
          run: (c, record) => runClientCase(ctx, c, record),
          describe: describeClientCase,
          runs: 30,
          ms: 5000,
          // Each case is its own client with its own files, against its own lying server.
          lanes: 4,
        }),
    },
    {
      id: 'your-client-with-your-server',
      title: text('together: your client sends 1 MiB through your server', '함께: 내 클라이언트가 내 서버를 거쳐 1MiB를 주고받음'),
      run: async (ctx) => {
        ctx.note(
          text(
            'This check runs both of your programs, so either may be at fault: if a server check above failed too, fix the server first.',
            '이 검사는 내 프로그램 둘을 함께 실행하므로 어느 쪽이 원인일 수도 있습니다. 위의 서버 검사도 실패했다면 서버부터 고치세요.',
          ),
        );
        const server = await ctx.startServer();
        await clientAgainst(ctx, server.port, binaryPayload(MiB));
        expectServerAlive(ctx, server);
      },
    },
    {
      id: 'python-client-to-your-server',
      title: text('a Python echo client (sendall, shutdown(SHUT_WR), recv until b"") → your server', 'Python 에코 클라이언트(sendall, shutdown(SHUT_WR), b""까지 recv) → 내 서버'),
      run: async (ctx) => {
        const server = await ctx.startServer();
        const py = ctx.startPython(path.join(INTEROP, 'echo_client.py'), { label: who.pyClient, env: { PORT: String(server.port) } });
        const exit = await py.waitExit(BIG_MS);
        const out = py.stdout().trim();
        if (!exit || exit.code !== 0 || !out.startsWith('OK')) {
          await crashCheck(ctx, server);
          ctx.fail('interop-client-failed', {
            vars: { how: out ? quoted(out, 120) : describeExit(exit ?? 'timeout', BIG_MS) },
            expected: quoted('OK 65543 bytes'),
            actual: out ? quoted(out, 200) : text('(nothing)', '(출력 없음)'),
          });
        }
        expectServerAlive(ctx, server);
      },
    },
    {
      id: 'your-client-to-python-server',
      title: text('your client → a Python echo server (recv, sendall, shutdown(SHUT_WR))', '내 클라이언트 → Python 에코 서버(recv, sendall, shutdown(SHUT_WR))'),
      run: async (ctx) => {
        const py = ctx.startPython(path.join(INTEROP, 'echo_server.py'), { label: who.pyServer, env: { PORT: '0' } });
        const ready = await py.waitListening('tcp', 8000);
        if (ready === 'timeout' || !('proto' in ready)) throw new Error(`the Python echo server did not start: ${py.allOutput()}`);
        await clientAgainst(ctx, ready.port, binaryPayload(MiB), () => py.stdout().includes('CONNECTED'));
      },
    },
  ],
});
