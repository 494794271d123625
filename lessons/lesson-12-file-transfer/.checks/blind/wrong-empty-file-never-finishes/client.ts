// Lesson 12 — upload client, written as a small Uploader class.
import net from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

class Uploader {
  private replyBuf = Buffer.alloc(0);
  private replied = false;
  private socket: net.Socket | null = null;
  private reader: fs.ReadStream | null = null;
  private hex = '';

  constructor(private readonly file: string) {}

  async run(): Promise<void> {
    let size: number;
    try {
      const st = await fs.promises.stat(this.file);
      if (!st.isFile()) throw new Error(`${this.file} is not a file`);
      size = st.size;
      this.hex = await this.hashFile();
    } catch (err) {
      console.error('cannot read file:', (err as Error).message);
      process.exitCode = 1;
      return;
    }
    const header = `PUT ${path.basename(this.file)} ${size} ${this.hex}\n`;
    const socket = net.connect({ host: HOST, port: PORT });
    this.socket = socket;
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (err: NodeJS.ErrnoException) => {
      console.error('connection error:', err.code);
      if (!this.replied) process.exitCode = 1;
    });
    socket.on('close', () => {
      if (!this.replied) process.exitCode = 1; // closed with no reply: print nothing
      this.reader?.destroy();
    });
    socket.once('connect', () => {
      socket.write(header);
      void this.sendBody();
    });
  }

  private async hashFile(): Promise<string> {
    const hash = crypto.createHash('sha256');
    for await (const chunk of fs.createReadStream(this.file)) hash.update(chunk as Buffer);
    return hash.digest('hex');
  }

  private async sendBody(): Promise<void> {
    const socket = this.socket;
    if (!socket) return;
    const reader = fs.createReadStream(this.file);
    this.reader = reader;
    try {
      for await (const chunk of reader) {
        if (this.replied || socket.destroyed) break;
        if (!socket.write(chunk as Buffer)) await this.drainOrClose(socket);
      }
    } catch (err) {
      if (!this.replied && !socket.destroyed) {
        console.error('read error:', (err as Error).message);
        process.exitCode = 1;
        socket.destroy();
      }
    }
    // do not end our side: the server knows the size
  }

  private drainOrClose(socket: net.Socket): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        socket.off('drain', done);
        socket.off('close', done);
        resolve();
      };
      socket.on('drain', done);
      socket.on('close', done);
    });
  }

  private onData(chunk: Buffer): void {
    if (this.replied) return;
    this.replyBuf = Buffer.concat([this.replyBuf, chunk]);
    const nl = this.replyBuf.indexOf(0x0a);
    if (nl === -1) return;
    this.replied = true;
    const line = this.replyBuf.subarray(0, nl).toString('utf8');
    process.stdout.write(line + '\n');
    process.exitCode = line === `OK ${this.hex}` ? 0 : 1;
    this.reader?.destroy();
    this.socket?.destroy();
  }
}

const file = process.argv[2];
if (!file) {
  console.error('usage: client.ts <file>');
  process.exit(1);
}
void new Uploader(file).run();
