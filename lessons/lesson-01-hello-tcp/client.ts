// Lesson 01 — your hello client. Read README.md (or README.ko.md) first.
// Check it with: npm run check lesson-01
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

// TODO ①④ connect to HOST and PORT with net.connect({ host, port }, onConnect).
// TODO ⑤ once connected, send "hello server\n".
// TODO ⑤ collect the reply, and print it when the server closes the connection ('end').
// TODO     handle 'error' (for example ECONNREFUSED when no server runs) with a clear message.

console.log('TODO: client.ts does not connect yet. See README.md, "The client, step by step".');
void HOST, PORT; // you will use these in net.connect()
void net; // remove this line once you use net
