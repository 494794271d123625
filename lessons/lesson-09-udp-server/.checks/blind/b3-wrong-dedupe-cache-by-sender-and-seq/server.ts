// Lesson 09 — UDP server (PING / ECHO).
// A Result type and a table of verb handlers; every send has its own callback. PONGs are
// remembered per sender and seq, so a duplicated request gets the very same answer.
import dgram from 'node:dgram';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);
const LIMIT = 1200;

type Reply = { ok: true; body: Buffer } | { ok: false; error: 'ERR too large' | 'ERR bad request' };

const ok = (body: Buffer | string): Reply => ({ ok: true, body: typeof body === 'string' ? Buffer.from(body, 'utf8') : body });
const bad: Reply = { ok: false, error: 'ERR bad request' };

const answered = new Map<string, Buffer>(); // `${address}:${port} ${seq}` → the PONG we sent
const MAX_REMEMBERED = 1000;

const verbs: Record<string, (raw: Buffer, text: string, from: dgram.RemoteInfo) => Reply> = {
  ECHO: (raw) => ok(raw.subarray('ECHO '.length)),
  PING: (_raw, text, from) => {
    const m = text.match(/^PING (\d+) (\S+)\n?$/);
    if (!m) return bad;
    const key = `${from.address}:${from.port} ${m[1]}`;
    const before = answered.get(key);
    if (before) return ok(before); // a duplicate request: the same answer again
    const pong = Buffer.from(`PONG ${m[1]} ${m[2]}`);
    answered.set(key, pong);
    if (answered.size > MAX_REMEMBERED) answered.delete(answered.keys().next().value!);
    return ok(pong);
  },
};

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function handle(raw: Buffer, from: dgram.RemoteInfo): Reply {
  if (raw.byteLength > LIMIT) return { ok: false, error: 'ERR too large' };
  if (raw.byteLength === 0) return bad;
  let text: string;
  try {
    text = decoder.decode(raw);
  } catch {
    return bad;
  }
  const verb = /^[A-Z]+(?= )/.exec(text)?.[0] ?? text;
  const handler = Object.hasOwn(verbs, verb) ? verbs[verb] : undefined;
  if (verb === 'ECHO' && !text.startsWith('ECHO ')) return bad;
  return handler ? handler(raw, text, from) : bad;
}

const server = dgram.createSocket({ type: 'udp4' });
let listening = false;

server.on('message', (raw, from) => {
  const reply = handle(raw, from);

  const body = reply.ok ? reply.body : Buffer.from(reply.error);
  server.send(body, from.port, from.address, (err) => {
    if (err) console.error(`send to ${from.address}:${from.port} failed: ${err.message}`);
  });
});

server.once('listening', () => {
  listening = true;
  const a = server.address();
  console.log(`listening (udp) on ${a.address}:${a.port}`);
});

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error(`socket error ${err.code ?? err.message}`);
  if (!listening) {
    process.exitCode = 1;
    server.close();
  }
});

server.bind({ port: PORT, address: HOST, exclusive: true });
