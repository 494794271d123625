/**
 * Lesson 14 — the protocol as pure functions: how a command is written (an array of bulk
 * strings, or an inline line), what the server must answer (a store of byte keys, without the
 * clock: the generated cases never let a key expire), how a reply is read strictly, and the
 * generated cases: a few commands from the edges of the README on one connection, each as an
 * array or inline, cut at any byte, ending (sometimes) in QUIT or in bytes that are a protocol
 * error.
 */
import fc from 'fast-check';
import { cutsOf, edgyText, text, type Text } from '../../../src/checks/kit.ts';

// ─── writing commands ────────────────────────────────────────────────────────────────

export type Arg = string | Buffer;
const bytesOf = (a: Arg): Buffer => (typeof a === 'string' ? Buffer.from(a, 'utf8') : a);

/** `*N\r\n$len\r\nbytes\r\n…`: what every client library sends. */
export function resp(...args: Arg[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${args.length}\r\n`)];
  for (const a of args) {
    const b = bytesOf(a);
    parts.push(Buffer.from(`$${b.length}\r\n`), b, Buffer.from('\r\n'));
  }
  return Buffer.concat(parts);
}

/** An inline command as typed in a terminal: the words, one space apart, and `\r\n`. */
export function inline(...args: Arg[]): Buffer {
  return Buffer.concat([Buffer.from(args.map((a) => bytesOf(a).toString('latin1')).join(' '), 'latin1'), Buffer.from('\r\n')]);
}

/** An inline line with the given blanks around and between its words: `  set\tk  v \r\n` is SET k v. */
export function inlineSpaced(args: Arg[], s: Spacing): Buffer {
  const words = args.map((a) => bytesOf(a).toString('latin1')).join(s.between);
  return Buffer.concat([Buffer.from(s.lead + words + s.trail, 'latin1'), Buffer.from('\r\n')]);
}

/** Whether a word can be sent inline: no separator, no line end, not empty, not starting a `*` array. */
export function inlineSafe(a: Arg): boolean {
  const b = bytesOf(a);
  return b.length > 0 && !b.includes(0x20) && !b.includes(0x09) && !b.includes(0x0a) && !b.includes(0x0d);
}

// ─── replies ─────────────────────────────────────────────────────────────────────────

/** A reply as read off the wire. */
export type Reply =
  | { type: 'simple'; text: string }
  | { type: 'error'; text: string }
  | { type: 'integer'; value: bigint }
  | { type: 'bulk'; value: Buffer }
  | { type: 'nil' };

/** What the model expects: a reply, or a rule an error reply must meet. */
export type Expected =
  | Reply
  | { type: 'error-prefix'; prefix: string }
  | { type: 'any-bulk' }
  | { type: 'ok-or-error' };

export const OK: Expected = { type: 'simple', text: 'OK' };
const err = (t: string): Expected => ({ type: 'error', text: t });
const int = (n: number | bigint): Expected => ({ type: 'integer', value: BigInt(n) });
const bulk = (b: Buffer): Expected => ({ type: 'bulk', value: b });

export const NOT_INTEGER = 'ERR value is not an integer or out of range';
export const OVERFLOW = 'ERR increment or decrement would overflow';
export const SYNTAX = 'ERR syntax error';
export const BAD_EXPIRE = "ERR invalid expire time in 'set' command";
export const PROTOCOL_ERROR = 'ERR Protocol error';
export const wrongArgs = (name: string): string => `ERR wrong number of arguments for '${name}' command`;
export const unknownCommand = (name: Buffer): string => `ERR unknown command '${name.toString('utf8')}'`;

/** Whether `got` is what `exp` allows. Error texts are compared without regard to letter case. */
export function matches(exp: Expected, got: Reply): boolean {
  switch (exp.type) {
    case 'error-prefix':
      return got.type === 'error' && got.text.toLowerCase().startsWith(exp.prefix.toLowerCase());
    case 'any-bulk':
      return got.type === 'bulk';
    case 'ok-or-error':
      return got.type === 'error' || (got.type === 'simple' && got.text === 'OK');
    case 'simple':
      return got.type === 'simple' && got.text === exp.text;
    case 'error':
      return got.type === 'error' && got.text.toLowerCase() === exp.text.toLowerCase();
    case 'integer':
      return got.type === 'integer' && got.value === exp.value;
    case 'bulk':
      return got.type === 'bulk' && got.value.equals(exp.value);
    case 'nil':
      return got.type === 'nil';
  }
}

/** A reply's bytes as they are on the wire (for an expected one: as the reference writes it). */
export function replyBytes(r: Expected): Buffer {
  switch (r.type) {
    case 'simple':
      return Buffer.from(`+${r.text}\r\n`);
    case 'error':
      return Buffer.from(`-${r.text}\r\n`);
    case 'error-prefix':
      return Buffer.from(`-${r.prefix}…\r\n`);
    case 'integer':
      return Buffer.from(`:${r.value}\r\n`);
    case 'bulk':
      return Buffer.concat([Buffer.from(`$${r.value.length}\r\n`), r.value, Buffer.from('\r\n')]);
    case 'nil':
      return Buffer.from('$-1\r\n');
    case 'any-bulk':
      return Buffer.from('$<n>\r\n<any text>\r\n');
    case 'ok-or-error':
      return Buffer.from('+OK\r\n (or -ERR …)');
  }
}

/** How a reply reads in a report: `+OK`, `$6 "안녕"`, `:3`, `-ERR …`. */
export function showReply(r: Expected): string {
  switch (r.type) {
    case 'simple':
      return `+${r.text}`;
    case 'error':
      return `-${r.text}`;
    case 'error-prefix':
      return `-${r.prefix}…`;
    case 'integer':
      return `:${r.value}`;
    case 'bulk':
      return `$${r.value.length} ${JSON.stringify(shortText(r.value))}`;
    case 'nil':
      return '$-1';
    case 'any-bulk':
      return '$<n> <any text>';
    case 'ok-or-error':
      return '+OK (or an error)';
  }
}

function shortText(b: Buffer): string {
  const s = b.toString('utf8');
  return s.length > 60 ? `${s.slice(0, 45)}… (${b.length} bytes)` : s;
}

/** A command in a report: `SET "k" "안녕" PX 100`. */
export function showCommand(args: Arg[]): string {
  return args
    .map((a, i) => {
      const s = bytesOf(a).toString('utf8');
      if (i === 0 && /^[A-Za-z]+$/.test(s)) return s;
      const shown = s.length > 40 ? `${s.slice(0, 30)}… (${bytesOf(a).length} bytes)` : s;
      return /^[A-Za-z0-9:_-]+$/.test(shown) ? shown : JSON.stringify(shown);
    })
    .join(' ');
}

export type ReadReply = { ok: true; reply: Reply; bytes: number } | { ok: false; need: true } | { ok: false; need: false; bad: string };

/**
 * Reads one reply off the front of `buf`, strictly: the type byte, a line ending in `\r\n`, and
 * for a bulk string exactly its length in bytes and `\r\n`.
 */
export function readReply(buf: Buffer): ReadReply {
  if (buf.length === 0) return { ok: false, need: true };
  const cr = buf.indexOf('\r\n');
  const lf = buf.indexOf(0x0a);
  if (lf !== -1 && (cr === -1 || lf < cr)) return { ok: false, need: false, bad: 'a line ending in "\\n" alone, not "\\r\\n"' };
  if (cr === -1) return { ok: false, need: true };
  const line = buf.subarray(1, cr).toString('utf8');
  const next = cr + 2;
  switch (buf[0]) {
    case 0x2b:
      return { ok: true, reply: { type: 'simple', text: line }, bytes: next };
    case 0x2d:
      return { ok: true, reply: { type: 'error', text: line }, bytes: next };
    case 0x3a:
      return /^-?[0-9]+$/.test(line) ? { ok: true, reply: { type: 'integer', value: BigInt(line) }, bytes: next } : { ok: false, need: false, bad: `":${line}" is not an integer reply` };
    case 0x24: {
      if (line === '-1') return { ok: true, reply: { type: 'nil' }, bytes: next };
      if (!/^[0-9]+$/.test(line)) return { ok: false, need: false, bad: `"$${line}" is not a bulk length` };
      const n = Number(line);
      if (buf.length < next + n + 2) return { ok: false, need: true };
      if (buf[next + n] !== 0x0d || buf[next + n + 1] !== 0x0a) return { ok: false, need: false, bad: `the ${n} bytes after "$${line}" are not followed by "\\r\\n"` };
      return { ok: true, reply: { type: 'bulk', value: Buffer.from(buf.subarray(next, next + n)) }, bytes: next + n + 2 };
    }
    default:
      return { ok: false, need: false, bad: `a reply starts with "+", "-", ":" or "$", not ${JSON.stringify(String.fromCharCode(buf[0]!))}` };
  }
}

// ─── the store ───────────────────────────────────────────────────────────────────────

const I64_MAX = 2n ** 63n - 1n;
const I64_MIN = -(2n ** 63n);
const INTEGER = /^(0|-?[1-9][0-9]*)$/;

/** The server's answers, without the clock: a key set with PX stays (the cases use long times). */
export class Store {
  private readonly map = new Map<string, Buffer>();

  /** The reply to one command, and whether the server then closes (QUIT). */
  answer(args: Buffer[]): { reply: Expected; close?: boolean } {
    const name = args[0]!.toString('latin1').toLowerCase();
    const key = (i: number) => args[i]!.toString('latin1');
    const n = args.length;
    const arity = (ok: boolean, reply: () => Expected) => ({ reply: ok ? reply() : err(wrongArgs(name)) });
    switch (name) {
      case 'ping':
        return arity(n <= 2, () => (n === 1 ? { type: 'simple', text: 'PONG' } : bulk(args[1]!)));
      case 'echo':
        return arity(n === 2, () => bulk(args[1]!));
      case 'set': {
        if (n < 3) return { reply: err(wrongArgs(name)) };
        if (n !== 3 && n !== 5) return { reply: err(SYNTAX) };
        if (n === 5) {
          if (args[3]!.toString('latin1').toLowerCase() !== 'px') return { reply: err(SYNTAX) };
          const ms = args[4]!.toString('latin1');
          if (!INTEGER.test(ms) || BigInt(ms) > I64_MAX) return { reply: err(NOT_INTEGER) };
          if (BigInt(ms) <= 0n) return { reply: err(BAD_EXPIRE) };
        }
        this.map.set(key(1), args[2]!);
        return { reply: OK };
      }
      case 'get':
        return arity(n === 2, () => {
          const v = this.map.get(key(1));
          return v === undefined ? { type: 'nil' } : bulk(v);
        });
      case 'del':
        return arity(n >= 2, () => int(args.slice(1).filter((_, i) => this.map.delete(key(i + 1))).length));
      case 'exists':
        return arity(n >= 2, () => int(args.slice(1).filter((_, i) => this.map.has(key(i + 1))).length));
      case 'incr':
        return arity(n === 2, () => {
          const t = (this.map.get(key(1)) ?? Buffer.from('0')).toString('latin1');
          if (!INTEGER.test(t) || BigInt(t) > I64_MAX || BigInt(t) < I64_MIN) return err(NOT_INTEGER);
          const next = BigInt(t) + 1n;
          if (next > I64_MAX) return err(OVERFLOW);
          this.map.set(key(1), Buffer.from(String(next)));
          return int(next);
        });
      case 'info':
        return { reply: { type: 'any-bulk' } };
      case 'client':
        return { reply: { type: 'ok-or-error' } };
      case 'quit':
        return { reply: OK, close: true };
      default:
        return { reply: { type: 'error-prefix', prefix: unknownCommand(args[0]!) } };
    }
  }
}

// ─── generated cases ─────────────────────────────────────────────────────────────────

export interface Command {
  args: Buffer[];
  /** Sent inline (as typed in a terminal) rather than as an array. */
  inline: boolean;
  /** Inline only: the blanks before the first word, between words, after the last (none are words). */
  spacing?: Spacing;
}

export interface Spacing {
  lead: string;
  between: string;
  trail: string;
}

/** How a case ends, after its commands. */
export type Ending =
  | { kind: 'open' }
  | { kind: 'quit'; after: Buffer }
  | { kind: 'bad'; bytes: Buffer; why: string };

export interface Case {
  commands: Command[];
  /** `*0\r\n` or an empty inline line slipped in before command i: no reply. */
  blanks: Array<{ before: number; bytes: Buffer }>;
  ending: Ending;
  cuts: number[];
}

/** Every case gets fresh keys: the prefix is prepended when the case is played, not drawn. */
export const KEY_NAMES: Buffer[] = [Buffer.from('k'), Buffer.from('이름'), Buffer.from('a\r\nb'), Buffer.from([0x00, 0xff, 0x20]), Buffer.from('n')];

const valueArb: fc.Arbitrary<Buffer> = fc.oneof(
  fc.constantFrom('v', '안녕', 'a\r\nb', '', '$3\r\nabc', '*1\r\n', '12', '-7', '01', ' 1', '9223372036854775806', '9223372036854775807', '-9223372036854775808', 'abc').map((s) => Buffer.from(s)),
  fc.uint8Array({ minLength: 1, maxLength: 12 }).map((a) => Buffer.from(a)),
  edgyText({ maxLength: 4 }).map((s) => Buffer.from(s)),
);
/** Mostly the first key, so that a SET and a later GET (or INCR, DEL) often meet. */
const keyArb = fc.oneof({ weight: 3, arbitrary: fc.constant(KEY_NAMES[0]!) }, { weight: 2, arbitrary: fc.constantFrom(...KEY_NAMES) });
const intText = fc.constantFrom('100000', '0', '-5', 'abc', '1.5', '01', '86400000');
/** A command name in some letter case: `set`, `SET`, `sEt`. */
const cased = (name: string) => fc.array(fc.boolean(), { minLength: name.length, maxLength: name.length }).map((up) => [...name].map((c, i) => (up[i] ? c.toUpperCase() : c.toLowerCase())).join(''));

const argsArb: fc.Arbitrary<Buffer[]> = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(cased('set'), keyArb, valueArb).map(([n, k, v]) => [Buffer.from(n), k, v]) },
  { weight: 2, arbitrary: fc.tuple(cased('set'), keyArb, valueArb, cased('px'), intText).map(([n, k, v, px, ms]) => [Buffer.from(n), k, v, Buffer.from(px), Buffer.from(ms)]) },
  { weight: 4, arbitrary: fc.tuple(cased('get'), keyArb).map(([n, k]) => [Buffer.from(n), k]) },
  { weight: 2, arbitrary: fc.tuple(cased('del'), fc.array(keyArb, { minLength: 1, maxLength: 3 })).map(([n, ks]) => [Buffer.from(n), ...ks]) },
  { weight: 2, arbitrary: fc.tuple(cased('exists'), fc.array(keyArb, { minLength: 1, maxLength: 3 })).map(([n, ks]) => [Buffer.from(n), ...ks]) },
  { weight: 3, arbitrary: fc.tuple(cased('incr'), keyArb).map(([n, k]) => [Buffer.from(n), k]) },
  { weight: 1, arbitrary: fc.tuple(cased('ping'), fc.option(valueArb, { nil: undefined })).map(([n, m]) => (m ? [Buffer.from(n), m] : [Buffer.from(n)])) },
  { weight: 1, arbitrary: fc.tuple(cased('echo'), valueArb).map(([n, m]) => [Buffer.from(n), m]) },
  { weight: 1, arbitrary: fc.constantFrom('nope', 'hello', 'GETX', '명령').map((n) => [Buffer.from(n), Buffer.from('3')]) },
  { weight: 1, arbitrary: fc.constantFrom(['get'], ['incr', 'a', 'b'], ['echo'], ['ping', 'a', 'b'], ['set', 'k'], ['set', 'k', 'v', 'EX', '10'], ['set', 'k', 'v', 'px'], ['del'], ['exists']).map((a) => a.map((s) => Buffer.from(s))) },
);

/** The key prefix of the n-th case played: always 6 bytes, so the cuts fall where they were drawn. */
export const prefixOf = (n: number): string => `g${String(n % 10000).padStart(4, '0')}:`;

/** A command with its keys given the case's prefix (so cases never see each other's keys). */
export function withPrefix(args: Buffer[], prefix: string): Buffer[] {
  const name = args[0]!.toString('latin1').toLowerCase();
  const keyed = name === 'del' || name === 'exists' ? args.map((_, i) => i >= 1) : ['set', 'get', 'incr'].includes(name) ? args.map((_, i) => i === 1) : [];
  return args.map((a, i) => (keyed[i] ? Buffer.concat([Buffer.from(prefix), a]) : a));
}

export const BAD_ENDINGS: Array<{ bytes: Buffer; why: string }> = [
  { bytes: Buffer.from('*x\r\n'), why: 'an array count that is not a number' },
  { bytes: Buffer.from('*1\r\n+PING\r\n'), why: 'an element that is not a bulk string' },
  { bytes: Buffer.from('*1\r\n$x\r\n'), why: 'a bulk length that is not a number' },
  { bytes: Buffer.from('*2\r\n$3\r\nGET\r\n$-1\r\n'), why: 'a bulk length of -1 in a request' },
  { bytes: Buffer.from('*1\r\n$4\r\nPINGxx'), why: 'a bulk string not followed by \\r\\n' },
  { bytes: Buffer.from('*1025\r\n'), why: 'an array of 1025 elements (the limit is 1024)' },
  { bytes: Buffer.from('*2\r\n$3\r\nGET\r\n$1048577\r\n'), why: 'a bulk length of 1048577 (the limit is 1048576)' },
];

/** Blanks as people type them: none, a space, a tab, runs of both, before, between and after the words. */
const spacingArb: fc.Arbitrary<Spacing> = fc.record({
  lead: fc.constantFrom('', '', ' ', '\t', '  '),
  between: fc.constantFrom(' ', ' ', '  ', '\t', ' \t '),
  trail: fc.constantFrom('', '', ' ', '\t', ' \t'),
});

const commandArb: fc.Arbitrary<Command> = fc
  .tuple(argsArb, fc.boolean(), spacingArb)
  .map(([args, wantInline, spacing]) => {
    const inline = wantInline && args.every(inlineSafe) && args[0]![0] !== 0x2a;
    return inline ? { args, inline, spacing } : { args, inline };
  });

const endingArb: fc.Arbitrary<Ending> = fc.oneof(
  { weight: 4, arbitrary: fc.constant<Ending>({ kind: 'open' }) },
  { weight: 1, arbitrary: fc.constantFrom('', 'PING\r\n', '*1\r\n$4\r\nPING\r\n').map((after): Ending => ({ kind: 'quit', after: Buffer.from(after) })) },
  { weight: 2, arbitrary: fc.constantFrom(...BAD_ENDINGS).map((b): Ending => ({ kind: 'bad', ...b })) },
);

const blankArb = fc.array(fc.record({ before: fc.nat({ max: 5 }), bytes: fc.constantFrom('*0\r\n', '\r\n', '   \r\n', '*-1\r\n').map((s) => Buffer.from(s)) }), { maxLength: 2 });

export const cases: fc.Arbitrary<Case> = fc
  .tuple(fc.array(commandArb, { minLength: 1, maxLength: 6 }), blankArb, endingArb)
  .chain(([commands, blanks, ending]) => {
    const c = { commands, blanks, ending, cuts: [] };
    return cutsOf(caseBytes(c, prefixOf(0)).length, 6).map((cuts) => ({ ...c, cuts }));
  });

/** The bytes of one command, with the case's key prefix. */
export function commandBytes(c: Command, prefix: string): Buffer {
  const args = withPrefix(c.args, prefix);
  if (!c.inline || !args.every(inlineSafe)) return resp(...args);
  return c.spacing ? inlineSpaced(args, c.spacing) : inline(...args);
}

/** The whole stream of a case, with the keys given `prefix`. */
export function caseBytes(c: Case, prefix: string): Buffer {
  const parts: Buffer[] = [];
  c.commands.forEach((cmd, i) => {
    for (const b of c.blanks) if (b.before === i) parts.push(b.bytes);
    parts.push(commandBytes(cmd, prefix));
  });
  if (c.ending.kind === 'quit') parts.push(resp('QUIT'), c.ending.after);
  if (c.ending.kind === 'bad') parts.push(c.ending.bytes);
  return Buffer.concat(parts);
}

/** What the server must answer to a case, in order, and whether it then closes. */
export function expectedOf(c: Case, prefix: string): { replies: Array<{ args: Buffer[]; reply: Expected; why?: string; inline?: boolean }>; close: boolean } {
  const store = new Store();
  const replies: Array<{ args: Buffer[]; reply: Expected; why?: string; inline?: boolean }> = c.commands.map((cmd) => {
    const args = withPrefix(cmd.args, prefix);
    return { args, reply: store.answer(args).reply, inline: cmd.inline && args.every(inlineSafe) };
  });
  if (c.ending.kind === 'quit') replies.push({ args: [Buffer.from('QUIT')], reply: OK });
  if (c.ending.kind === 'bad') replies.push({ args: [c.ending.bytes], reply: { type: 'error-prefix', prefix: PROTOCOL_ERROR }, why: c.ending.why });
  return { replies, close: c.ending.kind !== 'open' };
}

export function describeCase(c: Case): Text {
  const cmds = c.commands.map((x) => `${showCommand(x.args)}${x.inline ? ` (inline${x.spacing && (x.spacing.lead || x.spacing.trail || x.spacing.between !== ' ') ? `: ${JSON.stringify(`${x.spacing.lead}${x.args.map((w) => w.toString('latin1')).join(x.spacing.between)}${x.spacing.trail}`)}` : ''})` : ''}`).join(' · ');
  const endEn = c.ending.kind === 'quit' ? ' · QUIT' : c.ending.kind === 'bad' ? ` · then ${c.ending.why}` : '';
  const endKo = c.ending.kind === 'quit' ? ' · QUIT' : c.ending.kind === 'bad' ? ` · 그다음 잘못된 바이트(${c.ending.why})` : '';
  const blanksEn = c.blanks.length ? `, with ${c.blanks.length} empty request(s) (*0 or an empty line)` : '';
  const blanksKo = c.blanks.length ? `, 빈 요청(*0이나 빈 줄) ${c.blanks.length}개 포함` : '';
  return text(`${cmds}${endEn}${blanksEn}, in ${c.cuts.length + 1} write(s)`, `${cmds}${endKo}${blanksKo}, write ${c.cuts.length + 1}번으로`);
}

const cmd = (inl: boolean, ...a: string[]): Command => ({ args: a.map((s) => Buffer.from(s)), inline: inl });

/** The corners, tried on every run. */
export const examples: Case[] = [
  // Blanks around an inline command are not words: "  set\tk  v \r\n" is SET k v, " PING\t" is PING.
  { commands: [{ ...cmd(true, 'set', 'k', 'v'), spacing: { lead: '  ', between: '\t', trail: ' ' } }, { ...cmd(true, 'GET', 'k'), spacing: { lead: ' ', between: '  ', trail: '\t' } }, { ...cmd(true, 'PING'), spacing: { lead: '\t', between: ' ', trail: ' ' } }], blanks: [], ending: { kind: 'open' }, cuts: [] },
  // A value holding "\r\n" and Korean, read back; the bulk length is in bytes.
  { commands: [cmd(false, 'SET', 'k', 'a\r\n안녕'), cmd(false, 'get', 'k')], blanks: [], ending: { kind: 'open' }, cuts: [] },
  // Bytes that are not UTF-8, as a value and in a key: they must come back as they went.
  { commands: [{ args: [Buffer.from('SET'), Buffer.from([0x00, 0xff, 0x20]), Buffer.from([0xff, 0xfe, 0x00, 0x80, 0xc3])], inline: false }, { args: [Buffer.from('GET'), Buffer.from([0x00, 0xff, 0x20])], inline: false }], blanks: [], ending: { kind: 'open' }, cuts: [20] },
  // INCR at the edge of 64 bits: Number() is exact only to 2^53.
  { commands: [cmd(false, 'set', 'n', '9007199254740993'), cmd(true, 'INCR', 'n'), cmd(false, 'set', 'n', '9223372036854775806'), cmd(true, 'incr', 'n'), cmd(true, 'incr', 'n'), cmd(true, 'get', 'n')], blanks: [], ending: { kind: 'open' }, cuts: [] },
  // Empty requests give no reply; QUIT with a command behind it.
  { commands: [cmd(true, 'PING'), cmd(false, 'exists', 'k', 'k')], blanks: [{ before: 1, bytes: Buffer.from('*0\r\n') }, { before: 1, bytes: Buffer.from('\r\n') }], ending: { kind: 'quit', after: Buffer.from('PING\r\n') }, cuts: [1] },
  // A protocol error after a good command: the reply to it first, then the error, then FIN.
  { commands: [cmd(false, 'SET', 'k', 'v'), cmd(false, 'DEL', 'k', 'k', 'n')], blanks: [], ending: { kind: 'bad', ...BAD_ENDINGS[4]! }, cuts: [30] },
];
