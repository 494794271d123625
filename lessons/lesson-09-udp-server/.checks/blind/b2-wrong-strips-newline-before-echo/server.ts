// Lesson 09 — UDP server written as an async loop over the 'message' events
// (events.on), with a verb table for the requests.
import dgram from 'node:dgram';
import { on, once } from 'node:events';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

type Reply = Buffer | string;
type Handler = (raw: Buffer, text: string) => Reply | undefined;

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

const verbs: Array<[string, Handler]> = [
  ['ECHO ', (raw) => raw.subarray(5)],
  [
    'PING ',
    (_raw, text) => {
      const m = text.match(/^PING (\d+) (\S+)$/);
      return m ? `PONG ${m[1]} ${m[2]}` : undefined;
    },
  ],
];

function respond(datagram: Buffer): Reply {
  if (datagram.length > 1200) return 'ERR too large';
  if (datagram.length === 0) return 'ERR bad request';
  // `nc -u` ends what you type with a newline: allow one, as the README says.
  const raw = datagram[datagram.length - 1] === 0x0a ? datagram.subarray(0, -1) : datagram;
  let text: string;
  try {
    text = strict.decode(raw);
  } catch {
    return 'ERR bad request';
  }
  for (const [prefix, handler] of verbs) {
    if (text.startsWith(prefix)) return handler(raw, text) ?? 'ERR bad request';
  }
  return 'ERR bad request';
}

async function main(): Promise<void> {
  const socket = dgram.createSocket('udp4');
  socket.bind(PORT, HOST);
  try {
    await once(socket, 'listening');
  } catch (err) {
    console.error(`bind failed: ${(err as NodeJS.ErrnoException).code}`);
    process.exitCode = 1;
    socket.close();
    return;
  }
  // Once bound, later errors are only logged.
  socket.on('error', (err: NodeJS.ErrnoException) => console.error(`udp error: ${err.code}`));
  const { address, port } = socket.address();
  console.log(`serving udp on ${address}:${port}`);

  for await (const [msg, rinfo] of on(socket, 'message') as AsyncIterable<[Buffer, dgram.RemoteInfo]>) {
    // A callback keeps send failures from becoming 'error' events (which would end the loop).
    socket.send(respond(msg), rinfo.port, rinfo.address, (err) => {
      if (err) console.error(`send failed: ${err.message}`);
    });
  }
}

void main();
