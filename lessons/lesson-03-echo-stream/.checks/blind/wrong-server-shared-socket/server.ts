// Lesson 03 — echo server with named handlers.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

let conn: net.Socket; // the connection being served

function onData(chunk: Buffer): void {
  if (!conn.write(chunk)) {
    const paused = conn;
    paused.pause();
    paused.once('drain', () => paused.resume());
  }
}

function onEnd(): void {
  conn.end(); // the client's FIN → ours, after the echo
}

function onError(err: NodeJS.ErrnoException): void {
  console.error('socket error:', err.code);
}

const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  conn = socket;
  socket.on('data', onData);
  socket.on('end', onEnd);
  socket.on('error', onError);
});

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error(`cannot listen on ${HOST}:${PORT}: ${err.code}`);
  process.exitCode = 1;
});

server.listen(PORT, HOST, () => {
  console.log(`echo server listening on ${HOST}:${(server.address() as net.AddressInfo).port}`);
});
