/**
 * Lesson 09's protocol as a pure function (README "the-protocol"), and the generated exchanges
 * the `generated-exchanges` scenario holds a server to: datagrams from the edges of the spec —
 * sizes at the 1200-byte limit ±1 counted in bytes, with Hangul, emoji and combining marks so
 * that bytes and characters differ, the last character ending right on the limit or across it;
 * ECHO text with edge spaces, tabs, '\r', '\n' inside and at the end; PINGs with and without
 * their one allowed '\n', and malformed ones (two '\n', an extra field, a bad seq); the empty
 * datagram; invalid UTF-8 (overlong, surrogate, truncated, stray bytes) small and oversized, and
 * valid text that holds U+FFFD itself (the character a lenient decoder puts for a bad byte); seqs
 * spelled as they came (leading zeros, 20 digits and more: text, not a number); the same seq sent
 * again by the same client with a fresh token (a retry, or seqs restarting) — sent back to back by
 * one to three clients, each on its own port.
 */
import fc from 'fast-check';
import { edgyText } from '../../../src/checks/generate.ts';

export const MAX_DATAGRAM = 1200;
export const BAD = 'ERR bad request';
export const TOO_LARGE = 'ERR too large';

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** What kind of request a datagram is, by the protocol's order of checks. */
export type Kind = 'too-large' | 'empty' | 'invalid-utf8' | 'echo' | 'ping' | 'bad';

export function kindOf(msg: Buffer): Kind {
  if (msg.length > MAX_DATAGRAM) return 'too-large';
  if (msg.length === 0) return 'empty';
  let request: string;
  try {
    request = strict.decode(msg);
  } catch {
    return 'invalid-utf8';
  }
  if (request.startsWith('ECHO ')) return 'echo';
  if (/^PING (\d+) (\S+)\n?$/.test(request)) return 'ping';
  return 'bad';
}

/** The reply datagram the protocol table gives for one request datagram. */
export function answer(msg: Buffer): Buffer {
  switch (kindOf(msg)) {
    case 'too-large':
      return Buffer.from(TOO_LARGE);
    case 'echo':
      return msg.subarray(5);
    case 'ping': {
      const m = /^PING (\d+) (\S+)\n?$/.exec(strict.decode(msg))!;
      return Buffer.from(`PONG ${m[1]} ${m[2]}`);
    }
    default:
      return Buffer.from(BAD);
  }
}

/**
 * The replies a learner may send. One, except for `ECHO ` with nothing after it: the README's
 * `<anything>` may be read as "something", so both the empty datagram (the bytes after "ECHO ",
 * none) and `ERR bad request` are accepted there; neither reading is held against a learner.
 */
export function allowedReplies(msg: Buffer): Buffer[] {
  if (msg.length === 5 && msg.toString('latin1') === 'ECHO ') return [Buffer.alloc(0), Buffer.from(BAD)];
  return [answer(msg)];
}

/** One datagram of a case, and which of the case's clients sends it. */
export interface Sent {
  from: number;
  bytes: Buffer;
}

export interface UdpCase {
  /** In the order they are sent, back to back. */
  datagrams: Sent[];
}

/**
 * Characters that are one "non-space" each in every reading (no tab, NBSP or other \s); U+FFFD
 * among them, a valid character like any other.
 */
const tokenChars = ['a', 'Z', '0', '9', '-', '_', '.', ':', '%', '"', '\\', '안', '녕', '😀', '𝄞', 'e\u0301', '٣', '\uFFFD'];
const pingToken = fc.array(fc.constantFrom(...tokenChars), { minLength: 1, maxLength: 8 }).map((t) => t.join(''));
const digits = (min: number, max: number) => fc.array(fc.constantFrom(...'0123456789'), { minLength: min, maxLength: max }).map((d) => d.join(''));
/**
 * A seq is digits (README "the-protocol"), and the PONG carries "the same seq": the same digits,
 * not the number they spell. So leading zeros ("007", "00") and seqs of 17 to 40 digits, past a
 * JS number's exact integers, beside the plain ones.
 */
const seq = fc.oneof(
  fc.constantFrom('0', '1', '7', '00', '007', '0100', '12345678901234567890', '9007199254740993'),
  fc.nat({ max: 2 ** 31 }).map(String),
  fc.tuple(fc.constantFrom('0', '00', '000'), fc.nat({ max: 99999 })).map(([z, n]) => `${z}${n}`),
  fc.tuple(fc.constantFrom(...'123456789'), digits(16, 39)).map(([d, rest]) => d + rest),
);
const pingCore = fc.tuple(seq, pingToken).map(([s, t]) => `PING ${s} ${t}`);

const ping = fc.tuple(pingCore, fc.boolean()).map(([p, nl]) => Buffer.from(nl ? `${p}\n` : p));

/** A PING the regex refuses: "one \n" allowed, not two; three fields exactly; ASCII digits. */
const malformedPing = fc.oneof(
  fc.tuple(pingCore, fc.constantFrom('\n\n', ' extra', ' 2')).map(([p, tail]) => Buffer.from(p + tail)),
  fc.constantFrom('PING', 'PING ', 'PING 1', 'PING a b', 'PING -1 a', 'PING 1.5 a', 'PING  1 a', 'PING 1  a', 'ping 1 a', 'PING1 a', ' PING 1 a', 'PONG 1 a', 'PING \n').map((s) => Buffer.from(s)),
);

