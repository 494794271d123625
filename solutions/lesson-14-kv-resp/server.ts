// Lesson 14 — reference solution: a small Redis-like key-value server speaking a subset of RESP2.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

/** README "Limits". */
const MAX_ARRAY_ELEMENTS = 1024;
const MAX_BULK_BYTES = 1024 * 1024;
const MAX_LINE_BYTES = 64 * 1024;

const CRLF = Buffer.from('\r\n');

/** One key's entry: the value's bytes, and when it expires (ms since the epoch), if it does. */
interface Entry {
  value: Buffer;
  expiresAt?: number;
}

/** All keys, as latin1 strings: one character per byte, so any bytes make a key. */
const store = new Map<string, Entry>();

/** The entry of a key that has not expired yet; an expired one is deleted on the way (lazy expiry). */
function lookup(key: string): Entry | undefined {
  const entry = store.get(key);
  if (entry?.expiresAt !== undefined && entry.expiresAt <= Date.now()) {
    store.delete(key);
    return undefined;
  }
  return entry;
}

// Active expiry as well, so that memory is given back for keys nobody reads again: one sweep a
// second. It only deletes what lookup() would delete anyway, so it can never delete a newer value.
setInterval(() => {
  for (const key of store.keys()) lookup(key);
}, 1000).unref();

const simple = (s: string): Buffer => Buffer.from(`+${s}\r\n`);
const error = (s: string): Buffer => Buffer.from(`-${s}\r\n`);
const integer = (n: number | bigint): Buffer => Buffer.from(`:${n}\r\n`);
const bulk = (b: Buffer | undefined): Buffer =>
  b === undefined ? Buffer.from('$-1\r\n') : Buffer.concat([Buffer.from(`$${b.length}\r\n`), b, CRLF]);

const INTEGER = /^(0|-?[1-9][0-9]*)$/;
const I64_MAX = 2n ** 63n - 1n;
const I64_MIN = -(2n ** 63n);

const wrongArgs = (name: string): Buffer => error(`ERR wrong number of arguments for '${name}' command`);

/** Runs one command (its arguments as bytes) and returns the reply's bytes. */
function execute(args: Buffer[]): Buffer {
  const name = args[0]!.toString('latin1').toLowerCase();
  const argc = args.length;
  switch (name) {
    case 'ping':
      if (argc === 1) return simple('PONG');
      if (argc === 2) return bulk(args[1]);
      return wrongArgs(name);
    case 'echo':
      return argc === 2 ? bulk(args[1]) : wrongArgs(name);
    case 'set': {
      if (argc !== 3 && argc !== 5) return argc < 3 ? wrongArgs(name) : error('ERR syntax error');
      let expiresAt: number | undefined;
      if (argc === 5) {
        if (args[3]!.toString('latin1').toLowerCase() !== 'px') return error('ERR syntax error');
        const ms = args[4]!.toString('latin1');
        if (!INTEGER.test(ms) || BigInt(ms) > I64_MAX) return error('ERR value is not an integer or out of range');
        if (BigInt(ms) <= 0n) return error("ERR invalid expire time in 'set' command");
        expiresAt = Date.now() + Number(ms);
      }
      // A new entry replaces the old one, expiry and all: nothing of the old value can delete it.
      store.set(args[1]!.toString('latin1'), { value: args[2]!, expiresAt });
      return simple('OK');
    }
    case 'get':
      return argc === 2 ? bulk(lookup(args[1]!.toString('latin1'))?.value) : wrongArgs(name);
    case 'del': {
      if (argc < 2) return wrongArgs(name);
      let n = 0;
      for (const key of args.slice(1)) {
        const k = key.toString('latin1');
        if (lookup(k)) {
          store.delete(k);
          n++;
        }
      }
      return integer(n);
    }
    case 'exists': {
      if (argc < 2) return wrongArgs(name);
      return integer(args.slice(1).filter((key) => lookup(key.toString('latin1'))).length);
    }
    case 'incr': {
      if (argc !== 2) return wrongArgs(name);
      const key = args[1]!.toString('latin1');
      const entry = lookup(key);
      const text = entry ? entry.value.toString('latin1') : '0';
      if (!INTEGER.test(text) || BigInt(text) > I64_MAX || BigInt(text) < I64_MIN) {
        return error('ERR value is not an integer or out of range');
      }
      const next = BigInt(text) + 1n;
      if (next > I64_MAX) return error('ERR increment or decrement would overflow');
      // INCR keeps the key's expiry, as Redis does.
      store.set(key, { value: Buffer.from(String(next)), expiresAt: entry?.expiresAt });
      return integer(next);
    }
    case 'info':
      return bulk(Buffer.from('# Server\r\nredis_version:7.0.0-lesson14\r\n'));
    case 'client':
      return simple('OK');
    default: {
      const shown = args[0]!.toString('utf8').replace(/[\r\n]/g, ' ');
      return error(`ERR unknown command '${shown}'`);
    }
  }
}

/** Why the bytes cannot be read as a request: the connection is answered this, then closed. */
class ProtocolError extends Error {}

