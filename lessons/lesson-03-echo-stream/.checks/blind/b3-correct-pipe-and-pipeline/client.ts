// Lesson 03 — file round-trip client: socket.end(data) + stream.pipeline to the output file.
import fs from 'node:fs';
import net from 'node:net';
import { pipeline } from 'node:stream';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

const [inputFile, outputFile] = process.argv.slice(2);
if (!inputFile || !outputFile) {
  console.error('usage: client.ts <input-file> <output-file>');
  process.exit(2);
}

const data = fs.readFileSync(inputFile); // a Buffer: no encoding

const socket = net.connect({ host: HOST, port: PORT }, () => {
  socket.end(data); // all the bytes, then FIN (half-close)
});

pipeline(socket, fs.createWriteStream(outputFile), (err) => {
  if (err) {
    console.error(`echo failed: ${(err as NodeJS.ErrnoException).code ?? err.message}`);
    process.exitCode = 1;
    return;
  }
  console.log(`sent ${data.length} bytes, received ${socket.bytesRead} bytes`);
});
