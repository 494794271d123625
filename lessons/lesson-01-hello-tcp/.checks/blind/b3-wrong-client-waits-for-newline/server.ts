// Lesson 01 — hello server as a small class.
import net from 'node:net';

class HelloServer {
  private readonly server: net.Server;

  constructor(private readonly host: string, private readonly port: number) {
    this.server = net.createServer((socket) => this.accept(socket));
    this.server.on('error', (err: NodeJS.ErrnoException) => {
      console.error(`cannot listen on ${this.host}:${this.port}: ${err.code}`);
      process.exitCode = 1;
    });
  }

  start(): void {
    this.server.listen(this.port, this.host, () => {
      const addr = this.server.address() as net.AddressInfo;
      console.log(`listening on ${addr.address}:${addr.port}`);
    });
  }

  private accept(socket: net.Socket): void {
    this.server.close(); // like the source: serve exactly one client
    socket.on('error', (err: NodeJS.ErrnoException) => console.error('socket error:', err.code));
    socket.once('data', (chunk: Buffer) => this.answer(socket, chunk));
  }

  private answer(socket: net.Socket, chunk: Buffer): void {
    const text = chunk.toString('utf8');
    console.log(text.trimEnd());
    socket.end('hello client\n');
  }
}

new HelloServer(process.env.HOST ?? '127.0.0.1', Number(process.env.PORT ?? 8080)).start();
