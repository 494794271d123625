// Lesson 09 — UDP server (PING / ECHO).
// Style: a class around the one dgram socket; an async start() that awaits 'listening' with
// events.once (which rejects on a bind 'error'), byte-level checks before decoding.
import dgram from 'node:dgram';
import { once } from 'node:events';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

const ECHO_PREFIX = Buffer.from('ECHO ', 'ascii');
const PING_RE = /^PING (\d+) (\S+)\n?$/;

class PingEchoServer {
  static readonly MAX_BYTES = 1200;
  private readonly socket = dgram.createSocket('udp4');
  private readonly strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

  constructor() {
    this.socket.on('message', (msg, rinfo) => this.onMessage(msg, rinfo));
  }

  async start(port: number, host: string): Promise<dgram.Socket> {
    const listening = once(this.socket, 'listening');
    this.socket.bind(port, host);
    await listening; // rejects with the 'error' if bind fails
    this.socket.on('error', (err: NodeJS.ErrnoException) => console.error(`udp error after bind: ${err.code}`));
    return this.socket;
  }

  close(): void {
    this.socket.close();
  }

  private isUtf8(msg: Buffer): string | null {
    try {
      return this.strict.decode(msg);
    } catch {
      return null;
    }
  }

  reply(msg: Buffer): Buffer {
    if (msg.length > PingEchoServer.MAX_BYTES) return Buffer.from('ERR too large');
    if (msg.length === 0) return Buffer.from('ERR bad request');
    const text = this.isUtf8(msg);
    if (text === null) return Buffer.from('ERR bad request');
    if (msg.length >= ECHO_PREFIX.length && msg.subarray(0, ECHO_PREFIX.length).equals(ECHO_PREFIX)) {
      return msg.subarray(ECHO_PREFIX.length);
    }
    const m = PING_RE.exec(text);
    return Buffer.from(m ? `PONG ${m[1]} ${m[2]}` : 'ERR bad request');
  }

  private onMessage(msg: Buffer, rinfo: dgram.RemoteInfo): void {
    this.socket.send(this.reply(msg), rinfo.port, rinfo.address);
  }
}

const server = new PingEchoServer();
server.start(PORT, HOST).then(
  (socket) => {
    const { address, port } = socket.address();
    console.log(`listening on udp ${address}:${port}`);
  },
  (err: NodeJS.ErrnoException) => {
    console.error(`cannot bind ${HOST}:${PORT}: ${err.code}`);
    process.exitCode = 1;
    server.close();
  },
);
