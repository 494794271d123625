// Lesson 16 — a line server that stops well (README "The shutdown").
// On the first trigger (SIGTERM, SIGINT, or the line "shutdown" on stdin) it stops accepting,
// says goodbye to idle clients, lets accepted work finish, destroys what is left after 2 s, and
// exits 0. A second trigger destroys everything and exits 1 at once.
import net from 'node:net';
import readline from 'node:readline';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);
/** How long the drain may take before the stragglers are destroyed (README "The rules"). */
const DEADLINE_MS = 2000;
const MAX_WORK_MS = 10_000;
const GOODBYE = 'BYE server shutting down\n';

/** One connection: its unfinished line, the lines waiting their turn, and whether one is running. */
interface Connection {
  socket: net.Socket;
  pending: string;
  /** Accepted lines not yet answered, in order; `null` marks a line read after the trigger. */
  queue: Array<string | null>;
  busy: boolean;
  /** BYE (or QUIT's BYE) written and end() called: nothing more is written. */
  finished: boolean;
  timer?: NodeJS.Timeout;
}

const connections = new Set<Connection>();
let draining = false;

function write(c: Connection, line: string): void {
  if (!c.finished && c.socket.writable) c.socket.write(`${line}\n`);
}

function sayGoodbye(c: Connection): void {
  if (c.finished) return;
  c.finished = true;
  c.socket.end(GOODBYE);
}

/** Answers the queued lines in order, one at a time; a WORK holds the ones behind it. */
function pump(c: Connection): void {
  while (!c.busy && !c.finished && c.queue.length > 0) {
    const line = c.queue.shift()!;
    if (line === null) {
      write(c, 'ERR shutting down');
      continue;
    }
    const space = line.indexOf(' ');
    const word = space === -1 ? line : line.slice(0, space);
    const arg = space === -1 ? '' : line.slice(space + 1);
    switch (word) {
      case 'PING':
        write(c, 'PONG');
        break;
      case 'ECHO':
        write(c, arg);
        break;
      case 'QUIT':
        write(c, 'BYE');
        c.finished = true;
        c.socket.end();
        break;
      case 'WORK': {
        if (!/^\d{1,5}$/.test(arg) || Number(arg) > MAX_WORK_MS) {
          write(c, 'ERR bad ms');
          break;
        }
        // Never wait here: a timer, and return. The lines behind it wait in the queue.
        c.busy = true;
        c.timer = setTimeout(() => {
          c.busy = false;
          c.timer = undefined;
          write(c, `DONE ${arg}`);
          pump(c);
        }, Number(arg));
        break;
      }
      default:
        write(c, 'ERR unknown command');
    }
  }
  // Draining, and this connection has nothing left to answer: goodbye.
  if (draining && !c.busy && c.queue.length === 0) sayGoodbye(c);
}

const server = net.createServer((socket) => {
  const c: Connection = { socket, pending: '', queue: [], busy: false, finished: false };
  connections.add(c);
  socket.setEncoding('utf8'); // a character cut between two chunks is kept whole

  socket.on('data', (chunk: string) => {
    if (c.finished) return; // after BYE: ignored, never written to
    c.pending += chunk;
    let nl: number;
    while ((nl = c.pending.indexOf('\n')) !== -1) {
      const line = c.pending.slice(0, nl).replace(/\r$/, '');
      c.pending = c.pending.slice(nl + 1);
      c.queue.push(draining ? null : line); // read after the trigger: refused, in its turn
    }
    pump(c);
  });
  socket.on('error', (err: NodeJS.ErrnoException) => console.error(`socket error: ${err.code}`));
  socket.on('close', () => {
    clearTimeout(c.timer);
    connections.delete(c);
    exitWhenDrained();
  });
});

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error(`server error: ${err.code}`);
  process.exit(1);
});

function exitWhenDrained(): void {
  if (draining && connections.size === 0) {
    console.error('drained: exit 0');
    process.exit(0);
  }
}

function shutdown(why: string): void {
  if (draining) {
    console.error(`${why} again: forcing exit`);
    for (const c of connections) c.socket.destroy();
    process.exit(1);
  }
  draining = true;
  console.error(`${why}: shutting down (${connections.size} open)`);
  server.close(); // 1. stop accepting, first
  for (const c of connections) pump(c); // 2. and 3.: idle ones get BYE now, busy ones when done
  // 5. the deadline; unref: it never keeps the process alive by itself
  setTimeout(() => {
    console.error(`deadline: destroying ${connections.size}`);
    for (const c of connections) c.socket.destroy();
    process.exit(0);
  }, DEADLINE_MS).unref();
  exitWhenDrained(); // 6. nothing open: exit now
}

process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
// The portable trigger: a line on stdin. Its end is not a trigger.
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.replace(/\r$/, '') === 'shutdown') shutdown('stdin');
});

server.listen(PORT, HOST, () => {
  console.error(`listening on ${HOST}:${(server.address() as net.AddressInfo).port}`);
});
