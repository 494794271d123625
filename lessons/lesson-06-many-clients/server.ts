// Lesson 06 — one server, many clients at once. Read README.md (or README.ko.md) first.
// Check it with: npm run check lesson-06
//
// This starter already speaks lesson 04's line protocol (PING, ECHO, LEN, QUIT, empty line,
// unknown command). Your job is the part marked TODO: the new commands, the state they need
// (some per client, some shared), and keeping the server alive for everybody.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);
const MAX_LINE_BYTES = 8192;

// TODO ② shared state (README "Per-connection state, shared state"): the INCR counter, and
//         the set of connections that are open right now (for COUNT). One copy for the
//         whole server, so it lives here, at module level.

const server = net.createServer((socket) => {
  // Per-connection state: this function runs once per client, so each client gets its own.
  let pending = ''; // bytes received but not yet a whole line (lesson 04)
  // TODO ① this client's nick (for NICK and WHOAMI) belongs here, next to `pending`.

  socket.setEncoding('utf8');

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
      // TODO ③ the new commands (README "The protocol"):
      //   NICK <name> → OK              WHOAMI → <name>, or anonymous before any NICK
      //   INCR → the shared counter plus one, e.g. 1, 2, 3 … across ALL clients
      //   COUNT → how many connections are open right now
      //   SLOW <ms> → DONE, <ms> milliseconds later. Never wait inside a callback: the whole
      //               server would stop for everyone (README "Never block the event loop").
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

  // TODO ④ one rude client must not take the server down (README "When a client vanishes"):
  //         - listen for 'error' on the socket (a reset arrives as ECONNRESET);
  //         - forget the connection on 'close', which comes however it ended.
});

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error('server error:', err.code);
  process.exitCode = 1;
});

server.listen(PORT, HOST, () => {
  const { port } = server.address() as net.AddressInfo;
  console.log(`listening on ${HOST}:${port} (TODO: NICK, WHOAMI, INCR, COUNT, SLOW)`);
});
