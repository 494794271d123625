/**
 * Lesson 06 — hidden checks. Lesson 04's line protocol plus NICK, WHOAMI, INCR, COUNT and
 * SLOW, served to many clients at once by one event loop. The scenarios open many checker
 * clients against one server; each client records its own transcript, and a failure shows
 * only the clients that tell the story (see `show`).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import {
  defineScenarios,
  describeExit,
  fill,
  programFailure,
  quoted,
  text,
  type PeerSocket,
  type ReadOutcome,
  type ScenarioContext,
  type StartedServer,
  type Text,
  type Transcript,
} from '../../../src/checks/kit.ts';
import { checkGenerated, type Mismatch } from '../../../src/checks/generate.ts';
import { connName, histories, planOf, type Expected, type History, type Plan } from './model.ts';

const READ_MS = 3000;

const who = {
  server: text('your server', '내 서버'),
  client: (name: string) => text(`checker client ${name}`, `검사기 클라이언트 ${name}`),
};

interface Client {
  name: string;
  peer: PeerSocket;
  t: Transcript;
}

/** What one read brought: a line, or why there was none. */
type Got = { ok: true; line: string; raw: string; ms: number } | { ok: false; why: 'timeout' | 'fin' | 'rst'; partial: string; ms: number };

async function openClient(ctx: ScenarioContext, server: StartedServer, name: string): Promise<Client> {
  const t = ctx.transcript(who.client(name), who.server);
  const peer = await ctx.connect(server.port, t);
  return { name, peer, t };
}

function openClients(ctx: ScenarioContext, server: StartedServer, names: string[]): Promise<Client[]> {
  return Promise.all(names.map((n) => openClient(ctx, server, n)));
}

async function readReply(peer: PeerSocket, ms = READ_MS): Promise<Got> {
  const started = Date.now();
  const r = await peer.readLine(ms);
  const took = Date.now() - started;
  if (r.ok) {
    const raw = r.value.toString('utf8');
    return { ok: true, line: raw.replace(/\r$/, ''), raw, ms: took };
  }
  const partial = r.partial.toString('utf8');
  return { ok: false, why: r.reason === 'closed' ? r.how : 'timeout', partial, ms: took };
}

/** Sends one line and reads one reply line. */
async function ask(c: Client, line: string, ms = READ_MS): Promise<Got> {
  await c.peer.send(`${line}\n`);
  return readReply(c.peer, ms);
}

function describeGot(g: Got, ms = READ_MS): Text | string {
  if (g.ok) return quoted(`${g.line}\n`);
  const partial = g.partial ? ` (${quoted(g.partial)} without '\\n')` : '';
  if (g.why === 'timeout') return text(`nothing within ${ms / 1000} s${partial}`, `${ms / 1000}초 동안 답 없음${partial}`);
  return text(`nothing${partial}, then ${g.why.toUpperCase()} (connection closed)`, `답 없음${partial}, 그 뒤 ${g.why.toUpperCase()}(연결 끊김)`);
}

/** Keeps only these clients' diagrams in the report (fifty diagrams would bury the one that matters). */
function show(ctx: ScenarioContext, clients: Client[], note?: Text): void {
  const keep = clients.map((c) => c.t);
  ctx.transcripts.splice(0, ctx.transcripts.length, ...keep);
  if (note) ctx.note(note);
}

/** If the server has exited, that is the failure to report (with its stack trace). */
async function failIfServerDied(ctx: ScenarioContext, server: StartedServer, ms = 300): Promise<void> {
  const exit = server.program.exitInfo ?? (await server.program.waitExit(ms));
  if (exit) ctx.fail(programFailure('server.ts', exit, server.program, 'during-exchange'));
}

// ── What each command must answer, and what to say when it does not ─────────────────────────

interface CommandHelp {
  reason: string;
  cause: Text;
  fix: Text;
  section: string;
}

const HELP = {
  nick: {
    reason: 'nick-wrong',
    cause: text('NICK <name> stores the name for this connection and answers OK.', 'NICK <이름>은 이 연결의 이름을 저장하고 OK로 답합니다.'),
    fix: text(
      "Declare `let nick: string | undefined` next to `pending`, then: case 'NICK': nick = arg; return reply('OK');",
      "`pending` 옆에 `let nick: string | undefined`를 선언하고: case 'NICK': nick = arg; return reply('OK');",
    ),
    section: 'the-protocol',
  },
  whoami: {
    reason: 'whoami-wrong',
    cause: text(
      "WHOAMI answers the name this client gave with its own NICK, or 'anonymous' if it gave none.",
      "WHOAMI는 이 클라이언트가 자기 NICK으로 준 이름을, 준 적이 없으면 'anonymous'를 답합니다.",
    ),
    fix: text(
      "Keep `let nick: string | undefined` inside the connection callback; WHOAMI replies nick ?? 'anonymous'.",
      "연결 콜백 안에 `let nick: string | undefined`를 두고, WHOAMI는 nick ?? 'anonymous'로 답하세요.",
    ),
    section: 'per-connection-state',
  },
  incr: {
    reason: 'incr-wrong',
    cause: text(
      'INCR adds one to a single counter shared by every client and answers the new value: the first INCR a fresh server sees answers 1.',
      'INCR은 모든 클라이언트가 함께 쓰는 카운터 하나에 1을 더하고 새 값을 답합니다. 갓 시작한 서버의 첫 INCR은 1입니다.',
    ),
    fix: text("At module level: let counter = 0; then case 'INCR': counter += 1; return reply(String(counter));", "모듈 최상위에 let counter = 0;을 두고 case 'INCR': counter += 1; return reply(String(counter));"),
    section: 'per-connection-state',
  },
  count: {
    reason: 'count-wrong',
    cause: text(
      'COUNT answers how many connections are open right now, the asking one included.',
      'COUNT는 지금 열려 있는 연결 수를 답합니다. 묻는 연결도 포함합니다.',
    ),
    fix: text(
      "Keep a module-level Set of sockets: add in the connection callback, delete on 'close'; COUNT replies set.size.",
      "모듈 최상위에 소켓 Set을 두고, 연결 콜백에서 add, 'close'에서 delete 하세요. COUNT는 set.size로 답합니다.",
    ),
    section: 'when-a-client-vanishes',
  },
  slow: {
    reason: 'slow-wrong',
    cause: text('SLOW <ms> answers DONE, <ms> milliseconds later.', 'SLOW <ms>는 <ms>밀리초 뒤에 DONE으로 답합니다.'),
    fix: text(
      "case 'SLOW': setTimeout(() => reply('DONE'), Number(arg)); return; — schedule the reply, never wait in place.",
      "case 'SLOW': setTimeout(() => reply('DONE'), Number(arg)); return; — 답을 예약만 하고, 그 자리에서 기다리지 마세요.",
    ),
    section: 'never-block',
  },
  old: {
    reason: 'lesson-04-command-wrong',
    cause: text(
      "Lesson 04's commands must keep working: PING, ECHO, LEN, the empty line, unknown commands, and '\\r\\n' line ends.",
      "레슨 04의 명령은 그대로 동작해야 합니다: PING, ECHO, LEN, 빈 줄, 모르는 명령, 그리고 '\\r\\n' 줄 끝.",
    ),
    fix: text('Compare your handler with the protocol table in the README (the starter has them right).', 'README의 프로토콜 표와 핸들러를 비교해 보세요(시작 파일에는 맞게 들어 있습니다).'),
    section: 'the-protocol',
  },
} satisfies Record<string, CommandHelp>;

