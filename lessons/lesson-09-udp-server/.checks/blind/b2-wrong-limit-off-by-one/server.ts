// Lesson 09 — UDP server as a class; the request is inspected as bytes, verbs compared as
// byte prefixes, and every reply built as a Buffer.
import dgram from 'node:dgram';
import { isUtf8 } from 'node:buffer';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

const ECHO_PREFIX = Buffer.from('ECHO ', 'ascii');
const PING_PATTERN = /^PING (\d+) (\S+)\n?$/;

class DatagramService {
  static readonly LIMIT = 1200;
  private static readonly TOO_LARGE = Buffer.from('ERR too large');
  private static readonly BAD = Buffer.from('ERR bad request');

  private readonly sock: dgram.Socket;
  private isBound = false;

  constructor(private readonly host: string, private readonly port: number) {
    this.sock = dgram.createSocket({ type: 'udp4' });
    this.sock.on('message', (m, r) => this.onDatagram(m, r));
    this.sock.on('listening', () => this.onListening());
    this.sock.on('error', (e: NodeJS.ErrnoException) => this.onError(e));
  }

  start(): void {
    this.sock.bind({ port: this.port, address: this.host });
  }

  private onListening(): void {
    this.isBound = true;
    const { address, port } = this.sock.address();
    console.log(`listening (udp) on ${address}:${port}`);
  }

  private onError(e: NodeJS.ErrnoException): void {
    console.error('socket error:', e.code);
    if (!this.isBound) {
      process.exitCode = 1;
      this.sock.close();
    }
  }

  private onDatagram(msg: Buffer, from: dgram.RemoteInfo): void {
    const reply = this.reply(msg);
    this.sock.send(reply, from.port, from.address, (err) => {
      if (err) console.error('send failed:', err.message);
    });
  }

  private reply(msg: Buffer): Buffer {
    if (msg.byteLength >= DatagramService.LIMIT) return DatagramService.TOO_LARGE;
    if (msg.byteLength === 0) return DatagramService.BAD;
    if (!isUtf8(msg)) return DatagramService.BAD;
    if (msg.subarray(0, ECHO_PREFIX.length).equals(ECHO_PREFIX)) {
      return msg.subarray(ECHO_PREFIX.length);
    }
    const m = PING_PATTERN.exec(msg.toString('utf8'));
    if (m !== null) return Buffer.from(`PONG ${m[1]} ${m[2]}`, 'utf8');
    return DatagramService.BAD;
  }
}

new DatagramService(HOST, PORT).start();
