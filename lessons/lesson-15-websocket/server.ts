// Lesson 15 — your WebSocket echo server, on node:net alone. Read README.md (or README.ko.md) first.
// Check it with: npm run check lesson-15
//
// Try it by hand: npx tsx lessons/lesson-15-websocket/server.ts, then in another terminal:
//   node -e "const W = require('ws'); const w = new W('ws://127.0.0.1:8080/'); w.on('open', () => w.send('안녕')); w.on('message', (m) => { console.log(String(m)); w.close(1000); })"
import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

/** The request head, counting its \r\n\r\n (README "The handshake"). */
const MAX_HEAD_BYTES = 8192;
/** The largest message, all its fragments together (README "Failing the connection"). */
const MAX_MESSAGE_BYTES = 1024 * 1024;
const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/**
 * Sec-WebSocket-Accept for a Sec-WebSocket-Key (README "The accept key").
 * TODO: base64 of the SHA-1 digest BYTES of key + GUID. acceptOf('dGhlIHNhbXBsZSBub25jZQ==')
 *   must be 's3pPLMBiTxaQ9kYGzzhZRbK+xOo='.
 */
function acceptOf(key: string): string {
  void createHash;
  void GUID;
  return key;
}

/**
 * One frame from the server (README "Frames"): FIN = 1, RSV = 0, no mask, the shortest length.
 * TODO: 0x80 | opcode, then the length (< 126; 126 + 2 bytes; 127 + 8 bytes), then the payload.
 */
function frameOf(opcode: number, payload: Buffer): Buffer {
  return Buffer.concat([Buffer.from([0x80 | opcode, payload.length & 0x7f]), payload]);
}

const server = net.createServer((socket) => {
  // TODO (README "Framing"): per connection: a Buffer of bytes not yet used, whether the
  //   handshake is done, a 'closed' flag, and the fragments of the message in progress.

  socket.on('data', (chunk: Buffer) => {
    // A chunk is not a request, nor a frame: the head or a frame may end in a later chunk, and
    // one chunk may hold the head and frames, or several frames (README "Framing").
    // TODO 1 (README "The handshake"): wait for '\r\n\r\n'; refuse what is not an upgrade
    //   (400, 426, 431 and close); else write the 101 with acceptOf(key) and keep the bytes
    //   after the head.
    // TODO 2 (README "Frames", "Messages", "Ping, pong and close", "Failing the connection"):
    //   while a whole frame is buffered: check its header, unmask it, answer it.
    void MAX_HEAD_BYTES;
    void MAX_MESSAGE_BYTES;
    void isUtf8;
    void frameOf;
    void acceptOf;
    socket.end(`HTTP/1.1 501 Not Implemented\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
    void chunk;
  });

  socket.on('error', (err: NodeJS.ErrnoException) => console.error(`connection error: ${err.code}`));
});

server.listen(PORT, HOST, () => {
  console.log(`listening on ${HOST}:${(server.address() as net.AddressInfo).port}`);
});
