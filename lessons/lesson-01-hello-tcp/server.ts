// Lesson 01 — your hello server. Read README.md (or README.ko.md) first.
// Check it with: npm run check lesson-01
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

// TODO ① create a server with net.createServer((socket) => { … }).
//        The function runs once for each client that connects (④ accept).
// TODO ⑤ inside it: when the first 'data' arrives, print it, then reply "hello client\n".
// TODO ⑥ close the connection after the reply (socket.end), and stop listening (server.close),
//        like the source's server: one client, then done.
// TODO ②③ listen on PORT and HOST, and print where you listen.

console.log('TODO: server.ts does not listen yet. Start with README.md, "The server, step by step".');
void HOST, PORT; // you will use these in listen()
void net; // remove this line once you use net
