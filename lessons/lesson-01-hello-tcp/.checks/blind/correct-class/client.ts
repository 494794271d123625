// Lesson 01 — hello client as a small class.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

class HelloClient {
  private readonly received: Buffer[] = [];

  constructor(private readonly host: string, private readonly port: number) {}

  run(): void {
    const socket = new net.Socket();
    socket.on('connect', () => socket.write(Buffer.from('hello server\n', 'utf8')));
    socket.on('data', (chunk: Buffer) => this.received.push(chunk));
    socket.on('end', () => this.finish());
    socket.on('error', (err: NodeJS.ErrnoException) => {
      console.error(`could not talk to ${this.host}:${this.port}: ${err.code}`);
      process.exitCode = 1;
    });
    socket.connect(this.port, this.host);
  }

  private finish(): void {
    const text = Buffer.concat(this.received).toString('utf8');
    console.log(text.endsWith('\n') ? text.slice(0, -1) : text);
  }
}

new HelloClient(HOST, PORT).run();
