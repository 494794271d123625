// Lesson 01 — the source's hello client, in TypeScript.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

// ① create a socket and ④ connect to the server's address and port.
const socket = net.connect({ host: HOST, port: PORT }, () => {
  // ⑤ send. The newline lets a line-reading server (the Java one) know the message ended.
  socket.write('hello server\n');
});

// ⑤ receive. The reply may arrive in several chunks, so collect them until the server
// closes its side (both source servers close right after replying).
const chunks: Buffer[] = [];
socket.on('data', (chunk: Buffer) => chunks.push(chunk));

// ⑥ close: 'end' means the server sent FIN; Node then closes our side too.
socket.on('end', () => {
  console.log(Buffer.concat(chunks).toString('utf8').trimEnd());
});

socket.on('error', (err: NodeJS.ErrnoException) => {
  console.error(`could not talk to ${HOST}:${PORT}: ${err.code}`);
  process.exitCode = 1;
});
