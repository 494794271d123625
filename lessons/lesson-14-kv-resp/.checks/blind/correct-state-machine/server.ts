// Lesson 14 — a Redis-like key-value server (RESP).
// Style: an incremental state machine (one RespParser object per connection) that is fed each
// chunk and keeps its state between chunks; commands are looked up in a table of handlers.
// Expiry: a timer per entry, cleared whenever the key is set again or deleted, and whose
// callback deletes the key only if it still holds that same entry.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

const MAX_ARRAY_ELEMENTS = 1024;
const MAX_BULK_BYTES = 1024 * 1024;
const MAX_LINE_BYTES = 64 * 1024;
const MAX_TIMER_MS = 2 ** 31 - 1;

const I64_MAX = 2n ** 63n - 1n;
const I64_MIN = -(2n ** 63n);

// ---------------------------------------------------------------- the store

interface Entry {
  value: Buffer;
  expiresAt?: number;
  timer?: NodeJS.Timeout;
}

const store = new Map<string, Entry>();

function armTimer(key: string, entry: Entry): void {
  const expiresAt = entry.expiresAt;
  if (expiresAt === undefined) return;
  const delay = Math.min(Math.max(expiresAt - Date.now(), 0), MAX_TIMER_MS);
  entry.timer = setTimeout(() => {
    if (store.get(key) !== entry) return; // a newer value took the key: not ours to delete
    if (Date.now() < expiresAt) armTimer(key, entry); // a long expiry: wait again
    else store.delete(key);
  }, delay);
}

function put(key: string, entry: Entry): void {
  remove(key);
  store.set(key, entry);
  armTimer(key, entry);
}

function remove(key: string): boolean {
  const old = store.get(key);
  if (old === undefined) return false;
  clearTimeout(old.timer);
  store.delete(key);
  return true;
}

// ---------------------------------------------------------------- replies

const R = {
  simple: (s: string): Buffer => Buffer.from(`+${s}\r\n`),
  error: (s: string): Buffer => Buffer.from(`-${s}\r\n`),
  int: (n: number | bigint): Buffer => Buffer.from(`:${n}\r\n`),
  bulk: (v: Buffer | undefined): Buffer =>
    v === undefined ? Buffer.from('$-1\r\n') : Buffer.concat([Buffer.from(`$${v.length}\r\n`), v, Buffer.from('\r\n')]),
};

const OK = R.simple('OK');
const NOT_INT = R.error('ERR value is not an integer or out of range');
const SYNTAX = R.error('ERR syntax error');

function toI64(b: Buffer): bigint | undefined {
  const text = b.toString('latin1');
  if (!/^(0|-?[1-9][0-9]*)$/.test(text)) return undefined;
  const n = BigInt(text);
  return n >= I64_MIN && n <= I64_MAX ? n : undefined;
}

// ---------------------------------------------------------------- commands

type Handler = (args: Buffer[]) => Buffer;
interface Command {
  /** allowed argument counts (not counting the name): [min, max] */
  arity: [number, number];
  run: Handler;
}

const k = (b: Buffer): string => b.toString('latin1');

