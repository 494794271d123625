/**
 * Lesson 07 — the server's behaviour as a model, and the generated cases the
 * `generated-lifecycles` scenario holds a server to. A case is one or two clients, each
 * sending commands from the edges of the protocol (empty lines, CRLF, multibyte and beyond-BMP
 * text, control bytes, unknown words, several lines in one write, cuts at any byte, SLOW
 * requests still in flight) and then leaving one way: FIN (half-close, possibly in the middle
 * of a line), RST at any point, QUIT with more lines behind it, or silence (the idle rule).
 *
 * `expect` is a pure function of the case: the bytes each client must receive (replies to
 * immediate commands in order, DONE lines with their due times, the last words) and how the
 * server must close. Timings stay clear of ambiguity: every pause is short (the idle rule never
 * fires before the case's own ending), a SLOW is either short (it is answered before any
 * ending) or long (past the idle message or the QUIT: it must be dropped). The runner makes the
 * premises true: the endings start once the immediate replies are back, and a QUIT once its
 * short SLOWs' DONE lines are. A client may also never send a byte (`mute`): then the idle rule
 * counts from its connection.
 */
import fc from 'fast-check';
import { cutsOf, edgyText } from '../../../src/checks/generate.ts';
import { text, type Text } from '../../../src/i18n.ts';

/** SLOW times: answered before any ending (short), or never (long: past the ending). */
export const SHORT_SLOW_MAX = 300;
export const LONG_SLOW = 1600;

export type Command =
  | { kind: 'ping' }
  | { kind: 'echo'; text: string }
  | { kind: 'count' }
  | { kind: 'slow'; ms: number }
  | { kind: 'empty' }
  | { kind: 'unknown'; word: string };

export type Ending = 'fin' | 'fin-mid-line' | 'rst' | 'quit' | 'idle';

export interface Burst {
  /** Which client sends it (0 or 1). */
  client: number;
  commands: Command[];
  /** '\r\n' instead of '\n' after command i. */
  crlf: boolean[];
  /** Where the burst's bytes are cut into separate writes. */
  cuts: number[];
  /** Pause after the burst, in ms. */
  pauseMs: number;
}

export interface LifeCase {
  clients: number;
  bursts: Burst[];
  /** How each client leaves, in this order (client 0 first). */
  endings: Ending[];
  /** For 'fin-mid-line' / 'quit': the bytes after (an unfinished line; lines after QUIT). */
  tail: string;
  /**
   * Client 0 connects and never sends a byte (no handshake, no bursts; its ending is 'idle'):
   * the idle clock runs from the connection, not from the first input.
   */
  mute?: boolean;
}

const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 3, arbitrary: fc.constant<Command>({ kind: 'ping' }) },
  { weight: 3, arbitrary: edgyText({ exclude: ['\n'] }).map((t): Command => ({ kind: 'echo', text: t })) },
  { weight: 2, arbitrary: fc.constant<Command>({ kind: 'count' }) },
  { weight: 3, arbitrary: fc.oneof(fc.integer({ min: 0, max: SHORT_SLOW_MAX }), fc.constant(LONG_SLOW)).map((ms): Command => ({ kind: 'slow', ms })) },
  { weight: 1, arbitrary: fc.constant<Command>({ kind: 'empty' }) },
  { weight: 1, arbitrary: fc.constantFrom('ping', 'HELLO', 'PINGX', '안녕', 'QUITX', '😀').map((word): Command => ({ kind: 'unknown', word })) },
);

/** The line a command is sent as (without its newline). */
export function lineOf(c: Command): string {
  switch (c.kind) {
    case 'ping':
      return 'PING';
    case 'echo':
      return `ECHO ${c.text}`;
    case 'count':
      return 'COUNT';
    case 'slow':
      return `SLOW ${c.ms}`;
    case 'empty':
      return '';
    case 'unknown':
      return c.word;
  }
}

/** The bytes of a burst, before cutting. */
export function burstBytes(b: Burst): Buffer {
  return Buffer.from(b.commands.map((c, i) => `${lineOf(c)}${b.crlf[i] ? '\r\n' : '\n'}`).join(''));
}

