/**
 * Lesson 05's side of lesson 04's protocol, as a model, and the generated cases the
 * `generated-exchanges` scenario holds a client to. The checker plays the server: it answers
 * every command the way lesson 04's model does (`answer`, imported, so there is one model of
 * the protocol), or now and then with an odd reply (a client prints whatever reply i is), cuts
 * the reply stream at any byte, spaces its writes out (at once, or slowly), and ends the
 * exchange in one of the ways the README names: BYE (then FIN, or the connection kept open), a
 * reply to QUIT that is not BYE, or a FIN or a reset before the reply to QUIT.
 *
 * What the client must do with a case is `outcomeOf`: print exactly the replies to its
 * arguments, one per line (a final BYE line is up to it, README rule 3), and exit 0 after BYE,
 * 1 (with a message on stderr) otherwise.
 */
import fc from 'fast-check';
import { edgyText } from '../../../src/checks/generate.ts';
import { answer as protocolAnswer } from '../../lesson-04-line-protocol/.checks/model.ts';

/** The client's idle timeout, as the README states it (rule 6). */
export const CLIENT_TIMEOUT_MS = 2000;

/** Lesson 04's reply to one command line (without its '\n'). */
export function modelReply(command: string): string {
  return protocolAnswer(Buffer.from(command)).reply;
}

/** How the checker ends the exchange once the replies to the commands are sent. */
export type ServerEnd =
  /** QUIT answered with BYE; then FIN (`close`) or the connection kept open. */
  | { kind: 'bye'; close: boolean }
  /** QUIT answered with something else (README rule 5: exit 1); then FIN or kept open. */
  | { kind: 'not-bye'; reply: string; close: boolean }
  /** FIN or RST after the first `after` replies, before the reply to QUIT (README rule 5: exit 1). */
  | { kind: 'closes-early'; after: number; how: 'fin' | 'rst' };

export interface ClientCase {
  /** The client's arguments: one command each. */
  commands: string[];
  /** What the checker sends for command i: lesson 04's answer, or an odd reply. */
  replies: string[];
  end: ServerEnd;
  /** Where the reply stream is cut into separate writes (inside a UTF-8 character too). */
  cuts: number[];
  /** The pause between two writes, in ms: the pieces coalesce, or arrive one by one. */
  gapMs: number;
}

/**
 * Text a command-line argument can carry and the protocol gives no meaning to: no '\n' (it
 * ends a line), no '\r' (lesson 04 drops one before the '\n'), no NUL (argv cannot hold one).
 */
const argText = edgyText({ exclude: ['\n', '\r', '\u0000'] });
/** Spaces and tabs around a text: a reply is printed as it came, not trimmed. */
const around = fc.constantFrom('', ' ', '  ', '\t', ' \t ');

const command: fc.Arbitrary<string> = fc.oneof(
  fc.constant('PING'),
  argText.map((t) => `ECHO ${t}`),
  argText.map((t) => `LEN ${t}`),
  fc.tuple(around, argText, around).map(([a, t, b]) => `ECHO ${a}${t}${b}`),
  fc.tuple(around, argText, around).map(([a, t, b]) => `LEN ${a}${t}${b}`),
  // An empty argument is a command too (lesson 04 answers `ERR empty`), and so is the rest.
  fc.constantFrom('', 'ECHO', 'LEN', 'ECHO BYE', 'ECHO  BYE ', 'BYE', 'ping', 'HELLO there', ' PING', '안녕 하세요'),
);

/** A reply no lesson 04 server would send for that command; the client prints it all the same. */
const oddReply: fc.Arbitrary<string> = fc.oneof(argText, fc.constantFrom('BYE', '', ' ', 'PONG', 'ERR empty', ' BYE', '\tx\t'));

/** Replies to QUIT that are not BYE (spacing variants of BYE itself are left out: see checks). */
const notBye = fc.constantFrom('ERR unknown command QUIT', 'ERR empty', 'PONG', 'bye', 'Bye', 'QUIT', '', 'BYE BYE', '안녕');

