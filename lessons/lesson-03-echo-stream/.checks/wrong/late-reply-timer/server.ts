// Lesson 03 — an echo server: every byte that comes in goes back out, in order.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

// wrong: default allowHalfOpen (false) — Node ends our side as soon as the client's FIN arrives
const server = net.createServer((socket) => {
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  socket.on('end', () => {
    // wrong: replies later, after 'end'; by then the socket is already ended and the write is lost (EPIPE)
    setTimeout(() => socket.end(Buffer.concat(chunks)), 50);
  });
  socket.on('error', (err: NodeJS.ErrnoException) => console.error(`error: ${err.code}`));
});

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error('server error:', err.code);
  process.exitCode = 1;
});

server.listen(PORT, HOST, () => {
  const { port } = server.address() as net.AddressInfo;
  console.log(`echo server listening on ${HOST}:${port}`);
});
