// Lesson 07 — line server that ends every connection properly.
// One closure per connection, a finish() helper, socket.setTimeout for the idle clock.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);
const MAX_LINE_BYTES = 8192;
const MAX_SLOW_MS = 10_000;
const IDLE_MS = 1000;
const DEADLINE_MS = 500;

const open = new Set<net.Socket>();

const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  open.add(socket);
  const who = `${socket.remoteAddress}:${socket.remotePort}`;
  console.log(`+ ${who} connected (${open.size} open)`);

  let pending = '';
  let slowLeft = 0;
  let peerEnded = false;
  let deadline: NodeJS.Timeout | undefined;
  const timers = new Set<NodeJS.Timeout>();

  const finish = (lastWords?: string): void => {
    if (!socket.writable) return;
    socket.setTimeout(0);
    if (lastWords === undefined) socket.end();
    else socket.end(lastWords);
    deadline = setTimeout(() => socket.destroy(), DEADLINE_MS);
  };

  const reply = (line: string): void => {
    if (socket.writable) socket.write(`${line}\n`);
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
      case 'COUNT':
        return reply(String(open.size));
      case 'QUIT':
        return finish('BYE\n');
      case 'SLOW': {
        const ms = /^\d+$/.test(arg) ? Number(arg) : NaN;
        if (!(ms <= MAX_SLOW_MS)) return reply('ERR bad ms');
        slowLeft += 1;
        const timer = setTimeout(() => {
          timers.delete(timer);
          slowLeft -= 1;
          reply('DONE');
          if (peerEnded && slowLeft === 0) finish();
        }, ms);
        timers.add(timer);
        return;
      }
      default:
        return reply(`ERR unknown command ${word}`);
    }
  };

  socket.on('data', (chunk: Buffer) => {
    if (!socket.writable) return; // ended by us: late lines are ignored
    pending += chunk.toString('utf8');

    let nl: number;
    while ((nl = pending.indexOf('\n')) !== -1) {
      const line = pending.slice(0, nl).replace(/\r$/, '');
      pending = pending.slice(nl + 1);
      handle(line);
      if (!socket.writable) return;
    }
    if (Buffer.byteLength(pending) > MAX_LINE_BYTES) {
      pending = '';
      finish('ERR line too long\n');
    }
  });

  socket.setTimeout(IDLE_MS);
  socket.on('timeout', () => finish('ERR idle timeout\n'));

  socket.on('end', () => {
    peerEnded = true;
    if (slowLeft === 0) finish();
  });

  socket.on('error', (err: NodeJS.ErrnoException) => {
    console.log(`client error ${who}: ${err.code}`);
  });

  socket.on('close', () => {
    open.delete(socket);
    for (const t of timers) clearTimeout(t);
    timers.clear();
    clearTimeout(deadline);
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
