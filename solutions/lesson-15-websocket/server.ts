// Lesson 15 — reference solution: a WebSocket echo server (RFC 6455) on node:net alone.
import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

/** The request head, counting its \r\n\r\n (README "The handshake"). */
const MAX_HEAD_BYTES = 8192;
/** The largest message, all its fragments together (README "Failing the connection"). */
const MAX_MESSAGE_BYTES = 1024 * 1024;
const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

const OP_CONTINUATION = 0x0;
const OP_TEXT = 0x1;
const OP_BINARY = 0x2;
const OP_CLOSE = 0x8;
const OP_PING = 0x9;
const OP_PONG = 0xa;

const REASONS: Record<number, string> = { 400: 'Bad Request', 426: 'Upgrade Required', 431: 'Request Header Fields Too Large' };

function acceptOf(key: string): string {
  return createHash('sha1').update(key + GUID).digest('base64');
}

/** One server frame: FIN set, no RSV, no mask, the shortest length. */
function frameOf(opcode: number, payload: Buffer): Buffer {
  const n = payload.length;
  let head: Buffer;
  if (n < 126) {
    head = Buffer.from([0x80 | opcode, n]);
  } else if (n < 65536) {
    head = Buffer.alloc(4);
    head[0] = 0x80 | opcode;
    head[1] = 126;
    head.writeUInt16BE(n, 2);
  } else {
    head = Buffer.alloc(10);
    head[0] = 0x80 | opcode;
    head[1] = 127;
    head.writeBigUInt64BE(BigInt(n), 2);
  }
  return Buffer.concat([head, payload]);
}

function validCloseCode(code: number): boolean {
  return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
}

/** The answer to a request that is not an upgrade, or undefined when it is one. */
function refusal(head: string): { status: number; extra: string[] } | undefined {
  const [requestLine, ...lines] = head.split('\r\n');
  const m = /^(\S+) (\S+) HTTP\/1\.1$/.exec(requestLine!);
  if (!m || m[1] !== 'GET') return { status: 400, extra: [] };
  const headers = new Map<string, string>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) return { status: 400, extra: [] };
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const upgrade = (headers.get('upgrade') ?? '').toLowerCase();
  const connection = (headers.get('connection') ?? '').split(',').map((t) => t.trim().toLowerCase());
  if (upgrade !== 'websocket' || !connection.includes('upgrade') || !headers.get('sec-websocket-key')) return { status: 400, extra: [] };
  if (headers.get('sec-websocket-version') !== '13') return { status: 426, extra: ['Sec-WebSocket-Version: 13'] };
  return undefined;
}

