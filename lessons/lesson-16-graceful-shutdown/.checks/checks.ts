/**
 * Lesson 16 — hidden checks for the server that stops well. The checker is the real client on
 * raw sockets and the operator: it writes "shutdown" on the server's stdin, or sends SIGTERM or
 * SIGINT to the server's own process (inside its box), while clients are idle, busy, stubborn,
 * or keep sending; and it keeps trying new connections. The steps are in steps.ts, the model
 * and its generated cases in model.ts, the words of every failure in mistakes.ts.
 */
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { checkGenerated, describeExit, fill, text, type PeerSocket, type Text } from '../../../src/checks/kit.ts';
import { defineChecks, type FailureDetails } from '../../../src/checks/scenario.ts';
import { mistakes } from './mistakes.ts';
import { answer, drainExamples, drains, earliestOf, exchangeExamples, exchanges, GOODBYE, REFUSED, DEADLINE_MS, type Trigger } from './model.ts';
import {
  describeDrain,
  describeExchange,
  exitFailure,
  expectExit,
  expectGoodbye,
  expectNotEarly,
  expectRefused,
  expectReply,
  howOf,
  playDrain,
  pull,
  REPLY_MS,
  runExchange,
  said,
  start,
  tryConnect,
  who,
} from './steps.ts';

/** A line sent this long before the trigger was surely read before it (accepted), even on a loaded machine. */
const EARLY_MS = 250;
/** With nothing to drain, the exit must come within this. */
const PROMPT_MS = 1000;

