// Lesson 01 — hello client that reads the reply line by line (like Java's readLine()).
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

const socket = net.connect({ host: HOST, port: PORT }, () => {
  socket.write('hello server\n');
});
let buffered = '';
socket.setEncoding('utf8');
socket.on('data', (chunk: string) => {
  buffered += chunk;                          // pieces are collected…
  const nl = buffered.indexOf('\n');
  if (nl === -1) return;                      // …until the line is complete
  console.log(buffered.slice(0, nl));
  socket.end();
});
socket.on('error', (err: NodeJS.ErrnoException) => {
  console.error(`could not talk to ${HOST}:${PORT}: ${err.code}`);
  process.exitCode = 1;
});
