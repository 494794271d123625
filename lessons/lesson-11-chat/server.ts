// Lesson 11 — your chat server. Read README.md (or README.ko.md) first.
// Check it with: npm run check lesson-11
//
// The server already listens and accepts clients. What is missing is the lesson: a registry of
// named clients, fan-out to the others, JOIN and LEAVE whatever ends a connection, validation,
// and a bound on what the server holds for a client that stops reading.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);
/** README "Idle connections": nothing sent or received for this long → close. */
const IDLE_MS = Number(process.env.IDLE_MS ?? 300_000);

/** README "The protocol": the longest line, in bytes, before its '\n'. */
const MAX_LINE_BYTES = 1024;
/** README "Slow consumers": output held for one client (socket.writableLength) before it is dropped. */
const MAX_QUEUE_BYTES = 64 * 1024;

// TODO (README "The registry"): one Map for the whole server, nickname → client.

const server = net.createServer((socket) => {
  console.log(`${socket.remoteAddress}:${socket.remotePort} connected`);

  // TODO (README "Per-connection state"): this connection's line buffer and nickname live here.

  socket.on('data', (chunk: Buffer) => {
    // TODO (README "Framing" and "Validation"): cut lines at '\n' (bytes, not strings), refuse a
    //   line over MAX_LINE_BYTES, check UTF-8, then NICK / MSG / WHO / PING / QUIT.
    // TODO (README "Broadcast"): MSG goes to every other named client, never to the sender.
    // TODO (README "Slow consumers"): before each write, drop a client whose queue would pass
    //   MAX_QUEUE_BYTES.
    void chunk;
    void MAX_LINE_BYTES;
    void MAX_QUEUE_BYTES;
  });

  // TODO (README "Leaving"): announce LEAVE once, whatever ends the connection (QUIT, FIN, RST,
  //   the idle timeout, a drop). Which event comes after all of them?
  // TODO (README "Idle connections"): socket.setTimeout(IDLE_MS) only notifies.
  void IDLE_MS;
  socket.on('error', (err: NodeJS.ErrnoException) => console.error(`client error: ${err.code}`));
});

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error('server error:', err.code);
  process.exitCode = 1;
});

server.listen(PORT, HOST, () => {
  const { port } = server.address() as net.AddressInfo;
  console.log(`chat server on ${HOST}:${port} (TODO: it does not answer anything yet)`);
});
