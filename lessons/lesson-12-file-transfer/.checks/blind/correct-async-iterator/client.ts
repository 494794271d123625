// Lesson 12 — upload client with async/await: the reply is awaited concurrently with the
// sending loop, and an AbortController stops the loop if the reply comes first.
import net from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { once } from 'node:events';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

// 16 KiB reads: small chunks, and little garbage waiting for the collector
const CHUNK = 16 * 1024;

async function sha256File(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file, { highWaterMark: CHUNK })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

// resolves with the first line the server sends (without '\n'), or null if it closes first
function readReplyLine(socket: net.Socket): Promise<string | null> {
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    const onData = (chunk: Buffer) => {
      parts.push(chunk);
      const all = Buffer.concat(parts);
      const nl = all.indexOf(0x0a);
      if (nl !== -1) {
        cleanup();
        resolve(all.toString('utf8', 0, nl));
      }
    };
    const onClose = () => {
      cleanup();
      resolve(null);
    };
    const cleanup = () => {
      socket.off('data', onData);
      socket.off('close', onClose);
    };
    socket.on('data', onData);
    socket.on('close', onClose);
  });
}

async function sendFile(socket: net.Socket, file: string, signal: AbortSignal): Promise<void> {
  const source = fs.createReadStream(file, { signal, highWaterMark: CHUNK });
  try {
    for await (const chunk of source) {
      if (!socket.write(chunk as Buffer)) await once(socket, 'drain', { signal });
    }
  } catch (err) {
    if (!signal.aborted) throw err;
  }
  // no socket.end(): the server knows the size and replies on its own
}

async function main(): Promise<number> {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: client.ts <file>');
    return 1;
  }
  let size: number;
  let sha: string;
  try {
    size = (await fs.promises.stat(file)).size;
    sha = await sha256File(file);
  } catch (err) {
    console.error('cannot read the file:', (err as Error).message);
    return 1;
  }

  const socket = net.connect({ host: HOST, port: PORT });
  socket.on('error', (err: NodeJS.ErrnoException) => console.error('connection error:', err.code));
  const replyPromise = readReplyLine(socket);
  try {
    await once(socket, 'connect');
  } catch {
    return 1;
  }

  const stop = new AbortController();
  socket.write(`PUT ${path.basename(file)} ${size} ${sha}\n`);
  const sending = sendFile(socket, file, stop.signal).catch((err: Error) => {
    console.error('upload failed:', err.message);
    socket.destroy();
  });

  const line = await replyPromise;
  stop.abort(); // stop sending if the reply came first
  socket.destroy();
  await sending;
  if (line === null) return 1; // closed with no reply: print nothing
  process.stdout.write(line + '\n');
  return line === `OK ${sha}` ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: Error) => {
    console.error(err.message);
    process.exitCode = 1;
  },
);
