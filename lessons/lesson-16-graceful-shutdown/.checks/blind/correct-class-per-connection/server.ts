// Lesson 16 — graceful shutdown, written as one class per connection.
import net from 'node:net';
import readline from 'node:readline';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);
const GOODBYE = 'BYE server shutting down\n';
const DEADLINE_MS = 2000;

let draining = false;

class Connection {
  private pending = '';
  // A string is an accepted line; null is a line read after the trigger (to refuse).
  private readonly queue: Array<string | null> = [];
  private busy = false;
  private finished = false; // end() has been called: never write again

  constructor(private readonly socket: net.Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.onData(chunk));
    socket.on('error', (err: NodeJS.ErrnoException) => console.error(`socket error: ${err.code}`));
  }

  private onData(chunk: string): void {
    if (this.finished) return;
    this.pending += chunk;
    let nl: number;
    while ((nl = this.pending.indexOf('\n')) !== -1) {
      const line = this.pending.slice(0, nl).replace(/\r$/, '');
      this.pending = this.pending.slice(nl + 1);
      this.queue.push(draining ? null : line);
    }
    this.pump();
  }

  private reply(line: string): void {
    if (!this.finished && this.socket.writable) this.socket.write(`${line}\n`);
  }

  private finish(last: string): void {
    if (this.finished) return;
    this.finished = true;
    this.queue.length = 0;
    if (this.socket.writable) this.socket.end(last);
  }

  isIdle(): boolean {
    return !this.busy && this.queue.length === 0;
  }

  pump(): void {
    while (!this.busy && !this.finished && this.queue.length > 0) {
      const line = this.queue.shift();
      if (line === null || line === undefined) {
        this.reply('ERR shutting down');
        continue;
      }
      this.execute(line);
    }
    if (draining && this.isIdle()) this.finish(GOODBYE);
  }

  private execute(line: string): void {
    const space = line.indexOf(' ');
    const word = space === -1 ? line : line.slice(0, space);
    const arg = space === -1 ? '' : line.slice(space + 1);
    switch (word) {
      case 'PING':
        this.reply('PONG');
        return;
      case 'ECHO':
        this.reply(arg);
        return;
      case 'QUIT':
        this.finish('BYE\n');
        return;
      case 'WORK': {
        if (space === -1 || !/^[0-9]{1,5}$/.test(arg) || Number(arg) > 10000) {
          this.reply('ERR bad ms');
          return;
        }
        this.busy = true;
        setTimeout(() => {
          this.busy = false;
          this.reply(`DONE ${arg}`);
          this.pump();
        }, Number(arg));
        return;
      }
      default:
        this.reply('ERR unknown command');
    }
  }

  destroy(): void {
    this.finished = true;
    this.socket.destroy();
  }
}

const connections = new Set<Connection>();

const server = net.createServer((socket) => {
  const conn = new Connection(socket);
  connections.add(conn);
  socket.on('close', () => {
    connections.delete(conn);
    if (draining && connections.size === 0) process.exit(0);
  });
});

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error(`server error: ${err.code}`);
  process.exit(1);
});

function shutdown(why: string): void {
  if (draining) {
    console.error(`${why} again: forcing the exit`);
    for (const c of connections) c.destroy();
    process.exit(1);
  }
  draining = true;
  console.error(`${why}: shutting down`);
  server.close();
  for (const c of connections) c.pump(); // idle ones say goodbye now, busy ones when done
  setTimeout(() => {
    for (const c of connections) c.destroy();
    process.exit(0);
  }, DEADLINE_MS).unref();
  if (connections.size === 0) process.exit(0);
}

process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.replace(/\r$/, '') === 'shutdown') shutdown('stdin');
});

server.listen(PORT, HOST, () => {
  console.error(`listening on ${HOST}:${(server.address() as net.AddressInfo).port}`);
});