const end: fc.Arbitrary<ServerEnd> = fc.oneof(
  { weight: 4, arbitrary: fc.boolean().map((close): ServerEnd => ({ kind: 'bye', close })) },
  { weight: 2, arbitrary: fc.record({ reply: notBye, close: fc.boolean() }).map((r): ServerEnd => ({ kind: 'not-bye', ...r })) },
  // `after` is brought down to the number of commands below.
  { weight: 1, arbitrary: fc.record({ after: fc.nat(4), how: fc.constantFrom<'fin' | 'rst'>('fin', 'rst') }).map((e): ServerEnd => ({ kind: 'closes-early', ...e })) },
);

/**
 * Built without `chain`, so that a failing case shrinks well (fewer arguments, the model's
 * replies instead of odd ones, fewer cuts): every part is drawn on its own and fitted together.
 */
export const clientCases: fc.Arbitrary<ClientCase> = fc
  .record({
    items: fc.array(fc.record({ command, odd: fc.option(oddReply, { freq: 5, nil: undefined }) }), { maxLength: 4 }),
    end,
    cuts: fc.uniqueArray(fc.integer({ min: 1, max: 600 }), { maxLength: 6 }),
    gapMs: fc.constantFrom(5, 0, 60),
  })
  .map(({ items, end, cuts, gapMs }) => {
    const c: ClientCase = {
      commands: items.map((i) => i.command),
      replies: items.map((i) => i.odd ?? modelReply(i.command)),
      end: end.kind === 'closes-early' ? { ...end, after: Math.min(end.after, items.length) } : end,
      cuts: [],
      gapMs,
    };
    const length = streamOf(c).length;
    return { ...c, cuts: cuts.filter((at) => at < length).sort((a, b) => a - b) };
  });

/** The lines the checker sends, in order (the reply to QUIT last, unless it closes early). */
export function linesOf(c: ClientCase): string[] {
  switch (c.end.kind) {
    case 'bye':
      return [...c.replies, 'BYE'];
    case 'not-bye':
      return [...c.replies, c.end.reply];
    case 'closes-early':
      return c.replies.slice(0, c.end.after);
  }
}

/** The bytes of the reply stream, each line ending in '\n'. */
export function streamOf(c: ClientCase): Buffer {
  return Buffer.from(linesOf(c).map((l) => `${l}\n`).join(''));
}

/** Whether the checker closes its side (FIN) after the stream. */
export function closesAfter(c: ClientCase): boolean {
  return c.end.kind === 'closes-early' || c.end.close;
}

/** What the client must do: print `printed` (exactly, one per line) and exit with `exit`. */
export function outcomeOf(c: ClientCase): { printed: string[]; exit: 0 | 1 } {
  if (c.end.kind === 'closes-early') return { printed: c.replies.slice(0, c.end.after), exit: 1 };
  return { printed: c.replies, exit: c.end.kind === 'bye' ? 0 : 1 };
}

/**
 * Corners the `corner-exchanges` scenario tries on every run, whatever the seed: no arguments at all (the request is then
 * `QUIT\n` alone), replies with spaces and tabs around them (printed as they came), an empty
 * argument among others, every command answered and then a FIN before BYE, and a server
 * that answers QUIT with something other than BYE and keeps the connection.
 */
export const clientExamples: ClientCase[] = (() => {
  const of = (commands: string[], end: ServerEnd): ClientCase => ({ commands, replies: commands.map(modelReply), end, cuts: [], gapMs: 5 });
  return [
    of([], { kind: 'bye', close: true }),
    of(['ECHO  two  spaces ', 'PING', 'ECHO \tx'], { kind: 'bye', close: true }),
    // An empty argument is an empty line to send (the server answers ERR empty), not nothing.
    of(['PING', '', 'ECHO x'], { kind: 'bye', close: true }),
    // Every command answered, then FIN before the reply to QUIT: no BYE, so exit 1.
    of(['PING', 'ECHO a'], { kind: 'closes-early', after: 2, how: 'fin' }),
    of(['PING'], { kind: 'not-bye', reply: 'ERR unknown command QUIT', close: false }),
  ];
})();
