// Lesson 12 — an upload client.
//
//   npx tsx client.ts <file>
//
// Uploads <file> under its base name: "PUT <name> <size> <sha256hex>\n", then the raw bytes,
// read from the disk as a stream and written as fast as the server takes them (write() false →
// wait for 'drain'). Prints the server's one-line reply on stdout and exits 0 if it is
// "OK <the file's sha256>", 1 otherwise (an ERR reply, a closed connection, a missing file).
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

const file = process.argv[2];
if (!file) {
  console.error('usage: client.ts <file>');
  process.exit(1);
}

// ① size and SHA-256 first (the header carries them), the file streamed through the hash.
let size: number;
let sha: string;
try {
  size = (await fs.promises.stat(file)).size;
  const hash = crypto.createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  sha = hash.digest('hex');
} catch (err) {
  console.error(`cannot read ${file}:`, (err as NodeJS.ErrnoException).code);
  process.exit(1);
}

const socket = net.connect({ host: HOST, port: PORT });
let replied = false;
let pending = Buffer.alloc(0);

socket.on('data', (chunk: Buffer) => {
  if (replied) return;
  pending = Buffer.concat([pending, chunk]);
  const nl = pending.indexOf(0x0a);
  if (nl === -1) return;
  replied = true;
  const line = pending.subarray(0, nl).toString('utf8').replace(/\r$/, '');
  console.log(line);
  process.exitCode = line === `OK ${sha}` ? 0 : 1;
  socket.destroy(); // the reply is all we wait for; this also stops an upload the server refused
});

socket.on('close', () => {
  if (!replied) {
    console.error('the server closed the connection without a reply');
    process.exitCode = 1;
  }
});

socket.on('error', (err: NodeJS.ErrnoException) => {
  if (!replied) console.error('connection error:', err.code);
});

socket.on('connect', async () => {
  socket.write(`PUT ${path.basename(file)} ${size} ${sha}\n`);
  // ② the body: one chunk at a time; when write() says the buffer is full, wait for 'drain'.
  try {
    for await (const chunk of fs.createReadStream(file)) {
      if (replied || socket.destroyed) break;
      if (!socket.write(chunk)) await once(socket, 'drain');
    }
  } catch (err) {
    if (!replied) console.error('upload stopped:', (err as NodeJS.ErrnoException).code);
  }
});
