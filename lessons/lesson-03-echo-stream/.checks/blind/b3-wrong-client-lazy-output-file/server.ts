// Lesson 03 — echo server by hand: 'data' -> write() with backpressure, 'end' -> end().
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

let nextId = 1;

function serve(socket: net.Socket): void {
  const id = nextId++;
  let echoed = 0;

  socket.on('data', (chunk: Buffer) => {
    echoed += chunk.length;
    if (!socket.write(chunk)) {
      // the client reads slower than it sends: stop reading until our queue drains
      socket.pause();
      socket.once('drain', () => socket.resume());
    }
  });

  socket.on('end', () => {
    // the client's FIN: nothing more will come; our FIN goes after the queued echo
    socket.end(() => console.error(`#${id}: echoed ${echoed} bytes`));
  });

  socket.on('error', (err: NodeJS.ErrnoException) => console.error(`#${id}: ${err.code}`));
}

const server = net.createServer({ allowHalfOpen: true }, serve);
server.on('error', (err: NodeJS.ErrnoException) => {
  console.error(`cannot listen on ${HOST}:${PORT}: ${err.code}`);
  process.exitCode = 1;
});
server.listen(PORT, HOST, () => {
  const { address, port } = server.address() as net.AddressInfo;
  console.error(`echo server on ${address}:${port}`);
});
