// Lesson 04 — line protocol server: an async function per connection reading the socket
// with `for await`, and small pure helpers for framing and answering.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);
const MAX_LINE_BYTES = 8192;
const LF = 0x0a;
const CR = 0x0d;

/** Cut every complete line off the front of `buf`; what is left is the unfinished rest. */
function splitLines(buf: Buffer): { lines: Buffer[]; rest: Buffer } {
  const lines: Buffer[] = [];
  let start = 0;
  for (let nl = buf.indexOf(LF, start); nl !== -1; nl = buf.indexOf(LF, start)) {
    const raw = buf.subarray(start, nl);
    lines.push(raw.length > 0 && raw[raw.length - 1] === CR ? raw.subarray(0, raw.length - 1) : raw);
    start = nl + 1;
  }
  return { lines, rest: buf.subarray(start) };
}

const codePoints = (s: string): number => Array.from(s).length;

/** The reply to one line, and whether the connection ends after it. */
function reply(line: string): [string, boolean] {
  if (line === '') return ['ERR empty', false];
  const at = line.indexOf(' ');
  const command = at === -1 ? line : line.substring(0, at);
  const text = at === -1 ? '' : line.substring(at + 1);
  const table: Record<string, () => [string, boolean]> = {
    PING: () => ['PONG', false],
    ECHO: () => [text, false],
    LEN: () => [`${codePoints(text)} ${Buffer.byteLength(text)}`, false],
    QUIT: () => ['BYE', true],
  };
  const handler = Object.hasOwn(table, command) ? table[command] : undefined;
  return handler ? handler() : [`ERR unknown command ${command}`, false];
}

async function serve(socket: net.Socket): Promise<void> {
  let rest: Buffer = Buffer.alloc(0);
  let closed = false; // after BYE or ERR line too long: read and drop until the client closes
  for await (const chunk of socket as AsyncIterable<Buffer>) {
    if (closed) continue;
    const split = splitLines(rest.length === 0 ? chunk : Buffer.concat([rest, chunk]));
    rest = split.rest;
    for (const raw of split.lines) {
      if (raw.length > MAX_LINE_BYTES) {
        closed = true;
        socket.end('ERR line too long\n');
        break;
      }
      const [text, last] = reply(raw.toString('utf8'));
      if (last) {
        closed = true;
        socket.end(`${text}\n`);
        break;
      }
      socket.write(`${text}\n`);
    }
    if (!closed && rest.length > MAX_LINE_BYTES) {
      closed = true;
      socket.end('ERR line too long\n');
    }
    if (closed) rest = Buffer.alloc(0);
  }
  // the client closed its side: an unterminated rest is ignored
  if (rest.length > 0) console.log(`ignored ${rest.length} bytes without '\\n'`);
}

const server = net.createServer((socket) => {
  const who = `${socket.remoteAddress}:${socket.remotePort}`;
  console.log(`${who} connected`);
  serve(socket).then(
    () => console.log(`${who} done`),
    (err: NodeJS.ErrnoException) => console.error(`${who} error: ${err.code ?? err.message}`),
  );
});

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error('server error:', err.code);
  process.exitCode = 1;
});

server.listen(PORT, HOST, () => {
  const { port } = server.address() as net.AddressInfo;
  console.log(`listening on ${HOST}:${port}`);
});
