// Lesson 02 — one-line client: buffers chunks until a whole line is in.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

const socket = net.connect({ host: HOST, port: PORT });
let buffered = '';
let gotLine = false;

socket.setTimeout(3000);

socket.on('data', (chunk: Buffer) => {
  buffered += chunk; // a line may come in pieces: keep adding them up
  const nl = buffered.indexOf('\n');
  if (nl === -1) return;
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
  console.error('no reply within 3 s');
  process.exitCode = 2;
  socket.destroy();
});

socket.on('error', (err: NodeJS.ErrnoException) => {
  console.error(`cannot talk to ${HOST}:${PORT}: ${err.code}`);
  process.exitCode = 1;
});
