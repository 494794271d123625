// Lesson 16 — graceful shutdown. Every line becomes a promise of its reply; the replies of
// one connection are written through a promise chain, so they leave in the order the lines came.
import net from 'node:net';
import readline from 'node:readline';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);
const GOODBYE = 'BYE server shutting down\n';
const QUIT = Symbol('quit');

type Reply = string | typeof QUIT;

interface Client {
  socket: net.Socket;
  outstanding: number; // lines read and not yet answered
  over: boolean; // end() called
}

const clients = new Set<Client>();
let draining = false;

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function answer(line: string): Promise<Reply> {
  const space = line.indexOf(' ');
  const word = space === -1 ? line : line.slice(0, space);
  const arg = space === -1 ? '' : line.slice(space + 1);
  switch (word) {
    case 'PING':
      return Promise.resolve('PONG');
    case 'ECHO':
      return Promise.resolve(arg);
    case 'QUIT':
      return Promise.resolve(QUIT);
    case 'WORK':
      if (space === -1 || !/^[0-9]{1,5}$/.test(arg) || Number(arg) > 10000) {
        return Promise.resolve('ERR bad ms');
      }
      return delay(Number(arg)).then(() => `DONE ${arg}`);
    default:
      return Promise.resolve('ERR unknown command');
  }
}

function end(client: Client, last: string): void {
  if (client.over) return;
  client.over = true;
  if (client.socket.writable) client.socket.end(last);
}

const server = net.createServer((socket) => {
  const client: Client = { socket, outstanding: 0, over: false };
  clients.add(client);
  let pending = '';
  let chain: Promise<void> = Promise.resolve();
  socket.setEncoding('utf8');

  const enqueue = (reply: Promise<Reply>): void => {
    client.outstanding += 1;
    chain = chain
      .then(async () => {
        const r = await reply;
        if (client.over) return;
        if (r === QUIT) end(client, 'BYE\n');
        else if (socket.writable) socket.write(`${r}\n`);
      })
      .finally(() => {
        client.outstanding -= 1;
        if (draining && client.outstanding === 0) end(client, GOODBYE);
      });
  };

  socket.on('data', (chunk: string) => {
    if (client.over) return;
    pending += chunk;
    let nl: number;
    while ((nl = pending.indexOf('\n')) !== -1) {
      const line = pending.slice(0, nl).replace(/\r$/, '');
      pending = pending.slice(nl + 1);
      enqueue(draining ? Promise.resolve('ERR shutting down') : answer(line));
    }
  });
  socket.on('error', (err: NodeJS.ErrnoException) => console.error(`socket error: ${err.code}`));
  socket.on('close', () => {
    client.over = true;
    clients.delete(client);
    if (draining && clients.size === 0) process.exit(0);
  });
});

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error(`server error: ${err.code}`);
  process.exit(1);
});

function shutdown(why: string): void {
  if (draining) {
    for (const c of clients) c.socket.destroy();
    process.exit(1);
  }
  draining = true;
  console.error(`${why}: shutting down`);
  server.close();
  for (const c of clients) if (c.outstanding === 0) end(c, GOODBYE);
  setTimeout(() => {
    for (const c of clients) c.socket.destroy();
    process.exit(0);
  }, 2000).unref();
  if (clients.size === 0) process.exit(0);
}

process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.replace(/\r$/, '') === 'shutdown') shutdown('stdin');
});

server.listen(PORT, HOST, () => {
  console.error(`listening on ${HOST}:${(server.address() as net.AddressInfo).port}`);
});
