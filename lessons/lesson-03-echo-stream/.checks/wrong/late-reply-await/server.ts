// Lesson 03 — an echo server: every byte that comes in goes back out, in order.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

const server = net.createServer((socket) => {
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  socket.on('end', async () => {
    const reply = await Promise.resolve(Buffer.concat(chunks));
    // wrong: after the await Node has already ended the socket (allowHalfOpen: false), and there
    // is no 'error' listener: the write error (EPIPE, "This socket has been ended by the other
    // party") ends the process
    socket.write(reply);
    socket.end();
  });
});

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error('server error:', err.code);
  process.exitCode = 1;
});

server.listen(PORT, HOST, () => {
  const { port } = server.address() as net.AddressInfo;
  console.log(`echo server listening on ${HOST}:${port}`);
});
