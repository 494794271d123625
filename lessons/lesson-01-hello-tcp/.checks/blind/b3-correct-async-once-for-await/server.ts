// Lesson 01 — hello server written with async/await and events.once.
import net from 'node:net';
import { once } from 'node:events';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

async function main(): Promise<void> {
  const server = net.createServer();                                  // ①
  server.listen(PORT, HOST);                                          // ② ③
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  console.error(`hello server listening on ${HOST}:${port}`);

  const [socket] = (await once(server, 'connection')) as [net.Socket]; // ④ accept one client
  server.close();                                                     // no more clients
  socket.on('error', (err: NodeJS.ErrnoException) => console.error('socket error:', err.code));

  const [first] = (await once(socket, 'data')) as [Buffer];           // ⑤ the first chunk only
  const message = first.toString('utf8').replace(/\s+$/, '');
  console.log(message);
  socket.end('hello client\n');                                       // ⑤ send + ⑥ FIN
}

main().catch((err: NodeJS.ErrnoException) => {
  console.error(`hello server failed: ${err.code ?? err.message}`);
  process.exitCode = 1;
});
