// File round-trip client: pipeline into the file, then print the summary and verify the echo.
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

const data = fs.readFileSync(inputFile);
let done = false;

const socket = net.connect({ host: HOST, port: PORT }, () => socket.end(data));

socket.on('error', (err: NodeJS.ErrnoException) => {
  if (done) return;
  console.error('connection error:', err.code ?? err.message);
  process.exitCode = 1;
});

pipeline(socket, fs.createWriteStream(outputFile), (err) => {
  if (err) {
    if (!done) {
      console.error('round trip failed:', err.message);
      process.exitCode = 1;
    }
    return;
  }
  done = true;
  const received = socket.bytesRead;
  console.log(`sent ${data.length} bytes, received ${received} bytes`);
  if (received !== data.length) {
    console.error(`warning: the echo has ${received} bytes, the file ${data.length}`);
    process.exitCode = 1; // the round trip did not give the file back
  }
});
