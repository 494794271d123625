// Lesson 02 — one-line client: node:readline splits the stream into lines for us.
import net from 'node:net';
import readline from 'node:readline';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

const socket = net.connect({ host: HOST, port: PORT });
socket.setTimeout(3000);

const lines = readline.createInterface({ input: socket, crlfDelay: Infinity });
let decided = false;

/** Sets the exit code once, says why on stderr, and closes the connection. */
function finish(code: number, why?: string): void {
  if (decided) return;
  decided = true;
  if (why) console.error(why);
  process.exitCode = code;
  lines.close();
  socket.destroy();
}

lines.once('line', (line: string) => {
  console.log(line);
  finish(0);
});

// readline re-emits the socket's errors (ECONNREFUSED, ECONNRESET, …) on the interface
lines.on('error', (err: NodeJS.ErrnoException) => finish(1, `cannot talk to ${HOST}:${PORT}: ${err.code}`));
socket.on('error', () => { /* reported through the interface above */ });

// the input ended without a line: the server closed first
lines.on('close', () => finish(1, 'the server closed before sending a whole line'));

socket.on('timeout', () => finish(2, 'no reply within 3 s'));
