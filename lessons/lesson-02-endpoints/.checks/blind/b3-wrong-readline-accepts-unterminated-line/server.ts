// Lesson 02 — whoami server in async style: await the 'listening' event, catch the failure.
import net from 'node:net';
import { once } from 'node:events';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

const bracket = (address: string, port: number): string =>
  address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;

function onConnection(socket: net.Socket): void {
  socket.on('error', (err: NodeJS.ErrnoException) => console.error(`connection error: ${err.code}`));
  const { remoteAddress, remotePort, localAddress, localPort } = socket;
  if (!remoteAddress || !remotePort || !localAddress || !localPort) {
    socket.destroy(); // the client is already gone
    return;
  }
  const you = bracket(remoteAddress, remotePort);
  const me = bracket(localAddress, localPort);
  socket.end(`you=${you} me=${me} tcp\n`);
}

async function main(): Promise<void> {
  const server = net.createServer(onConnection);
  server.listen(PORT, HOST);
  try {
    await once(server, 'listening'); // rejects with the 'error' (EADDRINUSE, …)
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    console.error(err.code === 'EADDRINUSE'
      ? `cannot listen: port ${PORT} on ${HOST} is already in use (${err.code})`
      : `cannot listen on ${HOST} port ${PORT}: ${err.code}`);
    process.exitCode = 1;
    return;
  }
  server.on('error', (err: NodeJS.ErrnoException) => console.error(`server error: ${err.code}`));
  const { address, port } = server.address() as net.AddressInfo;
  console.log(`whoami listening on ${bracket(address, port)}`);
}

void main();
