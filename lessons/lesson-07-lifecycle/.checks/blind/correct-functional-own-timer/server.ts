// Lesson 07 — plain functions over a module-level Map of per-connection records,
// manual Buffer framing, and an idle clock of our own (a timer refreshed on every input)
// instead of socket.setTimeout().
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);
const IDLE_MS = 1000;
const GRACE_MS = 500;
const MAX_LINE = 8192;
const MAX_SLOW = 10_000;

interface Conn {
  inbox: Buffer; // bytes not yet a whole line
  idle: NodeJS.Timeout | null; // our own idle clock, restarted on input
  hard: NodeJS.Timeout | null; // destroy() deadline after our end()
  slows: Set<NodeJS.Timeout>; // SLOW replies still owed
  peerFin: boolean;
}

const conns = new Map<net.Socket, Conn>();

const canWrite = (s: net.Socket): boolean => s.writable && !s.destroyed;

function write(s: net.Socket, line: string): void {
  if (canWrite(s)) s.write(Buffer.from(line + '\n', 'utf8'));
}

function stopIdle(c: Conn): void {
  if (c.idle) clearTimeout(c.idle);
  c.idle = null;
}

function shut(s: net.Socket, c: Conn, lastWords?: string): void {
  if (!canWrite(s)) return;
  stopIdle(c);
  if (lastWords) s.end(lastWords);
  else s.end();
  c.hard = setTimeout(() => s.destroy(), GRACE_MS);
}

function owedDone(s: net.Socket, c: Conn): void {
  if (c.peerFin && c.slows.size === 0) shut(s, c);
}

function parse(line: string): { word: string; arg: string } {
  const i = line.indexOf(' ');
  return i === -1 ? { word: line, arg: '' } : { word: line.slice(0, i), arg: line.slice(i + 1) };
}

function run(s: net.Socket, c: Conn, line: string): void {
  const { word, arg } = parse(line);
  switch (word) {
    case '':
      return write(s, 'ERR empty');
    case 'PING':
      return write(s, 'PONG');
    case 'ECHO':
      return write(s, arg);
    case 'COUNT':
      return write(s, String(conns.size));
    case 'QUIT':
      return shut(s, c, 'BYE\n');
    case 'SLOW': {
      if (!/^\d+$/.test(arg) || +arg > MAX_SLOW) return write(s, 'ERR bad ms');
      const t: NodeJS.Timeout = setTimeout(() => {
        c.slows.delete(t);
        write(s, 'DONE');
        owedDone(s, c);
      }, +arg);
      c.slows.add(t);
      return;
    }
    default:
      return write(s, `ERR unknown command ${word}`);
  }
}

function onData(s: net.Socket, c: Conn, chunk: Buffer): void {
  if (!canWrite(s)) return; // ended by us: late input is read and ignored
  c.idle?.refresh();
  c.inbox = Buffer.concat([c.inbox, chunk]);
  for (;;) {
    const nl = c.inbox.indexOf(10);
    if (nl === -1) break;
    const raw = c.inbox.subarray(0, nl > 0 && c.inbox[nl - 1] === 13 ? nl - 1 : nl);
    c.inbox = c.inbox.subarray(nl + 1);
    run(s, c, raw.toString('utf8'));
    if (!canWrite(s)) {
      c.inbox = Buffer.alloc(0);
      return;
    }
  }
  if (c.inbox.length > MAX_LINE) {
    c.inbox = Buffer.alloc(0);
    shut(s, c, 'ERR line too long\n');
  }
}

function onClose(s: net.Socket, c: Conn): void {
  conns.delete(s);
  stopIdle(c);
  if (c.hard) clearTimeout(c.hard);
  c.slows.forEach(clearTimeout);
  c.slows.clear();
  c.inbox = Buffer.alloc(0);
}

function accept(s: net.Socket): void {
  const c: Conn = { inbox: Buffer.alloc(0), idle: null, hard: null, slows: new Set(), peerFin: false };
  conns.set(s, c);
  c.idle = setTimeout(() => shut(s, c, 'ERR idle timeout\n'), IDLE_MS);
  s.on('data', (chunk: Buffer) => onData(s, c, chunk));
  s.on('end', () => {
    c.peerFin = true;
    owedDone(s, c);
  });
  s.on('error', (e: NodeJS.ErrnoException) => console.error('socket error:', e.code));
  s.on('close', () => onClose(s, c));
}

const server = net.createServer({ allowHalfOpen: true }, accept);
server.on('error', (e: NodeJS.ErrnoException) => {
  console.error('server error:', e.code);
  process.exitCode = 1;
});
server.listen(PORT, HOST, () => {
  console.log(`listening on ${HOST}:${(server.address() as net.AddressInfo).port}`);
});
