// Lesson 04 — line protocol server, one object per connection.
// The socket decodes UTF-8 for us (setEncoding), so the buffer is a string;
// the line limit is measured with Buffer.byteLength.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);
const MAX_LINE_BYTES = 8192;

type Outcome = { kind: 'reply'; text: string } | { kind: 'last'; text: string };

class LineSession {
  private buffered = '';
  private finished = false;

  constructor(private readonly socket: net.Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.onData(chunk));
    socket.on('end', () => this.onEnd());
    socket.on('error', (err: NodeJS.ErrnoException) => console.error(`${this.name} error: ${err.code}`));
    socket.on('close', () => console.log(`${this.name} closed`));
    console.log(`${this.name} connected`);
  }

  private get name(): string {
    return `${this.socket.remoteAddress}:${this.socket.remotePort}`;
  }

  private onData(chunk: string): void {
    if (this.finished) return;
    this.buffered += chunk;
    for (;;) {
      const nl = this.buffered.indexOf('\n');
      if (nl === -1) break;
      let line = this.buffered.slice(0, nl);
      this.buffered = this.buffered.slice(nl + 1);
      if (line.endsWith('\r')) line = line.slice(0, -1);
      if (Buffer.byteLength(line, 'utf8') > MAX_LINE_BYTES) {
        this.closeWith('ERR line too long');
        return;
      }
      const outcome = LineSession.answer(line);
      if (outcome.kind === 'last') {
        this.closeWith(outcome.text);
        return;
      }
      this.socket.write(`${outcome.text}\n`);
    }
    if (Buffer.byteLength(this.buffered, 'utf8') > MAX_LINE_BYTES) this.closeWith('ERR line too long');
  }

  private onEnd(): void {
    // an unterminated rest is not a line: drop it
    this.buffered = '';
  }

  private closeWith(text: string): void {
    this.finished = true;
    this.buffered = '';
    this.socket.end(`${text}\n`);
  }

  static answer(line: string): Outcome {
    if (line.length === 0) return { kind: 'reply', text: 'ERR empty' };
    const space = line.indexOf(' ');
    const [command, text] = space < 0 ? [line, ''] : [line.slice(0, space), line.slice(space + 1)];
    if (command === 'PING') return { kind: 'reply', text: 'PONG' };
    if (command === 'ECHO') return { kind: 'reply', text };
    if (command === 'LEN') {
      let codePoints = 0;
      for (const _ of text) codePoints++;
      return { kind: 'reply', text: `${codePoints} ${Buffer.byteLength(text, 'utf8')}` };
    }
    if (command === 'QUIT') return { kind: 'last', text: 'BYE' };
    return { kind: 'reply', text: `ERR unknown command ${command}` };
  }
}

const server = net.createServer((socket) => new LineSession(socket));

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error('server error:', err.code);
  process.exitCode = 1;
});

server.listen(PORT, HOST, () => {
  const { port } = server.address() as net.AddressInfo;
  console.log(`listening on ${HOST}:${port}`);
});
