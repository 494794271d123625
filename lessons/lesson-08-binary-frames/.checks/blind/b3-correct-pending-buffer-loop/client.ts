// Lesson 08 — binary frame client.
// Style: one pending Buffer, concat + subarray in a while loop; counts replies as they come.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);
const MAX_FRAME = 1024 * 1024;
const FATAL = new Set(['error empty frame', 'error frame too large']);

interface Operation {
  name: 'echo' | 'sum' | 'ulen';
  text?: string;
  numbers?: number[];
}

function parse(args: string[]): Operation[] {
  const ops: Operation[] = [];
  for (let i = 0; i < args.length; ) {
    const name = args[i++];
    if (name === 'echo' || name === 'ulen') {
      const text = args[i++];
      if (text === undefined) throw new Error(`${name} needs a text`);
      ops.push({ name, text });
    } else if (name === 'sum') {
      const numbers: number[] = [];
      while (i < args.length && /^-?\d+$/.test(args[i]!)) numbers.push(Number(args[i++]));
      ops.push({ name, numbers });
    } else {
      throw new Error(`unknown operation "${name}"`);
    }
  }
  return ops;
}

function frame(op: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.writeUInt32BE(1 + payload.length, 0);
  head.writeUInt8(op, 4);
  return Buffer.concat([head, payload]);
}

function request(operation: Operation): Buffer {
  if (operation.name === 'sum') {
    const nums = operation.numbers ?? [];
    const payload = Buffer.alloc(4 * nums.length);
    nums.forEach((n, i) => payload.writeInt32BE(n, 4 * i));
    return frame(0x02, payload);
  }
  const text = Buffer.from(operation.text ?? '', 'utf8');
  return frame(operation.name === 'echo' ? 0x01 : 0x03, text);
}

function describe(op: number, payload: Buffer): string | undefined {
  switch (op) {
    case 0x81:
      return `echo ${payload.toString('utf8')}`;
    case 0x82:
      return payload.length === 8 ? `sum ${payload.readBigInt64BE(0)}` : undefined;
    case 0x83:
      return payload.length === 8 ? `ulen ${payload.readUInt32BE(0)} ${payload.readUInt32BE(4)}` : undefined;
    case 0xff:
      return `error ${payload.toString('utf8')}`;
    default:
      return undefined;
  }
}

const operations = parse(process.argv.slice(2));
let answered = 0;
let failed = false;
let pending: Buffer = Buffer.alloc(0);

function fail(why: string): void {
  failed = true;
  console.error(why);
  process.exitCode = 1;
  socket.destroy();
}

const socket = net.connect({ host: HOST, port: PORT }, () => {
  socket.write(Buffer.concat(operations.map(request)));
  if (operations.length === 0) socket.end();
});

socket.on('data', (chunk: Buffer) => {
  pending = Buffer.concat([pending, chunk]);
  while (!failed && answered < operations.length && pending.length >= 4) {
    const length = pending.readUInt32BE(0);
    if (length === 0 || length > MAX_FRAME) return fail(`reply claims a length of ${length}`);
    if (pending.length < 4 + length) break;
    const line = describe(pending[4]!, pending.subarray(5, 4 + length));
    if (line === undefined) return fail(`unexpected reply op 0x${pending[4]!.toString(16)}`);
    console.log(line);
    pending = pending.subarray(4 + length);
    // the two fatal errors refuse the stream, not one operation: the server closes next
    if (FATAL.has(line)) continue;
    answered += 1;
    if (answered === operations.length) socket.end();
  }
});

socket.on('close', () => {
  if (answered < operations.length) {
    if (!failed) console.error(`connection closed after ${answered} of ${operations.length} replies`);
    process.exitCode = 1;
  }
});

socket.on('error', (err: NodeJS.ErrnoException) => {
  console.error(`could not talk to ${HOST}:${PORT}: ${err.code ?? err.message}`);
  process.exitCode = 1;
});
