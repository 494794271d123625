/**
 * Lesson 11 — hidden checks for the chat server.
 *
 * The protocol (README "the-protocol"): lines of UTF-8, '\n' ends a line (one '\r' before it is
 * dropped), at most 1024 bytes before it. NICK <name> (1–16 of [A-Za-z0-9_가-힣]) → OK <name>,
 * the others JOIN <name>; MSG <text> → every other registered client MSG <name> <text>; WHO;
 * PING; QUIT → BYE and a close. Any close (QUIT, FIN, RST, idle, a line too long, a drop) → the
 * others LEAVE <name>, once. A client whose unsent output passes 64 KiB is dropped.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { checkGenerated, defineChecks, quoted, text, type PeerSocket, type StartedServer } from '../../../src/checks/kit.ts';
import { findPython } from '../../../src/checks/interop.ts';
import { mistakes, type Ctx } from './mistakes.ts';
import { chatCases, chatExamples, MAX_LINE, QUEUE_BYTES, type Step } from './model.ts';
import { clientLabel, describeSteps, endStdin, facts, LINE_MS, Room, server as serverLabel, untilRoomEmpty } from './steps.ts';

const INTEROP = path.join(path.dirname(fileURLToPath(import.meta.url)), 'interop');

const line = (who: number, l: string | Buffer, cuts: number[] = []): Step => ({ who, send: Buffer.concat([Buffer.from(l), Buffer.from('\n')]), cuts });
const close = (who: number, how: 'fin' | 'rst'): Step => ({ who, close: how });

async function play(ctx: Ctx, steps: Step[], env?: Record<string, string>): Promise<{ room: Room; started: StartedServer }> {
  const started = await ctx.startServer({ env });
  const room = new Room(ctx, started.port, (l, r) => ctx.transcript(l, r));
  const m = await room.play(steps);
  if (m) ctx.fail(m as Parameters<Ctx['fail']>[0]);
  return { room, started };
}

/** The byte offset just after the first byte of `ch` in `s`: a cut inside that character. */
function inside(s: string, ch: string, from = 0): number {
  return Buffer.byteLength(s.slice(0, s.indexOf(ch, from))) + 1;
}

// ---------------------------------------------------------------------------------------------
// The twenty-client room

const CROWD = 20;
const PER_CLIENT = 20;
const crowdNick = (i: number) => (i % 2 === 0 ? `user_${String(i).padStart(2, '0')}` : `사용자${String(i).padStart(2, '0')}`);
// Lengths vary from one message to the next (the tail of dots): a server whose handling time
// depends on the text (an async filter) lets one overtake the one before, even within one read.
const crowdText = (i: number, k: number) => `${k}:${i} 안녕하세요 😀 e\u0301 #${k}${'.'.repeat((k * 3 + i) % 7)}`;

