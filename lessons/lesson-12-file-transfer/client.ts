// Lesson 12 — your upload client. Read README.md (or README.ko.md) first.
//
//   npx tsx client.ts <file>
//
// Uploads <file> under its base name (README "The client"), prints the server's reply line,
// and exits 0 for "OK <the file's sha256>", 1 otherwise.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

const file = process.argv[2];
if (!file) {
  console.error('usage: client.ts <file>');
  process.exit(1);
}

// TODO (README "The client") the size and the SHA-256 of the file, read as a stream.

const socket = net.connect({ host: HOST, port: PORT }, () => {
  // TODO write "PUT <name> <size> <sha256hex>\n", then the file's bytes: when write() returns
  //      false, wait for 'drain' (README "Backpressure").
  console.error(`TODO: upload ${file}`);
  socket.end();
});

// TODO read the reply line, print it, set process.exitCode.
socket.on('data', (chunk: Buffer) => console.error(`TODO: reply ${chunk.length} bytes`));
socket.on('error', (err: NodeJS.ErrnoException) => {
  console.error('connection error:', err.code);
  process.exitCode = 1;
});
