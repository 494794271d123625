// Lesson 14 — a Redis-like key-value server (RESP).
// Style: sequential async/await code, like Python's blocking recv loop: a ByteReader per
// connection offers `await reader.line()`, `await reader.exact(n)` and `await reader.byte()`,
// and one async serve() loop reads a request, runs it and reads the next. Replies are
// collected and written in one go whenever the reader has to wait for more bytes.
// Expiry: a KeyValueStore class stores expiresAt and checks it on every read, and sweeps
// expired keys once a second.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

const LIMITS = { elements: 1024, bulkBytes: 1024 * 1024, lineBytes: 64 * 1024 } as const;
const I64_MAX = 9223372036854775807n;
const I64_MIN = -9223372036854775808n;

class ProtocolError extends Error {}
class PeerClosed extends Error {}

// ---------------------------------------------------------------- the store

class KeyValueStore {
  private readonly entries = new Map<string, { value: Buffer; expiresAt: number | null }>();

  constructor() {
    setInterval(() => {
      for (const key of this.entries.keys()) this.get(key);
    }, 1000).unref();
  }

  get(key: string): Buffer | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt !== null && Date.now() >= entry.expiresAt) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  expiryOf(key: string): number | null {
    return this.get(key) === undefined ? null : (this.entries.get(key)?.expiresAt ?? null);
  }

  set(key: string, value: Buffer, expiresAt: number | null): void {
    this.entries.set(key, { value, expiresAt });
  }

  delete(key: string): boolean {
    return this.get(key) !== undefined && this.entries.delete(key);
  }
}

const db = new KeyValueStore();

// ---------------------------------------------------------------- replies and commands

const enc = {
  ok: Buffer.from('+OK\r\n'),
  status: (s: string) => Buffer.from(`+${s}\r\n`),
  err: (s: string) => Buffer.from(`-${s}\r\n`),
  int: (n: bigint | number) => Buffer.from(`:${n}\r\n`),
  nil: Buffer.from('$-1\r\n'),
  bulk: (b: Buffer) => Buffer.concat([Buffer.from(`$${b.length}\r\n`), b, Buffer.from('\r\n')]),
};

function strictInt(bytes: Buffer): bigint | null {
  const s = bytes.toString('latin1');
  if (!/^(0|-?[1-9][0-9]*)$/.test(s)) return null;
  const n = BigInt(s);
  return n < I64_MIN || n > I64_MAX ? null : n;
}

const arityError = (name: string) => enc.err(`ERR wrong number of arguments for '${name}' command`);
const asKey = (b: Buffer) => b.toString('latin1');

function run([nameBytes, ...rest]: Buffer[]): Buffer {
  const name = nameBytes.toString('latin1').toLowerCase();
  if (name === 'ping') {
    if (rest.length > 1) return arityError(name);
    return rest.length === 1 ? enc.bulk(rest[0]) : enc.status('PONG');
  }
  if (name === 'echo') return rest.length === 1 ? enc.bulk(rest[0]) : arityError(name);
  if (name === 'get') {
    if (rest.length !== 1) return arityError(name);
    const value = db.get(asKey(rest[0]));
    return value === undefined ? enc.nil : enc.bulk(value);
  }
  if (name === 'set') {
    if (rest.length < 2) return arityError(name);
    const [key, value, option, amount] = rest;
    if (rest.length === 2) {
      db.set(asKey(key), value, null);
      return enc.ok;
    }
    if (rest.length !== 4 || option.toString('latin1').toLowerCase() !== 'px') return enc.err('ERR syntax error');
    const ms = strictInt(amount);
    if (ms === null) return enc.err('ERR value is not an integer or out of range');
    if (ms < 1n) return enc.err("ERR invalid expire time in 'set' command");
    db.set(asKey(key), value, Date.now() + Number(ms));
    return enc.ok;
  }
  if (name === 'del') {
    if (rest.length === 0) return arityError(name);
    return enc.int(rest.filter((k) => db.delete(asKey(k))).length);
  }
  if (name === 'exists') {
    if (rest.length === 0) return arityError(name);
    return enc.int(rest.filter((k) => db.get(asKey(k)) !== undefined).length);
  }
  if (name === 'incr') {
    if (rest.length !== 1) return arityError(name);
    const key = asKey(rest[0]);
    const old = db.get(key);
    const n = old === undefined ? 0n : strictInt(old);
    if (n === null) return enc.err('ERR value is not an integer or out of range');
    if (n + 1n > I64_MAX) return enc.err('ERR increment or decrement would overflow');
    db.set(key, Buffer.from(String(n + 1n)), db.expiryOf(key));
    return enc.int(n + 1n);
  }
  if (name === 'info') return enc.bulk(Buffer.from('# Server\r\nredis_version:7.0.0-lesson14\r\n'));
  if (name === 'client') return enc.ok;
  const shown = Buffer.from(nameBytes.map((b) => (b === 0x0d || b === 0x0a ? 0x20 : b)));
  return Buffer.concat([Buffer.from("-ERR unknown command '"), shown, Buffer.from("'\r\n")]);
}

