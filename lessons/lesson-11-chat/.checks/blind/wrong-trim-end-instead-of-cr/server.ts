// Lesson 11 — chat server: each connection is one async function reading its socket with
// `for await`, framing into a fixed 1024-byte line buffer of its own.
import net from 'node:net';
import { isUtf8 } from 'node:buffer';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);
const IDLE_MS = Number(process.env.IDLE_MS ?? 300_000);

const MAX_LINE_BYTES = 1024;
const MAX_QUEUE_BYTES = 64 * 1024;

interface Client {
  socket: net.Socket;
  nick: string | undefined;
  gone: boolean;
  ending: boolean;
}

const clients = new Map<string, Client>();

function leave(c: Client): void {
  if (c.gone) return;
  c.gone = true;
  if (c.nick !== undefined && clients.get(c.nick) === c) {
    clients.delete(c.nick);
    broadcast(c, `LEAVE ${c.nick}`);
  }
}

function overLimit(c: Client, line: string): boolean {
  return c.socket.writableLength + Buffer.byteLength(line) + 1 > MAX_QUEUE_BYTES;
}

function send(c: Client, line: string): void {
  if (c.gone || c.ending) return;
  if (overLimit(c, line)) {
    c.socket.destroy();
    leave(c);
    return;
  }
  c.socket.write(`${line}\n`);
}

function broadcast(from: Client | undefined, line: string): void {
  for (const c of [...clients.values()]) if (c !== from) send(c, line);
}

function hangUp(c: Client, lastLine: string): void {
  if (c.gone || c.ending) return;
  c.ending = true;
  if (overLimit(c, lastLine)) c.socket.destroy();
  else c.socket.end(`${lastLine}\n`);
  leave(c);
}

function isControl(code: number): boolean {
  return (code <= 0x1f && code !== 0x09) || code === 0x7f;
}

function handle(c: Client, bytes: Buffer): void {
  if (!isUtf8(bytes)) {
    send(c, 'ERR bad utf8');
    return;
  }
  const line = bytes.toString('utf8').trimEnd(); // drops the '\r' of '\r\n'
  const match = /^([^ ]*)(?: ([\s\S]*))?$/.exec(line);
  const command = match?.[1] ?? line;
  const arg = match?.[2] ?? '';

  switch (command) {
    case 'PING':
      send(c, 'PONG');
      return;
    case 'QUIT':
      hangUp(c, 'BYE');
      return;
    case 'NICK':
      if (c.nick !== undefined) send(c, 'ERR already named');
      else if (!/^[A-Za-z0-9_\uAC00-\uD7A3]{1,16}$/.test(arg)) send(c, 'ERR bad nick');
      else if (clients.has(arg)) send(c, 'ERR nick taken');
      else {
        c.nick = arg;
        clients.set(arg, c);
        send(c, `OK ${arg}`);
        broadcast(c, `JOIN ${arg}`);
      }
      return;
  }
  if (c.nick === undefined) {
    send(c, 'ERR nick required');
    return;
  }
  switch (command) {
    case 'MSG': {
      if (arg.length === 0) send(c, 'ERR empty message');
      else if ([...arg].some((ch) => isControl(ch.codePointAt(0) ?? 0))) send(c, 'ERR bad text');
      else broadcast(c, `MSG ${c.nick} ${arg}`);
      return;
    }
    case 'WHO':
      send(c, `WHO ${Array.from(clients.keys()).sort().join(' ')}`);
      return;
    default:
      send(c, 'ERR unknown command');
  }
}

async function serve(socket: net.Socket): Promise<void> {
  const c: Client = { socket, nick: undefined, gone: false, ending: false };
  const line = Buffer.alloc(MAX_LINE_BYTES); // this connection's own line buffer
  let used = 0;

  socket.setTimeout(IDLE_MS);
  socket.on('timeout', () => hangUp(c, 'ERR idle timeout'));
  socket.on('close', () => leave(c));

  try {
    for await (const chunk of socket as AsyncIterable<Buffer>) {
      let pos = 0;
      while (pos < chunk.length && !c.gone && !c.ending) {
        const nl = chunk.indexOf(0x0a, pos);
        const end = nl === -1 ? chunk.length : nl;
        if (used + (end - pos) > MAX_LINE_BYTES) {
          hangUp(c, 'ERR line too long');
          break;
        }
        chunk.copy(line, used, pos, end);
        used += end - pos;
        if (nl === -1) break;
        pos = nl + 1;
        const size = used;
        used = 0;
        handle(c, Buffer.from(line.subarray(0, size)));
      }
    }
  } catch (err) {
    console.error(`client error: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  } finally {
    leave(c); // 'close' says it too; the gone flag keeps it to once
  }
}

const server = net.createServer((socket) => {
  void serve(socket);
});

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error('server error:', err.code);
  process.exitCode = 1;
});

server.listen(PORT, HOST, () => {
  const { port } = server.address() as net.AddressInfo;
  console.log(`chat server on ${HOST}:${port}`);
});
