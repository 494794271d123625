// Lesson 02 — the whoami server: tells each client both ends of its connection.
// A socket is IP address + port + protocol; every connection has two of them.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

/** "127.0.0.1:8080", or "[::1]:8080" for IPv6: the brackets keep the port apart from the address's own colons. */
function endpoint(address: string | undefined, port: number | undefined): string {
  const a = address ?? '?';
  return a.includes(':') ? `[${a}]:${port}` : `${a}:${port}`;
}

const server = net.createServer((socket) => {
  // Both ends are known as soon as the connection is accepted:
  // remote = the client's end, local = ours (the address and port we listen on).
  const you = endpoint(socket.remoteAddress, socket.remotePort);
  const me = endpoint(socket.localAddress, socket.localPort);
  console.log(`${you} connected`);
  server.close(); // wrong: lesson 01's one-shot habit: stops listening after the first client

  socket.on('error', (err: NodeJS.ErrnoException) => console.error(`${you}: ${err.code}`));
  // One line, then FIN. The server itself keeps listening for the next client.
  socket.end(`you=${you} me=${me} tcp\n`);
});

// 'listening' fires once the port is really ours. Only now does address() know it:
// with PORT=0 the operating system chose it, and PORT still says 0.
server.on('listening', () => {
  const { address, port } = server.address() as net.AddressInfo;
  console.log(`whoami listening on ${endpoint(address, port)} (tcp)`);
});

// A failed listen() is reported here, not thrown. Without this listener Node would crash
// with "Unhandled 'error' event" and a stack trace.
server.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EADDRINUSE') {
    console.error(`cannot listen: port ${PORT} on ${HOST} is already in use (EADDRINUSE). Stop the other program or choose another PORT.`);
  } else {
    console.error(`cannot listen on ${endpoint(HOST, PORT)}: ${err.code}`);
  }
  // The listen failed, so nothing is left to keep the process alive: it ends by itself,
  // with this exit code.
  process.exitCode = 1;
});

server.listen(PORT, HOST);
