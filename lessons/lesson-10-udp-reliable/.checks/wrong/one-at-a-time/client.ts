// Lesson 10 — a UDP ping client that copes with loss, duplicates and reordering.
// Run: npx tsx client.ts --count 10 --interval 100 --timeout 300 --retries 2
import crypto from 'node:crypto';
import dgram from 'node:dgram';
import { parseArgs } from 'node:util';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

function flag(name: string, value: string | undefined, fallback: number, min: number): number {
  const n = value === undefined ? fallback : Number(value);
  if (!Number.isInteger(n) || n < min) {
    console.error(`--${name} must be a whole number ≥ ${min}, not "${value}"`);
    process.exit(2);
  }
  return n;
}
const { values } = parseArgs({
  options: { count: { type: 'string' }, interval: { type: 'string' }, timeout: { type: 'string' }, retries: { type: 'string' } },
});
const COUNT = flag('count', values.count, 10, 1);
const INTERVAL = flag('interval', values.interval, 100, 0);
const TIMEOUT = flag('timeout', values.timeout, 300, 1);
const RETRIES = flag('retries', values.retries, 2, 0);

/** One seq in flight: every attempt's token with the time it was sent, and its retry timer. */
interface Ping {
  seq: number;
  attempts: number;
  sentAt: Map<string, number>;
  timer?: NodeJS.Timeout;
}

const inFlight = new Map<number, Ping>();
let started = 0;
let received = 0;

// An UNCONNECTED socket: it never gets ECONNREFUSED, so we check who sent each reply ourselves.
// (A connected socket would filter senders for us, but then an ICMP "port unreachable" arrives
// as an 'error' event, and without a listener that ends the process.)
const socket = dgram.createSocket('udp4');
socket.on('error', (err: NodeJS.ErrnoException) => console.error(`udp error: ${err.code}`));

/** Sends one attempt: a fresh token each time, so a reply says which attempt it answers. */
function send(ping: Ping): void {
  ping.attempts++;
  const token = crypto.randomBytes(4).toString('hex');
  ping.sentAt.set(token, performance.now());
  socket.send(`PING ${ping.seq} ${token}`, PORT, HOST);
  // UDP never says a datagram was lost: our own timer is the only way to find out.
  ping.timer = setTimeout(() => {
    if (ping.attempts <= RETRIES) send(ping); // retry, up to RETRIES times
    else settle(ping, `seq=${ping.seq} lost`);
  }, TIMEOUT);
}

socket.on('message', (msg, rinfo) => {
  // 1. Only our server may answer: not another port, not another host.
  if (rinfo.address !== HOST || rinfo.port !== PORT) return;
  // 2. Only a well-formed PONG for a seq still in flight: late replies and duplicates of a seq
  //    already settled find nothing here.
  const m = /^PONG (\d+) (\S+)$/.exec(msg.toString('utf8'));
  const ping = m ? inFlight.get(Number(m[1])) : undefined;
  // 3. Only a token we sent for this seq; its send time gives the round-trip time.
  const sentAt = ping?.sentAt.get(m![2]!);
  if (!ping || sentAt === undefined) return;
  received++;
  settle(ping, `seq=${ping.seq} rtt=${(performance.now() - sentAt).toFixed(2)}ms attempts=${ping.attempts}`);
});

function settle(ping: Ping, line: string): void {
  clearTimeout(ping.timer);
  inFlight.delete(ping.seq);
  console.log(line);
  if (started < COUNT) setTimeout(next, INTERVAL); // wrong: waits for this seq before starting the next
  if (started === COUNT && inFlight.size === 0) {
    const lost = COUNT - received;
    console.log(`sent=${COUNT} received=${received} lost=${lost} loss=${Math.round((100 * lost) / COUNT)}%`);
    socket.close(); // a bound socket keeps Node running: close it, and the process can end
    process.exitCode = received > 0 ? 0 : 1;
  }
}

/** One new seq every INTERVAL ms, without waiting for earlier replies (like ping). */
function next(): void {
  const ping: Ping = { seq: ++started, attempts: 0, sentAt: new Map() };
  inFlight.set(ping.seq, ping);
  send(ping);
}
next();
