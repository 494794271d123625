// Lesson 06 — a class per connection, a module-level registry, manual Buffer framing.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);
const MAX_LINE_BYTES = 8192;
const NEWLINE = 0x0a;
const CR = 0x0d;

/** Everything the whole server shares. */
class Shared {
  counter = 0;
  readonly sessions = new Map<net.Socket, Session>();

  next(): number {
    this.counter += 1;
    return this.counter;
  }
}

const shared = new Shared();

/** Everything one client owns. */
class Session {
  private buffer: Buffer = Buffer.alloc(0);
  private nick: string | null = null;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly who: string;

  constructor(private readonly socket: net.Socket) {
    this.who = `${socket.remoteAddress}:${socket.remotePort}`;
    shared.sessions.set(socket, this);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (err: NodeJS.ErrnoException) => this.log(`error ${err.code}`));
    socket.on('close', () => this.onClose());
  }

  private log(msg: string): void {
    console.error(`[${this.who}] ${msg}`);
  }

  private send(line: string): void {
    if (this.socket.writable && !this.socket.destroyed) this.socket.write(`${line}\n`, 'utf8');
  }

  private onData(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    let nl: number;
    while ((nl = this.buffer.indexOf(NEWLINE)) !== -1) {
      let end = nl;
      if (end > 0 && this.buffer[end - 1] === CR) end -= 1;
      const line = this.buffer.subarray(0, end).toString('utf8');
      this.buffer = this.buffer.subarray(nl + 1);
      this.dispatch(line);
      if (!this.socket.writable) {
        this.buffer = Buffer.alloc(0);
        return;
      }
    }
    if (this.buffer.length > MAX_LINE_BYTES) {
      this.buffer = Buffer.alloc(0);
      this.socket.end('ERR line too long\n');
    }
  }

  private dispatch(line: string): void {
    const space = line.indexOf(' ');
    const word = space === -1 ? line : line.slice(0, space);
    const arg = space === -1 ? '' : line.slice(space + 1);
    if (word === '') return this.send('ERR empty');
    switch (word) {
      case 'PING':
        this.send('PONG');
        break;
      case 'ECHO':
        this.send(arg);
        break;
      case 'LEN':
        this.send(`${Array.from(arg).length} ${Buffer.byteLength(arg, 'utf8')}`);
        break;
      case 'QUIT':
        this.socket.end('BYE\n');
        break;
      case 'NICK':
        this.nick = arg;
        this.send('OK');
        break;
      case 'WHOAMI':
        this.send(this.nick === null ? 'anonymous' : this.nick);
        break;
      case 'INCR':
        this.send(String(shared.next()));
        break;
      case 'COUNT':
        this.send(String(shared.sessions.size));
        break;
      case 'SLOW':
        this.slow(arg);
        break;
      default:
        this.send(`ERR unknown command ${word}`);
    }
  }

  private slow(arg: string): void {
    if (!/^[0-9]+$/.test(arg) || Number(arg) > 10_000) {
      this.send('ERR bad ms');
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.send('DONE');
    }, Number(arg));
    this.timers.add(timer);
  }

  private onClose(): void {
    shared.sessions.delete(this.socket);
    this.timers.forEach((t) => clearTimeout(t));
    this.timers.clear();
  }
}

const server = net.createServer((socket) => {
  new Session(socket);
});

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error('server error:', err.code);
  process.exitCode = 1;
});

server.listen(PORT, HOST, () => {
  console.log(`listening on ${HOST}:${(server.address() as net.AddressInfo).port}`);
});
