// Lesson 01 — the source's hello server, in TypeScript.
// The steps ①–⑥ are the source's TCP flow; the Python and Java versions are in
// lessons/lesson-01-hello-tcp/source/.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

// ① create the server socket. The function runs once per accepted connection (④).
const server = net.createServer((socket) => {
  console.log('connected:', socket.remoteAddress, socket.remotePort);
  server.close(); // like the source: serve one client, then stop listening

  // ⑤ receive. Like the source's recv(1024), we take the first chunk as the whole message;
  // lesson 04 shows why a real protocol must not.
  socket.once('data', (data) => {
    console.log(data.toString('utf8').trimEnd());
    // ⑤ send and ⑥ close: end() sends the reply, then FIN.
    socket.end('hello client\n');
  });

  socket.on('error', (err: NodeJS.ErrnoException) => console.error('socket error:', err.code));
});

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error('server error:', err.code);
  process.exitCode = 1;
});

// ② bind and ③ listen, in one call.
server.listen(PORT, 'localhost', () => { // wrong: not HOST
  const { port } = server.address() as net.AddressInfo;
  console.log(`listening on ${HOST}:${port}`);
});
