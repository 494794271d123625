// Lesson 05 — line client as a small state machine in a class; bytes are framed and each
// complete line is decoded on its own.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);
const TIMEOUT_MS = 2000;

type State = 'connecting' | 'awaiting-replies' | 'awaiting-bye' | 'done';

class LineClient {
  private state: State = 'connecting';
  private pending: Buffer = Buffer.alloc(0);
  private answered = 0;
  private readonly socket: net.Socket;

  constructor(private readonly commands: readonly string[]) {
    this.socket = new net.Socket();
    this.socket.setTimeout(TIMEOUT_MS);
    this.socket.on('connect', () => this.onConnect());
    this.socket.on('data', (chunk: Buffer) => this.onData(chunk));
    this.socket.on('end', () => {
      // Every command was answered: a close instead of BYE still means the work is done.
      if (this.state === 'awaiting-bye') this.end(0);
      else this.fail(1, 'the server closed the connection before BYE');
    });
    this.socket.on('timeout', () => this.fail(2, `no data from the server for ${TIMEOUT_MS} ms, giving up`));
    this.socket.on('error', (err: NodeJS.ErrnoException) => this.fail(1, `socket error ${err.code ?? ''} ${err.message}`.trim()));
  }

  start(host: string, port: number): void {
    this.socket.connect({ host, port });
  }

  private onConnect(): void {
    this.state = this.commands.length === 0 ? 'awaiting-bye' : 'awaiting-replies';
    const request = [...this.commands, 'QUIT'].map((c) => c + '\n').join('');
    this.socket.write(request, 'utf8');
  }

  private onData(chunk: Buffer): void {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    for (;;) {
      if (this.state === 'done') return;
      const nl = this.pending.indexOf(0x0a);
      if (nl < 0) return;
      let raw = this.pending.subarray(0, nl);
      this.pending = this.pending.subarray(nl + 1);
      if (raw.length > 0 && raw[raw.length - 1] === 0x0d) raw = raw.subarray(0, raw.length - 1);
      this.onLine(raw.toString('utf8'));
    }
  }

  private onLine(line: string): void {
    switch (this.state) {
      case 'awaiting-replies':
        process.stdout.write(line + '\n');
        this.answered += 1;
        if (this.answered === this.commands.length) this.state = 'awaiting-bye';
        break;
      case 'awaiting-bye':
        if (line === 'BYE') this.end(0);
        else this.fail(1, `the reply to QUIT was ${JSON.stringify(line)}, not BYE`);
        break;
      default:
        break;
    }
  }

  private fail(code: number, message: string): void {
    if (this.state === 'done') return;
    console.error(message);
    this.end(code);
  }

  private end(code: number): void {
    if (this.state === 'done') return;
    this.state = 'done';
    process.exitCode = code;
    this.socket.destroy();
  }
}

new LineClient(process.argv.slice(2)).start(HOST, PORT);
