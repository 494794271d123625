// Lesson 08 — binary frame client.
// Style: the same FrameReader state machine as the server, over a list of chunks; a queue of
// expected operations that empties as replies are printed.
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

class FrameReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private state: 'header' | 'body' | 'stopped' = 'header';
  private bodyLength = 0;

  constructor(
    private readonly onFrame: (op: number, payload: Buffer) => void,
    private readonly onBadLength: (length: number) => void,
  ) {}

  stop(): void {
    this.state = 'stopped';
    this.chunks = [];
    this.buffered = 0;
  }

  push(chunk: Buffer): void {
    if (this.state === 'stopped') return;
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    for (;;) {
      if (this.state === 'header') {
        if (this.buffered < 4) return;
        const length = this.take(4).readUInt32BE(0);
        if (length === 0 || length > MAX_FRAME) {
          this.stop();
          this.onBadLength(length);
          return;
        }
        this.bodyLength = length;
        this.state = 'body';
      } else if (this.state === 'body') {
        if (this.buffered < this.bodyLength) return;
        const body = this.take(this.bodyLength);
        this.state = 'header';
        this.onFrame(body[0]!, body.subarray(1));
      } else {
        return;
      }
    }
  }

  private take(n: number): Buffer {
    const parts: Buffer[] = [];
    let left = n;
    while (left > 0) {
      const first = this.chunks[0]!;
      if (first.length <= left) {
        parts.push(first);
        this.chunks.shift();
        left -= first.length;
      } else {
        parts.push(first.subarray(0, left));
        this.chunks[0] = first.subarray(left);
        left = 0;
      }
    }
    this.buffered -= n;
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts, n);
  }
}

function encode(op: Operation): Buffer {
  let code: number;
  let payload: Buffer;
  if (op.name === 'sum') {
    code = 0x02;
    payload = Buffer.alloc((op.numbers ?? []).length * 4);
    (op.numbers ?? []).forEach((n, i) => payload.writeInt32BE(n, i * 4));
  } else {
    code = op.name === 'echo' ? 0x01 : 0x03;
    payload = Buffer.from(op.text ?? '', 'utf8');
  }
  const out = Buffer.allocUnsafe(5 + payload.length);
  out.writeUInt32BE(1 + payload.length, 0);
  out[4] = code;
  payload.copy(out, 5);
  return out;
}

const waiting = parse(process.argv.slice(2)); // operations still without a reply, in order

const socket = net.connect({ host: HOST, port: PORT });

function giveUp(why: string): void {
  console.error(why);
  process.exitCode = 1;
  reader.stop();
  socket.destroy();
}

function settleOne(): void {
  waiting.shift();
  if (waiting.length === 0) {
    reader.stop();
    socket.end();
    socket.unref(); // nothing more to wait for, whether or not the server closes
  }
}

const reader = new FrameReader(
  (op, payload) => {
    if (op === 0x81) {
      console.log(`echo ${payload.toString('utf8')}`);
    } else if (op === 0x82 && payload.length === 8) {
      console.log(`sum ${payload.readBigInt64BE(0).toString()}`);
    } else if (op === 0x83 && payload.length === 8) {
      console.log(`ulen ${payload.readUInt32BE(0)} ${payload.readUInt32BE(4)}`);
    } else if (op === 0xff) {
      const message = payload.toString('utf8');
      console.log(`error ${message}`);
      if (message === 'frame too large' || message === 'empty frame') return; // the server closes: not an answer
    } else {
      return giveUp(`malformed reply (op 0x${op.toString(16)}, ${payload.length} bytes)`);
    }
    settleOne();
  },
  (length) => giveUp(`reply length ${length} refused`),
);

socket.on('connect', () => {
  socket.write(Buffer.concat(waiting.map(encode)));
  if (waiting.length === 0) {
    socket.end();
    socket.unref();
  }
});
socket.on('data', (chunk: Buffer) => reader.push(chunk));
socket.on('close', () => {
  if (waiting.length > 0) process.exitCode = 1;
});
socket.on('error', (err: NodeJS.ErrnoException) => {
  console.error(`could not talk to ${HOST}:${PORT}: ${err.code ?? err.message}`);
  process.exitCode = 1;
});
