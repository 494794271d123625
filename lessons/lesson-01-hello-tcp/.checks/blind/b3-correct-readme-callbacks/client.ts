// Lesson 01 — hello client, plain event callbacks.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

const socket = net.connect({ host: HOST, port: PORT }, () => {  // ① create + ④ connect
  socket.write('hello server\n');                                // ⑤ send
});
const chunks: Buffer[] = [];
socket.on('data', (chunk: Buffer) => chunks.push(chunk));        // ⑤ receive, piece by piece
socket.on('end', () => {                                         // the server closed: ⑥
  console.log(Buffer.concat(chunks).toString('utf8').trimEnd());
});
socket.on('error', (err: NodeJS.ErrnoException) => {
  console.error(`could not talk to ${HOST}:${PORT}: ${err.code}`);
  process.exitCode = 1;
});
