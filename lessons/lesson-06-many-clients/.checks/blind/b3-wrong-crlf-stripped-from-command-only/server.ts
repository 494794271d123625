// Lesson 06 — one server, many clients, written like asyncio: one async task per
// connection reads lines with `for await`; SLOW awaits a timer promise, which pauses only
// this connection's task while the event loop keeps serving the others.
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);
const MAX_LINE_BYTES = 8192;

let incrCounter = 0; // shared
const connected = new Set<net.Socket>(); // shared

function parse(line: string): [command: string, arg: string] {
  const i = line.indexOf(' ');
  const [command, arg] = i === -1 ? [line, ''] : [line.slice(0, i), line.slice(i + 1)];
  return [command.replace(/\r$/, ''), arg]; // "PING\r" from a "\r\n" client is still PING
}

async function session(socket: net.Socket): Promise<void> {
  let nick: string | undefined; // this connection's own
  let carry = '';
  let quit = false;
  const gone = new AbortController(); // cancels a pending SLOW when the socket closes
  socket.once('close', () => gone.abort());

  const send = (line: string): void => {
    if (socket.writable) socket.write(line + '\n');
  };

  const run = async (line: string): Promise<void> => {
    const [command, arg] = parse(line);
    switch (command) {
      case '': send('ERR empty'); break;
      case 'PING': send('PONG'); break;
      case 'ECHO': send(arg); break;
      case 'LEN': send(`${[...arg].length} ${Buffer.byteLength(arg)}`); break;
      case 'QUIT': quit = true; socket.end('BYE\n'); break;
      case 'NICK': nick = arg; send('OK'); break;
      case 'WHOAMI': send(nick ?? 'anonymous'); break;
      case 'INCR': incrCounter += 1; send(`${incrCounter}`); break;
      case 'COUNT': send(`${connected.size}`); break;
      case 'SLOW': {
        const ms = /^\d+$/.test(arg) ? Number(arg) : NaN;
        if (!(ms <= 10000)) { send('ERR bad ms'); break; }
        try {
          await sleep(ms, undefined, { signal: gone.signal });
          send('DONE');
        } catch {
          // the client left before DONE
        }
        break;
      }
      default: send(`ERR unknown command ${command}`);
    }
  };

  socket.setEncoding('utf8');
  for await (const chunk of socket.iterator({ destroyOnReturn: false })) {
    if (quit) continue; // after QUIT: read and ignore
    carry += chunk as string;
    let nl: number;
    while (!quit && (nl = carry.indexOf('\n')) >= 0) {
      const line = carry.slice(0, nl);
      carry = carry.slice(nl + 1);
      await run(line);
    }
    if (!quit && Buffer.byteLength(carry) > MAX_LINE_BYTES) {
      quit = true;
      carry = '';
      socket.end('ERR line too long\n');
    }
  }
}

const server = net.createServer((socket) => {
  connected.add(socket);
  socket.on('close', () => connected.delete(socket));
  socket.on('error', (err: NodeJS.ErrnoException) => console.log('client error:', err.code));
  session(socket).catch((err: NodeJS.ErrnoException) => {
    console.log('session ended:', err.code ?? err.message);
    socket.destroy();
  });
});

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error('server error:', err.code);
  process.exitCode = 1;
});

server.listen(PORT, HOST, () => {
  console.log(`listening on ${HOST}:${(server.address() as net.AddressInfo).port}`);
});
