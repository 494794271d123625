// Lesson 05 — line client as a class: raw Buffer framing (decode only complete lines),
// an explicit state, and one place that ends the run.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);
const TIMEOUT_MS = 2000;

const Exit = { Ok: 0, ConnectionError: 1, Timeout: 2 } as const;
type Exit = (typeof Exit)[keyof typeof Exit];

class LineClient {
  private readonly socket: net.Socket;
  private pending: Buffer = Buffer.alloc(0);
  private replies = 0;
  private state: 'connecting' | 'exchanging' | 'over' = 'connecting';

  constructor(
    private readonly commands: readonly string[],
    host: string,
    port: number,
  ) {
    this.socket = net.connect({ host, port });
    this.socket.setTimeout(TIMEOUT_MS);
    this.socket.on('connect', () => this.onConnect());
    this.socket.on('data', (chunk: Buffer) => this.onData(chunk));
    this.socket.on('timeout', () =>
      this.end(Exit.Timeout, `no data from ${host}:${port} for ${TIMEOUT_MS} ms, giving up`),
    );
    this.socket.on('end', () =>
      this.end(Exit.ConnectionError, `server closed the connection before BYE (${this.replies} replies)`),
    );
    this.socket.on('error', (err: NodeJS.ErrnoException) =>
      this.end(Exit.ConnectionError, `${err.code ?? 'error'}: ${err.message || 'connection failed'}`),
    );
  }

  private onConnect(): void {
    this.state = 'exchanging';
    const request = [...this.commands, 'QUIT'].map((c) => `${c}\n`).join('');
    this.socket.write(request);
  }

  private onData(chunk: Buffer): void {
    this.pending = Buffer.concat([this.pending, chunk]);
    for (let nl = this.pending.indexOf(0x0a); nl !== -1 && this.state === 'exchanging'; nl = this.pending.indexOf(0x0a)) {
      let line = this.pending.subarray(0, nl);
      this.pending = this.pending.subarray(nl + 1);
      if (line.at(-1) === 0x0d) line = line.subarray(0, -1);
      this.onLine(line.toString('utf8'));
    }
  }

  private onLine(line: string): void {
    const index = this.replies++;
    if (index < this.commands.length) {
      process.stdout.write(`${line}\n`);
    } else if (line === 'BYE') {
      this.end(Exit.Ok);
    } else {
      this.end(Exit.ConnectionError, `QUIT was answered with ${JSON.stringify(line)}, not BYE`);
    }
  }

  private end(code: Exit, message?: string): void {
    if (this.state === 'over') return;
    this.state = 'over';
    if (message !== undefined) console.error(message);
    process.exitCode = code;
    this.socket.destroy();
  }
}

new LineClient(process.argv.slice(2), HOST, PORT);
