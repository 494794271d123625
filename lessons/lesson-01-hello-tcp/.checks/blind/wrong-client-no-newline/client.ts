// Lesson 01 — hello client; sends the message exactly as the source's Python client does.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

const socket = net.connect({ host: HOST, port: PORT }, () => {
  socket.write('hello server');              // like sendall(b"hello server")
});
const chunks: Buffer[] = [];
socket.on('data', (chunk: Buffer) => chunks.push(chunk));
socket.on('end', () => {
  console.log(Buffer.concat(chunks).toString('utf8').trimEnd());
});
socket.on('error', (err: NodeJS.ErrnoException) => {
  console.error(`could not talk to ${HOST}:${PORT}: ${err.code}`);
  process.exitCode = 1;
});
