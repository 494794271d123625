// Lesson 11 — a chat server (the reference solution).
// Every client picks a nickname; what one says, the others hear. The server keeps a registry of
// connections, fans each message out to the others, announces joins and leaves whatever ends a
// connection, and drops a client that stops reading before its queue eats the server's memory.
import net from 'node:net';
import { isUtf8 } from 'node:buffer';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);
/** A connection on which nothing was sent or received for this long is closed. */
const IDLE_MS = Number(process.env.IDLE_MS ?? 300_000);

/** The longest line we accept, in bytes, before its '\n' (a '\r' before it counts). */
const MAX_LINE_BYTES = 1024;
/** Output we hold in memory for one client (socket.writableLength) before we drop it. */
const MAX_QUEUE_BYTES = 64 * 1024;
/** 1–16 characters: ASCII letters, digits, '_' and Hangul syllables. */
const NICK = /^[A-Za-z0-9_\uAC00-\uD7A3]{1,16}$/;
/** Control characters other than tab: a message may not carry them (a '\r' could fake a line). */
const CONTROL = /[\u0000-\u0008\u000A-\u001F\u007F]/;

interface Client {
  socket: net.Socket;
  nick: string | undefined;
  gone: boolean;
}

/** The registry: every client with a nickname, by nickname. */
const clients = new Map<string, Client>();

/** One line to one client, unless its queue is already past the bound: then it is dropped. */
function send(c: Client, line: string): void {
  if (c.gone) return;
  if (c.socket.writableLength + Buffer.byteLength(line) + 1 > MAX_QUEUE_BYTES) {
    console.log(`${c.nick} is not reading (${c.socket.writableLength} bytes queued); dropping it`);
    c.socket.destroy(); // its queue is full, so no goodbye
    leave(c);
    return;
  }
  c.socket.write(`${line}\n`);
}

/** One line to every registered client but `from`. */
function broadcast(from: Client | undefined, line: string): void {
  for (const c of [...clients.values()]) if (c !== from) send(c, line);
}

/** The client is gone, however it went: its name is free, and the others hear it once. */
function leave(c: Client): void {
  if (c.gone) return;
  c.gone = true;
  if (c.nick !== undefined && clients.get(c.nick) === c) {
    clients.delete(c.nick);
    broadcast(c, `LEAVE ${c.nick}`);
  }
}

function handle(c: Client, bytes: Buffer): void {
  if (!isUtf8(bytes)) return send(c, 'ERR bad utf8');
  const line = bytes.toString('utf8');
  const space = line.indexOf(' ');
  const word = space === -1 ? line : line.slice(0, space);
  const rest = space === -1 ? '' : line.slice(space + 1);
  if (word === 'QUIT') {
    c.socket.end('BYE\n'); // the reply, then FIN; 'close' announces the LEAVE
    leave(c);
    return;
  }
  if (word === 'PING') return send(c, 'PONG');
  if (word === 'NICK') {
    if (c.nick !== undefined) return send(c, 'ERR already named');
    if (!NICK.test(rest)) return send(c, 'ERR bad nick');
    if (clients.has(rest)) return send(c, 'ERR nick taken');
    c.nick = rest;
    clients.set(rest, c);
    send(c, `OK ${rest}`);
    broadcast(c, `JOIN ${rest}`);
    return;
  }
  if (c.nick === undefined) return send(c, 'ERR nick required');
  if (word === 'MSG') {
    if (rest === '') return send(c, 'ERR empty message');
    if (CONTROL.test(rest)) return send(c, 'ERR bad text');
    broadcast(c, `MSG ${c.nick} ${rest}`);
    return;
  }
  if (word === 'WHO') return send(c, `WHO ${[...clients.keys()].sort().join(' ')}`);
  send(c, 'ERR unknown command');
}

const server = net.createServer((socket) => {
  const c: Client = { socket, nick: undefined, gone: false };
  let pending = Buffer.alloc(0); // this connection's bytes that do not end a line yet

  socket.setTimeout(IDLE_MS);
  socket.on('timeout', () => {
    socket.end('ERR idle timeout\n');
    leave(c);
  });

  socket.on('data', (chunk: Buffer) => {
    if (c.gone) return;
    pending = Buffer.concat([pending, chunk]);
    let nl: number;
    while (!c.gone && (nl = pending.indexOf(0x0a)) !== -1) {
      let bytes = pending.subarray(0, nl);
      pending = pending.subarray(nl + 1);
      if (bytes.length > MAX_LINE_BYTES) return tooLong();
      if (bytes.at(-1) === 0x0d) bytes = bytes.subarray(0, -1);
      handle(c, bytes); // decoded only now: a character cut between chunks is whole again
    }
    if (pending.length > MAX_LINE_BYTES) tooLong();
  });

  function tooLong(): void {
    pending = Buffer.alloc(0);
    socket.end('ERR line too long\n');
    leave(c);
  }

  // FIN, RST, a timeout, a drop, QUIT: every way a connection ends comes through 'close'.
  socket.on('close', () => leave(c));
  socket.on('error', (err: NodeJS.ErrnoException) => console.error(`${c.nick ?? 'a client'}: ${err.code}`));
});

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error('server error:', err.code);
  process.exitCode = 1;
});

server.listen(PORT, HOST, () => {
  const { port } = server.address() as net.AddressInfo;
  console.log(`chat server on ${HOST}:${port}`);
});
