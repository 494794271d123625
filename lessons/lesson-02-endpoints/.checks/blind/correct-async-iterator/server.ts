// Lesson 02 — whoami server: async start-up with events.once, functional helpers.
import net from 'node:net';
import { once } from 'node:events';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

const bracket = (address: string): string => (net.isIPv6(address) ? `[${address}]` : address);
const endpoint = (address: string, port: number): string => `${bracket(address)}:${port}`;

function describe(socket: net.Socket): string | null {
  const { remoteAddress: ra, remotePort: rp, localAddress: la, localPort: lp } = socket;
  if (!ra || !la || rp === undefined || lp === undefined) return null;
  return ['you=' + endpoint(ra, rp), 'me=' + endpoint(la, lp), 'tcp'].join(' ') + '\n';
}

async function main(): Promise<void> {
  const server = net.createServer();
  server.on('connection', (socket: net.Socket) => {
    socket.on('error', (err: NodeJS.ErrnoException) => console.error(`connection error: ${err.code}`));
    const line = describe(socket);
    if (line === null) socket.destroy();
    else socket.end(line, 'utf8');
  });
  server.listen(PORT, HOST);
  try {
    await once(server, 'listening');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    console.error(err.code === 'EADDRINUSE'
      ? `cannot listen: port ${PORT} is already in use (${err.code})`
      : `cannot listen on ${endpoint(HOST, PORT)}: ${err.code}`);
    process.exitCode = 1;
    return;
  }
  // later errors (rare) must not crash the server either
  server.on('error', (err: NodeJS.ErrnoException) => console.error(`server error: ${err.code}`));
  const { address, port } = server.address() as net.AddressInfo;
  console.log(`whoami listening on ${endpoint(address, port)} (tcp)`);
}

void main();
