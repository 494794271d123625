// Lesson 01 — hello client: node:stream/consumers reads the whole reply until the server closes.
import net from 'node:net';
import { text } from 'node:stream/consumers';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

class HelloClient {
  constructor(private readonly host: string, private readonly port: number) {}

  async run(): Promise<string> {
    const socket = net.connect({ host: this.host, port: this.port }, () => {
      socket.write('hello server\n');
    });
    return text(socket); // resolves at 'end' with every chunk, decoded as UTF-8; rejects on 'error'
  }
}

new HelloClient(HOST, PORT)
  .run()
  .then((reply) => console.log(reply.trimEnd()))
  .catch((err: NodeJS.ErrnoException) => {
    console.error(`could not talk to ${HOST}:${PORT}: ${err.code ?? err.message}`);
    process.exitCode = 1;
  });
