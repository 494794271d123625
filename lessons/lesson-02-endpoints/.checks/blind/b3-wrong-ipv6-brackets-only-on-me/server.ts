// Lesson 02 — whoami server.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

/** Where this server can be reached: "127.0.0.1:8080", or "[::1]:8080" for IPv6. */
function endpoint(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

const server = net.createServer((socket) => {
  socket.on('error', (err: NodeJS.ErrnoException) => console.error('socket error:', err.code));
  if (socket.remoteAddress === undefined || socket.localAddress === undefined) {
    socket.destroy();
    return;
  }
  const me = endpoint(socket.localAddress, socket.localPort ?? 0);
  socket.end(`you=${socket.remoteAddress}:${socket.remotePort} me=${me} tcp\n`);
});

server.on('listening', () => {
  const { address, port } = server.address() as net.AddressInfo;
  console.log(`whoami listening on ${endpoint(address, port)} (tcp)`);
});

server.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EADDRINUSE') console.error(`port ${PORT} on ${HOST} is already in use`);
  else console.error(`cannot listen on ${HOST}:${PORT}: ${err.code}`);
  process.exitCode = 1;
});

server.listen(PORT, HOST);
