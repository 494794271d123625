// Lesson 09 — UDP server (PING / ECHO).
// One socket, an answer(msg) function that is a chain of guards with early returns.
import dgram from 'node:dgram';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);
const MAX_DATAGRAM = 1200;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decodeStrictly(msg: Buffer): string | undefined {
  try {
    return utf8.decode(msg);
  } catch {
    return undefined;
  }
}

function answer(msg: Buffer): Buffer | string {
  if (msg.length > MAX_DATAGRAM) return 'ERR too large';
  if (msg.length === 0) return 'ERR bad request';
  const text = decodeStrictly(msg);
  if (text === undefined) return 'ERR bad request';
  const line = text.endsWith('\n') ? text.slice(0, -1) : text; // `nc -u` ends what it sends with \n
  if (line.startsWith('ECHO ')) return Buffer.from(line.slice(5), 'utf8');
  const ping = /^PING (\d+) (\S+)$/.exec(line);

  if (ping) return `PONG ${ping[1]} ${ping[2]}`;
  return 'ERR bad request';
}

const socket = dgram.createSocket('udp4');
let bound = false;

socket.on('message', (msg: Buffer, rinfo: dgram.RemoteInfo) => {
  socket.send(answer(msg), rinfo.port, rinfo.address);
});

socket.on('listening', () => {
  bound = true;
  const { address, port } = socket.address();
  console.log(`udp server on ${address}:${port}`);
});

socket.on('error', (err: NodeJS.ErrnoException) => {
  console.error(`udp error: ${err.code}`);
  if (!bound) {
    process.exitCode = 1;
    socket.close();
  }
});

socket.bind(PORT, HOST);
