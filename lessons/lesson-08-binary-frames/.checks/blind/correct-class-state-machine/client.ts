// Lesson 08 — binary frame client: a FrameReader state machine and a Client class.
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

type Item =
  | { kind: 'frame'; op: number; payload: Buffer }
  | { kind: 'bad-length'; length: number };

class FrameReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private state: { want: 'header' } | { want: 'body'; length: number } = { want: 'header' };

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
  }

  private take(n: number): Buffer {
    const out = Buffer.alloc(n);
    let filled = 0;
    while (filled < n) {
      const first = this.chunks[0]!;
      const used = Math.min(first.length, n - filled);
      first.copy(out, filled, 0, used);
      filled += used;
      if (used === first.length) this.chunks.shift();
      else this.chunks[0] = first.subarray(used);
    }
    this.buffered -= n;
    return out;
  }

  next(): Item | undefined {
    for (;;) {
      if (this.state.want === 'header') {
        if (this.buffered < 4) return undefined;
        const length = this.take(4).readUInt32BE(0);
        if (length === 0 || length > MAX_FRAME) return { kind: 'bad-length', length };
        this.state = { want: 'body', length };
        continue;
      }
      const { length } = this.state;
      if (this.buffered < length) return undefined;
      const body = this.take(length);
      this.state = { want: 'header' };
      return { kind: 'frame', op: body[0]!, payload: body.subarray(1) };
    }
  }
}

class Client {
  private reader = new FrameReader();
  private replies = 0;
  private finished = false;
  private readonly socket: net.Socket;

  constructor(private readonly ops: Operation[]) {
    this.socket = net.connect({ host: HOST, port: PORT }, () => this.sendAll());
    this.socket.on('data', (chunk: Buffer) => this.onData(chunk));
    this.socket.on('close', () => this.onClose());
    this.socket.on('error', (err: NodeJS.ErrnoException) => {
      console.error(`could not talk to ${HOST}:${PORT}: ${err.code ?? err.message}`);
      process.exitCode = 1;
    });
  }

  private static frame(op: number, payload: Buffer): Buffer {
    const out = Buffer.alloc(5 + payload.length);
    out.writeUInt32BE(1 + payload.length, 0);
    out[4] = op;
    payload.copy(out, 5);
    return out;
  }

  private static encode(op: Operation): Buffer {
    if (op.name === 'sum') {
      const nums = op.numbers ?? [];
      const payload = Buffer.alloc(nums.length * 4);
      for (let i = 0; i < nums.length; i++) payload.writeInt32BE(nums[i]!, i * 4);
      return Client.frame(0x02, payload);
    }
    return Client.frame(op.name === 'echo' ? 0x01 : 0x03, Buffer.from(op.text ?? ''));
  }

  private sendAll(): void {
    this.socket.write(Buffer.concat(this.ops.map((op) => Client.encode(op))));
    this.checkDone();
  }

  private checkDone(): void {
    if (!this.finished && this.replies === this.ops.length) {
      this.finished = true;
      this.socket.end();
    }
  }

  private onData(chunk: Buffer): void {
    if (this.finished) return;
    this.reader.push(chunk);
    for (let item = this.reader.next(); item; item = this.reader.next()) {
      if (item.kind === 'bad-length') {
        console.error(`refusing a reply of length ${item.length}`);
        this.finished = true;
        process.exitCode = 1;
        this.socket.destroy();
        return;
      }
      this.print(item.op, item.payload);
      this.replies++;
      this.checkDone();
      if (this.finished) return;
    }
  }

  private print(op: number, payload: Buffer): void {
    if (op === 0x81) console.log(`echo ${payload.toString('utf8')}`);
    else if (op === 0x82 && payload.length === 8) console.log(`sum ${payload.readBigInt64BE(0)}`);
    else if (op === 0x83 && payload.length === 8)
      console.log(`ulen ${payload.readUInt32BE(0)} ${payload.readUInt32BE(4)}`);
    else if (op === 0xff) console.log(`error ${payload.toString('utf8')}`);
    else console.error(`unexpected reply op 0x${op.toString(16)} (${payload.length} bytes)`);
  }

  private onClose(): void {
    if (this.replies < this.ops.length) {
      console.error(`closed with ${this.ops.length - this.replies} reply(ies) missing`);
      process.exitCode = 1;
    }
  }
}

new Client(parse(process.argv.slice(2)));
