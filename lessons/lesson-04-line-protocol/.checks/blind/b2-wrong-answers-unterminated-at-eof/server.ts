// Lesson 04 — line protocol server: one object per connection, socket.setEncoding('utf8'),
// a string buffer measured with Buffer.byteLength.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);
const MAX_LINE_BYTES = 8192;

class LineSession {
  private buffered = '';
  private finished = false;

  constructor(private readonly socket: net.Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.onData(chunk));
    socket.on('end', () => this.onEnd());
    socket.on('error', (err: NodeJS.ErrnoException) => console.error(`session error: ${err.code}`));
  }

  private onData(chunk: string): void {
    if (this.finished) return;
    this.buffered += chunk;
    for (;;) {
      const nl = this.buffered.indexOf('\n');
      if (nl === -1) break;
      const raw = this.buffered.slice(0, nl);
      this.buffered = this.buffered.slice(nl + 1);
      if (Buffer.byteLength(raw, 'utf8') > MAX_LINE_BYTES) {
        this.close('ERR line too long');
        return;
      }
      const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      this.handle(line);
      if (this.finished) return;
    }
    if (Buffer.byteLength(this.buffered, 'utf8') > MAX_LINE_BYTES) this.close('ERR line too long');
  }

  private handle(line: string): void {
    if (line.length === 0) {
      this.send('ERR empty');
      return;
    }
    const space = line.indexOf(' ');
    const [command, text] = space < 0 ? [line, ''] : [line.substring(0, space), line.substring(space + 1)];
    if (command === 'PING') this.send('PONG');
    else if (command === 'ECHO') this.send(text);
    else if (command === 'LEN') {
      let points = 0;
      for (const _ of text) points++;
      this.send(`${points} ${Buffer.byteLength(text, 'utf8')}`);
    } else if (command === 'QUIT') this.close('BYE');
    else this.send(`ERR unknown command ${command}`);
  }

  private send(reply: string): void {
    this.socket.write(reply + '\n');
  }

  private close(reply: string): void {
    this.finished = true;
    this.buffered = '';
    this.socket.end(reply + '\n');
  }

  private onEnd(): void {
    // The client is done sending: answer what is left (its last line may lack a '\n'), then close.
    if (!this.finished && this.buffered.length > 0) {
      const rest = this.buffered.endsWith('\r') ? this.buffered.slice(0, -1) : this.buffered;
      this.buffered = '';
      this.handle(rest);
    }
    if (!this.finished) {
      this.finished = true;
      this.socket.end();
    }
  }
}

const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  new LineSession(socket);
});

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error('server error:', err.code);
  process.exitCode = 1;
});

server.listen(PORT, HOST, () => {
  console.log(`listening on ${HOST}:${(server.address() as net.AddressInfo).port}`);
});
