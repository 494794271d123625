/**
 * Steps that many lessons' scenarios share, each failing with one well-explained reason.
 * Lesson-specific wording stays in the lesson; these cover what every lesson means alike.
 */
import { fill, text, type Text } from '../i18n.ts';
import type { PeerServer } from '../peers/tcp.ts';
import type { PeerSocket } from '../peers/peer-socket.ts';
import type { RunningProgram } from '../runner/process.ts';
import type { ClientRun, ScenarioContext } from './context.ts';
import type { FailureDetails } from './scenario.ts';
import { describeExit, programFailure } from './explain.ts';
import { quoted } from '../report/visible.ts';

/** Waits for the learner's client to connect to the checker's server. */
export async function acceptClient(ctx: ScenarioContext, server: PeerServer, client: RunningProgram, ms = 3000): Promise<PeerSocket> {
  const peer = await server.accept(ms, client.exited);
  if (peer) return peer;
  const exit = client.exitInfo;
  ctx.fail({
    reason: 'client-never-connected',
    summary: exit
      ? fill(text('Your client never connected to the server; it {how}.', '클라이언트가 서버에 접속하지 않았습니다. {how}.'), { how: describeExit(exit) })
      : fill(text('Your client did not connect within {ms} ms.', '클라이언트가 {ms}ms 안에 접속하지 않았습니다.'), { ms }),
    expected: text(`a connection to 127.0.0.1:${server.port}`, `127.0.0.1:${server.port}로의 연결`),
    ...CONNECT_WHERE_TOLD,
  });
}

/** Why a client that never connected failed, and what to do: shared by every lesson. */
export const CONNECT_WHERE_TOLD: Pick<FailureDetails, 'cause' | 'fix' | 'section'> = {
  cause: text(
    'The client must connect to HOST and PORT from the environment (the checker passes its own).',
    '클라이언트는 환경 변수 HOST와 PORT로 접속해야 합니다(검사기가 자기 주소를 넘겨 줍니다).',
  ),
  fix: text("net.connect({ host: process.env.HOST ?? '127.0.0.1', port: Number(process.env.PORT ?? 8080) })", "net.connect({ host: process.env.HOST ?? '127.0.0.1', port: Number(process.env.PORT ?? 8080) })"),
  section: 'course:the-program-contract',
};

/** The client must exit by itself with code 0 within `ms`; its stdout is returned. */
export async function expectClientSuccess(ctx: ScenarioContext, program: RunningProgram, ms: number, file = 'client.ts'): Promise<ClientRun> {
  // Called when the checker has done its part: a client still running now ends after the exchange.
  const endsAfterExchange = !program.done;
  const run = await ctx.finishClient(program, ms);
  if (run.exit === 'timeout') {
    ctx.fail({
      reason: 'client-did-not-exit',
      summary: fill(text('{file} was still running {ms} ms after the exchange.', '주고받기가 끝난 뒤 {ms}ms가 지나도 {file}이(가) 실행 중이었습니다.'), { file, ms }),
      cause: text(
        'Node exits only when nothing is left to wait for: an open socket (or a timer) keeps it running.',
        'Node는 기다릴 것이 남지 않아야 종료합니다. 열린 소켓(이나 타이머)이 있으면 계속 실행됩니다.',
      ),
      fix: text('Close the socket when you are done (socket.end() or socket.destroy()).', '다 쓴 소켓은 닫으세요(socket.end() 또는 socket.destroy()).'),
      section: 'course:when-things-go-wrong',
    });
  }
  if (run.exit.code !== 0) ctx.fail(programFailure(file, run.exit, program, endsAfterExchange ? 'after-exchange' : 'during-exchange'));
  return run;
}

/**
 * Holds what a program printed to the line it must print. `exact` (the learner's programs: the
 * contract says stdout holds what the protocol prints and nothing else, logs go to stderr)
 * accepts that one line and nothing more; otherwise (the source's Python and Java, which print
 * more) the line must be among the others. The words are the lesson's mistake `reason`, whose
 * summary may use `{who}` and `{exp}`.
 */
export function expectPrinted<R extends string>(
  ctx: ScenarioContext<R>,
  o: { who: Text; printed: string; expected: string; reason: R; exact: boolean },
): void {
  const lines = o.printed.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n');
  const ok = o.exact ? o.printed.replace(/\r\n/g, '\n') === `${o.expected}\n` : lines.map((l) => l.trimEnd()).includes(o.expected);
  if (ok) return;
  ctx.fail(o.reason, {
    vars: { who: o.who, exp: quoted(o.expected) },
    expected: quoted(`${o.expected}\n`),
    actual: o.printed ? quoted(o.printed, 200) : text('(nothing)', '(출력 없음)'),
  });
}
