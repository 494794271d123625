// Lesson 14 — a Redis-like key-value server (RESP).
// Style: one Buffer per connection, a pure parseOne(buf, pos) that reads one request at an
// offset (undefined while incomplete, throws on bad bytes), and a switch on the command name.
// Expiry: no timer; expiresAt is stored with the value and checked in lookup().
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

const MAX_ARRAY_ELEMENTS = 1024;
const MAX_BULK_BYTES = 1024 * 1024;
const MAX_LINE_BYTES = 64 * 1024;

const I64_MAX = 2n ** 63n - 1n;
const I64_MIN = -(2n ** 63n);
const INTEGER_TEXT = /^(0|-?[1-9][0-9]*)$/;

const CR = 0x0d;
const LF = 0x0a;

interface Entry {
  value: Buffer;
  expiresAt?: number;
}

const store = new Map<string, Entry>();

class ProtocolError extends Error {}

const simple = (s: string): Buffer => Buffer.from(`+${s}\r\n`);
const error = (s: string): Buffer => Buffer.from(`-${s}\r\n`);
const integer = (n: number | bigint): Buffer => Buffer.from(`:${n}\r\n`);
const bulk = (value: Buffer | undefined): Buffer =>
  value === undefined
    ? Buffer.from('$-1\r\n')
    : Buffer.concat([Buffer.from(`$${value.length}\r\n`), value, Buffer.from('\r\n')]);

const OK = simple('OK');
const NOT_AN_INTEGER = error('ERR value is not an integer or out of range');
const INFO_TEXT = Buffer.from('# Server\r\nredis_version:7.0.0-lesson14\r\nredis_mode:standalone\r\n');

const keyOf = (b: Buffer): string => b.toString('latin1');

function wrongArgs(name: string): Buffer {
  return error(`ERR wrong number of arguments for '${name}' command`);
}

function unknownCommand(name: Buffer): Buffer {
  // The name as it was sent, byte for byte; only CR and LF would break the reply line.
  const safe = Buffer.from(name.map((b) => (b === CR || b === LF ? 0x20 : b)));
  return Buffer.concat([Buffer.from("-ERR unknown command '"), safe, Buffer.from("'\r\n")]);
}

/** A signed 64-bit integer written strictly, or undefined. */
function parseI64(text: string): bigint | undefined {
  if (!INTEGER_TEXT.test(text)) return undefined;
  const n = BigInt(text);
  return n < I64_MIN || n > I64_MAX ? undefined : n;
}

/** The live entry of a key: an expired one is deleted here and reads as missing. */
function lookup(key: string): Entry | undefined {
  const entry = store.get(key);
  if (entry === undefined) return undefined;
  if (entry.expiresAt !== undefined && entry.expiresAt <= Date.now()) {
    store.delete(key);
    return undefined;
  }
  return entry;
}

function execute(args: Buffer[]): Buffer {
  const name = args[0].toString('latin1').toLowerCase();
  const argc = args.length - 1;
  switch (name) {
    case 'ping':
      if (argc === 0) return simple('PONG');
      if (argc === 1) return bulk(args[1]);
      return wrongArgs(name);
    case 'echo':
      return argc === 1 ? bulk(args[1]) : wrongArgs(name);
    case 'set': {
      if (argc < 2) return wrongArgs(name);
      if (argc !== 2 && argc !== 4) return error('ERR syntax error');
      let expiresAt: number | undefined;
      if (argc === 4) {
        if (args[3].toString('latin1').toLowerCase() !== 'px') return error('ERR syntax error');
        const ms = parseI64(args[4].toString('latin1'));
        if (ms === undefined) return NOT_AN_INTEGER;
        if (ms <= 0n) return error("ERR invalid expire time in 'set' command");
        expiresAt = Date.now() + Number(ms);
      }
      const entry: Entry = { value: args[2] };
      if (expiresAt !== undefined) entry.expiresAt = expiresAt;
      store.set(keyOf(args[1]), entry);
      return OK;
    }
    case 'get':
      return argc === 1 ? bulk(lookup(keyOf(args[1]))?.value) : wrongArgs(name);
    case 'del': {
      if (argc < 1) return wrongArgs(name);
      let n = 0;
      for (const k of args.slice(1)) {
        const key = keyOf(k);
        if (lookup(key) !== undefined) {
          store.delete(key);
          n++;
        }
      }
      return integer(n);
    }
    case 'exists': {
      if (argc < 1) return wrongArgs(name);
      let n = 0;
      for (const k of args.slice(1)) if (lookup(keyOf(k)) !== undefined) n++;
      return integer(n);
    }
    case 'incr': {
      if (argc !== 1) return wrongArgs(name);
      const key = keyOf(args[1]);
      const entry = lookup(key);
      let current = 0n;
      if (entry !== undefined) {
        const parsed = parseI64(entry.value.toString('latin1'));
        if (parsed === undefined) return NOT_AN_INTEGER;
        current = parsed;
      }
      if (current === I64_MAX) return error('ERR increment or decrement would overflow');
      const next = current + 1n;
      const updated: Entry = { value: Buffer.from(next.toString()) };
      if (entry?.expiresAt !== undefined) updated.expiresAt = entry.expiresAt;
      store.set(key, updated);
      return integer(next);
    }
    case 'info':
      return bulk(INFO_TEXT);
    case 'client':
      return OK;
    default:
      return unknownCommand(args[0]);
  }
}

