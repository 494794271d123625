// Lesson 10 — UDP ping client: a Map of seqs in flight, one timer per attempt.
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
  sentAt: Map<string, number>;
  timers: Map<string, NodeJS.Timeout>; // token -> that attempt's timer
}

const socket = dgram.createSocket('udp4');
socket.on('error', (err: NodeJS.ErrnoException) => console.error(`udp error: ${err.code ?? err.message}`));

const inFlight = new Map<number, Ping>();
let settled = 0;
let received = 0;
let lost = 0;

function finish(): void {
  const loss = Math.round((100 * lost) / COUNT);
  console.log(`sent=${COUNT} received=${received} lost=${lost} loss=${loss}%`);
  socket.close();
  process.exitCode = received > 0 ? 0 : 1;
}

function settle(ping: Ping, line: string): void {
  inFlight.delete(ping.seq);
  console.log(line);
  settled++;
  if (settled === COUNT) finish();
}

function send(ping: Ping): void {
  ping.attempts++;
  const token = crypto.randomBytes(4).toString('hex');
  ping.sentAt.set(token, performance.now());
  socket.send(`PING ${ping.seq} ${token}`, PORT, HOST);
  const timer = setTimeout(() => {
    if (ping.attempts <= RETRIES) {
      console.error(`seq=${ping.seq}: no reply in ${TIMEOUT} ms, retrying`);
      send(ping);
    } else {
      lost++;
      settle(ping, `seq=${ping.seq} lost`);
    }
  }, TIMEOUT);
  ping.timers.set(token, timer);
}

socket.on('message', (msg, rinfo) => {
  const now = performance.now();
  if (rinfo.address !== HOST || rinfo.port !== PORT) return;
  const m = /^PONG (\d+) (\S+)$/.exec(msg.toString('utf8'));
  if (!m) return;
  const ping = inFlight.get(Number(m[1]));
  if (!ping) return;
  const sentAt = ping.sentAt.get(m[2]);
  if (sentAt === undefined) return;
  clearTimeout(ping.timers.get(m[2])); // this attempt was answered: stop its timer
  received++;
  settle(ping, `seq=${ping.seq} rtt=${(now - sentAt).toFixed(2)}ms attempts=${ping.attempts}`);
});

let next = 1;
function startNext(): void {
  const ping: Ping = { seq: next, attempts: 0, sentAt: new Map(), timers: new Map() };
  inFlight.set(ping.seq, ping);
  send(ping);
  next++;
  if (next > COUNT) clearInterval(ticker);
}

const ticker = setInterval(startNext, INTERVAL);
startNext();
