// Lesson 02 — whoami server, plain callbacks.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

/** "127.0.0.1:8080", or "[::1]:8080" for IPv6. */
function endpoint(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

const server = net.createServer((socket) => {
  socket.on('error', (err: NodeJS.ErrnoException) => console.error('socket error:', err.code));
  const { remoteAddress, remotePort, localAddress, localPort } = socket;
  if (remoteAddress === undefined || remotePort === undefined ||
      localAddress === undefined || localPort === undefined) {
    socket.destroy(); // the client is already gone
    return;
  }
  socket.end(`you=${endpoint(remoteAddress, remotePort)} me=${endpoint(localAddress, localPort)} tcp\n`);
});

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error(`cannot listen on port ${PORT}:`, err);
  process.exitCode = 1;
});

server.on('listening', () => {
  const { address, port } = server.address() as net.AddressInfo;
  console.log(`whoami listening on ${endpoint(address, port)} (tcp)`);
});

server.listen(PORT, HOST);
