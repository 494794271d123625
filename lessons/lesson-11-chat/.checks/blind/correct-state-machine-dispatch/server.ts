// Lesson 11 — chat server as a small state machine per connection, with a command table.
// Framing keeps a list of pending chunks and their byte count, and joins them only when a line ends.
import net from 'node:net';
import { isUtf8 } from 'node:buffer';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);
const IDLE_MS = Number(process.env.IDLE_MS ?? 300_000);

const MAX_LINE_BYTES = 1024;
const MAX_QUEUE_BYTES = 64 * 1024;
const LF = 0x0a;
const CR = 0x0d;

type Phase = 'anonymous' | 'named' | 'closing' | 'gone';

interface Client {
  socket: net.Socket;
  phase: Phase;
  nick: string | undefined;
}

const room = new Map<string, Client>();

const isOpen = (c: Client): boolean => c.phase === 'anonymous' || c.phase === 'named';
const validNick = (name: string): boolean => /^[A-Za-z0-9_\uAC00-\uD7A3]{1,16}$/.test(name);
const hasControl = (text: string): boolean => /[\u0000-\u0008\u000A-\u001F\u007F]/.test(text);
const fits = (c: Client, line: string): boolean =>
  c.socket.writableLength + Buffer.byteLength(line) + 1 <= MAX_QUEUE_BYTES;

function leave(c: Client): void {
  if (c.phase === 'gone') return;
  c.phase = 'gone';
  const name = c.nick;
  if (name !== undefined && room.get(name) === c) {
    room.delete(name);
    broadcast(c, `LEAVE ${name}`);
  }
}

function send(c: Client, line: string): void {
  if (!isOpen(c)) return;
  if (!fits(c, line)) {
    c.socket.destroy();
    leave(c);
    return;
  }
  c.socket.write(`${line}\n`);
}

function broadcast(from: Client | undefined, line: string): void {
  for (const c of [...room.values()]) if (c !== from) send(c, line);
}

/** Say one last thing, half-close, and leave the room now. */
function closeWith(c: Client, line: string): void {
  if (!isOpen(c)) return;
  const ok = fits(c, line);
  c.phase = 'closing';
  if (ok) c.socket.end(`${line}\n`);
  else c.socket.destroy();
  leave(c);
}

type Handler = (c: Client, arg: string) => void;

const anyTime: Record<string, Handler> = {
  PING: (c) => send(c, 'PONG'),
  QUIT: (c) => closeWith(c, 'BYE'),
  NICK: (c, name) => {
    if (c.phase === 'named') return send(c, 'ERR already named');
    if (!validNick(name)) return send(c, 'ERR bad nick');
    if (room.has(name)) return send(c, 'ERR nick taken');
    c.nick = name;
    c.phase = 'named';
    room.set(name, c);
    send(c, `OK ${name}`);
    broadcast(c, `JOIN ${name}`);
  },
};

const namedOnly: Record<string, Handler> = {
  MSG: (c, text) => {
    if (text === '') return send(c, 'ERR empty message');
    if (hasControl(text)) return send(c, 'ERR bad text');
    broadcast(c, `MSG ${c.nick ?? ''} ${text}`);
  },
  WHO: (c) => send(c, `WHO ${[...room.keys()].sort().join(' ')}`),
};

function dispatch(c: Client, bytes: Buffer): void {
  if (!isUtf8(bytes)) return send(c, 'ERR bad utf8');
  const line = bytes.toString('utf8');
  const cut = line.indexOf(' ');
  const [command, arg] = cut < 0 ? [line, ''] : [line.slice(0, cut), line.slice(cut + 1)];

  const always = Object.hasOwn(anyTime, command) ? anyTime[command] : undefined;
  if (always !== undefined) return always(c, arg);
  if (c.phase === 'anonymous') return send(c, 'ERR nick required');
  const named = Object.hasOwn(namedOnly, command) ? namedOnly[command] : undefined;
  if (named !== undefined) return named(c, arg);
  send(c, 'ERR unknown command');
}

const server = net.createServer((socket) => {
  const c: Client = { socket, phase: 'anonymous', nick: undefined };
  let pending: Buffer[] = [];
  let pendingBytes = 0;

  socket.setTimeout(IDLE_MS);

  socket.on('data', (chunk: Buffer) => {
    let start = 0;
    while (isOpen(c)) {
      const nl = chunk.indexOf(LF, start);
      const piece = chunk.subarray(start, nl < 0 ? chunk.length : nl);
      if (pendingBytes + piece.length > MAX_LINE_BYTES) {
        pending = [];
        pendingBytes = 0;
        closeWith(c, 'ERR line too long');
        return;
      }
      if (nl < 0) {
        if (piece.length > 0) {
          pending.push(piece);
          pendingBytes += piece.length;
        }
        return;
      }
      let line = pendingBytes === 0 ? piece : Buffer.concat([...pending, piece]);
      pending = [];
      pendingBytes = 0;
      start = nl + 1;
      if (line.length > 0 && line[line.length - 1] === CR) line = line.subarray(0, -1);
      dispatch(c, line);
    }
  });

  socket.on('timeout', () => closeWith(c, 'ERR idle timeout'));
  socket.on('error', (err: NodeJS.ErrnoException) => console.error(`client error: ${err.code}`));
  socket.on('close', () => leave(c));
});

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error('server error:', err.code);
  process.exitCode = 1;
});

server.listen(PORT, HOST, () => {
  const { port } = server.address() as net.AddressInfo;
  console.log(`chat server on ${HOST}:${port}`);
});