const commands: Record<string, Command> = {
  ping: { arity: [0, 1], run: (a) => (a.length === 0 ? R.simple('PONG') : R.bulk(a[0])) },
  echo: { arity: [1, 1], run: (a) => R.bulk(a[0]) },
  get: { arity: [1, 1], run: (a) => R.bulk(store.get(k(a[0]))?.value) },
  set: {
    arity: [2, Infinity],
    run: (a) => {
      if (a.length !== 2 && a.length !== 4) return SYNTAX;
      const entry: Entry = { value: a[1] };
      if (a.length === 4) {
        if (k(a[2]).toUpperCase() !== 'PX') return SYNTAX;
        const ms = toI64(a[3]);
        if (ms === undefined) return NOT_INT;
        if (ms <= 0n) return R.error("ERR invalid expire time in 'set' command");
        entry.expiresAt = Date.now() + Number(ms);
      }
      put(k(a[0]), entry);
      return OK;
    },
  },
  del: {
    arity: [1, Infinity],
    run: (a) => R.int(a.reduce((n, key) => n + (remove(k(key)) ? 1 : 0), 0)),
  },
  exists: {
    arity: [1, Infinity],
    run: (a) => R.int(a.filter((key) => store.has(k(key))).length),
  },
  incr: {
    arity: [1, 1],
    run: (a) => {
      const key = k(a[0]);
      const entry = store.get(key);
      const current = entry === undefined ? 0n : toI64(entry.value);
      if (current === undefined) return NOT_INT;
      if (current === I64_MAX) return R.error('ERR increment or decrement would overflow');
      const next = current + 1n;
      if (entry === undefined) put(key, { value: Buffer.from(next.toString()) });
      else entry.value = Buffer.from(next.toString()); // same entry: its expiry and timer stay
      return R.int(next);
    },
  },
  info: {
    arity: [0, Infinity],
    run: () => R.bulk(Buffer.from('# Server\r\nredis_version:7.0.0-lesson14\r\nloading:0\r\n')),
  },
  client: { arity: [0, Infinity], run: () => OK },
};

function dispatch(args: Buffer[]): Buffer {
  const name = k(args[0]).toLowerCase();
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (command === undefined) {
    const shown = Buffer.from(args[0].map((b) => (b === 13 || b === 10 ? 32 : b)));
    return Buffer.concat([Buffer.from("-ERR unknown command '"), shown, Buffer.from("'\r\n")]);
  }
  const argc = args.length - 1;
  if (argc < command.arity[0] || argc > command.arity[1]) {
    return R.error(`ERR wrong number of arguments for '${name}' command`);
  }
  return command.run(args.slice(1));
}

// ---------------------------------------------------------------- the parser

type State =
  | 'start' // the first byte of a request
  | 'count' // digits after '*'
  | 'countLF' // the '\n' after the count's '\r'
  | 'dollar' // the '$' of the next element
  | 'len' // digits after '$'
  | 'lenLF'
  | 'data' // the element's bytes
  | 'dataCR'
  | 'dataLF'
  | 'inline'; // an inline line, up to '\n'

class ProtocolError extends Error {}

class RespParser {
  private state: State = 'start';
  private digits = '';
  private remaining = 0; // elements still to read
  private need = 0; // bytes of the current element still to read
  private parts: Buffer[] = []; // pieces of the current element or inline line
  private partsLength = 0;
  private args: Buffer[] = [];

