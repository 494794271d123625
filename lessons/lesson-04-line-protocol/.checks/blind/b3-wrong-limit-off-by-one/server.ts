// Lesson 04 — line protocol server: an async function per connection that reads the socket
// with `for await`, decoded by setEncoding('utf8'), and frames with split('\n') + pop().
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);
const MAX_LINE_BYTES = 8192;

const stripCr = (line: string): string => (line.endsWith('\r') ? line.slice(0, -1) : line);
const byteSize = (s: string): number => Buffer.byteLength(s, 'utf8');

const handlers: Record<string, (text: string) => string> = {
  PING: () => 'PONG',
  ECHO: (text) => text,
  LEN: (text) => `${[...text].length} ${byteSize(text)}`,
};

/** The reply to one line, or null for QUIT. */
function replyTo(line: string): string | null {
  if (line === '') return 'ERR empty';
  const space = line.indexOf(' ');
  const command = space === -1 ? line : line.slice(0, space);
  const text = space === -1 ? '' : line.slice(space + 1);
  if (command === 'QUIT') return null;
  const handler = Object.hasOwn(handlers, command) ? handlers[command] : undefined;
  return handler ? handler(text) : `ERR unknown command ${command}`;
}

async function serve(socket: net.Socket): Promise<void> {
  socket.setEncoding('utf8'); // a character cut between chunks is held back until it is whole
  let rest = '';
  let done = false;
  // destroyOnReturn: false, so the end of the loop does not cut off replies still being sent.
  for await (const chunk of socket.iterator({ destroyOnReturn: false })) {
    if (done) continue; // after QUIT or a too-long line: read and ignore
    const pieces = (rest + (chunk as string)).split('\n');
    rest = pieces.pop() ?? ''; // the unfinished last piece waits for the next chunk
    for (const piece of pieces) {
      const line = stripCr(piece);
      if (byteSize(line) >= MAX_LINE_BYTES) {
        socket.end('ERR line too long\n');
        done = true;
        break;
      }
      const reply = replyTo(line);
      if (reply === null) {
        socket.end('BYE\n');
        done = true;
        break;
      }
      socket.write(`${reply}\n`);
    }
    if (done) {
      rest = '';
      continue;
    }
    if (byteSize(stripCr(rest)) >= MAX_LINE_BYTES) {
      socket.end('ERR line too long\n');
      done = true;
      rest = '';
    }
  }
  // The client closed its side: `rest` never got its '\n', so it is dropped.
  if (rest !== '') console.log(`dropped ${byteSize(rest)} unterminated byte(s)`);
}

const server = net.createServer((socket) => {
  const who = `${socket.remoteAddress}:${socket.remotePort}`;
  socket.on('error', (err: NodeJS.ErrnoException) => console.error(`${who} error: ${err.code}`));
  serve(socket).catch((err: NodeJS.ErrnoException) => {
    console.error(`${who} ended with ${err.code ?? err.message}`);
    socket.destroy();
  });
});

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error('server error:', err.code);
  process.exitCode = 1;
});

server.listen(PORT, HOST, () => {
  console.log(`listening on ${HOST}:${(server.address() as net.AddressInfo).port}`);
});
