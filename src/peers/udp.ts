/**
 * The checker's own UDP peers, on 127.0.0.1 only, recording into the same Transcript as the
 * TCP peers (left = client, right = server; one arrow per datagram):
 *
 *   - UdpClientPeer: the checker as a client of a learner's UDP server. Bound to an ephemeral
 *     port; `send()` one datagram to the server, `receive(ms)` the next datagram with who sent
 *     it, or a timeout outcome. It never throws, and every wait has a limit.
 *   - ScriptedUdpServer: the checker as a server for a learner's UDP client. Each request is
 *     answered through a plan function that may drop it, delay, duplicate or hold back (reorder)
 *     the answer, or answer from a second socket on another port (a spoofed sender). It records
 *     every request and every answer, for checks that compare them with what the client printed.
 *
 * ScenarioContext has no UDP hook yet, so a scenario opens these through `withUdpPeers(fn)`,
 * which closes every socket in a `finally` block, pass or fail. The sockets are unref'd: a
 * socket left open by mistake can never keep the checker itself running.
 */
import dgram from 'node:dgram';
import { text, type Text } from '../i18n.ts';
import type { Transcript } from './transcript.ts';

export const UDP_HOST = '127.0.0.1';

/** Who sent a datagram (Node's rinfo, without the size). */
export interface Sender {
  address: string;
  port: number;
}

export interface Datagram {
  bytes: Buffer;
  from: Sender;
  /** When it arrived, in ms (performance.now()). */
  at: number;
}

/** The next datagram, or nothing within the limit, or the peer was closed. */
export type UdpReceiveOutcome = { ok: true; datagram: Datagram } | { ok: false; reason: 'timeout' | 'closed' };

function bindSocket(host: string): Promise<dgram.Socket> {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket('udp4');
    socket.once('error', reject);
    socket.bind(0, host, () => {
      socket.removeListener('error', reject);
      socket.unref();
      resolve(socket);
    });
  });
}

function closeSocket(socket: dgram.Socket): Promise<void> {
  return new Promise((resolve) => {
    try {
      socket.close(() => resolve());
    } catch {
      resolve(); // already closed
    }
  });
}

const from = (s: Sender) => `${s.address}:${s.port}`;

/** The checker as a UDP client of one server port (the checker is on the left). */
export class UdpClientPeer {
  /** Datagrams received and not yet taken by receive(). */
  private queue: Datagram[] = [];
  /** Every datagram received, in order. */
  readonly received: Datagram[] = [];
  /** Errors the socket reported (an unconnected UDP socket rarely reports any). */
  readonly errors: string[] = [];
  private waiters: Array<() => void> = [];
  private closed = false;

  private constructor(
    readonly socket: dgram.Socket,
    readonly server: Sender,
    readonly transcript: Transcript,
  ) {
    socket.on('message', (bytes: Buffer, rinfo: dgram.RemoteInfo) => {
      const d: Datagram = { bytes, from: { address: rinfo.address, port: rinfo.port }, at: performance.now() };
      if (rinfo.address !== server.address || rinfo.port !== server.port) {
        transcript.note(text(`from ${from(d.from)} (not the server):`, `${from(d.from)}에서 옴(서버 아님):`));
      }
      transcript.datagram('left', bytes);
      this.received.push(d);
      this.queue.push(d);
      this.wake();
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      this.errors.push(err.code ?? err.message);
      transcript.note(text(`socket error: ${err.code ?? err.message}`, `소켓 오류: ${err.code ?? err.message}`));
    });
  }

  /** Binds an ephemeral port on 127.0.0.1; datagrams go to `port` on the same host. */
  static async open(port: number, transcript: Transcript, host = UDP_HOST): Promise<UdpClientPeer> {
    return new UdpClientPeer(await bindSocket(host), { address: host, port }, transcript);
  }

  /** The checker's own port: the one the server must reply to. */
  get port(): number {
    return this.socket.address().port;
  }

