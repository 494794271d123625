// Lesson 02 — one-line client as an explicit state machine over raw Buffers.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);
const REPLY_TIMEOUT_MS = 3000;

type State = 'waiting' | 'done';

class LineClient {
  private state: State = 'waiting';
  private pending: Buffer = Buffer.alloc(0);
  private readonly socket: net.Socket;

  constructor(host: string, port: number) {
    this.socket = net.connect({ host, port });
    this.socket.setTimeout(REPLY_TIMEOUT_MS);
    this.socket.on('data', (chunk: Buffer) => this.onData(chunk));
    this.socket.on('end', () => this.finish(1, 'the server closed before a whole line'));
    this.socket.on('timeout', () => this.finish(2, `no reply within ${REPLY_TIMEOUT_MS / 1000} s`));
    this.socket.on('error', (err: NodeJS.ErrnoException) => this.finish(1, `cannot connect to ${host}:${port}: ${err.code}`));
  }

  private onData(chunk: Buffer): void {
    if (this.state !== 'waiting') return;
    this.pending = Buffer.concat([this.pending, chunk]);
    const nl = this.pending.indexOf(0x0a);
    if (nl === -1) return;
    // decode the complete line once: a character cut between chunks is whole again here
    process.stdout.write(this.pending.subarray(0, nl).toString('utf8') + '\n');
    this.finish(0);
  }

  /** Decides the exit code exactly once. */
  private finish(code: number, why?: string): void {
    if (this.state === 'done') return;
    this.state = 'done';
    if (why !== undefined) console.error(why);
    process.exitCode = code;
    this.socket.destroy();
  }
}

new LineClient(HOST, PORT);
