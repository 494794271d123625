// Lesson 08 — binary frame server.
// A FrameReader state machine ('header' → 'body') over a list of chunks (no concat per
// chunk), and a table of operation handlers.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);
const MAX_FRAME = 1024 * 1024;

class FrameReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private state: 'header' | 'body' | 'stopped' = 'header';
  private bodyLength = 0;

  constructor(
    private readonly onFrame: (op: number, payload: Buffer) => void,
    private readonly onBadLength: (length: number) => void,
  ) {}

  push(chunk: Buffer): void {
    if (this.state === 'stopped') return;
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    for (;;) {
      if (this.state === 'header') {
        if (this.buffered < 4) return;
        const length = this.take(4).readUInt32BE(0);
        if (length === 0 || length > MAX_FRAME) {
          this.state = 'stopped';
          this.chunks = [];
          this.buffered = 0;
          this.onBadLength(length);
          return;
        }
        this.bodyLength = length;
        this.state = 'body';
      } else if (this.state === 'body') {
        if (this.buffered < this.bodyLength) return;
        const body = this.take(this.bodyLength);
        this.state = 'header';
        this.onFrame(body[0]!, body.subarray(1));
      } else {
        return;
      }
    }
  }

  /** Removes exactly n bytes from the front of the chunk list. */
  private take(n: number): Buffer {
    const parts: Buffer[] = [];
    let left = n;
    while (left > 0) {
      const first = this.chunks[0]!;
      if (first.length <= left) {
        parts.push(first);
        this.chunks.shift();
        left -= first.length;
      } else {
        parts.push(first.subarray(0, left));
        this.chunks[0] = first.subarray(left);
        left = 0;
      }
    }
    this.buffered -= n;
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts, n);
  }
}

const encodeFrame = (op: number, payload: Buffer): Buffer => {
  const out = Buffer.allocUnsafe(5 + payload.length);
  out.writeUInt32BE(payload.length + 1, 0);
  out[4] = op;
  payload.copy(out, 5);
  return out;
};
const failure = (text: string): Buffer => encodeFrame(0xff, Buffer.from(text, 'utf8'));

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

const handlers: Record<number, (payload: Buffer) => Buffer> = {
  0x01: (payload) => encodeFrame(0x81, payload),
  0x02: (payload) => {
    if (payload.length % 4 !== 0) return failure('SUM needs a whole number of int32 values');
    let total = 0n;
    for (let at = 0; at < payload.length; at += 4) total += BigInt(payload.readInt32BE(at));
    const body = Buffer.alloc(8);
    body.writeBigInt64BE(total);
    return encodeFrame(0x82, body);
  },
  0x03: (payload) => {
    let codePoints: number;
    try {
      // the u flag makes . match a whole code point, so 😀 counts once
      codePoints = (decoder.decode(payload).match(/./gu) ?? []).length;
    } catch {
      return failure('ULEN needs valid UTF-8');
    }

    const body = Buffer.alloc(8);
    body.writeUInt32BE(codePoints, 0);
    body.writeUInt32BE(payload.length, 4);
    return encodeFrame(0x83, body);
  },
};

const server = net.createServer((socket) => {
  const peer = `${socket.remoteAddress}:${socket.remotePort}`;
  const reader = new FrameReader(
    (op, payload) => {
      const handler = handlers[op];
      socket.write(handler ? handler(payload) : failure(`unknown op 0x${op.toString(16).padStart(2, '0')}`));
    },
    (length) => {
      console.log(`${peer}: refusing length ${length}`);
      socket.end(failure(length === 0 ? 'empty frame' : 'frame too large'));
    },
  );
  socket.on('data', (chunk: Buffer) => reader.push(chunk));
  socket.on('error', (err: NodeJS.ErrnoException) => console.error(`${peer}: ${err.code}`));
});

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error('server error:', err.code);
  process.exitCode = 1;
});

server.listen(PORT, HOST, () => {
  console.log(`listening on ${HOST}:${(server.address() as net.AddressInfo).port}`);
});
