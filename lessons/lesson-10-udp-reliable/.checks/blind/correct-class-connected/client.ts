// Lesson 10 — UDP ping client: a connected dgram socket (the kernel filters other senders),
// one PingProbe object per seq with its own state, and a Pinger that owns the socket.
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

type Outcome = { kind: 'answered'; rtt: number; attempts: number } | { kind: 'lost' };

class PingProbe {
  private state: 'waiting' | 'done' = 'waiting';
  private attempts = 0;
  private readonly tokens = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly seq: number,
    private readonly transmit: (datagram: string) => void,
    private readonly newToken: () => string,
    private readonly onDone: (probe: PingProbe, outcome: Outcome) => void,
  ) {}

  start(): void {
    this.attempt();
  }

  private attempt(): void {
    this.attempts += 1;
    const token = this.newToken();
    this.tokens.set(token, performance.now());
    this.transmit(`PING ${this.seq} ${token}`);
    this.timer = setTimeout(() => this.onTimeout(), TIMEOUT);
  }

  private onTimeout(): void {
    if (this.state !== 'waiting') return;
    if (this.attempts < RETRIES + 1) this.attempt();
    else this.finish({ kind: 'lost' });
  }

  /** A PONG for this seq from the server: accept it only for a token we sent. */
  offer(token: string, at: number): void {
    if (this.state !== 'waiting') return;
    const sentAt = this.tokens.get(token);
    if (sentAt === undefined) return;
    this.finish({ kind: 'answered', rtt: at - sentAt, attempts: this.attempts });
  }

  private finish(outcome: Outcome): void {
    this.state = 'done';
    if (this.timer) clearTimeout(this.timer);
    this.onDone(this, outcome);
  }
}

class Pinger {
  private readonly socket = dgram.createSocket('udp4');
  private readonly probes = new Map<number, PingProbe>();
  private readonly usedTokens = new Set<string>();
  private nextSeq = 1;
  private received = 0;
  private lost = 0;

  run(): void {
    // connected: no datagrams from anyone but HOST:PORT reach us, and ICMP
    // "port unreachable" turns into an 'error' event (ECONNREFUSED) that we only log.
    this.socket.on('error', (err: NodeJS.ErrnoException) => console.error(`udp: ${err.code ?? err.message}`));
    this.socket.on('message', (msg, rinfo) => this.onMessage(msg, rinfo));
    this.socket.connect(PORT, HOST, () => this.launch());
  }

  private token(): string {
    for (;;) {
      const t = crypto.randomBytes(4).toString('hex');
      if (!this.usedTokens.has(t)) {
        this.usedTokens.add(t);
        return t;
      }
    }
  }

  private launch(): void {
    if (this.nextSeq > COUNT) return this.maybeFinish();
    const probe = new PingProbe(
      this.nextSeq++,
      (datagram) => this.socket.send(datagram),
      () => this.token(),
      (p, outcome) => this.settled(p, outcome),
    );
    this.probes.set(probe.seq, probe);
    probe.start();
    if (this.nextSeq <= COUNT) setTimeout(() => this.launch(), INTERVAL);
  }

  private onMessage(msg: Buffer, rinfo: dgram.RemoteInfo): void {
    const at = performance.now();
    if (rinfo.address !== HOST || rinfo.port !== PORT) return; // belt and braces
    const match = /^PONG ([0-9]+) (\S+)$/.exec(msg.toString());
    if (!match) return;
    this.probes.get(Number(match[1]))?.offer(match[2]!, at);
  }

  private settled(probe: PingProbe, outcome: Outcome): void {
    this.probes.delete(probe.seq);
    if (outcome.kind === 'answered') {
      this.received++;
      console.log(`seq=${probe.seq} rtt=${outcome.rtt.toFixed(3)}ms attempts=${outcome.attempts}`);
    } else {
      this.lost++;
      console.log(`seq=${probe.seq} lost`);
    }
    this.maybeFinish();
  }

  private maybeFinish(): void {
    if (this.nextSeq <= COUNT || this.probes.size > 0) return;
    console.log(`sent=${COUNT} received=${this.received} lost=${this.lost} loss=${Math.round((100 * this.lost) / COUNT)}%`);
    process.exitCode = this.received > 0 ? 0 : 1;
    this.socket.close();
  }
}

new Pinger().run();
