// Lesson 03 — an echo server: every byte that comes in goes back out, in order.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

// allowHalfOpen: true — when the client sends FIN ("I have nothing more to send"), Node does
// NOT close our side for us. We keep the right to write, and we decide when to send our FIN.
const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  const who = `${socket.remoteAddress}:${socket.remotePort}`;
  console.log(`connected: ${who}`);

  // Every byte back, in order, as it arrives. pipe() moves Buffers (never strings), waits when
  // the client reads slowly (backpressure), and when the client's FIN arrives ('end') it calls
  // socket.end() once everything is written: our FIN comes after the last echoed byte.
  socket.pipe(socket);

  // 'end': the client half-closed (FIN received). 'close': both directions are done.
  socket.on('end', () => console.log(`${who} sent FIN after ${socket.bytesRead} bytes`));
  socket.on('close', () => console.log(`${who} closed, echoed ${socket.bytesWritten} bytes`));
  // A client that resets the connection must not take the whole server down.
  socket.on('error', (err: NodeJS.ErrnoException) => console.error(`${who} error: ${err.code}`));
});

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error('server error:', err.code);
  process.exitCode = 1;
});

// No server.close() here: an echo server keeps serving, one client after another, and many at once.
server.listen(PORT, HOST, () => {
  const { port } = server.address() as net.AddressInfo;
  console.log(`echo server listening on ${HOST}:${port}`);
});
