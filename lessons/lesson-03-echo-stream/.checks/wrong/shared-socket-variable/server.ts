// Lesson 03 — an echo server: every byte that comes in goes back out, in order.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

let current: net.Socket | undefined; // wrong: one variable shared by every connection

const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  current = socket;
  // wrong: writes to the most recent connection, not to the one the bytes came from
  socket.on('data', (chunk: Buffer) => current?.write(chunk));
  socket.on('end', () => socket.end());
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
