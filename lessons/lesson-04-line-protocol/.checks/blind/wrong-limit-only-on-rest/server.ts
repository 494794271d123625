// Lesson 04 — line protocol server: manual Buffer framing, decode after framing.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

/** The longest line allowed, in bytes, not counting its '\n'. */
const MAX_LINE_BYTES = 8192;

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
      return { reply: `${[...text].length} ${Buffer.byteLength(text, 'utf8')}`, close: false };
    case 'QUIT':
      return { reply: 'BYE', close: true };
    default:
      return { reply: `ERR unknown command ${command}`, close: false };
  }
}

const server = net.createServer((socket) => {
  const who = `${socket.remoteAddress}:${socket.remotePort}`;
  console.log(`${who} connected`);

  let pending = Buffer.alloc(0); // this connection's bytes that do not end a line yet
  let closing = false;

  const tooLong = (): void => {
    closing = true;
    pending = Buffer.alloc(0);
    socket.end('ERR line too long\n');
  };

  socket.on('data', (chunk: Buffer) => {
    if (closing) return;
    pending = Buffer.concat([pending, chunk]);
    let nl: number;
    while ((nl = pending.indexOf(0x0a)) !== -1) {
      let line = pending.subarray(0, nl);
      pending = pending.subarray(nl + 1);
      if (line.at(-1) === 0x0d) line = line.subarray(0, -1);
      const { reply, close } = respond(line.toString('utf8'));
      if (close) {
        closing = true;
        pending = Buffer.alloc(0);
        socket.end(`${reply}\n`);
        return;
      }
      socket.write(`${reply}\n`);
    }
    // after the loop, only the unfinished rest can still grow: cap it
    if (pending.length > MAX_LINE_BYTES) tooLong();
  });

  socket.on('end', () => {
    if (pending.length > 0) console.log(`${who} closed with ${pending.length} unterminated bytes (ignored)`);
    pending = Buffer.alloc(0);
  });
  socket.on('close', () => console.log(`${who} closed`));
  socket.on('error', (err: NodeJS.ErrnoException) => console.error(`${who} error: ${err.code}`));
});

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error('server error:', err.code);
  process.exitCode = 1;
});

server.listen(PORT, HOST, () => {
  const { port } = server.address() as net.AddressInfo;
  console.log(`listening on ${HOST}:${port}`);
});
