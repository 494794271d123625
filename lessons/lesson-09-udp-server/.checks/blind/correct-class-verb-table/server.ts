// Lesson 09 — UDP server as a class with a verb table; the verb is matched on the raw bytes.
import dgram from 'node:dgram';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

type Reply = Buffer;
type Handler = (rest: Buffer, text: string) => Reply | undefined;

const ERR_BAD = Buffer.from('ERR bad request');
const ERR_LARGE = Buffer.from('ERR too large');

class UdpPingServer {
  static readonly LIMIT = 1200;
  private readonly socket = dgram.createSocket({ type: 'udp4' });
  private readonly decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  private listening = false;

  private readonly verbs = new Map<string, Handler>([
    ['ECHO ', (rest) => rest],
    [
      'PING ',
      (rest, text) => {
        const m = /^(\d+) (\S+)\n?$/.exec(text.slice(5));
        return m ? Buffer.from(`PONG ${m[1]} ${m[2]}`) : undefined;
      },
    ],
  ]);

  constructor(private readonly host: string, private readonly port: number) {
    this.socket.on('message', (msg, rinfo) => this.onMessage(msg, rinfo));
    this.socket.on('listening', () => this.onListening());
    this.socket.on('error', (err: NodeJS.ErrnoException) => this.onError(err));
  }

  start(): void {
    this.socket.bind(this.port, this.host);
  }

  private isUtf8(msg: Buffer): string | null {
    try {
      return this.decoder.decode(msg);
    } catch {
      return null;
    }
  }

  private respond(msg: Buffer): Reply {
    if (msg.length > UdpPingServer.LIMIT) return ERR_LARGE;
    if (msg.length === 0) return ERR_BAD;
    const text = this.isUtf8(msg);
    if (text === null) return ERR_BAD;
    for (const [prefix, handler] of this.verbs) {
      const head = Buffer.from(prefix, 'ascii');
      if (msg.length >= head.length && msg.subarray(0, head.length).equals(head)) {
        return handler(msg.subarray(head.length), text) ?? ERR_BAD;
      }
    }
    return ERR_BAD;
  }

  private onMessage(msg: Buffer, rinfo: dgram.RemoteInfo): void {
    const reply = this.respond(msg);
    this.socket.send(reply, 0, reply.length, rinfo.port, rinfo.address);
  }

  private onListening(): void {
    this.listening = true;
    const a = this.socket.address();
    console.log(`listening (udp) on ${a.address}:${a.port}`);
  }

  private onError(err: NodeJS.ErrnoException): void {
    console.error(`socket error: ${err.code ?? err.message}`);
    if (!this.listening) {
      process.exitCode = 1;
      this.socket.close();
    }
  }
}

new UdpPingServer(HOST, PORT).start();
