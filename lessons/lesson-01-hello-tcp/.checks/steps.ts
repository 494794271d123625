/**
 * Lesson 01 — the steps its scenarios share: the checker as a client of the learner's server
 * (send the request, hold the reply, the print and the exit), the checker as a server for the
 * learner's client (hold the request, reply as told, hold the client's stdout and exit), and
 * the source's own programs on either side. Failures name a reason of `mistakes.ts`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  acceptClient,
  describeExit,
  expectClientSuccess,
  expectPrinted,
  programFailure,
  quoted,
  text,
  type PeerSocket,
  type ScenarioContext,
  type StartedServer,
  type Text,
  type Transcript,
} from '../../../src/checks/kit.ts';
import type { Reason } from './mistakes.ts';
import { REPLY, REQUEST, isFirstChunkPrint } from './model.ts';
import { asMismatch } from '../../../src/checks/kit.ts';
export { asMismatch };

export type Ctx = ScenarioContext<Reason>;
export type Program = ReturnType<Ctx['startProgram']>;
export type TranscriptOf = (left: Text, right: Text) => Transcript;

export const INTEROP = path.join(path.dirname(fileURLToPath(import.meta.url)), 'interop');

export const who = {
  checker: text('checker (client)', '검사기 (클라이언트)'),
  checkerServer: text('checker (server)', '검사기 (서버)'),
  server: text('your server', '내 서버'),
  client: text('your client', '내 클라이언트'),
  /** At the start of a sentence. */
  Server: text('Your server', '내 서버'),
  Client: text('Your client', '내 클라이언트'),
  pyClient: text('Python client', 'Python 클라이언트'),
  pyServer: text('Python server', 'Python 서버'),
  javaClient: text('Java client', 'Java 클라이언트'),
  javaServer: text('Java server', 'Java 서버'),
};


// ─── the checker → the learner's server ──────────────────────────────────────────────

/**
 * Reads the server's whole reply (up to its FIN) and holds it to "hello client\n", byte for
 * byte; then the server must have printed what it received (`pieces`, the request as sent) on
 * a line of its own. A server may print more lines (logs): the course's contract lets it.
 */
export async function expectHelloReply(ctx: Ctx, peer: PeerSocket, server: StartedServer, pieces: string[]): Promise<void> {
  const sent = pieces.join('');
  const { bytes, how } = await peer.readToClose(2000);
  const reply = bytes.toString('utf8');
  if (how === 'timeout') {
    if (reply === '') {
      ctx.fail(sent.endsWith('\n') ? 'no-reply' : 'server-waits-for-newline', {
        expected: quoted(REPLY),
        actual: text('nothing within 2 s', '2초 동안 아무것도 오지 않음'),
      });
    }
    if (reply === REPLY || reply === REPLY.trimEnd()) {
      ctx.fail('no-fin', {
        expected: text(`${quoted(REPLY)} then FIN (close)`, `${quoted(REPLY)} 다음 FIN(종료)`),
        actual: text(`${quoted(reply)}, and the connection stayed open for 2 s`, `${quoted(reply)}, 그리고 2초 동안 연결이 열려 있음`),
      });
    }
  }
  if (reply !== REPLY) {
    ctx.fail(reply === REPLY.trimEnd() ? 'reply-without-newline' : 'wrong-reply', {
      expected: quoted(REPLY),
      actual: reply ? quoted(reply) : text(`nothing, then ${how === 'rst' ? 'RST' : 'FIN'}`, `아무것도 없이 ${how === 'rst' ? 'RST' : 'FIN'}`),
    });
  }
  const printedIt = () => server.program.stdout().replace(/\r\n/g, '\n').split('\n').some((l) => isFirstChunkPrint(l.trimEnd(), pieces));
  if (!printedIt()) await server.program.waitExit(300); // let the last print arrive
  if (pieces.length === 1) {
    expectPrinted(ctx, { who: who.Server, printed: server.program.stdout(), expected: sent.trimEnd(), reason: 'server-did-not-print', exact: false });
  } else if (!printedIt()) {
    // Cut into pieces, the first chunk it read may have held one piece or more of them.
    ctx.fail('server-did-not-print', {
      vars: { who: who.Server, exp: quoted(pieces[0]!.trimEnd()) },
      expected: text(`a line of its own holding the first chunk it received: ${quoted(pieces[0]!.trimEnd())} … ${quoted(sent.trimEnd())}`, `받은 첫 덩어리를 담은 한 줄: ${quoted(pieces[0]!.trimEnd())} … ${quoted(sent.trimEnd())}`),
      actual: server.program.stdout() ? quoted(server.program.stdout(), 200) : text('(nothing)', '(출력 없음)'),
    });
  }
}

