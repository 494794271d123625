// Lesson 12 — file server as an explicit state machine per connection.
// States: header → body → finishing → done (GET: header → sending → done).
import net from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);
const UPLOAD_DIR = path.resolve(process.env.UPLOAD_DIR ?? 'uploads');

const MAX_HEADER = 1024;
const MAX_SIZE = 1073741824;

function isSafeName(name: string): boolean {
  return /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}$/.test(name);
}
function isSize(text: string): boolean {
  return text === '0' || /^[1-9][0-9]*$/.test(text);
}
function isSha256Hex(text: string): boolean {
  return /^[0-9a-f]{64}$/.test(text);
}

type Header =
  | { kind: 'put'; name: string; size: number; sha: string }
  | { kind: 'get'; name: string }
  | { kind: 'error'; reply: string };

function parseHeader(line: string): Header {
  const f = line.split(' ');
  if (f[0] === 'PUT' && f.length === 4) {
    const [, name, size, sha] = f as [string, string, string, string];
    if (!isSafeName(name)) return { kind: 'error', reply: 'ERR bad name' };
    if (!isSize(size) || !isSha256Hex(sha)) return { kind: 'error', reply: 'ERR bad header' };
    if (Number(size) > MAX_SIZE) return { kind: 'error', reply: 'ERR too large' };
    return { kind: 'put', name, size: Number(size), sha };
  }
  if (f[0] === 'GET' && f.length === 2) {
    const name = f[1] as string;
    if (!isSafeName(name)) return { kind: 'error', reply: 'ERR bad name' };
    return { kind: 'get', name };
  }
  return { kind: 'error', reply: 'ERR bad header' };
}

type State =
  | { s: 'header'; buf: Buffer }
  | {
      s: 'body';
      file: fs.WriteStream;
      temp: string;
      dest: string;
      left: number;
      sha: string;
      hash: crypto.Hash;
    }
  | { s: 'finishing' }
  | { s: 'sending' }
  | { s: 'done' };

function removeWhenClosed(file: fs.WriteStream, temp: string): void {
  const rm = () => fs.rm(temp, { force: true }, () => {});
  if (file.closed) rm();
  else {
    file.once('close', rm);
    file.destroy();
  }
}

function handle(socket: net.Socket): void {
  let state: State = { s: 'header', buf: Buffer.alloc(0) };

  const finish = (line: string) => {
    state = { s: 'done' };
    socket.resume();
    socket.end(`${line}\n`);
  };

  const feedBody = (chunk: Buffer) => {
    if (state.s !== 'body') return;
    const st = state;
    const part = chunk.subarray(0, st.left);
    st.left -= part.length;
    if (part.length > 0) {
      st.hash.update(part);
      if (!st.file.write(part)) {
        socket.pause();
        st.file.once('drain', () => {
          if (state.s === 'body') socket.resume();
        });
      }
    }
    if (st.left === 0) {
      state = { s: 'finishing' };
      socket.resume();
      st.file.end(() => {
        const got = st.hash.digest('hex');
        if (got !== st.sha) {
          fs.rm(st.temp, { force: true }, () => finish('ERR checksum'));
          return;
        }
        fs.rename(st.temp, st.dest, (err) => {
          if (err) {
            console.error('rename:', err.code);
            fs.rm(st.temp, { force: true }, () => socket.destroy());
          } else {
            finish(`OK ${got}`);
          }
        });
      });
    }
  };

  const sendFile = (dest: string) => {
    state = { s: 'sending' };
    socket.resume();
    fs.stat(dest, (err, st) => {
      if (err || !st.isFile()) return finish('ERR not found');
      const hash = crypto.createHash('sha256');
      let size = 0;
      const pass = fs.createReadStream(dest);
      pass.on('data', (c) => {
        hash.update(c as Buffer);
        size += (c as Buffer).length;
      });
      pass.on('error', () => finish('ERR not found'));
      pass.on('end', () => {
        if (socket.destroyed) return;
        socket.write(`OK ${size} ${hash.digest('hex')}\n`);
        const src = fs.createReadStream(dest);
        // manual backpressure: pause the file when the socket's buffer is full
        src.on('data', (c) => {
          if (!socket.write(c)) {
            src.pause();
            socket.once('drain', () => src.resume());
          }
        });
        src.on('end', () => {
          state = { s: 'done' };
          socket.end();
        });
        src.on('error', () => socket.destroy());
        socket.once('close', () => src.destroy());
      });
    });
  };

  const onHeaderLine = (line: string, rest: Buffer) => {
    const h = parseHeader(line);
    if (h.kind === 'error') return finish(h.reply);
    const dest = path.join(UPLOAD_DIR, h.name);
    if (h.kind === 'get') return sendFile(dest);
    const temp = path.join(UPLOAD_DIR, `.${h.name}.${crypto.randomUUID()}.part`);
    const file = fs.createWriteStream(temp, { flags: 'wx' });
    file.on('error', (err: NodeJS.ErrnoException) => {
      console.error('file:', err.code);
      fs.rm(temp, { force: true }, () => {});
      state = { s: 'done' };
      socket.destroy();
    });
    state = { s: 'body', file, temp, dest, left: h.size, sha: h.sha, hash: crypto.createHash('sha256') };
    feedBody(rest);
  };

  socket.on('data', (chunk: Buffer) => {
    switch (state.s) {
      case 'header': {
        const buf = Buffer.concat([state.buf, chunk]);
        const nl = buf.indexOf(0x0a);
        if (nl !== -1 && nl < MAX_HEADER) {
          let line = buf.toString('utf8', 0, nl);
          if (line.endsWith('\r')) line = line.slice(0, -1);
          onHeaderLine(line, buf.subarray(nl + 1));
        } else if (buf.length >= MAX_HEADER) {
          finish('ERR bad header');
        } else {
          state = { s: 'header', buf };
        }
        break;
      }
      case 'body':
        feedBody(chunk);
        break;
      default:
        break; // after the request: read and dropped
    }
  });

  socket.on('end', () => {
    switch (state.s) {
      case 'header':
        if (state.buf.length > 0) finish('ERR bad header');
        else {
          state = { s: 'done' };
          socket.end();
        }
        break;
      case 'body':
        removeWhenClosed(state.file, state.temp);
        finish('ERR size');
        break;
      default:
        break;
    }
  });

  socket.on('close', () => {
    if (state.s === 'body') {
      removeWhenClosed(state.file, state.temp);
      state = { s: 'done' };
    }
  });

  socket.on('error', (err: NodeJS.ErrnoException) => console.error('socket error:', err.code));
}

const server = net.createServer({ allowHalfOpen: true }, handle);
server.on('error', (err: NodeJS.ErrnoException) => {
  console.error('server error:', err.code);
  process.exitCode = 1;
});
server.listen(PORT, HOST, () => {
  const { port } = server.address() as net.AddressInfo;
  console.log(`listening on ${HOST}:${port}, files in ${UPLOAD_DIR}`);
});