// ---------------------------------------------------------------- the reader

class ByteReader {
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;
  private ended = false;
  private stopped = false;
  private wake: (() => void) | null = null;

  constructor(socket: net.Socket, private readonly beforeWaiting: () => void) {
    socket.on('data', (chunk: Buffer) => {
      if (this.stopped) return; // after QUIT or a protocol error: ignored
      this.buf = this.pos >= this.buf.length ? chunk : Buffer.concat([this.buf.subarray(this.pos), chunk]);
      this.pos = 0;
      this.resume();
    });
    socket.on('end', () => {
      this.ended = true;
      this.resume();
    });
    socket.on('close', () => {
      this.ended = true;
      this.resume();
    });
  }

  /** Drops everything that arrives from now on. */
  stop(): void {
    this.stopped = true;
    this.buf = Buffer.alloc(0);
    this.pos = 0;
  }

  private resume(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  private get available(): number {
    return this.buf.length - this.pos;
  }

  /** Waits for at least one more byte than there is now. */
  private async more(): Promise<void> {
    this.beforeWaiting();
    const before = this.available;
    while (this.available === before) {
      if (this.ended) throw new PeerClosed();
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  async peek(): Promise<number> {
    while (this.available < 1) await this.more();
    return this.buf[this.pos];
  }

  async byte(): Promise<number> {
    const b = await this.peek();
    this.pos++;
    return b;
  }

  /** The bytes up to the next '\n' (without it; a '\r' before it stays), at most the line limit. */
  async line(): Promise<Buffer> {
    for (;;) {
      const lf = this.buf.indexOf(0x0a, this.pos);
      if (lf !== -1) {
        const line = this.buf.subarray(this.pos, lf);
        this.pos = lf + 1;
        return line;
      }
      const pending = this.available - (this.buf[this.buf.length - 1] === 0x0d ? 1 : 0);
      if (pending > LIMITS.lineBytes) throw new ProtocolError('too big request line');
      await this.more();
    }
  }

  async exact(n: number): Promise<Buffer> {
    while (this.available < n) await this.more();
    const out = Buffer.from(this.buf.subarray(this.pos, this.pos + n));
    this.pos += n;
    return out;
  }
}

/** "*12\r" or "$5\r" (the line without its '\n'): the number, if it is digits and a '\r' ends it. */
function headerNumber(line: Buffer, signed: boolean): number | null {
  if (line.length < 3 || line[line.length - 1] !== 0x0d) return null;
  const text = line.toString('latin1', 1, line.length - 1);
  return (signed ? /^-?[0-9]+$/ : /^[0-9]+$/).test(text) ? Number(text) : null;
}

/** One request: its words, or [] for the requests that are nothing (*0, an empty line). */
async function readRequest(r: ByteReader): Promise<Buffer[]> {
  if ((await r.peek()) !== 0x2a) {
    let line = await r.line();
    if (line.length > 0 && line[line.length - 1] === 0x0d) line = line.subarray(0, line.length - 1);
    if (line.length > LIMITS.lineBytes) throw new ProtocolError('too big inline request');
    return line
      .toString('latin1')
      .split(/[ \t]+/)
      .filter((w) => w.length > 0)
      .map((w) => Buffer.from(w, 'latin1'));
  }
  const count = headerNumber(await r.line(), true);
  if (count === null || count > LIMITS.elements) throw new ProtocolError('invalid multibulk length');
  const words: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const type = await r.peek();
    if (type !== 0x24) throw new ProtocolError(`expected '$', got '${String.fromCharCode(type)}'`);
    const len = headerNumber(await r.line(), false);
    if (len === null || len > LIMITS.bulkBytes) throw new ProtocolError('invalid bulk length');
    words.push(await r.exact(len));
    if ((await r.byte()) !== 0x0d || (await r.byte()) !== 0x0a) throw new ProtocolError('expected CRLF after bulk');
  }
  return words;
}

async function serve(socket: net.Socket): Promise<void> {
  const pending: Buffer[] = [];
  const flush = (): void => {
    if (pending.length === 0 || !socket.writable) return;
    socket.write(Buffer.concat(pending));
    pending.length = 0;
  };
  const reader = new ByteReader(socket, flush);
  try {
    for (;;) {
      const words = await readRequest(reader);
      if (words.length === 0) continue;
      if (words[0].toString('latin1').toLowerCase() === 'quit') {
        pending.push(enc.ok);
        break;
      }
      pending.push(run(words));
    }
  } catch (err) {
    if (err instanceof PeerClosed) return;
    if (!(err instanceof ProtocolError)) throw err;
    pending.push(enc.err(`ERR Protocol error: ${err.message}`));
  }
  flush();
  reader.stop();
  socket.end();
}

const server = net.createServer((socket) => {
  socket.on('error', (err: NodeJS.ErrnoException) => console.error('socket error:', err.code));
  serve(socket).catch((err: unknown) => {
    console.error('connection failed:', err);
    socket.destroy();
  });
});

server.listen(PORT, HOST, () => {
  const { port } = server.address() as net.AddressInfo;
  console.log(`listening on ${HOST}:${port}`);
});