  /** Sends one datagram to the server; resolves once the kernel has it (or with its error). */
  send(data: string | Buffer): Promise<{ ok: true } | { ok: false; code: string }> {
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    if (this.closed) return Promise.resolve({ ok: false, code: 'ERR_SOCKET_DGRAM_NOT_RUNNING' });
    this.transcript.datagram('right', bytes);
    return new Promise((resolve) => {
      this.socket.send(bytes, this.server.port, this.server.address, (err) => {
        resolve(err ? { ok: false, code: (err as NodeJS.ErrnoException).code ?? err.message } : { ok: true });
      });
    });
  }

  /** The next datagram (from anyone: check `from`), or a timeout outcome after `ms`. */
  async receive(ms: number, what: Text = text('no reply', '응답 없음')): Promise<UdpReceiveOutcome> {
    const ok = await this.waitFor(() => this.queue.length > 0 || this.closed, ms);
    const d = this.queue.shift();
    if (d) return { ok: true, datagram: d };
    if (!ok) this.transcript.waited(ms, what);
    return { ok: false, reason: this.closed ? 'closed' : 'timeout' };
  }

  /** Waits until `n` datagrams have been received in all (or `ms` passed); true if they have. */
  waitReceived(n: number, ms: number): Promise<boolean> {
    return this.waitFor(() => this.received.length >= n, ms);
  }

  /** Takes every datagram received and not yet taken. */
  drain(): Datagram[] {
    return this.queue.splice(0);
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    this.wake();
    return closeSocket(this.socket);
  }

  private waitFor(cond: () => boolean, ms: number): Promise<boolean> {
    if (cond()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const check = () => {
        if (!cond()) return;
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== check);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== check);
        resolve(false);
      }, ms);
      this.waiters.push(check);
    });
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
  }
}

/** One datagram the scripted server received, numbered in arrival order from 0. */
export interface UdpRequest extends Datagram {
  index: number;
}

/** One answer the plan asks for; it goes back to the sender of the request. */
export interface UdpAnswer {
  bytes: string | Buffer;
  /** Send it this many ms later (a slow or late reply). */
  delayMs?: number;
  /** Send it from the second socket, on another port: a reply the client must not trust. */
  spoofed?: boolean;
  /**
   * Hold it back until a later request arrives (any request with `true`, or the first one the
   * function accepts), then send it right after that request's own answers: reordering.
   */
  holdUntil?: true | ((later: UdpRequest) => boolean);
  /** Drawn in the diagram just before the answer goes out. */
  note?: Text;
}

/** What to do with one request: the answers to send (none = drop it). */
export type UdpPlan = (request: UdpRequest) => UdpAnswer[];

/** An answer that left the server, for checks that compare it with what the client printed. */
export interface SentAnswer {
  bytes: Buffer;
  to: Sender;
  spoofed: boolean;
  /** The request it answers. */
  request: UdpRequest;
  at: number;
}

/** The checker as a scripted UDP server (the checker is on the right). */
export class ScriptedUdpServer {
  readonly requests: UdpRequest[] = [];
  readonly sent: SentAnswer[] = [];
  private held: Array<{ answer: UdpAnswer; request: UdpRequest }> = [];
  private timers = new Set<NodeJS.Timeout>();
  private waiters: Array<() => void> = [];
  private closed = false;

  private constructor(
    readonly socket: dgram.Socket,
    /** The second socket: answers marked `spoofed` leave from here. */
    readonly spoofSocket: dgram.Socket,
    readonly transcript: Transcript,
    private readonly plan: UdpPlan,
  ) {
    socket.on('message', (bytes: Buffer, rinfo: dgram.RemoteInfo) => this.onRequest(bytes, rinfo));
    // Unconnected sockets: a client that is gone costs nothing; errors are only drawn.
    for (const s of [socket, spoofSocket]) {
      s.on('error', (err: NodeJS.ErrnoException) => transcript.note(text(`socket error: ${err.code}`, `소켓 오류: ${err.code}`)));
    }
  }

  static async start(transcript: Transcript, plan: UdpPlan, host = UDP_HOST): Promise<ScriptedUdpServer> {
    const [main, spoof] = await Promise.all([bindSocket(host), bindSocket(host)]);
    return new ScriptedUdpServer(main, spoof, transcript, plan);
  }

  get port(): number {
    return this.socket.address().port;
  }

  get spoofPort(): number {
    return this.spoofSocket.address().port;
  }

