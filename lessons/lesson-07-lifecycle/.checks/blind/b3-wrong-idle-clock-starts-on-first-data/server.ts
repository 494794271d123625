// Lesson 07 — line server that ends every connection properly.
// An explicit per-connection state machine ('open' → 'closing' → 'closed') with its own idle
// timer (a plain setTimeout restarted on every chunk of input) instead of socket.setTimeout.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);
const IDLE_MS = 1000;
const HARD_DEADLINE_MS = 500;
const MAX_LINE_BYTES = 8192;
const MAX_SLOW_MS = 10_000;

type State = 'open' | 'closing' | 'closed';

interface Conn {
  socket: net.Socket;
  state: State;
  text: string;
  owed: number;
  peerDone: boolean;
  idle: NodeJS.Timeout | undefined;
  deadline: NodeJS.Timeout | undefined;
  slows: Set<NodeJS.Timeout>;
}

const conns = new Set<Conn>();

function say(c: Conn, line: string): void {
  if (c.state === 'open' && c.socket.writable) c.socket.write(line + '\n');
}

function armIdle(c: Conn): void {
  clearTimeout(c.idle);
  c.idle = setTimeout(() => goodbye(c, 'ERR idle timeout\n'), IDLE_MS);
}

function goodbye(c: Conn, words: string): void {
  if (c.state !== 'open') return;
  c.state = 'closing';
  clearTimeout(c.idle);
  c.idle = undefined;
  if (c.socket.writable) c.socket.end(words);
  c.deadline = setTimeout(() => c.socket.destroy(), HARD_DEADLINE_MS);
}

function run(c: Conn, line: string): void {
  const space = line.indexOf(' ');
  const word = space === -1 ? line : line.slice(0, space);
  const rest = space === -1 ? '' : line.slice(space + 1);
  switch (word) {
    case '':
      say(c, 'ERR empty');
      break;
    case 'PING':
      say(c, 'PONG');
      break;
    case 'ECHO':
      say(c, rest);
      break;
    case 'COUNT':
      say(c, String(conns.size));
      break;
    case 'QUIT':
      goodbye(c, 'BYE\n');
      break;
    case 'SLOW': {
      if (!/^\d+$/.test(rest) || Number(rest) > MAX_SLOW_MS) {
        say(c, 'ERR bad ms');
        break;
      }
      c.owed++;
      const t = setTimeout(() => {
        c.slows.delete(t);
        c.owed--;
        say(c, 'DONE');
        if (c.peerDone && c.owed === 0) goodbye(c, '');
      }, Number(rest));
      c.slows.add(t);
      break;
    }
    default:
      say(c, `ERR unknown command ${word}`);
  }
}

const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  const c: Conn = {
    socket,
    state: 'open',
    text: '',
    owed: 0,
    peerDone: false,
    idle: undefined,
    deadline: undefined,
    slows: new Set(),
  };
  conns.add(c);
  socket.setEncoding('utf8');

  socket.on('data', (chunk: string) => {
    if (c.state !== 'open') return;
    armIdle(c); // (re)start the idle clock: input came

    c.text += chunk;
    const parts = c.text.split('\n');
    c.text = parts.pop() ?? '';
    for (const raw of parts) {
      if (c.state !== 'open') return;
      run(c, raw.endsWith('\r') ? raw.slice(0, -1) : raw);
    }
    if (c.state === 'open' && Buffer.byteLength(c.text) > MAX_LINE_BYTES) {
      c.text = '';
      goodbye(c, 'ERR line too long\n');
    }
  });

  socket.on('end', () => {
    c.peerDone = true;
    if (c.owed === 0) goodbye(c, '');
  });

  socket.on('error', (err: NodeJS.ErrnoException) => {
    console.error(`connection error: ${err.code}`);
  });

  socket.on('close', () => {
    c.state = 'closed';
    conns.delete(c);
    clearTimeout(c.idle);
    clearTimeout(c.deadline);
    for (const t of c.slows) clearTimeout(t);
    c.slows.clear();
  });
});

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error(`server error: ${err.code}`);
  process.exitCode = 1;
});

server.listen(PORT, HOST, () => {
  const addr = server.address() as net.AddressInfo;
  console.log(`listening on ${HOST}:${addr.port}`);
});
