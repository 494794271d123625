// Lesson 02 — your one-line client. Read README.md (or README.ko.md) first.
// Check it with: npm run check lesson-02
//
// Connect to HOST:PORT, read the FIRST line the server sends, print it (without the '\n')
// to stdout, close the socket and exit. Exit codes:
//   0  the line was printed
//   1  could not connect (e.g. ECONNREFUSED), or the server closed before a whole line
//   2  no reply within 3 s
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

// TODO 1 create and connect: const socket = net.connect({ host: HOST, port: PORT });
// TODO 2 (README "Reading one line"): call socket.setEncoding('utf8'); collect 'data' chunks
//         in a string until it contains '\n'; then console.log the part before it and close
//         the socket (socket.destroy()). Do not wait for the server to close first.
// TODO 3 (README "When connecting fails"): socket.on('error', …): console.error a line with
//         err.code (not err.message) and set process.exitCode = 1.
//         socket.on('end', …): if no whole line came, that is a failure too (exit code 1).
// TODO 4 (README "Timeouts"): socket.setTimeout(3000) only notifies: on 'timeout', print a
//         message, set process.exitCode = 2 and destroy the socket yourself.

console.log(`TODO: the client does not connect yet (it should connect to ${HOST}:${PORT}).`);
void net; // remove this line once you use net
