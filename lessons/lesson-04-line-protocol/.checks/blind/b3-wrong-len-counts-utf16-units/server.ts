// Lesson 04 — line protocol server: one LineSession object per connection, a StringDecoder
// that keeps cut characters whole, and a small state field instead of loose flags.
import net from 'node:net';
import { StringDecoder } from 'node:string_decoder';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);
const MAX_LINE_BYTES = 8192;

type State = 'reading' | 'closing';

class LineSession {
  private readonly decoder = new StringDecoder('utf8');
  private buffered = ''; // decoded text after the last '\n'
  private state: State = 'reading';

  constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => this.onChunk(chunk));
    socket.on('end', () => this.onEnd());
    socket.on('error', (err: NodeJS.ErrnoException) => console.error(`${this.name} error: ${err.code}`));
  }

  private get closing(): boolean {
    return this.state === 'closing';
  }

  private get name(): string {
    return `${this.socket.remoteAddress}:${this.socket.remotePort}`;
  }

  private onChunk(chunk: Buffer): void {
    if (this.closing) return;
    this.buffered += this.decoder.write(chunk);
    for (;;) {
      const nl = this.buffered.indexOf('\n');
      if (nl === -1) break;
      let line = this.buffered.slice(0, nl);
      this.buffered = this.buffered.slice(nl + 1);
      if (line.endsWith('\r')) line = line.slice(0, -1);
      if (Buffer.byteLength(line) > MAX_LINE_BYTES) return this.finish('ERR line too long');
      this.answer(line);
      if (this.closing) return;
    }
    let restBytes = Buffer.byteLength(this.buffered);
    if (this.buffered.endsWith('\r')) restBytes -= 1; // may still become "\r\n"
    if (restBytes > MAX_LINE_BYTES) this.finish('ERR line too long');
  }

  private answer(line: string): void {
    if (line.length === 0) return this.send('ERR empty');
    const space = line.indexOf(' ');
    const command = space < 0 ? line : line.slice(0, space);
    const text = space < 0 ? '' : line.slice(space + 1);
    if (command === 'PING') this.send('PONG');
    else if (command === 'ECHO') this.send(text);
    else if (command === 'LEN') this.send(`${text.length} ${Buffer.byteLength(text, 'utf8')}`);
    else if (command === 'QUIT') this.finish('BYE');
    else this.send(`ERR unknown command ${command}`);
  }

  private send(reply: string): void {
    this.socket.write(reply + '\n');
  }

  private finish(reply: string): void {
    this.state = 'closing';
    this.buffered = '';
    this.socket.end(reply + '\n');
  }

  private onEnd(): void {
    // Whatever is left never got its '\n': it is not a line.
    this.decoder.end();
    this.buffered = '';
  }
}

const server = net.createServer((socket) => {
  new LineSession(socket);
});

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error('server error:', err.code);
  process.exitCode = 1;
});

server.listen(PORT, HOST, () => {
  console.log(`listening on ${HOST}:${(server.address() as net.AddressInfo).port}`);
});
