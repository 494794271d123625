/**
 * Lesson 12's protocol as pure functions (README "the-exchange", "names", "limits"): what a
 * server answers to one connection's bytes, given the files already in its folder, and what the
 * folder holds afterwards. The `generated-requests` scenario holds a server to it on cases drawn
 * here: names from the edges of the rule (1 and 64 characters, dots, dashes, '..', '/', '\\',
 * 65 characters, Hangul), sizes 0 and small, bodies of random bytes (0x00, 0x0A, invalid UTF-8)
 * or text, a right or wrong checksum, headers ending in "\r\n", bytes after the body, a FIN
 * before the body ends, malformed headers, and GETs of what is (or is not) there, every request
 * cut at any byte.
 */
import crypto from 'node:crypto';
import fc from 'fast-check';
import { cutsOf } from '../../../src/checks/generate.ts';

export const MAX_HEADER = 1024; // bytes of the header line, '\n' included
export const MAX_SIZE = 1024 * 1024 * 1024; // 1 GiB
export const NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}$/;
const SIZE = /^(0|[1-9][0-9]*)$/;
const SHA256 = /^[0-9a-f]{64}$/;

export const sha256 = (b: Buffer | string) => crypto.createHash('sha256').update(b).digest('hex');
export const EMPTY_SHA = sha256('');

export type Folder = ReadonlyMap<string, Buffer>;

/**
 * `n` bytes of a seeded pseudo-random stream (AES-128-CTR over zeros): the same seed gives the
 * same bytes, at hundreds of MB/s, so big files are made as they are sent, never held whole.
 */
export function prngStream(seed: number): (n: number) => Buffer {
  const key = crypto.createHash('sha256').update(`lesson-12:${seed}`).digest().subarray(0, 16);
  const cipher = crypto.createCipheriv('aes-128-ctr', key, Buffer.alloc(16));
  return (n) => cipher.update(Buffer.alloc(n));
}

export const prngBytes = (seed: number, n: number) => prngStream(seed)(n);

/** What the server sends back on one connection: a line, and for a GET that is OK, the file. */
export interface Answer {
  line: string;
  body?: Buffer;
  /** The folder after the request. */
  folder: Folder;
}

/**
 * The answer to the bytes a client sent on one connection (`fin`: it then closed its side).
 * A client that neither finishes its body nor closes gets no answer: the cases never do that.
 * "ERR server" (README: the disk failed, a write or the rename) is never the answer here: the
 * checker's folder is always writable, so a server that says it is judged a wrong reply.
 */
export function answer(folder: Folder, sent: Buffer, fin: boolean): Answer {
  const nl = sent.indexOf(0x0a);
  const same = (line: string): Answer => ({ line, folder });
  if (nl === -1 || nl >= MAX_HEADER) return same('ERR bad header');
  const line = sent.subarray(0, nl).toString('utf8').replace(/\r$/, '');
  const rest = sent.subarray(nl + 1);
  const words = line.split(' ');
  if (words[0] === 'PUT' && words.length === 4) {
    const [, name, size, sha] = words as [string, string, string, string];
    if (!NAME.test(name)) return same('ERR bad name');
    if (!SIZE.test(size) || !SHA256.test(sha)) return same('ERR bad header');
    const n = Number(size);
    if (n > MAX_SIZE) return same('ERR too large');
    if (rest.length < n) return fin ? same('ERR size') : same('(waits for the body)');
    const body = rest.subarray(0, n);
    const got = sha256(body);
    if (got !== sha) return same('ERR checksum');
    return { line: `OK ${got}`, folder: new Map([...folder, [name, body]]) };
  }
  if (words[0] === 'GET' && words.length === 2) {
    const name = words[1]!;
    if (!NAME.test(name)) return same('ERR bad name');
    const file = folder.get(name);
    if (!file) return same('ERR not found');
    return { line: `OK ${file.length} ${sha256(file)}`, body: file, folder };
  }
  return same('ERR bad header');
}

// ───────────────────────────── requests ─────────────────────────────

export function putHeader(name: string, size: number | string, sha: string, eol = '\n'): Buffer {
  return Buffer.from(`PUT ${name} ${size} ${sha}${eol}`, 'utf8');
}

/** One request of a case: the bytes of one connection, how they are cut, and whether a FIN follows. */
export interface Request {
  /** The request in words, for the report. */
  shown: string;
  bytes: Buffer;
  cuts: number[];
  fin: boolean;
}

export interface RequestsCase {
  /** Files in the folder before the first request (name → content). */
  setup: Array<[string, Buffer]>;
  requests: Request[];
}

