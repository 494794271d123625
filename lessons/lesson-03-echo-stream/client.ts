// Lesson 03 — your file round-trip client. Read README.md (or README.ko.md) first.
//   npx tsx lessons/lesson-03-echo-stream/client.ts <input-file> <output-file>
// Check it with: npm run check lesson-03
import fs from 'node:fs';
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

const [inputFile, outputFile] = process.argv.slice(2);
if (!inputFile || !outputFile) {
  console.error('usage: client.ts <input-file> <output-file>');
  process.exit(2);
}

// TODO 1 (README "Buffers, not strings"): read the input file as a Buffer (no encoding!).
// TODO 2 (README "The client"): connect to HOST and PORT; once connected, send every byte,
//        then half-close (README "Half-close"): socket.end(data) writes, then sends FIN.
// TODO 3: write every byte the server sends back to outputFile, as Buffers, chunk by chunk
//        (README "Bytes, not messages"). The echo may start late and come in many pieces.
// TODO 4: when the server has closed its side ('end'), print one line:
//          sent <N> bytes, received <M> bytes
//        and let the program end (exit code 0).
// TODO 5: handle 'error' (for example ECONNREFUSED) with a clear message and exit code 1.

console.log(`TODO: the client does not send ${inputFile} to ${HOST}:${PORT} yet (nor write ${outputFile}).`);
void fs;
void net; // remove these two lines once you use fs and net
