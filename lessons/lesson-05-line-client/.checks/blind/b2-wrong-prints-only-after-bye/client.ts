// Lesson 05 — line client from small functional helpers: a line splitter over a StringDecoder,
// a hand-made idle timer restarted on every chunk, and a single `settle` for the exit code.
import net from 'node:net';
import { StringDecoder } from 'node:string_decoder';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);
const TIMEOUT_MS = 2000;

const commands = process.argv.slice(2);

/** Returns a chunk handler that calls onLine for every complete line (line end removed). */
function lineSplitter(onLine: (line: string) => boolean): (chunk: Buffer) => void {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  return (chunk) => {
    rest += decoder.write(chunk);
    const parts = rest.split('\n');
    rest = parts.pop() ?? '';
    for (const part of parts) {
      const line = part.endsWith('\r') ? part.slice(0, -1) : part;
      if (!onLine(line)) {
        rest = '';
        return;
      }
    }
  };
}

/** An idle timer: fires `ms` after the last kick(). */
function idleTimer(ms: number, onIdle: () => void): { kick: () => void; stop: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const stop = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  const kick = (): void => {
    stop();
    timer = setTimeout(onIdle, ms);
  };
  return { kick, stop };
}

const request = (cmds: readonly string[]): string => [...cmds, 'QUIT'].map((c) => `${c}\n`).join('');

const socket = net.connect({ host: HOST, port: PORT });
let settled = false;
const idle = idleTimer(TIMEOUT_MS, () => settle(2, `timed out: the server sent nothing for ${TIMEOUT_MS} ms`));

function settle(code: number, why?: string): void {
  if (settled) return;
  settled = true;
  idle.stop();
  if (why !== undefined) console.error(why);
  process.exitCode = code;
  socket.destroy();
}

let index = 0; // replies seen so far
const replies: string[] = [];
const onChunk = lineSplitter((line) => {
  if (settled) return false;
  if (index < commands.length) {
    index++;
    replies.push(line);
    return true;
  }
  if (line === 'BYE') {
    for (const reply of replies) console.log(reply); // the exchange is complete: show the results
    settle(0);
  }
  else settle(1, `QUIT was answered with ${JSON.stringify(line)} instead of BYE`);
  return false;
});

idle.kick();
socket.on('connect', () => socket.write(request(commands)));
socket.on('data', (chunk: Buffer) => {
  idle.kick();
  onChunk(chunk);
});
socket.on('end', () => settle(1, `server closed the connection after ${index} replies, before BYE`));
socket.on('error', (err: NodeJS.ErrnoException) => settle(1, `error: ${err.code ?? err.message}`));
socket.on('close', () => idle.stop());
