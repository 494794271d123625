// Lesson 07 — one class per connection with an explicit lifecycle state machine:
//
//   OPEN ──peer FIN──▶ PEER_ENDED ──last reply owed sent──▶ CLOSING
//   OPEN ──idle / QUIT / too long──▶ CLOSING ──peer FIN or 500 ms──▶ CLOSED
//   any ──'close'──▶ CLOSED
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

const LIMITS = { lineBytes: 8192, slowMs: 10_000, idleMs: 1000, graceMs: 500 } as const;

enum Phase {
  Open = 'open', // both directions open
  PeerEnded = 'peer-ended', // the peer sent FIN; we still owe replies
  Closing = 'closing', // we called end(); waiting for the peer (or the deadline)
  Closed = 'closed', // 'close' was emitted
}

class Connection {
  static readonly all = new Set<Connection>();

  private phase = Phase.Open;
  private pending = '';
  private readonly owed = new Set<NodeJS.Timeout>();
  private deadline: NodeJS.Timeout | null = null;
  private readonly label: string;

  constructor(private readonly socket: net.Socket) {
    this.label = `${socket.remoteAddress}:${socket.remotePort}`;
    Connection.all.add(this);
    socket.setEncoding('utf8');
    socket.setTimeout(LIMITS.idleMs);
    socket
      .on('data', (text: string) => this.onData(text))
      .on('end', () => this.onPeerEnd())
      .on('timeout', () => this.close('ERR idle timeout\n'))
      .on('error', (err: NodeJS.ErrnoException) => console.log(`${this.label}: ${err.code}`))
      .on('close', () => this.onClosed());
  }

  /** May we still write? Only while we have not ended our side. */
  private get talking(): boolean {
    return (this.phase === Phase.Open || this.phase === Phase.PeerEnded) && this.socket.writable;
  }

  private send(line: string): void {
    if (this.talking) this.socket.write(line + '\n');
  }

  /** Our half-close, with a hard deadline for a peer that never closes its half. */
  private close(lastWords = ''): void {
    if (!this.talking) return;
    this.phase = Phase.Closing;
    this.socket.setTimeout(0);
    this.socket.end(lastWords);
    this.deadline = setTimeout(() => this.socket.destroy(), LIMITS.graceMs);
  }

  private onData(text: string): void {
    if (this.phase !== Phase.Open) return; // after our end(): answer nothing
    this.pending += text;
    for (let nl = this.pending.indexOf('\n'); nl !== -1; nl = this.pending.indexOf('\n')) {
      const line = this.pending.slice(0, nl);
      this.pending = this.pending.slice(nl + 1);
      this.command(line.endsWith('\r') ? line.slice(0, -1) : line);
      if (this.phase !== Phase.Open) {
        this.pending = '';
        return;
      }
    }
    if (Buffer.byteLength(this.pending, 'utf8') > LIMITS.lineBytes) {
      this.pending = '';
      this.close('ERR line too long\n');
    }
  }

  private command(line: string): void {
    const at = line.indexOf(' ');
    const word = at < 0 ? line : line.substring(0, at);
    const arg = at < 0 ? '' : line.substring(at + 1);
    if (word === '') this.send('ERR empty');
    else if (word === 'PING') this.send('PONG');
    else if (word === 'ECHO') this.send(arg);
    else if (word === 'COUNT') this.send(`${Connection.all.size}`);
    else if (word === 'QUIT') this.close('BYE\n');
    else if (word === 'SLOW') this.slow(arg);
    else this.send(`ERR unknown command ${word}`);
  }

  private slow(arg: string): void {
    const ms = /^[0-9]+$/.test(arg) ? parseInt(arg, 10) : -1;
    if (ms < 0 || ms > LIMITS.slowMs) {
      this.send('ERR bad ms');
      return;
    }
    const t = setTimeout(() => {
      this.owed.delete(t);
      this.send('DONE'); // dropped if we are Closing/Closed
      if (this.phase === Phase.PeerEnded && this.owed.size === 0) this.close();
    }, ms);
    this.owed.add(t);
  }

  private onPeerEnd(): void {
    if (this.phase !== Phase.Open) return; // Closing: the peer answered our FIN
    this.phase = Phase.PeerEnded;
    if (this.owed.size === 0) this.close();
  }

  private onClosed(): void {
    this.phase = Phase.Closed;
    Connection.all.delete(this);
    for (const t of this.owed) clearTimeout(t);
    this.owed.clear();
    if (this.deadline) clearTimeout(this.deadline);
    this.deadline = null;
  }
}

const server = net.createServer({ allowHalfOpen: true }, (socket) => new Connection(socket));

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error('server error:', err.code);
  process.exitCode = 1;
});

server.listen(PORT, HOST, () => {
  console.log(`listening on ${HOST}:${(server.address() as net.AddressInfo).port}`);
});