const bytesArb = (max: number) => fc.uint8Array({ maxLength: max }).map((a) => Buffer.from(a));
const textArb = fc.constantFrom('hello\n', '', 'a', '안녕하세요 파일\n', 'line one\nline two\r\n', '😀'.repeat(40)).map((s) => Buffer.from(s, 'utf8'));
/** Bodies: random bytes (0x00, 0x0A, invalid UTF-8 and all), text, or a bigger block. */
const bodyArb = fc.oneof(bytesArb(300), textArb, fc.integer({ min: 1000, max: 200_000 }).map((n) => prngBytes(n, n)));

export const goodNames = ['a', 'x'.repeat(64), 'notes.txt', 'A.b-c_9', '-dash', '_under', 'file.tar.gz', 'a..b', 'Z9', 'trailing.'];
export const badNames = ['..', '.', '.hidden', '../escape.txt', '../../etc/passwd', 'a/b', 'sub/../x', 'a\\b', 'x'.repeat(65), '파일.txt', 'a%2Fb', 'a:b', '*'];

const nameArb = fc.constantFrom(...goodNames);

/** A good PUT, perhaps with "\r\n", bytes after the body, or a FIN after it. */
const goodPut = fc.record({ name: nameArb, body: bodyArb, crlf: fc.boolean(), trailing: fc.constantFrom('', '', '\n', 'EXTRA'), fin: fc.boolean() });

type Fault =
  | { kind: 'bad-name'; name: string }
  | { kind: 'bad-size'; size: string }
  | { kind: 'too-large'; size: string }
  | { kind: 'wrong-sha' }
  | { kind: 'bad-sha'; sha: (right: string) => string; what: string }
  | { kind: 'short'; keep: number }
  | { kind: 'raw'; line: string };

const faultArb: fc.Arbitrary<Fault> = fc.oneof(
  fc.constantFrom(...badNames).map((name) => ({ kind: 'bad-name' as const, name })),
  fc.constantFrom('+5', '05', '5.0', '-1', '', 'five', '0x10', '1e3').map((size) => ({ kind: 'bad-size' as const, size })),
  fc.constantFrom('1073741825', '2147483648', '99999999999999999999').map((size) => ({ kind: 'too-large' as const, size })),
  fc.constant({ kind: 'wrong-sha' as const }),
  fc.constantFrom<{ sha: (r: string) => string; what: string }>(
    { sha: (r) => r.toUpperCase(), what: 'in upper case' },
    { sha: (r) => r.slice(1), what: 'of 63 digits' },
    { sha: (r) => `${r}0`, what: 'of 65 digits' },
    { sha: (r) => `g${r.slice(1)}`, what: 'with a "g"' },
  ).map((x) => ({ kind: 'bad-sha' as const, ...x })),
  fc.integer({ min: 0, max: 99 }).map((keep) => ({ kind: 'short' as const, keep })),
  fc.constantFrom('DEL notes.txt', 'put a 0 ' + EMPTY_SHA, 'PUT a 0', 'GET', 'GET a b', '', 'HELLO').map((line) => ({ kind: 'raw' as const, line })),
);

function describeBody(b: Buffer): string {
  const text = !b.includes(0xfffd) && Buffer.from(b.toString('utf8'), 'utf8').equals(b) && !/[\0-\x08]/.test(b.toString('latin1'));
  return text && b.length <= 24 ? JSON.stringify(b.toString('utf8')) : `${b.length} ${text ? 'text' : 'random'} bytes`;
}

function request(shown: string, bytes: Buffer, fin: boolean): fc.Arbitrary<Request> {
  return cutsOf(bytes.length, 4).map((cuts) => ({ shown, bytes, cuts, fin }));
}

const putArb: fc.Arbitrary<fc.Arbitrary<Request>> = goodPut.map((p) => {
  const sha = sha256(p.body);
  const bytes = Buffer.concat([putHeader(p.name, p.body.length, sha, p.crlf ? '\r\n' : '\n'), p.body, Buffer.from(p.trailing)]);
  const extras = [p.crlf ? 'header ends in \\r\\n' : '', p.trailing ? `then ${JSON.stringify(p.trailing)} after the body` : '', p.fin ? 'then FIN' : ''].filter(Boolean);
  return request(`PUT ${p.name}: ${describeBody(p.body)}, right checksum${extras.length ? `, ${extras.join(', ')}` : ''}`, bytes, p.fin);
});