/** After its one client the server stops listening and exits 0, as the source's does. */
export async function expectServerDone(ctx: Ctx, server: StartedServer): Promise<void> {
  const exit = await server.program.waitExit(2000);
  if (!exit) ctx.fail('server-keeps-running', { expected: text('exit code 0 once its client is served', '클라이언트를 처리하면 종료 코드 0'), actual: describeExit('timeout', 2000) });
  if (exit.code !== 0) ctx.fail(programFailure('server.ts', exit, server.program, 'during-exchange'));
}

/** One exchange with a fresh server: the request sent in `pieces`, `gapMs` apart. */
export async function serverExchange(ctx: Ctx, pieces: string[], gapMs: number, transcript: TranscriptOf): Promise<void> {
  const server = await ctx.startServer();
  const peer = await ctx.connect(server.port, transcript(who.checker, who.server));
  await peer.sendPieces(pieces, gapMs);
  await expectHelloReply(ctx, peer, server, pieces);
  peer.halfClose(); // like the source's clients, close our side once the reply is in
  await expectServerDone(ctx, server);
}

// ─── the learner's client → the checker ──────────────────────────────────────────────

/** Holds a client's stdout to exactly "hello client\n"; a first piece alone is told apart. */
export function expectHelloPrinted(ctx: Ctx, stdout: string): void {
  const out = stdout.replace(/\r\n/g, '\n');
  if (out === 'hello client\n') return;
  const first = out.trim();
  if (first !== '' && first !== 'hello client' && 'hello client'.startsWith(first)) {
    ctx.fail('client-printed-first-chunk', { expected: quoted('hello client\n'), actual: quoted(stdout) });
  }
  expectPrinted(ctx, { who: who.Client, printed: stdout, expected: 'hello client', reason: 'client-did-not-print-reply', exact: true });
}

/**
 * The checker plays a server: it reads the request line, then `reply` answers it; the client
 * must print exactly "hello client" and exit 0 by itself.
 */
export async function clientExchange(ctx: Ctx, reply: (peer: PeerSocket) => Promise<void>, transcript: TranscriptOf): Promise<void> {
  const server = await ctx.listenPeer(transcript(who.client, who.checkerServer));
  const client = ctx.startClient({ port: server.port });
  const peer = await acceptClient(ctx, server, client);
  const line = await peer.readLine(2000);
  if (!line.ok) {
    const partial = line.partial.toString('utf8');
    ctx.fail(partial.startsWith(REQUEST) ? 'request-without-newline' : 'no-request', {
      expected: quoted(`${REQUEST}\n`),
      actual: partial
        ? quoted(partial)
        : line.reason === 'closed'
          ? text(`nothing, then ${line.how.toUpperCase()}`, `아무것도 없이 ${line.how.toUpperCase()}`)
          : text('nothing within 2 s', '2초 동안 아무것도 없음'),
    });
  }
  if (line.value.toString('utf8') !== REQUEST) {
    ctx.fail('wrong-request', { expected: quoted(`${REQUEST}\n`), actual: quoted(Buffer.concat([line.value, Buffer.from('\n')])) });
  }
  await reply(peer);
  const run = await expectClientSuccess(ctx, client, 3000);
  expectHelloPrinted(ctx, run.stdout);
}

// ─── the source's programs ───────────────────────────────────────────────────────────

/** The source's client (Python or Java) against the learner's server: it must finish and print the reply. */
export async function expectExternalClient(ctx: Ctx, program: Program, label: Text): Promise<void> {
  const exit = await program.waitExit(8000);
  if (!exit || exit.code !== 0) ctx.fail('interop-client-failed', { vars: { who: label, how: describeExit(exit ?? 'timeout', 8000) } });
  // The source's programs print more than the one line: held to "among its lines".
  expectPrinted(ctx, { who: label, printed: program.stdout(), expected: 'hello client', reason: 'interop-client-wrong-output', exact: false });
}

/** The learner's client against the source's server (Python or Java). */
export async function yourClientToExternalServer(ctx: Ctx, server: Program, label: Text): Promise<void> {
  const ready = await server.waitListening('tcp', 8000);
  if (ready === 'timeout' || !('proto' in ready)) throw new Error(`${label.en} did not start: ${server.allOutput()}`);
  const client = ctx.startClient({ port: ready.port });
  const run = await ctx.finishClient(client, 8000);
  // The source's servers serve one client and exit: one still waiting was never reached.
  if (run.exit !== 'timeout' && !(await server.waitExit(2000))) {
    ctx.fail('source-server-never-reached', { vars: { who: label, how: describeExit(run.exit) }, expected: text(`a connection to 127.0.0.1:${ready.port}`, `127.0.0.1:${ready.port}로의 연결`) });
  }
  if (run.exit === 'timeout' || run.exit.code !== 0) ctx.fail('interop-server-failed', { vars: { who: label, how: describeExit(run.exit, 8000) } });
  expectHelloPrinted(ctx, run.stdout);
  await server.waitExit(3000);
  expectPrinted(ctx, { who: label, printed: server.stdout(), expected: REQUEST, reason: 'interop-server-did-not-receive', exact: false });
}
