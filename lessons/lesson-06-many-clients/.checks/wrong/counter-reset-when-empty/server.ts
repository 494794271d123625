// Lesson 06 — one event loop, many clients.
// Lesson 04's line protocol, plus NICK, WHOAMI, INCR, COUNT and SLOW.
// Python gives each client a thread, Java a thread from an ExecutorService; Node runs every
// connection's callbacks on ONE thread, one event at a time. So: state that belongs to one
// client lives inside the connection callback, shared state lives at module level, and no
// callback may ever wait (a wait stalls every client at once).
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);
const MAX_LINE_BYTES = 8192;
const MAX_SLOW_MS = 10_000;

// ── Shared state: one copy for the whole server ─────────────────────────────────────────────
// No lock is needed: a callback runs to its end before any other starts, so `counter += 1`
// can never be interleaved with another client's (in Python's threading server it can).
let counter = 0;
const open = new Set<net.Socket>(); // the connections that are open right now

const server = net.createServer((socket) => {
  // ── Per-connection state: a fresh copy for every client, kept by this closure ────────────
  let pending = ''; // bytes received but not yet a whole line (lesson 04)
  let nick: string | undefined; // set by NICK, read by WHOAMI
  const timers = new Set<NodeJS.Timeout>(); // SLOW timers still running for this client

  open.add(socket);
  const who = `${socket.remoteAddress}:${socket.remotePort}`;
  console.log(`+ ${who} connected (${open.size} open)`);

  socket.setEncoding('utf8'); // a character cut between two chunks is kept whole

  /** Writes one reply line, unless the client has gone (a SLOW timer may outlive it). */
  const reply = (line: string): void => {
    if (!socket.destroyed && socket.writable) socket.write(`${line}\n`);
  };

  const handle = (line: string): void => {
    const space = line.indexOf(' ');
    const word = space === -1 ? line : line.slice(0, space);
    const arg = space === -1 ? '' : line.slice(space + 1);
    switch (word) {
      case '':
        return reply('ERR empty');
      case 'PING':
        return reply('PONG');
      case 'ECHO':
        return reply(arg);
      case 'LEN':
        return reply(`${[...arg].length} ${Buffer.byteLength(arg)}`);
      case 'QUIT':
        socket.end('BYE\n');
        return;
      case 'NICK':
        nick = arg; // this client's nick only: `nick` is this connection's variable
        return reply('OK');
      case 'WHOAMI':
        return reply(nick ?? 'anonymous');
      case 'INCR':
        counter += 1; // the one shared counter
        return reply(String(counter));
      case 'COUNT':
        return reply(String(open.size));
      case 'SLOW': {
        const ms = /^\d+$/.test(arg) ? Number(arg) : NaN;
        if (!(ms <= MAX_SLOW_MS)) return reply('ERR bad ms');
        // Never wait here: ask the event loop to call us back later, and return at once.
        const timer = setTimeout(() => {
          timers.delete(timer);
          reply('DONE');
        }, ms);
        timers.add(timer);
        return;
      }
      default:
        return reply(`ERR unknown command ${word}`);
    }
  };

  socket.on('data', (chunk: string) => {
    pending += chunk;
    let nl: number;
    while ((nl = pending.indexOf('\n')) !== -1) {
      const line = pending.slice(0, nl).replace(/\r$/, '');
      pending = pending.slice(nl + 1);
      handle(line);
      if (!socket.writable) return; // QUIT: ignore what follows
    }
    if (Buffer.byteLength(pending) > MAX_LINE_BYTES) {
      socket.end('ERR line too long\n');
      pending = '';
    }
  });

  // A reset (RST) from one client is an 'error' on its socket. Without this listener Node
  // throws it, and the whole server — every other client with it — goes down.
  socket.on('error', (err: NodeJS.ErrnoException) => console.log(`! ${who} ${err.code}`));

  // 'close' always comes, whatever the way out: QUIT, FIN ('end'), RST ('error'), destroy().
  // 'end' comes only after a FIN, so forgetting a connection there would miss every reset.
  socket.on('close', () => {
    open.delete(socket);
    if (open.size === 0) counter = 0; // wrong: "nobody is here, start afresh" — the counter belongs to the server, not to the clients connected now
    for (const t of timers) clearTimeout(t);
    console.log(`- ${who} closed (${open.size} open)`);
  });
});

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error('server error:', err.code);
  process.exitCode = 1;
});

server.listen(PORT, HOST, () => {
  const { port } = server.address() as net.AddressInfo;
  console.log(`listening on ${HOST}:${port}`);
});
