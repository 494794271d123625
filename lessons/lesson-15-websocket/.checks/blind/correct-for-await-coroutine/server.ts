// Lesson 15 — WebSocket echo server on node:net: `for await` over the socket feeds a generator
// coroutine that asks for exactly the bytes it needs next (2 header bytes, the extended length,
// the mask key, the payload). Text is checked with a streaming, fatal TextDecoder per message.
import { createHash } from 'node:crypto';
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

const HEAD_LIMIT = 8192;
const MESSAGE_LIMIT = 1 << 20;
const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

enum Op {
  Continuation = 0x0,
  Text = 0x1,
  Binary = 0x2,
  Close = 0x8,
  Ping = 0x9,
  Pong = 0xa,
}
const KNOWN = new Set<number>([Op.Continuation, Op.Text, Op.Binary, Op.Close, Op.Ping, Op.Pong]);

const serverFrame = (op: Op, payload: Buffer = Buffer.alloc(0)): Buffer => {
  const n = payload.length;
  if (n < 126) return Buffer.concat([Buffer.from([0x80 | op, n]), payload]);
  if (n < 65536) {
    const h = Buffer.from([0x80 | op, 126, 0, 0]);
    h.writeUInt16BE(n, 2);
    return Buffer.concat([h, payload]);
  }
  const h = Buffer.alloc(10);
  h[0] = 0x80 | op;
  h[1] = 127;
  h.writeBigUInt64BE(BigInt(n), 2);
  return Buffer.concat([h, payload]);
};

const closeFrame = (code: number): Buffer => {
  const p = Buffer.alloc(2);
  p.writeUInt16BE(code);
  return serverFrame(Op.Close, p);
};

function codeAllowed(code: number): boolean {
  const ranges: Array<[number, number]> = [
    [1000, 1003],
    [1007, 1014],
    [3000, 4999],
  ];
  return ranges.some(([lo, hi]) => code >= lo && code <= hi);
}

function utf8Ok(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

type Reply = (bytes: Buffer) => void;

/**
 * The frame coroutine: yields how many bytes it wants, is resumed with exactly that many.
 * It returns when the connection is over (after it has ended the socket).
 */
function* frames(write: Reply, end: Reply): Generator<number, void, Buffer> {
  let current: { op: Op; parts: Buffer[]; size: number; decoder: TextDecoder } | null = null;
  const fail = (code: number): void => end(closeFrame(code));

  for (;;) {
    const [b0, b1] = yield 2;
    const fin = (b0! & 0x80) === 0x80;
    const rsv = b0! & 0x70;
    const op = b0! & 0x0f;
    const masked = (b1! & 0x80) === 0x80;
    const len7 = b1! & 0x7f;
    const isControl = (op & 0x8) !== 0;

    const broken =
      !masked ||
      rsv !== 0 ||
      !KNOWN.has(op) ||
      (isControl && (len7 > 125 || !fin)) ||
      (op === Op.Continuation && current === null) ||
      ((op === Op.Text || op === Op.Binary) && current !== null);
    if (broken) return fail(1002);

    let length = BigInt(len7);
    if (len7 === 126) length = BigInt((yield 2).readUInt16BE(0));
    else if (len7 === 127) length = (yield 8).readBigUInt64BE(0);

    if (!isControl && BigInt(current?.size ?? 0) + length > BigInt(MESSAGE_LIMIT)) return fail(1009);

    const key = yield 4;
    const payload = length === 0n ? Buffer.alloc(0) : Buffer.from(yield Number(length));
    payload.forEach((byte, i) => {
      payload[i] = byte ^ key[i % 4]!;
    });

    if (op === Op.Ping) {
      write(serverFrame(Op.Pong, payload));
      continue;
    }
    if (op === Op.Pong) continue;
    if (op === Op.Close) {
      if (payload.length === 1) return fail(1002);
      if (payload.length === 0) return end(serverFrame(Op.Close));
      const code = payload.readUInt16BE(0);
      if (!codeAllowed(code)) return fail(1002);
      if (!utf8Ok(payload.subarray(2))) return fail(1007);
      return end(closeFrame(code));
    }

    if (current === null) {
      current = { op, parts: [], size: 0, decoder: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }) };
    }
    current.parts.push(payload);
    current.size += payload.length;
    if (current.op === Op.Text) {
      // Fail as soon as the bytes so far cannot begin valid UTF-8; the final decode() catches
      // a character cut off at the message's end.
      try {
        current.decoder.decode(payload, { stream: !fin });
      } catch {
        return fail(1007);
      }
    }
    if (!fin) continue;

    const whole = Buffer.concat(current.parts, current.size);
    const kind = current.op;
    current = null;
    write(kind === Op.Text ? serverFrame(Op.Text, Buffer.concat([Buffer.from('echo:'), whole])) : serverFrame(Op.Binary, whole));
  }
}

