// Lesson 09 — a UDP server… written as a TCP server out of habit.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

// wrong: net is TCP; datagrams sent to this port number never arrive here
const server = net.createServer((socket) => {
  socket.on('data', (data) => {
    const m = /^PING (\d+) (\S+)$/.exec(data.toString('utf8'));
    socket.write(m ? `PONG ${m[1]} ${m[2]}` : 'ERR bad request');
  });
  socket.on('error', () => {});
});
server.listen(PORT, HOST, () => console.log(`listening on ${HOST}:${PORT}`));