/** A wrong (or missing) reply to `sent`, explained with the command's own help. */
async function wrongReply(ctx: ScenarioContext, server: StartedServer, sent: string, expected: string | Text, got: Got, help: CommandHelp, ms = READ_MS): Promise<never> {
  if (!got.ok) await failIfServerDied(ctx, server);
  const word = sent.split(' ')[0]!.replace(/\r$/, '');
  const base = {
    summary: fill(text('{sent} got a wrong answer.', '{sent}에 틀린 답이 왔습니다.'), { sent: quoted(`${sent}\n`) }),
    expected: typeof expected === 'string' ? quoted(`${expected}\n`) : expected,
    actual: describeGot(got, ms),
  };
  if (!got.ok && got.why === 'timeout') {
    ctx.fail({
      ...base,
      reason: 'no-reply',
      summary: fill(text('{sent} got no answer.', '{sent}에 답이 없었습니다.'), { sent: quoted(`${sent}\n`) }),
      cause: text(
        'The server is running but never answered this line: a command with no case in the switch and no default, or a reply that is never written.',
        '서버는 실행 중인데 이 줄에 답하지 않았습니다. switch에 case도 default도 없는 명령이거나, 답을 쓰지 않는 경로가 있습니다.',
      ),
      fix: help.fix,
      section: help.section,
    });
  }
  if (!got.ok) {
    ctx.fail({
      ...base,
      reason: 'closed-instead-of-reply',
      summary: fill(text('The server closed the connection instead of answering {sent}.', '서버가 {sent}에 답하지 않고 연결을 닫았습니다.'), { sent: quoted(`${sent}\n`) }),
      cause: text(
        'Only QUIT (and a line that is too long) closes a connection. Look for end() or destroy() calls, and for server.maxConnections.',
        '연결을 닫는 것은 QUIT(과 너무 긴 줄)뿐입니다. end()나 destroy() 호출, server.maxConnections 설정을 찾아보세요.',
      ),
      fix: help.fix,
      section: help.section,
    });
  }
  const unknown = got.line === `ERR unknown command ${word}`;
  ctx.fail({
    ...base,
    reason: help.reason,
    cause: unknown
      ? fill(text('Your server does not know {w} yet: it fell through to "unknown command".', '서버가 아직 {w}을(를) 모릅니다. "unknown command"로 빠졌습니다.'), { w: word })
      : help.cause,
    fix: unknown ? fill(text("Add case '{w}' to the switch in handle(). {fix}", "handle()의 switch에 case '{w}'를 추가하세요. {fix}"), { w: word, fix: help.fix }) : help.fix,
    section: help.section,
  });
}

// ── Scenarios ────────────────────────────────────────────────────────────────────────────────

interface Step {
  send: string;
  expect: string;
  help: CommandHelp;
  /** The reply must not come sooner than this (SLOW). */
  notBeforeMs?: number;
}

const ONE_CLIENT_STEPS: Step[] = [
  { send: 'WHOAMI', expect: 'anonymous', help: HELP.whoami },
  { send: 'NICK ana', expect: 'OK', help: HELP.nick },
  { send: 'WHOAMI', expect: 'ana', help: HELP.whoami },
  { send: 'INCR', expect: '1', help: HELP.incr },
  { send: 'INCR', expect: '2', help: HELP.incr },
  { send: 'COUNT', expect: '1', help: HELP.count },
  { send: 'SLOW 300', expect: 'DONE', help: HELP.slow, notBeforeMs: 250 },
  { send: 'PING', expect: 'PONG', help: HELP.old },
  { send: 'ECHO 안녕 hello', expect: '안녕 hello', help: HELP.old },
  { send: 'LEN 안녕', expect: '2 6', help: HELP.old },
  { send: '', expect: 'ERR empty', help: HELP.old },
  { send: 'HELLO there', expect: 'ERR unknown command HELLO', help: HELP.old },
  { send: 'NICK 보라\r', expect: 'OK', help: HELP.nick },
  { send: 'WHOAMI\r', expect: '보라', help: HELP.whoami },
];

async function oneClient(ctx: ScenarioContext): Promise<void> {
  const server = await ctx.startServer();
  const c = await openClient(ctx, server, 'A');
  for (const step of ONE_CLIENT_STEPS) {
    const got = await ask(c, step.send);
    if (!got.ok || got.line !== step.expect) await wrongReply(ctx, server, step.send, step.expect, got, step.help);
    if (got.ok && got.raw !== got.line) {
      // The reply is right but for a '\r' before its '\n': kept from a "\r\n" line, or added to every reply.
      const kept = step.send.endsWith('\r');
      ctx.fail({
        reason: kept ? 'crlf-not-stripped' : 'lesson-04-command-wrong',
        summary: fill(text('{sent} was answered {got}.', '{sent}에 {got}(이)라는 답이 왔습니다.'), { sent: quoted(`${step.send}\n`), got: quoted(`${got.raw}\n`) }),
        expected: quoted(`${step.expect}\n`),
        actual: quoted(`${got.raw}\n`),
        cause: kept
          ? text(
              "The line ended in \"\\r\\n\" and its '\\r' stayed in the argument: NICK stored \"보라\\r\", so WHOAMI answers it. The '\\r' before the '\\n' is not part of the line.",
              "줄이 \"\\r\\n\"으로 끝났는데 '\\r'이 인자에 남았습니다. NICK이 \"보라\\r\"를 저장했으니 WHOAMI가 그대로 답합니다. '\\n' 앞의 '\\r'은 줄의 일부가 아닙니다.",
            )
          : text("The reply ends in \"\\r\\n\". The protocol's replies are lines ending in '\\n' alone, as in lesson 04.", "답이 \"\\r\\n\"으로 끝납니다. 프로토콜의 답은 레슨 04처럼 '\\n' 하나로 끝나는 줄입니다."),
        fix: kept
          ? text("Strip one '\\r' from the whole line before you split it into command and argument: line = line.replace(/\\r$/, '').", "줄을 명령과 인자로 나누기 전에, 줄 전체에서 '\\r' 하나를 지우세요: line = line.replace(/\\r$/, '').")
          : text('Write `${line}\\n`.', '`${line}\\n`으로 쓰세요.'),
        section: 'the-protocol',
      });
    }
    if (step.notBeforeMs !== undefined && got.ms < step.notBeforeMs) {
      ctx.fail({
        reason: 'slow-too-early',
        summary: fill(text('"SLOW 300" answered DONE after only {ms} ms.', '"SLOW 300"이 {ms}ms 만에 DONE으로 답했습니다.'), { ms: got.ms }),
        expected: text('DONE after 300 ms', '300ms 뒤에 DONE'),
        actual: text(`DONE after ${got.ms} ms`, `${got.ms}ms 뒤에 DONE`),
        cause: text('The wait is shorter than asked: setTimeout takes milliseconds, and the argument is a string until you convert it.', '요청보다 짧게 기다렸습니다. setTimeout은 밀리초를 받고, 인자는 변환하기 전까지 문자열입니다.'),
        fix: text("setTimeout(() => reply('DONE'), Number(arg))", "setTimeout(() => reply('DONE'), Number(arg))"),
        section: 'never-block',
      });
    }
  }
  const bye = await ask(c, 'QUIT');
  if (!bye.ok || bye.line !== 'BYE') await wrongReply(ctx, server, 'QUIT', 'BYE', bye, HELP.old);
  const closed = await c.peer.waitClosed(2000);
  if (closed === 'timeout') {
    ctx.fail({
      reason: 'quit-does-not-close',
      summary: text('After BYE the connection stayed open.', 'BYE 다음에도 연결이 열려 있었습니다.'),
      expected: text('"BYE\\n", then FIN', '"BYE\\n" 다음 FIN'),
      actual: text('"BYE\\n", and the connection open for 2 s', '"BYE\\n", 그리고 2초 동안 열려 있는 연결'),
      cause: text('QUIT ends the conversation: the server says BYE and closes its side.', 'QUIT은 대화를 끝냅니다. 서버가 BYE라고 답하고 자기 쪽을 닫습니다.'),
      fix: text("socket.end('BYE\\n')", "socket.end('BYE\\n')"),
      section: 'the-protocol',
    });
  }
}

const range = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