  /** Feeds one chunk; returns the complete requests in it (throws on bad bytes). */
  feed(chunk: Buffer, out: Buffer[][]): void {
    let i = 0;
    while (i < chunk.length) {
      const byte = chunk[i];
      switch (this.state) {
        case 'start':
          if (byte === 0x2a) {
            this.state = 'count';
            this.digits = '';
            i++;
          } else {
            this.state = 'inline';
            this.parts = [];
            this.partsLength = 0;
          }
          break;
        case 'count':
        case 'len':
          if (byte === 0x0d) this.state = this.state === 'count' ? 'countLF' : 'lenLF';
          else if (this.digits.length >= MAX_LINE_BYTES) throw new ProtocolError('too big header line');
          else this.digits += String.fromCharCode(byte);
          i++;
          break;
        case 'countLF': {
          if (byte !== 0x0a || !/^-?[0-9]+$/.test(this.digits)) throw new ProtocolError('invalid multibulk length');
          i++;
          const count = Number(this.digits);
          if (count > MAX_ARRAY_ELEMENTS) throw new ProtocolError('invalid multibulk length');
          if (count <= 0) {
            this.state = 'start';
          } else {
            this.remaining = count;
            this.args = [];
            this.state = 'dollar';
          }
          break;
        }
        case 'dollar':
          if (byte !== 0x24) throw new ProtocolError(`expected '$', got '${String.fromCharCode(byte)}'`);
          this.digits = '';
          this.state = 'len';
          i++;
          break;
        case 'lenLF': {
          if (byte !== 0x0a || !/^[0-9]+$/.test(this.digits)) throw new ProtocolError('invalid bulk length');
          const len = Number(this.digits);
          if (len > MAX_BULK_BYTES) throw new ProtocolError('invalid bulk length');
          i++;
          this.need = len;
          this.parts = [];
          this.state = len === 0 ? 'dataCR' : 'data';
          break;
        }
        case 'data': {
          const take = Math.min(this.need, chunk.length - i);
          this.parts.push(chunk.subarray(i, i + take));
          this.need -= take;
          i += take;
          if (this.need === 0) this.state = 'dataCR';
          break;
        }
        case 'dataCR':
          if (byte !== 0x0d) throw new ProtocolError('bulk string not followed by CRLF');
          this.state = 'dataLF';
          i++;
          break;
        case 'dataLF':
          if (byte !== 0x0a) throw new ProtocolError('bulk string not followed by CRLF');
          i++;
          this.args.push(Buffer.concat(this.parts)); // concat copies: the chunk can go
          this.parts = [];
          if (--this.remaining === 0) {
            out.push(this.args);
            this.args = [];
            this.state = 'start';
          } else {
            this.state = 'dollar';
          }
          break;
        case 'inline': {
          const lf = chunk.indexOf(0x0a, i);
          const end = lf === -1 ? chunk.length : lf;
          this.parts.push(chunk.subarray(i, end));
          this.partsLength += end - i;
          if (lf === -1) {
            // no line end yet: a last '\r' may still be the first half of "\r\n"
            const pending = this.partsLength - (chunk[chunk.length - 1] === 0x0d ? 1 : 0);
            if (pending > MAX_LINE_BYTES) throw new ProtocolError('too big inline request');
            i = chunk.length;
            break;
          }
          let line = Buffer.concat(this.parts);
          if (line.length > 0 && line[line.length - 1] === 0x0d) line = line.subarray(0, line.length - 1);
          if (line.length > MAX_LINE_BYTES) throw new ProtocolError('too big inline request');
          const words = splitInline(line);
          if (words.length > 0) out.push(words);
          this.parts = [];
          this.state = 'start';
          i = lf + 1;
          break;
        }
      }
    }
  }
}

/** Words of an inline line: the bytes between runs of spaces and tabs. */
function splitInline(line: Buffer): Buffer[] {
  const words: Buffer[] = [];
  let i = 0;
  while (i < line.length) {
    while (i < line.length && (line[i] === 0x20 || line[i] === 0x09)) i++;
    const start = i;
    while (i < line.length && line[i] !== 0x20 && line[i] !== 0x09) i++;
    if (i > start) words.push(Buffer.from(line.subarray(start, i)));
  }
  return words;
}

// ---------------------------------------------------------------- connections

const server = net.createServer((socket) => {
  const parser = new RespParser();
  let done = false;

  socket.on('data', (chunk: Buffer) => {
    if (done) return;
    const requests: Buffer[][] = [];
    let protocolError: string | undefined;
    try {
      parser.feed(chunk, requests);
    } catch (err) {
      if (!(err instanceof ProtocolError)) throw err;
      protocolError = err.message;
    }
    const replies: Buffer[] = [];
    for (const args of requests) {
      if (k(args[0]).toLowerCase() === 'quit') {
        replies.push(OK);
        done = true;
        break;
      }
      replies.push(dispatch(args));
    }
    if (!done && protocolError !== undefined) {
      replies.push(R.error(`ERR Protocol error: ${protocolError}`));
      done = true;
    }
    if (replies.length > 0) socket.write(Buffer.concat(replies));
    if (done) socket.end();
  });
  socket.on('error', (err: NodeJS.ErrnoException) => console.error('socket error:', err.code));
});

server.listen(PORT, HOST, () => {
  const { port } = server.address() as net.AddressInfo;
  console.log(`listening on ${HOST}:${port}`);
});
