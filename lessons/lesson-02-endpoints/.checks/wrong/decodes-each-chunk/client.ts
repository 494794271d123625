// Lesson 02 — the one-line client: connect, read one line, print it, close.
// Exit codes: 0 = printed the line, 1 = could not connect or the server closed early, 2 = no reply in time.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);
const REPLY_MS = 3000;

// ① create the socket and ④ connect. With a name such as 'localhost' that has both an
// IPv6 and an IPv4 address, Node 20+ tries them in turn (autoSelectFamily).
const socket = net.connect({ host: HOST, port: PORT });

// Decode as UTF-8 across chunks: a character cut between two chunks is held back until
// its last byte arrives, instead of turning into '�'.
// wrong: no setEncoding: each chunk is decoded on its own below

// setTimeout only *notifies* (a 'timeout' event after 3 s of silence); closing is our job.
socket.setTimeout(REPLY_MS);

let received = '';
let gotLine = false;

socket.on('connect', () => {
  // Logs go to stderr, so stdout holds only the answer.
  console.error(`connected: ${socket.localAddress}:${socket.localPort} → ${socket.remoteAddress}:${socket.remotePort}`);
});

// ⑤ receive: a 'data' event is a chunk, not a line. Collect until the '\n'.
socket.on('data', (chunk: Buffer) => {
  received += chunk.toString('utf8'); // wrong: half a character decodes as U+FFFD
  const nl = received.indexOf('\n');
  if (nl === -1) return;
  gotLine = true;
  console.log(received.slice(0, nl).replace(/\r$/, ''));
  // ⑥ close: we have our line, so we do not wait for the server to close first.
  // destroy() releases the socket now; the process then has nothing left and exits.
  socket.destroy();
});

socket.on('end', () => {
  if (!gotLine) {
    console.error(`${HOST}:${PORT} closed the connection before sending a whole line`);
    process.exitCode = 1;
  }
});

socket.on('timeout', () => {
  console.error(`no reply from ${HOST}:${PORT} within ${REPLY_MS / 1000} s`);
  process.exitCode = 2;
  socket.destroy();
});

// Every socket needs an 'error' listener, or the first error kills the process.
// Print err.code: when both ::1 and 127.0.0.1 refuse, err is an AggregateError whose
// message is empty, but whose code is still ECONNREFUSED.
socket.on('error', (err: NodeJS.ErrnoException) => {
  console.error(`cannot talk to ${HOST}:${PORT}: ${err.code}`);
  process.exitCode = 1;
});
