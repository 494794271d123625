// Lesson 03 — echo server: socket.pipe(socket), with a readable log of what each client sends.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  // utf8 so that a character cut between two chunks is held back instead of logged as �
  socket.setEncoding('utf8');
  socket.on('data', (text: string) => console.error(`[${socket.remotePort}] ${text.length} chars`));
  socket.pipe(socket);
  socket.on('error', (err: NodeJS.ErrnoException) => console.error('socket error:', err.code));
});

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error(`cannot listen on ${HOST}:${PORT}: ${err.code}`);
  process.exitCode = 1;
});

server.listen(PORT, HOST, () => {
  console.log(`echo listening on ${HOST}:${(server.address() as net.AddressInfo).port}`);
});
