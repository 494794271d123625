// Lesson 03 — an echo server: every byte that comes in goes back out, in order.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

let pending: Buffer[] = []; // wrong: one buffer for all connections

const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  socket.on('data', (chunk: Buffer) => {
    pending.push(chunk);
    // flush in batches of 4 chunks, to "write less often"
    if (pending.length >= 4) {
      socket.write(Buffer.concat(pending));
      pending = [];
    }
  });
  socket.on('end', () => {
    socket.end(Buffer.concat(pending));
    pending = [];
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
