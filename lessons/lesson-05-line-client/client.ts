// Lesson 05 — your client for lesson 04's line protocol. Read README.md (or README.ko.md) first.
// Run it by hand:   npx tsx lessons/lesson-05-line-client/client.ts PING "ECHO 안녕" "LEN 😀"
// Check it with:    npm run check lesson-05
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);
const TIMEOUT_MS = 2000; // give up after 2000 ms without any data from the server

// The commands to send, from the command line: ['PING', 'ECHO 안녕', 'LEN 😀'].
const commands = process.argv.slice(2);

// TODO "The exchange": connect to HOST and PORT with net.connect({ host, port }).
// TODO "Pipelining": once connected, write every command followed by '\n', then 'QUIT\n',
//        all at once, without waiting for any reply.
// TODO "Lines, not chunks": 'data' gives chunks. Keep a buffer, cut it at each '\n' and keep
//        the rest. socket.setEncoding('utf8') keeps a character cut between chunks intact.
// TODO "Matching replies by order": reply number i answers commands[i]; print each one with
//        console.log. The reply after the last command answers QUIT: it must be BYE.
//        After BYE, socket.destroy() and exit 0.
// TODO "Timeouts": socket.setTimeout(TIMEOUT_MS). The 'timeout' event only tells you; destroy
//        the socket yourself and exit 2.
// TODO "When the connection fails": 'end' before BYE (the server closed) and 'error'
//        (ECONNREFUSED, ECONNRESET…) both mean exit 1, with a message on stderr.
//        Set process.exitCode = …; let the program end by itself once the socket is closed.

console.log(`TODO: the client does not connect yet (it should send ${commands.length} command(s) to ${HOST}:${PORT}).`);
void net;
void TIMEOUT_MS; // remove these two lines once you use net and TIMEOUT_MS
