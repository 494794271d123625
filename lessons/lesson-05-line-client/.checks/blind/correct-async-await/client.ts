// Lesson 05 — line client written top to bottom with async/await: the socket is read with
// `for await`, a StringDecoder keeps characters cut between chunks whole, and main()
// returns the exit code.
import net from 'node:net';
import { StringDecoder } from 'node:string_decoder';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);
const TIMEOUT_MS = 2000;

async function main(commands: string[]): Promise<number> {
  const socket = net.connect({ host: HOST, port: PORT });
  let timedOut = false;
  let failure: NodeJS.ErrnoException | undefined;

  socket.setTimeout(TIMEOUT_MS); // idle: restarts on every read and write
  socket.on('timeout', () => {
    timedOut = true;
    socket.destroy(); // 'timeout' only tells us; closing is our job
  });
  socket.on('error', (err: NodeJS.ErrnoException) => {
    failure = err;
  });
  socket.once('connect', () => {
    // pipelined: every command and QUIT in one write, before any reply
    socket.write([...commands, 'QUIT'].map((c) => c + '\n').join(''));
  });

  const decoder = new StringDecoder('utf8');
  let text = '';
  let replies = 0;
  try {
    for await (const chunk of socket as AsyncIterable<Buffer>) {
      text += decoder.write(chunk);
      for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n')) {
        const line = text.slice(0, nl).replace(/\r$/, '');
        text = text.slice(nl + 1);
        if (replies < commands.length) {
          replies++;
          console.log(line);
          continue;
        }
        // this line answers QUIT
        if (line === 'BYE') return 0;
        console.error(`QUIT got ${JSON.stringify(line)} instead of BYE`);
        return 1;
      }
    }
  } catch (err) {
    failure ??= err as NodeJS.ErrnoException;
  } finally {
    socket.destroy();
  }
  if (timedOut) {
    console.error(`timeout: the server sent nothing for ${TIMEOUT_MS} ms (after ${replies} replies)`);
    return 2;
  }
  if (failure) {
    console.error(`connection error: ${failure.code ?? failure.message}`);
    return 1;
  }
  console.error(`the server closed the connection before BYE (after ${replies} replies)`);
  return 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error('unexpected failure:', err);
    process.exitCode = 1;
  },
);
