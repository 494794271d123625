// Another style the README allows: each connection's lines go through a promise chain (the
// chain IS the order), WORK is an awaited timer, stdin is read with 'data' events, and the
// exit lets nothing hold the process: it calls process.exit when the last socket closes.
import net from 'node:net';
import { setTimeout as wait } from 'node:timers/promises';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

type State = 'open' | 'draining';
let state: State = 'open';

class Conn {
  chain: Promise<void> = Promise.resolve();
  unanswered = 0;
  done = false;
  private buffered = '';
  constructor(readonly socket: net.Socket) {}

  feed(chunk: string): void {
    if (this.done) return;
    this.buffered += chunk;
    const parts = this.buffered.split('\n');
    this.buffered = parts.pop()!;
    for (const raw of parts) {
      const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      const refused = state === 'draining';
      this.unanswered++;
      this.chain = this.chain.then(async () => {
        const reply = refused ? 'ERR shutting down' : await run(line, this);
        this.unanswered--;
        if (reply !== undefined && !this.done) this.socket.write(reply + '\n');
        this.maybeGoodbye();
      });
    }
  }

  maybeGoodbye(): void {
    if (state === 'draining' && this.unanswered === 0 && !this.done) {
      this.done = true;
      this.socket.end('BYE server shutting down\n');
    }
  }
}

async function run(line: string, c: Conn): Promise<string | undefined> {
  const [word, ...rest] = line.split(' ');
  const arg = rest.join(' ');
  if (c.done) return undefined;
  if (word === 'PING') return 'PONG';
  if (word === 'ECHO') return arg;
  if (word === 'QUIT') {
    c.done = true;
    c.socket.end('BYE\n');
    return undefined;
  }
  if (word === 'WORK') {
    if (!/^[0-9]{1,5}$/.test(arg) || +arg > 10000) return 'ERR bad ms';
    await wait(+arg);
    return `DONE ${arg}`;
  }
  return 'ERR unknown command';
}

const conns = new Map<net.Socket, Conn>();

const server = net.createServer((socket) => {
  const c = new Conn(socket);
  conns.set(socket, c);
  socket.setEncoding('utf8');
  socket.on('data', (d: string) => c.feed(d));
  socket.on('error', () => {});
  socket.on('close', () => {
    conns.delete(socket);
    if (state === 'draining' && conns.size === 0) process.exit(0);
  });
});

function trigger(): void {
  if (state === 'draining') {
    for (const s of conns.keys()) s.destroy();
    process.exit(1);
  }
  state = 'draining';
  server.close();
  for (const c of conns.values()) c.maybeGoodbye();
  if (conns.size === 0) process.exit(0);
  setTimeout(() => {
    for (const s of conns.keys()) s.destroy();
    process.exit(0);
  }, 2000);
}

for (const sig of ['SIGTERM', 'SIGINT'] as const) process.on(sig, trigger);
let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (d: string) => {
  input += d;
  let nl: number;
  while ((nl = input.indexOf('\n')) !== -1) {
    const line = input.slice(0, nl).replace(/\r$/, '');
    input = input.slice(nl + 1);
    if (line === 'shutdown') trigger();
  }
});

server.listen(PORT, HOST);
