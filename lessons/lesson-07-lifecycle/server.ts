// Lesson 07 — your server. Read README.md (or README.ko.md) first.
// Check it with: npm run check lesson-07
//
// This is lesson 06's line server (PING, ECHO, COUNT, SLOW, QUIT), already working for a
// polite client that sends a line and waits. Your job is everything that happens at the END
// of a connection: the TODOs ①–⑥ below match the sections of the README.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);
const MAX_LINE_BYTES = 8192;
const MAX_SLOW_MS = 10_000;

const open = new Set<net.Socket>(); // the connections open right now (COUNT)

// TODO ② allowHalfOpen (README "Half-open connections"): a client may send its request,
//        then FIN, and still wait for the answer. By default Node ends our side as soon as
//        the peer's FIN arrives, and a SLOW reply written later is silently lost.
const server = net.createServer((socket) => {
  open.add(socket);
  const who = `${socket.remoteAddress}:${socket.remotePort}`;
  console.log(`+ ${who} connected (${open.size} open)`);

  let pending = ''; // received, not yet a whole line
  const timers = new Set<NodeJS.Timeout>();
  socket.setEncoding('utf8');

  // TODO ④ a finish(lastWords) helper (README "Closing three ways" and "The hard deadline"):
  //        end() with the last words — not destroy(), which drops queued writes — and then
  //        destroy() 500 ms later if the peer has not closed its side by then.

  // TODO ⑤ late writes (README "Late writes"): a SLOW reply comes 0–10 s later. By then the
  //        socket may have been ended (idle timeout, QUIT) or destroyed (a reset): check
  //        socket.writable before writing.
  const reply = (line: string): void => {
    socket.write(`${line}\n`);
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
        socket.end('BYE\n');
        return;
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
    pending += chunk;
    let nl: number;
    while ((nl = pending.indexOf('\n')) !== -1) {
      const line = pending.slice(0, nl).replace(/\r$/, '');
      pending = pending.slice(nl + 1);
      handle(line);
      if (!socket.writable) return; // QUIT: the rest is ignored
    }
    if (Buffer.byteLength(pending) > MAX_LINE_BYTES) {
      pending = '';
      socket.end('ERR line too long\n');
    }
  });

  // TODO ③ the idle rule (README "Idle timeouts"): after 1000 ms with no input send
  //        "ERR idle timeout\n" and close. socket.setTimeout(ms) only NOTIFIES you.

  // TODO ① errors (README "Errors that must not crash a server"): a client's RST arrives as
  //        an 'error' event on its socket; with no listener, the whole process ends.

  // ⑥ 'close' comes once, however the connection ends (README "The events").
  //    TODO: also stop the hard-deadline timer of ④ here.
  socket.on('close', () => {
    open.delete(socket);
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
  console.log('TODO: this server does not handle the end of a connection yet (see README.md).');
});
