// Lesson 01 — hello server that replies, then waits for the client to hang up before closing.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  server.close();
  socket.on('error', (err: NodeJS.ErrnoException) => console.error('socket error:', err.code));
  socket.once('data', (data: Buffer) => {
    console.log(data.toString('utf8').trimEnd());
    socket.write('hello client\n');
  });
  socket.on('end', () => socket.end());      // close politely once the client is done
});

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error(`cannot listen on ${HOST}:${PORT}: ${err.code}`);
  process.exitCode = 1;
});

server.listen(PORT, HOST, () => {
  console.log(`listening on ${HOST}:${(server.address() as net.AddressInfo).port}`);
});
