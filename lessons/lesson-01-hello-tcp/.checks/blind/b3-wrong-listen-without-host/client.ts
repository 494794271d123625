// Lesson 01 — hello client written with async/await: events.once + for await over the socket.
import net from 'node:net';
import { once } from 'node:events';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

async function main(): Promise<void> {
  const socket = net.connect({ host: HOST, port: PORT });   // ①
  await once(socket, 'connect');                            // ④
  socket.write('hello server\n');                           // ⑤ send

  const parts: Buffer[] = [];
  for await (const part of socket) {                        // ⑤ every chunk until the server's FIN
    parts.push(part as Buffer);
  }
  const reply = Buffer.concat(parts).toString('utf8');      // decode once, at the end
  console.log(reply.replace(/\r?\n$/, ''));
}

main().catch((err: NodeJS.ErrnoException) => {
  console.error(`could not talk to ${HOST}:${PORT}: ${err.code ?? err.message}`);
  process.exitCode = 1;
});
