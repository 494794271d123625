// Lesson 01 — hello server, plain event callbacks.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

const server = net.createServer((socket) => {      // ① create; ④ accept
  server.close();                                  // one client, then stop listening
  socket.once('data', (data: Buffer) => {          // ⑤ receive the first chunk
    console.log(data.toString('utf8').trimEnd());
    socket.end('hello client\n');                  // ⑤ send, ⑥ close (FIN)
  });
  socket.on('error', (err: NodeJS.ErrnoException) => console.error('socket error:', err.code));
});

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error(`cannot listen on ${HOST}:${PORT}: ${err.code}`);
  process.exitCode = 1;
});

server.listen(PORT, HOST, () => {                  // ② bind + ③ listen
  console.log(`listening on ${HOST}:${(server.address() as net.AddressInfo).port}`);
});