async function twentyClients(ctx: Ctx): Promise<void> {
  const { port } = await ctx.startServer();
  const first = ctx.transcript(clientLabel(0), serverLabel);
  const second = ctx.transcript(clientLabel(1), serverLabel);
  const crowd = ctx.transcript(text(`clients C–T (checker, ${CROWD - 2} connections)`, `클라이언트 C–T (검사기, 연결 ${CROWD - 2}개)`), serverLabel);
  const peers: PeerSocket[] = [];
  for (let i = 0; i < CROWD; i++) peers.push(await ctx.connect(port, i === 0 ? first : i === 1 ? second : crowd));
  const room = new Room(ctx, port, () => crowd);
  // Joins one after another: each client is told of every later one, in order.
  for (let i = 0; i < CROWD; i++) {
    await peers[i]!.send(`NICK ${crowdNick(i)}\n`);
    const r = await peers[i]!.readLine(LINE_MS);
    const got = r.ok ? r.value.toString('utf8') : undefined;
    if (got !== `OK ${crowdNick(i)}`) ctx.fail(got === undefined ? 'no-reply' : 'wrong-reply', facts({ who: clientLabel(i), exp: `OK ${crowdNick(i)}`, got }));
  }
  for (let i = 0; i < CROWD; i++) {
    for (let j = i + 1; j < CROWD; j++) {
      const r = await peers[i]!.readLine(LINE_MS);
      const got = r.ok ? r.value.toString('utf8') : undefined;
      if (got !== `JOIN ${crowdNick(j)}`) ctx.fail(got === undefined ? 'no-join' : 'wrong-reply', facts({ who: clientLabel(i), exp: `JOIN ${crowdNick(j)}`, got, nick: crowdNick(j) }));
    }
  }
  void room;
  // Everyone talks at once: 20 lines each, in a few writes cut inside Hangul and emoji.
  const total = (CROWD - 1) * PER_CLIENT;
  await Promise.all(
    peers.map((p, i) => {
      const all = Array.from({ length: PER_CLIENT }, (_, k) => `MSG ${crowdText(i, k)}\n`).join('');
      const cuts = [inside(all, '녕'), inside(all, '😀', all.length / 2), inside(all, '세', (all.length * 3) / 4)].sort((a, b) => a - b);
      return p.sendSplitAt(all, cuts, 1);
    }),
  );
  // Everything first, then the verdict: a garbled line explains a gap or a reordering seen on
  // another client, so it is looked for everywhere before the order is judged.
  const deadline = Date.now() + 6000;
  const arrived = await Promise.all(
    peers.map(async (p) => {
      const lines: string[] = [];
      while (lines.length < total) {
        const r = await p.readLine(Math.max(50, deadline - Date.now()));
        if (!r.ok) break;
        lines.push(r.value.toString('utf8'));
      }
      return lines;
    }),
  );
  const parsed = arrived.map((lines, i) =>
    lines.map((got) => {
      const m = /^MSG (\S+) (\d+):(\d+) (.*)$/su.exec(got);
      const sender = m ? Number(m[3]) : -1;
      const k = m ? Number(m[2]) : -1;
      if (m && m[1] === crowdNick(i)) ctx.fail('echoed-to-sender', facts({ who: clientLabel(i), got }));
      return { got, sender, k, whole: m !== null && m[1] === crowdNick(sender) && sender !== i && got === `MSG ${crowdNick(sender)} ${crowdText(sender, k)}` };
    }),
  );
  parsed.forEach((lines, i) => {
    const bad = lines.find((l) => !l.whole);
    if (!bad) return;
    const { got, sender, k } = bad;
    ctx.fail(got.includes('\uFFFD') ? 'text-corrupted' : 'message-garbled', facts({ who: clientLabel(i), got, exp: sender >= 0 && sender < CROWD ? `MSG ${crowdNick(sender)} ${crowdText(sender, k)}` : undefined }));
  });
  parsed.forEach((lines, i) => {
    const last = new Map<number, { k: number; got: string }>(); // sender → the last one that came
    for (const { got, sender, k } of lines) {
      const before = last.get(sender);
      if (before && k <= before.k) ctx.fail('order-broken', facts({ who: clientLabel(i), nick: crowdNick(sender), got: before.got, exp: got }));
      last.set(sender, { k, got });
    }
  });
  parsed.forEach((lines, i) => {
    for (let j = 0; j < CROWD; j++) {
      if (j === i) continue;
      const have = lines.filter((l) => l.sender === j).map((l) => l.k);
      if (have.length === PER_CLIENT) continue;
      const missing = Array.from({ length: PER_CLIENT }, (_, k) => k).find((k) => !have.includes(k))!;
      ctx.fail('message-lost', facts({ who: clientLabel(i), exp: `MSG ${crowdNick(j)} ${crowdText(j, missing)}`, got: text(`${have.length} of ${PER_CLIENT} messages of ${crowdNick(j)}`, `${crowdNick(j)}의 메시지 ${PER_CLIENT}개 중 ${have.length}개`) }));
    }
  });
  // Everyone but client A leaves at once, a third each by QUIT, FIN and RST.
  const how = (i: number) => (i % 3 === 0 ? 'quit' : i % 3 === 1 ? 'fin' : 'rst');
  for (let i = 1; i < CROWD; i++) {
    if (how(i) === 'quit') void peers[i]!.send('QUIT\n');
    else if (how(i) === 'fin') peers[i]!.halfClose();
    else peers[i]!.reset();
  }
  const want = new Set(Array.from({ length: CROWD - 1 }, (_, i) => `LEAVE ${crowdNick(i + 1)}`));
  const got = new Set<string>();
  const until = Date.now() + 3000;
  while (got.size < want.size) {
    const r = await peers[0]!.readLine(Math.max(50, until - Date.now()));
    if (!r.ok) break;
    const l = r.value.toString('utf8');
    if (got.has(l)) ctx.fail('leave-twice', facts({ who: clientLabel(0), got: l }));
    if (!want.has(l)) ctx.fail('wrong-reply', facts({ who: clientLabel(0), got: l, exp: text('LEAVE <name> for each of the 19 others', '나머지 19명 각각의 LEAVE <이름>') }));
    got.add(l);
  }
  const missed = [...want].filter((l) => !got.has(l));
  if (missed.length > 0) {
    const i = Number(/\d+$/.exec(missed[0]!)![0]);
    const reason = how(i) === 'quit' ? 'no-leave-on-quit' : how(i) === 'fin' ? 'no-leave-on-fin' : 'no-leave-on-rst';
    ctx.fail(reason, facts({ who: clientLabel(0), exp: missed[0]!, nick: crowdNick(i), got: text(`${got.size} of ${want.size} LEAVE lines`, `LEAVE ${want.size}줄 중 ${got.size}줄`) }));
  }
  await peers[0]!.send('WHO\n');
  const r = await peers[0]!.readLine(LINE_MS);
  const who = r.ok ? r.value.toString('utf8') : undefined;
  if (who !== `WHO ${crowdNick(0)}`) {
    if (who?.startsWith('LEAVE ')) ctx.fail('leave-twice', facts({ who: clientLabel(0), got: who }));
    ctx.fail(who === undefined ? 'no-reply' : 'wrong-who', facts({ who: clientLabel(0), exp: `WHO ${crowdNick(0)}`, got: who }));
  }
}

