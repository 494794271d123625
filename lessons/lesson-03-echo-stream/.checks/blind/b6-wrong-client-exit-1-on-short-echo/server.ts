// Echo server, one EchoSession object per connection, 'data'/'drain'/'end' handled by hand.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

class EchoSession {
  private readonly label: string;
  private clientFinished = false;
  private waitingForDrain = false;

  constructor(private readonly socket: net.Socket) {
    this.label = `${socket.remoteAddress}:${socket.remotePort}`;
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('drain', () => this.onDrain());
    socket.on('end', () => this.onEnd());
    socket.on('error', (err: NodeJS.ErrnoException) => {
      console.error(`session ${this.label} error:`, err.code ?? err.message);
    });
  }

  private onData(chunk: Buffer): void {
    // The chunk is whatever arrived: send it straight back, unchanged.
    if (!this.socket.write(chunk)) {
      this.waitingForDrain = true;
      this.socket.pause(); // the client reads slowly: stop reading until the echo drains
    }
  }

  private onDrain(): void {
    this.waitingForDrain = false;
    this.socket.resume();
    this.maybeFinish();
  }

  private onEnd(): void {
    this.clientFinished = true; // the client's FIN: nothing more will come
    this.maybeFinish();
  }

  private maybeFinish(): void {
    if (this.clientFinished && !this.waitingForDrain && this.socket.writable) {
      this.socket.end(); // our FIN, after every echoed byte
    }
  }
}

const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  new EchoSession(socket);
});

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error('server error:', err.code ?? err.message);
  process.exit(1);
});

server.listen(PORT, HOST, () => {
  const { port } = server.address() as net.AddressInfo;
  console.log(`echo server listening on ${HOST}:${port}`);
});
