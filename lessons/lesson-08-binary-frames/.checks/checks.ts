/**
 * Lesson 08 — hidden checks for the length-prefixed binary protocol.
 *
 * Frame (both directions): u32 BE length of what follows | u8 op | payload.
 *   ECHO 0x01 → 0x81 same bytes; SUM 0x02 k×int32 → 0x82 int64; ULEN 0x03 text → 0x83 u32 u32;
 *   unknown op / bad payload → 0xFF message (stays open); length 0 or > 1 MiB → 0xFF, then close.
 *
 * The checker plays the client against the learner's server (T1–T7 of the notes and more),
 * the server against the learner's client, and lets both meet; Python (struct) and Java
 * (DataInputStream) clients prove the byte order against the learner's server.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  acceptClient,
  defineScenarios,
  describeExit,
  fill,
  programFailure,
  quoted,
  text,
  type FailureDetails,
  type PeerSocket,
  type ScenarioContext,
  type StartedServer,
  type Text,
} from '../../../src/checks/kit.ts';
import {
  MAX_FRAME,
  OP,
  describeFrame,
  echoFrame,
  echoReply,
  errorReply,
  frame,
  hex,
  readFrame,
  sumFrame,
  sumPayload,
  sumReply,
  ulenFrame,
  ulenReply,
  type FrameRead,
} from './frames.ts';

const INTEROP = path.join(path.dirname(fileURLToPath(import.meta.url)), 'interop');
const WAIT = 2000; // how long a reply may take, on a loaded machine

const who = {
  checker: text('checker (client)', '검사기 (클라이언트)'),
  checkerServer: text('checker (server)', '검사기 (서버)'),
  server: text('your server', '내 서버'),
  client: text('your client', '내 클라이언트'),
};

type Program = StartedServer['program'];

// ───────────────────────────── the learner's server ─────────────────────────────

/** One request and the reply it must get, with what a wrong payload most likely means. */
interface Exchange {
  /** The request in words, e.g. `ECHO "hello"`. */
  sent: string;
  /** The request frame, when the checker built it (for the byte-order diagnosis). */
  request?: Buffer;
  reply: Buffer;
  /** A precise failure for a reply with the right op but the wrong payload. */
  wrongPayload?: (payload: Buffer) => FailureDetails | undefined;
  /** Replaces the plain no-reply failure (e.g. "only the first frame of a chunk"). */
  noReply?: FailureDetails;
  /** After a silent timeout, send a lone '\n' to see whether the server waits for lines. */
  probeNewline?: boolean;
}

/** If the server process is gone, fails with why (a crash reading past the bytes it had, …). */
async function failIfCrashed(ctx: ScenarioContext, program: Program, waitMs = 300): Promise<void> {
  const exit = program.exitInfo ?? (await program.waitExit(waitMs));
  if (!exit) return;
  const err = program.stderr();
  if (/"value" is out of range|ERR_OUT_OF_RANGE[\s\S]*value/.test(err) && /Int32/.test(err)) {
    ctx.fail({
      reason: 'sum-overflows-32-bit',
      summary: text('Your server crashed writing the SUM result into 32 bits.', '서버가 SUM 결과를 32비트에 쓰다가 죽었습니다.'),
      cause: text(
        'writeInt32BE throws when the value does not fit in an int32, and the sum of k int32 values often does not.',
        'writeInt32BE는 값이 int32에 들어가지 않으면 예외를 던집니다. int32 k개의 합은 자주 넘칩니다.',
      ),
      fix: text('Add with BigInt and write the reply with writeBigInt64BE (8 bytes).', 'BigInt로 더하고 writeBigInt64BE(8바이트)로 답을 쓰세요.'),
      section: 'sum-64-bit',
    });
  }
  if (/ERR_BUFFER_OUT_OF_BOUNDS|outside buffer bounds|"offset" is out of range/.test(err)) {
    ctx.fail({
      reason: 'header-assumed-whole',
      summary: text('Your server crashed reading bytes that had not arrived yet.', '서버가 아직 도착하지 않은 바이트를 읽다가 죽었습니다.'),
      actual: text('RangeError: it read outside the buffer (see the stack trace below)', 'RangeError: 버퍼 밖을 읽음(아래 스택 트레이스 참고)'),
      cause: text(
        "A 'data' chunk can end anywhere, even inside the 4-byte length. readUInt32BE(0) on a buffer of 1–3 bytes throws ERR_BUFFER_OUT_OF_BOUNDS.",
        "'data' 덩어리는 어디서든 끊길 수 있고, 4바이트 길이 한가운데서도 끊깁니다. 1~3바이트짜리 버퍼에 readUInt32BE(0)을 하면 ERR_BUFFER_OUT_OF_BOUNDS가 납니다.",
      ),
      fix: text(
        'Keep a per-connection buffer; read the length only when it holds at least 4 bytes, and the frame only when it holds 4 + length.',
        '연결마다 버퍼를 두고, 4바이트 이상일 때만 길이를, 4 + length바이트 이상일 때만 프레임을 읽으세요.',
      ),
      section: 'reading-frames',
    });
  }
  ctx.fail(programFailure('server.ts', exit, program, 'during-exchange'));
}

function expectedText(e: Exchange): Text {
  return fill(text('{frame}, in reply to {sent}', '{frame} ({sent}에 대한 답)'), { frame: describeFrame(e.reply), sent: e.sent });
}

/** Reads the next reply and holds it to `e.reply`, explaining any difference. */
async function expectReply(ctx: ScenarioContext, server: StartedServer, peer: PeerSocket, e: Exchange): Promise<void> {
  const r = await readFrame(peer, WAIT);
  if (r.kind === 'frame' && r.bytes.equals(e.reply)) return;
  const expected = expectedText(e);
  if (r.kind === 'nothing') {
    if (r.how !== 'timeout') await failIfCrashed(ctx, server.program);
    else await failIfCrashed(ctx, server.program, 0);
    if (r.how === 'timeout' && e.probeNewline) {
      peer.transcript.note(text('(probe: a lone "\\n", in case it reads lines)', '(확인용: 줄 단위로 읽나 보려고 "\\n"만)'));
      await peer.send('\n');
      if (await peer.waitFor(() => peer.unread().length > 0, 1000)) {
        ctx.fail({
          reason: 'reads-lines',
          summary: text('Your server answered only after the checker sent a "\\n".', '검사기가 "\\n"을 보낸 뒤에야 서버가 답했습니다.'),
          expected,
          actual: fill(text('nothing for {ms} ms; after "\\n": {got}', '{ms}ms 동안 아무것도 없다가 "\\n" 뒤에: {got}'), { ms: WAIT, got: hex(peer.unread()) }),
          cause: text(
            "It reads lines (readline, or split('\\n')). A binary frame is not a line: it ends where its length says, and it may contain 0x0A anywhere, or none at all.",
            "서버가 줄 단위로 읽습니다(readline이나 split('\\n')). 바이너리 프레임은 줄이 아닙니다. 길이가 말하는 곳에서 끝나고, 0x0A가 아무 데나 있거나 아예 없을 수 있습니다.",
          ),
          fix: text('Drop readline; frame the raw Buffer chunks by their 4-byte length.', 'readline을 빼고, 날 Buffer 덩어리를 4바이트 길이로 잘라 프레임을 만드세요.'),
          section: 'bytes-not-text',
        });
      }
    }
    if (r.how === 'timeout' && e.noReply) ctx.fail(e.noReply);
    ctx.fail(
      r.how === 'timeout'
        ? {
            reason: 'no-reply',
            summary: fill(text('Your server did not reply to {sent} within {ms} ms.', '서버가 {sent}에 {ms}ms 안에 답하지 않았습니다.'), { sent: e.sent, ms: WAIT }),
            expected,
            actual: text('nothing', '아무것도 오지 않음'),
            cause: text(
              'The reply was never written, or the server still waits for bytes: read little-endian (readUInt32LE), the header 00 00 00 06 is 100663296, so it waits for 100 MB; or it waits for more than 4 + length bytes.',
              '답을 쓰지 않았거나, 서버가 아직 바이트를 기다립니다. 리틀 엔디언(readUInt32LE)으로 읽으면 헤더 00 00 00 06은 100663296이라 100MB를 기다리게 되고, 4 + length보다 많은 바이트를 기다리는 경우도 있습니다.',
            ),
            fix: text('Read the length with readUInt32BE(0); a frame is complete when the buffer holds 4 + length bytes.', 'readUInt32BE(0)으로 길이를 읽고, 버퍼에 4 + length바이트가 있으면 프레임이 다 온 것입니다.'),
            section: 'reading-frames',
          }
        : {
            reason: 'closed-without-reply',
            summary: fill(text('Your server closed the connection ({how}) instead of replying to {sent}.', '서버가 {sent}에 답하지 않고 연결을 닫았습니다({how}).'), { sent: e.sent, how: r.how.toUpperCase() }),
            expected,
            actual: r.how.toUpperCase(),
            cause: text('Only a length of 0 or over 1 MiB ends the connection; every other frame gets a reply.', '연결을 끝내는 것은 길이 0이나 1MiB 초과뿐입니다. 나머지 프레임에는 모두 답해야 합니다.'),
            section: 'the-frame',
          },
    );
  }
  if (r.kind === 'partial') {
    if (r.how !== 'timeout') await failIfCrashed(ctx, server.program);
    ctx.fail({
      reason: 'reply-incomplete',
      summary: fill(text('Your server sent part of a reply to {sent}, then {how}.', '서버가 {sent}에 대한 답을 일부만 보내고 {how}.'), {
        sent: e.sent,
        how: r.how === 'timeout' ? text(`nothing more for ${WAIT} ms`, `${WAIT}ms 동안 더 보내지 않았습니다`) : text(`closed (${r.how.toUpperCase()})`, `연결을 닫았습니다(${r.how.toUpperCase()})`),
      }),
      expected,
      actual: r.want
        ? fill(text('{got}: the header says {want} bytes in all, {n} came', '{got}: 헤더는 모두 {want}바이트라는데 {n}바이트만 옴'), { got: hex(r.got), want: r.want, n: r.got.length })
        : hex(r.got),
      cause: text(
        "The length you wrote does not match the bytes that follow it. It counts the op byte and the payload, but not the 4 bytes of the length itself.",
        '쓴 길이가 뒤따르는 바이트 수와 맞지 않습니다. 길이는 op 1바이트와 페이로드를 세고, 길이 자신의 4바이트는 세지 않습니다.',
      ),
      fix: text('head.writeUInt32BE(1 + payload.length, 0)', 'head.writeUInt32BE(1 + payload.length, 0)'),
      section: 'the-frame',
    });
  }
  if (r.kind === 'little-endian') {
    const msg = r.op === OP.error && r.payload ? r.payload.toString('utf8') : undefined;
    if (msg !== undefined && /too large|too big/i.test(msg) && e.request) ctx.fail(readLittleEndian(e, expected, e.request, msg));
    ctx.fail({
      reason: 'reply-length-little-endian',
      summary: text('The length of your reply is little-endian.', '답장의 길이가 리틀 엔디언입니다.'),
      expected,
      actual: fill(text('header {h}: {be} read big-endian; it only makes sense as little-endian ({le})', '헤더 {h}: 빅 엔디언으로 {be}, 리틀 엔디언으로 읽어야 말이 됨({le})'), {
        h: hex(r.head),
        be: r.head.readUInt32BE(0),
        le: r.length,
      }),
      cause: text('writeUInt32LE (or a hand-made header) puts the least significant byte first. Network byte order is big-endian: most significant byte first.', 'writeUInt32LE(또는 손으로 만든 헤더)는 가장 낮은 바이트를 먼저 씁니다. 네트워크 바이트 순서는 빅 엔디언, 즉 가장 높은 바이트가 먼저입니다.'),
      fix: text('head.writeUInt32BE(1 + payload.length, 0)', 'head.writeUInt32BE(1 + payload.length, 0)'),
      section: 'byte-order',
    });
  }
  if (r.kind === 'bad-length') {
    ctx.fail({
      reason: 'reply-bad-length',
      summary: fill(text('Your reply claims a length of {n} bytes.', '답장이 길이를 {n}바이트라고 합니다.'), { n: r.length }),
      expected,
      actual: hex(r.head),
      cause: text('A reply is at least 1 byte (its op) and at most 1 MiB.', '답장은 최소 1바이트(op), 최대 1MiB입니다.'),
      section: 'the-frame',
    });
  }
  // A whole frame, not the expected one.
  const wantOp = e.reply[4]!;
  const actual = describeFrame(r.bytes);
  if (r.op === OP.error && wantOp !== OP.error) {
    const msg = r.payload.toString('utf8');
    if (/too large|too big/i.test(msg) && e.request && e.request.readUInt32LE(0) > MAX_FRAME) ctx.fail(readLittleEndian(e, expected, e.request, msg));
    ctx.fail({
      reason: 'unexpected-error-frame',
      summary: fill(text('Your server answered {sent} with an error frame.', '서버가 {sent}에 오류 프레임으로 답했습니다.'), { sent: e.sent }),
      expected,
      actual,
      cause: text('The request is valid. Read the error message: it says what your server did not accept.', '요청은 올바릅니다. 오류 메시지를 읽어 보세요. 서버가 무엇을 받아들이지 않았는지 나옵니다.'),
      section: 'the-frame',
    });
  }
  if (r.op !== wantOp) {
    ctx.fail({
      reason: 'wrong-reply-op',
      summary: fill(text('Your reply to {sent} has op {got}, not {want}.', '{sent}에 대한 답의 op가 {want}가 아니라 {got}입니다.'), {
        sent: e.sent,
        got: `0x${r.op.toString(16).padStart(2, '0')}`,
        want: `0x${wantOp.toString(16)}`,
      }),
      expected,
      actual,
      cause: text('A reply op is the request op with the high bit set: 0x01 → 0x81, 0x02 → 0x82, 0x03 → 0x83; errors are 0xFF.', '응답 op는 요청 op에 최상위 비트를 켠 값입니다: 0x01 → 0x81, 0x02 → 0x82, 0x03 → 0x83. 오류는 0xFF입니다.'),
      section: 'the-frame',
    });
  }
  const precise = e.wrongPayload?.(r.payload);
  if (precise) ctx.fail({ ...precise, expected, actual });
  ctx.fail({
    reason: 'wrong-reply-payload',
    summary: fill(text('Your reply to {sent} has the wrong payload.', '{sent}에 대한 답의 페이로드가 틀렸습니다.'), { sent: e.sent }),
    expected,
    actual,
    section: 'the-frame',
  });
}

