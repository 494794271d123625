/**
 * Lesson 06 — hidden checks. Lesson 04's line protocol plus NICK, WHOAMI, INCR, COUNT and
 * SLOW, served to many clients at once by one event loop. The words of every failure are in
 * `mistakes.ts`, the steps in `steps.ts`, the model of the server's state and its generated
 * histories in `model.ts`.
 */
import { text } from '../../../src/checks/kit.ts';
import { defineChecks } from '../../../src/checks/scenario.ts';
import { checkGenerated } from '../../../src/checks/generate.ts';
import { mistakes } from './mistakes.ts';
import { histories, historyExamples } from './model.ts';
import {
  afterEveryoneLeft,
  countAfterDisconnects,
  describeHistory,
  fiftyClients,
  interleaved,
  oneClient,
  resetDoesNotKill,
  runHistory,
  sharedCounter,
  slowDoesNotBlock,
  type Ctx,
} from './steps.ts';

export default defineChecks({
  mistakes,
  scenarios: [
    {
      id: 'one-client-every-command',
      title: text('one client: NICK, WHOAMI, INCR, COUNT, SLOW and lesson 04\'s commands', '클라이언트 하나: NICK, WHOAMI, INCR, COUNT, SLOW와 레슨 04의 명령'),
      run: oneClient,
    },
    {
      id: 'fifty-clients-own-names',
      title: text('50 clients at once: each NICK c<i>, then WHOAMI → its own name; COUNT → 50', '동시에 50개 클라이언트: 각자 NICK c<i> 후 WHOAMI → 자기 이름, COUNT → 50'),
      run: fiftyClients,
    },
    {
      id: 'interleaved-fragments',
      title: text("10 clients send their commands in pieces, interleaved with each other's", '클라이언트 10개가 명령을 조각내어 서로 섞어 보냄'),
      run: interleaved,
    },
    {
      id: 'shared-counter',
      title: text('50 clients × 20 INCR at once → 1000 different values, 1 to 1000', '50개 클라이언트 × INCR 20번 동시에 → 서로 다른 값 1000개, 1부터 1000까지'),
      run: sharedCounter,
    },
    {
      id: 'slow-does-not-block',
      title: text("while A waits for SLOW 1500, B's PING is answered within 700 ms", 'A가 SLOW 1500을 기다리는 동안 B의 PING은 700ms 안에 답을 받음'),
      timing: true,
      run: slowDoesNotBlock,
    },
    {
      id: 'reset-does-not-kill',
      title: text('a client resets (RST) mid-command → the server lives on; a new client gets PONG, COUNT → 1', '클라이언트가 명령 도중 리셋(RST) → 서버는 계속 동작, 새 클라이언트는 PONG, COUNT → 1'),
      run: resetDoesNotKill,
    },
    {
      id: 'count-after-disconnects',
      title: text('25 clients; 10 reset, 10 close → COUNT → 5', '클라이언트 25개 중 10개 리셋, 10개 종료 → COUNT → 5'),
      run: countAfterDisconnects,
    },
    {
      id: 'after-everyone-left',
      title: text(
        'A names itself and A and B count to 3; A quits, B resets; then C, alone on the server → INCR 4, WHOAMI anonymous, COUNT 1',
        'A가 이름을 정하고 A와 B가 3까지 셈. A는 QUIT, B는 리셋. 그 뒤 서버에 혼자인 C → INCR 4, WHOAMI anonymous, COUNT 1',
      ),
      run: afterEveryoneLeft,
    },
    {
      id: 'generated-histories',
      title: text(
        'generated histories: clients connect, talk in pieces and leave (QUIT, FIN, RST) until nobody is left, then others come; every reply held to the model',
        '만들어 낸 기록: 클라이언트들이 접속해 조각내어 말하고 (QUIT, FIN, RST로) 모두 나간 뒤 다른 클라이언트가 옴. 모든 답을 모델과 비교',
      ),
      limitMs: 30000,
      async run(ctx: Ctx) {
        // Each history has a fresh server: the search stops itself a little before the budget
        // (see runHistory), so no case is cut off while it still runs.
        const searchUntil = Date.now() + 4_500;
        await checkGenerated(ctx, {
          cases: histories,
          examples: historyExamples,
          run: (h, transcript) => runHistory(ctx, h, transcript, searchUntil),
          describe: describeHistory,
          runs: 12,
          ms: 5_000,
        });
      },
    },
  ],
});
