// Lesson 11 — chat server, one class instance per connection.
import net from 'node:net';
import { isUtf8 } from 'node:buffer';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);
const IDLE_MS = Number(process.env.IDLE_MS ?? 300_000);

const MAX_LINE_BYTES = 1024;
const MAX_QUEUE_BYTES = 64 * 1024;
const NICK_RE = /^[A-Za-z0-9_\uAC00-\uD7A3]{1,16}$/;
const CONTROL = /[\u0000-\u0008\u000A-\u001F\u007F]/;

class ChatConnection {
  nick: string | undefined = undefined;
  gone = false;
  private closing = false;
  private buffer: Buffer = Buffer.alloc(0);

  constructor(readonly socket: net.Socket, private readonly room: Room) {
    socket.setTimeout(IDLE_MS);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('timeout', () => this.finish('ERR idle timeout'));
    socket.on('error', (err: NodeJS.ErrnoException) => console.error(`client error: ${err.code}`));
    socket.on('close', () => this.room.leave(this));
  }

  /** Queue one line for this client, or drop it when its queue would pass the bound. */
  send(line: string): void {
    if (this.gone || this.closing) return;
    if (this.socket.writableLength + Buffer.byteLength(line) + 1 > MAX_QUEUE_BYTES) {
      this.socket.destroy();
      this.room.leave(this);
      return;
    }
    this.socket.write(`${line}\n`);
  }

  /** A last line, then FIN; the others hear LEAVE now. */
  private finish(line: string): void {
    if (this.gone || this.closing) return;
    this.closing = true;
    if (this.socket.writableLength + Buffer.byteLength(line) + 1 > MAX_QUEUE_BYTES) this.socket.destroy();
    else this.socket.end(`${line}\n`);
    this.room.leave(this);
  }

  private get stopped(): boolean {
    return this.gone || this.closing;
  }

  private onData(chunk: Buffer): void {
    if (this.stopped) return;
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const nl = this.buffer.indexOf(0x0a);
      if (nl === -1) {
        if (this.buffer.length > MAX_LINE_BYTES) this.finish('ERR line too long');
        return;
      }
      let line = this.buffer.subarray(0, nl);
      this.buffer = this.buffer.subarray(nl + 1);
      if (line.length > 0 && line[line.length - 1] === 0x0d) line = line.subarray(0, line.length - 1);
      if (line.length > MAX_LINE_BYTES) {
        this.finish('ERR line too long');
        return;
      }
      this.onLine(line);
      if (this.stopped) return;
    }
  }

  private onLine(bytes: Buffer): void {
    if (!isUtf8(bytes)) {
      this.send('ERR bad utf8');
      return;
    }
    const text = bytes.toString('utf8');
    const space = text.indexOf(' ');
    const command = space === -1 ? text : text.slice(0, space);
    const arg = space === -1 ? '' : text.slice(space + 1);

    if (command === 'PING') return this.send('PONG');
    if (command === 'QUIT') return this.finish('BYE');
    if (command === 'NICK') return this.onNick(arg);
    if (this.nick === undefined) return this.send('ERR nick required');
    if (command === 'MSG') {
      if (arg === '') return this.send('ERR empty message');
      if (CONTROL.test(arg)) return this.send('ERR bad text');
      this.room.broadcast(this, `MSG ${this.nick} ${arg}`);
      return;
    }
    if (command === 'WHO') return this.send(`WHO ${this.room.names().join(' ')}`);
    this.send('ERR unknown command');
  }

  private onNick(name: string): void {
    if (this.nick !== undefined) return this.send('ERR already named');
    if (!NICK_RE.test(name)) return this.send('ERR bad nick');
    if (this.room.has(name)) return this.send('ERR nick taken');
    this.nick = name;
    this.room.add(this);
    this.send(`OK ${name}`);
    this.room.broadcast(this, `JOIN ${name}`);
  }
}

class Room {
  private readonly clients = new Map<string, ChatConnection>();

  has(name: string): boolean {
    return this.clients.has(name);
  }

  add(c: ChatConnection): void {
    if (c.nick !== undefined) this.clients.set(c.nick, c);
  }

  names(): string[] {
    return [...this.clients.keys()].sort();
  }

  broadcast(from: ChatConnection | undefined, line: string): void {
    for (const c of [...this.clients.values()]) if (c !== from) c.send(line);
  }

  leave(c: ChatConnection): void {
    if (c.gone) return;
    c.gone = true;
    if (c.nick !== undefined && this.clients.get(c.nick) === c) {
      this.clients.delete(c.nick);
      this.broadcast(c, `LEAVE ${c.nick}`);
    }
  }
}

const room = new Room();

const server = net.createServer((socket) => {
  new ChatConnection(socket, room);
});

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error('server error:', err.code);
  process.exitCode = 1;
});

server.listen(PORT, HOST, () => {
  const { port } = server.address() as net.AddressInfo;
  console.log(`chat server on ${HOST}:${port}`);
});
