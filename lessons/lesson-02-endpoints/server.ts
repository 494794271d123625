// Lesson 02 — your whoami server. Read README.md (or README.ko.md) first.
// Check it with: npm run check lesson-02
//
// For every client that connects, send ONE line describing both ends of the connection,
// then close it, and keep serving the next clients:
//
//     you=127.0.0.1:53122 me=127.0.0.1:41003 tcp
//
// IPv6 addresses go in brackets: you=[::1]:53122 me=[::1]:41003 tcp
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

// TODO 1 (README "Addresses and ports"): write endpoint(address, port) that returns
//         "127.0.0.1:8080", or "[::1]:8080" when the address contains ':'.
// TODO 2 create the server with net.createServer((socket) => { … }). For each connection:
//         you = the client's end  (socket.remoteAddress, socket.remotePort)
//         me  = your own end      (socket.localAddress,  socket.localPort)
//         then socket.end(`you=${you} me=${me} tcp\n`). Do NOT close the server: keep serving.
//         Give every socket an 'error' listener.
// TODO 3 (README "listen(0) and address()"): on 'listening', print where you really listen,
//         using server.address() — with PORT=0 the operating system picks the port.
// TODO 4 (README "When the port is taken"): on the server's 'error' event, print ONE line to
//         stderr that names the port (EADDRINUSE), and set process.exitCode = 1.
// TODO 5 listen on PORT and HOST: server.listen(PORT, HOST).

console.log(`TODO: the whoami server does not listen yet (it should listen on ${HOST}:${PORT}).`);
void net; // remove this line once you use net
