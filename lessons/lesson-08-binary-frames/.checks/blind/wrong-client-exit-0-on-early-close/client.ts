// Lesson 08 — binary frame client (functional helpers, same framer as the server).
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);
const MAX_FRAME = 1024 * 1024;

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

function request(op: Operation): Buffer {
  switch (op.name) {
    case 'echo':
      return frame(0x01, Buffer.from(op.text ?? '', 'utf8'));
    case 'ulen':
      return frame(0x03, Buffer.from(op.text ?? '', 'utf8'));
    case 'sum': {
      const nums = op.numbers ?? [];
      const payload = Buffer.alloc(4 * nums.length);
      nums.forEach((n, i) => payload.writeInt32BE(n, 4 * i));
      return frame(0x02, payload);
    }
  }
}

function describe(op: number, payload: Buffer): string {
  switch (op) {
    case 0x81:
      return `echo ${payload.toString('utf8')}`;
    case 0x82:
      return `sum ${payload.readBigInt64BE(0)}`;
    case 0x83:
      return `ulen ${payload.readUInt32BE(0)} ${payload.readUInt32BE(4)}`;
    case 0xff:
      return `error ${payload.toString('utf8')}`;
    default:
      return `error unexpected reply op 0x${op.toString(16)}`;
  }
}

const operations = parse(process.argv.slice(2));
let received = 0;
let done = false;

const socket = net.connect({ host: HOST, port: PORT }, () => {
  socket.write(Buffer.concat(operations.map(request)));
  if (operations.length === 0) finish();
});

function finish(): void {
  done = true;
  socket.end();
}

let pending: Buffer = Buffer.alloc(0);
socket.on('data', (chunk: Buffer) => {
  if (done) return;
  pending = Buffer.concat([pending, chunk]);
  while (pending.length >= 4) {
    const length = pending.readUInt32BE(0);
    if (length === 0 || length > MAX_FRAME) {
      console.error(`reply claims a length of ${length}: refusing it`);
      process.exitCode = 1;
      done = true;
      socket.destroy();
      return;
    }
    if (pending.length < 4 + length) break;
    console.log(describe(pending[4]!, pending.subarray(5, 4 + length)));
    pending = pending.subarray(4 + length);
    received++;
    if (received === operations.length) {
      finish();
      return;
    }
  }
});

socket.on('close', () => {
  if (received < operations.length) {
    console.error(`connection closed after ${received} of ${operations.length} replies`);
  }
});

socket.on('error', (err: NodeJS.ErrnoException) => {
  console.error(`could not talk to ${HOST}:${PORT}: ${err.code ?? err.message}`);
  process.exitCode = 1;
});
