// Lesson 05 — line client: a few event handlers sharing a little state, one finish().
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);
const TIMEOUT_MS = 2000;

const commands = process.argv.slice(2);
const socket = net.connect({ host: HOST, port: PORT });

let received = 0; // complete replies so far
let buffered = ''; // text after the last '\n'
let done = false;

function finish(code: number, message?: string): void {
  if (done) return; // 'end', 'error', 'timeout' and BYE may race: the first one wins
  done = true;
  if (message) console.error(message);
  process.exitCode = code;
  socket.destroy();
}

function onReply(line: string): void {
  received += 1;
  if (received <= commands.length) {
    console.log(line);
    return;
  }
  // reply N+1 answers QUIT
  if (line === 'BYE') finish(0);
  else finish(1, `expected BYE in reply to QUIT, got ${JSON.stringify(line)}`);
}

socket.setEncoding('utf8');
socket.setTimeout(TIMEOUT_MS);

socket.on('connect', () => {
  socket.write(commands.map((c) => `${c}\n`).join('') + 'QUIT\n');
});

socket.on('data', (chunk: string) => {
  if (done) return;
  buffered += chunk;
  let nl: number;
  while (!done && (nl = buffered.indexOf('\n')) !== -1) {
    let line = buffered.slice(0, nl);
    buffered = buffered.slice(nl + 1);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    onReply(line);
  }
});

socket.on('timeout', () => finish(2, `timeout: nothing from the server for ${TIMEOUT_MS} ms`));
socket.on('end', () => finish(1, `connection closed by server after ${received} replies`));
socket.on('error', (err: NodeJS.ErrnoException) => finish(1, `connection error: ${err.code ?? err.message}`));
