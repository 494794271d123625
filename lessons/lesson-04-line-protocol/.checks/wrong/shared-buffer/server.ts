// Lesson 04 — a line-framed protocol server (the reference solution).
// TCP delivers a stream of bytes: one 'data' event is one chunk, not one message. This server
// frames the stream itself, the way Java's BufferedReader.readLine() does for you.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

/** The longest line we accept, in bytes, not counting its '\n'. */
const MAX_LINE_BYTES = 8192;
const NEWLINE = 0x0a; // '\n'
const CR = 0x0d; // '\r'

/** One line in (already framed, decoded, without its line end), one reply out. */
function respond(line: string): { reply: string; close: boolean } {
  if (line === '') return { reply: 'ERR empty', close: false };
  const space = line.indexOf(' ');
  const word = space === -1 ? line : line.slice(0, space);
  const rest = space === -1 ? '' : line.slice(space + 1); // the text, exactly as sent
  switch (word) {
    case 'PING':
      return { reply: 'PONG', close: false };
    case 'ECHO':
      return { reply: rest, close: false };
    case 'LEN':
      // [...rest] walks code points (😀 is one); rest.length would count UTF-16 units (😀 is two).
      return { reply: `${[...rest].length} ${Buffer.byteLength(rest, 'utf8')}`, close: false };
    case 'QUIT':
      return { reply: 'BYE', close: true };
    default:
      return { reply: `ERR unknown command ${word}`, close: false };
  }
}

// wrong: one buffer for the whole server, shared by every connection
let pending = Buffer.alloc(0);

const server = net.createServer((socket) => {
  const who = `${socket.remoteAddress}:${socket.remotePort}`;
  console.log(`${who} connected`);

  // The per-connection buffer: bytes received that do not end a line yet. Each connection has
  // its own, so two clients never mix their halves of lines.
  let closing = false; // after QUIT or a too-long line we answer nothing more

  socket.on('data', (chunk: Buffer) => {
    if (closing) return;
    pending = Buffer.concat([pending, chunk]);

    // A chunk may hold no line end, one, or many: answer every complete line, in order.
    let nl: number;
    while ((nl = pending.indexOf(NEWLINE)) !== -1) {
      let bytes = pending.subarray(0, nl);
      pending = pending.subarray(nl + 1); // keep the remainder for the next chunk
      if (bytes.length > MAX_LINE_BYTES) return tooLong();
      if (bytes.at(-1) === CR) bytes = bytes.subarray(0, -1); // "\r\n" is a line end too; a bare '\r' is not

      // Decode after framing: the line is complete, so no UTF-8 character is cut in half.
      const { reply, close } = respond(bytes.toString('utf8'));
      if (close) {
        closing = true;
        socket.end(`${reply}\n`); // QUIT: the reply, then FIN; later lines are not answered
        return;
      }
      socket.write(`${reply}\n`);
    }

    // No line end in sight: never let one line grow without bound.
    if (pending.length > MAX_LINE_BYTES) tooLong();
  });

  function tooLong(): void {
    console.log(`${who} sent a line longer than ${MAX_LINE_BYTES} bytes; closing`);
    closing = true;
    pending = Buffer.alloc(0);
    socket.end('ERR line too long\n');
  }

  // The client closed its side. Bytes without a '\n' are not a line: ignore them. (Node ends
  // our side for us, since allowHalfOpen is false.)
  socket.on('end', () => {
    if (pending.length > 0 && !closing) console.log(`${who} left ${pending.length} bytes without a line end; ignored`);
  });
  socket.on('close', () => console.log(`${who} closed`));
  socket.on('error', (err: NodeJS.ErrnoException) => console.error(`${who} error: ${err.code}`));
});

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error('server error:', err.code);
  process.exitCode = 1;
});

// The server keeps serving: every client gets its own connection and its own buffer.
server.listen(PORT, HOST, () => {
  const { port } = server.address() as net.AddressInfo;
  console.log(`listening on ${HOST}:${port}`);
});
