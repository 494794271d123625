// Lesson 04 — line protocol server: a StringDecoder turns chunks into text, and a string
// buffer per connection collects it into lines.
import net from 'node:net';
import { StringDecoder } from 'node:string_decoder';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

/** The longest line allowed, in bytes, not counting its '\n'. */
const MAX_LINE_BYTES = 8192;

/** Keeps a UTF-8 character cut between two chunks until its other bytes arrive. */
const decoder = new StringDecoder('utf8');

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

const server = net.createServer((socket) => {
  const who = `${socket.remoteAddress}:${socket.remotePort}`;
  console.log(`${who} connected`);

  let pending = ''; // this connection's text that does not end a line yet
  let closing = false;

  const finish = (reply: string): void => {
    closing = true;
    pending = '';
    socket.end(`${reply}\n`);
  };

  socket.on('data', (chunk: Buffer) => {
    if (closing) return;
    pending += decoder.write(chunk);
    let nl: number;
    while ((nl = pending.indexOf('\n')) !== -1) {
      let line = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      if (line.endsWith('\r')) line = line.slice(0, -1);
      if (Buffer.byteLength(line) > MAX_LINE_BYTES) return finish('ERR line too long');
      const { reply, close } = respond(line);
      if (close) return finish(reply);
      socket.write(`${reply}\n`);
    }
    if (Buffer.byteLength(pending) > MAX_LINE_BYTES) finish('ERR line too long');
  });

  socket.on('end', () => {
    pending = ''; // bytes without their '\n' are not a line
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
