// Lesson 10 — UDP ping client where each seq is an async function: every attempt awaits
// "a matching reply or TIMEOUT ms", whichever comes first.
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

const socket = dgram.createSocket('udp4');
socket.on('error', (err) => console.error('socket error:', err.message));

// Everything still waiting for a reply: "seq token" -> resolver of that attempt's promise.
// Tokens of earlier attempts of a seq stay registered until the seq settles, so a late reply
// to attempt 1 can still answer the seq (with attempt 1's RTT).
interface Waiter {
  sentAt: number;
  resolve: (rtt: number) => void;
}
const waiting = new Map<number, Map<string, Waiter>>();

socket.on('message', (msg, rinfo) => {
  const arrived = performance.now();
  if (rinfo.address !== HOST || rinfo.port !== PORT) return;
  const match = msg.toString('utf8').match(/^PONG (\d+) (\S+)$/);
  if (!match) return;
  const waiter = waiting.get(Number(match[1]))?.get(match[2]);
  if (!waiter) return;
  waiter.resolve(arrived - waiter.sentAt);
});

async function pingSeq(seq: number): Promise<boolean> {
  const tokens = new Map<string, Waiter>();
  waiting.set(seq, tokens);
  let answered: (rtt: number) => void = () => {};
  const reply = new Promise<number>((resolve) => (answered = resolve));
  let attempts = 0;
  let result: number | undefined;
  try {
    while (attempts <= RETRIES) {
      attempts++;
      const token = crypto.randomBytes(6).toString('base64url').replace(/[-_]/g, 'x');
      tokens.set(token, { sentAt: performance.now(), resolve: answered });
      socket.send(`PING ${seq} ${token}`, PORT, HOST);
      const ac = new AbortController();
      const timedOut = sleep(TIMEOUT, undefined, { signal: ac.signal }).then(
        () => undefined,
        () => undefined,
      );
      result = await Promise.race([reply, timedOut]);
      ac.abort(); // cancel the timer if the reply won
      if (result !== undefined) break;
    }
  } finally {
    waiting.delete(seq);
  }
  if (result !== undefined) {
    console.log(`seq=${seq} rtt=${result.toFixed(2)}ms attempts=${attempts}`);
    return true;
  }
  console.log(`seq=${seq} lost`);
  return false;
}

async function main(): Promise<void> {
  const runs: Promise<boolean>[] = [];
  const start = performance.now();
  for (let seq = 1; seq <= COUNT; seq++) {
    const due = start + (seq - 1) * INTERVAL;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    runs.push(pingSeq(seq));
  }
  const outcomes = await Promise.all(runs);
  const received = outcomes.filter(Boolean).length;
  const lost = COUNT - received;
  console.log(`sent=${COUNT} received=${received} lost=${lost} loss=${Math.round((100 * lost) / COUNT)}%`);
  socket.close();
  process.exitCode = received > 0 ? 0 : 1;
}

void main();
