// Lesson 08 — a client for the length-prefixed binary protocol.
//
//   npx tsx client.ts echo <text> | sum <n…> | ulen <text>   (one or more, in any order)
//   npx tsx client.ts sum 1 2 3 ulen 안녕 echo hi
//
// It sends one frame per operation, all at once (pipelined), then prints one line per reply,
// in order: `echo <text>`, `sum <n>`, `ulen <code points> <bytes>` or `error <message>`.
// Exit code: 0 when every operation got its reply; 1 when the connection failed or closed
// first (for example after a fatal error frame); 2 for a wrong command line or no reply in time.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);
const MAX_FRAME = 1024 * 1024; // a reply may not claim more than this either
const USAGE = 'usage: client.ts echo <text> | sum <n…> | ulen <text>  (one or more)';

/** One frame: u32 BE length of what follows, u8 op, payload. */
function frame(op: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.writeUInt32BE(1 + payload.length, 0);
  head.writeUInt8(op, 4);
  return Buffer.concat([head, payload]);
}

function usage(problem: string): never {
  console.error(`${problem}\n${USAGE}`);
  process.exit(2);
}

/** Turns the command line into request frames. */
function parse(args: string[]): Buffer[] {
  const frames: Buffer[] = [];
  for (let i = 0; i < args.length; ) {
    const word = args[i++];
    if (word === 'echo' || word === 'ulen') {
      const text = args[i++];
      if (text === undefined) usage(`${word} needs a text`);
      frames.push(frame(word === 'echo' ? 0x01 : 0x03, Buffer.from(text, 'utf8')));
    } else if (word === 'sum') {
      const numbers: number[] = [];
      while (i < args.length && /^-?\d+$/.test(args[i]!)) numbers.push(Number(args[i++]));
      const payload = Buffer.alloc(4 * numbers.length);
      numbers.forEach((n, k) => {
        if (n < -2147483648 || n > 2147483647) usage(`${n} does not fit in an int32`);
        payload.writeInt32BE(n, 4 * k);
      });
      frames.push(frame(0x02, payload));
    } else {
      usage(`unknown operation "${word}"`);
    }
  }
  if (frames.length === 0) usage('no operation given');
  return frames;
}

/** One reply frame as a line of output. */
function describe(op: number, payload: Buffer): string {
  switch (op) {
    case 0x81:
      return `echo ${payload.toString('utf8')}`;
    case 0x82:
      // 64 bits, signed: readBigInt64BE, not readInt32BE (the sum may not fit in 32 bits).
      return `sum ${payload.readBigInt64BE(0)}`;
    case 0x83:
      return `ulen ${payload.readUInt32BE(0)} ${payload.readUInt32BE(4)}`;
    case 0xff:
      return `error ${payload.toString('utf8')}`;
    default:
      throw new Error(`unexpected reply op 0x${op.toString(16)}`);
  }
}

const requests = parse(process.argv.slice(2));
let answered = 0;
let pending: Buffer = Buffer.alloc(0);

const socket = net.connect({ host: HOST, port: PORT }, () => {
  // Pipelining: every request goes out at once; the replies come back in the same order.
  socket.write(Buffer.concat(requests));
});
socket.setTimeout(5000);

function fail(message: string, code: number): void {
  console.error(message);
  process.exitCode = code;
  socket.destroy();
}

socket.on('data', (chunk: Buffer) => {
  pending = Buffer.concat([pending, chunk]);
  // Same framer as the server: wait for the 4-byte header, then for the whole body.
  while (pending.length > 0) { // wrong: assumes the 4-byte header arrives whole
    const length = pending.readUInt32BE(0);
    if (length === 0 || length > MAX_FRAME) return fail(`reply frame too large or empty (length ${length})`, 1);
    if (pending.length < 4 + length) return;
    const op = pending[4]!;
    const payload = pending.subarray(5, 4 + length);
    pending = pending.subarray(4 + length);
    try {
      console.log(describe(op, payload));
    } catch (err) {
      return fail((err as Error).message, 1);
    }
    if (++answered === requests.length) {
      socket.end(); // every operation has its reply: close our side (FIN)
      return;
    }
  }
});

socket.on('end', () => {
  if (answered < requests.length) {
    console.error(`the server closed the connection after ${answered} of ${requests.length} replies`);
    process.exitCode = 1;
  }
});

socket.on('timeout', () => fail(`no reply from ${HOST}:${PORT} within 5 s`, 2));

socket.on('error', (err: NodeJS.ErrnoException) => {
  console.error(`could not talk to ${HOST}:${PORT}: ${err.code ?? err.message}`);
  process.exitCode = 1;
});