/** T1: fifty clients at once, each with its own nick. */
async function fiftyClients(ctx: ScenarioContext): Promise<void> {
  const N = 50;
  const server = await ctx.startServer();
  const clients = await openClients(ctx, server, range(N, 'c'));
  const ms = 5000;
  const nicks = await Promise.all(clients.map((c) => ask(c, `NICK ${c.name}`, ms)));

  const served = clients.filter((_, i) => nicks[i]!.ok);
  const waiting = clients.filter((_, i) => !nicks[i]!.ok);
  if (waiting.length > 0) {
    await failIfServerDied(ctx, server);
    const first = waiting[0]!;
    const got = nicks[clients.indexOf(first)]!;
    if (served.length > 0) {
      show(ctx, [served[0]!, first]);
      ctx.fail({
        reason: 'not-concurrent',
        summary: fill(
          text('{served} of {n} clients got an answer; the other {waiting} got {what}.', '클라이언트 {n}개 중 {served}개만 답을 받았고, 나머지 {waiting}개는 {what}.'),
          {
            served: served.length,
            n: N,
            waiting: waiting.length,
            what: !got.ok && got.why === 'timeout' ? text(`nothing within ${ms / 1000} s`, `${ms / 1000}초 동안 답을 못 받았습니다`) : text('their connection closed', '연결이 끊겼습니다'),
          },
        ),
        expected: fill(text('"OK\\n" for each of the {n} clients, all connected at once', '동시에 접속한 {n}개 클라이언트 모두에게 "OK\\n"'), { n: N }),
        actual: fill(text('{name}: {got}', '{name}: {got}'), { name: first.name, got: describeGot(got, ms) }),
        cause: text(
          'Your server serves one client at a time: it waits for a client to finish (an awaited loop over connections, maxConnections = 1) before it answers the next. The others sit in the queue.',
          '서버가 클라이언트를 한 번에 하나씩 처리합니다. 한 클라이언트가 끝나기를 기다린 뒤에야(연결을 await하는 반복문, maxConnections = 1) 다음에 답하므로 나머지는 줄을 서서 기다립니다.',
        ),
        fix: text(
          "Handle every connection in net.createServer((socket) => { … }) and register its 'data' handler right away: the callback returns at once and the event loop serves everybody.",
          "모든 연결을 net.createServer((socket) => { … })에서 처리하고 'data' 핸들러를 바로 등록하세요. 콜백은 곧바로 돌아오고, 이벤트 루프가 모두를 처리합니다.",
        ),
        section: 'one-thread-many-clients',
      });
    }
    show(ctx, [first]);
    await wrongReply(ctx, server, `NICK ${first.name}`, 'OK', got, HELP.nick, ms);
  }
  for (const [i, c] of clients.entries()) {
    const got = nicks[i]!;
    if (got.ok && got.line !== 'OK') {
      show(ctx, [c]);
      await wrongReply(ctx, server, `NICK ${c.name}`, 'OK', got, HELP.nick, ms);
    }
  }

  // Every client has named itself; now each asks who it is.
  const names = await Promise.all(clients.map((c) => ask(c, 'WHOAMI', ms)));
  const wrong = clients.filter((c, i) => {
    const g = names[i]!;
    return !g.ok || g.line !== c.name;
  });
  if (wrong.length > 0) {
    const c = wrong[0]!;
    const got = names[clients.indexOf(c)]!;
    const other = got.ok ? clients.find((x) => x.name === got.line && x !== c) : undefined;
    if (other) {
      show(ctx, [c, other]);
      ctx.fail({
        reason: 'nick-shared',
        summary: fill(
          text('Client {c} said NICK {c}, then WHOAMI answered "{o}" — the name client {o} chose.', '{c} 클라이언트가 `NICK {c}`로 이름을 정했는데, WHOAMI에 "{o}"라는 답이 왔습니다. {o} 클라이언트가 고른 이름입니다.'),
          { c: c.name, o: other.name },
        ),
        expected: quoted(`${c.name}\n`),
        actual: quoted(`${other.name}\n`),
        cause: fill(
          text(
            '{n} of {all} clients got someone else\'s name. There is one `nick` variable for the whole server (module scope), so the last NICK wins for everybody.',
            '클라이언트 {all}개 중 {n}개가 남의 이름을 받았습니다. 서버 전체에 `nick` 변수가 하나뿐이라(모듈 스코프) 마지막 NICK이 모두의 이름이 됩니다.',
          ),
          { n: wrong.length, all: N },
        ),
        fix: text(
          'Declare `let nick` inside the connection callback, next to the line buffer: each call of the callback makes a new one.',
          '`let nick`을 연결 콜백 안, 줄 버퍼 옆에 선언하세요. 콜백이 호출될 때마다 새로 만들어집니다.',
        ),
        section: 'per-connection-state',
      });
    }
    show(ctx, [c]);
    await wrongReply(ctx, server, 'WHOAMI', c.name, got, HELP.whoami, ms);
  }

  const c0 = clients[0]!;
  const count = await ask(c0, 'COUNT', ms);
  if (!count.ok || count.line !== String(N)) {
    show(ctx, [c0], text(`All ${N} clients were connected when c0 asked.`, `c0이 물었을 때 ${N}개 클라이언트가 모두 접속해 있었습니다.`));
    await wrongReply(ctx, server, 'COUNT', String(N), count, HELP.count, ms);
  }
}

/** T2: ten clients whose commands arrive in fragments, interleaved with each other's. */
async function interleaved(ctx: ScenarioContext): Promise<void> {
  const server = await ctx.startServer();
  const clients = await openClients(ctx, server, range(10, 'f'));
  const rounds = (name: string) => ['NI', `CK ${name}\nWHO`, 'AMI\nEC', `HO from ${name}\n`];
  for (let r = 0; r < 4; r++) {
    if (r > 0) await sleep(40);
    for (const c of clients) await c.peer.send(rounds(c.name)[r]!);
  }
  const expected = (name: string) => [
    { sent: `NICK ${name}`, word: 'NICK', want: 'OK', help: HELP.nick },
    { sent: 'WHOAMI', word: 'WHOAMI', want: name, help: HELP.whoami },
    { sent: `ECHO from ${name}`, word: 'ECHO', want: `from ${name}`, help: HELP.old },
  ];
  const replies = await Promise.all(
    clients.map(async (c) => {
      const got: Got[] = [];
      for (let i = 0; i < 3; i++) {
        const g = await readReply(c.peer);
        got.push(g);
        if (!g.ok) break;
      }
      return got;
    }),
  );
  for (const [ci, c] of clients.entries()) {
    for (const [i, e] of expected(c.name).entries()) {
      const got = replies[ci]![i]!;
      if (got.ok && got.line === e.want) continue;
      if (!got.ok) await failIfServerDied(ctx, server);
      const failing = clients.filter((x, xi) => expected(x.name).some((ee, ii) => replies[xi]![ii]?.ok !== true || (replies[xi]![ii] as { line: string }).line !== ee.want));
      const note = fill(text('{n} of 10 clients got a wrong or missing reply; showing {c}.', '클라이언트 10개 중 {n}개가 틀린 답을 받거나 답을 못 받았습니다. 그중 {c} 클라이언트를 보여 줍니다.'), { n: failing.length, c: c.name });
      // The server simply does not know the command yet: that is a protocol problem, not sharing.
      if (got.ok && got.line === `ERR unknown command ${e.word}`) {
        show(ctx, [c]);
        await wrongReply(ctx, server, e.sent, e.want, got, e.help);
      }
      const other = got.ok && e.word === 'WHOAMI' ? clients.find((x) => x.name === got.line && x !== c) : undefined;
      if (other) {
        show(ctx, [c], note);
        ctx.fail({
          reason: 'nick-shared',
          summary: fill(text('Client {c} said NICK {c}, then WHOAMI answered "{o}".', '{c} 클라이언트가 `NICK {c}`로 이름을 정했는데, WHOAMI에 "{o}"라는 답이 왔습니다.'), { c: c.name, o: other.name }),
          expected: quoted(`${c.name}\n`),
          actual: quoted(`${other.name}\n`),
          cause: text('There is one `nick` for the whole server (module scope): the last NICK wins for everybody.', '서버 전체에 `nick`이 하나뿐입니다(모듈 스코프). 마지막 NICK이 모두의 이름이 됩니다.'),
          fix: text('Declare `let nick` inside the connection callback, next to the line buffer.', '`let nick`을 연결 콜백 안, 줄 버퍼 옆에 선언하세요.'),
          section: 'per-connection-state',
        });
      }
      show(ctx, [c], note);
      ctx.fail({
        reason: 'buffer-shared',
        summary: fill(
          text('Client {c} sent {sent} in pieces, between other clients\' pieces, and got a wrong reply.', '{c} 클라이언트가 {sent} 명령을 조각내어 다른 클라이언트의 조각 사이사이에 보냈는데, 틀린 답을 받았습니다.'),
          { c: c.name, sent: quoted(`${e.sent}\n`) },
        ),
        expected: quoted(`${e.want}\n`),
        actual: describeGot(got),
        cause: text(
          "The pieces of different clients were glued together: the buffer that collects a partial line is shared by every connection (module scope). A line then mixes bytes from several clients and the reply goes to whoever completed it.",
          '여러 클라이언트의 조각이 한데 붙었습니다. 덜 끝난 줄을 모으는 버퍼를 모든 연결이 함께 씁니다(모듈 스코프). 그래서 한 줄에 여러 클라이언트의 바이트가 섞이고, 답은 그 줄을 마저 채운 클라이언트에게 갑니다.',
        ),
        fix: text(
          "Declare the line buffer (`let pending = ''`) inside the connection callback: one buffer per client.",
          "줄 버퍼(`let pending = ''`)를 연결 콜백 안에 선언하세요. 클라이언트마다 버퍼가 하나씩 생깁니다.",
        ),
        section: 'per-connection-state',
      });
    }
  }
}

