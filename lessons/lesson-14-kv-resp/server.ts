// Lesson 14 — your Redis-like key-value server. Read README.md (or README.ko.md) first.
// Check it with: npm run check lesson-14
//
// Try it by hand: npx tsx lessons/lesson-14-kv-resp/server.ts, then in another terminal:
//   redis-cli -p 8080 SET greet 안녕      redis-cli -p 8080 GET greet
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

/** README "Protocol errors and limits". */
const MAX_ARRAY_ELEMENTS = 1024;
const MAX_BULK_BYTES = 1024 * 1024;
const MAX_LINE_BYTES = 64 * 1024;

/** One key's entry: the value's bytes and, for SET … PX, when it expires (ms since the epoch). */
interface Entry {
  value: Buffer;
  expiresAt?: number;
}

/**
 * Every key, shared by all connections. Keys are bytes too: key.toString('latin1') turns any
 * bytes into a string of one character per byte, and back, without loss.
 */
const store = new Map<string, Entry>();

// The four kinds of reply (README "Replies"). A bulk string's length is in BYTES.
const simple = (s: string): Buffer => Buffer.from(`+${s}\r\n`);
const error = (s: string): Buffer => Buffer.from(`-${s}\r\n`);
const integer = (n: number | bigint): Buffer => Buffer.from(`:${n}\r\n`);
const bulk = (value: Buffer | undefined): Buffer =>
  value === undefined ? Buffer.from('$-1\r\n') : Buffer.concat([Buffer.from(`$${value.length}\r\n`), value, Buffer.from('\r\n')]);

/**
 * Runs one command and returns its reply's bytes (README "The commands").
 * TODO: switch on args[0] in lower case: ping, echo, set (with PX), get, del, exists, incr,
 * info, client; the wrong number of arguments; any other name (HELLO too):
 * `-ERR unknown command '<name>'`. Expired keys are missing (README "Expiry"), and no old
 * expiry may delete a newer value (README "The stale timer").
 */
function execute(args: Buffer[]): Buffer {
  void store;
  void simple;
  void integer;
  void bulk;
  void args;
  return error('ERR not implemented yet');
}

/**
 * Reads the request that starts at buf[pos]: an array of bulk strings (README "Requests"), or
 * an inline line (README "Inline commands"). Returns its words and where the next request
 * starts, or undefined while it is not complete (wait for the next chunk).
 * TODO: '*N\r\n', then N times '$len\r\n', len bytes, '\r\n'; anything else is an inline
 * line. Bytes that can never be a request (README "Protocol errors and limits"): throw, so the
 * caller can answer -ERR Protocol error and close.
 */
function parseOne(buf: Buffer, pos: number): { args: Buffer[]; next: number } | undefined {
  void MAX_ARRAY_ELEMENTS;
  void MAX_BULK_BYTES;
  void MAX_LINE_BYTES;
  void buf;
  void pos;
  return undefined;
}

const server = net.createServer((socket) => {
  // TODO: a Buffer per connection; append each chunk; then, in a loop, parseOne() every
  // complete request at the front, answer it with execute() (QUIT: +OK, then close), keep
  // the rest for the next 'data' (README "Framing" and "Pipelining").
  socket.on('data', (chunk: Buffer) => {
    void parseOne;
    // For now every chunk gets one error: delete this once the loop above answers commands.
    void chunk;
    socket.write(execute([]));
  });
  socket.on('error', (err: NodeJS.ErrnoException) => console.error('socket error:', err.code));
});

server.listen(PORT, HOST, () => {
  const { port } = server.address() as net.AddressInfo;
  console.log(`listening on ${HOST}:${port}`);
});
