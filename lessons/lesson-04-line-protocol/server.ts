// Lesson 04 — your line protocol server. Read README.md (or README.ko.md) first.
// Check it with: npm run check lesson-04
//
// The server already listens and accepts clients (you know how from lessons 01–03).
// What is missing is the lesson: turning a stream of chunks into lines, and answering them.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

/** The longest line allowed, in bytes, not counting its '\n' (README "The line limit"). */
const MAX_LINE_BYTES = 8192;

/**
 * One complete line in (decoded, without its line end), one reply out (without '\n').
 * `close` is true when the server must close after the reply (QUIT).
 */
function respond(line: string): { reply: string; close: boolean } {
  // TODO (README "The protocol"): PING → PONG, ECHO <text> → <text>,
  //   LEN <text> → "<code points> <UTF-8 bytes>" (README "LEN"), QUIT → BYE (and close),
  //   an empty line → ERR empty, anything else → ERR unknown command <WORD>.
  return { reply: `TODO: answer ${JSON.stringify(line)}`, close: false };
}

const server = net.createServer((socket) => {
  const who = `${socket.remoteAddress}:${socket.remotePort}`;
  console.log(`${who} connected`);

  // TODO (README "Keep the remainder"): a buffer for THIS connection, for bytes that do not
  //   end a line yet.

  socket.on('data', (chunk: Buffer) => {
    // A chunk is not a line (README "A chunk is not a message"). It may hold part of a line,
    // one line, or many lines, and a UTF-8 character may be cut at its end.
    // TODO (README "Framing"): append the chunk to the buffer; while it contains '\n', cut off
    //   one line, strip one '\r' before the '\n' (README "Line ends"), decode it
    //   (README "UTF-8 across chunks"), and answer it with respond(). Keep the rest.
    // TODO (README "The line limit"): if the unfinished rest is longer than MAX_LINE_BYTES,
    //   reply "ERR line too long" and close.
    void chunk;
    void respond;
    void MAX_LINE_BYTES;
  });

  // TODO (README "End of the stream"): when the client closes, ignore bytes without a '\n'.
  socket.on('error', (err: NodeJS.ErrnoException) => console.error(`${who} error: ${err.code}`));
});

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error('server error:', err.code);
  process.exitCode = 1;
});

server.listen(PORT, HOST, () => {
  const { port } = server.address() as net.AddressInfo;
  console.log(`listening on ${HOST}:${port} (TODO: it does not answer anything yet)`);
});
