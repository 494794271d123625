// Lesson 10 — UDP ping client with timeouts and retries.
// An unconnected socket, a Map of seqs in flight, one setTimeout per attempt, every seq
// started by its own timer at (seq - 1) × interval.
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

interface Ping {
  seq: number;
  attempts: number;
  sentAt: Map<string, number>; // token → performance.now() at send
  timer?: NodeJS.Timeout;
}

const socket = dgram.createSocket('udp4');
socket.on('error', (err: NodeJS.ErrnoException) => console.error(`udp error: ${err.code ?? err.message}`));

const inFlight = new Map<number, Ping>();
let settled = 0;
let received = 0;

function finish(): void {
  const lost = COUNT - received;
  const loss = COUNT === 0 ? 0 : Math.round((100 * lost) / COUNT);
  console.log(`sent=${COUNT} received=${received} lost=${lost} loss=${loss}%`);
  socket.close();
  process.exitCode = received > 0 ? 0 : 1;
}

function settle(ping: Ping, line: string, answered: boolean): void {
  clearTimeout(ping.timer);
  inFlight.delete(ping.seq);
  if (answered) received++;
  console.log(line);
  settled++;
  if (settled === COUNT) finish();
}

function send(ping: Ping): void {
  ping.attempts++;
  const token = crypto.randomBytes(4).toString('hex');
  ping.sentAt.set(token, performance.now());
  socket.send(`PING ${ping.seq} ${token}`, PORT, HOST);
  ping.timer = setTimeout(() => {
    if (ping.attempts <= RETRIES) send(ping);
    else settle(ping, `seq=${ping.seq} lost`, false);
  }, TIMEOUT);
}

socket.on('message', (msg: Buffer, rinfo: dgram.RemoteInfo) => {
  const now = performance.now();
  if (rinfo.port !== PORT) return; // not from the server's port: a stranger

  const m = /^PONG (\d+) (\S+)$/.exec(msg.toString('utf8'));
  if (!m) return;
  const ping = inFlight.get(Number(m[1]));
  if (!ping) return;
  const sentAt = ping.sentAt.get(m[2]!);
  if (sentAt === undefined) return;
  settle(ping, `seq=${ping.seq} rtt=${(now - sentAt).toFixed(2)}ms attempts=${ping.attempts}`, true);
});

socket.bind(0, () => {
  if (COUNT === 0) return finish();
  for (let seq = 1; seq <= COUNT; seq++) {
    setTimeout(() => {
      const ping: Ping = { seq, attempts: 0, sentAt: new Map() };
      inFlight.set(seq, ping);
      send(ping);
    }, (seq - 1) * INTERVAL);
  }
});
