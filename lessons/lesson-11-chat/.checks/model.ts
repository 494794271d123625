/**
 * Lesson 11's protocol as an executable model (README "the-protocol"): given what every client
 * sends and how each connection ends, who receives which lines, in which order. The
 * `generated-exchanges` scenario plays cases drawn here over real sockets: several clients,
 * interleaved joins, messages (Hangul, emoji, combining marks, control bytes, invalid UTF-8),
 * leaves by QUIT, FIN and RST, and every line cut into writes at any byte, mid-character too.
 */
import fc from 'fast-check';
import { cutsOf, edgyText } from '../../../src/checks/generate.ts';

/** Bytes a line may hold before its '\n' (a '\r' before the '\n' counts). */
export const MAX_LINE = 1024;
/** Characters (code points) a nickname may hold. */
export const MAX_NICK = 16;
/** Output the server may hold for one client before it drops it, in bytes. */
export const QUEUE_BYTES = 64 * 1024;

const NICK = /^[A-Za-z0-9_\uAC00-\uD7A3]{1,16}$/;
const CONTROL = /[\u0000-\u0008\u000A-\u001F\u007F]/;

/** How a connection ended. `quit`, `too-long` and `idle` are the server's closes. */
export type Close = 'quit' | 'fin' | 'rst' | 'too-long' | 'idle' | 'dropped';

/** One connection as the model sees it. */
export interface Conn {
  nick: string | undefined;
  open: boolean;
}

/** What the server knows: the connections, by slot. */
export class ChatModel {
  readonly conns = new Map<number, Conn>();

  /** A new connection in `slot` (the old one there, if any, must be closed). */
  connect(slot: number): void {
    this.conns.set(slot, { nick: undefined, open: true });
  }

  nickOf(slot: number): string | undefined {
    return this.conns.get(slot)?.nick;
  }

  private registered(except?: number): number[] {
    return [...this.conns.entries()].filter(([s, c]) => c.open && c.nick !== undefined && s !== except).map(([s]) => s);
  }

  names(): string[] {
    return this.registered()
      .map((s) => this.conns.get(s)!.nick!)
      .sort();
  }

  /** The connection in `slot` ended: every other registered client gets LEAVE, once. */
  close(slot: number): Effects {
    const out: Effects = { lines: new Map(), closes: false };
    const c = this.conns.get(slot);
    if (!c || !c.open) return out;
    c.open = false;
    if (c.nick !== undefined) for (const s of this.registered(slot)) push(out, s, `LEAVE ${c.nick}`);
    return out;
  }

  /**
   * One line from `slot`: `raw` is the bytes before its '\n' (a trailing '\r' included). The
   * lines each client must receive, and whether the server then closes `slot`.
   */
  line(slot: number, raw: Buffer): Effects {
    const me = this.conns.get(slot)!;
    const out: Effects = { lines: new Map(), closes: false };
    const reply = (l: string) => push(out, slot, l);
    if (raw.length > MAX_LINE) {
      reply('ERR line too long');
      return this.closeBy(slot, out);
    }
    const bytes = raw.at(-1) === 0x0d ? raw.subarray(0, -1) : raw;
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    if (!Buffer.from(text).equals(bytes)) {
      reply('ERR bad utf8');
      return out;
    }
    const space = text.indexOf(' ');
    const word = space === -1 ? text : text.slice(0, space);
    const rest = space === -1 ? '' : text.slice(space + 1);
    if (word === 'QUIT') {
      reply('BYE');
      return this.closeBy(slot, out);
    }
    if (word === 'PING') reply('PONG');
    else if (word === 'NICK') {
      if (me.nick !== undefined) reply('ERR already named');
      else if (!NICK.test(rest)) reply('ERR bad nick');
      else if (this.names().includes(rest)) reply('ERR nick taken');
      else {
        reply(`OK ${rest}`);
        for (const s of this.registered(slot)) push(out, s, `JOIN ${rest}`);
        me.nick = rest;
      }
    } else if (me.nick === undefined) reply('ERR nick required');
    else if (word === 'MSG') {
      if (rest === '') reply('ERR empty message');
      else if (CONTROL.test(rest)) reply('ERR bad text');
      else for (const s of this.registered(slot)) push(out, s, `MSG ${me.nick} ${rest}`);
    } else if (word === 'WHO') reply(`WHO ${this.names().join(' ')}`);
    else reply('ERR unknown command');
    return out;
  }

