// Lesson 16 — graceful shutdown. Each connection runs one async loop that awaits its next
// line and awaits a timer for WORK, so the replies come in order by construction.
import net from 'node:net';
import readline from 'node:readline';
import { StringDecoder } from 'node:string_decoder';
import { setTimeout as sleep } from 'node:timers/promises';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

type Item = { kind: 'accepted'; line: string } | { kind: 'late' } | { kind: 'drained' };

interface Conn {
  socket: net.Socket;
  items: Item[];
  waiter: ((item: Item) => void) | null;
  closed: boolean; // end() called or destroyed: write nothing more
}

const conns = new Set<Conn>();
let shuttingDown = false;

function deliver(conn: Conn, item: Item): void {
  if (conn.waiter) {
    const w = conn.waiter;
    conn.waiter = null;
    w(item);
  } else if (item.kind !== 'drained') {
    conn.items.push(item);
  }
}

function nextItem(conn: Conn): Promise<Item> {
  const item = conn.items.shift();
  if (item) return Promise.resolve(item);
  if (shuttingDown) return Promise.resolve({ kind: 'drained' });
  return new Promise((resolve) => {
    conn.waiter = resolve;
  });
}

function send(conn: Conn, text: string): void {
  if (!conn.closed && conn.socket.writable) conn.socket.write(text);
}

function close(conn: Conn, last: string): void {
  if (conn.closed) return;
  conn.closed = true;
  if (conn.socket.writable) conn.socket.end(last);
}

function validMs(arg: string | undefined): arg is string {
  return arg !== undefined && /^[0-9]{1,5}$/.test(arg) && Number(arg) <= 10000;
}

async function serve(conn: Conn): Promise<void> {
  while (!conn.closed) {
    const item = await nextItem(conn);
    if (conn.closed) return;
    if (item.kind === 'drained') {
      close(conn, 'BYE server shutting down\n');
      return;
    }
    if (item.kind === 'late') {
      send(conn, 'ERR shutting down\n');
      continue;
    }
    const { line } = item;
    const space = line.indexOf(' ');
    const word = space < 0 ? line : line.slice(0, space);
    const arg = space < 0 ? undefined : line.slice(space + 1);
    if (word === 'PING') send(conn, 'PONG\n');
    else if (word === 'ECHO') send(conn, `${arg ?? ''}\n`);
    else if (word === 'QUIT') {
      close(conn, 'BYE\n');
      return;
    } else if (word === 'WORK') {
      if (!validMs(arg)) send(conn, 'ERR bad ms\n');
      else {
        await sleep(Number(arg));
        send(conn, `DONE ${arg}\n`);
      }
    } else send(conn, 'ERR unknown command\n');
  }
}

const server = net.createServer((socket) => {
  const conn: Conn = { socket, items: [], waiter: null, closed: false };
  conns.add(conn);
  const decoder = new StringDecoder('utf8');
  let partial = '';

  socket.on('data', (chunk: Buffer) => {
    if (conn.closed) return;
    partial += decoder.write(chunk);
    const parts = partial.split('\n');
    partial = parts.pop() ?? '';
    for (const raw of parts) {
      const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      // The mark is made now, when the line is read.
      deliver(conn, shuttingDown ? { kind: 'late' } : { kind: 'accepted', line });
    }
  });
  socket.on('error', (err: NodeJS.ErrnoException) => console.error(`socket error: ${err.code}`));
  socket.on('close', () => {
    conn.closed = true;
    conns.delete(conn);
    if (shuttingDown && conns.size === 0) process.exit(0);
  });

  serve(conn).catch((err: unknown) => {
    console.error('connection failed:', err);
    socket.destroy();
  });
});

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error(`server error: ${err.code}`);
  process.exit(1);
});

function trigger(source: string): void {
  if (shuttingDown) {
    console.error(`${source}: second trigger, exiting now`);
    for (const c of conns) c.socket.destroy();
    process.exit(1);
  }
  shuttingDown = true;
  console.error(`${source}: draining`);
  server.close();
  // Wake every loop that waits for a line: an idle connection says goodbye now.
  for (const c of conns) deliver(c, { kind: 'drained' });
  const deadline = setTimeout(() => {
    console.error('deadline: destroying what is left');
    for (const c of conns) c.socket.destroy();
    process.exit(0);
  }, 2000);
  deadline.unref();
  if (conns.size === 0) process.exit(0);
}

for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => trigger(signal));

const stdinLines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
stdinLines.on('line', (line) => {
  if (line.replace(/\r$/, '') === 'shutdown') trigger('stdin');
});

server.listen(PORT, HOST, () => {
  const { port } = server.address() as net.AddressInfo;
  console.error(`listening on ${HOST}:${port}`);
});