/** The server refused a small, valid frame as "too large": it read the length little-endian. */
function readLittleEndian(e: Exchange, expected: Text, request: Buffer, msg: string): FailureDetails {
  return {
    reason: 'length-read-little-endian',
    summary: fill(text('Your server called {sent} "too large": it read the length little-endian.', '서버가 {sent}를 "너무 크다"고 했습니다. 길이를 리틀 엔디언으로 읽었습니다.'), { sent: e.sent }),
    expected,
    actual: fill(text('an error frame "{msg}"', '오류 프레임 "{msg}"'), { msg }),
    cause: fill(
      text(
        'The request header {h} is {be} read big-endian, but {le} read little-endian (readUInt32LE): far over the 1 MiB limit. Network byte order is big-endian.',
        '요청 헤더 {h}는 빅 엔디언으로 읽으면 {be}이지만 리틀 엔디언(readUInt32LE)으로 읽으면 {le}로, 1MiB 한도를 훌쩍 넘습니다. 네트워크 바이트 순서는 빅 엔디언입니다.',
      ),
      { h: hex(request.subarray(0, 4)), be: request.readUInt32BE(0), le: request.readUInt32LE(0) },
    ),
    fix: text('Read with readUInt32BE(0) and write with writeUInt32BE(n, 0).', 'readUInt32BE(0)으로 읽고 writeUInt32BE(n, 0)으로 쓰세요.'),
    section: 'byte-order',
  };
}

async function connectToServer(ctx: ScenarioContext): Promise<{ server: StartedServer; peer: PeerSocket }> {
  const server = await ctx.startServer();
  const t = ctx.transcript(who.checker, who.server);
  const peer = await ctx.connect(server.port, t);
  return { server, peer };
}

const echoPayloadWrong =
  (sent: Buffer) =>
  (got: Buffer): FailureDetails | undefined => {
    const fffd = Buffer.from([0xef, 0xbf, 0xbd]);
    if (got.includes(fffd) && !sent.includes(fffd)) {
      return {
        reason: 'binary-decoded-as-text',
        summary: text('The echoed bytes came back changed: 0xFF and other non-UTF-8 bytes became EF BF BD (U+FFFD).', '에코한 바이트가 바뀌어 돌아왔습니다. 0xFF 같은 UTF-8이 아닌 바이트가 EF BF BD(U+FFFD)가 되었습니다.'),
        cause: text(
          "The stream was decoded as text (socket.setEncoding('utf8'), readline, or toString() before framing). A binary payload is not UTF-8: each invalid byte becomes the replacement character, and the frame's length no longer matches.",
          "스트림을 텍스트로 디코딩했습니다(socket.setEncoding('utf8'), readline, 또는 프레임을 자르기 전의 toString()). 바이너리 페이로드는 UTF-8이 아닙니다. 잘못된 바이트마다 대체 문자가 되고, 프레임의 길이도 더는 맞지 않습니다.",
        ),
        fix: text('Keep the chunks as Buffers; decode only a payload that is text (ULEN), after the frame is cut.', '덩어리는 Buffer로 두고, 프레임을 자른 뒤 텍스트인 페이로드(ULEN)만 디코딩하세요.'),
        section: 'bytes-not-text',
      };
    }
    return {
      reason: 'echo-payload-changed',
      summary: text('The ECHO reply does not carry the same bytes.', 'ECHO 응답에 같은 바이트가 들어 있지 않습니다.'),
      cause: text('ECHO returns the payload byte for byte: every byte after the op, up to 4 + length.', 'ECHO는 페이로드를 바이트 하나하나 그대로 돌려줍니다. op 다음부터 4 + length까지의 모든 바이트입니다.'),
      section: 'the-frame',
    };
  };

function echo(p: Buffer | string, label?: string): Exchange {
  const payload = typeof p === 'string' ? Buffer.from(p) : p;
  return { sent: label ?? `ECHO ${quoted(payload, 30)}`, request: echoFrame(payload), reply: echoReply(payload), wrongPayload: echoPayloadWrong(payload) };
}

function sum(ns: number[]): Exchange {
  const total = ns.reduce((a, n) => a + BigInt(n), 0n);
  return {
    sent: `SUM [${ns.join(', ')}]`,
    request: sumFrame(ns),
    reply: sumReply(total),
    wrongPayload: (got) => {
      if (got.length !== 8) {
        return {
          reason: 'sum-reply-not-8-bytes',
          summary: fill(text('The SUM reply payload is {n} bytes, not 8.', 'SUM 응답 페이로드가 8바이트가 아니라 {n}바이트입니다.'), { n: got.length }),
          cause: text('The sum is an int64: 8 bytes, big-endian (writeBigInt64BE). writeInt32BE writes only 4.', '합은 int64, 즉 빅 엔디언 8바이트입니다(writeBigInt64BE). writeInt32BE는 4바이트만 씁니다.'),
          fix: text('const out = Buffer.alloc(8); out.writeBigInt64BE(sum, 0);', 'const out = Buffer.alloc(8); out.writeBigInt64BE(sum, 0);'),
          section: 'sum-64-bit',
        };
      }
      const v = got.readBigInt64BE(0);
      if (v === BigInt.asIntN(32, total)) {
        return {
          reason: 'sum-overflows-32-bit',
          summary: fill(text('SUM gave {v}: the sum wrapped around at 32 bits.', 'SUM 결과가 {v}입니다. 합이 32비트에서 넘쳐 한 바퀴 돌았습니다.'), { v: String(v) }),
          cause: fill(
            text(
              '{t} does not fit in an int32. `| 0`, Int32Array or writeInt32BE keep only the low 32 bits.',
              '{t}은(는) int32에 들어가지 않습니다. `| 0`, Int32Array, writeInt32BE는 아래 32비트만 남깁니다.',
            ),
            { t: String(total) },
          ),
          fix: text('Add with BigInt: let sum = 0n; sum += BigInt(payload.readInt32BE(i)); then writeBigInt64BE.', 'BigInt로 더하세요: let sum = 0n; sum += BigInt(payload.readInt32BE(i)); 그리고 writeBigInt64BE.'),
          section: 'sum-64-bit',
        };
      }
      const unsigned = ns.reduce((a, n) => a + BigInt(n >>> 0), 0n);
      const highBytes = sumPayloadBytes(ns).some((b) => b >= 0x80);
      return {
        reason: 'sum-wrong',
        summary: fill(text('SUM gave {v}, not {t}.', 'SUM 결과가 {t}가 아니라 {v}입니다.'), { v: String(v), t: String(total) }),
        cause:
          v === unsigned
            ? text('The numbers were read unsigned (readUInt32BE): -1 became 4294967295. They are signed int32: readInt32BE.', '수를 부호 없이(readUInt32BE) 읽었습니다. -1이 4294967295가 되었습니다. 부호 있는 int32이니 readInt32BE로 읽으세요.')
            : highBytes
              ? text(
                  "Negative numbers are made of bytes like 0xFF. If the stream is decoded as text (socket.setEncoding('utf8')), each such byte becomes EF BF BD and the numbers change. Otherwise: read each 4 bytes with readInt32BE, right after the op.",
                  "음수는 0xFF 같은 바이트로 이루어집니다. 스트림을 텍스트로 디코딩하면(socket.setEncoding('utf8')) 그런 바이트가 EF BF BD로 바뀌어 수가 달라집니다. 그게 아니라면 op 바로 다음부터 4바이트씩 readInt32BE로 읽으세요.",
                )
              : text('Read each 4 bytes with readInt32BE (signed, big-endian), starting right after the op.', 'op 바로 다음부터 4바이트씩 readInt32BE(부호 있음, 빅 엔디언)로 읽으세요.'),
        section: highBytes ? 'bytes-not-text' : 'sum-64-bit',
      };
    },
  };
}

