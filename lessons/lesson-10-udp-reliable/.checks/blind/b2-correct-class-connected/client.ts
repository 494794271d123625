// Lesson 10 — UDP ping client with a connected socket and one object per seq.
// socket.connect() makes the kernel drop datagrams from anyone but HOST:PORT; the
// ECONNREFUSED errors it reports when nothing listens are logged and otherwise ignored.
import crypto from 'node:crypto';
import dgram from 'node:dgram';
import { parseArgs } from 'node:util';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

const { values } = parseArgs({
  options: { count: { type: 'string' }, interval: { type: 'string' }, timeout: { type: 'string' }, retries: { type: 'string' } },
});
const COUNT = Number(values.count ?? 10);
const INTERVAL = Number(values.interval ?? 100);
const TIMEOUT = Number(values.timeout ?? 300);
const RETRIES = Number(values.retries ?? 2);

type Outcome = { kind: 'reply'; rtt: number } | { kind: 'lost' };

class PingSeq {
  private attempts = 0;
  private readonly tokens = new Map<string, number>(); // token -> performance.now() at send
  private timer: NodeJS.Timeout | null = null;
  done = false;

  constructor(
    readonly seq: number,
    private readonly transmit: (payload: string) => void,
    private readonly onSettled: (seq: PingSeq, outcome: Outcome) => void,
  ) {}

  attempt(): void {
    this.attempts += 1;
    const token = crypto.randomUUID().replaceAll('-', '');
    this.tokens.set(token, performance.now());
    this.transmit(`PING ${this.seq} ${token}`);
    this.timer = setTimeout(() => this.expire(), TIMEOUT);
  }

  /** Returns true when the reply was accepted. */
  offer(token: string, at: number): boolean {
    if (this.done) return false;
    const sentAt = this.tokens.get(token);
    if (sentAt === undefined) return false;
    this.finish({ kind: 'reply', rtt: at - sentAt });
    return true;
  }

  describe(outcome: Outcome): string {
    return outcome.kind === 'reply'
      ? `seq=${this.seq} rtt=${outcome.rtt.toFixed(3)}ms attempts=${this.attempts}`
      : `seq=${this.seq} lost`;
  }

  private expire(): void {
    if (this.done) return;
    const retriesUsed = this.attempts - 1;
    if (retriesUsed < RETRIES) this.attempt();
    else this.finish({ kind: 'lost' });
  }

  private finish(outcome: Outcome): void {
    this.done = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.onSettled(this, outcome);
  }
}

class PingClient {
  private readonly socket = dgram.createSocket('udp4');
  private readonly pending = new Map<number, PingSeq>();
  private received = 0;
  private lost = 0;
  private settledCount = 0;

  run(): void {
    this.socket.on('error', (err: NodeJS.ErrnoException) => console.error(`[udp] ${err.code ?? err.message}`));
    this.socket.on('message', (msg, rinfo) => this.onMessage(msg, rinfo));
    this.socket.connect(PORT, HOST, () => this.schedule());
  }

  private schedule(): void {
    for (let seq = 1; seq <= COUNT; seq++) {
      setTimeout(() => this.begin(seq), (seq - 1) * INTERVAL);
    }
  }

  private begin(seq: number): void {
    const ping = new PingSeq(
      seq,
      (payload) => this.socket.send(payload),
      (p, outcome) => this.settled(p, outcome),
    );
    this.pending.set(seq, ping);
    ping.attempt();
  }

  private onMessage(msg: Buffer, rinfo: dgram.RemoteInfo): void {
    const at = performance.now();
    if (rinfo.address !== HOST || rinfo.port !== PORT) return;
    const parts = /^PONG (\d+) (\S+)$/.exec(msg.toString('utf8'));
    if (parts === null) return;
    this.pending.get(Number(parts[1]))?.offer(parts[2], at);
  }

  private settled(ping: PingSeq, outcome: Outcome): void {
    this.pending.delete(ping.seq);
    if (outcome.kind === 'reply') this.received += 1;
    else this.lost += 1;
    process.stdout.write(ping.describe(outcome) + '\n');
    this.settledCount += 1;
    if (this.settledCount === COUNT) this.summary();
  }

  private summary(): void {
    const loss = Math.round((100 * this.lost) / COUNT);
    process.stdout.write(`sent=${COUNT} received=${this.received} lost=${this.lost} loss=${loss}%\n`);
    this.socket.close();
    process.exitCode = this.received > 0 ? 0 : 1;
  }
}

new PingClient().run();
