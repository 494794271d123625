// Lesson 15 — WebSocket echo server on node:net: an explicit state machine per connection
// (head → frame header → extended length → mask key → payload), over a queue of chunks.
import { createHash } from 'node:crypto';
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

const MAX_HEAD = 8192;
const MAX_MESSAGE = 1_048_576;
const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
function validUtf8(bytes: Uint8Array): boolean {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** A FIFO of chunks: bytes are taken out without re-joining everything on each 'data'. */
class ByteQueue {
  private chunks: Buffer[] = [];
  length = 0;
  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.length += chunk.length;
  }
  take(n: number): Buffer {
    const out = Buffer.allocUnsafe(n);
    let filled = 0;
    while (filled < n) {
      const first = this.chunks[0]!;
      const need = n - filled;
      if (first.length <= need) {
        first.copy(out, filled);
        filled += first.length;
        this.chunks.shift();
      } else {
        first.copy(out, filled, 0, need);
        this.chunks[0] = first.subarray(need);
        filled += need;
      }
    }
    this.length -= n;
    return out;
  }
  clear(): void {
    this.chunks = [];
    this.length = 0;
  }
}

function encodeFrame(opcode: number, payload: Buffer): Buffer {
  const n = payload.length;
  const lenBytes =
    n <= 125 ? Buffer.from([n]) : n <= 0xffff ? Buffer.from([126, n >> 8, n & 0xff]) : Buffer.alloc(9);
  if (n > 0xffff) {
    lenBytes[0] = 127;
    lenBytes.writeBigUInt64BE(BigInt(n), 1);
  }
  return Buffer.concat([Buffer.from([0x80 | opcode]), lenBytes, payload]);
}

const codeBytes = (code: number): Buffer => Buffer.from([code >> 8, code & 0xff]);

const isValidCode = (c: number): boolean =>
  (c >= 1000 && c <= 1003) || (c >= 1007 && c <= 1014) || (c >= 3000 && c <= 4999);

type State =
  | { kind: 'head' }
  | { kind: 'frame-start' }
  | { kind: 'ext-length'; fin: boolean; opcode: number; bytes: 2 | 8 }
  | { kind: 'mask-key'; fin: boolean; opcode: number; length: number }
  | { kind: 'payload'; fin: boolean; opcode: number; length: number; key: Buffer }
  | { kind: 'done' };

