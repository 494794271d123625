// Lesson 04 — line protocol server: frame on bytes, decode each complete line.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);
const MAX_LINE_BYTES = 8192;

function respond(line: string): { reply: string; close: boolean } {
  if (line === '') return { reply: 'ERR empty', close: false };
  const sp = line.indexOf(' ');
  const command = sp === -1 ? line : line.slice(0, sp);
  const text = sp === -1 ? '' : line.slice(sp + 1);
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
  let pending = Buffer.alloc(0);
  let closing = false;

  socket.on('data', (chunk: Buffer) => {
    if (closing) return;
    pending = Buffer.concat([pending, chunk]);
    let nl: number;
    while ((nl = pending.indexOf(0x0a)) !== -1) {
      const line = pending.subarray(0, nl);
      pending = pending.subarray(nl + 1);
      if (line.length > MAX_LINE_BYTES) {
        closing = true;
        pending = Buffer.alloc(0);
        socket.end('ERR line too long\n');
        return;
      }
      const text = line.toString('utf8').replace(/\r+$/, ''); // drop the CR of a CRLF line end
      const { reply, close } = respond(text);
      if (close) {
        closing = true;
        pending = Buffer.alloc(0);
        socket.end(`${reply}\n`);
        return;
      }
      socket.write(`${reply}\n`);
    }
    if (pending.length > MAX_LINE_BYTES) {
      closing = true;
      pending = Buffer.alloc(0);
      socket.end('ERR line too long\n');
    }
  });

  socket.on('end', () => {
    if (pending.length > 0) console.log(`${who} ignored ${pending.length} unterminated bytes`);
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
