// Lesson 03 — your echo server. Read README.md (or README.ko.md) first.
// Check it with: npm run check lesson-03
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

// TODO 1 (README "The server"): create the server with net.createServer(options, (socket) => { … }).
//        Decide on allowHalfOpen (README "allowHalfOpen"): who sends your FIN, and when?
// TODO 2 (README "Bytes, not messages"): send every byte back, in order, as it arrives.
//        Keep the Buffers as they are (README "Buffers, not strings"): socket.pipe(socket) does it all.
// TODO 3 (README "Half-close"): when the client has sent its FIN ('end'), finish echoing, then
//        send yours (socket.end()). Do not close before: one 'data' event is not the whole message.
// TODO 4: handle 'error' on each socket, so one client's reset cannot end the whole server.
// TODO 5 (README "One connection, one state"): keep serving — no server.close() this time —
//        and keep everything about a connection inside the connection handler.
// TODO 6: listen on PORT and HOST, and print where you listen.

console.log(`TODO: the echo server does not listen yet (it should listen on ${HOST}:${PORT}).`);
void net; // remove this line once you use net