/** Length of a line still waiting for its end: a last '\r' may be the start of "\r\n". */
function pendingLineLength(buf: Buffer, pos: number): number {
  const n = buf.length - pos;
  return n > 0 && buf[buf.length - 1] === CR ? n - 1 : n;
}

/** A "*N" or "$N" header line at pos: its text after the type byte, and where it ends. */
function headerLine(buf: Buffer, pos: number): { text: string; next: number } | undefined {
  const lf = buf.indexOf(LF, pos);
  if (lf === -1) {
    if (pendingLineLength(buf, pos) > MAX_LINE_BYTES) throw new ProtocolError('too big header line');
    return undefined;
  }
  if (buf[lf - 1] !== CR || lf - 1 <= pos) throw new ProtocolError('header line must end in \\r\\n');
  return { text: buf.toString('latin1', pos + 1, lf - 1), next: lf + 1 };
}

type Parsed = { args: Buffer[]; next: number };

function parseArray(buf: Buffer, pos: number): Parsed | undefined {
  const header = headerLine(buf, pos);
  if (header === undefined) return undefined;
  if (!/^-?[0-9]+$/.test(header.text)) throw new ProtocolError('invalid multibulk length');
  const count = Number(header.text);
  if (count <= 0) return { args: [], next: header.next };
  if (count > MAX_ARRAY_ELEMENTS) throw new ProtocolError('invalid multibulk length');
  const args: Buffer[] = [];
  let p = header.next;
  for (let i = 0; i < count; i++) {
    if (p >= buf.length) return undefined;
    if (buf[p] !== 0x24) throw new ProtocolError(`expected '$', got '${String.fromCharCode(buf[p])}'`);
    const line = headerLine(buf, p);
    if (line === undefined) return undefined;
    if (!/^[0-9]+$/.test(line.text)) throw new ProtocolError('invalid bulk length');
    const len = Number(line.text);
    if (len > MAX_BULK_BYTES) throw new ProtocolError('invalid bulk length');
    const start = line.next;
    const end = start + len;
    if (buf.length <= end) return undefined; // the value is not all here yet
    if (buf[end] !== CR || buf[end + 1] !== LF) throw new ProtocolError('bulk string not followed by \\r\\n');
    args.push(Buffer.from(buf.subarray(start, end)));
    p = end + 2;
  }
  return { args, next: p };
}

function splitWords(line: Buffer): Buffer[] {
  const words: Buffer[] = [];
  let start = -1;
  for (let i = 0; i <= line.length; i++) {
    const sep = i === line.length || line[i] === 0x20 || line[i] === 0x09;
    if (sep) {
      if (start !== -1) words.push(Buffer.from(line.subarray(start, i)));
      start = -1;
    } else if (start === -1) {
      start = i;
    }
  }
  return words;
}

function parseInline(buf: Buffer, pos: number): Parsed | undefined {
  const lf = buf.indexOf(LF, pos);
  if (lf === -1) {
    if (pendingLineLength(buf, pos) > MAX_LINE_BYTES) throw new ProtocolError('too big inline request');
    return undefined;
  }
  const end = lf > pos && buf[lf - 1] === CR ? lf - 1 : lf;
  if (end - pos > MAX_LINE_BYTES) throw new ProtocolError('too big inline request');
  return { args: splitWords(buf.subarray(pos, end)), next: lf + 1 };
}

function parseOne(buf: Buffer, pos: number): Parsed | undefined {
  return buf[pos] === 0x2a ? parseArray(buf, pos) : parseInline(buf, pos);
}

const server = net.createServer((socket) => {
  let buffered: Buffer = Buffer.alloc(0);
  let closed = false;

  socket.on('data', (chunk: Buffer) => {
    if (closed) return;
    buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
    const replies: Buffer[] = [];
    let pos = 0;
    try {
      while (pos < buffered.length) {
        const request = parseOne(buffered, pos);
        if (request === undefined) break;
        pos = request.next;
        if (request.args.length === 0) continue;
        if (request.args[0].toString('latin1').toLowerCase() === 'quit') {
          replies.push(OK);
          closed = true;
          break;
        }
        replies.push(execute(request.args));
      }
    } catch (err) {
      if (!(err instanceof ProtocolError)) throw err;
      replies.push(error(`ERR Protocol error: ${err.message}`));
      closed = true;
    }
    if (replies.length > 0) socket.write(replies.length === 1 ? replies[0] : Buffer.concat(replies));
    if (closed) {
      buffered = Buffer.alloc(0);
      socket.end();
      return;
    }
    buffered = pos === 0 ? buffered : Buffer.from(buffered.subarray(pos));
  });
  socket.on('error', (err: NodeJS.ErrnoException) => console.error('socket error:', err.code));
});

server.listen(PORT, HOST, () => {
  const { port } = server.address() as net.AddressInfo;
  console.log(`listening on ${HOST}:${port}`);
});
