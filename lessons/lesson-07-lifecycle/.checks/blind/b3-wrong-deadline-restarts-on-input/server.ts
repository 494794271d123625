// Lesson 07 — line server that ends every connection properly.
// One closure per connection, a finish() helper, and socket.setTimeout for both clocks: the
// idle clock, and (after end()) the grace period before destroy().
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
  const timers = new Set<NodeJS.Timeout>();
  socket.setEncoding('utf8');

  const finish = (lastWords?: string): void => {
    if (!socket.writable) return;
    if (lastWords === undefined) socket.end();
    else socket.end(lastWords);
    socket.setTimeout(DEADLINE_MS); // the same clock, now as the hard deadline
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

  socket.on('data', (chunk: string) => {
    if (!socket.writable) return; // ended by us: late lines are ignored
    pending += chunk;
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
  socket.on('timeout', () => {
    if (!socket.writable) socket.destroy(); // already ended: the grace period is over
    else finish('ERR idle timeout\n');
  });

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