function serve(socket: net.Socket): void {
  let state: State = { kind: 'head' };
  let head = Buffer.alloc(0);
  const queue = new ByteQueue();
  let message: { opcode: number; parts: Buffer[]; size: number } | undefined;

  const finish = (bytes: Buffer | string): void => {
    state = { kind: 'done' };
    queue.clear();
    socket.end(bytes);
  };
  const failWith = (code: number): void => finish(encodeFrame(0x8, codeBytes(code)));
  const refuse = (status: string, extraHeader = ''): void => {
    const body = 'refused\n';
    finish(
      `HTTP/1.1 ${status}\r\nContent-Length: ${body.length}\r\nConnection: close\r\n${extraHeader}\r\n${body}`,
    );
  };

  /** true when the 101 went out. */
  const onHead = (text: string): boolean => {
    const [requestLine = '', ...headerLines] = text.split('\r\n');
    const fields: Record<string, string> = {};
    for (const line of headerLines) {
      const m = /^([^:]+):(.*)$/.exec(line);
      if (!m) continue;
      const name = m[1]!.trim().toLowerCase();
      const value = m[2]!.trim();
      fields[name] = name in fields ? `${fields[name]}, ${value}` : value;
    }
    const rl = /^(\S+) (\S+) HTTP\/1\.1$/.exec(requestLine);
    const ok =
      rl !== null &&
      rl[1] === 'GET' &&
      fields['upgrade']?.toLowerCase() === 'websocket' &&
      (fields['connection'] ?? '').split(',').some((t) => t.trim().toLowerCase() === 'upgrade') &&
      (fields['sec-websocket-key'] ?? '') !== '';
    if (!ok) {
      refuse('400 Bad Request');
      return false;
    }
    if (fields['sec-websocket-version'] !== '13') {
      refuse('426 Upgrade Required', 'Sec-WebSocket-Version: 13\r\n');
      return false;
    }
    const accept = createHash('sha1').update(fields['sec-websocket-key'] + GUID).digest('base64');
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    state = { kind: 'frame-start' };
    return true;
  };

  /** Checks that need only the 2 first bytes; returns a close code or 0. */
  const checkStart = (fin: boolean, rsv: number, opcode: number, masked: boolean, len7: number): number => {
    if (!masked || rsv !== 0) return 1002;
    if (![0x0, 0x1, 0x2, 0x8, 0x9, 0xa].includes(opcode)) return 1002;
    if (opcode >= 0x8) return !fin || len7 > 125 ? 1002 : 0;
    if (opcode === 0x0 && message === undefined) return 1002;
    if (opcode !== 0x0 && message !== undefined) return 1002;
    return 0;
  };

  /** Checks once the length is known (data frames only): returns a close code or 0. */
  const checkLength = (opcode: number, length: bigint): number => {
    if (opcode >= 0x8) return 0;
    const before = BigInt(message?.size ?? 0);
    return before + length > BigInt(MAX_MESSAGE) ? 1009 : 0;
  };

  const onFrame = (fin: boolean, opcode: number, payload: Buffer): void => {
    if (opcode === 0x9) {
      socket.write(encodeFrame(0xa, payload));
      return;
    }
    if (opcode === 0xa) return;
    if (opcode === 0x8) {
      if (payload.length === 0) return finish(encodeFrame(0x8, Buffer.alloc(0)));
      if (payload.length === 1) return failWith(1002);
      const code = payload.readUInt16BE(0);
      if (!isValidCode(code)) return failWith(1002);
      if (!validUtf8(payload.subarray(2))) return failWith(1007);
      return finish(encodeFrame(0x8, codeBytes(code)));
    }
    if (opcode !== 0x0) message = { opcode, parts: [], size: 0 };
    const msg = message!;
    msg.parts.push(payload);
    msg.size += payload.length;
    if (!fin) return;
    message = undefined;
    const whole = Buffer.concat(msg.parts, msg.size);
    if (msg.opcode === 0x1) {
      if (!validUtf8(whole)) return failWith(1007);
      socket.write(encodeFrame(0x1, Buffer.concat([Buffer.from('echo:', 'ascii'), whole])));
    } else {
      socket.write(encodeFrame(0x2, whole));
    }
  };

  const step = (): boolean => {
    switch (state.kind) {
      case 'head':
      case 'done':
        return false;
      case 'frame-start': {
        if (queue.length < 2) return false;
        const [b0, b1] = queue.take(2);
        const fin = (b0! & 0x80) !== 0;
        const opcode = b0! & 0x0f;
        const len7 = b1! & 0x7f;
        const code = checkStart(fin, (b0! >> 4) & 7, opcode, (b1! & 0x80) !== 0, len7);
        if (code) {
          failWith(code);
          return false;
        }
        if (len7 >= 126) {
          state = { kind: 'ext-length', fin, opcode, bytes: len7 === 126 ? 2 : 8 };
        } else {
          const c = checkLength(opcode, BigInt(len7));
          if (c) {
            failWith(c);
            return false;
          }
          state = { kind: 'mask-key', fin, opcode, length: len7 };
        }
        return true;
      }
      case 'ext-length': {
        if (queue.length < state.bytes) return false;
        const raw = queue.take(state.bytes);
        const length = state.bytes === 2 ? BigInt(raw.readUInt16BE(0)) : raw.readBigUInt64BE(0);
        const c = checkLength(state.opcode, length);
        if (c) {
          failWith(c);
          return false;
        }
        state = { kind: 'mask-key', fin: state.fin, opcode: state.opcode, length: Number(length) };
        return true;
      }
      case 'mask-key': {
        if (queue.length < 4) return false;
        state = { kind: 'payload', fin: state.fin, opcode: state.opcode, length: state.length, key: queue.take(4) };
        return true;
      }
      case 'payload': {
        if (queue.length < state.length) return false;
        const { fin, opcode, length, key } = state;
        const payload = queue.take(length);
        for (let i = 0; i < length; i++) payload[i] = payload[i]! ^ key[i & 3]!;
        state = { kind: 'frame-start' };
        onFrame(fin, opcode, payload);
        return true;
      }
    }
  };

  socket.on('data', (chunk: Buffer) => {
    if (state.kind === 'done') return;
    if (state.kind === 'head') {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n', 0, 'latin1');
      if (end === -1) {
        if (head.length >= MAX_HEAD) refuse('431 Request Header Fields Too Large');
        return;
      }
      if (end + 4 > MAX_HEAD) return refuse('431 Request Header Fields Too Large');
      const rest = head.subarray(end + 4);
      const text = head.subarray(0, end).toString('latin1');
      head = Buffer.alloc(0);
      if (!onHead(text)) return;
      queue.push(rest);
    } else {
      queue.push(chunk);
    }
    while (step()) {
      /* keep going while a step made progress */
    }
  });

  socket.on('error', (err: NodeJS.ErrnoException) => console.error(`socket error: ${err.code}`));
}

net.createServer(serve).listen(PORT, HOST, function (this: net.Server) {
  console.log(`listening on ${HOST}:${(this.address() as net.AddressInfo).port}`);
});
