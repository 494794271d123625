// Lesson 01 — hello client: keeps the reply as text and prints it when the server closes.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

let reply = '';

const socket = net.connect({ host: HOST, port: PORT }, () => {
  socket.write('hello server\n');
});
socket.setEncoding('utf8');
socket.on('data', (chunk: string) => {
  reply = chunk; // the reply received so far
});
socket.on('end', () => {
  console.log(reply.trimEnd());
});
socket.on('error', (err: NodeJS.ErrnoException) => {
  console.error(`could not talk to ${HOST}:${PORT}: ${err.code}`);
  process.exitCode = 1;
});
