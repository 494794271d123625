/**
 * Lesson 14 — hidden checks for the Redis-like key-value server. Real clients judge it:
 * ioredis (default options: HELLO 3 and its fallback, the INFO ready check), node-redis with
 * RESP: 2, redis-cli (commands and --pipe), and redis-benchmark against it, the reference
 * solution and a real redis-server, shown side by side. Raw sockets do what clients hide:
 * commands cut anywhere, a thousand in one write, inline commands, protocol errors. The steps
 * are in steps.ts, the model and its generated cases in model.ts, the words in mistakes.ts.
 */
import { setTimeout as sleep } from 'node:timers/promises';
// The real clients, loaded with the checks rather than in the middle of a scenario: loading
// node-redis compiles a few hundred modules synchronously, which would stall every other
// scenario running beside it.
import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { checkGenerated, text } from '../../../src/checks/kit.ts';
import { defineChecks } from '../../../src/checks/scenario.ts';
import type { StartedServer } from '../../../src/checks/kit.ts';
import { mistakes } from './mistakes.ts';
import {
  BAD_ENDINGS,
  BAD_EXPIRE,
  NOT_INTEGER,
  OK,
  OVERFLOW,
  PROTOCOL_ERROR,
  SYNTAX,
  caseBytes,
  cases,
  describeCase,
  examples,
  expectedOf,
  inline,
  prefixOf,
  Store,
  resp,
  unknownCommand,
  wrongArgs,
  type Arg,
  type Expected,
} from './model.ts';
import { REPLY_MS, asMismatch, benchmark, bytesOfSteps, clientStep, expectQuiet, expectReplies, nextReply, open, play, redisCli, same, type Step } from './steps.ts';

const b = (s: string | number[]) => (typeof s === 'string' ? Buffer.from(s) : Buffer.from(s));
const bulk = (v: Arg): Expected => ({ type: 'bulk', value: typeof v === 'string' ? Buffer.from(v) : v });
const int = (n: number | bigint): Expected => ({ type: 'integer', value: BigInt(n) });
const err = (t: string): Expected => ({ type: 'error', text: t });
const NIL: Expected = { type: 'nil' };
const PONG: Expected = { type: 'simple', text: 'PONG' };
const step = (exp: Expected, ...args: Arg[]): Step => ({ args, exp });

/** Every byte value, in a fixed shuffle: a value that is not text. */
const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => (i * 167) & 0xff));
/** 100 KB in a fixed pattern: it arrives in several chunks. */
const BIG = Buffer.from(Array.from({ length: 100 * 1024 }, (_, i) => (i * 31 + (i >> 9)) & 0xff));

/** A raw PING first: a server that cannot answer at all fails here, at once, with its reason. */
async function pingFirst(ctx: Parameters<typeof play>[0], server: StartedServer): Promise<void> {
  await play(ctx, server, { bytes: resp('PING'), steps: [step(PONG, 'PING')] });
}

