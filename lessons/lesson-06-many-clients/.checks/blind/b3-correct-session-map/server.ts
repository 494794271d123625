// Lesson 06 — one server, many clients: a Session object per connection kept in a
// module-level Map (its size is COUNT), byte framing, and a shared Stats object.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);
const MAX_LINE_BYTES = 8192;

const stats = { incr: 0 }; // shared by every client, never reset
const sessions = new Map<net.Socket, Session>();

class Session {
  private buf: Buffer = Buffer.alloc(0);
  private name: string | null = null;
  private readonly slowTimers: NodeJS.Timeout[] = [];
  private quitting = false;

  constructor(private readonly socket: net.Socket) {}

  feed(chunk: Buffer): void {
    if (this.quitting) return;
    this.buf = Buffer.concat([this.buf, chunk]);
    let nl = this.buf.indexOf(0x0a);
    while (nl >= 0) {
      let raw = this.buf.subarray(0, nl);
      this.buf = this.buf.subarray(nl + 1);
      if (raw.at(-1) === 0x0d) raw = raw.subarray(0, -1);
      this.command(raw.toString('utf8'));
      if (this.quitting) return;
      nl = this.buf.indexOf(0x0a);
    }
    if (this.buf.length > MAX_LINE_BYTES) this.close('ERR line too long');
  }

  dispose(): void {
    this.slowTimers.forEach((t) => clearTimeout(t));
    this.slowTimers.length = 0;
  }

  private send(text: string): void {
    if (this.socket.writable) this.socket.write(text + '\n');
  }

  private close(last: string): void {
    this.quitting = true;
    this.socket.end(last + '\n');
  }

  private command(line: string): void {
    if (line === '') return this.send('ERR empty');
    const cut = line.indexOf(' ');
    const verb = cut >= 0 ? line.slice(0, cut) : line;
    const rest = cut >= 0 ? line.slice(cut + 1) : '';
    if (verb === 'PING') this.send('PONG');
    else if (verb === 'ECHO') this.send(rest);
    else if (verb === 'LEN') this.send(`${Array.from(rest).length} ${Buffer.byteLength(rest)}`);
    else if (verb === 'QUIT') this.close('BYE');
    else if (verb === 'NICK') {
      this.name = rest;
      this.send('OK');
    } else if (verb === 'WHOAMI') this.send(this.name ?? 'anonymous');
    else if (verb === 'INCR') this.send(String(++stats.incr));
    else if (verb === 'COUNT') this.send(String(sessions.size));
    else if (verb === 'SLOW') this.slow(rest);
    else this.send(`ERR unknown command ${verb}`);
  }

  private slow(arg: string): void {
    const ms = Number(arg);
    if (arg === '' || !Number.isInteger(ms) || ms < 0 || ms > 10000) return this.send('ERR bad ms');
    // schedule and return at once: the event loop keeps serving everybody else
    this.slowTimers.push(setTimeout(() => this.send('DONE'), ms));
  }
}

const server = net.createServer((socket) => {
  const session = new Session(socket);
  sessions.set(socket, session);
  socket.on('data', (chunk: Buffer) => session.feed(chunk));
  socket.on('error', (err: NodeJS.ErrnoException) => {
    console.log(`${socket.remoteAddress}:${socket.remotePort} ${err.code}`);
  });
  socket.on('close', () => {
    session.dispose();
    sessions.delete(socket);
  });
});

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error('server error:', err.code);
  process.exitCode = 1;
});

server.listen(PORT, HOST, () => {
  console.log(`listening on ${HOST}:${(server.address() as net.AddressInfo).port}`);
});
