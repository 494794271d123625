// Lesson 03 — echo server: echoes complete lines, as Buffers, and the rest at the client's FIN.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

const NL = 0x0a;

const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  let pending: Buffer = Buffer.alloc(0); // bytes of a line that is not complete yet

  socket.on('data', (chunk: Buffer) => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    const last = pending.lastIndexOf(NL);
    if (last === -1) return; // no complete line yet (e.g. a character cut in two)
    socket.write(pending.subarray(0, last + 1));
    pending = pending.subarray(last + 1);
  });

  socket.on('end', () => {
    socket.end(pending); // whatever is left, then our FIN
  });

  socket.on('error', (err: NodeJS.ErrnoException) => console.error('socket error:', err.code));
});

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error(`cannot listen on ${HOST}:${PORT}: ${err.code}`);
  process.exitCode = 1;
});

server.listen(PORT, HOST, () => {
  console.log(`echo listening on ${HOST}:${(server.address() as net.AddressInfo).port}`);
});
