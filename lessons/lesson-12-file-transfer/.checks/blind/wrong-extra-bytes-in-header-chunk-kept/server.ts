// Lesson 12 — file server, one class instance per connection.
import net from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { pipeline } from 'node:stream/promises';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);
const UPLOAD_DIR = path.resolve(process.env.UPLOAD_DIR ?? 'uploads');

const MAX_HEADER = 1024; // bytes of the header line, '\n' included
const MAX_SIZE = 1024 * 1024 * 1024; // 1 GiB

const NAME_RE = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}$/;
const SIZE_RE = /^(0|[1-9][0-9]*)$/;
const HASH_RE = /^[0-9a-f]{64}$/;

type Phase = 'header' | 'body' | 'finishing' | 'replied';

class Connection {
  private phase: Phase = 'header';
  private head = Buffer.alloc(0);

  // upload state
  private file: fs.WriteStream | null = null;
  private temp = '';
  private finalPath = '';
  private size = 0;
  private expected = '';
  private received = 0;
  private readonly hash = crypto.createHash('sha256');

  constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('end', () => this.onEnd());
    socket.on('close', () => this.onClose());
    socket.on('error', (err: NodeJS.ErrnoException) => console.error('socket error:', err.code));
  }

  private reply(line: string): void {
    if (this.phase === 'replied') return;
    this.phase = 'replied';
    this.socket.resume(); // whatever still comes is read and dropped
    this.socket.end(line + '\n');
  }

  private onData(chunk: Buffer): void {
    if (this.phase === 'header') {
      this.head = Buffer.concat([this.head, chunk]);
      const nl = this.head.indexOf(0x0a);
      if (nl === -1 || nl >= MAX_HEADER) {
        if (this.head.length >= MAX_HEADER) this.reply('ERR bad header');
        return;
      }
      const line = this.head.subarray(0, nl).toString('utf8').replace(/\r$/, '');
      const rest = this.head.subarray(nl + 1);
      this.head = Buffer.alloc(0);
      this.onHeader(line, rest);
    } else if (this.phase === 'body') {
      this.onBody(chunk);
    }
    // 'finishing' and 'replied': dropped
  }

  private onHeader(line: string, rest: Buffer): void {
    const fields = line.split(' ');
    const [cmd, name] = fields;
    let isPut = false;
    if (cmd === 'PUT' && fields.length === 4) isPut = true;
    else if (!(cmd === 'GET' && fields.length === 2)) return this.reply('ERR bad header');
    if (name === undefined || !NAME_RE.test(name)) return this.reply('ERR bad name');
    const full = path.join(UPLOAD_DIR, name);
    if (!isPut) {
      this.phase = 'finishing'; // no body for GET: drop whatever comes
      void this.serveGet(full);
      return;
    }
    const sizeText = fields[2] ?? '';
    const hashText = fields[3] ?? '';
    if (!SIZE_RE.test(sizeText) || !HASH_RE.test(hashText)) return this.reply('ERR bad header');
    const size = Number(sizeText);
    if (size > MAX_SIZE) return this.reply('ERR too large');
    this.startPut(name, full, size, hashText, rest);
  }

  private startPut(name: string, full: string, size: number, expected: string, rest: Buffer): void {
    this.size = size;
    this.expected = expected;
    this.finalPath = full;
    this.temp = path.join(UPLOAD_DIR, `.${name}.${crypto.randomUUID()}.part`);
    this.file = fs.createWriteStream(this.temp, { flags: 'wx' });
    this.file.on('error', (err: NodeJS.ErrnoException) => {
      console.error('file error:', err.code);
      this.discardTemp();
      if (this.phase !== 'replied') {
        this.phase = 'replied';
        this.socket.destroy();
      }
    });
    this.phase = 'body';
    // the body bytes that came in the same chunk as the header: keep them
    if (rest.length > 0) {
      this.received = rest.length;
      this.hash.update(rest);
      if (!this.file.write(rest)) {
        this.socket.pause();
        this.file.once('drain', () => {
          if (this.phase === 'body') this.socket.resume();
        });
      }
    }
    if (this.received >= this.size) this.finishPut(this.file);
  }

  private onBody(chunk: Buffer): void {
    const file = this.file;
    if (!file) return;
    const part = chunk.subarray(0, this.size - this.received);
    if (part.length > 0) {
      this.received += part.length;
      this.hash.update(part);
      if (!file.write(part)) {
        this.socket.pause();
        file.once('drain', () => {
          if (this.phase === 'body') this.socket.resume();
        });
      }
    }
    if (this.received === this.size) this.finishPut(file);
  }

  private finishPut(file: fs.WriteStream): void {
    this.phase = 'finishing';
    this.socket.resume();
    file.end(() => {
      const actual = this.hash.digest('hex');
      if (actual !== this.expected) {
        fs.rm(this.temp, { force: true }, () => this.reply('ERR checksum'));
        return;
      }
      fs.rename(this.temp, this.finalPath, (err) => {
        if (err) {
          console.error('rename failed:', err.code);
          fs.rm(this.temp, { force: true }, () => this.socket.destroy());
          return;
        }
        console.log(`stored ${path.basename(this.finalPath)} (${this.size} bytes)`);
        this.reply(`OK ${actual}`);
      });
    });
  }

  private discardTemp(): void {
    const file = this.file;
    if (!file) return;
    this.file = null;
    const temp = this.temp;
    const remove = () => fs.rm(temp, { force: true }, () => {});
    if (file.closed) remove();
    else {
      file.once('close', remove);
      file.destroy();
    }
  }

  private onEnd(): void {
    if (this.phase === 'header') {
      if (this.head.length > 0) this.reply('ERR bad header');
      else this.socket.end();
    } else if (this.phase === 'body') {
      this.discardTemp();
      this.reply('ERR size');
    }
  }

  private onClose(): void {
    if (this.phase === 'body') {
      this.phase = 'replied';
      this.discardTemp();
    }
  }

  private async serveGet(full: string): Promise<void> {
    let size = 0;
    let hex = '';
    try {
      const st = await fs.promises.stat(full);
      if (!st.isFile()) throw new Error('not a file');
      const hash = crypto.createHash('sha256');
      for await (const chunk of fs.createReadStream(full)) {
        hash.update(chunk as Buffer);
        size += (chunk as Buffer).length;
      }
      hex = hash.digest('hex');
    } catch {
      this.reply('ERR not found');
      return;
    }
    if (this.socket.destroyed) return;
    this.phase = 'replied';
    this.socket.resume();
    this.socket.write(`OK ${size} ${hex}\n`);
    try {
      await pipeline(fs.createReadStream(full), this.socket);
    } catch (err) {
      console.error('download ended early:', (err as NodeJS.ErrnoException).code);
      this.socket.destroy();
    }
  }
}

const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  new Connection(socket);
});

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error('server error:', err.code);
  process.exitCode = 1;
});

server.listen(PORT, HOST, () => {
  const { port } = server.address() as net.AddressInfo;
  console.log(`listening on ${HOST}:${port}, files in ${UPLOAD_DIR}`);
});
