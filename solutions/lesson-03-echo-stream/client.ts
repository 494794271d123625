// Lesson 03 — a file round trip through an echo server:
//   client.ts <input-file> <output-file>
// sends the input file, half-closes, and writes every byte that comes back to the output file.
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

// A Buffer: raw bytes. Never turn binary data into a string (a string is text, in an encoding).
const payload = fs.readFileSync(inputFile);
const output = fs.createWriteStream(outputFile);

const socket = net.connect({ host: HOST, port: PORT }, () => {
  // end(data) = write(data), then FIN. It closes only OUR direction ("I have nothing more to
  // send"): the server can still send, and we keep reading until its own FIN.
  socket.end(payload);
});

// Everything the server sends goes to the file, chunk by chunk, as Buffers. pipeline() ends the
// file when the socket ends (the server's FIN) and calls back once the file is complete.
pipeline(socket, output, (err) => {
  if (err) {
    console.error(`round trip failed: ${(err as NodeJS.ErrnoException).code ?? err.message}`);
    process.exitCode = 1;
    return;
  }
  console.log(`sent ${payload.length} bytes, received ${socket.bytesRead} bytes`);
});
