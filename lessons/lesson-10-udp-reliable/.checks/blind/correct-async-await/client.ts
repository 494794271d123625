// Lesson 10 — UDP ping client: one async function per seq (await a reply or a timeout per
// attempt), seqs launched with `await sleep(INTERVAL)`, Promise.all before the summary.
import crypto from 'node:crypto';
import dgram from 'node:dgram';
import { setTimeout as sleep } from 'node:timers/promises';
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

interface Waiting {
  tokens: Map<string, number>; // every token sent for this seq -> its send time
  wake?: (rtt: number) => void; // set while an attempt waits
}

const socket = dgram.createSocket('udp4');
const waiting = new Map<number, Waiting>();

socket.on('error', (err: NodeJS.ErrnoException) => console.error('socket error', err.code));
socket.on('message', (msg, rinfo) => {
  const now = performance.now();
  if (rinfo.address !== HOST || rinfo.port !== PORT) return;
  const parts = /^PONG (\d+) (\S+)$/.exec(msg.toString('utf8'));
  if (parts === null) return;
  const entry = waiting.get(Number(parts[1]));
  const sentAt = entry?.tokens.get(parts[2]!);
  if (entry === undefined || sentAt === undefined || entry.wake === undefined) return;
  entry.wake(now - sentAt);
});

/** Resolves with the RTT of an accepted reply, or null after TIMEOUT ms. */
function awaitReply(entry: Waiting): Promise<number | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      entry.wake = undefined;
      resolve(null);
    }, TIMEOUT);
    entry.wake = (rtt) => {
      clearTimeout(timer);
      entry.wake = undefined;
      resolve(rtt);
    };
  });
}

async function ping(seq: number): Promise<boolean> {
  const entry: Waiting = { tokens: new Map() };
  waiting.set(seq, entry);
  try {
    for (let attempts = 1; attempts <= RETRIES + 1; attempts++) {
      const token = crypto.randomBytes(4).toString('hex');
      entry.tokens.set(token, performance.now());
      socket.send(`PING ${seq} ${token}`, PORT, HOST);
      const rtt = await awaitReply(entry);
      if (rtt !== null) {
        console.log(`seq=${seq} rtt=${rtt.toFixed(2)}ms attempts=${attempts}`);
        return true;
      }
    }
    console.log(`seq=${seq} lost`);
    return false;
  } finally {
    waiting.delete(seq);
  }
}

async function main(): Promise<void> {
  const runs: Promise<boolean>[] = [];
  for (let seq = 1; seq <= COUNT; seq++) {
    runs.push(ping(seq));
    if (seq < COUNT) await sleep(INTERVAL);
  }
  const results = await Promise.all(runs);
  const received = results.filter(Boolean).length;
  const lost = COUNT - received;
  console.log(`sent=${COUNT} received=${received} lost=${lost} loss=${Math.round((100 * lost) / COUNT)}%`);
  socket.close();
  process.exitCode = received > 0 ? 0 : 1;
}

void main();
