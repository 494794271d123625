// Lesson 03 — echo server with socket.pipe(socket).
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  socket.on('error', (err: NodeJS.ErrnoException) => console.error('socket error:', err.code));
  socket.pipe(socket); // every chunk back as it arrives; our FIN after the client's, once all is written
});

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error(`cannot listen on ${HOST}:${PORT}: ${err.code}`);
  process.exitCode = 1;
});

server.listen(PORT, HOST, () => {
  console.log(`echo server listening on ${HOST}:${(server.address() as net.AddressInfo).port}`);
});