/** Text with newlines, '\r', tabs and spaces inside, at the start and at the end. */
const echoBody = fc
  .tuple(
    fc.constantFrom('', ' ', '  ', '\t', '\n'),
    fc.array(fc.oneof(edgyText({ maxLength: 4 }), fc.constantFrom('\n', '\r\n', ' ', 'ECHO x', 'PING 1 a', '\uFFFD', '\uFFFD\uFFFD')), { maxLength: 4 }),
    fc.constantFrom('', '\n', '\r\n', ' ', '  ', '\t', '\n\n', '\r'),
  )
  .map(([lead, parts, tail]) => lead + parts.join('') + tail);
const echo = echoBody.map((b) => Buffer.from(`ECHO ${b}`));

/** Sizes in bytes around the limit, and well over it. */
const sizes = [1201, 1200, 1199, 1202, 1300, 1500, 4000];
const fills = ['한', '😀', 'e\u0301', 'x', '가나다', '\uFFFD'];
/**
 * A datagram of exactly `size` bytes: `head`, then `fill` repeated and ASCII padding (before the
 * fill when `padFirst`, so that the last multibyte character ends right at the tail), then `tail`.
 */
export function sized(head: string, fill: string, size: number, tail: Buffer, padFirst: boolean): Buffer {
  const front = Buffer.from(head);
  const room = size - front.length - tail.length;
  const body = fill.repeat(Math.floor(room / Buffer.byteLength(fill)));
  const pad = 'x'.repeat(room - Buffer.byteLength(body));
  return Buffer.concat([front, Buffer.from(padFirst ? pad + body : body + pad), tail]);
}

const invalidBytes = [[0xff], [0xe4, 0xb8], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0x80], [0xc3, 0x28], [0xf5, 0x80, 0x80, 0x80], [0xfe, 0xff, 0x00]].map((b) => Buffer.from(b));

const sizedDatagram = fc
  .record({
    size: fc.constantFrom(...sizes),
    head: fc.constantFrom('ECHO ', 'PING 1 ', 'HELLO '),
    fill: fc.constantFrom(...fills),
    tail: fc.oneof(fc.constantFrom('', '\n', '\r\n', ' ').map((t) => Buffer.from(t)), fc.constantFrom(...invalidBytes)),
    padFirst: fc.boolean(),
  })
  .map(({ size, head, fill, tail, padFirst }) => sized(head, fill, size, tail, padFirst));

const badDatagram = fc.constantFrom('', 'HELLO', 'ECHO', 'echo hi', 'ECHOhi', 'Echo hi', ' ECHO hi', ' ', '\n', 'ERR bad request', '안녕').map((s) => Buffer.from(s));

const invalidUtf8 = fc
  .tuple(fc.constantFrom('', 'ECHO ', 'PING 1 ', 'ECHO 안녕 ', 'HELLO'), fc.constantFrom(...invalidBytes), fc.constantFrom('', 'ok', '\n', '한'))
  .map(([head, bad, tail]) => Buffer.concat([Buffer.from(head), bad, Buffer.from(tail)]));

export const datagram: fc.Arbitrary<Buffer> = fc.oneof(
  { weight: 3, arbitrary: ping },
  { weight: 2, arbitrary: malformedPing },
  { weight: 3, arbitrary: echo },
  { weight: 4, arbitrary: sizedDatagram },
  { weight: 1, arbitrary: badDatagram },
  { weight: 2, arbitrary: invalidUtf8 },
);

/**
 * One client sending the same seq two or three times, each time with a fresh token: a retry (as
 * lesson 10's client does) or seqs that restart. Each gets the PONG of its own token.
 */
const sameSeqAgain = fc
  .record({ from: fc.nat({ max: 2 }), seq, tokens: fc.uniqueArray(pingToken, { minLength: 2, maxLength: 3 }), nl: fc.boolean() })
  .map(({ from, seq: s, tokens, nl }) => tokens.map((t) => ({ from, bytes: Buffer.from(`PING ${s} ${t}${nl ? '\n' : ''}`) })));

/**
 * One to six datagrams from one to three clients, interleaved; often with a seq sent again by
 * its client with a new token, the repeats spread among the other datagrams.
 */
export const udpCases: fc.Arbitrary<UdpCase> = fc
  .record({
    datagrams: fc.array(fc.record({ from: fc.nat({ max: 2 }), bytes: datagram }), { minLength: 1, maxLength: 6 }),
    again: fc.option(fc.tuple(sameSeqAgain, fc.array(fc.nat(), { minLength: 3, maxLength: 3 })), { freq: 2 }),
  })
  .map(({ datagrams, again }) => {
    if (!again) return { datagrams };
    const [repeats, at] = again;
    const out = [...datagrams];
    // Insert each repeat at a drawn place after the one before it: their order is kept.
    let from = 0;
    repeats.forEach((r, i) => {
      const k = from + (at[i]! % (out.length - from + 1));
      out.splice(k, 0, r);
      from = k + 1;
    });
    return { datagrams: out };
  });

/** The clients a case uses, in order of their first datagram (A, B, C). */
export function sendersOf(c: UdpCase): number[] {
  return [...new Set(c.datagrams.map((d) => d.from))];
}