/** T3: 50 clients × 20 INCR at once: 1000 distinct values, 1 to 1000. */
async function sharedCounter(ctx: ScenarioContext): Promise<void> {
  const N = 50;
  const K = 20;
  const server = await ctx.startServer();
  const clients = await openClients(ctx, server, range(N, 'n'));
  const values = await Promise.all(
    clients.map(async (c) => {
      await c.peer.send('INCR\n'.repeat(K)); // pipelined: twenty commands in one write
      const got: Got[] = [];
      for (let i = 0; i < K; i++) {
        const g = await readReply(c.peer, 5000);
        got.push(g);
        if (!g.ok) break;
      }
      return got;
    }),
  );
  // Any reply that is not a number (or is missing) is a plain INCR problem.
  for (const [ci, c] of clients.entries()) {
    const bad = values[ci]!.find((g) => !g.ok || !/^\d+$/.test(g.line));
    if (bad) {
      show(ctx, [c]);
      await wrongReply(ctx, server, 'INCR', text('a number, e.g. "17\\n"', '숫자, 예: "17\\n"'), bad, HELP.incr, 5000);
    }
  }
  const owner = new Map<number, Client>();
  for (const [ci, c] of clients.entries()) {
    for (const g of values[ci]!) {
      const n = Number((g as { line: string }).line);
      const first = owner.get(n);
      if (first && first !== c) {
        show(ctx, [first, c]);
        ctx.fail({
          reason: 'counter-not-shared',
          summary: fill(text('Clients {a} and {b} both got {n} from INCR.', '{a} 클라이언트와 {b} 클라이언트가 INCR에서 같은 값({n})을 받았습니다.'), { a: first.name, b: c.name, n }),
          expected: text(`${N * K} different values, 1 to ${N * K}, over all ${N} clients`, `클라이언트 ${N}개를 통틀어 서로 다른 값 ${N * K}개, 1부터 ${N * K}까지`),
          actual: fill(text('{n} twice (and {d} distinct values in all)', '값 {n}: 두 번 나옴(전체에서 서로 다른 값은 {d}개)'), { n, d: new Set(values.flat().map((g) => (g as { line: string }).line)).size }),
          cause: text(
            'Each connection counts on its own: the counter is declared inside the connection callback, so every client gets a fresh one starting at 0.',
            '연결마다 따로 셉니다. 카운터를 연결 콜백 안에 선언해서 클라이언트마다 0에서 시작하는 새 카운터가 생깁니다.',
          ),
          fix: text('Move `let counter = 0` to module level, outside net.createServer(…).', '`let counter = 0`을 net.createServer(…) 밖, 모듈 최상위로 옮기세요.'),
          section: 'per-connection-state',
        });
      }
      owner.set(n, c);
    }
  }
  const all = [...owner.keys()].sort((a, b) => a - b);
  if (all[0] !== 1 || all.at(-1) !== N * K) {
    ctx.fail({
      reason: 'incr-wrong',
      summary: fill(text('The INCR values ran from {lo} to {hi}.', 'INCR 값이 {lo}부터 {hi}까지였습니다.'), { lo: all[0] ?? '-', hi: all.at(-1) ?? '-' }),
      expected: text(`1 to ${N * K}`, `1부터 ${N * K}까지`),
      actual: text(`${all[0]} to ${all.at(-1)}`, `${all[0]}부터 ${all.at(-1)}까지`),
      cause: HELP.incr.cause,
      fix: HELP.incr.fix,
      section: HELP.incr.section,
    });
  }
}

/** T4: while client A waits for SLOW 1500, client B's PING is answered at once. */
async function slowDoesNotBlock(ctx: ScenarioContext): Promise<void> {
  const SLOW_MS = 1500;
  const PONG_WITHIN = 700;
  const server = await ctx.startServer();
  const [a, b] = (await openClients(ctx, server, ['A', 'B'])) as [Client, Client];
  const warm = await ask(b, 'PING');
  if (!warm.ok || warm.line !== 'PONG') await wrongReply(ctx, server, 'PING', 'PONG', warm, HELP.old);

  const slowSent = Date.now();
  await a.peer.send(`SLOW ${SLOW_MS}\n`);
  await sleep(100);
  b.t.note(text(`(A is waiting for SLOW ${SLOW_MS})`, `(A가 SLOW ${SLOW_MS}을 기다리는 중)`));
  const pong = await ask(b, 'PING', PONG_WITHIN);
  if (!pong.ok && pong.why === 'timeout') {
    const late = await readReply(b.peer, SLOW_MS + 3000);
    const after = PONG_WITHIN + late.ms;
    show(ctx, [b, a]);
    ctx.fail({
      reason: 'event-loop-blocked',
      summary: late.ok
        ? fill(text("Client B's PING was answered only after {ms} ms, while client A's SLOW {slow} was running.", '클라이언트 A의 SLOW {slow}이 도는 동안 클라이언트 B의 PING은 {ms}ms가 지나서야 답을 받았습니다.'), { ms: after, slow: SLOW_MS })
        : fill(text("Client B's PING got no answer while client A's SLOW {slow} was running.", '클라이언트 A의 SLOW {slow}이 도는 동안 클라이언트 B의 PING은 답을 받지 못했습니다.'), { slow: SLOW_MS }),
      expected: text(`"PONG\\n" within ${PONG_WITHIN} ms`, `${PONG_WITHIN}ms 안에 "PONG\\n"`),
      actual: late.ok ? text(`${quoted(`${late.line}\n`)} after ${after} ms`, `${after}ms 뒤에 ${quoted(`${late.line}\n`)}`) : describeGot(late, SLOW_MS + 3000),
      cause: text(
        "SLOW blocked the event loop: the server waited inside a callback (a while loop on Date.now(), Atomics.wait, execSync('sleep')…). Node has ONE thread for all clients, so while it waits nobody is served.",
        "SLOW가 이벤트 루프를 막았습니다. 서버가 콜백 안에서 기다렸습니다(Date.now()를 보는 while 반복, Atomics.wait, execSync('sleep') 등). Node는 모든 클라이언트를 스레드 하나로 처리하므로, 기다리는 동안 아무도 처리되지 않습니다.",
      ),
      fix: text(
        "Don't wait; schedule: setTimeout(() => reply('DONE'), Number(arg)) and return. The loop serves everyone else meanwhile.",
        "기다리지 말고 예약하세요: setTimeout(() => reply('DONE'), Number(arg)) 후 return. 그동안 루프가 다른 클라이언트를 처리합니다.",
      ),
      section: 'never-block',
    });
  }
  if (!pong.ok || pong.line !== 'PONG') await wrongReply(ctx, server, 'PING', 'PONG', pong, HELP.old, PONG_WITHIN);

  const done = await readReply(a.peer, SLOW_MS + 3000);
  const took = Date.now() - slowSent;
  if (!done.ok || done.line !== 'DONE') {
    show(ctx, [a]);
    await wrongReply(ctx, server, `SLOW ${SLOW_MS}`, 'DONE', done, HELP.slow, SLOW_MS + 3000);
  }
  if (took < SLOW_MS - 100) {
    show(ctx, [a]);
    ctx.fail({
      reason: 'slow-too-early',
      summary: fill(text('"SLOW {slow}" answered DONE after only {ms} ms.', '"SLOW {slow}"이 {ms}ms 만에 DONE으로 답했습니다.'), { slow: SLOW_MS, ms: took }),
      expected: text(`DONE after ${SLOW_MS} ms`, `${SLOW_MS}ms 뒤에 DONE`),
      actual: text(`DONE after ${took} ms`, `${took}ms 뒤에 DONE`),
      cause: text('The wait is shorter than asked.', '요청보다 짧게 기다렸습니다.'),
      fix: text("setTimeout(() => reply('DONE'), Number(arg))", "setTimeout(() => reply('DONE'), Number(arg))"),
      section: 'never-block',
    });
  }
}

