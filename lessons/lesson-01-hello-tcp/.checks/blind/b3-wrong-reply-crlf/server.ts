// Lesson 01 — hello server. Replies with a network-style line ending.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

const CRLF = '\r\n'; // the usual line ending of text protocols on the wire

const server = net.createServer((socket) => {
  server.close();
  socket.once('data', (data: Buffer) => {
    console.log(data.toString('utf8').trimEnd());
    socket.end(`hello client${CRLF}`);
  });
  socket.on('error', (err: NodeJS.ErrnoException) => console.error('socket error:', err.code));
});

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error(`cannot listen on ${HOST}:${PORT}: ${err.code}`);
  process.exitCode = 1;
});

server.listen(PORT, HOST, () => {
  console.log(`listening on ${HOST}:${(server.address() as net.AddressInfo).port}`);
});
