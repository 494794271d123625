// Lesson 03 — file round-trip client by hand: a class, manual writes to the file, own byte count.
import fs from 'node:fs';
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

const [inputFile, outputFile] = process.argv.slice(2);
if (!inputFile || !outputFile) {
  console.error('usage: client.ts <input-file> <output-file>');
  process.exit(2);
}

class RoundTrip {
  private received = 0;
  private failed = false;
  private readonly out: fs.WriteStream;
  private readonly socket: net.Socket;

  constructor(private readonly payload: Buffer, outPath: string) {
    this.out = fs.createWriteStream(outPath); // created now, even if nothing comes back
    this.out.on('drain', () => this.socket.resume());
    this.out.on('error', (err: NodeJS.ErrnoException) => this.fail(`cannot write ${outPath}: ${err.code}`));
    this.socket = net.connect({ host: HOST, port: PORT });
    this.socket.on('connect', () => {
      this.socket.write(this.payload);
      this.socket.end(); // half-close after the last byte
    });
    this.socket.on('data', (chunk: Buffer) => this.onData(chunk));
    this.socket.on('end', () => this.onServerFin());
    this.socket.on('error', (err: NodeJS.ErrnoException) => this.fail(`cannot talk to ${HOST}:${PORT}: ${err.code}`));
  }

  private onData(chunk: Buffer): void {
    this.received += chunk.length;
    if (!this.out.write(chunk)) this.socket.pause();
  }

  private onServerFin(): void {
    this.out.end(() => {
      if (this.failed) return;
      process.stdout.write(`sent ${this.payload.length} bytes, received ${this.received} bytes\n`);
    });
  }

  private fail(message: string): void {
    if (this.failed) return;
    this.failed = true;
    console.error(message);
    process.exitCode = 1;
    this.socket.destroy();
    this.out.end();
  }
}

new RoundTrip(fs.readFileSync(inputFile), outputFile);
