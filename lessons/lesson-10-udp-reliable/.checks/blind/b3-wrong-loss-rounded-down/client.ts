// Lesson 10 — UDP ping client with timeouts and retries.
// async/await: one async task per seq, started at its own moment; each attempt races "a
// matching PONG" against a cancellable timer; Promise.all waits for every seq.
import { randomBytes } from 'node:crypto';
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

interface Waiter {
  sent: Map<string, number>; // token → send time
  resolve: (rtt: number) => void;
}

const waiters = new Map<number, Waiter>();
const socket = dgram.createSocket('udp4');
socket.on('error', (e: NodeJS.ErrnoException) => console.error('socket error:', e.code ?? e.message));

socket.on('message', (msg, rinfo) => {
  const arrived = performance.now();
  if (rinfo.address !== HOST || rinfo.port !== PORT) return;
  const match = msg.toString().match(/^PONG ([0-9]+) ([A-Za-z0-9]+)$/);
  if (match === null) return;
  const waiter = waiters.get(Number(match[1]));
  const sentAt = waiter?.sent.get(match[2]!);
  if (waiter === undefined || sentAt === undefined) return;
  waiters.delete(Number(match[1])); // settled: duplicates and late replies find nothing
  waiter.resolve(arrived - sentAt);
});

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

/** Resolves with the rtt, or with null if nothing matching came within ms. */
function within(answer: Promise<number>, ms: number): Promise<number | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), ms);
    void answer.then((rtt) => {
      clearTimeout(timer);
      resolve(rtt);
    });
  });
}

async function pingSeq(seq: number): Promise<boolean> {
  const sent = new Map<string, number>();
  const answer = new Promise<number>((resolve) => waiters.set(seq, { sent, resolve }));
  for (let attempt = 1; attempt <= RETRIES + 1; attempt++) {
    const token = randomBytes(8).toString('hex');
    sent.set(token, performance.now());
    socket.send(`PING ${seq} ${token}`, PORT, HOST);
    const rtt = await within(answer, TIMEOUT);
    if (rtt !== null) {
      console.log(`seq=${seq} rtt=${Math.round(rtt * 1000) / 1000}ms attempts=${attempt}`);
      return true;
    }
  }
  waiters.delete(seq);
  console.log(`seq=${seq} lost`);
  return false;
}

async function main(): Promise<void> {
  await new Promise<void>((resolve) => socket.bind(0, resolve));
  const start = performance.now();
  const tasks: Promise<boolean>[] = [];
  for (let seq = 1; seq <= COUNT; seq++) {
    await delay(start + (seq - 1) * INTERVAL - performance.now());
    tasks.push(pingSeq(seq));
  }
  const results = await Promise.all(tasks);
  const received = results.filter(Boolean).length;
  const lost = COUNT - received;
  const lossPercent = COUNT ? Math.floor((100 * lost) / COUNT) : 0; // whole percent
  console.log(`sent=${COUNT} received=${received} lost=${lost} loss=${lossPercent}%`);

  process.exitCode = received > 0 ? 0 : 1;
  socket.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
  socket.close();
});
