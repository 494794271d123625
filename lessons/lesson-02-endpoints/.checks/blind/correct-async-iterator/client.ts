// Lesson 02 — one-line client: for await over the socket, exit code decided in one place.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

async function readFirstLine(socket: net.Socket): Promise<string | null> {
  let text = '';
  for await (const chunk of socket) {
    text += chunk as string;            // setEncoding('utf8') makes the chunks whole characters
    const nl = text.indexOf('\n');
    if (nl >= 0) return text.slice(0, nl); // leaving the loop destroys the socket
  }
  return null;                          // 'end' before a whole line
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
    if (line === null && timedOut) {
      console.error(`no reply from ${HOST}:${PORT} within 3 s`);
      return 2;
    }
    if (line === null) {
      console.error('the server closed before a whole line');
      return 1;
    }
    console.log(line);
    return 0;
  } catch (e) {
    if (timedOut) {
      console.error(`no reply from ${HOST}:${PORT} within 3 s`);
      return 2;
    }
    console.error(`cannot talk to ${HOST}:${PORT}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
    return 1;
  } finally {
    socket.destroy();
  }
}

main().then((code) => { process.exitCode = code; });
