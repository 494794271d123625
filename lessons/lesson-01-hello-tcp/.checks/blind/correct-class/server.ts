// Lesson 01 — hello server as a small class.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

class HelloServer {
  private readonly server: net.Server;
  private served = false;

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
    if (this.served) { socket.destroy(); return; }
    this.served = true;
    this.server.close();
    socket.on('error', (err: NodeJS.ErrnoException) => console.error('socket error:', err.code));
    socket.once('data', (data: Buffer) => this.answer(socket, data));
  }

  private answer(socket: net.Socket, data: Buffer): void {
    const message = data.toString('utf8').replace(/\r?\n$/u, '');
    console.log(message);
    socket.write('hello client\n');
    socket.end();
  }
}

new HelloServer(HOST, PORT).start();
