// Lesson 09 — UDP server (PING / ECHO).
// A Result type and a table of verb handlers; every send has its own callback.
import dgram from 'node:dgram';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);
const LIMIT = 1200;

type Reply = { ok: true; body: Buffer } | { ok: false; error: 'ERR too large' | 'ERR bad request' };

const ok = (body: Buffer | string): Reply => ({ ok: true, body: typeof body === 'string' ? Buffer.from(body, 'utf8') : body });
const bad: Reply = { ok: false, error: 'ERR bad request' };

const verbs: Record<string, (raw: Buffer, text: string) => Reply> = {
  ECHO: (raw) => ok(raw.subarray('ECHO '.length)),
  PING: (_raw, text) => {
    const line = text.endsWith('\n') ? text.slice(0, -1) : text; // nc -u adds one \n
    const [, seq = '', token = '', ...extra] = line.split(' ');
    if (extra.length > 0 || !/^\d+$/.test(seq) || token === '') return bad;
    return ok(`PONG ${seq} ${token}`);
  },

};

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function handle(raw: Buffer): Reply {
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
  return handler ? handler(raw, text) : bad;
}

const server = dgram.createSocket({ type: 'udp4' });
let listening = false;

server.on('message', (raw, from) => {
  const reply = handle(raw);
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
