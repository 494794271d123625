// Lesson 01 — hello server, async/await style.
import net from 'node:net';
import { once } from 'node:events';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

async function main(): Promise<void> {
  const server = net.createServer();
  server.listen(PORT, HOST);
  await once(server, 'listening');
  console.log(`listening on ${HOST}:${(server.address() as net.AddressInfo).port}`);

  const [socket] = (await once(server, 'connection')) as [net.Socket];
  server.close();
  socket.on('error', (err: NodeJS.ErrnoException) => console.error('socket error:', err.code));

  const [first] = (await once(socket, 'data')) as [Buffer];
  const line = first.toString('utf8');
  console.log(line.slice(0, -1)); // drop the '\n' at the end of the line
  socket.end('hello client\n');
}

main().catch((err: NodeJS.ErrnoException) => {
  console.error(`hello server failed: ${err.code ?? err.message}`);
  process.exitCode = 1;
});