function ulen(s: string): Exchange {
  const bytes = Buffer.byteLength(s);
  const cps = [...s].length;
  return {
    sent: `ULEN ${quoted(s)}`,
    request: ulenFrame(s),
    reply: ulenReply(cps, bytes),
    wrongPayload: (got) => {
      if (got.length === 8 && got.readUInt32BE(0) === s.length && s.length !== cps) {
        return {
          reason: 'ulen-counts-utf16',
          summary: fill(text('ULEN {s} counted {n} characters, not {cp} code points.', 'ULEN {s}이(가) 코드 포인트 {cp}개가 아니라 문자 {n}개를 셌습니다.'), { s: quoted(s), n: s.length, cp: cps }),
          cause: text(
            "string.length counts UTF-16 code units: '😀' is 2 of them, though it is one code point.",
            "string.length는 UTF-16 코드 유닛을 셉니다. '😀'는 코드 포인트 하나지만 코드 유닛은 2개입니다.",
          ),
          fix: text('[...text].length counts code points (the string iterator walks code points).', '[...text].length가 코드 포인트를 셉니다(문자열 반복자는 코드 포인트 단위로 돕니다).'),
          section: 'ulen-code-points',
        };
      }
      return {
        reason: 'ulen-wrong',
        summary: fill(text('ULEN {s} should give {cp} code points and {b} bytes.', 'ULEN {s}은(는) 코드 포인트 {cp}개, {b}바이트여야 합니다.'), { s: quoted(s), cp: cps, b: bytes }),
        cause: text('The payload is two u32 BE: first the code points of the decoded text, then the number of payload bytes.', '페이로드는 u32 BE 두 개입니다. 먼저 디코딩한 텍스트의 코드 포인트 수, 그다음 페이로드 바이트 수.'),
        section: 'ulen-code-points',
      };
    },
  };
}

/** Every frame in `requests` is answered in order. */
async function expectReplies(ctx: ScenarioContext, server: StartedServer, peer: PeerSocket, list: Exchange[]): Promise<void> {
  for (const e of list) await expectReply(ctx, server, peer, e);
}

function requestOf(e: Exchange, req: Buffer): { req: Buffer; e: Exchange } {
  return { req, e };
}

/** The bad-payload frames: each answered with 0xFF, and the connection stays open. */
function badPayload(sent: string, reason: 'unknown-op-not-rejected' | 'bad-sum-not-rejected' | 'bad-utf8-not-rejected'): Exchange {
  const details: Record<typeof reason, FailureDetails> = {
    'unknown-op-not-rejected': {
      reason: 'unknown-op-not-rejected',
      summary: text('An unknown op did not get an error frame.', '모르는 op에 오류 프레임이 오지 않았습니다.'),
      cause: text('Any op other than 0x01, 0x02, 0x03 is answered with 0xFF + a message; the frame is still whole, so the connection goes on.', '0x01, 0x02, 0x03이 아닌 op에는 0xFF + 메시지로 답합니다. 프레임 자체는 온전하므로 연결은 계속됩니다.'),
      fix: text("default: return errorFrame(`unknown op 0x${op.toString(16)}`)", "default: return errorFrame(`unknown op 0x${op.toString(16)}`)"),
      section: 'errors',
    },
    'bad-sum-not-rejected': {
      reason: 'bad-sum-not-rejected',
      summary: text('A SUM payload of 5 bytes (not a multiple of 4) did not get an error frame.', '5바이트(4의 배수가 아님) SUM 페이로드에 오류 프레임이 오지 않았습니다.'),
      cause: text('A payload that is not k × 4 bytes is not a list of int32: answer 0xFF instead of guessing.', 'k × 4바이트가 아닌 페이로드는 int32 목록이 아닙니다. 짐작하지 말고 0xFF로 답하세요.'),
      fix: text("if (payload.length % 4 !== 0) return errorFrame('SUM payload must be a multiple of 4 bytes')", "if (payload.length % 4 !== 0) return errorFrame('SUM payload must be a multiple of 4 bytes')"),
      section: 'errors',
    },
    'bad-utf8-not-rejected': {
      reason: 'bad-utf8-not-rejected',
      summary: text('A ULEN payload that is not valid UTF-8 (C3 28) did not get an error frame.', '올바른 UTF-8이 아닌 ULEN 페이로드(C3 28)에 오류 프레임이 오지 않았습니다.'),
      cause: text(
        "buffer.toString('utf8') never fails: it turns invalid bytes into U+FFFD and the count is then made up.",
        "buffer.toString('utf8')은 절대 실패하지 않습니다. 잘못된 바이트를 U+FFFD로 바꾸므로 센 값이 지어낸 값이 됩니다.",
      ),
      fix: text("new TextDecoder('utf-8', { fatal: true }).decode(payload) throws on invalid UTF-8: catch it and answer 0xFF.", "new TextDecoder('utf-8', { fatal: true }).decode(payload)는 잘못된 UTF-8에서 예외를 던집니다. 잡아서 0xFF로 답하세요."),
      section: 'errors',
    },
  };
  const d = details[reason];
  // Any 0xFF frame will do: the reply is checked by op only (see badReply below).
  return { sent, reply: errorReply(''), noReply: d, wrongPayload: () => d };
}

/** Reads one reply that must be an error frame (any non-empty message) and not a close. */
async function expectErrorFrame(ctx: ScenarioContext, server: StartedServer, peer: PeerSocket, e: Exchange): Promise<void> {
  const r: FrameRead = await readFrame(peer, WAIT);
  if (r.kind === 'frame' && r.op === OP.error && r.payload.length > 0) return;
  const expected = fill(text('0xFF + a UTF-8 message, in reply to {sent}; the connection stays open', '{sent}에 대한 답으로 0xFF + UTF-8 메시지, 연결은 유지'), { sent: e.sent });
  if (r.kind === 'nothing' && r.how !== 'timeout') {
    await failIfCrashed(ctx, server.program);
    ctx.fail({
      reason: 'closed-after-bad-payload',
      summary: fill(text('Your server closed the connection after {sent}.', '서버가 {sent} 뒤에 연결을 닫았습니다.'), { sent: e.sent }),
      expected,
      actual: r.how.toUpperCase(),
      cause: text(
        'A bad payload inside a well-framed frame is a mistake in one request, not in the stream: the next frame still starts at a known place.',
        '프레임은 온전한데 페이로드만 잘못된 것은 요청 하나의 실수이지 스트림의 고장이 아닙니다. 다음 프레임이 어디서 시작하는지 여전히 압니다.',
      ),
      fix: text('Answer 0xFF + message with socket.write (not end) and keep reading.', 'socket.write(end가 아님)로 0xFF + 메시지를 보내고 계속 읽으세요.'),
      section: 'errors',
    });
  }
  if (r.kind === 'nothing') await failIfCrashed(ctx, server.program, 0);
  ctx.fail({
    ...e.noReply!,
    expected,
    actual:
      r.kind === 'frame'
        ? describeFrame(r.bytes)
        : r.kind === 'nothing'
          ? text(`nothing for ${WAIT} ms`, `${WAIT}ms 동안 아무것도 없음`)
          : r.kind === 'partial'
            ? hex(r.got)
            : hex(r.head),
  });
}

