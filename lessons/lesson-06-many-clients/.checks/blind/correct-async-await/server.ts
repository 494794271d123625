// Lesson 06 — one async function per connection (asyncio style): `for await` over the
// socket's chunks, a table of command handlers, and `await sleep()` for SLOW, which only
// suspends this client's loop, never the event loop.
import net from 'node:net';
import { StringDecoder } from 'node:string_decoder';
import { setTimeout as sleep } from 'node:timers/promises';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);
const MAX_LINE_BYTES = 8192;

// ── shared by the whole server ────────────────────────────────────────────────────────
const state = { counter: 0, open: new Set<net.Socket>() };

// ── per connection ───────────────────────────────────────────────────────────────────
interface Conn {
  socket: net.Socket;
  nick?: string;
  closed: AbortSignal;
}

type Handler = (conn: Conn, arg: string) => string | null | Promise<string | null>;

const commands: Record<string, Handler> = {
  PING: () => 'PONG',
  ECHO: (_c, arg) => arg,
  LEN: (_c, arg) => `${[...arg].length} ${Buffer.byteLength(arg)}`,
  NICK: (c, arg) => {
    c.nick = arg;
    return 'OK';
  },
  WHOAMI: (c) => c.nick ?? 'anonymous',
  INCR: () => String(++state.counter),
  COUNT: () => String(state.open.size),
  SLOW: async (c, arg) => {
    if (!/^\d+$/.test(arg) || Number(arg) > 10_000) return 'ERR bad ms';
    await sleep(Number(arg), undefined, { signal: c.closed });
    return 'DONE';
  },
};

function send(socket: net.Socket, line: string): void {
  if (socket.writable && !socket.destroyed) socket.write(`${line}\n`);
}

function splitCommand(line: string): [string, string] {
  const space = line.indexOf(' ');
  return space === -1 ? [line, ''] : [line.slice(0, space), line.slice(space + 1)];
}

async function serve(socket: net.Socket): Promise<void> {
  const aborter = new AbortController();
  const conn: Conn = { socket, closed: aborter.signal };
  state.open.add(socket);
  socket.on('error', (err: NodeJS.ErrnoException) => console.error('client error:', err.code));
  socket.on('close', () => {
    state.open.delete(socket);
    aborter.abort();
  });

  const decoder = new StringDecoder('utf8');
  let pending = '';
  let done = false; // after QUIT (or a too-long line) the rest is ignored

  try {
    for await (const chunk of socket.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
      if (done) continue;
      pending += decoder.write(chunk);
      let nl: number;
      while (!done && (nl = pending.indexOf('\n')) !== -1) {
        const line = pending.slice(0, nl).replace(/\r$/, '');
        pending = pending.slice(nl + 1);
        const [word, arg] = splitCommand(line);
        if (word === '') {
          send(socket, 'ERR empty');
        } else if (word === 'QUIT') {
          done = true;
          socket.end('BYE\n');
        } else {
          const handler = commands[word];
          const answer = handler ? await handler(conn, arg) : `ERR unknown command ${word}`;
          if (answer !== null) send(socket, answer);
        }
      }
      if (!done && Buffer.byteLength(pending) > MAX_LINE_BYTES) {
        done = true;
        pending = '';
        socket.end('ERR line too long\n');
      }
    }
  } catch (err) {
    // a reset while reading, or a SLOW aborted because the connection closed
    if (!aborter.signal.aborted) console.error('connection ended:', (err as NodeJS.ErrnoException).code);
  }
}

const server = net.createServer((socket) => {
  void serve(socket);
});

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error('server error:', err.code);
  process.exitCode = 1;
});

server.listen(PORT, HOST, () => {
  console.log(`listening on ${HOST}:${(server.address() as net.AddressInfo).port}`);
});
