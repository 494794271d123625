// Lesson 09 — UDP server: await the bind, then `for await` over events.on(socket, 'message'),
// with a list of rules where the first one that returns a reply wins.
import dgram from 'node:dgram';
import { on, once } from 'node:events';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const decode = (bytes: Buffer): string | null => {
  try {
    return strict.decode(bytes);
  } catch {
    return null;
  }
};

type Rule = (msg: Buffer, text: () => string | null) => Buffer | string | null;

const rules: Rule[] = [
  (msg) => (msg.byteLength > 1200 ? 'ERR too large' : null),
  (msg) => (msg.byteLength === 0 ? 'ERR bad request' : null),
  (_msg, text) => (text() === null ? 'ERR bad request' : null),
  (msg, text) => (text()!.startsWith('ECHO ') ? msg.subarray(5) : null),
  (_msg, text) => {
    const m = text()!.match(/^PING (\d+) (\S+)\n?$/);
    return m ? `PONG ${m[1]} ${m[2]}` : null;
  },
  () => 'ERR bad request',
];

function reply(msg: Buffer): Buffer | string {
  let cached: string | null | undefined;
  const text = () => (cached === undefined ? (cached = decode(msg)) : cached);
  for (const rule of rules) {
    const out = rule(msg, text);
    if (out !== null) return out;
  }
  return 'ERR bad request';
}

async function main(): Promise<void> {
  const socket = dgram.createSocket('udp4');
  socket.bind(PORT, HOST);
  try {
    await once(socket, 'listening'); // rejects if 'error' (EADDRINUSE…) comes first
  } catch (err) {
    console.error(`cannot bind ${HOST}:${PORT}: ${(err as NodeJS.ErrnoException).code}`);
    socket.close();
    process.exitCode = 1;
    return;
  }
  console.log(`serving udp on ${HOST}:${socket.address().port}`);
  // once bound, errors (a failed send…) are only logged
  socket.on('error', (err: NodeJS.ErrnoException) => console.error(`udp error: ${err.code}`));
  for (;;) {
    // events.on() rejects its iterator on an 'error' event: log it and listen again
    const messages = on(socket, 'message') as AsyncIterableIterator<[Buffer, dgram.RemoteInfo]>;
    try {
      for await (const [msg, rinfo] of messages) {
        socket.send(reply(msg), rinfo.port, rinfo.address);
      }
    } catch (err) {
      console.error(`listening again after: ${(err as Error).message}`);
    }
  }
}

void main();
