// Lesson 08 — binary frame client.
// Style: async/await: wait for 'connect', write every frame, then `for await` over an async
// generator of reply frames; the exit code is decided once the loop is over.
import net from 'node:net';
import { once } from 'node:events';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);
const LIMIT = 1_048_576;

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

class BadLength extends Error {}

async function* replies(socket: net.Socket): AsyncGenerator<{ op: number; payload: Buffer }> {
  let rest: Buffer = Buffer.alloc(0);
  for await (const chunk of socket as AsyncIterable<Buffer>) {
    rest = Buffer.concat([rest, chunk]);
    while (rest.length >= 4) {
      const length = rest.readUInt32BE(0);
      if (length === 0 || length > LIMIT) throw new BadLength(`reply length ${length}`);
      if (rest.length < 4 + length) break;
      yield { op: rest[4]!, payload: rest.subarray(5, 4 + length) };
      rest = rest.subarray(4 + length);
    }
  }
}

function toFrame(op: Operation): Buffer {
  const payload =
    op.name === 'sum'
      ? Buffer.concat(
          (op.numbers ?? []).map((n) => {
            const b = Buffer.alloc(4);
            b.writeInt32BE(n);
            return b;
          }),
        )
      : Buffer.from(op.text ?? '', 'utf8');
  const head = Buffer.alloc(5);
  head.writeUInt32BE(1 + payload.length);
  head[4] = op.name === 'echo' ? 0x01 : op.name === 'sum' ? 0x02 : 0x03;
  return Buffer.concat([head, payload]);
}

function line(op: number, payload: Buffer): string {
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
      throw new Error(`unknown reply op 0x${op.toString(16)}`);
  }
}

async function main(): Promise<number> {
  const operations = parse(process.argv.slice(2));
  const socket = net.connect({ host: HOST, port: PORT });
  socket.on('error', () => {}); // reported through once() / the iterator below
  try {
    await once(socket, 'connect');
  } catch (err) {
    console.error(`could not connect to ${HOST}:${PORT}: ${(err as NodeJS.ErrnoException).code}`);
    return 1;
  }
  socket.write(Buffer.concat(operations.map(toFrame)));
  let answered = 0;
  if (operations.length > 0) {
    try {
      for await (const { op, payload } of replies(socket)) {
        const text = line(op, payload);
        console.log(text);
        if (text === 'error frame too large' || text === 'error empty frame') continue; // fatal: the server closes
        answered += 1;
        if (answered === operations.length) {
          socket.end(); // our FIN; leaving the loop then releases the socket
          break;
        }
      }
    } catch (err) {
      console.error(`reply stream failed: ${(err as Error).message}`);
      socket.destroy();
      return 1;
    }
  }
  if (answered < operations.length) {
    console.error(`the server closed after ${answered} of ${operations.length} replies`);
    return 1;
  }
  socket.end();
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  },
);
