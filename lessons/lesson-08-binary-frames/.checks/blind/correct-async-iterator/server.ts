// Lesson 08 — binary frame server: an async generator of frames over `for await` on the socket.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);
const MAX_FRAME = 1024 * 1024;

type Frame = { op: number; payload: Buffer };
class BadLength {
  constructor(readonly length: number) {}
}

/** Cuts whole frames out of a stream of chunks; yields a BadLength and stops on a length it refuses. */
async function* readFrames(chunks: AsyncIterable<Buffer>): AsyncGenerator<Frame | BadLength> {
  let pending: Buffer = Buffer.alloc(0);
  for await (const chunk of chunks) {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    for (;;) {
      if (pending.length < 4) break;
      const length = pending.readUInt32BE(0);
      if (length < 1 || length > MAX_FRAME) {
        yield new BadLength(length);
        return;
      }
      if (pending.length < 4 + length) break;
      yield { op: pending[4]!, payload: pending.subarray(5, 4 + length) };
      pending = pending.subarray(4 + length);
    }
  }
}

const encodeFrame = (op: number, payload: Uint8Array): Buffer => {
  const head = Buffer.alloc(5);
  head.writeUInt32BE(payload.length + 1, 0);
  head[4] = op;
  return Buffer.concat([head, payload]);
};
const encodeError = (message: string): Buffer => encodeFrame(0xff, Buffer.from(message, 'utf8'));

const handlers: Record<number, (payload: Buffer) => Buffer> = {
  0x01: (payload) => encodeFrame(0x81, payload),
  0x02: (payload) => {
    if (payload.length % 4) return encodeError(`bad SUM: ${payload.length} bytes`);
    const out = Buffer.alloc(8);
    let total = 0n;
    for (let at = 0; at < payload.length; at += 4) total += BigInt(payload.readInt32BE(at));
    out.writeBigInt64BE(total);
    return encodeFrame(0x82, out);
  },
  0x03: (payload) => {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(payload);
    } catch {
      return encodeError('bad ULEN: invalid UTF-8');
    }
    let points = 0;
    for (const _ of text) points++;
    const out = Buffer.alloc(8);
    out.writeUInt32BE(points, 0);
    out.writeUInt32BE(payload.length, 4);
    return encodeFrame(0x83, out);
  },
};

async function serve(socket: net.Socket): Promise<void> {
  const chunks = socket.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>;
  for await (const item of readFrames(chunks)) {
    if (item instanceof BadLength) {
      socket.end(encodeError(item.length === 0 ? 'empty frame' : 'frame too large'));
      socket.resume(); // discard whatever still comes
      return;
    }
    const handler = handlers[item.op];
    socket.write(handler ? handler(item.payload) : encodeError(`unknown op 0x${item.op.toString(16).padStart(2, '0')}`));
  }
}

const server = net.createServer((socket) => {
  const who = `${socket.remoteAddress}:${socket.remotePort}`;
  console.log(`connected: ${who}`);
  socket.on('error', (err: NodeJS.ErrnoException) => console.error(`socket error (${who}):`, err.code));
  serve(socket).then(
    () => console.log(`done: ${who}`),
    (err: NodeJS.ErrnoException) => console.error(`connection ${who} failed:`, err.code ?? err.message),
  );
});

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error('server error:', err.code);
  process.exitCode = 1;
});

server.listen(PORT, HOST, () => {
  console.log(`listening on ${HOST}:${(server.address() as net.AddressInfo).port}`);
});