/** T5: a client resets its connection mid-command; the server lives on for the next one. */
async function resetDoesNotKill(ctx: ScenarioContext): Promise<void> {
  const server = await ctx.startServer();
  const a = await openClient(ctx, server, 'A');
  const first = await ask(a, 'PING');
  if (!first.ok || first.line !== 'PONG') await wrongReply(ctx, server, 'PING', 'PONG', first, HELP.old);
  await a.peer.send('ECHO half a comm'); // a command cut short…
  await sleep(100);
  a.peer.reset(); // …by an abrupt reset (RST), as a crashed client or a dropped network gives
  const exit = await server.program.waitExit(800);
  if (exit) {
    ctx.fail({
      reason: 'server-died-on-reset',
      summary: text('Your server exited when one client reset its connection.', '클라이언트 하나가 연결을 리셋하자 서버가 종료되었습니다.'),
      expected: text('the server keeps running and serves the next client', '서버가 계속 실행되며 다음 클라이언트를 처리'),
      actual: fill(text('the server {how}', '서버가 {how}'), { how: describeExit(exit) }),
      cause: text(
        "A reset arrives as an 'error' event (ECONNRESET) on that client's socket. With no 'error' listener Node throws it, and the process — every other client with it — goes down.",
        "리셋은 그 클라이언트 소켓의 'error' 이벤트(ECONNRESET)로 옵니다. 'error' 리스너가 없으면 Node가 예외를 던지고, 프로세스가 다른 모든 클라이언트와 함께 죽습니다.",
      ),
      fix: text("socket.on('error', (err) => console.log(err.code)); in the connection callback.", "연결 콜백 안에 socket.on('error', (err) => console.log(err.code));"),
      section: 'when-a-client-vanishes',
    });
  }
  const b = await openClient(ctx, server, 'B');
  const pong = await ask(b, 'PING');
  if (pong.ok && pong.line !== 'PONG' && pong.line.includes('half a comm')) {
    show(ctx, [a, b]);
    ctx.fail({
      reason: 'buffer-shared',
      summary: text("Client B's PING was answered with the rest of client A's unfinished line.", '클라이언트 B의 PING에 클라이언트 A가 끝내지 못한 줄의 나머지가 섞인 답이 왔습니다.'),
      expected: quoted('PONG\n'),
      actual: quoted(`${pong.line}\n`),
      cause: text(
        "Client A left \"ECHO half a comm\" without a '\\n' and vanished. Its bytes stayed in a line buffer that every connection shares (module scope), and B's PING was glued to them.",
        "클라이언트 A가 '\\n' 없이 \"ECHO half a comm\"을 남기고 사라졌습니다. 그 바이트가 모든 연결이 함께 쓰는 줄 버퍼(모듈 스코프)에 남았고, B의 PING이 거기에 붙었습니다.",
      ),
      fix: text("Declare the line buffer (`let pending = ''`) inside the connection callback: it then disappears with its connection.", "줄 버퍼(`let pending = ''`)를 연결 콜백 안에 선언하세요. 그러면 버퍼도 연결과 함께 사라집니다."),
      section: 'per-connection-state',
    });
  }
  if (!pong.ok || pong.line !== 'PONG') await wrongReply(ctx, server, 'PING', 'PONG', pong, HELP.old);
  await expectCount(ctx, server, b, 1, text('Client A was reset; only B is connected.', '클라이언트 A는 리셋되었고 B만 접속해 있습니다.'), [b, a]);
}

/** Asks COUNT until it is `want` (a close takes a moment to reach the server), at most 4 times. */
async function expectCount(ctx: ScenarioContext, server: StartedServer, c: Client, want: number, situation: Text, showClients: Client[], resets = 1): Promise<void> {
  let got: Got | undefined;
  for (let i = 0; i < 4; i++) {
    if (i > 0) await sleep(500);
    got = await ask(c, 'COUNT');
    if (!got.ok || !/^\d+$/.test(got.line)) break;
    if (got.line === String(want)) return;
  }
  show(ctx, showClients);
  if (got!.ok && /^\d+$/.test(got!.line) && Number(got!.line) > want) {
    const n = Number(got!.line);
    ctx.fail({
      reason: 'count-too-high',
      summary: fill(
        text('COUNT answered {n}, but only {want} connection(s) were still open (asked 4 times over 2 s).', '열린 연결은 {want}개뿐인데 COUNT의 답은 {n}입니다(2초 동안 4번 물음).'),
        { n, want },
      ),
      expected: quoted(`${want}\n`),
      actual: quoted(`${n}\n`),
      cause:
        n - want === resets
          ? fill(
              text(
                "The {r} extra are exactly the clients that were reset. A reset gives the server's socket an 'error' and a 'close', but no 'end': you forget connections on 'end' only.",
                "남는 {r}개는 정확히 리셋된 클라이언트 수입니다. 리셋은 서버 소켓에 'error'와 'close'를 일으키지만 'end'는 일으키지 않습니다. 연결을 'end'에서만 지우고 있습니다.",
              ),
              { r: resets },
            )
          : text("Connections that ended are still counted: something misses the way they ended (reset, FIN, QUIT).", '끝난 연결이 아직 세어지고 있습니다. 끝나는 방식(리셋, FIN, QUIT) 중 하나를 놓치고 있습니다.'),
      fix: text("Remove the socket in socket.on('close', …): 'close' comes once, however the connection ended.", "socket.on('close', …)에서 소켓을 지우세요. 'close'는 연결이 어떻게 끝났든 한 번 옵니다."),
      section: 'when-a-client-vanishes',
    });
  }
  ctx.note(situation);
  await wrongReply(ctx, server, 'COUNT', String(want), got!, HELP.count);
}

