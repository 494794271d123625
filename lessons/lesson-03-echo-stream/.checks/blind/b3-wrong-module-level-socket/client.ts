// Lesson 03 — file round-trip client in async style: fs/promises, events.once, stream/promises.
import fs from 'node:fs';
import { readFile } from 'node:fs/promises';
import net from 'node:net';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

async function roundTrip(inputFile: string, outputFile: string): Promise<string> {
  const payload = await readFile(inputFile);         // Buffer
  const socket = net.connect({ host: HOST, port: PORT });
  const received = pipeline(socket, fs.createWriteStream(outputFile)); // until the server's FIN
  const sent = once(socket, 'connect').then(() => {
    socket.end(payload);                             // bytes, then FIN
  });
  await Promise.all([sent, received]);               // the first failure rejects; none goes unhandled
  return `sent ${payload.length} bytes, received ${socket.bytesRead} bytes`;
}

const [inputFile, outputFile] = process.argv.slice(2);
if (!inputFile || !outputFile) {
  console.error('usage: client.ts <input-file> <output-file>');
  process.exitCode = 2;
} else {
  roundTrip(inputFile, outputFile).then(
    (summary) => console.log(summary),
    (err: NodeJS.ErrnoException) => {
      console.error(`round trip failed: ${err.code ?? err.message}`);
      process.exitCode = 1;
    },
  );
}
