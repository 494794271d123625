/**
 * One TCP connection driven by the checker, from either end. Everything it sends and
 * receives goes into the transcript. Every wait has a limit and returns what happened
 * instead of throwing, so a check can explain the outcome precisely.
 */
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { text } from '../i18n.ts';
import type { Direction, Transcript } from './transcript.ts';

export type CloseKind = 'fin' | 'rst';

/** How a read ended: with what was asked for, a close by the other side, or the time limit. */
export type ReadOutcome<T> =
  | { ok: true; value: T }
  | { ok: false; reason: 'closed'; how: CloseKind; partial: Buffer }
  | { ok: false; reason: 'timeout'; partial: Buffer };

export class PeerSocket {
  /** Bytes received and not yet consumed by a read. */
  private pending = Buffer.alloc(0);
  /** Every byte received, for checks that look at the whole stream. */
  private allReceived: Buffer[] = [];
  private closedBy: CloseKind | undefined;
  private waiters: Array<() => void> = [];
  readonly sendDir: Direction;
  readonly recvDir: Direction;
  error: NodeJS.ErrnoException | undefined;

  constructor(
    readonly socket: net.Socket,
    readonly transcript: Transcript,
    /** Which side of the diagram the checker is on. */
    checkerSide: 'left' | 'right',
  ) {
    this.sendDir = checkerSide === 'left' ? 'right' : 'left';
    this.recvDir = checkerSide === 'left' ? 'left' : 'right';
    // Each write its own segment, at once: with Nagle's algorithm a small write waits for the
    // ACK of the one before, which the peer delays (up to 40 ms on Linux) when it has nothing
    // to answer yet, so the pieces of a write cut "inside a character" left together and a
    // server decoding each chunk on its own passed (a blind program did, in lesson 07).
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      transcript.data(this.recvDir, chunk);
      this.pending = Buffer.concat([this.pending, chunk]);
      this.allReceived.push(chunk);
      this.wake();
    });
    socket.on('end', () => {
      transcript.fin(this.recvDir);
      this.closedBy ??= 'fin';
      this.wake();
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      this.error = err;
      if (err.code === 'ECONNRESET' || err.code === 'EPIPE') {
        if (this.closedBy === undefined) transcript.rst(this.recvDir);
        this.closedBy = 'rst';
      }
      this.wake();
    });
    socket.on('close', () => {
      this.closedBy ??= 'fin';
      this.wake();
    });
  }

  get closed(): CloseKind | undefined {
    return this.closedBy;
  }

  received(): Buffer {
    return Buffer.concat(this.allReceived);
  }

  /** One write() call; resolves when the kernel has it. */
  async send(data: string | Buffer): Promise<void> {
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    if (this.socket.destroyed || !this.socket.writable) return;
    this.transcript.data(this.sendDir, bytes);
    await new Promise<void>((resolve) => this.socket.write(bytes, () => resolve()));
  }

  /** Several writes with real gaps between them, so the receiver sees separate chunks. */
  async sendPieces(pieces: Array<string | Buffer>, gapMs = 25): Promise<void> {
    for (const [i, p] of pieces.entries()) {
      if (i > 0) await sleep(gapMs);
      await this.send(p);
    }
  }

  /** Sends `data` cut at the given byte offsets. */
  async sendSplitAt(data: string | Buffer, cuts: number[], gapMs = 25): Promise<void> {
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    const edges = [0, ...cuts, bytes.length];
    const pieces = edges.slice(1).map((end, i) => bytes.subarray(edges[i], end));
    await this.sendPieces(pieces, gapMs);
  }

  async sendByteByByte(data: string | Buffer, gapMs = 3): Promise<void> {
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    await this.sendPieces([...bytes].map((b) => Buffer.from([b])), gapMs);
  }

  /** FIN: "I have nothing more to send", while still reading (like shutdown(SHUT_WR)). */
  halfClose(): void {
    if (this.socket.writable) {
      this.transcript.fin(this.sendDir);
      this.socket.end();
    }
  }

  /** RST: abort the connection at once. */
  reset(): void {
    if (!this.socket.destroyed) {
      this.transcript.rst(this.sendDir);
      this.socket.resetAndDestroy();
    }
  }

  destroy(): void {
    this.socket.destroy();
  }

  pauseReading(): void {
    this.socket.pause();
  }

  resumeReading(): void {
    this.socket.resume();
  }

  /** Reads up to and including the next `\n`; the value excludes it. */
  async readLine(ms: number): Promise<ReadOutcome<Buffer>> {
    return this.readWhen(ms, (buf) => {
      const nl = buf.indexOf(0x0a);
      return nl === -1 ? undefined : { take: nl + 1, value: buf.subarray(0, nl) };
    });
  }

  async readBytes(n: number, ms: number): Promise<ReadOutcome<Buffer>> {
    return this.readWhen(ms, (buf) => (buf.length >= n ? { take: n, value: buf.subarray(0, n) } : undefined));
  }

  /** Reads everything until the other side closes. */
  async readToClose(ms: number): Promise<{ bytes: Buffer; how: CloseKind | 'timeout' }> {
    const how = await this.waitClosed(ms);
    const bytes = this.pending;
    this.pending = Buffer.alloc(0);
    return { bytes, how };
  }

  /** Waits for the other side to close: FIN, RST, or still open at the limit. */
  async waitClosed(ms: number): Promise<CloseKind | 'timeout'> {
    const ok = await this.waitFor(() => this.closedBy !== undefined, ms);
    if (!ok) this.transcript.waited(ms, text('still open', '아직 열려 있음'));
    return this.closedBy ?? 'timeout';
  }

  /** Bytes received but not yet read. */
  unread(): Buffer {
    return this.pending;
  }

  private async readWhen<T>(
    ms: number,
    extract: (buf: Buffer) => { take: number; value: T } | undefined,
  ): Promise<ReadOutcome<T>> {
    let got: { take: number; value: T } | undefined;
    await this.waitFor(() => (got = extract(this.pending)) !== undefined || this.closedBy !== undefined, ms);
    if (got) {
      this.pending = this.pending.subarray(got.take);
      return { ok: true, value: got.value };
    }
    const partial = this.pending;
    if (this.closedBy) return { ok: false, reason: 'closed', how: this.closedBy, partial };
    this.transcript.waited(ms, text('nothing received', '받은 것 없음'));
    return { ok: false, reason: 'timeout', partial };
  }

  /** Resolves true once `cond` holds, false at the limit. */
  waitFor(cond: () => boolean, ms: number): Promise<boolean> {
    if (cond()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== check);
        resolve(false);
      }, ms);
      const check = () => {
        if (!cond()) return;
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== check);
        resolve(true);
      };
      this.waiters.push(check);
    });
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
  }
}