/** T6: 25 clients; 10 reset, 10 close with FIN; COUNT must follow. */
async function countAfterDisconnects(ctx: ScenarioContext): Promise<void> {
  const server = await ctx.startServer();
  const observer = await openClient(ctx, server, 'O');
  const resetters = await openClients(ctx, server, range(10, 'r'));
  const finishers = await openClients(ctx, server, range(10, 'q'));
  const stayers = await openClients(ctx, server, range(4, 's'));
  const others = [...resetters, ...finishers, ...stayers];
  // A PING round trip makes sure the server has accepted each of them before we count.
  const pongs = await Promise.all(others.map((c) => ask(c, 'PING')));
  for (const [i, g] of pongs.entries()) {
    if (!g.ok || g.line !== 'PONG') {
      show(ctx, [others[i]!]);
      await wrongReply(ctx, server, 'PING', 'PONG', g, HELP.old);
    }
  }
  const before = await ask(observer, 'COUNT');
  if (!before.ok || before.line !== '25') {
    show(ctx, [observer], text('25 clients were connected when O asked.', 'O가 물었을 때 25개 클라이언트가 접속해 있었습니다.'));
    await wrongReply(ctx, server, 'COUNT', '25', before, HELP.count);
  }
  for (const c of resetters) c.peer.reset();
  for (const c of finishers) c.peer.halfClose();
  await Promise.all(finishers.map((c) => c.peer.waitClosed(2000)));
  await failIfServerDied(ctx, server, 500);
  await expectCount(
    ctx,
    server,
    observer,
    5,
    text('10 clients reset (RST), 10 closed (FIN); O and 4 others are connected.', '10개는 리셋(RST), 10개는 정상 종료(FIN)했고, O와 다른 4개가 접속해 있습니다.'),
    [observer, resetters[0]!],
    10,
  );
}

// ── Generated histories: the model against a fresh server ─────────────────────────────────────

const GEN_REPLY_MS = 2000;

/** Reply lines as the report shows them, each quoted with its '\n'. */
function replyLines(list: string[], max = 6): string {
  const shown = list.slice(0, max).map((l) => quoted(`${l}\n`, 80));
  return list.length > max ? `${shown.join(', ')}, … (${list.length} lines)` : shown.join(', ');
}

/** A history in words, for the report: `A: "INCR\n" · A: RST · B: "INCR\n"`. */
function describeHistory(h: History): Text {
  const plan = planOf(h);
  const parts = plan.actions.map((a) => {
    const n = connName(a.conn);
    if (a.kind === 'open') return `${n} connects`;
    if (a.kind === 'close' && a.how !== 'quit') return `${n}: ${a.how.toUpperCase()}`;
    return `${n}: ${quoted(Buffer.concat(a.pieces), 60)}${a.pieces.length > 1 ? ` (${a.pieces.length} writes)` : ''}`;
  });
  const shown = parts.length > 14 ? [...parts.slice(0, 14), `… (${parts.length} steps)`] : parts;
  return fill(text('{steps}', '{steps}'), { steps: shown.join(' · ') });
}

/** What a wrong reply to `e` means, in the lesson's own reasons. */
function historyMismatch(e: Expected, got: string, client: string, probe?: { p: string; q: string }): Mismatch {
  const sent = quoted(`${e.sent}${e.crlf ? '\r\n' : '\n'}`);
  const base = {
    summary: fill(
      text('Client {c} sent {sent} in a generated history (below) and got {got}; the model says {want}.', '만들어 낸 기록(아래)에서 {c} 클라이언트가 {sent}을(를) 보냈는데 {got}이(가) 왔습니다. 모델의 답은 {want}입니다.'),
      { c: client, sent, got: quoted(`${got}\n`), want: quoted(`${e.reply}\n`) },
    ),
    expected: quoted(`${e.reply}\n`),
    actual: quoted(`${got}\n`),
  };
  const help = (h: CommandHelp): Mismatch => ({ ...base, reason: h.reason, cause: h.cause, fix: h.fix, section: h.section });
  const garbled = got.startsWith('ERR unknown command ') && got !== `ERR unknown command ${e.word}`;
  if (e.crKept.includes(got) || (e.crlf && e.word === 'SLOW' && got.startsWith('ERR') && !garbled)) {
    return {
      ...base,
      reason: 'crlf-not-stripped',
      cause: text(
        "A line that ended in \"\\r\\n\" kept its '\\r': in the command word, or in the argument (a NICK name, ECHO's text, LEN's count, SLOW's number). The '\\r' before the '\\n' is not part of the line.",
        "\"\\r\\n\"으로 끝난 줄에 '\\r'이 남았습니다. 명령 단어에 남았거나, 인자(NICK의 이름, ECHO의 텍스트, LEN이 세는 글자, SLOW의 숫자)에 남았습니다. '\\n' 앞의 '\\r'은 줄의 일부가 아닙니다.",
      ),
      fix: text(
        "Strip one '\\r' from the whole line before you split it into command and argument: line = line.replace(/\\r$/, '').",
        "줄을 명령과 인자로 나누기 전에, 줄 전체에서 '\\r' 하나를 지우세요: line = line.replace(/\\r$/, '').",
      ),
      section: 'the-protocol',
    };
  }
  if (got === `${e.reply}\r`) {
    return {
      ...base,
      reason: 'lesson-04-command-wrong',
      cause: text("The reply ends in \"\\r\\n\". The protocol's replies are lines ending in '\\n' alone, as in lesson 04.", "답이 \"\\r\\n\"으로 끝납니다. 프로토콜의 답은 레슨 04처럼 '\\n' 하나로 끝나는 줄입니다."),
      fix: text('Write `${line}\\n`.', '`${line}\\n`으로 쓰세요.'),
      section: 'the-protocol',
    };
  }
  if (e.mixed && (garbled || !['INCR', 'COUNT', 'WHOAMI'].includes(e.word))) {
    return {
      ...base,
      reason: 'buffer-shared',
      cause: text(
        "This line reached the server while another client's line was unfinished, and came out garbled: the buffer that collects a partial line is shared by every connection (module scope), so bytes of different clients are glued into one line.",
        '이 줄은 다른 클라이언트의 줄이 덜 끝난 동안 서버에 닿았고, 망가진 채 처리되었습니다. 덜 끝난 줄을 모으는 버퍼를 모든 연결이 함께 써서(모듈 스코프) 여러 클라이언트의 바이트가 한 줄로 붙었습니다.',
      ),
      fix: text("Declare the line buffer (`let pending = ''`) inside the connection callback: one buffer per client.", "줄 버퍼(`let pending = ''`)를 연결 콜백 안에 선언하세요. 클라이언트마다 버퍼가 하나씩 생깁니다."),
      section: 'per-connection-state',
    };
  }
  if (e.cut && (garbled || !['INCR', 'COUNT', 'WHOAMI', 'NICK', 'SLOW'].includes(e.word))) {
    return {
      ...base,
      reason: 'lesson-04-command-wrong',
      cause: text(
        "This line reached the server in pieces (more than one 'data' event), and the reply answers only part of it: the bytes after a chunk's last '\\n' are the start of the next line, not something to drop.",
        "이 줄은 여러 조각('data' 이벤트 여러 번)으로 서버에 닿았는데, 답은 그 일부에만 답했습니다. 청크의 마지막 '\\n' 뒤에 남은 바이트는 버릴 것이 아니라 다음 줄의 시작입니다.",
      ),
      fix: text("Keep the unfinished rest in a per-connection buffer and add the next chunk to it, as in lesson 04: pending += chunk; split; pending = the last piece.", "레슨 04처럼 덜 끝난 나머지를 연결별 버퍼에 두고 다음 청크를 이어 붙이세요: pending += chunk; 나누기; pending = 마지막 조각."),
      section: 'the-protocol',
    };
  }
  const unknown = got === `ERR unknown command ${e.word}`;
  switch (e.word) {
    case 'INCR': {
      if (unknown || !/^\d+$/.test(got) || !e.incr) return help(HELP.incr);
      const n = Number(got);
      const { own, sinceEmpty } = e.incr;
      const perConnection = n === own && (own !== sinceEmpty || (probe !== undefined && probe.p === '1' && probe.q === '1'));
      const restarted = n === sinceEmpty && (own !== sinceEmpty || (probe !== undefined && /^\d+$/.test(probe.p) && Number(probe.q) === Number(probe.p) + 1));
      if (perConnection) {
        return {
          ...base,
          reason: 'counter-not-shared',
          cause: fill(
            text(
              "{c} got {n}, the number of INCRs it sent itself: each connection counts on its own. The counter is declared inside the connection callback.",
              '{c}이(가) 받은 {n}은 자기가 보낸 INCR 수입니다. 연결마다 따로 셉니다. 카운터를 연결 콜백 안에 선언했습니다.',
            ),
            { c: client, n },
          ),
          fix: text('Move `let counter = 0` to module level, outside net.createServer(…).', '`let counter = 0`을 net.createServer(…) 밖, 모듈 최상위로 옮기세요.'),
          section: 'per-connection-state',
        };
      }
      if (restarted) {
        return {
          ...base,
          reason: 'counter-restarted',
          cause: fill(
            text(
              'Every client had left earlier in this history, and the counter started again from 1: {n} counts only the INCRs since then. The counter belongs to the server for its whole life, not to the clients connected now.',
              '이 기록의 앞부분에서 클라이언트가 모두 나갔고, 카운터가 1부터 다시 시작했습니다. {n}은 그 뒤의 INCR만 센 값입니다. 카운터는 지금 접속한 클라이언트가 아니라 서버의 것이고, 서버가 살아 있는 동안 이어집니다.',
            ),
            { n },
          ),
          fix: text(
            "Never reset the counter: no `counter = 0` when the last client leaves (in 'close', or when the Set becomes empty), and no counter kept in an object that is rebuilt then.",
            "카운터를 다시 0으로 만들지 마세요. 마지막 클라이언트가 나갈 때('close'에서, 또는 Set이 비었을 때) `counter = 0`을 하지 말고, 그때 새로 만드는 객체에 카운터를 두지도 마세요.",
          ),
          section: 'per-connection-state',
        };
      }
      return help(HELP.incr);
    }
    case 'WHOAMI':
      if (!unknown && e.whoami?.disturbed) {
        return {
          ...base,
          reason: 'nick-shared',
          cause: fill(
            text(
              "Another client's NICK, or another client leaving, changed {c}'s name. A name belongs to one connection: not to the server (one module-level `nick`), not to the client's address (every local client is 127.0.0.1).",
              '다른 클라이언트의 NICK이나 다른 클라이언트가 나간 일이 {c}의 이름을 바꿨습니다. 이름은 연결 하나의 것입니다. 서버 전체의 것(모듈 최상위 `nick` 하나)도, 클라이언트 주소의 것(로컬 클라이언트는 모두 127.0.0.1)도 아닙니다.',
            ),
            { c: client },
          ),
          fix: text('Declare `let nick` inside the connection callback, next to the line buffer.', '`let nick`을 연결 콜백 안, 줄 버퍼 옆에 선언하세요.'),
          section: 'per-connection-state',
        };
      }
      return help(HELP.whoami);
    case 'COUNT':
      if (!unknown && /^\d+$/.test(got) && Number(got) > Number(e.reply)) {
        const extra = Number(got) - Number(e.reply);
        return {
          ...base,
          reason: 'count-too-high',
          summary: fill(
            text('COUNT answered {n} to client {c}, but only {want} connection(s) were open, in a generated history (below; asked again for 1 s).', '만들어 낸 기록(아래)에서 열린 연결은 {want}개뿐인데 {c} 클라이언트의 COUNT에 {n}이 왔습니다(1초 동안 다시 물음).'),
            { n: got, c: client, want: e.reply },
          ),
          cause:
            e.count && extra <= e.count.resets
              ? text(
                  "Connections that left are still counted. A reset (RST) gives the server's socket an 'error' and a 'close', but no 'end': forgetting connections on 'end' keeps every reset one.",
                  "나간 연결이 아직 세어지고 있습니다. 리셋(RST)은 서버 소켓에 'error'와 'close'를 일으키지만 'end'는 일으키지 않습니다. 'end'에서 연결을 지우면 리셋된 연결은 모두 남습니다.",
                )
              : text('Connections that ended are still counted: something misses the way they ended (reset, FIN, QUIT).', '끝난 연결이 아직 세어지고 있습니다. 끝나는 방식(리셋, FIN, QUIT) 중 하나를 놓치고 있습니다.'),
          fix: text("Remove the socket in socket.on('close', …): 'close' comes once, however the connection ended.", "socket.on('close', …)에서 소켓을 지우세요. 'close'는 연결이 어떻게 끝났든 한 번 옵니다."),
          section: 'when-a-client-vanishes',
        };
      }
      return help(HELP.count);
    case 'NICK':
      return help(HELP.nick);
    case 'SLOW':
      return help(HELP.slow);
    default:
      return help(HELP.old);
  }
}

