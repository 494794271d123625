// Lesson 03 — echo server by hand, with the handlers as named functions.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

let socket: net.Socket; // the connection being served

function onData(chunk: Buffer): void {
  if (!socket.write(chunk)) {
    const s = socket;
    s.pause();
    s.once('drain', () => s.resume());
  }
}

function onEnd(): void {
  socket.end(); // the client's FIN: send ours after the echo
}

function onError(err: NodeJS.ErrnoException): void {
  console.error('socket error:', err.code);
}

const server = net.createServer({ allowHalfOpen: true }, (s) => {
  socket = s;
  s.on('data', onData);
  s.on('end', onEnd);
  s.on('error', onError);
});

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error(`cannot listen on ${HOST}:${PORT}: ${err.code}`);
  process.exitCode = 1;
});

server.listen(PORT, HOST, () => {
  console.log(`echo listening on ${HOST}:${(server.address() as net.AddressInfo).port}`);
});
