// Lesson 02 — one-line client with a 3-second reply deadline.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);
const DEADLINE_MS = 3000;

const socket = net.connect({ host: HOST, port: PORT });
socket.setEncoding('utf8');

// one deadline for the whole exchange (socket.setTimeout only notifies, so use a plain timer)
const deadline = setTimeout(() => {
  console.error(`no reply within ${DEADLINE_MS / 1000} s`);
  process.exitCode = 2;
  socket.destroy();
}, DEADLINE_MS);

let buffered = '';
let gotLine = false;

socket.on('data', (chunk: string) => {
  buffered += chunk;
  const nl = buffered.indexOf('\n');
  if (nl === -1) return;
  gotLine = true;
  clearTimeout(deadline);
  console.log(buffered.slice(0, nl));
  socket.destroy();
});

socket.on('end', () => {
  if (!gotLine) {
    console.error('the server closed before sending a whole line');
    process.exitCode = 1;
  }
});

socket.on('error', (err: NodeJS.ErrnoException) => {
  console.error(`cannot talk to ${HOST}:${PORT}: ${err.code}`);
  process.exitCode = 1;
});