/** Bytes the protocol does not account for: a reply to nothing, or to a line never finished. */
function extraBytes(client: string, bytes: Buffer, after: Text): Mismatch {
  return {
    reason: 'lesson-04-command-wrong',
    summary: fill(text('Client {c} received bytes no line asked for, {after}, in a generated history (below).', '만들어 낸 기록(아래)에서 {c} 클라이언트가 어느 줄도 요청하지 않은 바이트를 받았습니다({after}).'), { c: client, after }),
    expected: text('nothing more', '더 받을 것 없음'),
    actual: quoted(bytes, 80),
    cause: text(
      "Every line gets exactly one reply line, and bytes that never got their '\\n' are not a line: they get no reply, even when the client closes.",
      "줄마다 답은 정확히 한 줄이고, '\\n'을 받지 못한 바이트는 줄이 아니므로 클라이언트가 닫아도 답하지 않습니다.",
    ),
    fix: HELP.old.fix,
    section: 'the-protocol',
  };
}

/**
 * One history against a fresh server: each step on its connection, the replies read in order
 * and held to the model. A COUNT right after a connect or a close may race the server's
 * 'connection'/'close' event, so a wrong COUNT then is asked again for 1 s before it counts.
 */
async function runHistory(ctx: ScenarioContext, h: History, transcript: (l: Text, r: Text) => Transcript, searchUntil: number): Promise<Mismatch | undefined> {
  const plan: Plan = planOf(h);
  if (plan.actions.length === 0) return undefined;
  // The report's replay records into the scenario's transcripts; the search into scratch ones.
  const before = ctx.transcripts.length;
  const first = transcript(who.client(connName(0)), who.server);
  const replay = ctx.transcripts.length > before;
  // Past the search's budget every further case (a shrinking step, say) counts as passing, so
  // the search ends by itself instead of being cut off while a case still runs.
  if (!replay && Date.now() > searchUntil) return undefined;
  // The servers of earlier cases, stopped by the checker, would only bury this one's output.
  for (let i = ctx.programs.length - 1; i >= 0; i--) if (ctx.programs[i]!.done && ctx.programs[i]!.stopReason === 'killed') ctx.programs.splice(i, 1);
  const server = await ctx.startServer();
  const peers = new Map<number, PeerSocket>();
  let changed = false;
  let resets = 0;
  const died = async (): Promise<Mismatch | undefined> => {
    const exit = server.program.exitInfo ?? (await server.program.waitExit(300));
    if (!exit || exit.stoppedFor === 'killed') return undefined;
    if (resets > 0 && !/EADDRINUSE/.test(server.program.stderr())) {
      return {
        reason: 'server-died-on-reset',
        summary: text('Your server exited after a client reset its connection, in a generated history (below).', '만들어 낸 기록(아래)에서 클라이언트 하나가 연결을 리셋한 뒤 서버가 종료되었습니다.'),
        expected: text('the server keeps running', '서버가 계속 실행됨'),
        actual: fill(text('the server {how}', '서버가 {how}'), { how: describeExit(exit) }),
        cause: text("With no 'error' listener on a socket, Node throws its ECONNRESET and the process goes down.", "소켓에 'error' 리스너가 없으면 Node가 ECONNRESET을 던지고 프로세스가 죽습니다."),
        fix: text("socket.on('error', (err) => console.log(err.code)); in the connection callback.", "연결 콜백 안에 socket.on('error', (err) => console.log(err.code));"),
        section: 'when-a-client-vanishes',
      };
    }
    return programFailure('server.ts', exit, server.program, 'during-exchange');
  };
  /** Two more clients, both connected, each send INCR: is the counter shared while they are? */
  const probe = async (): Promise<{ p: string; q: string }> => {
    const [p, q] = await Promise.all(['P', 'Q'].map((n) => ctx.connect(server.port, transcript(who.client(`${n} (probe)`), who.server))));
    try {
      await p!.send('INCR\n');
      const rp = await p!.readLine(GEN_REPLY_MS);
      await q!.send('INCR\n');
      const rq = await q!.readLine(GEN_REPLY_MS);
      return { p: rp.ok ? rp.value.toString('utf8') : '', q: rq.ok ? rq.value.toString('utf8') : '' };
    } finally {
      p!.destroy();
      q!.destroy();
    }
  };
  const noReply = async (client: string, e: Expected, r: Extract<ReadOutcome<Buffer>, { ok: false }>, want: string[], got: string[]): Promise<Mismatch> =>
    (await died()) ?? {
      reason: r.reason === 'closed' ? 'closed-instead-of-reply' : 'no-reply',
      summary: fill(
        text('Client {c} sent {sent} in a generated history (below) and got {what}.', '만들어 낸 기록(아래)에서 {c} 클라이언트가 {sent}을(를) 보냈는데 {what}.'),
        {
          c: client,
          sent: quoted(`${e.sent}${e.crlf ? '\r\n' : '\n'}`),
          what: r.reason === 'closed' ? text('the connection closed instead of a reply', '답 대신 연결이 끊겼습니다') : text(`no reply within ${GEN_REPLY_MS} ms`, `${GEN_REPLY_MS}ms 동안 답이 없었습니다`),
        },
      ),
      expected: replyLines(want),
      actual: got.length + r.partial.length > 0 ? replyLines([...got, r.partial.toString('utf8')]) : text('nothing', '없음'),
      cause:
        r.reason === 'closed'
          ? text('Only QUIT closes a connection. Look for end() or destroy() calls, and for server.maxConnections.', '연결을 닫는 것은 QUIT뿐입니다. end()나 destroy() 호출, server.maxConnections 설정을 찾아보세요.')
          : text('The server is running but never answered this line: a command with no answer on some path, or a line that was never framed.', '서버는 실행 중인데 이 줄에 답하지 않았습니다. 답을 쓰지 않는 경로가 있거나, 줄을 끝까지 나누지 못했습니다.'),
      section: 'the-protocol',
    };

  try {
    for (const a of plan.actions) {
      const client = connName(a.conn);
      if (a.kind === 'open') {
        const dead = server.program.exitInfo ? await died() : undefined;
        if (dead) return dead;
        peers.set(a.conn, await ctx.connect(server.port, a.conn === 0 ? first : transcript(who.client(client), who.server)));
        changed = true;
        continue;
      }
      const peer = peers.get(a.conn)!;
      if (a.kind === 'close' && a.how === 'rst') {
        peer.reset();
        peers.delete(a.conn);
        resets += 1;
        changed = true;
        await sleep(20); // let the server see it before the next step
        continue;
      }
      if (a.kind === 'close' && a.how === 'fin') {
        peer.halfClose();
        const rest = await peer.readToClose(1000);
        peer.destroy();
        peers.delete(a.conn);
        changed = true;
        if (rest.bytes.length > 0) return extraBytes(client, rest.bytes, text('after it closed its side (FIN)', '자기 쪽을 닫은(FIN) 뒤'));
        continue;
      }
      await peer.sendPieces(a.pieces, 5);
      const want = a.expect.map((e) => e.reply);
      const got: string[] = [];
      let recheck: { e: Expected; got: string } | undefined;
      for (const e of a.expect) {
        const r = await peer.readLine(GEN_REPLY_MS);
        if (!r.ok) return await noReply(client, e, r, want, got);
        const line = r.value.toString('utf8');
        got.push(line);
        if (line === e.reply) {
          if (e.count) changed = false;
          continue;
        }
        if (e.count && changed && !recheck) {
          recheck = { e, got: line };
          continue;
        }
        const ambiguous = e.incr && line === String(e.incr.own) && e.incr.own === e.incr.sinceEmpty;
        return historyMismatch(e, line, client, ambiguous ? await probe() : undefined);
      }
      if (recheck) {
        for (let i = 0; i < 10 && recheck.got !== recheck.e.reply; i++) {
          await sleep(100);
          await peer.send('COUNT\n');
          const r = await peer.readLine(GEN_REPLY_MS);
          if (!r.ok) return await noReply(client, recheck.e, r, [recheck.e.reply], []);
          recheck.got = r.value.toString('utf8');
        }
        if (recheck.got !== recheck.e.reply) return historyMismatch(recheck.e, recheck.got, client);
        changed = false;
      }
      if (a.kind === 'close') {
        // QUIT: BYE, then the server closes; the checker closes its side too.
        const rest = await peer.readToClose(1500);
        peer.destroy();
        peers.delete(a.conn);
        changed = true;
        if (rest.bytes.length > 0) return extraBytes(client, rest.bytes, text('after BYE', 'BYE 뒤에'));
        if (rest.how === 'timeout') {
          return {
            reason: 'quit-does-not-close',
            summary: fill(text('After BYE, client {c}\'s connection stayed open, in a generated history (below).', '만들어 낸 기록(아래)에서 BYE 뒤에도 {c} 클라이언트의 연결이 열려 있었습니다.'), { c: client }),
            expected: text('"BYE\\n", then FIN', '"BYE\\n" 다음 FIN'),
            actual: text('"BYE\\n", and the connection open for 1.5 s', '"BYE\\n", 그리고 1.5초 동안 열려 있는 연결'),
            cause: text('QUIT ends the conversation: the server says BYE and closes its side.', 'QUIT은 대화를 끝냅니다. 서버가 BYE라고 답하고 자기 쪽을 닫습니다.'),
            fix: text("socket.end('BYE\\n')", "socket.end('BYE\\n')"),
            section: 'the-protocol',
          };
        }
      } else if (peer.unread().length > 0) {
        return extraBytes(client, peer.unread(), fill(text('after the replies to its {n} line(s)', '자기 줄 {n}개의 답 뒤에'), { n: a.expect.length }));
      }
    }
    await sleep(30);
    for (const [id, peer] of peers) {
      if (peer.unread().length > 0) return extraBytes(connName(id), peer.unread(), text('at the end of the history', '기록이 끝날 때'));
    }
    return undefined;
  } catch (err) {
    const dead = await died();
    if (dead) return dead;
    throw err;
  } finally {
    for (const p of peers.values()) p.destroy();
    await server.program.kill();
  }
}

export default defineScenarios([
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
    id: 'generated-histories',
    title: text(
      'generated histories: clients connect, talk in pieces and leave (QUIT, FIN, RST) until nobody is left, then others come; every reply held to the model',
      '만들어 낸 기록: 클라이언트들이 접속해 조각내어 말하고 (QUIT, FIN, RST로) 모두 나간 뒤 다른 클라이언트가 옴. 모든 답을 모델과 비교',
    ),
    limitMs: 30000,
    async run(ctx: ScenarioContext) {
      const searchUntil = Date.now() + 11_000;
      await checkGenerated(ctx, {
        cases: histories,
        run: (h, transcript) => runHistory(ctx, h, transcript, searchUntil),
        describe: describeHistory,
        runs: 12,
        ms: 24_000, // a safety net only: the search stops itself after 11 s (see runHistory)
      });
    },
  },
]);

