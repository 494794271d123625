// Lesson 12 — your file server. Read README.md (or README.ko.md) first.
// Check it with: npm run check lesson-12
//
// One request per connection (README "The exchange"):
//   PUT <name> <size> <sha256hex>\n  then exactly <size> raw bytes
//       → "OK <sha256hex>\n" | "ERR checksum\n" | "ERR size\n" | "ERR too large\n"
//         | "ERR server\n" (the disk failed: a write or the rename)
//   GET <name>\n  → "OK <size> <sha256hex>\n" then the bytes | "ERR not found\n"
//   a bad name → "ERR bad name\n"; anything else → "ERR bad header\n"; then close.
import net from 'node:net';
import path from 'node:path';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);
const UPLOAD_DIR = path.resolve(process.env.UPLOAD_DIR ?? 'uploads');

const MAX_HEADER = 1024; // bytes of the header line, '\n' included
const MAX_SIZE = 1024 * 1024 * 1024; // 1 GiB

// TODO (README "Safe names") the rule for a name: 1–64 of [A-Za-z0-9._-], not starting with '.'.

// TODO (README "Partial uploads") net.createServer({ allowHalfOpen: true }, …) so you can still
//      reply after the client's FIN.
const server = net.createServer((socket) => {
  console.log(`connected: ${socket.remoteAddress}:${socket.remotePort}`);

  // TODO (README "A header, then raw bytes") collect bytes until a '\n' (at most MAX_HEADER);
  //      the rest of that chunk is already body.
  socket.on('data', (chunk: Buffer) => {
    // TODO PUT: check the name, the size (≤ MAX_SIZE) and the hash; write the body to a
    //      temporary file in UPLOAD_DIR with backpressure (README "Backpressure"), hash it,
    //      then rename or delete it (README "Checksum", "Partial uploads").
    // TODO GET: reply "OK <size> <sha256>\n", then pipeline(fs.createReadStream(file), socket).
    console.log(`TODO: got ${chunk.length} bytes (header limit ${MAX_HEADER}, size limit ${MAX_SIZE}, folder ${UPLOAD_DIR})`);
  });

  socket.on('error', (err: NodeJS.ErrnoException) => console.error('socket error:', err.code));
});

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error('server error:', err.code);
  process.exitCode = 1;
});

server.listen(PORT, HOST, () => {
  const { port } = server.address() as net.AddressInfo;
  console.log(`listening on ${HOST}:${port}, files in ${UPLOAD_DIR}`);
});
