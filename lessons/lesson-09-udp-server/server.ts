// Lesson 09 — your UDP server. Read README.md (or README.ko.md) first.
// Check it with: npm run check lesson-09
import dgram from 'node:dgram';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

// TODO ① create ONE socket: dgram.createSocket('udp4'). It serves every client: UDP has no
//        accept() and no per-client socket (README "The exchange").
// TODO ⑤ socket.on('message', (msg, rinfo) => …): msg is one whole datagram (a Buffer), rinfo
//        says who sent it. Work out the reply (README "The protocol"):
//          "PING <seq> <token>" → "PONG <seq> <token>"
//          "ECHO <anything>"    → <anything>, byte for byte
//          more than 1200 bytes → "ERR too large"
//          empty, not UTF-8, anything else → "ERR bad request"
//        and send it to THIS sender: socket.send(reply, rinfo.port, rinfo.address).
// TODO    socket.on('error', …): log err.code; if bind() failed, set process.exitCode = 1 and
//        close the socket (README "Errors").
// TODO ② socket.bind(PORT, HOST). No listen(): there are no connections to queue.

console.log(`TODO: the UDP server is not written yet (it should bind ${HOST}:${PORT}).`);
void dgram; // remove this line once you use dgram
