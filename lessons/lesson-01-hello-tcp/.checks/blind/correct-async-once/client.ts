// Lesson 01 — hello client with an async iterator over the socket.
import net from 'node:net';
import { once } from 'node:events';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

async function main(): Promise<void> {
  const socket = net.connect({ host: HOST, port: PORT });   // ① + ④
  await once(socket, 'connect');
  socket.write('hello server\n');                           // ⑤ send

  let reply = Buffer.alloc(0);
  for await (const chunk of socket) {                       // ⑤ every chunk until the server's FIN
    reply = Buffer.concat([reply, chunk as Buffer]);
  }
  console.log(reply.toString('utf8').trimEnd());            // ⑥ the server has closed
}

main().catch((err: NodeJS.ErrnoException) => {
  console.error(`could not talk to ${HOST}:${PORT}: ${err.code ?? err.message}`);
  process.exitCode = 1;
});