  /** The server closes `slot` after its reply: the others hear LEAVE. */
  private closeBy(slot: number, out: Effects): Effects {
    const left = this.close(slot);
    for (const [s, ls] of left.lines) for (const l of ls) push(out, s, l);
    out.closes = true;
    return out;
  }
}

/** The lines each slot must receive after one step, in order, and whether the actor is closed. */
export interface Effects {
  lines: Map<number, string[]>;
  closes: boolean;
}

function push(e: Effects, slot: number, line: string): void {
  e.lines.set(slot, [...(e.lines.get(slot) ?? []), line]);
}

// ---------------------------------------------------------------------------------------------
// Generated cases

/** One step of a case: a line from a client (cut into writes), or the client closing. */
export type Step = { who: number; send: Buffer; cuts: number[] } | { who: number; close: 'fin' | 'rst' };

export interface ChatCase {
  clients: number;
  steps: Step[];
}

/** Nicknames from the edges of the rule: taken, too long by one, combining marks, emoji, spaces. */
const nicks = ['alice', 'bob', '철수', '영희_2', 'a'.repeat(MAX_NICK), '가'.repeat(MAX_NICK), 'a'.repeat(MAX_NICK + 1), 'e\u0301', '😀', 'bad nick', '', 'Alice', '한글ㄱ'];

/** Message text: everything edgyText gives (Hangul, emoji, combining marks, '\r', control bytes). */
const message = fc.oneof(
  { weight: 4, arbitrary: edgyText({ exclude: ['\n'], maxLength: 8 }).filter((t) => t !== '') },
  { weight: 1, arbitrary: fc.constantFrom('안녕하세요 여러분', '😀👍🏽 좋아요', 'ca\u0301fe\u0301', '  spaced  ', 'MSG alice forged', '') },
);

/** A `MSG` line of exactly `n` bytes (without its '\r' or '\n'), most of it Hangul. */
function sizedLine(n: number): Buffer {
  return Buffer.from(`MSG ${'한'.repeat(Math.floor((n - 4) / 3))}${'x'.repeat((n - 4) % 3)}`);
}

const lineText: fc.Arbitrary<Buffer> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...nicks).map((n) => Buffer.from(`NICK ${n}`)) },
  { weight: 6, arbitrary: message.map((t) => Buffer.from(`MSG ${t}`)) },
  { weight: 1, arbitrary: fc.constantFrom('WHO', 'PING', 'QUIT', 'hello', '', 'MSG', 'msg hi', 'NICK').map((l) => Buffer.from(l)) },
  // A line cut off inside a character: bytes that are not UTF-8 at all.
  { weight: 1, arbitrary: fc.constant(Buffer.concat([Buffer.from('MSG 안'), Buffer.from('녕').subarray(0, 2)])) },
  // One byte under the limit, at it, and one over (a '\r\n' after it makes one byte more).
  { weight: 1, arbitrary: fc.constantFrom(MAX_LINE - 1, MAX_LINE, MAX_LINE + 1).map(sizedLine) },
);

const step = (clients: number): fc.Arbitrary<Step> =>
  fc.oneof(
    {
      weight: 8,
      arbitrary: fc
        .record({ who: fc.nat({ max: clients - 1 }), text: lineText, crlf: fc.boolean() })
        .chain(({ who, text, crlf }) => {
          // The '\r' of a '\r\n' counts towards the limit: 1024 bytes and '\r\n' are too long.
          const send = Buffer.concat([text, Buffer.from(crlf ? '\r\n' : '\n')]);
          return cutsOf(send.length, 3).map((cuts): Step => ({ who, send, cuts }));
        }),
    },
    { weight: 1, arbitrary: fc.record({ who: fc.nat({ max: clients - 1 }), close: fc.constantFrom<'fin' | 'rst'>('fin', 'rst') }) },
  );

