// Lesson 07 — the connection lifecycle, in the starter's closure style.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);
const MAX_LINE_BYTES = 8192;
const MAX_SLOW_MS = 10_000;
const IDLE_MS = 1000;
const HARD_DEADLINE_MS = 500;

const open = new Set<net.Socket>(); // the connections open right now (COUNT)

const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  open.add(socket);
  const who = `${socket.remoteAddress}:${socket.remotePort}`;
  console.log(`+ ${who} connected (${open.size} open)`);

  let pending = ''; // received, not yet a whole line
  const timers = new Set<NodeJS.Timeout>(); // SLOW replies still owed
  let deadline: NodeJS.Timeout | undefined;
  let peerEnded = false;
  socket.setEncoding('utf8');

  // end() with last words, then destroy() if the peer has not closed 500 ms later.
  const finish = (lastWords?: string): void => {
    if (!socket.writable) return; // ended already: say nothing twice
    socket.setTimeout(0);
    if (lastWords === undefined) socket.end();
    else socket.end(lastWords);
    deadline = setTimeout(() => socket.destroy(), HARD_DEADLINE_MS);
  };

  const reply = (line: string): void => {
    if (socket.writable) socket.write(`${line}\n`);
  };

  // The peer sent FIN: close our side once nothing is owed any more.
  const endIfDone = (): void => {
    if (peerEnded && timers.size === 0) finish();
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
    if (!socket.writable) return; // we have ended: late lines are ignored
    pending += chunk;
    let nl: number;
    while ((nl = pending.indexOf('\n')) !== -1) {
      const line = pending.slice(0, nl).replace(/\r$/, '');
      pending = pending.slice(nl + 1);
      handle(line);
      if (!socket.writable) {
        pending = '';
        return; // QUIT: the rest is ignored
      }
    }
    if (Buffer.byteLength(pending) > MAX_LINE_BYTES) {
      pending = '';
      finish('ERR line too long\n');
    }
  });

  socket.on('end', () => {
    peerEnded = true;
    endIfDone();
  });

  socket.setTimeout(IDLE_MS);
  socket.on('timeout', () => finish('ERR idle timeout\n'));

  socket.on('error', (err: NodeJS.ErrnoException) => {
    console.log(`! ${who} error ${err.code}`); // 'close' follows; clean up there
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
