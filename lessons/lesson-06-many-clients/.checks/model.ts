/**
 * Lesson 06's server as a model (README "the-protocol"), and the generated histories the
 * `generated-histories` scenario holds a fresh server to: several clients that connect, send
 * interleaved commands (cut at any byte, a line left unfinished while others talk), and leave
 * by QUIT, FIN or RST — until nobody is connected, and then new clients come. The model keeps
 * the state a server must keep: one counter for the server's whole life, one name per
 * connection, the connections open now.
 */
import fc from 'fast-check';
import { edgyText } from '../../../src/checks/generate.ts';

export type How = 'quit' | 'fin' | 'rst';

/** One step of a history, as drawn. `who` picks among the connections open at that moment. */
export type Step =
  | { kind: 'open' }
  | {
      kind: 'say';
      who: number;
      lines: string[];
      /** `\r\n` instead of `\n` after line i. */
      crlf: boolean[];
      /** Bytes kept back at the end (the last line left unfinished until this client's next step). */
      hold: number;
      /** Where the bytes are cut into separate writes (offsets, taken modulo the length). */
      cuts: number[];
    }
  | { kind: 'close'; who: number; how: How };

export type History = Step[];

/** At most this many connections open at once (an `open` beyond it does nothing). */
export const MAX_OPEN = 5;

/** The server's answer to one line, its '\n' (and one '\r' before it) already removed. */
export interface Answer {
  reply: string;
  word: string;
  arg: string;
}

/** What the checker expects for one complete line, and what it needs to explain a wrong reply. */
export interface Expected {
  /** The line as sent, without its '\n'. */
  sent: string;
  crlf: boolean;
  word: string;
  reply: string;
  /** Replies a server would give that keeps the '\r' of a `\r\n` line (in the word, or in the argument). */
  crKept: string[];
  /** The line reached the server in more than one write. */
  cut: boolean;
  /** Another client's bytes reached the server while this line was unfinished (or another line was). */
  mixed: boolean;
  incr?: { own: number; sinceEmpty: number };
  whoami?: { disturbed: boolean };
  count?: { resets: number };
}

export type Action =
  | { kind: 'open'; conn: number }
  | { kind: 'send'; conn: number; pieces: Buffer[]; expect: Expected[] }
  | { kind: 'close'; conn: number; how: How; pieces: Buffer[]; expect: Expected[] };

export interface Plan {
  actions: Action[];
  /** How many connections the history opens (A, B, C…). */
  conns: number;
}

export function connName(i: number): string {
  const letter = String.fromCharCode(65 + (i % 26));
  return i < 26 ? letter : `${letter}${Math.floor(i / 26) + 1}`;
}

interface Conn {
  nick: string | undefined;
  /** Whether the current nick came from a `NICK …\r\n` line (a sloppy server keeps its '\r'). */
  nickCrlf: boolean;
  /** Another connection set a nick, or left, since this one's nick was set (or it opened). */
  disturbed: boolean;
  incrs: number;
  /** The unfinished last line: the bytes still to send (its '\n' included), and the line. */
  held?: { rest: Buffer; line: string; crlf: boolean; at: number };
}

/** Splits a line into its command word and argument, as the README says. */
function split(line: string): { word: string; arg: string } {
  const space = line.indexOf(' ');
  return space === -1 ? { word: line, arg: '' } : { word: line.slice(0, space), arg: line.slice(space + 1) };
}

/** Replies that do not depend on the server's state (lesson 04's commands, NICK, SLOW). */
function stateless(word: string, arg: string, line: string): string | undefined {
  if (line === '') return 'ERR empty';
  switch (word) {
    case 'PING':
      return 'PONG';
    case 'ECHO':
      return arg;
    case 'LEN':
      return `${[...arg].length} ${Buffer.byteLength(arg)}`;
    case 'QUIT':
      return 'BYE';
    case 'NICK':
      return 'OK';
    case 'SLOW':
      return 'DONE';
    case 'WHOAMI':
    case 'INCR':
    case 'COUNT':
      return undefined;
    default:
      return `ERR unknown command ${word}`;
  }
}

/**
 * Runs a history through the model: which connection each step means, the bytes it sends in
 * which writes, and every reply the server owes, in order.
 */
