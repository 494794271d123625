// Lesson 04 — line protocol server: an async `for await` loop per connection, keeping the
// unfinished line as a list of Buffer pieces (no repeated concat), decoded after framing.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);
const MAX_LINE_BYTES = 8192;
const LF = 0x0a;
const CR = 0x0d;

type Outcome = { text: string; last: boolean };

const reply = (text: string, last = false): Outcome => ({ text, last });

function answer(line: string): Outcome {
  if (line === '') return reply('ERR empty');
  const at = line.indexOf(' ');
  const word = at === -1 ? line : line.slice(0, at);
  const rest = at === -1 ? '' : line.slice(at + 1);
  if (word === 'PING') return reply('PONG');
  if (word === 'ECHO') return reply(rest);
  if (word === 'LEN') return reply(`${Array.from(rest).length} ${Buffer.from(rest, 'utf8').length}`);
  if (word === 'QUIT') return reply('BYE', true);
  return reply(`ERR unknown command ${word}`);
}

async function serve(socket: net.Socket): Promise<void> {
  let pieces: Buffer[] = [];
  let held = 0; // bytes in pieces
  let stopped = false;

  const stop = (text: string): void => {
    stopped = true;
    pieces = [];
    held = 0;
    socket.end(`${text}\n`);
  };

  for await (const data of socket as AsyncIterable<Buffer>) {
    if (stopped) continue; // ignore whatever else this client sends
    let start = 0;
    for (;;) {
      const nl = data.indexOf(LF, start);
      if (nl === -1) break;
      const tail = data.subarray(start, nl);
      start = nl + 1;
      if (held + tail.length > MAX_LINE_BYTES) {
        stop('ERR line too long');
        break;
      }
      let line = pieces.length === 0 ? tail : Buffer.concat([...pieces, tail]);
      pieces = [];
      held = 0;
      if (line.length > 0 && line[line.length - 1] === CR) line = line.subarray(0, line.length - 1);
      const out = answer(line.toString('utf8'));
      if (out.last) {
        stop(out.text);
        break;
      }
      socket.write(`${out.text}\n`);
    }
    if (stopped) continue;
    if (start < data.length) {
      const rest = data.subarray(start);
      pieces.push(rest);
      held += rest.length;
      if (held > MAX_LINE_BYTES) stop('ERR line too long');
    }
  }
  // The client closed: whatever is still in `pieces` never got its '\n' and is dropped.
}

const server = net.createServer((socket) => {
  socket.on('error', () => {
    /* reported by the loop below */
  });
  serve(socket).catch((err: NodeJS.ErrnoException) => {
    console.error(`connection error: ${err.code ?? err.message}`);
    socket.destroy();
  });
});

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error('server error:', err.code);
  process.exitCode = 1;
});

server.listen(PORT, HOST, () => {
  console.log(`listening on ${HOST}:${(server.address() as net.AddressInfo).port}`);
});
