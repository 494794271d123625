// Lesson 03 — echo server with stream/promises pipeline(socket, socket) in an async handler.
import net from 'node:net';
import { pipeline } from 'node:stream/promises';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

async function serve(socket: net.Socket): Promise<void> {
  try {
    await pipeline(socket, socket); // each chunk back as it comes; our FIN after the client's
  } catch (err) {
    console.error(`connection ended with ${(err as NodeJS.ErrnoException).code ?? 'an error'}`);
  }
}

const server = net.createServer({ allowHalfOpen: true });
server.on('connection', (socket: net.Socket) => {
  socket.on('error', () => { /* reported by serve() */ });
  void serve(socket);
});
server.on('error', (err: NodeJS.ErrnoException) => {
  console.error(`cannot listen on ${HOST}:${PORT}: ${err.code}`);
  process.exitCode = 1;
});
server.listen({ host: HOST, port: PORT }, () => {
  const a = server.address() as net.AddressInfo;
  console.log(`echo server on ${a.address}:${a.port}`);
});
