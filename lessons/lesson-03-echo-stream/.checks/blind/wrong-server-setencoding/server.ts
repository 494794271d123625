// Lesson 03 — echo server; decodes as UTF-8 so that characters cut between chunks stay whole.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  socket.on('error', (err: NodeJS.ErrnoException) => console.error('socket error:', err.code));
  socket.setEncoding('utf8'); // a cut character waits for its last byte (lesson 02)
  socket.pipe(socket);
});

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error(`cannot listen on ${HOST}:${PORT}: ${err.code}`);
  process.exitCode = 1;
});

server.listen(PORT, HOST, () => {
  console.log(`echo server listening on ${HOST}:${(server.address() as net.AddressInfo).port}`);
});