export function planOf(h: History): Plan {
  const actions: Action[] = [];
  const open = new Map<number, Conn>();
  let next = 0;
  let counter = 0;
  let sinceEmpty = 0;
  let resets = 0;
  /** Sends so far, on any connection: a held line saw others' bytes if this grew meanwhile. */
  let sends = 0;
  /** A client left with a line unfinished: a shared buffer would still hold its bytes. */
  let leftovers = false;

  const openOne = (): number => {
    const id = next++;
    open.set(id, { nick: undefined, nickCrlf: false, disturbed: false, incrs: 0 });
    actions.push({ kind: 'open', conn: id });
    return id;
  };
  const disturbOthers = (id: number) => {
    for (const [other, c] of open) if (other !== id) c.disturbed = true;
  };
  const pick = (who: number): number | undefined => {
    const ids = [...open.keys()];
    return ids.length === 0 ? undefined : ids[who % ids.length];
  };

  /** The reply to one complete line on connection `id`, applied to the model's state. */
  const othersHolding = (id: number) => [...open].some(([other, c]) => other !== id && c.held !== undefined);
  const answer = (id: number, sent: string, crlf: boolean, cut = false, mixed = false): Expected => {
    const c = open.get(id)!;
    const { word, arg } = split(sent);
    const e: Expected = { sent, crlf, word, reply: '', crKept: [], cut, mixed: mixed || leftovers };
    if (crlf) {
      // The '\r' kept in the whole line (the word too), or only in the argument.
      const whole = split(`${sent}\r`);
      const keptWhole = stateless(whole.word, whole.arg, `${sent}\r`);
      if (keptWhole !== undefined) e.crKept.push(keptWhole);
      if (arg !== '' || sent.includes(' ')) {
        const keptArg = stateless(word, `${arg}\r`, `${sent}\r`);
        if (keptArg !== undefined) e.crKept.push(keptArg);
      }
    }
    const plain = stateless(word, arg, sent);
    if (plain !== undefined) {
      e.reply = plain;
      if (word === 'NICK' && sent !== '') {
        c.nick = arg;
        c.nickCrlf = crlf;
        c.disturbed = false;
        disturbOthers(id);
      }
      return e;
    }
    if (word === 'WHOAMI') {
      e.reply = c.nick ?? 'anonymous';
      if (c.nick !== undefined && c.nickCrlf) e.crKept.push(`${c.nick}\r`);
      e.whoami = { disturbed: c.disturbed };
    } else if (word === 'INCR') {
      counter += 1;
      sinceEmpty += 1;
      c.incrs += 1;
      e.reply = String(counter);
      e.incr = { own: c.incrs, sinceEmpty };
    } else {
      e.reply = String(open.size);
      e.count = { resets };
    }
    return e;
  };

  const leave = (id: number, how: How) => {
    if (open.get(id)?.held) leftovers = true;
    open.delete(id);
    disturbOthers(id);
    if (how === 'rst') resets += 1;
    if (open.size === 0) sinceEmpty = 0;
  };

  for (const step of h) {
    if (step.kind === 'open') {
      if (open.size < MAX_OPEN) openOne();
      continue;
    }
    if (step.kind === 'close') {
      const id = pick(step.who);
      if (id === undefined) continue;
      const c = open.get(id)!;
      const expect: Expected[] = [];
      let pieces: Buffer[] = [];
      if (step.how === 'quit') {
        // The unfinished line is finished first (its reply read), then QUIT.
        if (c.held) {
          actions.push({ kind: 'send', conn: id, pieces: [c.held.rest], expect: [answer(id, c.held.line, c.held.crlf, true, sends > c.held.at || othersHolding(id))] });
          sends += 1;
          c.held = undefined;
        }
        expect.push(answer(id, 'QUIT', false));
        pieces = [Buffer.from('QUIT\n')];
      }
      actions.push({ kind: 'close', conn: id, how: step.how, pieces, expect });
      leave(id, step.how);
      continue;
    }
    // A client with nothing open to speak on connects first.
    const id = pick(step.who) ?? openOne();
    const c = open.get(id)!;
    // SLOW is only ever the last line of a step: its DONE comes later, and the checks wait for
    // it before the next command (README "never-block"). Lines drawn after it are dropped.
    const slowAt = step.lines.findIndex((l) => split(l).word === 'SLOW');
    const drawn = slowAt === -1 ? step.lines : step.lines.slice(0, slowAt + 1);
    const lines = drawn.map((l, i) => ({ line: l, crlf: step.crlf[i] ?? false }));
    const last = lines.at(-1)!;
    const bytes = (l: { line: string; crlf: boolean }) => Buffer.from(`${l.line}${l.crlf ? '\r\n' : '\n'}`);
    const lastBytes = bytes(last);
    // A SLOW line is sent whole, so its DONE is due in this step.
    const hold = split(last.line).word === 'SLOW' || step.hold === 0 ? 0 : 1 + ((step.hold - 1) % lastBytes.length);
    const all = Buffer.concat([c.held?.rest ?? Buffer.alloc(0), ...lines.map(bytes)]);
    const send = all.subarray(0, all.length - hold);
    const cuts = [...new Set(step.cuts.map((x) => (send.length < 2 ? 0 : 1 + (x % (send.length - 1)))))].filter((x) => x > 0).sort((a, b) => a - b);
    const expect: Expected[] = [];
    const mixed = othersHolding(id);
    let offset = 0;
    const cutInside = (length: number) => {
      const from = offset;
      offset += length;
      return cuts.some((x) => x > from && x < offset);
    };
    if (c.held) {
      cutInside(c.held.rest.length);
      expect.push(answer(id, c.held.line, c.held.crlf, true, mixed || sends > c.held.at));
    }
    for (const l of hold > 0 ? lines.slice(0, -1) : lines) expect.push(answer(id, l.line, l.crlf, cutInside(bytes(l).length), mixed));
    c.held = hold > 0 ? { rest: lastBytes.subarray(lastBytes.length - hold), line: last.line, crlf: last.crlf, at: sends + 1 } : undefined;
    sends += 1;
    const pieces: Buffer[] = [];
    let from = 0;
    for (const at of [...cuts, send.length]) {
      if (at > from) pieces.push(send.subarray(from, at));
      from = at;
    }
    actions.push({ kind: 'send', conn: id, pieces, expect });
  }
  return { actions, conns: next };
}

