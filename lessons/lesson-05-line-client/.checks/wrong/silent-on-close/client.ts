// Lesson 05 — a client for lesson 04's line protocol: pipelining, replies matched by order,
// an idle timeout, and exit codes a script can act on.
//
//   npx tsx client.ts PING "ECHO 안녕" "LEN 😀"
//
// sends every command at once, then QUIT; prints each reply on its own line, in order;
// exits 0 after BYE, 1 on a connection or protocol error, 2 when the server goes silent.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);
/** Give up when the server sends nothing for this long. */
const TIMEOUT_MS = 2000;

const EXIT_OK = 0;
const EXIT_ERROR = 1; // could not connect, the connection broke, or the reply makes no sense
const EXIT_TIMEOUT = 2;

const commands = process.argv.slice(2);
// One reply per command, plus BYE for our QUIT. Replies come back in the order we sent,
// so the reply number says which command it answers: reply i belongs to commands[i].
const expectedReplies = commands.length + 1;

const socket = net.connect({ host: HOST, port: PORT });

// setEncoding makes 'data' deliver strings, and keeps the bytes of a character cut between
// two chunks until the rest arrives (a per-chunk toString() would print U+FFFD instead).
socket.setEncoding('utf8');

// An idle timeout: 'timeout' fires when nothing was sent or received for TIMEOUT_MS.
// It only notifies; the connection stays open until we close it (see 'timeout' below).
socket.setTimeout(TIMEOUT_MS);

let done = false;
/** Ends the program once, however the exchange ended. */
function finish(code: number, message?: string): void {
  if (done) return;
  done = true;
  if (message) console.error(message);
  process.exitCode = code;
  // destroy, not end: we need nothing more from this connection, and end() would keep the
  // program alive until the server closes its side.
  socket.destroy();
}

socket.on('connect', () => {
  // Pipelining: every command, then QUIT, in one write, without waiting for any reply.
  // The server answers in order, so we never need to wait before sending the next one.
  socket.write(commands.map((c) => `${c}\n`).join('') + 'QUIT\n');
});

let buffered = '';
let received = 0;

socket.on('data', (chunk: string) => {
  // A chunk is not a line: it may hold half a reply, or several. Keep the remainder.
  buffered += chunk;
  let nl: number;
  while (!done && (nl = buffered.indexOf('\n')) !== -1) {
    const line = buffered.slice(0, nl).replace(/\r$/, '');
    buffered = buffered.slice(nl + 1);
    received += 1;
    if (received < expectedReplies) {
      console.log(line); // the reply to commands[received - 1]
    } else if (line === 'BYE') {
      finish(EXIT_OK); // the reply to QUIT, by position: an "ECHO BYE" earlier is just a reply
    } else {
      finish(EXIT_ERROR, `protocol error: expected BYE in reply to QUIT, got ${JSON.stringify(line)}`);
    }
  }
});

socket.on('timeout', () => {
  finish(EXIT_TIMEOUT, `timeout: nothing from ${HOST}:${PORT} for ${TIMEOUT_MS} ms (${received} of ${expectedReplies} replies)`);
});

// 'end': the server sent FIN. Before BYE that means it stopped answering our commands.
socket.on('end', () => {
  finish(EXIT_ERROR); // wrong: exit code 1, but not a word on stderr about what happened
});

// Without this listener an ECONNREFUSED or ECONNRESET would crash the program.
socket.on('error', (err: NodeJS.ErrnoException) => {
  finish(EXIT_ERROR, `connection error with ${HOST}:${PORT}: ${err.code ?? err.message}`);
});
