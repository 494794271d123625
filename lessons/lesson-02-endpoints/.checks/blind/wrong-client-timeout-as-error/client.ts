// Lesson 02 — one-line client, plain callbacks.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

let gotLine = false;
let buffered = '';

const socket = net.connect({ host: HOST, port: PORT });
socket.setEncoding('utf8');
socket.setTimeout(3000);

socket.on('data', (chunk: string) => {
  if (gotLine) return;
  buffered += chunk;
  const nl = buffered.indexOf('\n');
  if (nl === -1) return; // not a whole line yet
  gotLine = true;
  console.log(buffered.slice(0, nl));
  socket.destroy();
});

socket.on('end', () => {
  if (!gotLine) {
    console.error('the server closed before sending a whole line');
    process.exitCode = 1;
  }
});

socket.on('timeout', () => {
  process.exitCode = 2;
  // hand the timeout to the one error path below, with its own code
  socket.destroy(Object.assign(new Error('no reply within 3 s'), { code: 'ETIMEDOUT' }));
});

socket.on('error', (err: NodeJS.ErrnoException) => {
  console.error(`cannot talk to ${HOST}:${PORT}: ${err.code}`);
  process.exitCode = 1;
});
