// Lesson 02 — one-line client in async style: for await over the socket's chunks.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

async function readFirstLine(socket: net.Socket): Promise<string | null> {
  let text = '';
  for await (const chunk of socket) {
    text += chunk as string;                 // setEncoding('utf8'): whole characters only
    const nl = text.indexOf('\n');
    if (nl !== -1) return text.slice(0, nl); // leaving the loop destroys the socket
  }
  return null;                               // the stream ended (FIN or our destroy) without a line
}

async function main(): Promise<number> {
  const socket = net.connect({ host: HOST, port: PORT });
  socket.setEncoding('utf8');
  let timedOut = false;
  socket.setTimeout(3000, () => {
    timedOut = true;
    socket.destroy();
  });
  try {
    const line = await readFirstLine(socket);
    if (line !== null) {
      console.log(line);
      return 0;
    }
    if (timedOut) {
      console.error('no reply within 3 s');
      return 2;
    }
    console.error('the server closed the connection before a whole line');
    return 1;
  } catch (e) {
    if (timedOut) {
      console.error('no reply within 3 s');
      return 2;
    }
    console.error(`cannot talk to ${HOST}:${PORT}: ${(e as NodeJS.ErrnoException).code}`);
    return 1;
  } finally {
    socket.destroy();
  }
}

main().then((code) => {
  process.exitCode = code;
});