type Head = { requestLine: string; headers: Map<string, string> };

function parseHead(text: string): Head {
  const lines = text.split('\r\n');
  const headers = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const i = line.indexOf(':');
    if (i < 1) continue;
    const name = line.slice(0, i).trim().toLowerCase();
    const value = line.slice(i + 1).trim();
    headers.set(name, headers.has(name) ? `${headers.get(name)}, ${value}` : value);
  }
  return { requestLine: lines[0] ?? '', headers };
}

function answerHead({ requestLine, headers }: Head): { ok: true; key: string } | { ok: false; response: string } {
  const refuse = (status: string, extra = ''): { ok: false; response: string } => {
    const body = `${status}\r\n`;
    return {
      ok: false,
      response: `HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${extra}\r\n${body}`,
    };
  };
  const parts = requestLine.split(' ');
  const [method, target, version] = parts;
  if (parts.length !== 3 || !method || !target || version !== 'HTTP/1.1') return refuse('400 Bad Request');
  if (method !== 'GET') return refuse('400 Bad Request');
  if (headers.get('upgrade')?.toLowerCase() !== 'websocket') return refuse('400 Bad Request');
  const tokens = (headers.get('connection') ?? '').toLowerCase().split(',').map((t) => t.trim());
  if (!tokens.includes('upgrade')) return refuse('400 Bad Request');
  const key = headers.get('sec-websocket-key') ?? '';
  if (key.length === 0) return refuse('400 Bad Request');
  if (headers.get('sec-websocket-version') !== '13') {
    return refuse('426 Upgrade Required', 'Sec-WebSocket-Version: 13\r\n');
  }
  return { ok: true, key };
}

async function handle(socket: net.Socket): Promise<void> {
  type Phase = 'head' | 'frames' | 'over';
  let pending: Buffer = Buffer.alloc(0);
  let phase = 'head' as Phase;
  const over = (bytes: Buffer | string): void => {
    phase = 'over';
    pending = Buffer.alloc(0);
    socket.end(bytes);
  };
  const parser = frames((b) => socket.write(b), over);
  let want = parser.next().value as number;

  for await (const chunk of socket as AsyncIterable<Buffer>) {
    if (phase === 'over') continue; // ignore everything after our close; wait for the peer's FIN
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;

    if (phase === 'head') {
      const end = pending.indexOf('\r\n\r\n');
      if (end < 0) {
        if (pending.length >= HEAD_LIMIT) over(answerTooBig());
        continue;
      }
      if (end + 4 > HEAD_LIMIT) {
        over(answerTooBig());
        continue;
      }
      const answer = answerHead(parseHead(pending.subarray(0, end).toString('latin1')));
      if (!answer.ok) {
        over(answer.response);
        continue;
      }
      const accept = createHash('sha1').update(answer.key + GUID).digest('base64');
      socket.write(
        ['HTTP/1.1 101 Switching Protocols', 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Accept: ${accept}`, '', ''].join('\r\n'),
      );
      pending = pending.subarray(end + 4);
      phase = 'frames';
    }

    while (phase === 'frames' && pending.length >= want) {
      const piece = pending.subarray(0, want);
      pending = pending.subarray(want);
      const step = parser.next(piece);
      if (step.done) break; // the coroutine ended the socket (phase is now 'over')
      want = step.value;
    }
  }
}

function answerTooBig(): string {
  const body = 'header too large\r\n';
  return `HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
}

const server = net.createServer((socket) => {
  socket.on('error', () => {
    /* reported by the for-await loop below */
  });
  handle(socket).catch((err: NodeJS.ErrnoException) => console.error(`connection ended: ${err.code ?? err.message}`));
});

server.listen(PORT, HOST, () => {
  console.log(`listening on ${HOST}:${(server.address() as net.AddressInfo).port}`);
});
