// Lesson 10 — UDP ping client with timeouts and retries.
// A connected UDP socket (the kernel filters other senders; ECONNREFUSED is handled by an
// 'error' listener) and one PingTask object per seq; seqs are started by a setInterval.
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

type Outcome = { seq: number; rtt: number | null; attempts: number };

class PingTask {
  private attempts = 0;
  private readonly tokens = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private done = false;

  constructor(
    readonly seq: number,
    private readonly socket: dgram.Socket,
    private readonly onDone: (outcome: Outcome) => void,
  ) {}

  start(): void {
    this.attempt();
  }

  private attempt(): void {
    this.attempts += 1;
    const token = crypto.randomUUID().replaceAll('-', ''); // 32 hex digits, new every attempt
    this.tokens.set(token, performance.now());
    this.socket.send(`PING ${this.seq} ${token}`, (err) => {
      if (err) console.error(`seq ${this.seq}: send failed: ${err.message}`);
    });
    this.timer = setTimeout(() => this.onTimeout(), TIMEOUT);
  }

  private onTimeout(): void {
    this.timer = null;
    if (this.done) return;
    if (this.attempts < RETRIES + 1) this.attempt();
    else this.finish(null);
  }

  /** A PONG for this seq; true when it was accepted. */
  answer(token: string, at: number): boolean {
    if (this.done) return false;
    const sentAt = this.tokens.get(token);
    if (sentAt === undefined) return false;
    this.finish(at - sentAt);
    return true;
  }

  /** Stops the task without reporting it (the run is over). */
  cancel(): void {
    this.done = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private finish(rtt: number | null): void {
    this.done = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.onDone({ seq: this.seq, rtt, attempts: this.attempts });
  }
}

const socket = dgram.createSocket('udp4');
socket.on('error', (err: NodeJS.ErrnoException) => {
  // connected socket + nothing listening: ICMP port unreachable arrives as ECONNREFUSED
  console.error(`udp error (ignored): ${err.code ?? err.message}`);
});

const tasks = new Map<number, PingTask>();
let answeredCount = 0;

function onDone(o: Outcome): void {
  tasks.delete(o.seq);
  if (o.rtt === null) {
    console.log(`seq=${o.seq} lost`);
  } else {
    answeredCount += 1;
    console.log(`seq=${o.seq} rtt=${o.rtt.toFixed(3)}ms attempts=${o.attempts}`);
  }
  if (o.seq === COUNT) summary(); // the last seq is done: so is the run
}

function summary(): void {
  for (const task of tasks.values()) task.cancel();
  tasks.clear();
  const lost = COUNT - answeredCount;

  const pct = COUNT > 0 ? Math.round((100 * lost) / COUNT) : 0;
  console.log(`sent=${COUNT} received=${answeredCount} lost=${lost} loss=${pct}%`);
  process.exitCode = answeredCount > 0 ? 0 : 1;
  socket.close();
}

socket.on('message', (msg, rinfo) => {
  const at = performance.now();
  if (rinfo.address !== HOST || rinfo.port !== PORT) return; // the kernel already filters; be sure
  const parts = msg.toString('utf8').split(' ');
  if (parts.length !== 3 || parts[0] !== 'PONG' || !/^\d+$/.test(parts[1]!)) return;
  tasks.get(Number(parts[1]))?.answer(parts[2]!, at);
});

socket.connect(PORT, HOST, () => {
  if (COUNT <= 0) return summary();
  let next = 1;
  const launch = (): void => {
    const task = new PingTask(next, socket, onDone);
    tasks.set(next, task);
    task.start();
    next += 1;
    if (next > COUNT) clearInterval(ticker);
  };
  const ticker = setInterval(launch, INTERVAL);
  launch();
});
