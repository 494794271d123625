// Lesson 12 — upload client in callback style: a hashing pass with a reused buffer,
// then the file's 'data' events paused and resumed around the socket's 'drain'.
import net from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

const file = process.argv[2];
if (!file) {
  console.error('usage: client.ts <file>');
  process.exit(1);
}

function fail(message: string): void {
  console.error(message);
  process.exitCode = 1;
}

function upload(target: string, size: number, sha: string): void {
  let state: 'sending' | 'sent' | 'replied' = 'sending';
  let reply = Buffer.alloc(0);
  const socket = net.connect({ host: HOST, port: PORT });
  const src = fs.createReadStream(target);
  src.pause();

  socket.on('connect', () => {
    socket.write(`PUT ${path.basename(target)} ${size} ${sha}\n`);
    src.on('data', (chunk) => {
      if (state !== 'sending') return;
      if (!socket.write(chunk)) {
        src.pause();
        socket.once('drain', () => {
          if (state === 'sending') src.resume();
        });
      }
    });
    src.on('end', () => {
      if (state === 'sending') state = 'sent'; // keep our side open: the server knows the size
    });
    src.on('error', (err) => {
      if (state === 'replied') return;
      state = 'replied';
      fail(`read error: ${err.message}`);
      socket.destroy();
    });
    src.resume();
  });

  socket.on('data', (chunk: Buffer) => {
    if (state === 'replied') return;
    reply = Buffer.concat([reply, chunk]);
    const nl = reply.indexOf('\n');
    if (nl < 0) return;
    state = 'replied';
    src.destroy(); // stop sending if the reply comes first
    const line = reply.toString('utf8', 0, nl);
    process.stdout.write(`${line}\n`);
    process.exitCode = line === `OK ${sha}` ? 0 : 1;
    socket.destroy();
  });

  socket.on('error', (err: NodeJS.ErrnoException) => {
    if (state !== 'replied') fail(`connection error: ${err.code ?? err.message}`);
  });
  socket.on('close', () => {
    if (state !== 'replied') {
      state = 'replied';
      src.destroy();
      process.exitCode = 1; // no reply line: print nothing
    }
  });
}

// hashing pass: one reused 64 KiB buffer and plain reads, so no garbage piles up
async function sha256OfFile(target: string): Promise<string> {
  const fh = await fs.promises.open(target, 'r');
  try {
    const hash = crypto.createHash('sha256');
    const buf = Buffer.allocUnsafe(64 * 1024);
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      hash.update(buf.subarray(0, bytesRead));
    }
    return hash.digest('hex');
  } finally {
    await fh.close();
  }
}

fs.stat(file, (err, st) => {
  if (err || !st.isFile()) return fail(`cannot read ${file}`);
  sha256OfFile(file).then(
    (sha) => upload(file, st.size, sha),
    (rerr: Error) => fail(`cannot read ${file}: ${rerr.message}`),
  );
});
