// Lesson 09 — a UDP server: one socket, no connections, one datagram in → one datagram out.
import dgram from 'node:dgram';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

/** Course policy: a datagram that fits any path without fragmentation (README "Size"). */
const MAX_DATAGRAM = 1200;

// fatal: invalid UTF-8 throws instead of turning into U+FFFD; ignoreBOM: keep a BOM as a
// character, so a datagram starting with one is not "ECHO …".
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The whole protocol: one request datagram → the reply datagram. */
function answer(msg: Buffer): Buffer | string {
  if (msg.length > MAX_DATAGRAM) return 'ERR too large';
  if (msg.length === 0) return 'ERR bad request';
  let request: string;
  try {
    request = utf8.decode(msg);
  } catch {
    return 'ERR bad request';
  }
  // ECHO: the bytes after "ECHO ", exactly as they came (no trim, no re-encoding).
  if (request.startsWith('ECHO ')) return msg.subarray(5);
  // PING <seq> <token> (one trailing \n allowed, as `nc -u` sends a line).
  const ping = /^PING (\d+) (\S+)\n?$/.exec(request);
  if (ping) return `PONG ${ping[1]} ${ping[2]}`;
  return 'ERR bad request';
}

// ① create. One socket serves every client: there is no accept() and no per-client socket.
const socket = dgram.createSocket({ type: 'udp4', reuseAddr: true }); // wrong: a unicast server must not share its port
let bound = false;

// ⑤ receive: each 'message' is one whole datagram, and rinfo says who sent it.
socket.on('message', (msg, rinfo) => {
  const reply = answer(msg);
  console.log(`${rinfo.address}:${rinfo.port} sent ${msg.length} bytes → ${Buffer.byteLength(reply)} bytes`);
  // ⑤ send: to the sender of THIS datagram. The callback takes send errors (so they are
  // logged here instead of being emitted as 'error').
  socket.send(reply, rinfo.port, rinfo.address, (err) => {
    if (err) console.error(`could not reply to ${rinfo.address}:${rinfo.port}: ${(err as NodeJS.ErrnoException).code}`);
  });
});

// Without this listener, any socket error (EADDRINUSE from bind, for one) ends the process
// with "Unhandled 'error' event". A bind error means we cannot serve: say so and exit 1.
socket.on('error', (err: NodeJS.ErrnoException) => {
  console.error(`udp error: ${err.code} ${err.message}`);
  if (!bound) {
    process.exitCode = 1;
    socket.close();
  }
});

socket.on('listening', () => {
  bound = true;
  const { address, port } = socket.address();
  console.log(`udp server on ${address}:${port}`);
});

// ② bind. No listen(): UDP has no connections to queue. The bound socket keeps the process
// alive until socket.close() (a server wants exactly that).
socket.bind(PORT, HOST);
