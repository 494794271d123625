// Lesson 02 — one-line client as a class that decides its outcome exactly once.
import net from 'node:net';
import { StringDecoder } from 'node:string_decoder';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);
const REPLY_TIMEOUT_MS = 3_000;

type Outcome =
  | { kind: 'line'; line: string }
  | { kind: 'error'; code: string }
  | { kind: 'closed-early' }
  | { kind: 'timeout' };

class LineClient {
  private readonly decoder = new StringDecoder('utf8');
  private text = '';
  private settled = false;
  private readonly socket: net.Socket;

  constructor(host: string, port: number) {
    this.socket = net.connect({ host, port });
    this.socket.setTimeout(REPLY_TIMEOUT_MS);
    this.socket.on('data', (chunk: Buffer) => this.onData(chunk));
    this.socket.on('end', () => this.settle({ kind: 'closed-early' }));
    this.socket.on('timeout', () => this.settle({ kind: 'timeout' }));
    this.socket.on('error', (err: NodeJS.ErrnoException) => this.settle({ kind: 'error', code: err.code ?? 'UNKNOWN' }));
  }

  private onData(chunk: Buffer): void {
    this.text += this.decoder.write(chunk); // keeps a cut character until its last byte
    const nl = this.text.indexOf('\n');
    if (nl !== -1) this.settle({ kind: 'line', line: this.text.slice(0, nl) });
  }

  private settle(outcome: Outcome): void {
    if (this.settled) return;
    this.settled = true;
    switch (outcome.kind) {
      case 'line':
        process.stdout.write(outcome.line + '\n');
        process.exitCode = 0;
        break;
      case 'error':
        process.stderr.write(`cannot talk to ${HOST}:${PORT}: ${outcome.code}\n`);
        process.exitCode = 1;
        break;
      case 'closed-early':
        process.stderr.write('the server closed the connection before a whole line\n');
        process.exitCode = 1;
        break;
      case 'timeout':
        process.stderr.write(`no reply from ${HOST}:${PORT} within ${REPLY_TIMEOUT_MS / 1000} s\n`);
        process.exitCode = 2;
        break;
    }
    this.socket.destroy();
  }
}

new LineClient(HOST, PORT);
