/**
 * The checker's own TCP client and server. Both hand back PeerSockets that record into a
 * transcript; both are closed by the scenario that opened them.
 */
import net from 'node:net';
import { text } from '../i18n.ts';
import { PeerSocket } from './peer-socket.ts';
import type { Transcript } from './transcript.ts';

export type ConnectOutcome = { ok: true; peer: PeerSocket } | { ok: false; code: string; message: string };

/** Where the checker's end of a connection is bound (a lesson about endpoints chooses it). */
export interface LocalEnd {
  localAddress?: string;
  localPort?: number;
}

/** Connects as a client (the checker on the left of the diagram). */
export function connectPeer(port: number, host: string, transcript: Transcript, ms = 2000, local: LocalEnd = {}): Promise<ConnectOutcome> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host, allowHalfOpen: true, autoSelectFamily: false, ...local });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ ok: false, code: 'ETIMEDOUT', message: `connect timed out after ${ms} ms` });
    }, ms);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      transcript.connect('right');
      resolve({ ok: true, peer: new PeerSocket(socket, transcript, 'left') });
    });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ ok: false, code: err.code ?? 'ERROR', message: err.message });
    });
  });
}

/** A listening checker server (on the right of the diagram) for a learner's client. */
export class PeerServer {
  private readonly accepted: PeerSocket[] = [];
  private waiters: Array<() => void> = [];
  readonly sockets = new Set<net.Socket>();

  private constructor(
    readonly server: net.Server,
    readonly transcript: Transcript,
    onConnection: () => void,
  ) {
    server.on('connection', (socket) => {
      onConnection();
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      transcript.connect('right');
      this.accepted.push(new PeerSocket(socket, transcript, 'right'));
      for (const w of this.waiters.splice(0)) w();
    });
  }

  /** `onConnection` is told of each connection accepted (the limits of a scenario grow with them). */
  static listen(transcript: Transcript, host = '127.0.0.1', onConnection: () => void = () => {}): Promise<PeerServer> {
    return new Promise((resolve, reject) => {
      const server = net.createServer({ allowHalfOpen: true });
      server.once('error', reject);
      server.listen(0, host, () => resolve(new PeerServer(server, transcript, onConnection)));
    });
  }

  get port(): number {
    return (this.server.address() as net.AddressInfo).port;
  }

  /**
   * The next connection the program makes, in order; undefined at the limit, or soon after
   * `giveUp` settles (the client exited: a connection it made just before still counts).
   */
  async accept(ms: number, giveUp?: Promise<unknown>): Promise<PeerSocket | undefined> {
    const index = this.acceptedCount++;
    const started = Date.now();
    let deadline = Date.now() + ms;
    void giveUp?.then(() => {
      deadline = Math.min(deadline, Date.now() + 50);
      for (const w of this.waiters.splice(0)) w();
    });
    while (this.accepted.length <= index) {
      const left = deadline - Date.now();
      if (left <= 0) {
        this.transcript.waited(Date.now() - started, text('no connection', '연결 없음'));
        return undefined;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.accepted[index];
  }

  private acceptedCount = 0;

  /** Stops listening and drops every connection. */
  close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
