// Lesson 07 — line server that ends every connection properly.
// Style: a class per connection; bytes framed by hand from Buffers (split at 0x0A).
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

class Connection {
  static readonly all = new Set<Connection>();
  static readonly IDLE_MS = 1000;
  static readonly GRACE_MS = 500;
  static readonly MAX_LINE_BYTES = 8192;
  static readonly MAX_SLOW_MS = 10_000;

  private buffered: Buffer = Buffer.alloc(0);
  private readonly slowTimers = new Set<NodeJS.Timeout>();
  private owed = 0;
  private peerFinished = false;
  private hardDeadline: NodeJS.Timeout | null = null;
  private readonly name: string;

  constructor(private readonly socket: net.Socket) {
    this.name = `${socket.remoteAddress}:${socket.remotePort}`;
    Connection.all.add(this);
    socket.setTimeout(Connection.IDLE_MS);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('timeout', () => this.close('ERR idle timeout\n'));
    socket.on('end', () => this.onPeerEnd());
    socket.on('error', (err: NodeJS.ErrnoException) => console.log(`[${this.name}] error ${err.code}`));
    socket.on('close', (hadError: boolean) => this.onClose(hadError));
    console.log(`[${this.name}] open, ${Connection.all.size} connection(s)`);
  }

  private get live(): boolean {
    return this.socket.writable;
  }

  private send(line: string): void {
    if (this.live) this.socket.write(line + '\n');
  }

  /** Our last words, a FIN, and a hard deadline for a peer that never closes its side. */
  private close(lastWords?: string): void {
    if (!this.live) return;
    this.socket.setTimeout(0);
    if (lastWords) this.socket.end(lastWords);
    else this.socket.end();
    this.hardDeadline = setTimeout(() => this.socket.destroy(), Connection.GRACE_MS);
  }

  private onData(chunk: Buffer): void {
    if (!this.live) return; // after our end(): read, answer nothing
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    let nl: number;
    while ((nl = this.buffered.indexOf(0x0a)) !== -1) {
      let end = nl;
      if (end > 0 && this.buffered[end - 1] === 0x0d) end -= 1;
      const line = this.buffered.subarray(0, end).toString('utf8');
      this.buffered = this.buffered.subarray(nl + 1);
      this.command(line);
      if (!this.live) return;
    }
    if (this.buffered.length > Connection.MAX_LINE_BYTES) {
      this.buffered = Buffer.alloc(0);
      this.close('ERR line too long\n');
    }
  }

  private command(line: string): void {
    const [word = '', ...rest] = line.split(' ');
    const arg = rest.join(' ');
    if (word === '') return this.send('ERR empty');
    if (word === 'PING') return this.send('PONG');
    if (word === 'ECHO') return this.send(arg);
    if (word === 'COUNT') return this.send(String(Connection.all.size));
    if (word === 'QUIT') return this.close('BYE\n');
    if (word === 'SLOW') return this.slow(arg);
    this.send(`ERR unknown command ${word}`);
  }

  private slow(arg: string): void {
    if (!/^\d+$/.test(arg) || Number(arg) > Connection.MAX_SLOW_MS) return this.send('ERR bad ms');
    this.owed += 1;
    const t = setTimeout(() => {
      this.slowTimers.delete(t);
      this.owed -= 1;
      this.send('DONE');
      if (this.peerFinished && this.owed === 0) this.close();
    }, Number(arg));
    this.slowTimers.add(t);
  }

  private onPeerEnd(): void {
    this.peerFinished = true;
    if (this.owed === 0) this.close();
  }

  private onClose(hadError: boolean): void {
    Connection.all.delete(this);
    this.slowTimers.forEach((t) => clearTimeout(t));
    this.slowTimers.clear();
    if (this.hardDeadline) clearTimeout(this.hardDeadline);
    this.buffered = Buffer.alloc(0);
    console.log(`[${this.name}] closed${hadError ? ' after an error' : ''}, ${Connection.all.size} left`);
  }
}

const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  new Connection(socket);
});

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error(`server error: ${err.code}`);
  process.exitCode = 1;
});

server.listen(PORT, HOST, () => {
  console.log(`listening on ${HOST}:${(server.address() as net.AddressInfo).port}`);
});
