// Lesson 03 — file round-trip client by hand: an fd opened up front, writeSync per chunk.
import fs from 'node:fs';
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

const [inputFile, outputFile] = process.argv.slice(2);
if (!inputFile || !outputFile) {
  console.error('usage: client.ts <input-file> <output-file>');
  process.exit(2);
}

const payload: Buffer = fs.readFileSync(inputFile);
const out = fs.openSync(outputFile, 'w'); // the file exists even if nothing comes back
let received = 0;

const socket = net.connect({ host: HOST, port: PORT });

socket.on('connect', () => {
  socket.write(payload);
  socket.end(); // half-close: "that's all", the echo can still come back
});

socket.on('data', (chunk: Buffer) => {
  fs.writeSync(out, chunk); // raw bytes, in order, whatever the chunk size
  received += chunk.length;
});

socket.on('end', () => {
  // the server's FIN: the echo is complete
  fs.closeSync(out);
  console.log(`sent ${payload.length} bytes, received ${received} bytes`);
});

socket.on('error', (err: NodeJS.ErrnoException) => {
  console.error(`cannot talk to ${HOST}:${PORT}: ${err.code}`);
  process.exitCode = 1;
});
