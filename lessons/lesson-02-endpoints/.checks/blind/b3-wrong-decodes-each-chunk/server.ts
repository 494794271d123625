// Lesson 02 — whoami server as a class; the line is built by a pure function.
import net from 'node:net';

type End = { address: string; port: number };

function show({ address, port }: End): string {
  return net.isIPv6(address) ? `[${address}]:${port}` : `${address}:${port}`;
}

export function whoamiLine(client: End, server: End): string {
  return ['you=' + show(client), 'me=' + show(server), 'tcp'].join(' ') + '\n';
}

class WhoamiServer {
  private readonly server = net.createServer((socket) => this.greet(socket));

  constructor(private readonly host: string, private readonly port: number) {
    this.server.on('listening', () => this.onListening());
    this.server.on('error', (err: NodeJS.ErrnoException) => this.onError(err));
  }

  start(): void {
    this.server.listen({ host: this.host, port: this.port });
  }

  private greet(socket: net.Socket): void {
    socket.on('error', (err: NodeJS.ErrnoException) => process.stderr.write(`client error: ${err.code}\n`));
    if (!socket.remoteAddress || !socket.remotePort || !socket.localAddress || !socket.localPort) {
      socket.destroy();
      return;
    }
    const line = whoamiLine(
      { address: socket.remoteAddress, port: socket.remotePort },
      { address: socket.localAddress, port: socket.localPort },
    );
    socket.end(line, 'utf8');
  }

  private onListening(): void {
    const info = this.server.address() as net.AddressInfo;
    process.stderr.write(`whoami on ${show(info)} (tcp)\n`);
  }

  private onError(err: NodeJS.ErrnoException): void {
    const why = err.code === 'EADDRINUSE' ? 'is already in use' : `cannot be used (${err.code})`;
    process.stderr.write(`whoami: port ${this.port} on ${this.host} ${why}\n`);
    process.exitCode = 1;
  }
}

new WhoamiServer(process.env.HOST ?? '127.0.0.1', Number(process.env.PORT ?? 8080)).start();