// ---------------------------------------------------------------------------------------------
// The reader that stops reading

/** More than twice what Linux loopback buffers hold for a reader that stopped (about 4 MB). */
const SLOW_MB = 8;
const BIG_TEXT = '가나다라마바사아자차카타파하'.repeat(23); // 966 bytes of Hangul
const MEMORY_LIMIT_MIB = 48;
const SLOW_MS = 9000;
/** Lines the sender may be ahead of the readers (about 640 KB). */
const WINDOW = 640;

async function slowReader(ctx: Ctx): Promise<void> {
  const started = await ctx.startServer();
  const names = ['slow', 'sender', 'reader1', 'reader2'];
  const room = new Room(ctx, started.port, (l, r) => ctx.transcript(l, r));
  const m = await room.play(names.map((n, i) => line(i, `NICK ${n}`)));
  if (m) ctx.fail(m as Parameters<Ctx['fail']>[0]);
  const [slow, sender, r1, r2] = [0, 1, 2, 3].map((i) => room.peers.get(i)!);
  slow!.pauseReading();
  slow!.transcript.note(text('stops reading from here on', '여기서부터 읽지 않음'));
  for (const p of [sender!, r1!, r2!]) {
    p.transcript.note(text(`${SLOW_MB} MB of MSG lines follow (not drawn)`, `${SLOW_MB}MB의 MSG 줄이 이어짐(그림 생략)`));
    p.transcript.freeze();
  }
  const count = Math.ceil((SLOW_MB * 1_000_000) / (BIG_TEXT.length * 3 + 12));
  const baseline = (await started.program.memory()) ?? 0;
  let peak = baseline;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peak = Math.max(peak, (await started.program.memory()) ?? 0);
      await sleep(100);
    }
  })();
  const t0 = Date.now();
  // The sender keeps at most WINDOW lines ahead of the slower of the two readers: they read as
  // fast as they can but share this process with the sender, and must never fall behind by
  // more than the kernel's buffers hold, however loaded the machine is.
  const readSoFar = [0, 0];
  const sending = (async () => {
    for (let k = 0; k < count; k += 64) {
      while (k - Math.min(readSoFar[0]!, readSoFar[1]!) > WINDOW && Date.now() - t0 < SLOW_MS) await sleep(2);
      const batch = Array.from({ length: Math.min(64, count - k) }, (_, j) => `MSG ${k + j} ${BIG_TEXT}\n`).join('');
      await sender!.send(batch);
    }
  })();
  // The readers must get every message, and the slow one's LEAVE, without waiting for it.
  const readAll = async (p: PeerSocket, slot: number) => {
    let msgs = 0;
    let leave = false;
    while (msgs < count || !leave) {
      const left = (msgs < count ? t0 + SLOW_MS : Math.min(t0 + SLOW_MS, Date.now() + 1000)) - Date.now();
      const r = await p.readLine(Math.max(10, left));
      if (!r.ok) break;
      const got = r.value.toString('utf8');
      if (got === 'LEAVE slow') {
        if (leave) ctx.fail('leave-twice', facts({ who: clientLabel(slot), got }));
        leave = true;
      } else if (got === `MSG sender ${msgs} ${BIG_TEXT}`) readSoFar[slot - 2] = ++msgs;
      else ctx.fail(got.startsWith('MSG sender ') ? 'order-broken' : 'wrong-reply', facts({ who: clientLabel(slot), nick: 'sender', got, exp: `MSG sender ${msgs} ${BIG_TEXT}` }));
    }
    return { msgs, leave };
  };
  let results: Array<{ msgs: number; leave: boolean }>;
  try {
    results = await Promise.all([readAll(r1!, 2), readAll(r2!, 3)]);
  } finally {
    sampling = false; // whatever happened, nothing of the scenario's keeps running
    await sampler;
  }
  await Promise.race([sending, sleep(1000)]);
  const [a, b] = results;
  const grewMiB = Math.round((peak - baseline) / (1024 * 1024));
  ctx.note(text(`Server memory: ${Math.round(baseline / 2 ** 20)} MiB before, ${Math.round(peak / 2 ** 20)} MiB at most while ${SLOW_MB} MB passed (${Date.now() - t0} ms).`, `서버 메모리: 시작 ${Math.round(baseline / 2 ** 20)}MiB, ${SLOW_MB}MB가 지나는 동안 최대 ${Math.round(peak / 2 ** 20)}MiB (${Date.now() - t0}ms).`));
  for (const [res, slot] of [[a!, 2], [b!, 3]] as const) {
    if (res.msgs < count) {
      ctx.fail('others-slowed', { vars: { who: clientLabel(slot), got: res.msgs, exp: count, s: SLOW_MS / 1000 }, expected: `${count} MSG`, actual: `${res.msgs} MSG` });
    }
  }
  if (grewMiB > MEMORY_LIMIT_MIB) ctx.fail('memory-grew', { vars: { mb: grewMiB, limit: MEMORY_LIMIT_MIB }, expected: `≤ ${MEMORY_LIMIT_MIB} MiB`, actual: `${grewMiB} MiB` });
  if (!a!.leave || !b!.leave) {
    ctx.fail('slow-client-kept', {
      vars: { mb: SLOW_MB },
      expected: text(`"LEAVE slow\\n" once more than ${QUEUE_BYTES / 1024} KiB wait for it`, `${QUEUE_BYTES / 1024}KiB 넘게 쌓이면 "LEAVE slow\\n"`),
      actual: text('no LEAVE: the slow client stayed', 'LEAVE 없음: 느린 클라이언트가 남아 있음'),
    });
  }
}

