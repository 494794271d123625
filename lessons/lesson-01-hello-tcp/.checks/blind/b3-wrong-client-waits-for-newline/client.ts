// Lesson 01 — hello client: reads the reply line like Java's readLine().
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

const socket = net.connect({ host: HOST, port: PORT }, () => {
  socket.write('hello server\n');
});

let buffered = '';
socket.setEncoding('utf8');
socket.on('data', (chunk: string) => {
  buffered += chunk;                      // the reply may come in pieces: collect them
  const nl = buffered.indexOf('\n');
  if (nl === -1) return;                  // not a whole line yet
  console.log(buffered.slice(0, nl));
  buffered = buffered.slice(nl + 1);
});
socket.on('end', () => {
  // the server closed: nothing more to read, and Node closes our side too
});
socket.on('error', (err: NodeJS.ErrnoException) => {
  console.error(`could not talk to ${HOST}:${PORT}: ${err.code}`);
  process.exitCode = 1;
});
