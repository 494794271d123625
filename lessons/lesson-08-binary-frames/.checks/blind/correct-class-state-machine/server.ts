// Lesson 08 — binary frame server: a FrameReader state machine and one Connection object per client.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);
const MAX_FRAME = 1024 * 1024;

type Item =
  | { kind: 'frame'; op: number; payload: Buffer }
  | { kind: 'bad-length'; length: number };

/** Collects chunks without re-concatenating them on every 'data'; two states: header, body. */
class FrameReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private state: { want: 'header' } | { want: 'body'; length: number } = { want: 'header' };

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
  }

  private take(n: number): Buffer {
    const out = Buffer.alloc(n);
    let filled = 0;
    while (filled < n) {
      const first = this.chunks[0]!;
      const used = Math.min(first.length, n - filled);
      first.copy(out, filled, 0, used);
      filled += used;
      if (used === first.length) this.chunks.shift();
      else this.chunks[0] = first.subarray(used);
    }
    this.buffered -= n;
    return out;
  }

  next(): Item | undefined {
    for (;;) {
      if (this.state.want === 'header') {
        if (this.buffered < 4) return undefined;
        const length = this.take(4).readUInt32BE(0);
        if (length === 0 || length > MAX_FRAME) return { kind: 'bad-length', length };
        this.state = { want: 'body', length };
        continue;
      }
      const { length } = this.state;
      if (this.buffered < length) return undefined;
      const body = this.take(length);
      this.state = { want: 'header' };
      return { kind: 'frame', op: body[0]!, payload: body.subarray(1) };
    }
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

class Connection {
  private reader = new FrameReader();
  private refused = false;

  constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (err: NodeJS.ErrnoException) => console.error('socket error:', err.code));
    socket.on('close', () => console.log(`closed: ${socket.remotePort}`));
  }

  private static frame(op: number, payload: Buffer): Buffer {
    const out = Buffer.alloc(5 + payload.length);
    out.writeUInt32BE(1 + payload.length, 0);
    out[4] = op;
    payload.copy(out, 5);
    return out;
  }

  private static error(message: string): Buffer {
    return Connection.frame(0xff, Buffer.from(message));
  }

  private onData(chunk: Buffer): void {
    if (this.refused) return;
    this.reader.push(chunk);
    for (let item = this.reader.next(); item; item = this.reader.next()) {
      if (item.kind === 'bad-length') {
        this.refused = true;
        this.socket.end(Connection.error(item.length === 0 ? 'empty frame' : 'frame too large'));
        this.socket.resume();
        return;
      }
      this.socket.write(this.answer(item.op, item.payload));
    }
  }

  private answer(op: number, payload: Buffer): Buffer {
    if (op === 0x01) return Connection.frame(0x81, payload);
    if (op === 0x02) {
      if (payload.length % 4 !== 0) return Connection.error('SUM needs a multiple of 4 bytes');
      // At most 262144 int32 values fit in 1 MiB: |sum| < 2^49, exact in a double.
      let sum = 0;
      for (let i = 0; i < payload.length; i += 4) sum += payload.readInt32BE(i);
      const out = Buffer.alloc(8);
      out.writeBigInt64BE(BigInt(sum), 0);
      return Connection.frame(0x82, out);
    }
    if (op === 0x03) {
      try {
        strictUtf8.decode(payload);
      } catch {
        return Connection.error('ULEN text is not valid UTF-8');
      }
      // valid UTF-8: every code point has exactly one byte that is not 10xxxxxx
      let codePoints = 0;
      for (const byte of payload) if ((byte & 0xc0) !== 0x80) codePoints++;
      const out = Buffer.alloc(8);
      out.writeUInt32BE(codePoints, 0);
      out.writeUInt32BE(payload.length, 4);
      return Connection.frame(0x83, out);
    }
    return Connection.error(`unknown op 0x${op.toString(16).padStart(2, '0')}`);
  }
}

const server = net.createServer((socket) => {
  console.log(`connected: ${socket.remoteAddress}:${socket.remotePort}`);
  new Connection(socket);
});

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error('server error:', err.code);
  process.exitCode = 1;
});

server.listen(PORT, HOST, () => {
  const { port } = server.address() as net.AddressInfo;
  console.log(`listening on ${HOST}:${port}`);
});
