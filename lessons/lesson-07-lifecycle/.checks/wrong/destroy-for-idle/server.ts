// Lesson 07 — a line server that ends its connections properly, whatever the peer does.
// The protocol is lesson 06's (PING, ECHO, COUNT, SLOW, QUIT) plus one rule: a connection
// that sends nothing for 1 s gets "ERR idle timeout", then FIN (end), and is destroyed if
// the peer has not closed its side 500 ms later. The README explains every line marked ①–⑥.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);
const IDLE_MS = 1000; // no input for this long: say goodbye
const GRACE_MS = 500; // after our FIN, the peer has this long to close before we destroy()
const MAX_LINE_BYTES = 8192;
const MAX_SLOW_MS = 10_000;

const open = new Set<net.Socket>(); // the connections open right now (COUNT)

// ② allowHalfOpen: when the peer sends FIN, Node must NOT end our side for us: replies still
// pending (a SLOW timer) must get out first. We call end() ourselves once they have.
const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  open.add(socket);
  const who = `${socket.remoteAddress}:${socket.remotePort}`;
  console.log(`+ ${who} connected (${open.size} open)`);

  let pending = ''; // received, not yet a whole line
  let slowLeft = 0; // SLOW replies not sent yet
  let peerEnded = false; // the peer sent FIN: it will send nothing more
  let deadline: NodeJS.Timeout | undefined;
  const timers = new Set<NodeJS.Timeout>();

  socket.setEncoding('utf8');
  // TCP keepalive probes find a peer whose machine vanished — after minutes, with the OS
  // defaults. They say nothing about a peer that is alive but silent: that is the idle rule.
  socket.setKeepAlive(true, 60_000);

  /** ④ Our last words, then FIN; and a hard deadline in case the peer never closes. */
  const finish = (lastWords?: string): void => {
    if (!socket.writable) return; // already ended (or destroyed): nothing more to send
    socket.setTimeout(0); // the idle clock has done its job
    // end(): queued writes go out first, then FIN. destroy() would drop them.
    if (lastWords === undefined) socket.end();
    else socket.end(lastWords);
    deadline = setTimeout(() => {
      console.log(`  ${who} did not close within ${GRACE_MS} ms: destroy`);
      socket.destroy();
    }, GRACE_MS);
  };

  /** ⑤ A late reply checks first: the socket may have ended since the request came in. */
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
          reply('DONE'); // checks socket.writable: an idle timeout may have ended us
          if (peerEnded && slowLeft === 0) finish(); // the last reply the peer waited for
        }, ms);
        timers.add(timer);
        return;
      }
      default:
        return reply(`ERR unknown command ${word}`);
    }
  };

  socket.on('data', (chunk: string) => {
    if (!socket.writable) return; // we already said goodbye: ignore what still comes in
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
      finish('ERR line too long\n');
    }
  });

  // ③ The idle rule. setTimeout() only NOTIFIES: 'timeout' fires, and the connection stays
  // exactly as it was unless we close it. (Its clock restarts on every read and write.)
  socket.setTimeout(IDLE_MS);
  socket.on('timeout', () => {
    console.log(`  ${who} idle for ${IDLE_MS} ms`);
    socket.write('ERR idle timeout\n');
    socket.destroy(); // wrong: destroy() closes both ways at once and drops queued writes; end() flushes, then FINs
  });

  // 'end': the peer sent FIN. With allowHalfOpen we still may write: finish the replies the
  // peer is waiting for, then end our side too.
  socket.on('end', () => {
    peerEnded = true;
    console.log(`  ${who} sent FIN`);
    if (slowLeft === 0) finish();
  });

  // 'finish': our FIN is out (end() has flushed every queued write).
  socket.on('finish', () => console.log(`  ${who} we sent FIN`));

  // ① Without an 'error' listener, one peer's RST (ECONNRESET) or a write to a peer that has
  // gone (EPIPE) throws, and the whole server — every other client — goes down with it.
  socket.on('error', (err: NodeJS.ErrnoException) => console.log(`! ${who} ${err.code ?? err.message}`));

  // ⑥ 'close' comes exactly once, whatever the way out: FIN both ways, RST, destroy().
  // Forget the connection and stop its timers here, so nothing outlives it.
  socket.on('close', (hadError: boolean) => {
    open.delete(socket);
    clearTimeout(deadline);
    for (const t of timers) clearTimeout(t);
    console.log(`- ${who} closed${hadError ? ' after an error' : ''} (${open.size} open)`);
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
