// Lesson 08 — binary frame client: connect with events.once, then `for await` over reply frames.
import net from 'node:net';
import { once } from 'node:events';

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

type Frame = { op: number; payload: Buffer };
class BadLength {
  constructor(readonly length: number) {}
}

async function* readFrames(chunks: AsyncIterable<Buffer>): AsyncGenerator<Frame | BadLength> {
  let pending: Buffer = Buffer.alloc(0);
  for await (const chunk of chunks) {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    for (;;) {
      if (pending.length < 4) break;
      const length = pending.readUInt32BE(0);
      if (length < 1 || length > MAX_FRAME) {
        yield new BadLength(length);
        return;
      }
      if (pending.length < 4 + length) break;
      yield { op: pending[4]!, payload: pending.subarray(5, 4 + length) };
      pending = pending.subarray(4 + length);
    }
  }
}

const encodeFrame = (op: number, payload: Uint8Array): Buffer => {
  const head = Buffer.alloc(5);
  head.writeUInt32BE(payload.length + 1, 0);
  head[4] = op;
  return Buffer.concat([head, payload]);
};

const encodeOp = (op: Operation): Buffer => {
  if (op.name === 'sum') {
    const numbers = op.numbers ?? [];
    const payload = Buffer.alloc(numbers.length * 4);
    numbers.forEach((n, i) => payload.writeInt32BE(n, i * 4));
    return encodeFrame(0x02, payload);
  }
  return encodeFrame(op.name === 'echo' ? 0x01 : 0x03, Buffer.from(op.text ?? '', 'utf8'));
};

const lineFor = ({ op, payload }: Frame): string | undefined => {
  switch (op) {
    case 0x81: return `echo ${payload.toString('utf8')}`;
    case 0x82: return payload.length === 8 ? `sum ${payload.readBigInt64BE(0)}` : undefined;
    case 0x83: return payload.length === 8 ? `ulen ${payload.readUInt32BE(0)} ${payload.readUInt32BE(4)}` : undefined;
    case 0xff: return `error ${payload.toString('utf8')}`;
    default: return undefined;
  }
};

async function main(): Promise<number> {
  const operations = parse(process.argv.slice(2));
  const socket = net.connect({ host: HOST, port: PORT });
  await once(socket, 'connect');
  socket.write(Buffer.concat(operations.map(encodeOp)));

  let answered = 0;
  if (answered === operations.length) {
    socket.end();
    return 0;
  }
  const chunks = socket.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>;
  for await (const item of readFrames(chunks)) {
    if (item instanceof BadLength) {
      console.error(`reply length ${item.length} refused`);
      socket.destroy();
      return 1;
    }
    const line = lineFor(item);
    if (line === undefined) console.error(`odd reply: op 0x${item.op.toString(16)}, ${item.payload.length} bytes`);
    else console.log(line);
    answered++;
    if (answered === operations.length) {
      socket.end();
      return 0;
    }
  }
  console.error(`the server closed after ${answered} of ${operations.length} replies`);
  return 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: NodeJS.ErrnoException) => {
    console.error(`could not talk to ${HOST}:${PORT}: ${err.code ?? err.message}`);
    process.exitCode = 1;
  },
);