function httpError(status: number, extra: string[]): Buffer {
  const body = `${status} ${REASONS[status]}\n`;
  const lines = [`HTTP/1.1 ${status} ${REASONS[status]}`, 'Content-Type: text/plain; charset=utf-8', `Content-Length: ${Buffer.byteLength(body)}`, 'Connection: close', ...extra];
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n${body}`, 'latin1');
}

function keyOf(head: string): string {
  const line = head.split('\r\n').find((l) => /^sec-websocket-key\s*:/i.test(l))!;
  return line.slice(line.indexOf(':') + 1).trim();
}

const server = net.createServer((socket) => {
  let buffered: Buffer = Buffer.alloc(0);
  let upgraded = false;
  let closed = false;
  /** The fragments of the message in progress (undefined: none), its opcode and size so far. */
  let fragments: Buffer[] | undefined;
  let messageOpcode = 0;
  let messageBytes = 0;

  /** Fail the connection (README "Failing the connection"): one close frame, then FIN. */
  function fail(code: number): void {
    const payload = Buffer.alloc(2);
    payload.writeUInt16BE(code);
    closed = true;
    socket.end(frameOf(OP_CLOSE, payload));
  }

  function handshake(): boolean {
    const end = buffered.indexOf('\r\n\r\n');
    if (end === -1 ? buffered.length >= MAX_HEAD_BYTES : end + 4 > MAX_HEAD_BYTES) {
      closed = true;
      socket.end(httpError(431, []));
      return false;
    }
    if (end === -1) return false;
    const head = buffered.subarray(0, end).toString('latin1');
    buffered = buffered.subarray(end + 4);
    const refused = refusal(head);
    if (refused) {
      closed = true;
      socket.end(httpError(refused.status, refused.extra));
      return false;
    }
    socket.write(
      'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        `Sec-WebSocket-Accept: ${acceptOf(keyOf(head))}\r\n\r\n`,
    );
    upgraded = true;
    return true;
  }

  /** Takes out and answers one frame; false when it is not all here yet (or the connection is done). */
  function oneFrame(): boolean {
    if (buffered.length < 2) return false;
    const b0 = buffered[0]!;
    const b1 = buffered[1]!;
    const fin = (b0 & 0x80) !== 0;
    const opcode = b0 & 0x0f;
    const control = opcode >= 0x8;
    // Everything the first two bytes can break, before waiting for more.
    if ((b0 & 0x70) !== 0) return fail(1002), false;
    if (![OP_CONTINUATION, OP_TEXT, OP_BINARY, OP_CLOSE, OP_PING, OP_PONG].includes(opcode)) return fail(1002), false;
    if ((b1 & 0x80) === 0) return fail(1002), false;
    if (control && (!fin || (b1 & 0x7f) > 125)) return fail(1002), false;
    if (opcode === OP_CONTINUATION && !fragments) return fail(1002), false;
    if ((opcode === OP_TEXT || opcode === OP_BINARY) && fragments) return fail(1002), false;

    let length = b1 & 0x7f;
    let at = 2;
    if (length === 126) {
      if (buffered.length < 4) return false;
      length = buffered.readUInt16BE(2);
      at = 4;
    } else if (length === 127) {
      if (buffered.length < 10) return false;
      const big = buffered.readBigUInt64BE(2);
      if (big > BigInt(MAX_MESSAGE_BYTES)) return fail(1009), false;
      length = Number(big);
      at = 10;
    }
    if (!control && (fragments ? messageBytes : 0) + length > MAX_MESSAGE_BYTES) return fail(1009), false;
    const keyBytes = 4; // every client frame is masked (checked above)
    if (buffered.length < at + keyBytes + length) return false;
    const key = buffered.subarray(at, at + keyBytes);
    const payload = Buffer.from(buffered.subarray(at + keyBytes, at + keyBytes + length));
    if (keyBytes) for (let i = 0; i < payload.length; i++) payload[i]! ^= key[i % 4]!;
    buffered = buffered.subarray(at + keyBytes + length);

    if (opcode === OP_PING) {
      socket.write(frameOf(OP_PONG, payload));
      return true;
    }
    if (opcode === OP_PONG) return true;
    if (opcode === OP_CLOSE) {
      if (payload.length === 1) return fail(1002), false;
      if (payload.length >= 2) {
        if (!validCloseCode(payload.readUInt16BE(0))) return fail(1002), false;
        if (!isUtf8(payload.subarray(2))) return fail(1007), false;
      }
      closed = true;
      socket.end(frameOf(OP_CLOSE, payload.subarray(0, 2)));
      return false;
    }
    // A data frame: the first of a message, or a continuation.
    if (!fragments) {
      fragments = [];
      messageOpcode = opcode;
      messageBytes = 0;
    }
    fragments.push(payload);
    messageBytes += payload.length;
    if (!fin) return true;
    const message = Buffer.concat(fragments);
    fragments = undefined;
    if (messageOpcode === OP_TEXT) {
      if (!isUtf8(message)) return fail(1007), false;
      socket.write(frameOf(OP_TEXT, Buffer.concat([Buffer.from('echo:'), message])));
    } else {
      socket.write(frameOf(OP_BINARY, message));
    }
    return true;
  }

  socket.on('data', (chunk: Buffer) => {
    if (closed) return;
    buffered = Buffer.concat([buffered, chunk]);
    if (!upgraded && !handshake()) return;
    while (!closed && oneFrame()) {
      // one frame answered; try the next
    }
  });

  socket.on('error', (err: NodeJS.ErrnoException) => console.error(`connection error: ${err.code}`));
});

server.listen(PORT, HOST, () => {
  console.log(`listening on ${HOST}:${(server.address() as net.AddressInfo).port}`);
});
