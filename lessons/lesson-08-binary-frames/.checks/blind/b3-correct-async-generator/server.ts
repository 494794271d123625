// Lesson 08 — binary frame server.
// Style: `for await` over the socket's chunks; an async generator turns chunks into frames.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);
const LIMIT = 1_048_576;

type Item = { kind: 'frame'; op: number; payload: Buffer } | { kind: 'bad-length'; length: number };

/** Cuts frames out of a stream of chunks; after a bad length it yields that and stops. */
async function* framesOf(chunks: AsyncIterable<Buffer>): AsyncGenerator<Item> {
  let rest: Buffer = Buffer.alloc(0);
  for await (const chunk of chunks) {
    rest = rest.length ? Buffer.concat([rest, chunk]) : chunk;
    for (;;) {
      if (rest.length < 4) break;
      const length = rest.readUInt32BE(0);
      if (length < 1 || length > LIMIT) {
        yield { kind: 'bad-length', length };
        return;
      }
      if (rest.length < 4 + length) break;
      yield { kind: 'frame', op: rest[4]!, payload: rest.subarray(5, 4 + length) };
      rest = rest.subarray(4 + length);
    }
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function pack(op: number, payload: Uint8Array): Buffer {
  const head = Buffer.alloc(5);
  head.writeUInt32BE(payload.length + 1);
  head[4] = op;
  return Buffer.concat([head, payload]);
}

function answer(op: number, payload: Buffer): Buffer {
  if (op === 0x01) return pack(0x81, payload);
  if (op === 0x02) {
    if (payload.length % 4) return pack(0xff, Buffer.from('bad SUM payload: length not a multiple of 4'));
    let sum = 0n;
    for (let i = 0; i < payload.length; i += 4) sum += BigInt(payload.readInt32BE(i));
    const out = Buffer.alloc(8);
    out.writeBigInt64BE(sum);
    return pack(0x82, out);
  }
  if (op === 0x03) {
    let text: string;
    try {
      text = utf8.decode(payload);
    } catch {
      return pack(0xff, Buffer.from('bad ULEN payload: invalid UTF-8'));
    }
    const out = Buffer.alloc(8);
    out.writeUInt32BE(Array.from(text).length, 0);
    out.writeUInt32BE(payload.byteLength, 4);
    return pack(0x83, out);
  }
  return pack(0xff, Buffer.from(`unknown op 0x${op.toString(16).padStart(2, '0')}`));
}

async function serve(socket: net.Socket): Promise<void> {
  socket.on('error', (err: NodeJS.ErrnoException) => console.error('socket error:', err.code));
  const chunks = socket[Symbol.asyncIterator]() as AsyncIterableIterator<Buffer>;
  // A wrapper whose return() does not destroy the socket: after a refusal we keep draining.
  const source: AsyncIterable<Buffer> = { [Symbol.asyncIterator]: () => ({ next: () => chunks.next() }) };
  try {
    for await (const item of framesOf(source)) {
      if (item.kind === 'bad-length') {
        socket.end(pack(0xff, Buffer.from(item.length === 0 ? 'empty frame' : 'frame too large')));
        for await (const _ of source) {
          // ignore whatever the peer still sends until it closes
        }
        return;
      }
      socket.write(answer(item.op, item.payload));
    }
  } catch (err) {
    console.error('connection failed:', (err as NodeJS.ErrnoException).code ?? err);
  }
}

const server = net.createServer((socket) => {
  void serve(socket);
});

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error('server error:', err.code);
  process.exitCode = 1;
});

server.listen(PORT, HOST, () => {
  console.log(`listening on ${HOST}:${(server.address() as net.AddressInfo).port}`);
});
