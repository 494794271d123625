// Lesson 06 — many clients at once: closure per connection, module-level shared state.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);
const MAX_LINE_BYTES = 8192;
const MAX_SLOW_MS = 10_000;

// Shared by every client.
let counter = 0;
const open = new Set<net.Socket>();

const server = net.createServer((socket) => {
  // Per client.
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
    const word = (space === -1 ? line : line.slice(0, space)).replace(/\r$/, ''); // tolerate "PING\r\n"
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
        const ms = /^\d+$/.test(arg) ? Number(arg) : NaN;
        if (!(ms >= 0 && ms <= MAX_SLOW_MS)) return reply('ERR bad ms');
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
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      handle(line);
      if (!socket.writable) return; // QUIT: ignore what follows
    }
    if (Buffer.byteLength(pending) > MAX_LINE_BYTES) {
      socket.end('ERR line too long\n');
      pending = '';
    }
  });

  socket.on('error', (err: NodeJS.ErrnoException) => {
    console.error('client error:', err.code);
  });

  socket.on('close', () => {
    open.delete(socket);
    for (const t of timers) clearTimeout(t);
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
