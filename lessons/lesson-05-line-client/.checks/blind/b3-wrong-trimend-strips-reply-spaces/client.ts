// Lesson 05 — line client as a class: frames the reply bytes itself (Buffer.concat and
// indexOf(0x0a)) and decodes only whole lines, so a cut character is never split.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);
const TIMEOUT_MS = 2000;

const EXIT_OK = 0;
const EXIT_CONNECTION = 1;
const EXIT_TIMEOUT = 2;

class PipeliningClient {
  private readonly socket: net.Socket;
  private pending: Buffer = Buffer.alloc(0);
  private replies = 0;
  private finished = false;

  constructor(private readonly commands: readonly string[]) {
    this.socket = net.connect({ host: HOST, port: PORT });
    this.socket.setTimeout(TIMEOUT_MS);
    this.socket.once('connect', () => this.sendAll());
    this.socket.on('data', (chunk: Buffer) => this.onData(chunk));
    this.socket.on('timeout', () =>
      this.stop(EXIT_TIMEOUT, `no data from ${HOST}:${PORT} for ${TIMEOUT_MS} ms, giving up`),
    );
    this.socket.on('end', () =>
      this.stop(EXIT_CONNECTION, `server closed the connection before BYE (${this.replies} replies)`),
    );
    this.socket.on('error', (err: NodeJS.ErrnoException) =>
      this.stop(EXIT_CONNECTION, `cannot talk to ${HOST}:${PORT}: ${err.code ?? err.message}`),
    );
  }

  private sendAll(): void {
    const wire = [...this.commands, 'QUIT'].map((c) => c + '\n').join('');
    this.socket.write(wire); // pipelined: no reply awaited in between
  }

  private onData(chunk: Buffer): void {
    if (this.finished) return;
    this.pending = Buffer.concat([this.pending, chunk]);
    for (let nl = this.pending.indexOf(0x0a); nl !== -1 && !this.finished; nl = this.pending.indexOf(0x0a)) {
      const raw = this.pending.subarray(0, nl);
      this.pending = this.pending.subarray(nl + 1);
      this.onLine(raw.toString('utf8').trimEnd()); // trimEnd() drops the '\r' of a "\r\n" line end
    }
  }

  private onLine(line: string): void {
    const index = this.replies++;
    if (index < this.commands.length) {
      process.stdout.write(line + '\n');
    } else if (line === 'BYE') {
      this.stop(EXIT_OK);
    } else {
      this.stop(EXIT_CONNECTION, `the reply to QUIT was ${JSON.stringify(line)}, not BYE`);
    }
  }

  private stop(code: number, why?: string): void {
    if (this.finished) return;
    this.finished = true;
    if (why !== undefined) process.stderr.write(why + '\n');
    process.exitCode = code;
    this.socket.destroy();
  }
}

new PipeliningClient(process.argv.slice(2));