export default defineChecks({
  mistakes,
  scenarios: [
    {
      id: 'commands',
      title: text(
        'raw socket, stdin closed: PING, ECHO (Hangul cut between writes), errors, WORK 150 then PING in one write → DONE after ≥ 150 ms, then PONG; WORK 300, WORK 300, PING in one write → the DONEs after ≥ 300 and ≥ 600 ms, then PONG; a WORK on one connection does not delay another; QUIT → BYE, FIN',
        'raw 소켓, stdin 닫힘: PING, ECHO(한글이 write 사이에서 잘림), 오류, WORK 150과 PING을 한 번에 → 150ms 이상 지나 DONE, 그다음 PONG; WORK 300, WORK 300, PING을 한 번에 → 300ms 이상과 600ms 이상 지나 DONE, 그다음 PONG; 한 연결의 WORK가 다른 연결을 늦추지 않음; QUIT → BYE, FIN',
      ),
      timing: true,
      async run(ctx) {
        const server = await start(ctx, false);
        // Its stdin is closed: a server that takes that for a shutdown stops serving now.
        await sleep(200);
        if (server.program.done || (await tryConnect(server.port)) === 'refused') {
          const exit = server.program.exitInfo;
          ctx.fail('stdin-end-is-a-trigger', { vars: { what: exit ? describeExit(exit) : text('new connections are refused', '새 연결이 거부됨') } });
        }
        const peer = await ctx.connect(server.port, ctx.transcript(who.checker, who.server));
        await peer.send('PING\n');
        const first = await peer.readLine(REPLY_MS);
        if (first.ok && first.value.toString() === GOODBYE) ctx.fail('stdin-end-is-a-trigger', { vars: { what: text('a goodbye to the first client', '첫 클라이언트에게 작별 인사') } });
        if (!first.ok || first.value.toString() !== 'PONG') {
          peer.transcript.note(text('(the first reply, read again below)', '(첫 답, 아래에서 다시 읽음)'));
        }
        if (first.ok && first.value.toString() !== 'PONG') ctx.fail('wrong-reply', { vars: { sent: said('PING'), want: '"PONG\\n"', got: JSON.stringify(`${first.value}\n`) }, expected: '"PONG\\n"', actual: JSON.stringify(`${first.value}\n`) });
        if (!first.ok) ctx.fail(first.reason === 'closed' ? 'closed-early' : 'no-reply', { vars: { sent: said('PING'), ms: REPLY_MS, how: first.reason === 'closed' ? first.how.toUpperCase() : '' } });
        await peer.sendSplitAt('ECHO 안녕 세상\n', [7], 50); // cut after the first byte of 녕
        await expectReply(ctx, peer, 'ECHO 안녕 세상', '안녕 세상');
        for (const [line, reply] of [
          ['ECHO', ''],
          ['', 'ERR unknown command'],
          ['FOO bar', 'ERR unknown command'],
          ['WORK', 'ERR bad ms'],
          ['WORK -1', 'ERR bad ms'],
          ['WORK 1.5', 'ERR bad ms'],
          ['WORK 10001', 'ERR bad ms'],
          ['WORK 5 5', 'ERR bad ms'],
          ['WORK 007', 'DONE 007'],
        ] as const) {
          await peer.send(`${line}\n`);
          await expectReply(ctx, peer, line, reply);
        }
        // In order: the PING waits for the WORK before it.
        const sentAt = Date.now();
        await peer.send('WORK 150\r\nPING\n');
        await expectReply(ctx, peer, 'WORK 150', 'DONE 150', { ms: 150 + REPLY_MS, later: ['PONG'] });
        const took = Date.now() - sentAt;
        if (took < 140) ctx.fail('work-too-early', { vars: { sent: said('WORK 150'), ms: took, want: 150 } });
        await expectReply(ctx, peer, 'PING', 'PONG');
        // A WORK's milliseconds count from its turn: two WORK 300 in one write end ~300 and
        // ~600 ms after it, and the PING behind them no sooner.
        const queued = [
          ['WORK 300', 'DONE 300'],
          ['WORK 300', 'DONE 300'],
          ['PING', 'PONG'],
        ] as const;
        const queuedAt = Date.now();
        await peer.send(queued.map(([l]) => `${l}\n`).join(''));
        const floors = earliestOf(queued.map(([l]) => answer(l)), queued.map(() => queuedAt));
        for (const [i, [l, reply]] of queued.entries()) {
          const ms = answer(l).ms;
          await expectReply(ctx, peer, l, reply, { ms: ms + REPLY_MS, later: queued.slice(i + 1).map(([, r]) => r).filter((r) => r !== reply) });
          expectNotEarly(ctx, { sent: l, at: Date.now(), sentAt: queuedAt, ms, floor: floors[i]!, works: Math.min(i + 1, 2) });
        }
        // Another connection does not wait for this one's WORK.
        const other = await ctx.connect(server.port, ctx.transcript(who.b, who.server));
        await peer.send('WORK 1200\n');
        await sleep(50);
        const pingAt = Date.now();
        await other.send('PING\n');
        await expectReply(ctx, other, 'PING', 'PONG', { ms: 2000 });
        const waited = Date.now() - pingAt;
        if (waited > 600) ctx.fail('work-blocks-others', { vars: { sent: said('WORK 1200'), ms: waited } });
        await expectReply(ctx, peer, 'WORK 1200', 'DONE 1200', { ms: 1200 + REPLY_MS });
        await other.send('QUIT\n');
        await expectReply(ctx, other, 'QUIT', 'BYE');
        if ((await other.waitClosed(1000)) === 'timeout') ctx.fail('quit-not-closed', { vars: { ms: 1000 }, expected: 'FIN', actual: text('the connection stayed open', '연결이 열린 채였음') });
      },
    },
    {
      id: 'generated-exchanges',
      title: text(
        'generated exchanges (no shutdown): the protocol model against your server, one or two clients, WORKs holding the lines behind them, cut at any byte',
        '만들어 낸 주고받기(종료 없음): 프로토콜 모델과 내 서버를 비교, 클라이언트 하나나 둘, WORK 뒤에서 기다리는 줄, 아무 바이트에서나 끊어 보냄',
      ),
      limitMs: 25000,
      async run(ctx) {
        const server = await start(ctx);
        await checkGenerated(ctx, {
          cases: exchanges,
          examples: exchangeExamples,
          run: (x, transcript) => runExchange(ctx, server, x, transcript),
          describe: describeExchange,
          runs: 25,
          ms: 3000,
        });
      },
    },
    {
      id: 'stdin-idle-goodbye',
      title: text(
        'stdin "shutdown" with three idle clients (one has sent half a line) → each gets "BYE server shutting down" and FIN; a new connection is refused; the rest of the half line is ignored; they close → exit 0 at once',
        'stdin "shutdown", 쉬는 클라이언트 셋(하나는 줄 절반을 보냄) → 모두 "BYE server shutting down"과 FIN을 받음; 새 연결은 거부; 줄의 나머지는 무시; 클라이언트가 닫으면 → 바로 exit 0',
      ),
      timing: true,
      async run(ctx) {
        const m = await playDrain(ctx, { trigger: 'stdin', idle: [{ partial: '' }, { partial: 'PIN' }, { partial: '' }] }, (l, r) => ctx.transcript(l, r));
        if (m) ctx.fail(m);
      },
    },
    {
      id: 'stdin-in-flight-work',
      title: text(
        'stdin "shutdown" while a client\'s "WORK 700" runs with a PING queued behind it → an idle client gets its goodbye at once; DONE 700, PONG, then "ERR shutting down" for the lines sent after the trigger, then the goodbye; exit 0',
        'stdin "shutdown", 한 클라이언트의 "WORK 700"이 돌고 그 뒤에 PING이 대기 중 → 쉬는 클라이언트는 바로 작별 인사; DONE 700, PONG, 트리거 뒤에 보낸 줄에는 "ERR shutting down", 그다음 작별 인사; exit 0',
      ),
      timing: true,
      async run(ctx) {
        const m = await playDrain(
          ctx,
          { trigger: 'stdin', idle: [{ partial: '' }], busy: { before: ['ECHO 안녕'], queued: ['PING'], after: ['ECHO late', 'WORK 5'], cuts: [] } },
          (l, r) => ctx.transcript(l, r),
        );
        if (m) ctx.fail(m);
      },
    },
    {
      id: 'sigint-drains',
      title: text('SIGINT (Ctrl-C) while a WORK runs → the same drain: the idle client\'s goodbye, DONE, PONG, the goodbye, exit 0', 'WORK가 도는 중에 SIGINT(Ctrl-C) → 같은 마무리: 쉬는 클라이언트의 작별 인사, DONE, PONG, 작별 인사, exit 0'),
      timing: true,
      async run(ctx) {
        const m = await playDrain(ctx, { trigger: 'SIGINT', idle: [{ partial: '' }], busy: { before: [], queued: ['PING'], after: [], cuts: [] } }, (l, r) => ctx.transcript(l, r));
        if (m) ctx.fail(m);
      },
    },
    {
      id: 'sigterm-no-clients',
      title: text('SIGTERM with no client connected → exit 0 at once, and the port can be listened on again right away', '접속한 클라이언트 없이 SIGTERM → 바로 exit 0, 그 포트에 곧바로 다시 listen할 수 있음'),
      async run(ctx) {
        const server = await start(ctx);
        const t0 = pull(server, 'SIGTERM');
        await expectExit(ctx, server, { how: 'SIGTERM', t0, ms: PROMPT_MS, want: 0, why: text('a graceful shutdown', '정상 종료'), closedAt: t0 });
        // Node sets SO_REUSEADDR on listeners: a restarted server binds the same port at once.
        const again = net.createServer();
        await new Promise<void>((resolve, reject) => again.once('error', reject).listen(server.port, '127.0.0.1', () => resolve()));
        await new Promise((resolve) => again.close(resolve));
      },
    },
    {
      id: 'deadline-destroys-stragglers',
      title: text(
        'stdin "shutdown" with a "WORK 5000" running and a stubborn client that reads its goodbye but never closes → both are cut off at the 2000 ms deadline (not before 1700 ms), exit 0',
        'stdin "shutdown", "WORK 5000"이 돌고 작별 인사를 읽고도 닫지 않는 고집 센 클라이언트가 있음 → 둘 다 2000ms 마감에 끊김(1700ms 전에는 안 됨), exit 0',
      ),
      timing: true,
      async run(ctx) {
        const server = await start(ctx);
        const worker = await ctx.connect(server.port, ctx.transcript(who.busy, who.server));
        const stubborn = await ctx.connect(server.port, ctx.transcript(who.stubborn, who.server));
        await worker.send('WORK 5000\n');
        await sleep(200);
        const t0 = pull(server, 'stdin');
        await expectGoodbye(ctx, server, stubborn, 'stdin', t0); // and it never closes its side
        await expectRefused(ctx, server, 'stdin', t0, text('after the first goodbye', '첫 작별 인사 뒤'));
        const r = await worker.readLine(DEADLINE_MS + REPLY_MS);
        const at = Date.now() - t0;
        if (r.ok) {
          const line = r.value.toString('utf8');
          if (line === GOODBYE) ctx.fail('goodbye-before-work-done', { vars: { sent: said('WORK 5000') }, expected: text('no reply: cut off at the deadline', '답 없음: 마감에 끊김'), actual: JSON.stringify(`${line}\n`) });
          ctx.fail('wrong-reply', { vars: { sent: said('WORK 5000'), want: text('nothing (cut off at the deadline)', '없음(마감에 끊김)'), got: JSON.stringify(`${line}\n`) } });
        }
        if (r.ok) return;
        if (r.reason === 'timeout') {
          const gone = await exitFailure(ctx, server, 'stdin');
          if (gone) ctx.fail(gone);
          return ctx.fail('never-exited', { vars: { how: howOf('stdin'), ms: at }, expected: text('the WORK cut off at 2000 ms', '2000ms에 WORK가 끊김'), actual: text('the connection stayed open', '연결이 열린 채였음') });
        }
        if (at < DEADLINE_MS - 300) ctx.fail('deadline-too-early', { vars: { ms: at }, expected: text('cut off at 2000 ms', '2000ms에 끊김'), actual: text(`cut off (${r.how.toUpperCase()}) at ${at} ms`, `${at}ms에 끊김(${r.how.toUpperCase()})`) });
        await expectExit(ctx, server, { how: 'stdin', t0, ms: DEADLINE_MS + REPLY_MS, want: 0, why: text('a graceful shutdown that had to cut off stragglers', '남은 연결을 끊어야 했던 정상 종료') });
      },
    },
    {
      id: 'sigterm-while-clients-keep-sending',
      title: text(
        'SIGTERM while six clients keep sending (two lines in flight each: PING, ECHO, WORK 20–60) and new connections keep coming → every line sent well before the trigger answered right, no line executed after it, every client said goodbye, no connection accepted after the first goodbye, exit 0',
        '클라이언트 여섯이 계속 보내는 중에(각자 두 줄씩 진행 중: PING, ECHO, WORK 20–60) 새 연결도 계속 들어올 때 SIGTERM → 트리거보다 충분히 먼저 보낸 줄은 모두 바르게 답함, 트리거 뒤에 실행된 줄 없음, 모든 클라이언트가 작별 인사를 받음, 첫 작별 인사 뒤에 받아들인 연결 없음, exit 0',
      ),
      timing: true,
      async run(ctx) {
        const server = await start(ctx);
        const peers: PeerSocket[] = [];
        for (let i = 0; i < 6; i++) peers.push(await ctx.connect(server.port, ctx.transcript(who.client(i + 1), who.server)));
        let t0 = Infinity;
        let firstGoodbye = Infinity;
        let stop = false;
        // Connections keep coming: once the server has visibly handled the trigger, each must be refused.
        const knocks: Array<{ at: number; r: string }> = [];
        const knocking = (async () => {
          while (!stop) {
            const at = Date.now();
            const r = await tryConnect(server.port, 500);
            knocks.push({ at, r });
            await sleep(30);
          }
        })();
        const clients = peers.map((peer, i) => sending(peer, i, () => t0, () => firstGoodbye, (at) => (firstGoodbye = Math.min(firstGoodbye, at))));
        await sleep(400);
        t0 = pull(server, 'SIGTERM');
        const results = await Promise.all(clients);
        stop = true;
        await knocking;
        for (const r of results) if (r) ctx.fail(r);
        const late = knocks.find((k) => k.r === 'accepted' && k.at > Math.min(firstGoodbye, t0 + 500));
        if (late) ctx.fail('accepted-after-trigger', { vars: { ms: late.at - t0, how: howOf('SIGTERM'), when: text('while clients were draining', '클라이언트들이 마무리하는 동안') }, expected: 'ECONNREFUSED', actual: text('connected', '연결됨') });
        for (const p of peers) p.halfClose();
        await expectExit(ctx, server, { how: 'SIGTERM', t0, ms: DEADLINE_MS + REPLY_MS, want: 0, why: text('a graceful shutdown', '정상 종료'), closedAt: Date.now() });

        /**
         * One client that keeps two lines in flight until its goodbye; each reply is held to the
         * line it answers. Returns the failure, if any, as a reason and facts.
         */
        async function sending(peer: PeerSocket, i: number, trigger: () => number, goodbye: () => number, saw: (at: number) => void): Promise<FailureDetails | undefined> {
          const script = (n: number) => [`PING`, `ECHO c${i}-${n} 안녕`, `WORK ${20 + ((n * 7 + i * 13) % 41)}`][n % 3]!;
          const sent: Array<{ line: string; at: number }> = [];
          let answered = 0;
          let refusedSeen = false;
          const sendNext = async () => {
            const line = script(sent.length);
            sent.push({ line, at: Date.now() });
            await peer.send(`${line}\n`);
          };
          await sendNext();
          await sendNext();
          for (;;) {
            const r = await peer.readLine(REPLY_MS + 100);
            const gone = async () => exitFailure(ctx, server, 'SIGTERM');
            const pendingEarly = sent.slice(answered).find((s) => s.at < trigger() - EARLY_MS);
            if (!r.ok) {
              const exit = await gone();
              if (exit) return exit;
              if (r.reason === 'closed' && pendingEarly) return ctx.mistake('lost-in-flight-work', { vars: { sent: said(pendingEarly.line), how: r.how.toUpperCase() } });
              if (r.reason === 'closed') return ctx.mistake('no-goodbye', { vars: { how: r.how.toUpperCase() } });
              if (trigger() === Infinity) return ctx.mistake('no-reply', { vars: { sent: said(sent[answered]?.line ?? ''), ms: REPLY_MS + 100 } });
              return ctx.mistake('trigger-ignored', { vars: { how: howOf('SIGTERM'), ms: Date.now() - trigger() } });
            }
            const line = r.value.toString('utf8');
            if (line === GOODBYE) {
              saw(Date.now());
              if (pendingEarly) return ctx.mistake('goodbye-before-work-done', { vars: { sent: said(pendingEarly.line) } });
              const closed = await peer.waitClosed(1000);
              if (closed === 'timeout') return ctx.mistake('no-close-after-goodbye', { vars: { ms: 1000 } });
              return undefined;
            }
            const s = sent[answered];
            if (!s) return ctx.mistake('extra-reply', { vars: { sent: said(sent.at(-1)!.line), got: JSON.stringify(`${line}\n`) } });
            answered++;
            const want = answer(s.line).reply;
            if (line === REFUSED) {
              if (s.at < trigger() - EARLY_MS) return ctx.mistake('refused-accepted-line', { vars: { sent: said(s.line) } });
              refusedSeen = true;
            } else if (line === want) {
              if (refusedSeen || s.at > Math.min(goodbye(), trigger() + 500)) return ctx.mistake('executed-after-trigger', { vars: { sent: said(s.line), got: JSON.stringify(`${line}\n`) } });
            } else {
              return ctx.mistake('wrong-reply', { vars: { sent: said(s.line), want: JSON.stringify(`${want}\n`), got: JSON.stringify(`${line}\n`) } });
            }
            // Keep two in flight, for as long as the connection lives (after the trigger too).
            if (sent.length < 400) await sendNext();
          }
        }
      },
    },
    {
      id: 'second-trigger-forces-exit',
      title: text(
        'a "WORK 5000" running, a first trigger, then a second one, on a fresh server each time: stdin then SIGTERM, SIGTERM twice, SIGINT twice, SIGTERM then SIGINT, SIGINT then stdin, stdin twice → a forced exit, code 1, at once (not at the deadline, not killed by the signal)',
        '"WORK 5000"이 도는 중에 첫 트리거, 그다음 두 번째 트리거, 매번 새 서버로: stdin 다음 SIGTERM, SIGTERM 두 번, SIGINT 두 번, SIGTERM 다음 SIGINT, SIGINT 다음 stdin, stdin 두 번 → 강제 종료, 코드 1, 바로(마감까지 기다리지 않고, 시그널에 죽지도 않고)',
      ),
      timing: true,
      limitMs: 25000,
      async run(ctx) {
        // README "A second trigger": any of the three, in any combination; the same signal twice too.
        const pairs: Array<[Trigger, Trigger]> = [
          ['stdin', 'SIGTERM'],
          ['SIGTERM', 'SIGTERM'],
          ['SIGINT', 'SIGINT'],
          ['SIGTERM', 'SIGINT'],
          ['SIGINT', 'stdin'],
          ['stdin', 'stdin'],
        ];
        for (const [first, second] of pairs) {
          const pair = fill(text('{first}, then {second}', '{first}, 그다음 {second}'), { first: howOf(first), second: howOf(second) });
          const label = (w: Text) => fill(text('{who}: {pair}', '{who}: {pair}'), { who: w, pair });
          // Only the failing pair is the story: a pair that passed leaves no exchange and no program in the report.
          const programs = new Set(ctx.programs);
          const shown = ctx.transcripts.length;
          const server = await start(ctx);
          const worker = await ctx.connect(server.port, ctx.transcript(label(who.busy), who.server));
          const idle = await ctx.connect(server.port, ctx.transcript(label(who.idle(1)), who.server));
          await worker.send('WORK 5000\n');
          await sleep(200);
          const t0 = pull(server, first);
          await expectGoodbye(ctx, server, idle, first, t0); // the first trigger has been handled
          idle.halfClose();
          const t1 = pull(server, second);
          const exit = await server.program.waitExit(1000);
          const facts = { expected: text('exit 1 at once', '바로 exit 1'), actual: exit ? describeExit(exit) : text('still running', '아직 실행 중') };
          if (!exit) return ctx.fail('second-trigger-ignored', { vars: { how: howOf(second), ms: Date.now() - t1 }, ...facts });
          if (exit.signal) ctx.fail('second-signal-not-handled', { vars: { how: howOf(second), first: howOf(first), exit: describeExit(exit) }, ...facts });
          if (exit.code !== 1) ctx.fail('wrong-exit-code', { vars: { code: String(exit.code), want: 1, why: text('a second trigger', '두 번째 트리거') }, ...facts });
          if ((await worker.waitClosed(500)) === 'timeout') ctx.fail('never-exited', { vars: { how: howOf(second), ms: Date.now() - t0 } });
          ctx.transcripts.splice(shown);
          await ctx.forgetProgramsSince(programs);
        }
      },
    },
    {
      id: 'generated-drains',
      title: text(
        'generated drains: a fresh server per case, a trigger (stdin, SIGTERM or SIGINT), idle clients (some with half a line), a busy one with lines queued behind its WORK and lines sent after the trigger; held to the model',
        '만들어 낸 마무리: 사례마다 새 서버, 트리거(stdin, SIGTERM, SIGINT), 쉬는 클라이언트(일부는 줄 절반을 보냄), WORK 뒤에 줄이 대기 중이고 트리거 뒤에도 줄을 보내는 바쁜 클라이언트; 모델과 비교',
      ),
      timing: true,
      limitMs: 30000,
      async run(ctx) {
        await checkGenerated(ctx, {
          cases: drains,
          examples: drainExamples,
          run: (c, transcript) => playDrain(ctx, c, transcript),
          describe: describeDrain,
          runs: 4,
          ms: 2500,
        });
      },
    },
  ],
});