// ---------------------------------------------------------------------------------------------

export default defineChecks({
  mistakes,
  scenarios: [
    {
      id: 'join-and-broadcast',
      title: text('three clients: OK and JOIN, a message reaches the two others and not its sender, WHO', '클라이언트 셋: OK와 JOIN, 메시지는 다른 두 명에게만 가고 보낸 사람에겐 가지 않음, WHO'),
      async run(ctx) {
        await play(ctx, [
          line(0, 'NICK alice'),
          line(1, 'NICK bob'),
          line(2, 'NICK 철수'),
          line(0, 'MSG hello, room'),
          line(2, 'MSG 안녕하세요 😀'),
          line(1, 'WHO'),
          line(1, 'PING'),
        ]);
      },
    },
    {
      id: 'nickname-and-input-rules',
      title: text('input validation: NICK first, the nickname rule, taken names, empty and control-character messages, unknown commands', '입력 검사: NICK 먼저, 닉네임 규칙, 쓰는 중인 이름, 빈 메시지와 제어 문자, 모르는 명령'),
      async run(ctx) {
        await play(ctx, [
          line(0, 'MSG hi'),
          line(0, 'WHO'),
          line(0, 'NICK bad nick'),
          line(0, `NICK ${'a'.repeat(17)}`),
          line(0, 'NICK e\u0301'),
          line(0, 'NICK 😀'),
          line(0, 'NICK'),
          line(0, `NICK ${'가'.repeat(16)}`),
          line(1, `NICK ${'가'.repeat(16)}`),
          line(1, 'NICK Bob_2'),
          line(1, 'NICK again'),
          line(1, 'MSG'),
          line(1, 'MSG a\rMSG admin forged'),
          line(1, 'MSG bell\u0007'),
          line(1, 'MSG tab\tis fine'),
          line(1, 'DANCE'),
          line(0, Buffer.from([0x4d, 0x53, 0x47, 0x20, 0xeb, 0x85, 0x20, 0x21])),
        ]);
      },
    },
    {
      id: 'leave-on-every-close',
      title: text('LEAVE for every kind of close: QUIT, FIN, RST, a line over 1024 bytes; the names are free again', '모든 종류의 종료에 LEAVE: QUIT, FIN, RST, 1024바이트를 넘는 줄. 이름은 다시 쓸 수 있음'),
      async run(ctx) {
        await play(ctx, [
          line(0, 'NICK watcher'),
          line(1, 'NICK quitter'),
          line(2, 'NICK closer'),
          line(3, 'NICK resetter'),
          line(4, 'NICK rambler'),
          line(1, 'QUIT'),
          close(2, 'fin'),
          close(3, 'rst'),
          line(4, `MSG ${'x'.repeat(MAX_LINE)}`),
          line(1, 'NICK resetter'),
          line(2, 'NICK closer'),
          line(0, 'WHO'),
        ]);
      },
    },
    {
      id: 'utf8-cut-mid-character',
      title: text('Korean, emoji and combining marks cut mid-character and byte by byte arrive unchanged', '글자 중간에서, 또 바이트 하나씩 잘린 한국어·이모지·결합 문자가 그대로 도착'),
      async run(ctx) {
        const msg = 'MSG 안녕하세요, 반가워요 😀👍🏽 ca\u0301fe\u0301';
        const started = await ctx.startServer();
        const room = new Room(ctx, started.port, (l, r) => ctx.transcript(l, r));
        let m = await room.play([line(0, 'NICK 영희', [inside('NICK 영희', '희')]), line(1, 'NICK 민수'), line(0, msg, [inside(msg, '녕'), inside(msg, '😀'), inside(msg, '\u0301') + 0])]);
        if (!m) {
          // The same line byte by byte: fifty-odd chunks, most of them not a whole character.
          const peer = room.peers.get(1)!;
          const sent = 'MSG 좋아요 🎉 e\u0301\n';
          await peer.sendByteByByte(sent, 2);
          m = await room.expectLine(0, `MSG 민수 ${sent.slice(4, -1)}`);
        }
        if (m) ctx.fail(m as Parameters<Ctx['fail']>[0]);
      },
    },
    {
      id: 'twenty-clients',
      title: text(`${CROWD} clients at once send ${PER_CLIENT} messages each: every other client gets all ${(CROWD - 1) * PER_CLIENT}, each sender's in order; then all leave at once`, `클라이언트 ${CROWD}개가 동시에 ${PER_CLIENT}개씩 보냄: 다른 클라이언트는 ${(CROWD - 1) * PER_CLIENT}개를 모두, 보낸 사람별 순서대로 받음. 그 뒤 한꺼번에 나감`),
      limitMs: 15000,
      run: twentyClients,
    },
    {
      id: 'python-client',
      title: text('a real line client (Python, nc-style: stdin to the socket, half-close at the end) chats with a checker client', '진짜 줄 클라이언트(Python, nc처럼 표준 입력을 소켓으로, 끝에 half-close)가 검사기 클라이언트와 대화'),
      limitMs: 15000,
      async run(ctx) {
        const { room, started } = await play(ctx, [line(0, 'NICK alice')]);
        const py = findPython();
        if (!py) return ctx.missingTool(text('python3 is not installed here; the Python chat client is skipped.', '이 컴퓨터에 python3가 없어 Python 채팅 클라이언트 검사를 건너뜁니다.'));
        const script = path.join(INTEROP, 'chat_client.py');
        const label = text('Python client', 'Python 클라이언트');
        const program = ctx.startExternal({ label, command: py[0]!, args: [...py.slice(1), script], env: { PORT: String(started.port) }, sandbox: { readOnly: [script] }, keepStdinOpen: true });
        const pyWho = label;
        program.writeStdin('NICK 파이썬\n');
        let m = await room.expectLine(0, 'JOIN 파이썬');
        if (!m) {
          program.writeStdin('MSG 안녕, 다들 🐍\n');
          m = await room.expectLine(0, 'MSG 파이썬 안녕, 다들 🐍');
        }
        if (!m) {
          await room.peers.get(0)!.send('MSG 반가워\n');
          // The client half-closes once it has printed the message (or after LINE_MS without it).
          for (const until = Date.now() + LINE_MS; !program.stdout().includes('MSG alice 반가워') && Date.now() < until; ) await sleep(10);
          endStdin(program); // the Python client half-closes: the server must see the end
          m = await room.expectLine(0, 'LEAVE 파이썬');
          if (m && m.reason === 'no-leave-on-quit') m = ctx.mistake('no-leave-on-fin', facts({ who: clientLabel(0), exp: 'LEAVE 파이썬', nick: '파이썬' }));
        }
        if (m) ctx.fail(m as Parameters<Ctx['fail']>[0]);
        const exit = await program.waitExit(5000);
        const out = program.stdout().replace(/\r\n/g, '\n');
        const want = 'OK 파이썬\nMSG alice 반가워\n';
        if (!exit || out !== want) {
          const echo = out.includes('MSG 파이썬 ');
          ctx.fail(echo ? 'echoed-to-sender' : out.includes('OK 파이썬') ? 'message-lost' : 'wrong-reply', facts({ who: pyWho, exp: quoted(want, 200), got: quoted(out, 200) }));
        }
      },
    },
    {
      id: 'generated-exchanges',
      title: text('generated rooms: 2–4 clients, interleaved joins, messages and leaves (QUIT, FIN, RST), every line cut at any byte, held to the model', '만들어 낸 방: 클라이언트 2–4개, 입장·메시지·나감(QUIT, FIN, RST)이 뒤섞이고 줄마다 아무 바이트에서나 잘림, 모델과 비교'),
      limitMs: 20000,
      async run(ctx) {
        const started = await ctx.startServer();
        // The cases share the server: a name held when a case ends is freed once the server has
        // read that close, which a loaded machine delays; the next room knows it may be late.
        const departed = new Set<string>();
        await checkGenerated(ctx, {
          cases: chatCases,
          examples: chatExamples,
          run: async (c, transcript) => {
            const room = new Room(ctx, started.port, transcript, departed);
            try {
              return await room.play(c.steps);
            } finally {
              room.closeAll();
              await untilRoomEmpty(ctx, started.port);
            }
          },
          describe: (c) => describeSteps(c.steps),
          runs: 20,
          ms: 3000,
        });
      },
    },
    {
      id: 'idle-timeout',
      title: text('IDLE_MS=1000: a silent client gets "ERR idle timeout" and a close, the others LEAVE; a client that talks stays', 'IDLE_MS=1000: 조용한 클라이언트는 "ERR idle timeout"과 종료, 다른 사람은 LEAVE를 받음. 말하는 클라이언트는 남음'),
      timing: true,
      async run(ctx) {
        const idle = 1000;
        const { room } = await play(ctx, [line(0, 'NICK quiet'), line(1, 'NICK talker')], { IDLE_MS: String(idle) });
        const quiet = room.peers.get(0)!;
        const talker = room.peers.get(1)!;
        const since = Date.now();
        let timedOut: string | undefined;
        let closedAt = 0;
        let watched = false;
        const watch = (async () => {
          const r = await quiet.readLine(idle + 2500);
          timedOut = r.ok ? r.value.toString('utf8') : undefined;
          closedAt = Date.now();
          watched = true;
        })();
        // The talker says PING every 200 ms: it is never idle. It keeps talking until the quiet
        // one's answer came and at least 300 ms past IDLE_MS, so it outlives the idle limit.
        while (!watched || Date.now() - since < idle + 300) {
          await talker.send('PING\n');
          const r = await talker.readLine(LINE_MS);
          const got = r.ok ? r.value.toString('utf8') : undefined;
          if (got === 'LEAVE quiet') continue;
          if (got !== 'PONG') ctx.fail(got === undefined ? 'no-reply' : 'wrong-reply', facts({ who: clientLabel(1), exp: 'PONG', got }));
          await sleep(200);
        }
        await watch;
        if (timedOut !== 'ERR idle timeout') {
          ctx.fail(timedOut === undefined ? 'no-idle-timeout' : 'wrong-reply', {
            ...facts({ who: clientLabel(0), exp: 'ERR idle timeout', got: timedOut }),
            vars: { ...facts({ who: clientLabel(0), exp: 'ERR idle timeout', got: timedOut }).vars, s: ((closedAt - since) / 1000).toFixed(1), idle },
          });
        }
        const how = await quiet.waitClosed(LINE_MS);
        if (how === 'timeout') ctx.fail('no-idle-timeout', { vars: { s: ((Date.now() - since) / 1000).toFixed(1), idle }, expected: text('FIN after "ERR idle timeout"', '"ERR idle timeout" 뒤 FIN'), actual: text('the connection stayed open', '연결이 열려 있음') });
        // The LEAVE may have come between two PONGs; if not, it must come now.
        const leaves = talker.received().toString('utf8').split('\n').filter((l) => l === 'LEAVE quiet').length;
        if (leaves === 0) {
          const r = await talker.readLine(LINE_MS);
          const got = r.ok ? r.value.toString('utf8') : undefined;
          if (got !== 'LEAVE quiet') ctx.fail('no-leave-on-timeout', facts({ who: clientLabel(1), exp: 'LEAVE quiet', got, nick: 'quiet' }));
        }
        if (leaves > 1) ctx.fail('leave-twice', facts({ who: clientLabel(1), got: 'LEAVE quiet' }));
      },
    },
    {
      id: 'slow-reader',
      title: text(`a client stops reading while ${SLOW_MB} MB are sent: it is dropped (LEAVE), the others get everything in time, server memory stays bounded`, `한 클라이언트가 읽기를 멈춘 채 ${SLOW_MB}MB가 전송됨: 그 클라이언트는 내보내지고(LEAVE), 나머지는 제때 모두 받으며, 서버 메모리는 한도 안에 머묾`),
      timing: true,
      limitMs: 20000,
      run: slowReader,
    },
  ],
});