// ── The arbitraries ──────────────────────────────────────────────────────────────────────────

const text = edgyText({ exclude: ['\n', '\r'], maxLength: 4 });
const name = fc.oneof(fc.constantFrom('ana', 'bo', '보라', 'x y', '😀'), text.filter((t) => t.length > 0));

const command: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constant('INCR') },
  { weight: 3, arbitrary: fc.constant('COUNT') },
  { weight: 3, arbitrary: fc.constant('WHOAMI') },
  { weight: 3, arbitrary: name.map((n) => `NICK ${n}`) },
  { weight: 1, arbitrary: fc.constant('PING') },
  { weight: 1, arbitrary: text.map((t) => `ECHO ${t}`) },
  { weight: 1, arbitrary: text.map((t) => `LEN ${t}`) },
  { weight: 1, arbitrary: fc.constantFrom('', 'incr', 'Count', 'HELLO there', 'WHO AMI') },
  { weight: 1, arbitrary: fc.constantFrom('SLOW 0', 'SLOW 1', 'SLOW 20') },
);

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 2, arbitrary: fc.constant<Step>({ kind: 'open' }) },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('say' as const),
      who: fc.nat(MAX_OPEN - 1),
      lines: fc.array(command, { minLength: 1, maxLength: 3 }),
      crlf: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
      hold: fc.oneof({ weight: 2, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 40 }) }),
      cuts: fc.array(fc.nat(200), { maxLength: 3 }),
    }),
  },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('close' as const), who: fc.nat(MAX_OPEN - 1), how: fc.constantFrom<How>('quit', 'fin', 'rst') }) },
);

/** Histories of 4 to 24 steps: most of them see every client leave at least once. */
export const histories: fc.Arbitrary<History> = fc.array(step, { minLength: 6, maxLength: 24 });

const say = (who: number, lines: string[], o: Partial<Extract<Step, { kind: 'say' }>> = {}): Step => ({ kind: 'say', who, lines, crlf: [false, false, false], hold: 0, cuts: [], ...o });

/**
 * Histories tried on every run, whatever the seed: the server used again after every client
 * has left (by QUIT; by RST and FIN, with a name set), so a counter that restarts when the
 * server is empty, or a name that outlives its connection, is caught every time; and a line
 * with '\r\n' held back unfinished while another client talks.
 */
export const historyExamples: History[] = [
  [{ kind: 'open' }, say(0, ['INCR']), { kind: 'close', who: 0, how: 'quit' }, say(0, ['INCR', 'COUNT'])],
  [{ kind: 'open' }, { kind: 'open' }, say(0, ['NICK ana']), say(1, ['INCR', 'INCR']), { kind: 'close', who: 0, how: 'rst' }, { kind: 'close', who: 0, how: 'fin' }, say(0, ['WHOAMI', 'INCR', 'COUNT'])],
  [{ kind: 'open' }, { kind: 'open' }, say(0, ['NICK 보라', 'WHOAMI'], { crlf: [true, true, false], hold: 3, cuts: [2, 7] }), say(1, ['ECHO 😀 x', 'INCR']), say(0, ['COUNT'])],
];