const burst = (clients: number): fc.Arbitrary<Burst> =>
  fc
    .record({ client: fc.integer({ min: 0, max: clients - 1 }), commands: fc.array(command, { minLength: 1, maxLength: 3 }), pauseMs: fc.constantFrom(0, 0, 20, 80) })
    .chain((b) =>
      fc.record({
        client: fc.constant(b.client),
        commands: fc.constant(b.commands),
        crlf: fc.array(fc.boolean(), { minLength: b.commands.length, maxLength: b.commands.length }),
        cuts: cutsOf(Buffer.byteLength(b.commands.map(lineOf).join('\r\n')) + 2, 3),
        pauseMs: fc.constant(b.pauseMs),
      }),
    );

const ending: fc.Arbitrary<Ending> = fc.constantFrom<Ending>('fin', 'fin-mid-line', 'rst', 'quit', 'idle');

/**
 * A long SLOW behind a FIN is left out: the idle rule (1 s without input) and the reply owed
 * (1.6 s) would then disagree, and the README does not say which wins.
 */
/** A mute client 0 sends nothing at all: its bursts go to client 1 (or away), it leaves by silence. */
const muteFirst = (c: LifeCase): LifeCase => {
  if (!c.mute) return c;
  const bursts = c.clients === 1 ? [] : c.bursts.map((b) => ({ ...b, client: 1 }));
  return { ...c, bursts, endings: ['idle', ...c.endings.slice(1)] };
};

const noLongSlowBeforeFin = (c: LifeCase): LifeCase => ({
  ...c,
  bursts: c.bursts.map((b) =>
    c.endings[b.client] === 'fin' || c.endings[b.client] === 'fin-mid-line'
      ? { ...b, commands: b.commands.map((x) => (x.kind === 'slow' && x.ms === LONG_SLOW ? { kind: 'slow', ms: SHORT_SLOW_MAX } : x)) }
      : b,
  ),
});

export const lifeCases: fc.Arbitrary<LifeCase> = fc
  .integer({ min: 1, max: 2 })
  .chain((clients) =>
    fc.record({
      clients: fc.constant(clients),
      bursts: fc.array(burst(clients), { minLength: 1, maxLength: 4 }),
      endings: fc.array(ending, { minLength: clients, maxLength: clients }),
      tail: fc.constantFrom('PING', 'ECHO 한', 'PING\nECHO after\n', 'SLOW 10\n', '\r'),
      mute: fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    }),
  )
  .map(muteFirst)
  .map(noLongSlowBeforeFin);

/** What the server owes a client for an immediate command, given how many clients are open. */
export function replyTo(c: Command, open: number): string | undefined {
  switch (c.kind) {
    case 'ping':
      return 'PONG';
    case 'echo': {
      // The server strips one '\r' before the '\n', then answers the rest of the line.
      const line = `ECHO ${c.text}`.replace(/\r$/, '');
      return line.slice(5);
    }
    case 'count':
      return String(open);
    case 'slow':
      return undefined;
    case 'empty':
      return 'ERR empty';
    case 'unknown':
      return `ERR unknown command ${c.word.replace(/\r$/, '')}`;
  }
}

/** What one client must see, computed from the case (times are filled in by the runner). */
export interface ClientExpectation {
  /** Immediate replies, in order (SLOW's DONE lines left out). */
  replies: string[];
  /** SLOW requests that must be answered: their ms. */
  slows: number[];
  /** SLOW requests that must not be answered (due after the ending). */
  dropped: number[];
  /** The server's last words before its FIN, if any. */
  lastWords?: string;
  /** The server closes with a FIN (after the last DONE): true for every ending but RST. */
  serverFin: boolean;
}

/** The model: each client's expected stream, given the case. COUNT counts the case's clients still open. */
export function expect(c: LifeCase): ClientExpectation[] {
  const out: ClientExpectation[] = Array.from({ length: c.clients }, () => ({ replies: [], slows: [], dropped: [], serverFin: true }));
  for (const b of c.bursts) {
    for (const cmd of b.commands) {
      const e = out[b.client]!;
      if (cmd.kind === 'slow') {
        // A long SLOW is past every ending: FIN waits for it (a reply owed), the others drop it.
        e.slows.push(cmd.ms);
        continue;
      }
      // Every client is open until the endings, which all come after the bursts.
      e.replies.push(replyTo(cmd, c.clients)!);
    }
  }
  c.endings.forEach((end, i) => {
    const e = out[i]!;
    if (end === 'rst') e.serverFin = false;
    if (end === 'quit') e.lastWords = 'BYE';
    if (end === 'idle') e.lastWords = 'ERR idle timeout';
    if (end === 'quit' || end === 'idle') {
      e.dropped = e.slows.filter((ms) => ms === LONG_SLOW);
      e.slows = e.slows.filter((ms) => ms !== LONG_SLOW);
    }
  });
  return out;
}

