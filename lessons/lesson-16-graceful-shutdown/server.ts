// Lesson 16 — a line server that stops well. Read README.md (or README.ko.md) first.
// Check it with: npm run check lesson-16
//
// Try it by hand: npx tsx lessons/lesson-16-graceful-shutdown/server.ts, then in another
// terminal: nc 127.0.0.1 8080 (type WORK 3000, then press Ctrl-C in the server's terminal,
// or type shutdown there).
//
// What is here: lesson 04's line framing and PING, ECHO, QUIT. What is yours:
//   - WORK <ms> → DONE <ms> after <ms> ms, with the replies of one connection in ORDER
//     (README "Replies come in order");
//   - the shutdown: its three triggers and its six rules (README "The shutdown").
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

// TODO: keep every open connection in a Set (add on connect, delete on 'close'): net.Server has
// no list of its connections, and the shutdown must reach each one.

const server = net.createServer((socket) => {
  let pending = '';
  socket.setEncoding('utf8');

  const reply = (line: string): void => {
    if (socket.writable) socket.write(`${line}\n`);
  };

  // TODO: answer one line at a time. A WORK must hold the lines behind it on this connection
  // (a queue, and a flag "a WORK is running"), without ever waiting in a callback: setTimeout.
  const handle = (line: string): void => {
    const space = line.indexOf(' ');
    const word = space === -1 ? line : line.slice(0, space);
    const arg = space === -1 ? '' : line.slice(space + 1);
    switch (word) {
      case 'PING':
        return reply('PONG');
      case 'ECHO':
        return reply(arg);
      case 'QUIT':
        socket.end('BYE\n');
        return;
      // TODO: case 'WORK': 1–5 digits, at most 10000, else 'ERR bad ms'; 'DONE <ms>' after <ms> ms.
      default:
        return reply('ERR unknown command');
    }
  };

  socket.on('data', (chunk: string) => {
    pending += chunk;
    let nl: number;
    while ((nl = pending.indexOf('\n')) !== -1) {
      const line = pending.slice(0, nl).replace(/\r$/, '');
      pending = pending.slice(nl + 1);
      if (!socket.writable) return; // after QUIT: ignore the rest
      handle(line);
    }
  });
  socket.on('error', (err: NodeJS.ErrnoException) => console.error(`socket error: ${err.code}`));
});

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error(`server error: ${err.code}`);
  process.exit(1);
});

// TODO: the triggers. process.on('SIGTERM', …) and process.on('SIGINT', …), and a line
// "shutdown" on stdin (node:readline on process.stdin). The end of stdin is not a trigger.
// TODO: the first trigger: server.close() first; BYE to idle connections; busy ones BYE when
// their accepted lines are answered; lines read after it get 'ERR shutting down'; destroy what is
// left after 2000 ms; exit 0 as soon as nothing is open. A second trigger: destroy all, exit 1.

server.listen(PORT, HOST, () => {
  console.error(`listening on ${HOST}:${(server.address() as net.AddressInfo).port}`);
});
