/**
 * The record of one exchange between two parties, drawn later as a sequence diagram. The
 * left party is the client, the right party the server; either may be the checker or the
 * learner's program.
 */
import type { Text } from '../i18n.ts';

export type Direction = 'right' | 'left';

export type TranscriptEvent =
  | { kind: 'connect'; dir: Direction; at: number }
  | { kind: 'data'; dir: Direction; bytes: Buffer; at: number }
  | { kind: 'fin'; dir: Direction; at: number }
  | { kind: 'rst'; dir: Direction; at: number }
  | { kind: 'wait'; ms: number; what: Text; at: number }
  | { kind: 'note'; text: Text; at: number };

export class Transcript {
  readonly events: TranscriptEvent[] = [];
  private readonly start = Date.now();
  /** Once a scenario has its verdict, the teardown's closes are not part of the story. */
  private frozen = false;

  freeze(): void {
    this.frozen = true;
  }

  constructor(
    readonly left: Text,
    readonly right: Text,
  ) {}

  private now(): number {
    return Date.now() - this.start;
  }

  connect(dir: Direction): void {
    if (this.frozen) return;
    this.events.push({ kind: 'connect', dir, at: this.now() });
  }

  data(dir: Direction, bytes: Buffer): void {
    if (this.frozen) return;
    // Consecutive chunks in the same direction within a few ms read as one message.
    const last = this.events.at(-1);
    if (last?.kind === 'data' && last.dir === dir && this.now() - last.at < 3) {
      last.bytes = Buffer.concat([last.bytes, bytes]);
      return;
    }
    this.events.push({ kind: 'data', dir, bytes: Buffer.from(bytes), at: this.now() });
  }

  /** One UDP datagram: never merged with its neighbours, since its boundaries are the point. */
  datagram(dir: Direction, bytes: Buffer): void {
    if (this.frozen) return;
    this.events.push({ kind: 'data', dir, bytes: Buffer.from(bytes), at: this.now() });
  }

  fin(dir: Direction): void {
    if (this.frozen) return;
    this.events.push({ kind: 'fin', dir, at: this.now() });
  }

  rst(dir: Direction): void {
    if (this.frozen) return;
    this.events.push({ kind: 'rst', dir, at: this.now() });
  }

  /** A wait that ended with nothing: drawn as `… 2000 ms: no reply …`. */
  waited(ms: number, what: Text): void {
    if (this.frozen) return;
    this.events.push({ kind: 'wait', ms, what, at: this.now() });
  }

  note(text: Text): void {
    if (this.frozen) return;
    this.events.push({ kind: 'note', text, at: this.now() });
  }
}
