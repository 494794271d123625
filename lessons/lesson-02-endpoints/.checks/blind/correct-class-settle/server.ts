// Lesson 02 — whoami server as a class; the line is built by a pure function.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

interface End { address: string; port: number; family: string }

const fmt = (end: End): string =>
  end.family === 'IPv6' || end.address.includes(':') ? `[${end.address}]:${end.port}` : `${end.address}:${end.port}`;

const whoamiLine = (you: End, me: End, protocol = 'tcp'): string => `you=${fmt(you)} me=${fmt(me)} ${protocol}\n`;

class WhoamiServer {
  private readonly server = net.createServer((socket) => this.onConnection(socket));

  constructor(private readonly host: string, private readonly port: number) {
    this.server.on('error', (err: NodeJS.ErrnoException) => this.onError(err));
    this.server.on('listening', () => {
      const a = this.server.address() as net.AddressInfo;
      console.log(`whoami listening on ${fmt(a)} (tcp)`);
    });
  }

  start(): void {
    this.server.listen({ port: this.port, host: this.host });
  }

  private onConnection(socket: net.Socket): void {
    socket.on('error', (err: NodeJS.ErrnoException) => console.error(`client error: ${err.code}`));
    if (!socket.remoteAddress || !socket.localAddress || socket.remotePort === undefined || socket.localPort === undefined) {
      socket.destroy();
      return;
    }
    const you: End = { address: socket.remoteAddress, port: socket.remotePort, family: socket.remoteFamily ?? '' };
    const me: End = { address: socket.localAddress, port: socket.localPort, family: socket.remoteFamily ?? '' };
    socket.end(whoamiLine(you, me));
  }

  private onError(err: NodeJS.ErrnoException): void {
    const why = err.code === 'EADDRINUSE' ? 'is already in use' : 'cannot be used';
    process.stderr.write(`whoami: port ${this.port} on ${this.host} ${why} (${err.code})\n`);
    process.exitCode = 1;
  }
}

new WhoamiServer(HOST, PORT).start();