/** One request read off the buffer: its words (none for `*0` or an empty line), and where the next starts. */
interface Parsed {
  args: Buffer[];
  next: number;
}

/**
 * Reads the request that starts at `pos`: an array of bulk strings, or an inline line.
 * Returns undefined while it is not complete (wait for the next chunk); throws ProtocolError
 * when the bytes cannot be a request.
 */
function parseOne(buf: Buffer, pos: number): Parsed | undefined {
  if (buf[pos] !== 0x2a /* '*' */) return parseInline(buf, pos);
  const header = readLine(buf, pos);
  if (header === undefined) return undefined;
  const count = parseNumber(header.line.subarray(1), 'multibulk length', MAX_ARRAY_ELEMENTS, true);
  const args: Buffer[] = [];
  let p = header.next;
  for (let i = 0; i < count; i++) {
    if (p >= buf.length) return undefined;
    if (buf[p] !== 0x24 /* '$' */) throw new ProtocolError(`expected '$', got '${String.fromCharCode(buf[p]!)}'`);
    const h = readLine(buf, p);
    if (h === undefined) return undefined;
    const length = parseNumber(h.line.subarray(1), 'bulk length', MAX_BULK_BYTES, false);
    const end = h.next + length;
    if (buf.length < end + 2) return undefined; // the value (and its \r\n) is not all here yet
    if (buf[end] !== 0x0d || buf[end + 1] !== 0x0a) throw new ProtocolError('bulk string not followed by CRLF');
    args.push(Buffer.from(buf.subarray(h.next, end))); // a copy: the buffer it came from is reused
    p = end + 2;
  }
  return { args, next: p };
}

/** An inline command: one line, words separated by spaces or tabs. */
function parseInline(buf: Buffer, pos: number): Parsed | undefined {
  const nl = buf.indexOf(0x0a, pos);
  if (nl === -1) {
    if (buf.length - pos > MAX_LINE_BYTES) throw new ProtocolError('too big inline request');
    return undefined;
  }
  const end = nl > pos && buf[nl - 1] === 0x0d ? nl - 1 : nl;
  if (end - pos > MAX_LINE_BYTES) throw new ProtocolError('too big inline request');
  const args: Buffer[] = [];
  let start = -1;
  for (let i = pos; i <= end; i++) {
    const separator = i === end || buf[i] === 0x20 || buf[i] === 0x09;
    if (separator && start !== -1) {
      args.push(Buffer.from(buf.subarray(start, i)));
      start = -1;
    } else if (!separator && start === -1) {
      start = i;
    }
  }
  return { args, next: nl + 1 };
}

/** The line at `pos` without its CRLF, and where the next one starts; undefined if not complete. */
function readLine(buf: Buffer, pos: number): { line: Buffer; next: number } | undefined {
  const cr = buf.indexOf(CRLF, pos);
  if (cr === -1) {
    if (buf.length - pos > MAX_LINE_BYTES) throw new ProtocolError('too big header line');
    return undefined;
  }
  return { line: buf.subarray(pos, cr), next: cr + 2 };
}

/** The number after '*' or '$': decimal digits, at most `max`; a count of 0 or less is no command. */
function parseNumber(digits: Buffer, what: string, max: number, negativeIsEmpty: boolean): number {
  const text = digits.toString('latin1');
  if (!/^-?[0-9]+$/.test(text)) throw new ProtocolError(`invalid ${what}`);
  const n = Number(text);
  if (n > max || (n < 0 && !negativeIsEmpty)) throw new ProtocolError(`invalid ${what}`);
  return Math.max(n, 0);
}

const server = net.createServer((socket) => {
  let buffered: Buffer = Buffer.alloc(0);
  let closing = false;
  socket.on('data', (chunk: Buffer) => {
    if (closing) return;
    buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
    const replies: Buffer[] = [];
    let pos = 0;
    try {
      while (!closing && pos < buffered.length) {
        const request = parseOne(buffered, pos);
        if (request === undefined) break; // incomplete: keep the bytes for the next chunk
        pos = request.next;
        if (request.args.length === 0) continue; // *0, or an empty line: nothing to answer
        if (request.args[0]!.toString('latin1').toLowerCase() === 'quit') {
          replies.push(simple('OK')); // +OK, then FIN; whatever came after QUIT is not answered
          closing = true;
        } else {
          replies.push(execute(request.args));
        }
      }
    } catch (err) {
      if (!(err instanceof ProtocolError)) throw err;
      // The commands before the bad bytes have their replies; then the error, then FIN.
      replies.push(error(`ERR Protocol error: ${err.message}`));
      closing = true;
    }
    buffered = buffered.subarray(pos);
    // One write for all the replies of a chunk: a thousand pipelined commands, one write back.
    if (replies.length > 0) socket.write(Buffer.concat(replies));
    if (closing) socket.end();
  });
  socket.on('error', (err: NodeJS.ErrnoException) => console.error('socket error:', err.code));
});

server.listen(PORT, HOST, () => {
  const { port } = server.address() as net.AddressInfo;
  console.log(`listening on ${HOST}:${port}`);
});