/** Every client first picks a nickname (most get one), then anything may happen. */
export const chatCases: fc.Arbitrary<ChatCase> = fc.integer({ min: 2, max: 4 }).chain((clients) =>
  fc.record({
    clients: fc.constant(clients),
    steps: fc
      .tuple(
        fc.array(fc.constantFrom(...nicks.slice(0, 6)), { minLength: clients, maxLength: clients }),
        fc.array(step(clients), { minLength: 2, maxLength: 10 }),
      )
      .map(([names, rest]) => [...names.map((n, who): Step => ({ who, send: Buffer.from(`NICK ${n}\n`), cuts: [] })), ...rest]),
  }),
);

const nick = (who: number, n: string, cuts: number[] = []): Step => ({ who, send: Buffer.from(`NICK ${n}\n`), cuts });
const say = (who: number, t: string, cuts: number[] = []): Step => ({ who, send: Buffer.from(`MSG ${t}\n`), cuts });
/** A MSG line of `n` bytes before its end of line, `eol` '\n' or '\r\n', cut at `cuts`. */
const sized = (who: number, n: number, eol: '\n' | '\r\n', cuts: number[] = []): Step => ({ who, send: Buffer.concat([sizedLine(n), Buffer.from(eol)]), cuts });

/**
 * Corners tried on every run: a message cut inside 녕 and inside an emoji, a leave by RST then
 * the name taken again, a forged line inside a message, trailing whitespace kept as sent and a
 * second '\r' refused, a combining mark in a nickname; lines of
 * 1023, 1024 and 1025 bytes ending in '\n' and in '\r\n' (the '\r' counts: 1024 bytes and a
 * '\r\n' are 1025 before the '\n'), in one write and cut just before and just after the '\r'.
 */
export const chatExamples: ChatCase[] = [
  { clients: 3, steps: [nick(0, 'alice'), nick(1, '철수', [7]), nick(2, 'bob'), say(1, '안녕 😀 e\u0301', [8, 15]), { who: 0, close: 'rst' }, nick(2, 'x'), say(2, 'hi')] },
  { clients: 2, steps: [nick(0, 'alice'), { who: 1, close: 'rst' }, nick(1, 'alice'), { who: 0, close: 'fin' }, nick(1, 'alice')] },
  // The limit in one write: 1024 bytes and '\r\n' first (1025 before the '\n'), then each side of it.
  {
    clients: 2,
    steps: [
      nick(0, 'alice'),
      nick(1, 'bob'),
      sized(0, MAX_LINE, '\r\n'),
      nick(0, 'alice'),
      sized(0, MAX_LINE - 1, '\r\n'),
      sized(0, MAX_LINE, '\n'),
      sized(0, MAX_LINE - 1, '\n'),
      sized(0, MAX_LINE + 1, '\n'),
      nick(0, 'alice'),
      sized(0, MAX_LINE + 1, '\r\n'),
      say(1, 'still here'),
    ],
  },
  // The limit cut: a line waiting without its '\n' holds 1024 bytes (wait) or 1025 (refuse now).
  {
    clients: 2,
    steps: [
      nick(0, 'alice'),
      nick(1, 'bob'),
      sized(0, MAX_LINE - 1, '\r\n', [MAX_LINE]),
      sized(0, MAX_LINE, '\n', [MAX_LINE]),
      sized(0, MAX_LINE - 1, '\r\n', [MAX_LINE - 1]),
      sized(0, MAX_LINE, '\r\n', [MAX_LINE]),
      nick(0, 'alice'),
      sized(0, MAX_LINE, '\r\n', [MAX_LINE + 1]),
      nick(0, 'alice'),
      sized(0, MAX_LINE + 1, '\n', [MAX_LINE + 1]),
      say(1, 'still here'),
    ],
  },
  { clients: 3, steps: [nick(0, 'e\u0301'), nick(0, 'ann'), say(1, 'before nick'), nick(1, 'bob'), nick(2, 'cy'), { who: 2, send: Buffer.from('MSG a\rMSG fake\n'), cuts: [] }, say(0, 'tab\there'), say(0, 'ends in a space '), say(0, '\t'), { who: 0, send: Buffer.from('MSG x\r\r\n'), cuts: [] }, { who: 1, send: Buffer.from('QUIT\n'), cuts: [2] }] },
];
