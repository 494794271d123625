/**
 * Lesson 10 — hidden checks for the UDP ping client. The checker plays a scripted UDP server
 * on 127.0.0.1 that loses, duplicates, reorders and delays replies, sends a reply with a token
 * the client never sent and a spoofed reply from another port. It records every request and
 * every answer, derives from that record what a correct client must print, and compares
 * (steps.ts, `judge`). Beside the hand-written networks, `generated-networks` draws flags and a
 * plan per seq and attempt (model.ts) and judges each run the same way. The words of every
 * failure are in mistakes.ts.
 */
import { defineChecks } from '../../../src/checks/scenario.ts';
import { checkGenerated } from '../../../src/checks/generate.ts';
import { describeExit, fill, programFailure, quoted, text } from '../../../src/checks/kit.ts';
import { mistakes } from './mistakes.ts';
import { describeNet, netCases, netExamples } from './model.ts';
import { LOSSY_TRAPS, expectEnded, extraStdout, hasSummary, lossyRule, pong, readOutput, runClient, runNetCase, scenario, scripted, who, type Ctx, type Flags } from './steps.ts';

const CONTRACT: Flags = { count: 10, interval: 100, timeout: 300, retries: 2 };

/** No server at all: every seq lost, exit 1, and no crash on the kernel's ICMP errors. */
async function nothingListening(ctx: Ctx, udp: Parameters<Parameters<typeof scenario>[4]>[1]): Promise<void> {
  const flags = { ...CONTRACT, count: 3 };
  const port = await udp.unusedPort();
  const t = ctx.transcript(who.client, text('nobody (a closed port)', '아무도 없음(닫힌 포트)'));
  t.note(fill(text('nothing listens on UDP 127.0.0.1:{p}', 'UDP 127.0.0.1:{p}에는 아무도 없음'), { p: port }));
  const run = await runClient(ctx, port, flags, 10000);
  if (run.exit !== 'timeout' && /ECONNREFUSED/.test(run.stderr) && /Unhandled 'error' event|at .*\.ts:\d+|Error/.test(run.stderr) && run.exit.code !== 0 && !hasSummary(run.stdout)) {
    ctx.fail('crashed-on-icmp-error', {
      vars: { how: describeExit(run.exit) },
      expected: text('"seq=1 lost" … "sent=3 received=0 lost=3 loss=100%", exit code 1', '"seq=1 lost" … "sent=3 received=0 lost=3 loss=100%", 종료 코드 1'),
      actual: quoted(run.stderr.split('\n').find((l) => /ECONNREFUSED/.test(l)) ?? run.stderr, 120),
    });
  }
  expectEnded(ctx, run, flags, undefined, 10000);
  if (run.exit.code !== 0 && run.exit.code !== 1) ctx.fail(programFailure('client.ts', run.exit, run.program, 'during-exchange'));
  const out = readOutput(run.stdout);
  if (out.extra.length > 0) extraStdout(ctx, out, run.stdout);
  const want = [1, 2, 3].map((s) => `seq=${s} lost`);
  const got = [...out.lines.values()].flat().map((l) => l.line);
  if (want.some((w) => !got.includes(w)) || got.length !== 3 || out.summary?.line !== 'sent=3 received=0 lost=3 loss=100%' || out.bad.length > 0 || out.summaryNotLast) {
    ctx.fail('wrong-output-no-server', {
      expected: quoted(`${want.join('\n')}\nsent=3 received=0 lost=3 loss=100%\n`),
      actual: run.stdout ? quoted(run.stdout, 200) : text('(nothing printed)', '(출력 없음)'),
    });
  }
  if (run.exit.code !== 1) {
    ctx.fail('wrong-exit-code', { vars: { c: String(run.exit.code), r: 0, e: 1 }, expected: text('exit code 1', '종료 코드 1'), actual: describeExit(run.exit) });
  }
}

export default defineChecks({
  mistakes,
  scenarios: [
    scenario('clean-network', text('a server that answers every PING at once: 5 reply lines, "sent=5 received=5 lost=0 loss=0%", exit 0', '모든 PING에 바로 답하는 서버: 응답 줄 5개, "sent=5 received=5 lost=0 loss=0%", 종료 코드 0'), false, 20000, (ctx, udp) =>
      scripted(ctx, udp, { ...CONTRACT, count: 5 }, (p) => [{ bytes: pong(p) }], new Map(), 10000),
    ),
    scenario(
      'lossy-network',
      text('client.ts --count 10 --interval 100 --timeout 300 --retries 2 against loss, a wrong token, a late reply, a spoofed port, a duplicate and a swap', 'client.ts --count 10 --interval 100 --timeout 300 --retries 2: 손실, 틀린 token, 늦은 응답, 위조된 포트, 중복, 순서 바뀜'),
      true,
      20000,
      (ctx, udp) => scripted(ctx, udp, CONTRACT, lossyRule, LOSSY_TRAPS, 10000),
    ),
    scenario('honours-flags', text('client.ts --count 2 --interval 50 --timeout 800 --retries 1, seq 2 always lost: exactly 2 attempts, 800 ms apart', 'client.ts --count 2 --interval 50 --timeout 800 --retries 1, seq 2는 늘 손실: 800ms 간격으로 정확히 2번 시도'), true, 20000, (ctx, udp) =>
      scripted(ctx, udp, { count: 2, interval: 50, timeout: 800, retries: 1 }, (p) => (p.seq === 2 ? [] : [{ bytes: pong(p) }]), new Map([[2, 'drop-all']]), 10000),
    ),
    scenario(
      'generated-networks',
      text('generated networks: flags and, per seq and attempt, drop / answer / twice / late / held / a trap, from a seeded plan', '만들어 낸 네트워크: 플래그와, seq와 시도마다 버림 / 응답 / 두 번 / 늦게 / 붙잡음 / 함정을 시드로 정한 계획대로'),
      true,
      30000,
      (ctx, udp) => checkGenerated(ctx, { cases: netCases, examples: netExamples, run: (c, transcript) => runNetCase(ctx, udp, c, transcript), describe: describeNet, runs: 5, ms: 5000 }),
    ),
    scenario('nothing-listening', text('nothing listens on the port: every seq lost, exit 1, no crash', '포트에 아무도 없음: 모든 seq 손실, 종료 코드 1, 죽지 않음'), true, 20000, nothingListening),
  ],
});