  /** Waits until `n` requests have arrived in all (or `ms` passed); true if they have. */
  waitRequests(n: number, ms: number): Promise<boolean> {
    if (this.requests.length >= n) return Promise.resolve(true);
    return new Promise((resolve) => {
      const check = () => {
        if (this.requests.length < n) return;
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== check);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== check);
        resolve(false);
      }, ms);
      this.waiters.push(check);
    });
  }

  /** Stops answering: pending delayed and held answers are dropped; both sockets close. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.held = [];
    await Promise.all([closeSocket(this.socket), closeSocket(this.spoofSocket)]);
  }

  private onRequest(bytes: Buffer, rinfo: dgram.RemoteInfo): void {
    const request: UdpRequest = { bytes, from: { address: rinfo.address, port: rinfo.port }, at: performance.now(), index: this.requests.length };
    this.requests.push(request);
    this.transcript.datagram('right', bytes);
    const answers = this.plan(request);
    if (answers.length === 0) this.transcript.note(text('✗ dropped by the checker (lost on purpose)', '✗ 검사기가 버림(일부러 잃어버림)'));
    for (const a of answers) {
      if (a.holdUntil) {
        this.held.push({ answer: a, request });
        this.transcript.note(a.note ?? text('reply held back, to be sent later', '응답을 붙잡아 두었다가 나중에 보냄'));
      } else if (a.delayMs) {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          this.emit({ ...a, note: a.note ?? text(`sent ${a.delayMs} ms after the request:`, `요청 ${a.delayMs}ms 뒤에 보냄:`) }, request);
        }, a.delayMs);
        this.timers.add(timer);
      } else {
        this.emit(a, request);
      }
    }
    // Held answers this request releases go out after its own answers.
    const release = this.held.filter((h) => h.request !== request && (h.answer.holdUntil === true || (h.answer.holdUntil as (r: UdpRequest) => boolean)(request)));
    this.held = this.held.filter((h) => !release.includes(h));
    for (const h of release) this.emit({ ...h.answer, holdUntil: undefined, note: text('the held reply is sent now', '붙잡아 둔 응답을 이제 보냄') }, h.request);
    for (const w of [...this.waiters]) w();
  }

  private emit(a: UdpAnswer, request: UdpRequest): void {
    if (this.closed) return;
    const bytes = typeof a.bytes === 'string' ? Buffer.from(a.bytes) : a.bytes;
    const socket = a.spoofed ? this.spoofSocket : this.socket;
    if (a.spoofed) this.transcript.note(text(`spoofed: sent from another port, ${this.spoofPort}:`, `위조: 다른 포트 ${this.spoofPort}에서 보냄:`));
    else if (a.note && !a.holdUntil) this.transcript.note(a.note);
    this.transcript.datagram('left', bytes);
    this.sent.push({ bytes, to: request.from, spoofed: Boolean(a.spoofed), request, at: performance.now() });
    socket.send(bytes, request.from.port, request.from.address, () => {});
  }
}

/** Every UDP peer a scenario opened, closed together. */
export class UdpPeerSet {
  private readonly open: Array<{ close(): Promise<void> }> = [];

  async client(port: number, transcript: Transcript): Promise<UdpClientPeer> {
    const peer = await UdpClientPeer.open(port, transcript);
    this.open.push(peer);
    return peer;
  }

  async server(transcript: Transcript, plan: UdpPlan): Promise<ScriptedUdpServer> {
    const server = await ScriptedUdpServer.start(transcript, plan);
    this.open.push(server);
    return server;
  }

  /** A UDP port nothing listens on (bound, then closed at once): for "no server" runs. */
  async unusedPort(): Promise<number> {
    const s = await bindSocket(UDP_HOST);
    const port = s.address().port;
    await closeSocket(s);
    return port;
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.open.splice(0).map((p) => p.close()));
  }
}

/** Runs `fn` with a set of UDP peers and closes them all afterwards, pass or fail. */
export async function withUdpPeers<T>(fn: (udp: UdpPeerSet) => Promise<T>): Promise<T> {
  const udp = new UdpPeerSet();
  try {
    return await fn(udp);
  } finally {
    await udp.closeAll();
  }
}
