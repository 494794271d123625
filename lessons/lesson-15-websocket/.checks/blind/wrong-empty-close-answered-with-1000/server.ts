// Lesson 15 — a WebSocket echo server on node:net alone: one class instance per connection.
import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

const MAX_HEAD_BYTES = 8192;
const MAX_MESSAGE_BYTES = 1024 * 1024;
const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const HEAD_END = Buffer.from('\r\n\r\n', 'latin1');

const OP_CONT = 0x0;
const OP_TEXT = 0x1;
const OP_BINARY = 0x2;
const OP_CLOSE = 0x8;
const OP_PING = 0x9;
const OP_PONG = 0xa;

function acceptOf(key: string): string {
  return createHash('sha1').update(key + GUID).digest('base64');
}

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

function closePayload(code: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(code, 0);
  return b;
}

function validCloseCode(code: number): boolean {
  if (code >= 1000 && code <= 1003) return true;
  if (code >= 1007 && code <= 1014) return true;
  return code >= 3000 && code <= 4999;
}

function httpError(status: string, extra: string[] = []): string {
  const body = `${status}\n`;
  return [
    `HTTP/1.1 ${status}`,
    'Content-Type: text/plain',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    ...extra,
    '',
    body,
  ].join('\r\n');
}

class ProtocolError extends Error {
  constructor(readonly code: number, message: string) {
    super(message);
  }
}

class WsConnection {
  private buf: Buffer = Buffer.alloc(0);
  private upgraded = false;
  private closed = false;
  private msgOpcode: number | undefined;
  private msgParts: Buffer[] = [];
  private msgLength = 0;

  constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (err: NodeJS.ErrnoException) => console.error(`connection error: ${err.code}`));
  }

  private onData(chunk: Buffer): void {
    if (this.closed) return;
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    if (!this.upgraded && !this.handshake()) return;
    try {
      this.drainFrames();
    } catch (err) {
      if (err instanceof ProtocolError) this.fail(err.code);
      else throw err;
    }
  }

  /** true when the 101 has been sent (and `buf` now holds frames). */
  private handshake(): boolean {
    const end = this.buf.indexOf(HEAD_END);
    if (end === -1) {
      if (this.buf.length >= MAX_HEAD_BYTES) this.refuse('431 Request Header Fields Too Large');
      return false;
    }
    if (end + 4 > MAX_HEAD_BYTES) {
      this.refuse('431 Request Header Fields Too Large');
      return false;
    }
    const head = this.buf.subarray(0, end).toString('latin1');
    this.buf = this.buf.subarray(end + 4);

    const lines = head.split('\r\n');
    const requestLine = (lines[0] ?? '').split(' ');
    const headers = new Map<string, string>();
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      const before = headers.get(name);
      headers.set(name, before === undefined ? value : `${before}, ${value}`);
    }

    const wellFormed =
      requestLine.length === 3 &&
      requestLine[0] !== '' &&
      requestLine[1] !== '' &&
      requestLine[2] === 'HTTP/1.1';
    const isGet = requestLine[0] === 'GET';
    const upgrade = (headers.get('upgrade') ?? '').toLowerCase() === 'websocket';
    const connection = (headers.get('connection') ?? '')
      .split(',')
      .map((t) => t.trim().toLowerCase())
      .includes('upgrade');
    const key = headers.get('sec-websocket-key') ?? '';

    if (!wellFormed || !isGet || !upgrade || !connection || key === '') {
      this.refuse('400 Bad Request');
      return false;
    }
    if (headers.get('sec-websocket-version') !== '13') {
      this.refuse('426 Upgrade Required', ['Sec-WebSocket-Version: 13']);
      return false;
    }
    this.socket.write(
      'HTTP/1.1 101 Switching Protocols\r\n' +
        'Upgrade: websocket\r\n' +
        'Connection: Upgrade\r\n' +
        `Sec-WebSocket-Accept: ${acceptOf(key)}\r\n` +
        '\r\n',
    );
    this.upgraded = true;
    return true;
  }

  private refuse(status: string, extra: string[] = []): void {
    this.closed = true;
    this.buf = Buffer.alloc(0);
    this.socket.end(httpError(status, extra));
  }

  private fail(code: number): void {
    this.closed = true;
    this.buf = Buffer.alloc(0);
    this.socket.end(frameOf(OP_CLOSE, closePayload(code)));
  }

  private drainFrames(): void {
    while (!this.closed) {
      const buf = this.buf;
      if (buf.length < 2) return;
      const b0 = buf[0]!;
      const b1 = buf[1]!;
      const fin = (b0 & 0x80) !== 0;
      const rsv = (b0 >> 4) & 0x07;
      const opcode = b0 & 0x0f;
      const masked = (b1 & 0x80) !== 0;
      const len7 = b1 & 0x7f;
      const control = opcode >= 0x8;

      if (!masked) throw new ProtocolError(1002, 'frame without mask');
      if (rsv !== 0) throw new ProtocolError(1002, 'RSV bits set');
      if (![OP_CONT, OP_TEXT, OP_BINARY, OP_CLOSE, OP_PING, OP_PONG].includes(opcode)) {
        throw new ProtocolError(1002, 'unknown opcode');
      }
      if (control && len7 > 125) throw new ProtocolError(1002, 'control frame too long');
      if (control && !fin) throw new ProtocolError(1002, 'fragmented control frame');
      if (opcode === OP_CONT && this.msgOpcode === undefined) {
        throw new ProtocolError(1002, 'continuation without a message');
      }
      if ((opcode === OP_TEXT || opcode === OP_BINARY) && this.msgOpcode !== undefined) {
        throw new ProtocolError(1002, 'new message inside a fragmented one');
      }

      let at = 2;
      let length: number;
      if (len7 === 126) {
        if (buf.length < 4) return;
        length = buf.readUInt16BE(2);
        at = 4;
      } else if (len7 === 127) {
        if (buf.length < 10) return;
        const big = buf.readBigUInt64BE(2);
        if (!control && BigInt(this.msgLength) + big > BigInt(MAX_MESSAGE_BYTES)) {
          throw new ProtocolError(1009, 'message too big');
        }
        length = Number(big);
        at = 10;
      } else {
        length = len7;
      }
      if (!control && this.msgLength + length > MAX_MESSAGE_BYTES) {
        throw new ProtocolError(1009, 'message too big');
      }

      if (buf.length < at + 4 + length) return;
      const key = buf.subarray(at, at + 4);
      const payload = Buffer.from(buf.subarray(at + 4, at + 4 + length));
      for (let i = 0; i < payload.length; i++) payload[i]! ^= key[i % 4]!;
      this.buf = buf.subarray(at + 4 + length);

      this.onFrame(fin, opcode, payload);
    }
  }

  private onFrame(fin: boolean, opcode: number, payload: Buffer): void {
    switch (opcode) {
      case OP_PING:
        this.socket.write(frameOf(OP_PONG, payload));
        return;
      case OP_PONG:
        return;
      case OP_CLOSE:
        this.onClose(payload);
        return;
      case OP_TEXT:
      case OP_BINARY:
        this.msgOpcode = opcode;
        this.msgParts = [payload];
        this.msgLength = payload.length;
        break;
      case OP_CONT:
        this.msgParts.push(payload);
        this.msgLength += payload.length;
        break;
    }
    if (!fin) return;
    const message = Buffer.concat(this.msgParts);
    const kind = this.msgOpcode;
    this.msgOpcode = undefined;
    this.msgParts = [];
    this.msgLength = 0;
    if (kind === OP_TEXT) {
      if (!isUtf8(message)) throw new ProtocolError(1007, 'invalid UTF-8');
      this.socket.write(frameOf(OP_TEXT, Buffer.concat([Buffer.from('echo:'), message])));
    } else {
      this.socket.write(frameOf(OP_BINARY, message));
    }
  }

  private onClose(payload: Buffer): void {
    if (payload.length === 1) throw new ProtocolError(1002, 'close payload of 1 byte');
    let code = 1000; // no code given: a normal closure
    if (payload.length >= 2) {
      code = payload.readUInt16BE(0);
      if (!validCloseCode(code)) throw new ProtocolError(1002, `invalid close code ${code}`);
      if (!isUtf8(payload.subarray(2))) throw new ProtocolError(1007, 'close reason not UTF-8');
    }
    this.closed = true;
    this.buf = Buffer.alloc(0);
    this.socket.end(frameOf(OP_CLOSE, closePayload(code)));
  }
}

const server = net.createServer((socket) => {
  new WsConnection(socket);
});

server.listen(PORT, HOST, () => {
  console.log(`listening on ${HOST}:${(server.address() as net.AddressInfo).port}`);
});
