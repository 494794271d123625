// Lesson 05 — line client written top to bottom like the source's blocking clients:
// an async function reads the socket with `for await` and returns the exit code.
import net from 'node:net';
import { once } from 'node:events';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);
const TIMEOUT_MS = 2000;

type Outcome = { code: number; message?: string };

async function run(commands: string[]): Promise<Outcome> {
  const socket = net.connect({ host: HOST, port: PORT });
  let timedOut = false;
  socket.setEncoding('utf8');
  socket.setTimeout(TIMEOUT_MS, () => {
    timedOut = true;
    socket.destroy(); // 'timeout' only tells us; we close it ourselves
  });

  try {
    await once(socket, 'connect');
  } catch (err) {
    return { code: 1, message: `could not connect to ${HOST}:${PORT}: ${(err as NodeJS.ErrnoException).code}` };
  }

  socket.write(commands.map((c) => c + '\n').join('') + 'QUIT\n');

  let buffered = '';
  let count = 0;
  try {
    for await (const chunk of socket) {
      buffered += chunk as string;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const raw of lines) {
        const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
        count += 1;
        if (count <= commands.length) {
          console.log(line);
          continue;
        }
        // reply N+1 answers QUIT: the exchange is complete
        socket.destroy();
        return { code: 0 };
      }
    }
  } catch (err) {
    if (timedOut) return { code: 2, message: `timed out: the server said nothing for ${TIMEOUT_MS} ms` };
    return { code: 1, message: `connection error: ${(err as NodeJS.ErrnoException).code ?? String(err)}` };
  }
  if (timedOut) return { code: 2, message: `timed out: the server said nothing for ${TIMEOUT_MS} ms` };
  return { code: 1, message: `the server closed the connection after ${count} replies, before BYE` };
}

void run(process.argv.slice(2)).then((outcome) => {
  if (outcome.message !== undefined) console.error(outcome.message);
  process.exitCode = outcome.code;
});
