// Lesson 12 — a file server: uploads (PUT) and downloads (GET) over raw TCP, one request per
// connection, streamed, with a SHA-256 checksum.
//
//   PUT <name> <size> <sha256hex>\n  then exactly <size> raw bytes
//       → "OK <sha256hex>\n" | "ERR checksum\n" | "ERR size\n" | "ERR too large\n"
//         | "ERR server\n" (the disk failed: a write or the rename)
//   GET <name>\n
//       → "OK <size> <sha256hex>\n" then the <size> bytes | "ERR not found\n"
//   a bad name → "ERR bad name\n"; anything else → "ERR bad header\n"; then the server closes.
//
// Files live in UPLOAD_DIR (default ./uploads). A name is 1–64 of [A-Za-z0-9._-], not starting
// with '.'. An upload is written to a temporary ".…part" file and renamed into place only when
// its size and checksum are right; every failure removes it.
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);
const UPLOAD_DIR = path.resolve(process.env.UPLOAD_DIR ?? 'uploads');

const MAX_HEADER = 1024; // bytes of the header line, its '\n' included
const MAX_SIZE = 1024 * 1024 * 1024; // 1 GiB
const NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}$/;
const SIZE = /^(0|[1-9][0-9]*)$/;
const SHA256 = /^[0-9a-f]{64}$/;

fs.mkdirSync(UPLOAD_DIR, { recursive: true });

/** SHA-256 of a whole file, read as a stream (never all in memory). */
async function hashFile(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest('hex');
}

/** Replies with one line and closes our side; whatever the client still sends is dropped. */
function reply(socket: net.Socket, line: string): void {
  if (!socket.writable) return;
  socket.end(`${line}\n`);
  socket.resume(); // keep reading (and dropping) until the client closes
}

function put(socket: net.Socket, name: string, size: number, want: string, first: Buffer): void {
  const final = path.join(UPLOAD_DIR, name);
  const temp = path.join(UPLOAD_DIR, `.${name}.${crypto.randomUUID()}.part`);
  const file = fs.createWriteStream(temp, { flags: 'wx' });
  const hash = crypto.createHash('sha256');
  let received = 0;
  let settled = false;

  // Removes the partial file once its descriptor is closed (an unlink before the open would
  // let the open create it again).
  const discard = (then: () => void = () => {}) => {
    settled = true;
    socket.off('data', onData);
    file.destroy();
    file.once('close', () => fs.rm(temp, { force: true }, then));
  };

  const onData = (chunk: Buffer) => {
    const body = chunk.subarray(0, size - received); // bytes after the body are not the file's
    received += body.length;
    hash.update(body);
    // Backpressure: the disk is slower than the socket. Stop reading until the file drains.
    if (!file.write(body)) {
      socket.pause();
      file.once('drain', () => socket.resume());
    }
    if (received === size) done();
  };

  const done = () => {
    settled = true;
    socket.off('data', onData);
    socket.resume(); // the file may have paused it; nothing more is read into the file
    file.end(() => {
      const got = hash.digest('hex');
      if (got !== want) {
        fs.rm(temp, { force: true }, () => reply(socket, 'ERR checksum'));
        return;
      }
      fs.rename(temp, final, (err) => {
        if (err) {
          console.error('rename failed:', err.code);
          fs.rm(temp, { force: true }, () => reply(socket, 'ERR server'));
          return;
        }
        reply(socket, `OK ${got}`);
      });
    });
  };

  file.on('error', (err: NodeJS.ErrnoException) => {
    console.error('file error:', err.code);
    if (!settled) discard(() => reply(socket, 'ERR server'));
  });
  // The client closed its side (FIN) before the whole body came.
  socket.once('end', () => {
    if (!settled) discard(() => reply(socket, 'ERR size'));
  });
  // A reset, or any other end of the connection before the body was complete.
  socket.once('close', () => {
    if (!settled) discard();
  });

  socket.on('data', onData);
  if (size === 0) done();
  else if (first.length > 0) onData(first); // the body's first bytes came with the header
}

async function get(socket: net.Socket, name: string): Promise<void> {
  const file = path.join(UPLOAD_DIR, name);
  let size: number;
  let sha: string;
  try {
    const st = await fs.promises.stat(file);
    if (!st.isFile()) throw Object.assign(new Error('not a file'), { code: 'ENOENT' });
    size = st.size;
    sha = await hashFile(file);
  } catch {
    reply(socket, 'ERR not found');
    return;
  }
  if (!socket.writable) return;
  socket.write(`OK ${size} ${sha}\n`);
  // pipeline() waits for 'drain' whenever write() returns false, and ends the socket at the end.
  try {
    await pipeline(fs.createReadStream(file), socket);
  } catch (err) {
    console.error('download stopped:', (err as NodeJS.ErrnoException).code);
  }
}

function handle(socket: net.Socket, line: string, rest: Buffer): void {
  const words = line.split(' ');
  const [command, name] = words;
  if (command === 'PUT' && words.length === 4) {
    const [, , size, sha] = words as [string, string, string, string];
    if (!NAME.test(name!)) return reply(socket, 'ERR bad name');
    if (!SIZE.test(size) || !SHA256.test(sha)) return reply(socket, 'ERR bad header');
    if (Number(size) > MAX_SIZE) return reply(socket, 'ERR too large');
    return put(socket, name!, Number(size), sha, rest);
  }
  if (command === 'GET' && words.length === 2) {
    if (!NAME.test(name!)) return reply(socket, 'ERR bad name');
    void get(socket, name!);
    return;
  }
  reply(socket, 'ERR bad header');
}

// allowHalfOpen: after the client's FIN we can still reply (ERR size), then end() ourselves.
const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  socket.on('error', (err: NodeJS.ErrnoException) => console.error('socket error:', err.code));
  let head = Buffer.alloc(0);

  const onHeader = (chunk: Buffer) => {
    head = Buffer.concat([head, chunk]);
    const nl = head.indexOf(0x0a);
    if (nl === -1 && head.length < MAX_HEADER) return; // the line is not complete yet
    socket.off('data', onHeader);
    socket.off('end', onEarlyEnd);
    if (nl === -1 || nl >= MAX_HEADER) return reply(socket, 'ERR bad header');
    const line = head.subarray(0, nl).toString('utf8').replace(/\r$/, '');
    handle(socket, line, head.subarray(nl + 1));
  };
  const onEarlyEnd = () => reply(socket, 'ERR bad header');

  socket.on('data', onHeader);
  socket.once('end', onEarlyEnd);
});

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error('server error:', err.code);
  process.exitCode = 1;
});

server.listen(PORT, HOST, () => {
  const { port } = server.address() as net.AddressInfo;
  console.log(`listening on ${HOST}:${port}, files in ${UPLOAD_DIR}`);
});