const faultyPutArb: fc.Arbitrary<fc.Arbitrary<Request>> = fc.tuple(nameArb, bytesArb(200), faultArb).map(([name, body, f]) => {
  const sha = sha256(body);
  switch (f.kind) {
    case 'bad-name':
      return request(`PUT ${JSON.stringify(f.name)} (a name the rule refuses): ${body.length} bytes`, Buffer.concat([putHeader(f.name, body.length, sha), body]), false);
    case 'bad-size':
      return request(`PUT ${name} with size ${JSON.stringify(f.size)}`, Buffer.concat([putHeader(name, f.size, sha), body]), false);
    case 'too-large':
      return request(`PUT ${name} claiming ${f.size} bytes (over 1 GiB)`, Buffer.concat([putHeader(name, f.size, sha), body]), false);
    case 'wrong-sha': {
      const wrong = sha256(Buffer.concat([body, Buffer.from('x')]));
      return request(`PUT ${name}: ${describeBody(body)}, a checksum that does not match`, Buffer.concat([putHeader(name, body.length, wrong), body]), false);
    }
    case 'bad-sha':
      return request(`PUT ${name} with a checksum ${f.what}`, Buffer.concat([putHeader(name, body.length, f.sha(sha)), body]), false);
    case 'short': {
      const size = body.length + 1 + f.keep;
      return request(`PUT ${name} claiming ${size} bytes, ${body.length} sent, then FIN`, Buffer.concat([putHeader(name, size, sha), body]), true);
    }
    case 'raw':
      return request(`the header ${JSON.stringify(f.line)}`, Buffer.from(`${f.line}\n`), false);
  }
});

const longLineArb: fc.Arbitrary<fc.Arbitrary<Request>> = fc.constantFrom(MAX_HEADER, MAX_HEADER + 1, 3000).map((n) =>
  request(`${n} bytes with no "\\n" (the header line is at most ${MAX_HEADER} bytes)`, Buffer.alloc(n, 'A'), false),
);

const getArb: fc.Arbitrary<fc.Arbitrary<Request>> = fc.tuple(fc.constantFrom(...goodNames, ...goodNames, 'missing.txt', '../outside.txt', '..', '.hidden'), fc.boolean()).map(([name, crlf]) =>
  request(`GET ${name}${crlf ? ' (\\r\\n)' : ''}`, Buffer.from(`GET ${name}${crlf ? '\r\n' : '\n'}`), false),
);

export const requestsCases: fc.Arbitrary<RequestsCase> = fc.record({
  setup: fc.array(fc.tuple(nameArb, bytesArb(100)), { maxLength: 2 }),
  requests: fc.array(fc.oneof({ weight: 3, arbitrary: putArb }, { weight: 3, arbitrary: faultyPutArb }, { weight: 1, arbitrary: longLineArb }, { weight: 2, arbitrary: getArb }).chain((r) => r), { minLength: 1, maxLength: 3 }),
});

/** Corners tried on every run. */
export function cornerCases(): RequestsCase[] {
  const one = (shown: string, bytes: Buffer, cuts: number[] = [], fin = false): Request => ({ shown, bytes, cuts, fin });
  const body = Buffer.from([0x00, 0x0a, 0xff, 0xfe, 0x0d, 0x0a, 0xc3, 0x28, 0x41]);
  const put = putHeader('bin.dat', body.length, sha256(body));
  const max = 'x'.repeat(64);
  return [
    // an empty file: no body at all, the reply right after the header
    { setup: [], requests: [one('PUT empty.txt: 0 bytes', putHeader('empty.txt', 0, EMPTY_SHA)), one('GET empty.txt', Buffer.from('GET empty.txt\n'))] },
    // header and binary body, every byte its own write
    { setup: [], requests: [one('PUT bin.dat: 9 binary bytes, one byte per write', Buffer.concat([put, body]), [...Array(put.length + body.length - 1).keys()].map((i) => i + 1))] },
    // the longest name, then a GET of it; a name one longer is refused
    {
      setup: [],
      requests: [
        one(`PUT ${max} (64 characters)`, Buffer.concat([putHeader(max, 2, sha256('hi')), Buffer.from('hi')])),
        one(`GET ${max}`, Buffer.from(`GET ${max}\n`)),
        one(`PUT ${max}x (65 characters)`, Buffer.concat([putHeader(`${max}x`, 2, sha256('hi')), Buffer.from('hi')])),
      ],
    },
    // sizes with a leading zero are not sizes ("no leading zero"), even with the right body
    {
      setup: [],
      requests: [
        one('PUT twelve.txt with size "012" and its 12 bytes', Buffer.concat([putHeader('twelve.txt', '012', sha256('twelve bytes')), Buffer.from('twelve bytes')])),
        one('PUT none.txt with size "00"', putHeader('none.txt', '00', EMPTY_SHA)),
        one('GET twelve.txt', Buffer.from('GET twelve.txt\n')),
      ],
    },
    // an upload replaces a file; a failed upload does not
    {
      setup: [['notes.txt', Buffer.from('old\n')]],
      requests: [
        one('PUT notes.txt: a checksum that does not match', Buffer.concat([putHeader('notes.txt', 4, sha256('nope')), Buffer.from('new\n')])),
        one('GET notes.txt', Buffer.from('GET notes.txt\n')),
        one('PUT notes.txt: "new\\n"', Buffer.concat([putHeader('notes.txt', 4, sha256('new\n')), Buffer.from('new\n')]), [3, 40]),
        one('GET notes.txt', Buffer.from('GET notes.txt\n')),
      ],
    },
  ];
}
