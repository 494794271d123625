// Lesson 03 — echo server by hand: 'data' → write with back-pressure, 'end' → end().
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

class EchoConnection {
  constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('end', () => this.socket.end()); // the client's FIN → ours, after the queued echo
    socket.on('drain', () => this.socket.resume());
    socket.on('error', (err: NodeJS.ErrnoException) => console.error(`connection error: ${err.code}`));
  }

  private onData(chunk: Buffer): void {
    if (!this.socket.write(chunk)) this.socket.pause(); // the client reads slower than it sends
  }
}

const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  new EchoConnection(socket);
});

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error(`cannot listen on ${HOST}:${PORT}: ${err.code}`);
  process.exitCode = 1;
});

server.on('listening', () => {
  const { address, port } = server.address() as net.AddressInfo;
  console.log(`echo listening on ${address}:${port}`);
});
server.listen(PORT, HOST);
