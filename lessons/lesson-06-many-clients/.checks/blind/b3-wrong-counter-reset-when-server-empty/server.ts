// Lesson 06 — one server, many clients: per-client state in the connection closure,
// shared state at module level, SLOW scheduled with setTimeout.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);
const MAX_LINE_BYTES = 8192;

// ② shared state: one copy for the whole server
let counter = 0; // INCR, for the server's whole life
const open = new Set<net.Socket>(); // connections open right now (COUNT)

const server = net.createServer((socket) => {
  // ① per-connection state
  let pending = '';
  let nick: string | undefined;
  const timers = new Set<NodeJS.Timeout>();

  open.add(socket);
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
      case 'NICK':
        nick = arg;
        return reply('OK');
      case 'WHOAMI':
        return reply(nick ?? 'anonymous');
      case 'INCR':
        counter += 1;
        return reply(String(counter));
      case 'COUNT':
        return reply(String(open.size));
      case 'SLOW': {
        if (!/^\d+$/.test(arg) || Number(arg) > 10000) return reply('ERR bad ms');
        const timer = setTimeout(() => {
          timers.delete(timer);
          reply('DONE');
        }, Number(arg));
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

  // ④ a client that vanishes must not take the server down
  socket.on('error', (err: NodeJS.ErrnoException) => console.log('client error:', err.code));
  socket.on('close', () => {
    open.delete(socket);
    if (open.size === 0) counter = 0; // nobody is left: the next session starts from 1
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
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
