// Lesson 08 — your binary frame server. Read README.md (or README.ko.md) first.
// Check it with: npm run check lesson-08
//
// Every frame, in both directions (README "The frame"):
//   u32 BE length (of what follows) | u8 op | payload
//   ECHO 0x01 bytes          → 0x81 + the same bytes
//   SUM  0x02 k × int32 BE   → 0x82 + int64 BE sum
//   ULEN 0x03 UTF-8 text     → 0x83 + u32 code points + u32 bytes
//   unknown op / bad payload → 0xFF + UTF-8 message (the connection stays open)
//   length 0 or > 1 MiB      → 0xFF "empty frame" / "frame too large", then close
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

const MAX_FRAME = 1024 * 1024;

// TODO (README "The frame") write frame(op, payload): a 5-byte head with
//      head.writeUInt32BE(1 + payload.length, 0) and the op at offset 4, then the payload.

// TODO (README "SUM needs 64 bits", "ULEN counts code points", "Errors") write
//      reply(op, payload) → the reply frame for one complete request frame.

const server = net.createServer((socket) => {
  console.log(`connected: ${socket.remoteAddress}:${socket.remotePort}`);

  // TODO (README "Reading frames") keep the bytes not yet framed, per connection:
  //      let pending = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    // TODO (README "Reading frames") append the chunk, then take every whole frame:
    //      at least 4 bytes → length = readUInt32BE(0) (README "Byte order");
    //      check the length first (README "Limits"): 0 or > MAX_FRAME → error frame, then close;
    //      at least 4 + length bytes → op, payload → write reply(op, payload); repeat.
    console.log(`TODO: got ${chunk.length} bytes, but frames are not read yet (limit ${MAX_FRAME})`);
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