const endingWords: Record<Ending, Text> = {
  fin: text('FIN', 'FIN'),
  'fin-mid-line': text('FIN after an unfinished line', '끝나지 않은 줄 뒤 FIN'),
  rst: text('RST', 'RST'),
  quit: text('QUIT with more behind it', '뒤에 더 붙은 QUIT'),
  idle: text('silence (the idle rule)', '침묵(유휴 규칙)'),
};

/** The case in words: each burst, then each client's ending. */
export function describeLife(c: LifeCase): Text {
  const lang = (l: 'en' | 'ko') => {
    const bursts = c.bursts.map((b) => `c${b.client + 1}: ${JSON.stringify(burstBytes(b).toString('utf8'))}${b.cuts.length ? ` /${b.cuts.length + 1}` : ''}${b.pauseMs ? ` +${b.pauseMs}ms` : ''}`);
    const ends = c.endings.map((e, i) => `c${i + 1} ${endingWords[e][l]}${e === 'fin-mid-line' || e === 'quit' ? ` ${JSON.stringify(c.tail)}` : ''}`);
    const mute = c.mute ? [l === 'en' ? 'c1 connects and sends nothing at all' : 'c1은 접속만 하고 아무것도 보내지 않음'] : [];
    return [...mute, ...bursts, ...ends].join('; ');
  };
  return text(lang('en'), lang('ko'));
}

const b = (client: number, commands: Command[], pauseMs = 0, crlf: boolean[] = commands.map(() => false), cuts: number[] = []): Burst => ({ client, commands, crlf, cuts, pauseMs });

/** Corners tried on every run, whatever the seed. */
export const lifeExamples: LifeCase[] = [
  // A FIN with two SLOW replies still owed: both must come, then the FIN.
  { clients: 1, bursts: [b(0, [{ kind: 'slow', ms: 120 }, { kind: 'ping' }, { kind: 'slow', ms: SHORT_SLOW_MAX }])], endings: ['fin'], tail: '' },
  // An RST while a SLOW is in flight on one client; the other keeps talking and sees COUNT. Its
  // ECHO is cut inside the accent (7) and twice inside the emoji (9, 11): a server that decodes
  // each chunk on its own is caught unless it reads all of those pieces in one go.
  { clients: 2, bursts: [b(0, [{ kind: 'slow', ms: 200 }]), b(1, [{ kind: 'echo', text: 'e\u0301😀\t' }, { kind: 'count' }], 0, [true, false], [3, 7, 9, 11])], endings: ['rst', 'fin'], tail: '' },
  // QUIT with lines behind it in the same write, and a long SLOW pending: only BYE, then FIN.
  { clients: 1, bursts: [b(0, [{ kind: 'slow', ms: LONG_SLOW }, { kind: 'empty' }])], endings: ['quit'], tail: 'PING\nECHO after\n' },
  // Silence with a short SLOW answered first and a long one dropped by the idle end.
  { clients: 1, bursts: [b(0, [{ kind: 'slow', ms: 50 }, { kind: 'slow', ms: LONG_SLOW }, { kind: 'unknown', word: '안녕' }])], endings: ['idle'], tail: '' },
  // A client that connects and never sends a byte: timed out 1 s after it connected; the other
  // one counts it while it is open.
  { clients: 2, mute: true, bursts: [b(1, [{ kind: 'count' }, { kind: 'ping' }])], endings: ['idle', 'fin'], tail: '' },
  // A short SLOW, then QUIT once its DONE is out: DONE, then BYE.
  { clients: 1, bursts: [b(0, [{ kind: 'slow', ms: 150 }, { kind: 'count' }])], endings: ['quit'], tail: 'SLOW 10\n' },
];