/** Writes `bytes` of filler straight to the socket (not the transcript), for at most `ms`. */
async function pushFiller(peer: PeerSocket, bytes: number, ms: number): Promise<number> {
  const chunk = Buffer.alloc(64 * 1024, 0x41);
  const deadline = Date.now() + ms;
  let sent = 0;
  while (sent < bytes && Date.now() < deadline && !peer.socket.destroyed && peer.closed === undefined) {
    const ok = peer.socket.write(chunk);
    sent += chunk.length;
    if (!ok) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
        peer.socket.once('drain', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
  return sent;
}

const sumPayloadBytes = (ns: number[]) => [...sumPayload(ns)];

const mib = (n: number | undefined) => (n === undefined ? '?' : (n / 1024 / 1024).toFixed(0));

// ───────────────────────────── the learner's client ─────────────────────────────

interface ClientPlan {
  args: string[];
  /** The frames the client must send, in order. */
  requests: Buffer[];
  /** The checker's answer, once all requests are in. */
  serve: (peer: PeerSocket) => Promise<void>;
  lines: string[];
  exitCode: 0 | 1;
  /** The replies all came in one write (so stopping after one line means one chunk = one frame). */
  oneWrite?: boolean;
}

function clientLines(stdout: string): string[] {
  const lines = stdout.replace(/\r\n/g, '\n').split('\n');
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  return lines;
}

async function clientSendsRequests(ctx: ScenarioContext, peer: PeerSocket, client: Program, plan: ClientPlan): Promise<void> {
  const expectedAll = text(
    `${plan.requests.length} frame(s) for "client.ts ${plan.args.join(' ')}": ${plan.requests.map((f) => describeFrame(f)).join('; ')}`,
    `"client.ts ${plan.args.join(' ')}"에 대한 프레임 ${plan.requests.length}개: ${plan.requests.map((f) => describeFrame(f)).join('; ')}`,
  );
  for (const [i, want] of plan.requests.entries()) {
    const r = await readFrame(peer, WAIT);
    if (r.kind === 'frame' && r.bytes.equals(want)) continue;
    if (r.kind === 'nothing' || (r.kind === 'partial' && r.got.length === 0)) {
      const exit = client.exitInfo ?? (await client.waitExit(r.kind === 'nothing' && r.how === 'timeout' ? 0 : 300));
      if (i === 0 && exit && exit.code !== 0 && /Error|at .*\.ts:\d+/.test(client.stderr())) {
        ctx.fail(programFailure('client.ts', exit, client, 'during-exchange'));
      }
      if (i > 0 && r.kind === 'nothing' && r.how === 'timeout') {
        ctx.fail({
          reason: 'client-not-pipelined',
          summary: fill(text('Your client sent {i} frame(s), then waited: the other requests never came.', '클라이언트가 프레임 {i}개를 보내고 기다렸습니다. 나머지 요청이 오지 않았습니다.'), { i }),
          expected: expectedAll,
          actual: fill(text('{i} frame(s), then nothing for {ms} ms', '프레임 {i}개, 그다음 {ms}ms 동안 아무것도 없음'), { i, ms: WAIT }),
          cause: text(
            'The client sends every request at once (pipelining) and then matches the replies by order. The checker answers when all requests are in.',
            '클라이언트는 요청을 모두 한꺼번에 보내고(파이프라이닝) 응답을 순서로 맞춥니다. 검사기는 요청이 다 들어온 뒤에 답합니다.',
          ),
          fix: text('Build one frame per operation and write them all in the connect callback.', '연산마다 프레임을 하나씩 만들어 connect 콜백에서 모두 쓰세요.'),
          section: 'the-client',
        });
      }
      ctx.fail({
        reason: 'client-sent-nothing',
        summary: exit
          ? fill(text('Your client {how} without sending a frame.', '클라이언트가 프레임을 보내지 않고 {how}.'), { how: describeExit(exit) })
          : r.kind === 'nothing' && r.how !== 'timeout'
            ? fill(text('Your client closed the connection ({how}) without sending a frame.', '클라이언트가 프레임을 보내지 않고 연결을 닫았습니다({how}).'), { how: r.how.toUpperCase() })
            : fill(text('Your client sent nothing within {ms} ms.', '클라이언트가 {ms}ms 안에 아무것도 보내지 않았습니다.'), { ms: WAIT }),
        expected: expectedAll,
        actual: text('nothing', '아무것도 오지 않음'),
        cause: text('Once connected, the client writes one frame per operation given on its command line.', '접속하면 클라이언트는 명령줄에 받은 연산마다 프레임을 하나씩 씁니다.'),
        fix: text('socket.write(Buffer.concat(frames)) in the connect callback.', 'connect 콜백에서 socket.write(Buffer.concat(frames)).'),
        section: 'the-client',
      });
    }
    if (r.kind === 'little-endian') {
      ctx.fail({
        reason: 'client-frame-length-little-endian',
        summary: text('Your client wrote the frame length little-endian.', '클라이언트가 프레임 길이를 리틀 엔디언으로 썼습니다.'),
        expected: describeFrame(want),
        actual: fill(text('header {h} ({be} read big-endian, {le} little-endian)', '헤더 {h}(빅 엔디언으로 {be}, 리틀 엔디언으로 {le})'), { h: hex(r.head), be: r.head.readUInt32BE(0), le: r.length }),
        cause: text('Every multi-byte number in this protocol is big-endian (network byte order).', '이 프로토콜의 여러 바이트짜리 수는 모두 빅 엔디언(네트워크 바이트 순서)입니다.'),
        fix: text('head.writeUInt32BE(1 + payload.length, 0)', 'head.writeUInt32BE(1 + payload.length, 0)'),
        section: 'byte-order',
      });
    }
    ctx.fail({
      reason: 'client-wrong-request',
      summary: fill(text('Request {n} of your client is not the expected frame.', '클라이언트의 {n}번째 요청이 기대한 프레임이 아닙니다.'), { n: i + 1 }),
      expected: fill(text('{f}\n(from: client.ts {args})', '{f}\n(명령: client.ts {args})'), { f: describeFrame(want), args: plan.args.join(' ') }),
      actual:
        r.kind === 'frame'
          ? describeFrame(r.bytes)
          : r.kind === 'partial'
            ? fill(text('{h}, then nothing more', '{h}, 그 뒤로 더 없음'), { h: hex(r.got) })
            : r.kind === 'bad-length'
              ? fill(text('a header claiming {n} bytes: {h}', '{n}바이트라는 헤더: {h}'), { n: r.length, h: hex(r.head) })
              : text('nothing', '없음'),
      cause: text(
        'Frame = u32 BE length of op + payload, u8 op (ECHO 0x01, SUM 0x02, ULEN 0x03), payload (text as UTF-8; SUM numbers as int32 BE).',
        '프레임 = op + 페이로드의 길이(u32 BE), op(u8: ECHO 0x01, SUM 0x02, ULEN 0x03), 페이로드(텍스트는 UTF-8, SUM의 수는 int32 BE).',
      ),
      section: 'the-frame',
    });
  }
}

/** The 32-bit readings of an int64 a client might print instead of the real value. */
function thirtyTwoBitReadings(v: bigint): string[] {
  const b = Buffer.alloc(8);
  b.writeBigInt64BE(v, 0);
  return [b.readInt32BE(0), b.readInt32BE(4), b.readUInt32BE(0), b.readUInt32BE(4)].map(String);
}

async function runClientPlan(ctx: ScenarioContext, plan: ClientPlan): Promise<void> {
  const t = ctx.transcript(who.client, who.checkerServer);
  const server = await ctx.listenPeer(t);
  const client = ctx.startClient({ port: server.port, args: plan.args });
  const peer = await acceptClient(ctx, server, client);
  await clientSendsRequests(ctx, peer, client, plan);
  await plan.serve(peer);
  // When the client closes its side, close ours too (it may wait for that to exit).
  void peer.waitClosed(6000).then(() => peer.halfClose());

  let exit = await client.waitExit(2500);
  let afterOurClose = false;
  if (!exit) {
    peer.halfClose();
    exit = await client.waitExit(1500);
    afterOurClose = exit !== undefined;
  }
  if (!exit) await client.kill();
  const lines = clientLines(client.stdout());
  const out = `${client.stdout()}\n${client.stderr()}`;
  const expected = fill(text('{lines} on stdout, then exit code {code}', '표준 출력에 {lines}, 그다음 종료 코드 {code}'), { code: plan.exitCode, lines: quoted(plan.lines.map((l) => `${l}\n`).join(''), 200) });
  const actual = fill(text('{lines} ({how})', '{lines} ({how})'), {
    lines: lines.length > 0 ? quoted(client.stdout(), 200) : text('nothing printed', '출력 없음'),
    how: exit ? describeExit(exit) : describeExit('timeout', 4000),
  });
  const same = lines.length === plan.lines.length && lines.every((l, i) => l.trimEnd() === plan.lines[i]);

  if (exit && exit.code !== 0 && /ERR_BUFFER_OUT_OF_BOUNDS|outside buffer bounds|"offset" is out of range/.test(client.stderr())) {
    ctx.fail({
      reason: 'client-header-assumed-whole',
      summary: text('Your client crashed reading reply bytes that had not arrived yet.', '클라이언트가 아직 도착하지 않은 응답 바이트를 읽다가 죽었습니다.'),
      expected,
      actual,
      cause: text(
        "The replies came cut inside their 4-byte headers. readUInt32BE(0) on fewer than 4 bytes throws ERR_BUFFER_OUT_OF_BOUNDS.",
        '응답이 4바이트 헤더 한가운데서 잘려 왔습니다. 4바이트가 안 되는 버퍼에 readUInt32BE(0)을 하면 ERR_BUFFER_OUT_OF_BOUNDS가 납니다.',
      ),
      fix: text('Buffer what arrives; read the length only once you have 4 bytes, and the frame once you have 4 + length.', '도착한 것을 모아 두고, 4바이트가 모이면 길이를, 4 + length바이트가 모이면 프레임을 읽으세요.'),
      section: 'reading-frames',
    });
  }
  if (!same && /too large|too big|exceed|limit|1006632|83886080|150994944|16777216/i.test(out) && plan.exitCode === 0) {
    ctx.fail({
      reason: 'client-length-little-endian',
      summary: text('Your client refused small replies as too large: it read their length little-endian.', '클라이언트가 작은 응답을 너무 크다며 거절했습니다. 길이를 리틀 엔디언으로 읽었습니다.'),
      expected,
      actual,
      cause: text('00 00 00 06 is 6 read big-endian, but 100663296 read little-endian (readUInt32LE).', '00 00 00 06은 빅 엔디언으로 6이지만 리틀 엔디언(readUInt32LE)으로는 100663296입니다.'),
      fix: text('Read the reply length with readUInt32BE(0).', '응답 길이는 readUInt32BE(0)으로 읽으세요.'),
      section: 'byte-order',
    });
  }
  if (same && afterOurClose && plan.exitCode === 0) {
    ctx.fail({
      reason: 'client-waits-for-close',
      summary: text('Your client printed the replies only after the server closed the connection.', '클라이언트가 서버가 연결을 닫은 뒤에야 응답을 출력했습니다.'),
      expected,
      actual,
      cause: text(
        'A length prefix tells you where each reply ends: there is no need to wait for the end of the stream, and a real server keeps the connection open.',
        '길이 접두사가 각 응답이 어디서 끝나는지 알려 줍니다. 스트림이 끝나길 기다릴 필요가 없고, 실제 서버는 연결을 열어 둡니다.',
      ),
      fix: text('Print each reply as soon as its frame is complete; close when every operation has its reply.', '프레임이 완성되는 즉시 응답을 출력하고, 모든 연산이 응답을 받으면 닫으세요.'),
      section: 'the-client',
    });
  }
  if (!same) {
    for (const [i, want] of plan.lines.entries()) {
      const m = /^sum (-?\d+)$/.exec(want);
      const got = /^sum (-?\d+)$/.exec(lines[i]?.trimEnd() ?? '');
      if (m && got && got[1] !== m[1] && thirtyTwoBitReadings(BigInt(m[1]!)).includes(got[1]!)) {
        ctx.fail({
          reason: 'client-sum-read-32-bit',
          summary: fill(text('Your client printed "{got}" for the sum {want}: it read 32 of the 64 bits.', '클라이언트가 합 {want}에 대해 "{got}"를 출력했습니다. 64비트 중 32비트만 읽었습니다.'), { got: lines[i]!, want: m[1]! }),
          expected,
          actual,
          cause: text('The SUM reply is an int64 (8 bytes). readInt32BE reads only half of it.', 'SUM 응답은 int64(8바이트)입니다. readInt32BE는 그 절반만 읽습니다.'),
          fix: text('payload.readBigInt64BE(0), printed as is (a BigInt prints without a trailing n in a template string).', 'payload.readBigInt64BE(0)을 그대로 출력하세요(템플릿 문자열 안의 BigInt는 끝에 n 없이 찍힙니다).'),
          section: 'sum-64-bit',
        });
      }
    }
  }
  const prefix = lines.length > 0 && lines.length < plan.lines.length && lines.every((l, i) => l.trimEnd() === plan.lines[i]);
  if (plan.oneWrite && prefix && lines.length === 1) {
      ctx.fail({
        reason: 'client-one-chunk-one-frame',
        summary: fill(text('Your client printed the first reply only; the other {n} came in the same chunk.', '클라이언트가 첫 응답만 출력했습니다. 나머지 {n}개는 같은 덩어리에 들어 있었습니다.'), { n: plan.lines.length - 1 }),
        expected,
        actual,
        cause: text(
          "The replies arrived in one write, so in one 'data' event. Treating a chunk as one frame drops the frames after the first.",
          "응답이 한 번의 write로, 즉 'data' 이벤트 하나로 왔습니다. 덩어리 하나를 프레임 하나로 다루면 첫 프레임 뒤의 프레임을 버리게 됩니다.",
        ),
        fix: text('After taking one frame, loop: the rest of the buffer may hold more frames.', '프레임 하나를 꺼낸 뒤에도 반복하세요. 버퍼의 나머지에 프레임이 더 있을 수 있습니다.'),
        section: 'reading-frames',
      });
  }
  if (!exit) {
    ctx.fail({
      reason: 'client-hangs',
      summary: text('Your client did not finish, even after the server closed the connection.', '서버가 연결을 닫은 뒤에도 클라이언트가 끝나지 않았습니다.'),
      expected,
      actual,
      cause: text(
        'Likely: it reads the length little-endian and waits for millions of bytes; it does not loop over several frames in one chunk; or it does not close once every operation has its reply.',
        '흔한 원인: 길이를 리틀 엔디언으로 읽어 수백만 바이트를 기다림, 한 덩어리에 든 여러 프레임을 반복해서 꺼내지 않음, 모든 연산이 응답을 받은 뒤에도 닫지 않음.',
      ),
      fix: text("Count the replies; when there is one per operation, socket.end(). Also handle 'end' (exit 1 if replies are missing).", "응답 수를 세어 연산마다 하나씩 다 받으면 socket.end() 하세요. 'end'도 처리하세요(응답이 모자라면 종료 코드 1)."),
      section: 'the-client',
    });
  }
  if (!same) {
    ctx.fail({
      reason: 'client-wrong-output',
      summary: text('Your client did not print one line per reply, as expected.', '클라이언트가 기대한 대로 응답마다 한 줄씩 출력하지 않았습니다.'),
      expected,
      actual,
      cause: text(
        'One line per reply, in order: `echo <text>`, `sum <n>`, `ulen <code points> <bytes>`, `error <message>`. An error frame that leaves the connection open is just another line.',
        '응답마다 한 줄씩, 순서대로: `echo <텍스트>`, `sum <n>`, `ulen <코드 포인트> <바이트>`, `error <메시지>`. 연결을 유지하는 오류 프레임도 그냥 한 줄입니다.',
      ),
      section: 'the-client',
    });
  }
  if (exit.code !== plan.exitCode) {
    if (plan.exitCode === 0 && /^\s+at .*\.ts:\d+/m.test(client.stderr())) ctx.fail(programFailure('client.ts', exit, client, 'during-exchange'));
    ctx.fail({
      reason: 'client-wrong-exit-code',
      summary: fill(text('Your client printed the right lines but exited with code {got}, not {want}.', '클라이언트가 올바른 줄을 출력했지만 종료 코드가 {want}가 아니라 {got}입니다.'), { got: String(exit.code), want: plan.exitCode }),
      expected,
      actual,
      cause:
        plan.exitCode === 1
          ? text('The server closed the connection before every operation had its reply: that is a failure, exit code 1.', '모든 연산이 응답을 받기 전에 서버가 연결을 닫았습니다. 실패이므로 종료 코드 1입니다.')
          : text('Every operation got a reply (error frames included): exit code 0.', '모든 연산이 응답(오류 프레임 포함)을 받았으니 종료 코드 0입니다.'),
      fix: text("In socket.on('end'): if replies < operations, process.exitCode = 1.", "socket.on('end')에서: 응답 수 < 연산 수이면 process.exitCode = 1."),
      section: 'the-client',
    });
  }
}

// ───────────────────────────── scenarios ─────────────────────────────

export default defineScenarios([
  {
    id: 'echo-one-frame',
    title: text('server: one ECHO frame → 0x81 + the same bytes (T1)', '서버: ECHO 프레임 하나 → 0x81 + 같은 바이트 (T1)'),
    async run(ctx) {
      const { server, peer } = await connectToServer(ctx);
      await peer.send(echoFrame('hello'));
      await expectReply(ctx, server, peer, { ...echo('hello'), probeNewline: true });
    },
  },
  {
    id: 'ten-frames-in-one-write',
    title: text('server: 10 frames in one write → 10 replies, in order (T2)', '서버: 한 번의 write에 프레임 10개 → 응답 10개, 순서대로 (T2)'),
    async run(ctx) {
      const { server, peer } = await connectToServer(ctx);
      const list = [
        requestOf(echo('one'), echoFrame('one')),
        requestOf(sum([1, 2]), sumFrame([1, 2])),
        requestOf(ulen('abc'), ulenFrame('abc')),
        requestOf(echo('four'), echoFrame('four')),
        requestOf(sum([-5]), sumFrame([-5])),
        requestOf(echo('six'), echoFrame('six')),
        requestOf(ulen('안녕'), ulenFrame('안녕')),
        requestOf(sum([10, 20, 30]), sumFrame([10, 20, 30])),
        requestOf(echo('nine'), echoFrame('nine')),
        requestOf(echo('ten'), echoFrame('ten')),
      ];
      peer.transcript.note(text('10 frames in one write:', '한 번의 write에 프레임 10개:'));
      await peer.send(Buffer.concat(list.map((x) => x.req)));
      for (const [i, { e }] of list.entries()) {
        const onlyFirst: FailureDetails = {
          reason: 'only-first-frame-per-chunk',
          summary: fill(text('Your server answered {i} of the 10 frames that came in one write, then nothing.', '서버가 한 번에 온 프레임 10개 중 {i}개에만 답하고 멈췄습니다.'), { i }),
          expected: expectedText(e),
          actual: text(`nothing for ${WAIT} ms`, `${WAIT}ms 동안 아무것도 없음`),
          cause: text(
            "The 10 frames arrived in one 'data' event. Handling one frame per chunk leaves the rest unanswered.",
            "프레임 10개가 'data' 이벤트 하나로 왔습니다. 덩어리마다 프레임 하나만 처리하면 나머지는 답을 못 받습니다.",
          ),
          fix: text('After taking a frame, loop while the buffer still holds a whole frame.', '프레임을 하나 꺼낸 뒤, 버퍼에 온전한 프레임이 남아 있는 동안 반복하세요.'),
          section: 'reading-frames',
        };
        await expectReply(ctx, server, peer, i > 0 ? { ...e, noReply: onlyFirst } : e);
      }
    },
  },
  {
    id: 'frames-byte-by-byte',
    title: text('server: frames arrive one byte at a time, cut inside the 4-byte header (T3)', '서버: 프레임이 한 바이트씩, 4바이트 헤더 한가운데서 잘려 도착 (T3)'),
    timing: true,
    async run(ctx) {
      const { server, peer } = await connectToServer(ctx);
      peer.transcript.note(text('ECHO "byte" and SUM [7, 8], one byte per write:', 'ECHO "byte"와 SUM [7, 8]을 한 바이트씩:'));
      await peer.sendByteByByte(Buffer.concat([echoFrame('byte'), sumFrame([7, 8])]), 15);
      await expectReplies(ctx, server, peer, [echo('byte'), sum([7, 8])]);
      // Then two frames cut inside the second header: the end of one frame and the start of the next in one chunk.
      const two = Buffer.concat([echoFrame('left'), echoFrame('right')]);
      peer.transcript.note(text('two frames, cut inside the second header:', '프레임 두 개, 두 번째 헤더 안에서 잘림:'));
      await peer.sendSplitAt(two, [3, 11], 60);
      await expectReplies(ctx, server, peer, [echo('left'), echo('right')]);
    },
  },
  {
    id: 'sum-needs-64-bits',
    title: text('server: SUM [-1, 2147483647, 2147483647] → 4294967293, an int64 (T4)', '서버: SUM [-1, 2147483647, 2147483647] → 4294967293, int64 (T4)'),
    async run(ctx) {
      const { server, peer } = await connectToServer(ctx);
      const a = [-1, 2147483647, 2147483647];
      const b = [-2147483648, -2147483648, -5];
      await peer.send(sumFrame(a));
      await expectReply(ctx, server, peer, sum(a));
      await peer.send(sumFrame(b));
      await expectReply(ctx, server, peer, sum(b));
    },
  },
  {
    id: 'ulen-counts-code-points',
    title: text('server: ULEN "😀안녕" → 3 code points, 10 bytes (T5)', '서버: ULEN "😀안녕" → 코드 포인트 3개, 10바이트 (T5)'),
    async run(ctx) {
      const { server, peer } = await connectToServer(ctx);
      await peer.send(ulenFrame('😀안녕'));
      await expectReply(ctx, server, peer, ulen('😀안녕'));
      await peer.send(ulenFrame('héllo wörld'));
      await expectReply(ctx, server, peer, ulen('héllo wörld'));
    },
  },
  {
    id: 'echo-binary-bytes',
    title: text('server: ECHO of bytes that are not text (0x00, 0x0A, 0xFF, …) comes back unchanged (T6)', '서버: 텍스트가 아닌 바이트(0x00, 0x0A, 0xFF, …)의 ECHO가 그대로 돌아옴 (T6)'),
    async run(ctx) {
      const { server, peer } = await connectToServer(ctx);
      const payload = Buffer.from([0x00, 0x0a, 0xff, 0x41, 0x0d, 0x0a, 0xc3, 0x28, 0x80, 0x00, 0xfe]);
      await peer.send(echoFrame(payload));
      await expectReply(ctx, server, peer, echo(payload, `ECHO [${hex(payload)}]`));
      await peer.send(echoFrame('after'));
      await expectReply(ctx, server, peer, echo('after'));
    },
  },
  {
    id: 'empty-payloads',
    title: text('server: frames of length 1 (op only): ECHO "", SUM of nothing, ULEN ""', '서버: 길이 1(op만)인 프레임: ECHO "", 빈 SUM, ULEN ""'),
    async run(ctx) {
      const { server, peer } = await connectToServer(ctx);
      await peer.send(Buffer.concat([echoFrame(''), sumFrame([]), ulenFrame('')]));
      await expectReplies(ctx, server, peer, [echo(''), sum([]), ulen('')]);
    },
  },
  {
    id: 'bad-payloads-keep-connection',
    title: text('server: unknown op, SUM of 5 bytes, ULEN of invalid UTF-8 → 0xFF each; the connection stays open', '서버: 모르는 op, 5바이트 SUM, 잘못된 UTF-8의 ULEN → 각각 0xFF, 연결은 유지'),
    async run(ctx) {
      const { server, peer } = await connectToServer(ctx);
      const cases: Array<[Buffer, Exchange]> = [
        [frame(0x7e, 'x'), badPayload('op 0x7E', 'unknown-op-not-rejected')],
        [frame(OP.sum, Buffer.from([0, 0, 0, 1, 2])), badPayload('SUM with a 5-byte payload', 'bad-sum-not-rejected')],
        [frame(OP.ulen, Buffer.from([0x61, 0xc3, 0x28])), badPayload('ULEN [61 c3 28] (not UTF-8)', 'bad-utf8-not-rejected')],
      ];
      for (const [req, e] of cases) {
        await peer.send(req);
        await expectErrorFrame(ctx, server, peer, e);
      }
      await peer.send(echoFrame('still here'));
      await expectReply(ctx, server, peer, echo('still here'));
    },
  },
  {
    id: 'huge-length-refused',
    title: text('server: a header claiming 0xFFFFFFFF bytes → 0xFF "frame too large", close; memory stays flat (T7)', '서버: 0xFFFFFFFF바이트라는 헤더 → 0xFF "frame too large" 후 종료, 메모리는 그대로 (T7)'),
    limitMs: 15000,
    async run(ctx) {
      const { server, peer } = await connectToServer(ctx);
      const before = await server.program.memory();
      const r = await readFrameAfter(peer, Buffer.from([0xff, 0xff, 0xff, 0xff]));
      if (r.kind === 'nothing' && r.how === 'timeout' && !server.program.done) {
        // It is waiting for 4 GiB. Show what that costs: send 16 MiB and watch its memory.
        peer.transcript.note(text('… the checker now sends 16 MiB of filler …', '… 검사기가 이제 16MiB를 채워 보냅니다 …'));
        const sent = await pushFiller(peer, 16 * 1024 * 1024, 4000);
        await new Promise((resolve) => setTimeout(resolve, 300));
        const after = await server.program.memory();
        ctx.fail({
          reason: 'trusts-length',
          summary: text('Your server believed a peer that claimed a 4 GiB frame, and waited for it.', '서버가 4GiB짜리 프레임이라는 상대의 말을 믿고 그것을 기다렸습니다.'),
          expected: describeFrame(errorReply('frame too large')),
          actual: fill(
            text(
              'nothing for {ms} ms; then, as the checker sent {sent} MiB more, your server grew from {a} MiB to {b} MiB of memory (RSS)',
              '{ms}ms 동안 아무것도 없음. 검사기가 {sent}MiB를 더 보내자 서버 메모리(RSS)가 {a}MiB에서 {b}MiB로 늘어남',
            ),
            { ms: WAIT, sent: mib(sent), a: mib(before), b: mib(after) },
          ),
          cause: text(
            'The length is whatever the peer says. Waiting for it (or Buffer.alloc(length)) lets any client make your server hold gigabytes: one connection is enough to take it down.',
            '길이는 상대가 말하는 대로의 값일 뿐입니다. 그만큼 기다리거나 Buffer.alloc(length)를 하면 어느 클라이언트든 서버가 기가바이트를 붙잡게 만들 수 있고, 연결 하나로 서버를 쓰러뜨릴 수 있습니다.',
          ),
          fix: text(
            "Check the length as soon as the 4 header bytes are in: if (length === 0 || length > 1024 * 1024) { socket.end(errorFrame('frame too large')); }",
            "헤더 4바이트가 들어오자마자 길이를 확인하세요: if (length === 0 || length > 1024 * 1024) { socket.end(errorFrame('frame too large')); }",
          ),
          section: 'limits',
        });
      }
      await expectFatalErrorFrom(ctx, server, peer, r, 'a header claiming 0xFFFFFFFF bytes', 'frame too large', {
        reason: 'trusts-length',
        summary: text('Your server did not refuse a header claiming 0xFFFFFFFF bytes.', '서버가 0xFFFFFFFF바이트라는 헤더를 거절하지 않았습니다.'),
        cause: text('Any length over 1 MiB is answered with 0xFF "frame too large", then the connection closes.', '1MiB를 넘는 길이에는 0xFF "frame too large"로 답하고 연결을 닫습니다.'),
        section: 'limits',
      });
      const after = await server.program.memory();
      if (before !== undefined && after !== undefined) {
        ctx.note(fill(text('server memory (RSS): {a} MiB before, {b} MiB after', '서버 메모리(RSS): 전 {a}MiB, 후 {b}MiB'), { a: mib(before), b: mib(after) }));
        if (after - before > 512 * 1024 * 1024) {
          ctx.fail({
            reason: 'trusts-length',
            summary: text('Your server refused the frame, but its memory jumped first.', '서버가 프레임을 거절했지만, 그 전에 메모리가 크게 늘었습니다.'),
            actual: fill(text('RSS {a} MiB → {b} MiB', 'RSS {a}MiB → {b}MiB'), { a: mib(before), b: mib(after) }),
            cause: text('It allocated (and touched) what the peer claimed before checking the limit.', '한도를 확인하기 전에 상대가 말한 만큼 메모리를 잡고 썼습니다.'),
            fix: text('Check the length first; allocate nothing for a frame you refuse.', '길이부터 확인하고, 거절할 프레임에는 아무것도 할당하지 마세요.'),
            section: 'limits',
          });
        }
      }
    },
  },
  {
    id: 'limit-is-one-mib',
    title: text('server: a frame of exactly 1 MiB is served; 1 MiB + 1 is refused and closed', '서버: 정확히 1MiB인 프레임은 처리, 1MiB + 1은 거절 후 종료'),
    limitMs: 15000,
    async run(ctx) {
      const { server, peer } = await connectToServer(ctx);
      const payload = Buffer.alloc(MAX_FRAME - 1);
      for (let i = 0; i < payload.length; i++) payload[i] = 0x61 + (i % 26);
      peer.transcript.note(text('ECHO with length exactly 1048576 (the limit):', '길이가 정확히 1048576(한도)인 ECHO:'));
      await peer.send(echoFrame(payload));
      const e = echo(payload, 'ECHO of 1048575 bytes (length 1048576, exactly 1 MiB)');
      const r = await readFrame(peer, 4000);
      if (r.kind === 'frame' && r.op === OP.error && /too large|too big/i.test(r.payload.toString('utf8'))) {
        ctx.fail({
          reason: 'limit-off-by-one',
          summary: text('Your server refused a frame of exactly 1 MiB.', '서버가 정확히 1MiB인 프레임을 거절했습니다.'),
          expected: expectedText(e),
          actual: describeFrame(r.bytes),
          cause: text('The limit is inclusive: a length of 1048576 is allowed; only a length > 1048576 is too large. Check for `>` rather than `>=`.', '한도는 포함입니다. 길이 1048576은 허용되고, 1048576보다 클 때만 너무 큽니다. `>=`가 아니라 `>`로 비교하세요.'),
          fix: text('if (length === 0 || length > 1024 * 1024) …', 'if (length === 0 || length > 1024 * 1024) …'),
          section: 'limits',
        });
      }
      if (!(r.kind === 'frame' && r.bytes.equals(e.reply))) {
        // Let the common explanation speak, from a fresh read of what came.
        if (r.kind === 'frame') {
          ctx.fail({
            reason: 'echo-payload-changed',
            summary: text('The 1 MiB ECHO did not come back the same.', '1MiB ECHO가 같은 바이트로 돌아오지 않았습니다.'),
            expected: expectedText(e),
            actual: describeFrame(r.bytes),
            cause: text('A large frame arrives in many chunks: keep appending to the buffer until it holds 4 + length bytes.', '큰 프레임은 여러 덩어리로 옵니다. 버퍼에 4 + length바이트가 모일 때까지 계속 이어 붙이세요.'),
            section: 'reading-frames',
          });
        }
        await failIfCrashed(ctx, server.program, 300);
        ctx.fail({
          reason: 'no-reply',
          summary: text('Your server did not answer a 1 MiB ECHO within 4 s.', '서버가 1MiB ECHO에 4초 안에 답하지 않았습니다.'),
          expected: expectedText(e),
          actual: r.kind === 'partial' ? fill(text('{n}, then nothing', '{n}바이트, 그 뒤로 없음'), { n: text(r.got.length === 1 ? '1 byte' : `${r.got.length} bytes`, String(r.got.length)) }) : r.kind === 'nothing' ? r.how.toUpperCase() : text('something else', '다른 것'),
          cause: text('A large frame arrives in many chunks: keep appending to the buffer until it holds 4 + length bytes.', '큰 프레임은 여러 덩어리로 옵니다. 버퍼에 4 + length바이트가 모일 때까지 계속 이어 붙이세요.'),
          section: 'reading-frames',
        });
      }
      // One byte over the limit, on a new connection: only the header and the op are sent.
      const t2 = ctx.transcript(who.checker, who.server);
      const peer2 = await ctx.connect(server.port, t2);
      const head = Buffer.alloc(5);
      head.writeUInt32BE(MAX_FRAME + 1, 0);
      head[4] = OP.echo;
      const r2 = await readFrameAfter(peer2, head);
      if (r2.kind === 'nothing' && r2.how === 'timeout' && !server.program.done) {
        ctx.fail({
          reason: 'limit-too-high',
          summary: text('Your server accepted a claim of 1 MiB + 1 byte and waited for the body.', '서버가 1MiB + 1바이트라는 말을 받아들이고 본문을 기다렸습니다.'),
          expected: describeFrame(errorReply('frame too large')),
          actual: text(`nothing for ${WAIT} ms`, `${WAIT}ms 동안 아무것도 없음`),
          cause: text('The limit is 1 MiB (1048576 bytes after the header), not more.', '한도는 1MiB(헤더 뒤 1048576바이트)이며, 그보다 크면 안 됩니다.'),
          fix: text('const MAX_FRAME = 1024 * 1024; if (length > MAX_FRAME) …', 'const MAX_FRAME = 1024 * 1024; if (length > MAX_FRAME) …'),
          section: 'limits',
        });
      }
      await expectFatalErrorFrom(ctx, server, peer2, r2, 'a header claiming 1048577 bytes', 'frame too large', {
        reason: 'limit-too-high',
        summary: text('Your server did not refuse a frame of 1 MiB + 1 byte.', '서버가 1MiB + 1바이트 프레임을 거절하지 않았습니다.'),
        section: 'limits',
      });
    },
  },
  {
    id: 'empty-frame-refused',
    title: text('server: a length of 0 → 0xFF "empty frame", then close', '서버: 길이 0 → 0xFF "empty frame" 후 종료'),
    async run(ctx) {
      const { server, peer } = await connectToServer(ctx);
      const r = await readFrameAfter(peer, Buffer.from([0, 0, 0, 0]));
      if (r.kind === 'nothing' || r.kind === 'partial') await failIfCrashed(ctx, server.program, r.kind === 'nothing' && r.how === 'timeout' ? 0 : 300);
      await expectFatalErrorFrom(ctx, server, peer, r, 'a header of length 0', 'empty frame', {
        reason: 'empty-frame-not-rejected',
        summary: text('Your server did not refuse a frame of length 0.', '서버가 길이 0인 프레임을 거절하지 않았습니다.'),
        cause: text('Length 0 means a frame without even an op: it is not a frame. Answer 0xFF "empty frame" and close.', '길이 0은 op조차 없는 프레임, 즉 프레임이 아닙니다. 0xFF "empty frame"으로 답하고 닫으세요.'),
        fix: text("if (length === 0) { socket.end(errorFrame('empty frame')); }", "if (length === 0) { socket.end(errorFrame('empty frame')); }"),
        section: 'limits',
      });
    },
  },
  {
    id: 'connections-have-own-buffers',
    title: text('server: a half-sent frame on one connection does not mix with another connection', '서버: 한 연결에 반쯤 보낸 프레임이 다른 연결과 섞이지 않음'),
    async run(ctx) {
      const server = await ctx.startServer();
      const a = await ctx.connect(server.port, ctx.transcript(text('checker A', '검사기 A'), who.server));
      const b = await ctx.connect(server.port, ctx.transcript(text('checker B', '검사기 B'), who.server));
      await b.send(echoFrame('first'));
      await expectReply(ctx, server, b, echo('first'));
      const whole = echoFrame('from A');
      await a.send(whole.subarray(0, 7));
      await new Promise((resolve) => setTimeout(resolve, 100));
      const shared: FailureDetails = {
        reason: 'shared-buffer',
        summary: text('Connection B got no proper reply while connection A had half a frame pending.', '연결 A에 프레임이 반쯤 남아 있는 동안 연결 B가 제대로 된 답을 받지 못했습니다.'),
        cause: text(
          'The buffer of unframed bytes is shared by all connections (a variable outside the connection handler), so B\'s bytes were appended to A\'s half frame.',
          '프레임으로 자르지 않은 바이트를 담는 버퍼를 모든 연결이 함께 씁니다(연결 핸들러 밖의 변수). 그래서 B의 바이트가 A의 반쪽 프레임 뒤에 붙었습니다.',
        ),
        fix: text("Declare the buffer inside net.createServer((socket) => { let pending = Buffer.alloc(0); … }).", "버퍼를 net.createServer((socket) => { let pending = Buffer.alloc(0); … }) 안에서 선언하세요."),
        section: 'reading-frames',
      };
      await b.send(echoFrame('from B'));
      await expectReplyOr(ctx, server, b, echo('from B'), shared);
      await a.send(whole.subarray(7));
      await expectReplyOr(ctx, server, a, echo('from A'), shared);
    },
  },
  // ── the learner's client against the checker's server ──
  {
    id: 'client-replies-in-one-write',
    title: text('client: echo hello sum 1 2 3 ulen 안녕 — three replies in one write', '클라이언트: echo hello sum 1 2 3 ulen 안녕 — 응답 세 개가 한 번의 write로'),
    run: (ctx) =>
      runClientPlan(ctx, {
        args: ['echo', 'hello', 'sum', '1', '2', '3', 'ulen', '안녕'],
        requests: [echoFrame('hello'), sumFrame([1, 2, 3]), ulenFrame('안녕')],
        serve: (peer) => peer.send(Buffer.concat([echoReply('hello'), sumReply(6n), ulenReply(2, 6)])),
        lines: ['echo hello', 'sum 6', 'ulen 2 6'],
        exitCode: 0,
        oneWrite: true,
      }),
  },
  {
    id: 'client-replies-cut-in-header',
    title: text('client: replies cut inside their 4-byte headers', '클라이언트: 4바이트 헤더 한가운데서 잘린 응답'),
    timing: true,
    run: (ctx) =>
      runClientPlan(ctx, {
        args: ['sum', '5', '-7', 'ulen', '😀', 'echo', 'ab'],
        requests: [sumFrame([5, -7]), ulenFrame('😀'), echoFrame('ab')],
        serve: async (peer) => {
          const replies = Buffer.concat([sumReply(-2n), ulenReply(1, 4), echoReply('ab')]);
          // frame 1 is bytes 0–12, frame 2 is 13–25, frame 3 is 26–32
          await peer.sendSplitAt(replies, [2, 14, 16, 27, 31], 60);
        },
        lines: ['sum -2', 'ulen 1 4', 'echo ab'],
        exitCode: 0,
      }),
  },
  {
    id: 'client-sum-beyond-32-bits',
    title: text('client: SUM replies that need all 64 bits (6442450941 and -6442450944)', '클라이언트: 64비트가 다 필요한 SUM 응답(6442450941, -6442450944)'),
    run: (ctx) =>
      runClientPlan(ctx, {
        args: ['sum', '2147483647', '2147483647', '2147483647', 'sum', '-2147483648', '-2147483648', '-2147483648'],
        requests: [sumFrame([2147483647, 2147483647, 2147483647]), sumFrame([-2147483648, -2147483648, -2147483648])],
        serve: (peer) => peer.send(Buffer.concat([sumReply(6442450941n), sumReply(-6442450944n)])),
        lines: ['sum 6442450941', 'sum -6442450944'],
        exitCode: 0,
      }),
  },
  {
    id: 'client-error-frame-keeps-going',
    title: text('client: an error frame in the middle is printed, and the next reply still comes', '클라이언트: 중간의 오류 프레임을 출력하고, 다음 응답도 계속 받음'),
    run: (ctx) =>
      runClientPlan(ctx, {
        args: ['echo', 'a', 'ulen', 'x', 'echo', 'b'],
        requests: [echoFrame('a'), ulenFrame('x'), echoFrame('b')],
        serve: (peer) => peer.send(Buffer.concat([echoReply('a'), errorReply('unknown op 0x03'), echoReply('b')])),
        lines: ['echo a', 'error unknown op 0x03', 'echo b'],
        exitCode: 0,
      }),
  },
  {
    id: 'client-error-then-close',
    title: text('client: an error frame, then the server closes → prints it, exit code 1', '클라이언트: 오류 프레임 후 서버가 닫음 → 출력하고 종료 코드 1'),
    run: (ctx) =>
      runClientPlan(ctx, {
        args: ['echo', 'hi', 'echo', 'there'],
        requests: [echoFrame('hi'), echoFrame('there')],
        serve: async (peer) => {
          await peer.send(errorReply('frame too large'));
          peer.halfClose();
        },
        lines: ['error frame too large'],
        exitCode: 1,
      }),
  },
  {
    id: 'client-refuses-huge-reply',
    title: text('client: a reply claiming 0xFFFFFFFF bytes → exit code 1 at once, no waiting', '클라이언트: 0xFFFFFFFF바이트라는 응답 → 기다리지 않고 바로 종료 코드 1'),
    async run(ctx) {
      const t = ctx.transcript(who.client, who.checkerServer);
      const server = await ctx.listenPeer(t);
      const args = ['echo', 'hi'];
      const client = ctx.startClient({ port: server.port, args });
      const peer = await acceptClient(ctx, server, client);
      await clientSendsRequests(ctx, peer, client, { args, requests: [echoFrame('hi')], serve: async () => {}, lines: [], exitCode: 1 });
      await peer.send(Buffer.from([0xff, 0xff, 0xff, 0xff, 0x81, 0x68, 0x69]));
      const exit = await client.waitExit(WAIT);
      if (!exit || exit.code !== 1) {
        if (exit && exit.code !== 0 && /^\s+at .*\.ts:\d+/m.test(client.stderr())) ctx.fail(programFailure('client.ts', exit, client, 'during-exchange'));
        ctx.fail({
          reason: 'client-trusts-length',
          summary: exit
            ? fill(text('Your client {how} after a reply header claiming 0xFFFFFFFF bytes.', '0xFFFFFFFF바이트라는 응답 헤더를 받은 클라이언트가 {how}.'), { how: describeExit(exit) })
            : fill(text('Your client was still waiting {ms} ms after a reply header claiming 0xFFFFFFFF bytes.', '0xFFFFFFFF바이트라는 응답 헤더를 받고 {ms}ms가 지나도 클라이언트가 기다리고 있었습니다.'), { ms: WAIT }),
          expected: text('exit code 1 right away (the reply is refused: length over 1 MiB)', '바로 종료 코드 1(길이가 1MiB를 넘는 응답은 거절)'),
          actual: exit ? describeExit(exit) : text('still running', '아직 실행 중'),
          cause: text(
            "A server can be wrong or hostile too. A client that waits for 4 GiB hangs forever (or runs out of memory).",
            '서버도 틀리거나 악의적일 수 있습니다. 4GiB를 기다리는 클라이언트는 영원히 멈춰 있거나 메모리가 바닥납니다.',
          ),
          fix: text('Apply the same check as the server: if (length === 0 || length > 1024 * 1024) → print an error, exit code 1.', '서버와 같은 검사를 하세요: if (length === 0 || length > 1024 * 1024) → 오류를 출력하고 종료 코드 1.'),
          section: 'limits',
        });
      }
    },
  },
  // ── both together ──
  {
    id: 'your-client-with-your-server',
    title: text('together: your client ↔ your server', '함께: 내 클라이언트 ↔ 내 서버'),
    async run(ctx) {
      const server = await ctx.startServer();
      const args = ['echo', 'hello, 世界', 'sum', '1', '2', '3', '-4', 'ulen', '😀안녕', 'sum', '2147483647', '2147483647', '-1'];
      const want = ['echo hello, 世界', 'sum 2', 'ulen 3 10', 'sum 4294967293'];
      const run = await ctx.runClient({ port: server.port, args, timeoutMs: 5000 });
      const lines = clientLines(run.stdout).map((l) => l.trimEnd());
      if (run.exit === 'timeout' || run.exit.code !== 0 || lines.join('\n') !== want.join('\n')) {
        if (run.exit !== 'timeout' && run.exit.code !== 0 && /^\s+at .*\.ts:\d+/m.test(run.stderr)) ctx.fail(programFailure('client.ts', run.exit, run.program, 'during-exchange'));
        ctx.fail({
          reason: 'together-failed',
          summary: text('Your client and your server did not work together.', '내 클라이언트와 내 서버가 함께 동작하지 않았습니다.'),
          expected: fill(text('{lines}, then exit code 0', '{lines}, 그다음 종료 코드 0'), { lines: quoted(want.map((l) => `${l}\n`).join(''), 200) }),
          actual: fill(text('{lines} ({how})', '{lines} ({how})'), { lines: run.stdout ? quoted(run.stdout, 200) : text('nothing printed', '출력 없음'), how: describeExit(run.exit, 5000) }),
          cause: text(
            'Each passes against the checker, so look at what they share: the same mistake on both sides (little-endian on both ends works only with itself), or the client closing too early.',
            '각자는 검사기와 통과했다면 둘이 공유하는 것을 보세요. 양쪽에 같은 실수(양쪽 다 리틀 엔디언이면 자기끼리만 통함)가 있거나 클라이언트가 너무 일찍 닫을 수 있습니다.',
          ),
          section: 'run-it',
        });
      }
    },
  },
  // ── other languages against the learner's server ──
  {
    id: 'python-client-to-your-server',
    title: text('a Python client (struct, big-endian) → your server', 'Python 클라이언트(struct, 빅 엔디언) → 내 서버'),
    limitMs: 15000,
    async run(ctx) {
      const server = await ctx.startServer();
      const py = ctx.startPython(path.join(INTEROP, 'frames_client.py'), { label: text('Python client', 'Python 클라이언트'), env: { PORT: String(server.port) } });
      await expectOtherClient(ctx, py, text('Python client', 'Python 클라이언트'), ['echo hello, 파이썬', 'sum 4294967299', 'ulen 3 10'], 8000);
    },
  },
  {
    id: 'java-client-to-your-server',
    title: text('a Java client (DataInputStream, big-endian) → your server', 'Java 클라이언트(DataInputStream, 빅 엔디언) → 내 서버'),
    limitMs: 30000,
    async run(ctx) {
      const server = await ctx.startServer();
      const java = ctx.startJava(path.join(INTEROP, 'FramesClient.java'), { label: text('Java client', 'Java 클라이언트'), env: { PORT: String(server.port) } });
      await expectOtherClient(ctx, java, text('Java client', 'Java 클라이언트'), ['echo hello, java', 'sum 4294967293', 'ulen 3 10'], 20000);
    },
  },
]);

/** Sends `bytes` and reads the reply frame (no judgement yet). */
async function readFrameAfter(peer: PeerSocket, bytes: Buffer): Promise<FrameRead> {
  await peer.send(bytes);
  return readFrame(peer, WAIT);
}

/** The frame already read must be the error that ends a connection; then the close must come. */
async function expectFatalErrorFrom(ctx: ScenarioContext, server: StartedServer, peer: PeerSocket, r: FrameRead, sent: string, message: string, notRejected: FailureDetails): Promise<void> {
  if (r.kind === 'nothing' || r.kind === 'partial') await failIfCrashed(ctx, server.program, r.kind === 'nothing' && r.how === 'timeout' ? 0 : 300);
  const expected = fill(text('{frame}, then the connection closes', '{frame}, 그다음 연결 종료'), { frame: describeFrame(errorReply(message)) });
  if (r.kind === 'little-endian') {
    ctx.fail({
      reason: 'reply-length-little-endian',
      summary: text('The length of your reply is little-endian.', '답장의 길이가 리틀 엔디언입니다.'),
      expected,
      actual: fill(text('header {h}: it only makes sense read little-endian ({le})', '헤더 {h}: 리틀 엔디언으로 읽어야 말이 됨({le})'), { h: hex(r.head), le: r.length }),
      cause: text('writeUInt32LE puts the least significant byte first. Network byte order is big-endian: most significant byte first.', 'writeUInt32LE는 가장 낮은 바이트를 먼저 씁니다. 네트워크 바이트 순서는 빅 엔디언, 즉 가장 높은 바이트가 먼저입니다.'),
      fix: text('head.writeUInt32BE(1 + payload.length, 0)', 'head.writeUInt32BE(1 + payload.length, 0)'),
      section: 'byte-order',
    });
  }
  if (r.kind !== 'frame' || r.op !== OP.error) {
    ctx.fail({
      ...notRejected,
      expected,
      actual:
        r.kind === 'frame'
          ? describeFrame(r.bytes)
          : r.kind === 'nothing'
            ? r.how === 'timeout'
              ? text(`nothing for ${WAIT} ms: the server is still waiting for the body`, `${WAIT}ms 동안 아무것도 없음: 서버가 아직 본문을 기다림`)
              : text(`no error frame, just ${r.how.toUpperCase()}`, `오류 프레임 없이 ${r.how.toUpperCase()}만 옴`)
            : r.kind === 'partial'
              ? hex(r.got)
              : hex(r.head),
    });
  }
  const got = r.payload.toString('utf8');
  if (got !== message) {
    ctx.fail({
      reason: 'wrong-error-message',
      summary: fill(text('Your server refused {sent}, but with the message "{got}".', '서버가 {sent}를 거절했지만 메시지가 "{got}"입니다.'), { sent, got }),
      expected,
      actual: describeFrame(r.bytes),
      cause: text('A client prints the message it gets, so the protocol fixes these two: "empty frame" for a length of 0, "frame too large" above 1 MiB.', '클라이언트는 받은 메시지를 그대로 출력하므로, 프로토콜이 이 두 메시지를 정해 둡니다. 길이 0이면 "empty frame", 1MiB를 넘으면 "frame too large".'),
      section: 'limits',
    });
  }
  const closed = await peer.waitClosed(WAIT);
  if (closed === 'timeout') {
    ctx.fail({
      reason: 'no-close-after-fatal-error',
      summary: fill(text('Your server refused {sent} but kept the connection open.', '서버가 {sent}를 거절했지만 연결을 열어 두었습니다.'), { sent }),
      expected,
      actual: fill(text('{frame}, and the connection still open after {ms} ms', '{frame}, 그리고 {ms}ms 뒤에도 연결이 열려 있음'), { frame: describeFrame(r.bytes), ms: WAIT }),
      cause: text(
        'After a bad length the stream has no frame boundary left to trust: the next 4 bytes could be anything. The only safe thing is to close.',
        '길이가 잘못되면 스트림에서 믿을 수 있는 프레임 경계가 사라집니다. 다음 4바이트가 무엇이든 될 수 있으니, 닫는 것만이 안전합니다.',
      ),
      fix: text('socket.end(errorFrame) sends the frame, then FIN; ignore whatever the peer still sends.', 'socket.end(errorFrame)은 프레임을 보낸 뒤 FIN을 보냅니다. 상대가 그 뒤에 보내는 것은 무시하세요.'),
      section: 'limits',
    });
  }
}

/** Like expectReply, but any failure other than a crash is `instead`. */
async function expectReplyOr(ctx: ScenarioContext, server: StartedServer, peer: PeerSocket, e: Exchange, instead: FailureDetails): Promise<void> {
  const r = await readFrame(peer, WAIT);
  if (r.kind === 'frame' && r.bytes.equals(e.reply)) return;
  if (r.kind === 'nothing' || r.kind === 'partial') await failIfCrashed(ctx, server.program, r.kind === 'nothing' && r.how === 'timeout' ? 0 : 300);
  ctx.fail({
    ...instead,
    expected: expectedText(e),
    actual:
      r.kind === 'frame'
        ? describeFrame(r.bytes)
        : r.kind === 'nothing'
          ? r.how === 'timeout'
            ? text(`nothing for ${WAIT} ms`, `${WAIT}ms 동안 아무것도 없음`)
            : r.how.toUpperCase()
          : r.kind === 'partial'
            ? hex(r.got)
            : hex(r.head),
  });
}

async function expectOtherClient(ctx: ScenarioContext, program: Program, label: Text, want: string[], ms: number): Promise<void> {
  const exit = await program.waitExit(ms);
  const lines = clientLines(program.stdout()).map((l) => l.trimEnd());
  if (!exit || exit.code !== 0 || lines.join('\n') !== want.join('\n')) {
    ctx.fail({
      reason: 'interop-client-failed',
      summary: fill(text('The {who} did not get the right replies from your server: {how}.', '{who}이(가) 서버에서 올바른 응답을 받지 못했습니다: {how}.'), { who: label, how: describeExit(exit ?? 'timeout', ms) }),
      expected: quoted(want.map((l) => `${l}\n`).join(''), 200),
      actual: program.stdout() ? quoted(program.stdout(), 200) : text('nothing printed (its error is below)', '출력 없음(오류는 아래에)'),
      cause: text(
        "It sends the three requests at once, packed with struct.pack('>IB', …) (Python) or DataOutputStream.writeInt (Java): big-endian, as the protocol says; then it reads exactly 4 bytes, then exactly length bytes. Its error below says where it stopped.",
        "이 클라이언트는 요청 세 개를 struct.pack('>IB', …)(Python)이나 DataOutputStream.writeInt(Java)로, 프로토콜대로 빅 엔디언으로 묶어 한꺼번에 보낸 뒤, 정확히 4바이트, 이어서 정확히 length바이트를 읽습니다. 어디서 멈췄는지는 아래 오류에 나옵니다.",
      ),
      section: 'byte-order',
    });
  }
}
