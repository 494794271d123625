// Lesson 12 — file server written as one async function per connection that pulls the
// socket's chunks with `for await` (so backpressure to the file is an `await`).
import net from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);
const UPLOAD_DIR = path.resolve(process.env.UPLOAD_DIR ?? 'uploads');

const MAX_HEADER = 1024;
const MAX_SIZE = 2 ** 30;
const NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}$/;
const SIZE = /^(?:0|[1-9]\d*)$/;
const SHA = /^[0-9a-f]{64}$/;

class Reply extends Error {}

interface Upload {
  file: fs.WriteStream;
  temp: string;
  dest: string;
  expected: string;
  left: number;
  hash: crypto.Hash;
}

function openUpload(name: string, size: number, expected: string): Upload {
  const temp = path.join(UPLOAD_DIR, `.${name}.${crypto.randomUUID()}.part`);
  const file = fs.createWriteStream(temp, { flags: 'wx' });
  file.on('error', (err: NodeJS.ErrnoException) => console.error('file error:', err.code));
  return { file, temp, dest: path.join(UPLOAD_DIR, name), expected, left: size, hash: crypto.createHash('sha256') };
}

async function writePart(up: Upload, chunk: Buffer): Promise<void> {
  const part = chunk.subarray(0, up.left);
  if (part.length === 0) return;
  up.left -= part.length;
  up.hash.update(part);
  if (!up.file.write(part)) await once(up.file, 'drain'); // the disk is slower: stop pulling
}

async function completeUpload(up: Upload): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    up.file.once('error', reject);
    up.file.end(() => resolve());
  });
  const actual = up.hash.digest('hex');
  if (actual !== up.expected) {
    await fs.promises.rm(up.temp, { force: true });
    return 'ERR checksum';
  }
  await fs.promises.rename(up.temp, up.dest);
  return `OK ${actual}`;
}

function abortUpload(up: Upload): void {
  const rm = () => void fs.promises.rm(up.temp, { force: true }).catch(() => {});
  if (up.file.closed) rm();
  else {
    up.file.once('close', rm);
    up.file.destroy();
  }
}

async function fileInfo(file: string): Promise<{ size: number; sha: string } | null> {
  try {
    const st = await fs.promises.stat(file);
    if (!st.isFile()) return null;
    const hash = crypto.createHash('sha256');
    let size = 0;
    for await (const c of fs.createReadStream(file)) {
      hash.update(c as Buffer);
      size += (c as Buffer).length;
    }
    return { size, sha: hash.digest('hex') };
  } catch {
    return null;
  }
}

function parse(line: string): { cmd: 'PUT'; name: string; size: number; sha: string } | { cmd: 'GET'; name: string } {
  const f = line.split(' ');
  const ok = (f[0] === 'PUT' && f.length === 4) || (f[0] === 'GET' && f.length === 2);
  if (!ok) throw new Reply('ERR bad header');
  const name = f[1] ?? '';
  if (!NAME.test(name)) throw new Reply('ERR bad name');
  if (f[0] === 'GET') return { cmd: 'GET', name };
  const size = f[2] ?? '';
  const sha = f[3] ?? '';
  if (!SIZE.test(size) || !SHA.test(sha)) throw new Reply('ERR bad header');
  if (Number(size) > MAX_SIZE) throw new Reply('ERR too large');
  return { cmd: 'PUT', name, size: Number(size), sha };
}

async function serve(socket: net.Socket): Promise<void> {
  let head: Buffer | null = Buffer.alloc(0); // null once the header is parsed
  let upload: Upload | null = null;
  let answered = false;

  const answer = (line: string) => {
    answered = true;
    socket.end(`${line}\n`);
  };

  const startGet = async (name: string) => {
    const file = path.join(UPLOAD_DIR, name);
    const info = await fileInfo(file);
    if (!info) return answer('ERR not found');
    answered = true;
    socket.write(`OK ${info.size} ${info.sha}\n`);
    pipeline(fs.createReadStream(file), socket).catch((err: NodeJS.ErrnoException) => {
      console.error('download stopped:', err.code);
      socket.destroy();
    });
  };

  try {
    // destroyOnReturn: false: when the client's FIN ends the loop, the socket must stay
    // writable for a late reply (ERR size) or a download still in progress.
    for await (const data of socket.iterator({ destroyOnReturn: false })) {
      const chunk = data as Buffer;
      if (answered) continue; // after the reply: read and dropped
      if (head) {
        head = Buffer.concat([head, chunk]);
        const nl = head.indexOf(0x0a);
        if (nl === -1 || nl >= MAX_HEADER) {
          if (head.length >= MAX_HEADER) answer('ERR bad header');
          continue;
        }
        const line = head.toString('utf8', 0, nl).replace(/\r$/, '');
        const rest = head.subarray(nl + 1);
        head = null;
        let req;
        try {
          req = parse(line);
        } catch (e) {
          if (e instanceof Reply) {
            answer(e.message);
            continue;
          }
          throw e;
        }
        if (req.cmd === 'GET') {
          await startGet(req.name);
          continue;
        }
        upload = openUpload(req.name, req.size, req.sha);
        await writePart(upload, rest);
      } else if (upload) {
        await writePart(upload, chunk);
      }
      if (upload && upload.left === 0) {
        const up = upload;
        upload = null;
        answer(await completeUpload(up));
      }
    }
    // the client sent FIN
    if (upload) {
      abortUpload(upload);
      upload = null;
      answer('ERR size');
    } else if (!answered) {
      if (head && head.length > 0) answer('ERR bad header');
      else socket.end();
    }
  } catch (err) {
    // a reset (or a disk error): no reply can be delivered; leave nothing behind
    console.error('connection failed:', (err as NodeJS.ErrnoException).code ?? err);
    if (upload) abortUpload(upload);
    socket.destroy();
  }
}

const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  socket.on('error', (err: NodeJS.ErrnoException) => console.error('socket error:', err.code));
  void serve(socket);
});
server.on('error', (err: NodeJS.ErrnoException) => {
  console.error('server error:', err.code);
  process.exitCode = 1;
});
server.listen(PORT, HOST, () => {
  const { port } = server.address() as net.AddressInfo;
  console.log(`listening on ${HOST}:${port}, files in ${UPLOAD_DIR}`);
});
