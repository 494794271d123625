// Lesson 08 — binary frame server.
// Style: one pending Buffer per connection, concat + subarray in a while loop (README-style).
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

const MAX_FRAME = 1024 * 1024;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function frame(op: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.writeUInt32BE(1 + payload.length, 0);
  head.writeUInt8(op, 4);
  return Buffer.concat([head, payload]);
}

function errorFrame(message: string): Buffer {
  return frame(0xff, Buffer.from(message, 'utf8'));
}

function reply(op: number, payload: Buffer): Buffer {
  switch (op) {
    case 0x01:
      return frame(0x81, payload);
    case 0x02: {
      if (payload.length % 4 !== 0) return errorFrame(`SUM payload of ${payload.length} bytes is not a multiple of 4`);
      let sum = 0n;
      for (let i = 0; i < payload.length; i += 4) sum += BigInt(payload.readInt32BE(i));
      const out = Buffer.alloc(8);
      out.writeBigInt64BE(sum, 0);
      return frame(0x82, out);
    }
    case 0x03: {
      let text: string;
      try {
        text = strictUtf8.decode(payload);
      } catch {
        return errorFrame('ULEN payload is not valid UTF-8');
      }
      const out = Buffer.alloc(8);
      out.writeUInt32BE([...text].length, 0);
      out.writeUInt32BE(payload.length, 4);
      return frame(0x83, out);
    }
    default:
      return errorFrame(`unknown op 0x${op.toString(16).padStart(2, '0')}`);
  }
}

function refuse(socket: net.Socket, message: string): void {
  socket.end(errorFrame(message));
  socket.removeAllListeners('data');
  socket.resume();
}

const server = net.createServer((socket) => {
  console.log(`connected: ${socket.remoteAddress}:${socket.remotePort}`);
  let pending: Buffer = Buffer.alloc(0);

  socket.on('data', (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    while (pending.length >= 4) {
      const length = pending.readUInt32BE(0);
      if (length === 0 || length > MAX_FRAME) {
        pending = Buffer.alloc(0);
        return refuse(socket, length === 0 ? 'empty frame' : 'frame too large');
      }
      if (pending.length < 4 + length) break;
      const op = pending[4]!;
      const payload = pending.subarray(5, 4 + length);
      socket.write(reply(op, payload));
      pending = pending.subarray(4 + length);
    }
  });

  socket.on('error', (err: NodeJS.ErrnoException) => console.error('socket error:', err.code));
});

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error('server error:', err.code);
  process.exitCode = 1;
});

server.listen(PORT, HOST, () => {
  const { port } = server.address() as net.AddressInfo;
  console.log(`listening on ${HOST}:${port}`);
});
