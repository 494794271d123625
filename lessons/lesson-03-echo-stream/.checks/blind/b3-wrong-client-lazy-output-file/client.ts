// Lesson 03 — file round-trip client: streams the echo into the output file as it comes.
import fs from 'node:fs';
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

const [inputFile, outputFile] = process.argv.slice(2);
if (!inputFile || !outputFile) {
  console.error('usage: client.ts <input-file> <output-file>');
  process.exit(2);
}

const data = fs.readFileSync(inputFile);
let out: fs.WriteStream | undefined; // opened when the echo starts

const socket = net.connect({ host: HOST, port: PORT }, () => {
  socket.end(data);
});

socket.on('data', (chunk: Buffer) => {
  out ??= fs.createWriteStream(outputFile);
  if (!out.write(chunk)) {
    socket.pause();
    out.once('drain', () => socket.resume());
  }
});

socket.on('end', () => {
  const summary = (): void => console.log(`sent ${data.length} bytes, received ${socket.bytesRead} bytes`);
  if (out) out.end(summary);
  else summary();
});

socket.on('error', (err: NodeJS.ErrnoException) => {
  console.error(`cannot talk to ${HOST}:${PORT}: ${err.code}`);
  process.exitCode = 1;
});