export default defineChecks({
  mistakes,
  scenarios: [
    {
      id: 'ping-raw',
      title: text('raw socket: *1\\r\\n$4\\r\\nPING\\r\\n → +PONG; PING 안녕 → $6 안녕; ECHO → the same bytes', 'raw 소켓: *1\\r\\n$4\\r\\nPING\\r\\n → +PONG, PING 안녕 → $6 안녕, ECHO → 같은 바이트'),
      async run(ctx) {
        const server = await ctx.startServer();
        await play(ctx, server, { bytes: b('*1\r\n$4\r\nPING\r\n'), steps: [step(PONG, 'PING')] });
        const steps = [step(bulk('안녕'), 'PING', '안녕'), step(bulk('hello world'), 'ECHO', 'hello world'), step(bulk(''), 'ECHO', '')];
        for (const s of steps) await play(ctx, server, { bytes: resp(...s.args), steps: [s] });
      },
    },
    {
      id: 'inline-commands',
      title: text('inline commands as typed in nc: "PING\\r\\n", "PING\\n", "set  k   안녕\\r\\n" (runs of spaces), an empty line (no reply), "incr n" twice', 'nc에서 치듯 인라인 명령: "PING\\r\\n", "PING\\n", "set  k   안녕\\r\\n"(여러 칸 띄움), 빈 줄(답 없음), "incr n" 두 번'),
      async run(ctx) {
        const server = await ctx.startServer();
        const one = async (line: string, s: Step) => {
          const peer = await open(ctx, server);
          try {
            await peer.send(line);
            const got = await nextReply(ctx, server, peer, s);
            if (got.type !== s.exp.type || (got.type === 'simple' && s.exp.type === 'simple' && got.text !== s.exp.text)) {
              ctx.fail('inline-not-supported', { vars: { line: JSON.stringify(line), got: JSON.stringify(got.type === 'error' || got.type === 'simple' ? got.text : got.type) } });
            }
          } finally {
            peer.destroy();
          }
        };
        await one('PING\r\n', step(PONG, 'PING'));
        await one('PING\n', step(PONG, 'PING'));
        await play(ctx, server, {
          bytes: b('set  ik   안녕\r\nGET ik\r\nincr in\r\nINCR\tin\n\r\n  \r\n'),
          steps: [step(OK, 'set', 'ik', '안녕'), step(bulk('안녕'), 'GET', 'ik'), step(int(1), 'incr', 'in'), step(int(2), 'INCR', 'in')],
        });
      },
    },
    {
      id: 'binary-safe-values',
      title: text('SET/GET of values with "\\r\\n", 한글, every byte value, 100 KB, the empty value, and keys with "\\r\\n" and 한글 → the same bytes, bulk lengths in bytes', '"\\r\\n", 한글, 모든 바이트 값, 100KB, 빈 값이 든 값과 "\\r\\n", 한글이 든 키의 SET/GET → 같은 바이트, 벌크 길이는 바이트 수'),
      async run(ctx) {
        const server = await ctx.startServer();
        await pingFirst(ctx, server);
        // "a\r\nb" first and alone: a server that splits on lines is named here.
        const peer = await open(ctx, server);
        await peer.send(resp('SET', 'bs:crlf', 'a\r\nb'));
        const got = await nextReply(ctx, server, peer, step(OK, 'SET', 'bs:crlf', 'a\r\nb'));
        // Nothing may follow the +OK: a server that split the value on its "\r\n" answers "b" too.
        await peer.waitFor(() => peer.unread().length > 0, 100);
        const extra = peer.unread().toString('utf8');
        if (!(got.type === 'simple' && got.text === 'OK') || extra) {
          const said = got.type === 'error' || got.type === 'simple' ? `${got.type === 'error' ? '-' : '+'}${got.text}` : got.type;
          ctx.fail('split-on-lines', { vars: { got: `SET bs:crlf "a\\r\\nb" → ${JSON.stringify(extra ? `${said}\r\n${extra}` : said)}` } });
        }
        await peer.send(resp('GET', 'bs:crlf'));
        await expectReplies(ctx, server, peer, [step(bulk('a\r\nb'), 'GET', 'bs:crlf')]);
        peer.destroy();
        const values: Array<[string, Buffer]> = [
          ['bs:한글', b('안녕하세요, 파이썬')],
          ['bs:bytes', ALL_BYTES],
          ['bs:empty', b('')],
          ['bs:looks-like-resp', b('*1\r\n$4\r\nPING\r\n')],
          ['bs:키\r\n이름', b('값')],
          ['bs:big', BIG],
        ];
        for (const [key, value] of values) {
          await play(ctx, server, { bytes: Buffer.concat([resp('SET', key, value), resp('GET', key)]), steps: [step(OK, 'SET', key, value), step(bulk(value), 'GET', key)] });
        }
      },
    },
    {
      id: 'split-anywhere',
      title: text('one SET cut into single bytes (inside "$12", between "\\r" and "\\n"), then three commands cut at 7 places, 30 ms apart → answered as if in one write', 'SET 하나를 바이트 하나씩("$12" 가운데, "\\r"과 "\\n" 사이), 그다음 명령 셋을 일곱 군데에서 30ms 간격으로 잘라 보냄 → 한 번에 보낸 것처럼 답함'),
      async run(ctx) {
        const server = await ctx.startServer();
        await pingFirst(ctx, server);
        const set = resp('SET', 'sp:key', '안녕 하세요'); // "$14": the value is 14 bytes
        const whole = [step(OK, 'SET', 'sp:key', '안녕 하세요')];
        const cuts = Array.from({ length: set.length - 1 }, (_, i) => i + 1);
        const mis = await asMismatch(() => play(ctx, server, { bytes: set, steps: whole, cuts, gapMs: 2 }));
        if (mis) ctx.fail('command-in-pieces', { vars: { cmd: 'SET sp:key "안녕 하세요"', n: cuts.length + 1, got: mis.summary }, actual: mis.actual });
        const three = Buffer.concat([resp('GET', 'sp:key'), resp('INCR', 'sp:n'), resp('ECHO', '파이썬')]);
        const steps = [step(bulk('안녕 하세요'), 'GET', 'sp:key'), step(int(1), 'INCR', 'sp:n'), step(bulk('파이썬'), 'ECHO', '파이썬')];
        const at = [3, 5, 9, 18, 25, 40, three.length - 3];
        const mis2 = await asMismatch(() => play(ctx, server, { bytes: three, steps, cuts: at, gapMs: 30 }));
        if (mis2) ctx.fail('command-in-pieces', { vars: { cmd: 'GET · INCR · ECHO', n: at.length + 1, got: mis2.summary }, actual: mis2.actual });
      },
    },
    {
      id: 'pipeline-1000',
      title: text('1000 commands in ONE write (SET, GET, INCR, PING, EXISTS, inline and arrays) → 1000 replies, in order', '한 번의 write로 명령 1000개(SET, GET, INCR, PING, EXISTS, 인라인과 배열) → 답 1000개, 순서대로'),
      async run(ctx) {
        const server = await ctx.startServer();
        // The model's store answers the same 1000 commands: the replies it gives, in order.
        const store = new Store();
        const steps: Step[] = [];
        const parts: Buffer[] = [];
        for (let i = 0; i < 1000; i++) {
          const k = `pl:${i % 50}`;
          const args = [['SET', k, `값${i}`], ['GET', `pl:${(i + 7) % 50}`], ['INCR', 'pl:counter'], ['PING'], ['EXISTS', k, 'pl:none']][i % 5]!;
          steps.push(step(store.answer(args.map((a) => Buffer.from(a))).reply, ...args));
          parts.push(i % 3 === 0 ? inline(...args) : resp(...args));
        }
        const peer = await open(ctx, server);
        try {
          await peer.send(Buffer.concat(parts));
          let n = 0;
          for (const s of steps) {
            const r = await asMismatch(() => expectReplies(ctx, server, peer, [s], n === 0 ? REPLY_MS : 1000));
            if (r) {
              if (r.reason === 'no-reply' && n < 1000) ctx.fail('pipeline-not-answered', { vars: { n: 1000, got: n } });
              ctx.fail(r);
            }
            n++;
          }
          await expectQuiet(ctx, peer, '1000 commands');
        } finally {
          peer.destroy();
        }
      },
    },
    {
      id: 'commands-and-errors',
      title: text(
        'every command of the table, in any letter case: DEL and EXISTS counts, INCR and its errors (not an integer, 64-bit overflow), wrong numbers of arguments, SET syntax, PX 0, an unknown command (its name in the error), HELLO 3, CLIENT SETINFO, INFO, QUIT (+OK, then FIN)',
        '표의 모든 명령을 아무 대소문자로: DEL과 EXISTS의 개수, INCR과 그 오류(정수 아님, 64비트 넘침), 잘못된 인자 개수, SET 문법, PX 0, 모르는 명령(오류에 이름), HELLO 3, CLIENT SETINFO, INFO, QUIT(+OK 뒤 FIN)',
      ),
      async run(ctx) {
        const server = await ctx.startServer();
        await pingFirst(ctx, server);
        const groups: Step[][] = [
          [step(OK, 'set', 'ce:a', '1'), step(OK, 'Set', 'ce:b', '2'), step(bulk('1'), 'gEt', 'ce:a'), step(int(2), 'EXISTS', 'ce:a', 'ce:a'), step(int(2), 'exists', 'ce:a', 'ce:b', 'ce:none')],
          [step(OK, 'SET', 'ce:c', 'x'), step(int(2), 'del', 'ce:c', 'ce:c', 'ce:b', 'ce:none'), step(NIL, 'GET', 'ce:c'), step(int(0), 'DEL', 'ce:c')],
          [step(int(1), 'incr', 'ce:n'), step(int(2), 'INCR', 'ce:n'), step(bulk('2'), 'get', 'ce:n'), step(OK, 'set', 'ce:m', '-1'), step(int(0), 'incr', 'ce:m')],
          [step(OK, 'set', 'ce:s', 'abc'), step(err(NOT_INTEGER), 'incr', 'ce:s'), step(OK, 'set', 'ce:s', ' 1'), step(err(NOT_INTEGER), 'incr', 'ce:s'), step(OK, 'set', 'ce:s', '01'), step(err(NOT_INTEGER), 'incr', 'ce:s')],
          [step(OK, 'SET', 'ce:big', '9007199254740993'), step(int(9007199254740994n), 'INCR', 'ce:big'), step(OK, 'SET', 'ce:max', '9223372036854775806'), step(int(9223372036854775807n), 'INCR', 'ce:max'), step(err(OVERFLOW), 'INCR', 'ce:max'), step(bulk('9223372036854775807'), 'GET', 'ce:max')],
          [step(err(wrongArgs('get')), 'GET'), step(err(wrongArgs('get')), 'get', 'a', 'b'), step(err(wrongArgs('set')), 'SET', 'ce:k'), step(err(wrongArgs('ping')), 'PING', 'a', 'b'), step(err(wrongArgs('del')), 'DEL'), step(err(wrongArgs('incr')), 'INCR')],
          [step(err(SYNTAX), 'SET', 'ce:k', 'v', 'EX', '10'), step(err(SYNTAX), 'SET', 'ce:k', 'v', 'PX'), step(err(BAD_EXPIRE), 'set', 'ce:k', 'v', 'px', '0'), step(err(NOT_INTEGER), 'SET', 'ce:k', 'v', 'PX', '1.5'), step(NIL, 'GET', 'ce:k')],
          [step({ type: 'error-prefix', prefix: unknownCommand(b('NOPE')) }, 'NOPE', 'x'), step({ type: 'error-prefix', prefix: unknownCommand(b('hello')) }, 'hello', '3'), step({ type: 'error-prefix', prefix: unknownCommand(b('HELLO')) }, 'HELLO', '3')],
          [step({ type: 'ok-or-error' }, 'client', 'SETINFO', 'LIB-NAME', 'ioredis'), step({ type: 'any-bulk' }, 'info'), step({ type: 'any-bulk' }, 'INFO', 'server'), step(PONG, 'ping')],
        ];
        for (const steps of groups) await play(ctx, server, { bytes: bytesOfSteps(steps, resp), steps });
        // The store is one for all connections: what one connection SET, another GETs.
        const a = await open(ctx, server);
        await a.send(resp('SET', 'ce:shared', '공유'));
        await expectReplies(ctx, server, a, [step(OK, 'SET', 'ce:shared', '공유')]);
        const other = await open(ctx, server);
        await other.send(resp('GET', 'ce:shared'));
        const got = await nextReply(ctx, server, other, step(bulk('공유'), 'GET', 'ce:shared'));
        if (got.type === 'nil') ctx.fail('store-not-shared', { vars: { got: '$-1' } });
        a.destroy();
        other.destroy();
        // QUIT: +OK, FIN, and the PING after it is not answered.
        const q = await open(ctx, server);
        await q.send(Buffer.concat([resp('QUIT'), resp('PING')]));
        const r = await nextReply(ctx, server, q, step(OK, 'QUIT')).catch(() => undefined);
        const how = await q.waitClosed(REPLY_MS);
        const extra = q.unread();
        if (!r || r.type !== 'simple' || r.text !== 'OK' || how === 'timeout' || extra.length > 0) {
          const said = r ? (r.type === 'simple' || r.type === 'error' ? `${r.type === 'simple' ? '+' : '-'}${r.text}` : r.type) : text('nothing', '아무것도 없음');
          const then = how === 'timeout' ? text('stayed open', '열린 채로 있었습니다') : extra.length ? text(`answered the PING after QUIT (${JSON.stringify(extra.toString())})`, `QUIT 뒤의 PING에 답했습니다(${JSON.stringify(extra.toString())})`) : text('closed', '닫혔습니다');
          ctx.fail('quit-not-closed', { vars: { got: said, how: then } });
        }
        q.destroy();
      },
    },
    {
      id: 'protocol-errors',
      title: text(
        'protocol errors (*x, +PING in an array, $x, $-1, a value not followed by \\r\\n, *1025, $1048577, an inline line over 64 KiB) → the replies before them, -ERR Protocol error, FIN; the limits themselves (1024 elements, 1 MiB values, 64 KiB lines) work; the server goes on',
        '프로토콜 오류(*x, 배열 안의 +PING, $x, $-1, 뒤에 \\r\\n이 없는 값, *1025, $1048577, 64KiB 넘는 인라인 줄) → 그 앞의 답, -ERR Protocol error, FIN. 한도 그 자체(원소 1024개, 1MiB 값, 64KiB 줄)는 됨. 서버는 계속 돎',
      ),
      async run(ctx) {
        const server = await ctx.startServer();
        await pingFirst(ctx, server);
        const bads = [...BAD_ENDINGS, { bytes: b('x'.repeat(65537)), why: 'an inline line of 65537 bytes with no end yet' }];
        for (const bad of bads) {
          const steps: Step[] = [step(PONG, 'PING'), { args: [bad.bytes], exp: { type: 'error-prefix', prefix: PROTOCOL_ERROR }, why: bad.why }];
          await play(ctx, server, { bytes: Buffer.concat([resp('PING'), bad.bytes]), steps, close: true });
        }
        // The limits themselves are fine: 1024 elements, a value of 1 MiB, a line of 65536 bytes.
        const keys = Array.from({ length: 1023 }, (_, i) => `pe:${i}`);
        await play(ctx, server, { bytes: resp('DEL', ...keys), steps: [step(int(0), 'DEL', `pe:0 … pe:1022 (1023 keys)`)] });
        const mib = Buffer.alloc(1024 * 1024, 0x61);
        await play(ctx, server, { bytes: Buffer.concat([resp('SET', 'pe:mib', mib), resp('EXISTS', 'pe:mib')]), steps: [step(OK, 'SET', 'pe:mib', mib), step(int(1), 'EXISTS', 'pe:mib')], ms: 4000 });
        const word = 'y'.repeat(65536 - 5);
        await play(ctx, server, { bytes: b(`ECHO ${word}\r\n`), steps: [step(bulk(word), 'ECHO', word)] });
      },
    },
    {
      id: 'expiry',
      title: text('SET … PX 1000 then GET in the same write → the value; 1700 ms later GET → $-1, EXISTS → 0, DEL → 0, INCR starts again at 1', 'SET … PX 1000 뒤 같은 write의 GET → 값. 1700ms 뒤 GET → $-1, EXISTS → 0, DEL → 0, INCR은 1부터 다시'),
      timing: true,
      async run(ctx) {
        const server = await ctx.startServer();
        await pingFirst(ctx, server);
        const peer = await open(ctx, server);
        await peer.send(Buffer.concat([resp('SET', 'ex:a', '곧 사라짐', 'PX', '1000'), resp('GET', 'ex:a'), resp('SET', 'ex:n', '41', 'px', '1000'), resp('SET', 'ex:d', 'x', 'PX', '1000')]));
        const t0 = Date.now();
        await expectReplies(ctx, server, peer, [step(OK, 'SET', 'ex:a', '곧 사라짐', 'PX', '1000')]);
        const first = await nextReply(ctx, server, peer, step(bulk('곧 사라짐'), 'GET', 'ex:a'));
        if (first.type === 'nil') ctx.fail('expired-too-early', { vars: { ms: 1000 } });
        await expectReplies(ctx, server, peer, [step(OK, 'SET', 'ex:n', '41', 'px', '1000'), step(OK, 'SET', 'ex:d', 'x', 'PX', '1000')]);
        await sleep(Math.max(0, 1700 - (Date.now() - t0)));
        const after = Date.now() - t0;
        const late: Step[] = [step(NIL, 'GET', 'ex:a'), step(int(0), 'EXISTS', 'ex:a'), step(int(0), 'DEL', 'ex:d'), step(int(1), 'INCR', 'ex:n')];
        await peer.send(bytesOfSteps(late, resp));
        for (const s of late) {
          const got = await nextReply(ctx, server, peer, s);
          const wrong = ((): boolean => {
            if (s.exp.type === 'nil') return got.type !== 'nil';
            return !(got.type === 'integer' && s.exp.type === 'integer' && got.value === s.exp.value);
          })();
          if (wrong) {
            const shown = got.type === 'bulk' ? `$${got.value.length} ${JSON.stringify(got.value.toString())}` : got.type === 'integer' ? `:${got.value}` : got.type === 'nil' ? '$-1' : `${got.type === 'simple' ? '+' : '-'}${got.text}`;
            ctx.fail('expired-key-still-there', { vars: { ms: 1000, after, cmd: s.args.join(' '), got: shown } });
          }
        }
        peer.destroy();
      },
    },
    {
      id: 'stale-timer',
      title: text(
        'the stale timer: SET k v1 PX 300, then at once SET k v2 (no PX) / SET k v2 PX 5000 / DEL k and SET k v3; 1000 ms later GET → the newer value every time',
        '낡은 타이머: SET k v1 PX 300 바로 뒤 SET k v2(PX 없음) / SET k v2 PX 5000 / DEL k 뒤 SET k v3. 1000ms 뒤 GET → 언제나 새 값',
      ),
      timing: true,
      async run(ctx) {
        const server = await ctx.startServer();
        await pingFirst(ctx, server);
        const peer = await open(ctx, server);
        const setup: Step[] = [
          step(OK, 'SET', 'st:plain', 'v1', 'PX', '300'),
          step(OK, 'SET', 'st:plain', 'v2'),
          step(OK, 'SET', 'st:longer', 'v1', 'PX', '300'),
          step(OK, 'SET', 'st:longer', 'v2', 'PX', '5000'),
          step(OK, 'SET', 'st:del', 'v1', 'PX', '300'),
          step(int(1), 'DEL', 'st:del'),
          step(OK, 'SET', 'st:del', 'v3'),
        ];
        await peer.send(bytesOfSteps(setup, resp));
        const t0 = Date.now();
        await expectReplies(ctx, server, peer, setup);
        await sleep(Math.max(0, 1000 - (Date.now() - t0)));
        const after = Date.now() - t0;
        const checks: Array<[string, string, string]> = [
          ['st:plain', 'v2', 'SET k v1 PX 300, then SET k v2'],
          ['st:longer', 'v2', 'SET k v1 PX 300, then SET k v2 PX 5000'],
          ['st:del', 'v3', 'SET k v1 PX 300, DEL k, then SET k v3'],
        ];
        for (const [key, want, how] of checks) {
          await peer.send(resp('GET', key));
          const got = await nextReply(ctx, server, peer, step(bulk(want), 'GET', key));
          if (got.type !== 'bulk' || got.value.toString() !== want) {
            ctx.fail('stale-timer', { vars: { how, after, got: got.type === 'nil' ? '$-1' : got.type === 'bulk' ? JSON.stringify(got.value.toString()) : got.type } });
          }
        }
        peer.destroy();
      },
    },
    {
      id: 'ioredis',
      title: text(
        'ioredis (default options: hello 3 falls back to RESP2, info ready check): ping, set/get of 한글 and of bytes (getBuffer), set … PX, incr, del, exists, a pipeline of 1000, an unknown command',
        'ioredis(기본 옵션: hello 3에서 RESP2로 물러서기, info 준비 확인): ping, 한글과 바이트(getBuffer)의 set/get, set … PX, incr, del, exists, 1000개 파이프라인, 모르는 명령',
      ),
      limitMs: 30000,
      async run(ctx) {
        const server = await ctx.startServer();
        await pingFirst(ctx, server);
        const r = new Redis({ host: '127.0.0.1', port: server.port, lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0, connectTimeout: 10000, commandTimeout: 10000 });
        const errors: string[] = [];
        r.on('error', (e: Error) => errors.push(e.message));
        const F = 'ioredis-failed' as const;
        try {
          await clientStep(ctx, F, 'connect (hello 3, client SETINFO, info)', () => r.connect(), undefined, 10000);
          await clientStep(ctx, F, 'ping', () => r.ping(), same('PONG'));
          await clientStep(ctx, F, "set('io:이름', '파이썬')", () => r.set('io:이름', '파이썬'), same('OK'));
          await clientStep(ctx, F, "get('io:이름')", () => r.get('io:이름'), same('파이썬'));
          await clientStep(ctx, F, 'set(io:bytes, <256 bytes>)', () => r.set('io:bytes', ALL_BYTES), same('OK'));
          await clientStep(ctx, F, 'getBuffer(io:bytes)', () => r.getBuffer('io:bytes'), same(ALL_BYTES));
          await clientStep(ctx, F, "set('io:tmp', 'x', 'PX', 60000)", () => r.set('io:tmp', 'x', 'PX', 60000), same('OK'));
          await clientStep(ctx, F, "incr('io:n') ×2", async () => [await r.incr('io:n'), await r.incr('io:n')], same([1, 2]));
          await clientStep(ctx, F, "exists('io:tmp', 'io:none')", () => r.exists('io:tmp', 'io:none'), same(1));
          await clientStep(ctx, F, "del('io:tmp', 'io:n', 'io:none')", () => r.del('io:tmp', 'io:n', 'io:none'), same(2));
          const pipe = r.pipeline();
          for (let i = 0; i < 500; i++) pipe.set(`io:p${i % 20}`, `값 ${i}`).get(`io:p${i % 20}`);
          await clientStep(
            ctx,
            F,
            'pipeline() of 1000 (set, get ×500)',
            () => pipe.exec(),
            (res) => {
              if (!res || res.length !== 1000) return `${res?.length ?? 0} results for 1000 commands`;
              const bad = res.findIndex(([e, v], i) => e || v !== (i % 2 === 0 ? 'OK' : `값 ${(i - 1) / 2}`));
              return bad === -1 ? undefined : `result ${bad} is ${JSON.stringify(res[bad])}`;
            },
          );
          await clientStep(ctx, F, "call('nope')", () => r.call('nope').then(() => 'no error', (e: Error) => e.message), (m) => (/unknown command/i.test(m) ? undefined : `the error is ${JSON.stringify(m)}, not "ERR unknown command 'nope'"`));
        } finally {
          r.disconnect();
        }
      },
    },
    {
      id: 'node-redis',
      title: text(
        "node-redis (createClient({ RESP: 2 })): PING, SET/GET of 한글, SET … PX, INCR, EXISTS, DEL, multi-key DEL, a value SET by node-redis read by a raw socket (one store), quit() (QUIT → +OK, close)",
        'node-redis(createClient({ RESP: 2 })): PING, 한글의 SET/GET, SET … PX, INCR, EXISTS, DEL, 여러 키 DEL, node-redis가 SET한 값을 raw 소켓이 읽기(저장소는 하나), quit()(QUIT → +OK, 닫기)',
      ),
      limitMs: 30000,
      async run(ctx) {
        const server = await ctx.startServer();
        await pingFirst(ctx, server);
        const c = createClient({ socket: { host: '127.0.0.1', port: server.port, reconnectStrategy: false, connectTimeout: 10000 }, RESP: 2 });
        const errors: string[] = [];
        c.on('error', (e: Error) => errors.push(e.message));
        const F = 'node-redis-failed' as const;
        let quit = false;
        try {
          await clientStep(ctx, F, 'connect (CLIENT SETINFO ×2)', () => c.connect().then(() => 'connected'), same('connected'), 10000);
          await clientStep(ctx, F, 'PING', () => c.ping(), same('PONG'));
          await clientStep(ctx, F, "SET('nr:이름', '자바')", () => c.set('nr:이름', '자바'), same('OK'));
          await clientStep(ctx, F, "GET('nr:이름')", () => c.get('nr:이름'), same('자바'));
          await clientStep(ctx, F, "SET('nr:tmp', 'x', { PX: 60000 })", () => c.set('nr:tmp', 'x', { PX: 60000 }), same('OK'));
          await clientStep(ctx, F, "INCR('nr:n') ×3", async () => [await c.incr('nr:n'), await c.incr('nr:n'), await c.incr('nr:n')], same([1, 2, 3]));
          await clientStep(ctx, F, "EXISTS(['nr:tmp', 'nr:n', 'nr:none'])", () => c.exists(['nr:tmp', 'nr:n', 'nr:none']), same(2));
          await clientStep(ctx, F, "DEL(['nr:tmp', 'nr:n', 'nr:none'])", () => c.del(['nr:tmp', 'nr:n', 'nr:none']), same(2));
          const peer = await open(ctx, server);
          await peer.send(resp('GET', 'nr:이름'));
          const got = await nextReply(ctx, server, peer, step(bulk('자바'), 'GET', 'nr:이름'));
          if (got.type === 'nil') ctx.fail('store-not-shared', { vars: { got: '$-1' } });
          peer.destroy();
          await clientStep(ctx, F, 'quit() (QUIT)', () => c.quit(), same('OK'));
          quit = true;
        } finally {
          if (!quit) c.destroy();
        }
      },
    },
    {
      id: 'redis-cli',
      title: text('redis-cli: SET greet 안녕, GET greet, INCR, DEL, an unknown command; then redis-cli --pipe with 1000 commands on its stdin → "errors: 0, replies: 1000"', 'redis-cli: SET greet 안녕, GET greet, INCR, DEL, 모르는 명령. 그다음 표준 입력으로 명령 1000개를 받은 redis-cli --pipe → "errors: 0, replies: 1000"'),
      limitMs: 15000,
      async run(ctx) {
        const server = await ctx.startServer();
        await pingFirst(ctx, server);
        const lines = (out: string) => out.replace(/\n$/, '');
        const run = (args: string[], want: string) => redisCli(ctx, server, args, { want: (out) => lines(out) === want, wantShown: JSON.stringify(want) });
        await run(['SET', 'cli:greet', '안녕'], 'OK');
        await run(['GET', 'cli:greet'], '안녕');
        await run(['INCR', 'cli:n'], '1');
        await run(['DEL', 'cli:greet', 'cli:n'], '2');
        await run(['GET', 'cli:greet'], '');
        await redisCli(ctx, server, ['NOPE', 'x'], { want: (out) => /^ERR unknown command 'NOPE'/i.test(out), wantShown: '"ERR unknown command \'NOPE\'…"' });
        const stdin = Buffer.concat(Array.from({ length: 1000 }, (_, i) => (i % 2 ? resp('INCR', 'cli:pipe') : resp('SET', `cli:p${i}`, `값${i}`))));
        await redisCli(ctx, server, ['--pipe', '--pipe-timeout', '5'], { stdin, want: (out) => /errors: 0, replies: 1000\b/.test(out), wantShown: '"… errors: 0, replies: 1000"' });
      },
    },
    {
      id: 'generated-commands',
      title: text(
        'generated: up to six commands on one connection (keys and values with "\\r\\n", 한글, any bytes; names in any case; inline or arrays; INCR at the 64-bit edges; wrong arguments; unknown commands; *0 and empty lines), sometimes ending in QUIT or a protocol error, cut at any byte → the model\'s replies, in order, and the close',
        '만들어 낸 사례: 한 연결에 명령 최대 여섯 개("\\r\\n", 한글, 아무 바이트가 든 키와 값, 아무 대소문자의 이름, 인라인이나 배열, 64비트 끝의 INCR, 잘못된 인자, 모르는 명령, *0과 빈 줄), 가끔 QUIT나 프로토콜 오류로 끝남, 아무 바이트에서나 잘림 → 모델의 답이 순서대로, 그리고 닫기',
      ),
      limitMs: 20000,
      async run(ctx) {
        let server = await ctx.startServer();
        await pingFirst(ctx, server);
        const live = async (): Promise<StartedServer> => (server.program.done ? (server = await ctx.startServer()) : server);
        let played = 0;
        await checkGenerated(ctx, {
          cases,
          examples,
          run: async (c, transcript) => {
            const prefix = prefixOf(++played);
            const exp = expectedOf(c, prefix);
            return asMismatch(async () =>
              play(ctx, await live(), {
                bytes: caseBytes(c, prefix),
                steps: exp.replies.map((r) => ({ args: r.args, exp: r.reply, why: r.why, inline: r.inline })),
                cuts: c.cuts,
                gapMs: 5,
                close: exp.close,
                transcript: transcript(text('checker (client)', '검사기 (클라이언트)'), text('your server', '내 서버')),
              }),
            );
          },
          describe: describeCase,
          runs: 40,
          ms: 4000,
        });
      },
    },
    {
      id: 'benchmark',
      title: text('redis-benchmark (-P 16: PING inline and as an array, SET, GET, INCR) against your server, the reference solution and a real redis-server: the three figures side by side; your server must answer every command', 'redis-benchmark(-P 16: 인라인과 배열 PING, SET, GET, INCR)를 내 서버, 참고 답안, 진짜 redis-server에: 세 수치를 나란히. 내 서버는 모든 명령에 답해야 함'),
      timing: true,
      limitMs: 30000,
      async run(ctx) {
        const server = await ctx.startServer();
        await pingFirst(ctx, server);
        await benchmark(ctx, server);
      },
    },
  ],
});
