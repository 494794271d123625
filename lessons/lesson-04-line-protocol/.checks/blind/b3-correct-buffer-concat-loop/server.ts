// Lesson 04 — line protocol server: framing on bytes with Buffer.concat and indexOf(0x0a).
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

/** The longest line allowed, in bytes, not counting its '\n'. */
const MAX_LINE_BYTES = 8192;
const LF = 0x0a;
const CR = 0x0d;

function respond(line: string): { reply: string; close: boolean } {
  if (line === '') return { reply: 'ERR empty', close: false };
  const space = line.indexOf(' ');
  const command = space === -1 ? line : line.slice(0, space);
  const text = space === -1 ? '' : line.slice(space + 1);
  switch (command) {
    case 'PING':
      return { reply: 'PONG', close: false };
    case 'ECHO':
      return { reply: text, close: false };
    case 'LEN':
      return { reply: `${[...text].length} ${Buffer.byteLength(text)}`, close: false };
    case 'QUIT':
      return { reply: 'BYE', close: true };
    default:
      return { reply: `ERR unknown command ${command}`, close: false };
  }
}

/** Bytes of an unfinished line: a trailing '\r' may still turn out to be part of "\r\n". */
function unfinishedTooLong(rest: Buffer): boolean {
  const counted = rest.length > 0 && rest[rest.length - 1] === CR ? rest.length - 1 : rest.length;
  return counted > MAX_LINE_BYTES;
}

const server = net.createServer((socket) => {
  const who = `${socket.remoteAddress}:${socket.remotePort}`;
  console.log(`${who} connected`);

  let pending: Buffer = Buffer.alloc(0); // this connection's bytes that do not end a line yet
  let closing = false; // after QUIT or a too-long line: ignore everything else

  const closeWith = (reply: string): void => {
    closing = true;
    pending = Buffer.alloc(0);
    socket.end(`${reply}\n`);
  };

  socket.on('data', (chunk: Buffer) => {
    if (closing) return;
    pending = Buffer.concat([pending, chunk]);
    let nl: number;
    while ((nl = pending.indexOf(LF)) !== -1) {
      let line = pending.subarray(0, nl);
      pending = pending.subarray(nl + 1);
      if (line.length > 0 && line[line.length - 1] === CR) line = line.subarray(0, line.length - 1);
      if (line.length > MAX_LINE_BYTES) {
        closeWith('ERR line too long');
        return;
      }
      const { reply, close } = respond(line.toString('utf8'));
      if (close) {
        closeWith(reply);
        return;
      }
      socket.write(`${reply}\n`);
    }
    if (unfinishedTooLong(pending)) closeWith('ERR line too long');
  });

  socket.on('end', () => {
    if (pending.length > 0) console.log(`${who} closed with ${pending.length} unterminated byte(s), ignored`);
    pending = Buffer.alloc(0);
  });
  socket.on('error', (err: NodeJS.ErrnoException) => console.error(`${who} error: ${err.code}`));
  socket.on('close', () => console.log(`${who} closed`));
});

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error('server error:', err.code);
  process.exitCode = 1;
});

server.listen(PORT, HOST, () => {
  const { port } = server.address() as net.AddressInfo;
  console.log(`listening on ${HOST}:${port}`);
});
