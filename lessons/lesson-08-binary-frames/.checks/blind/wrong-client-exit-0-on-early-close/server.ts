// Lesson 08 — binary frame server (functional helpers, one pending Buffer per connection).
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

const MAX_FRAME = 1024 * 1024;
const OP_ECHO = 0x01;
const OP_SUM = 0x02;
const OP_ULEN = 0x03;
const OP_ERROR = 0xff;

function frame(op: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.writeUInt32BE(1 + payload.length, 0);
  head.writeUInt8(op, 4);
  return Buffer.concat([head, payload]);
}

function errorFrame(message: string): Buffer {
  return frame(OP_ERROR, Buffer.from(message, 'utf8'));
}

function sumReply(payload: Buffer): Buffer {
  if (payload.length % 4 !== 0) {
    return errorFrame(`SUM payload of ${payload.length} bytes is not a multiple of 4`);
  }
  let sum = 0n;
  for (let i = 0; i < payload.length; i += 4) sum += BigInt(payload.readInt32BE(i));
  const out = Buffer.alloc(8);
  out.writeBigInt64BE(sum, 0);
  return frame(OP_SUM | 0x80, out);
}

function ulenReply(payload: Buffer): Buffer {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(payload);
  } catch {
    return errorFrame('ULEN payload is not valid UTF-8');
  }
  const out = Buffer.alloc(8);
  out.writeUInt32BE([...text].length, 0);
  out.writeUInt32BE(payload.length, 4);
  return frame(OP_ULEN | 0x80, out);
}

function reply(op: number, payload: Buffer): Buffer {
  switch (op) {
    case OP_ECHO:
      return frame(OP_ECHO | 0x80, payload);
    case OP_SUM:
      return sumReply(payload);
    case OP_ULEN:
      return ulenReply(payload);
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
        refuse(socket, length === 0 ? 'empty frame' : 'frame too large');
        return;
      }
      if (pending.length < 4 + length) break;
      const op = pending[4]!;
      const payload = pending.subarray(5, 4 + length);
      socket.write(reply(op, payload));
      pending = pending.subarray(4 + length);
    }
  });

  socket.on('close', () => console.log('closed'));
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
