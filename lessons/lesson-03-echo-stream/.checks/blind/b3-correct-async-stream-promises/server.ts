// Lesson 03 — echo server in async style: await stream/promises pipeline(socket, socket).
import net from 'node:net';
import { pipeline } from 'node:stream/promises';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

async function echo(socket: net.Socket): Promise<void> {
  const peer = `${socket.remoteAddress}:${socket.remotePort}`;
  try {
    await pipeline(socket, socket); // readable side -> writable side; ends ours after the client's FIN
    console.error(`${peer}: done`);
  } catch (err) {
    console.error(`${peer}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

const server = net.createServer({ allowHalfOpen: true }, (socket) => {
  socket.on('error', () => { /* reported by echo() */ });
  void echo(socket);
});

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error(`cannot listen on ${HOST}:${PORT}: ${err.code}`);
  process.exitCode = 1;
});

server.listen({ host: HOST, port: PORT }, () => {
  console.log(`echo on ${HOST}:${(server.address() as net.AddressInfo).port}`);
});
