// Lesson 01 — hello server that reads a whole line before answering (like Java's readLine()).
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

const server = net.createServer((socket) => {
  server.close();
  socket.on('error', (err: NodeJS.ErrnoException) => console.error('socket error:', err.code));
  let buffered = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffered += chunk;                       // a message may come in pieces: wait for the line
    const nl = buffered.indexOf('\n');
    if (nl === -1) return;
    console.log(buffered.slice(0, nl).trimEnd());
    socket.end('hello client\n');
  });
});

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error(`cannot listen on ${HOST}:${PORT}: ${err.code}`);
  process.exitCode = 1;
});

server.listen(PORT, HOST, () => {
  console.log(`listening on ${HOST}:${(server.address() as net.AddressInfo).port}`);
});
