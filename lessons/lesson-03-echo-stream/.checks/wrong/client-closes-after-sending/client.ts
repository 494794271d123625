// Lesson 03 — a file round trip through an echo server:
//   client.ts <input-file> <output-file>
import fs from 'node:fs';
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

const [inputFile, outputFile] = process.argv.slice(2);
if (!inputFile || !outputFile) {
  console.error('usage: client.ts <input-file> <output-file>');
  process.exit(2);
}

const payload = fs.readFileSync(inputFile);
const chunks: Buffer[] = [];
const socket = net.connect({ host: HOST, port: PORT }, () => {
  socket.end(payload, () => {
    // wrong: end()'s callback means "my bytes are out", not "the echo is back"
    fs.writeFileSync(outputFile, Buffer.concat(chunks));
    console.log(`sent ${payload.length} bytes, received ${socket.bytesRead} bytes`);
    socket.destroy();
  });
});
socket.on('data', (chunk: Buffer) => chunks.push(chunk));
socket.on('error', (err: NodeJS.ErrnoException) => {
  console.error(`round trip failed: ${err.code}`);
  process.exitCode = 1;
});
