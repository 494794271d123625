// Lesson 08 — a length-prefixed binary protocol server.
//
// Every frame, in both directions:  u32 BE length | u8 op | payload
// `length` counts the bytes after itself (op + payload), so it is at least 1.
//   ECHO 0x01 bytes            → 0x81 + the same bytes
//   SUM  0x02 k × int32 BE     → 0x82 + int64 BE sum
//   ULEN 0x03 UTF-8 text       → 0x83 + u32 code points + u32 bytes
//   unknown op / bad payload   → 0xFF + UTF-8 message, and the connection stays open
//   length 0 or > 1 MiB        → 0xFF "empty frame" / "frame too large", then close
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

/** The most a peer may claim for one frame. Never allocate or wait for more than this. */
const MAX_FRAME = 1024 * 1024;

const OP_ECHO = 0x01;
const OP_SUM = 0x02;
const OP_ULEN = 0x03;
const OP_ERROR = 0xff;

/** Builds one frame: the 4-byte big-endian length, the op, the payload. */
function frame(op: number, payload: Buffer = Buffer.alloc(0)): Buffer {
  const head = Buffer.alloc(5);
  head.writeUInt32BE(1 + payload.length, 0); // network byte order: most significant byte first
  head.writeUInt8(op, 4);
  return Buffer.concat([head, payload]);
}

let fatal = false;
function errorFrame(message: string): Buffer {
  fatal = true; // wrong: every error closes the connection, even for a bad payload
  return frame(OP_ERROR, Buffer.from(message, 'utf8'));
}

// fatal: true makes invalid UTF-8 an exception instead of a silent U+FFFD.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The reply to one complete frame. Bad input is answered, never thrown. */
function reply(op: number, payload: Buffer): Buffer {
  switch (op) {
    case OP_ECHO:
      return frame(0x81, payload);
    case OP_SUM: {
      if (payload.length % 4 !== 0) return errorFrame(`SUM payload must be a multiple of 4 bytes, got ${payload.length}`);
      // BigInt: 2147483647 + 2147483647 does not fit in 32 bits, and the reply is 64 bits.
      let sum = 0n;
      for (let i = 0; i < payload.length; i += 4) sum += BigInt(payload.readInt32BE(i));
      const out = Buffer.alloc(8);
      out.writeBigInt64BE(sum, 0);
      return frame(0x82, out);
    }
    case OP_ULEN: {
      let text: string;
      try {
        text = strictUtf8.decode(payload);
      } catch {
        return errorFrame('ULEN payload is not valid UTF-8');
      }
      const out = Buffer.alloc(8);
      out.writeUInt32BE([...text].length, 0); // code points: '😀' is 1, though its .length is 2
      out.writeUInt32BE(payload.length, 4); // bytes
      return frame(0x83, out);
    }
    default:
      return errorFrame(`unknown op 0x${op.toString(16).padStart(2, '0')}`);
  }
}

const server = net.createServer((socket) => {
  const who = `${socket.remoteAddress}:${socket.remotePort}`;
  console.log(`connected: ${who}`);

  // Each connection has its own buffer: the bytes received and not yet framed.
  let pending: Buffer = Buffer.alloc(0);
  let closing = false;

  socket.on('data', (chunk: Buffer) => {
    if (closing) return; // we already refused this peer: ignore the rest
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);

    // A chunk may hold part of a frame, one frame, or several: take every whole frame.
    const replies: Buffer[] = [];
    for (;;) {
      if (pending.length < 4) break; // the header itself may arrive in pieces
      const length = pending.readUInt32BE(0);
      if (length === 0 || length > MAX_FRAME) {
        // Refuse before waiting for (or allocating) the body the peer claims.
        replies.push(errorFrame(length === 0 ? 'empty frame' : 'frame too large'));
        closing = true;
        console.log(`${who}: refused a frame of length ${length}`);
        break;
      }
      if (pending.length < 4 + length) break; // the body is not all here yet
      const op = pending[4]!;
      // subarray is a view, not a copy: cheap, and frame() copies what it keeps.
      const payload = pending.subarray(5, 4 + length);
      replies.push(reply(op, payload));
      pending = pending.subarray(4 + length);
    }
    if (fatal) closing = true;
    if (replies.length > 0) socket.write(Buffer.concat(replies));
    if (closing) {
      pending = Buffer.alloc(0);
      socket.end(); // FIN after the error frame is flushed
      // If the peer never closes its side, do not keep its socket forever.
      setTimeout(() => socket.destroy(), 2000).unref();
    }
  });

  socket.on('end', () => console.log(`${who}: closed`));
  socket.on('error', (err: NodeJS.ErrnoException) => console.error(`${who}: ${err.code ?? err.message}`));
});

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error('server error:', err.code);
  process.exitCode = 1;
});

server.listen(PORT, HOST, () => {
  const { port } = server.address() as net.AddressInfo;
  console.log(`listening on ${HOST}:${port}`);
});
