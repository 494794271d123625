// Lesson 03 — echo server: collects the client's bytes, sends them all back once the client is done.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  const chunks: Buffer[] = [];                         // per connection
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  socket.on('end', () => socket.end(Buffer.concat(chunks))); // the client's FIN: echo, then ours
  socket.on('error', (err: NodeJS.ErrnoException) => console.error('socket error:', err.code));
});

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error(`cannot listen on ${HOST}:${PORT}: ${err.code}`);
  process.exitCode = 1;
});

server.listen(PORT, HOST, () => {
  console.log(`echo server listening on ${HOST}:${(server.address() as net.AddressInfo).port}`);
});
