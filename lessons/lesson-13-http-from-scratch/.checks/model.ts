/**
 * Lesson 13's protocol as a model (README "The protocol", "The routes", "Limits"): what a right
 * server answers to a stream of request bytes, however they were cut; a strict reader of one
 * response (the checker's own, as strict as fetch); and the generated cases: requests from the
 * edges of the spec, pipelined on one connection, cut at any byte.
 */
import fc from 'fast-check';
import { cutsOf, edgyText } from '../../../src/checks/generate.ts';
import { fill, text, type Text } from '../../../src/i18n.ts';

export const MAX_HEAD_BYTES = 8192;
export const MAX_BODY_BYTES = 1024 * 1024;

/** GET / answers exactly these bytes. */
export const PAGE = `<!doctype html>
<html lang="ko">
<head><meta charset="utf-8"><title>안녕, HTTP</title></head>
<body>
<h1>안녕, HTTP</h1>
<form method="post" action="/form">
<label>이름 <input name="name"></label>
<button type="submit">보내기</button>
</form>
</body>
</html>
`;

export const TEXT = 'text/plain; charset=utf-8';
export const HTML = 'text/html; charset=utf-8';
export const OCTETS = 'application/octet-stream';

export function formPage(name: string): string {
  return `<!doctype html>\n<meta charset="utf-8">\n<title>안녕, HTTP</title>\n<p id="greeting">Hello, ${escapeHtml(name)}!</p>\n`;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** What one response must be. `type`/`body` undefined: any (error responses). */
export interface Expected {
  status: number;
  type?: string;
  body?: Buffer;
  allow?: string;
  /** The server closes (FIN) after this response. */
  close: boolean;
  /** The size of the request's head, counting its \r\n\r\n (for a head near or over the limit). */
  headBytes?: number;
  /** A 400 for a Content-Length that is not digits: the value as sent. */
  badLength?: string;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

function err(status: number, close: boolean, allow?: string): Expected {
  return { status, close, allow };
}

function route(method: string, target: string, body: Buffer, close: boolean): Expected {
  const url = new URL(target, 'http://server.invalid');
  const only = (m: string, ok: () => Omit<Expected, 'close' | 'status'>): Expected => (method === m ? { status: 200, close, ...ok() } : err(405, close, m));
  switch (url.pathname) {
    case '/':
      return only('GET', () => ({ type: HTML, body: Buffer.from(PAGE) }));
    case '/hello':
      return only('GET', () => ({ type: TEXT, body: Buffer.from(`Hello, ${url.searchParams.get('name') ?? 'world'}!`) }));
    case '/echo':
      return only('POST', () => ({ type: OCTETS, body: Buffer.from(body) }));
    case '/form':
      return only('POST', () => ({ type: HTML, body: Buffer.from(formPage(new URLSearchParams(body.toString('utf8')).get('name') ?? 'world')) }));
    default:
      return err(404, close);
  }
}

/**
 * The responses a right server gives to `stream` (all the bytes one connection sent), in
 * order; a request cut short at the end of the stream gets none (the server waits for it).
 */
export function serverModel(stream: Buffer): Expected[] {
  const out: Expected[] = [];
  let buf = stream;
  for (;;) {
    const end = buf.indexOf('\r\n\r\n');
    // README "Limits": a head over 8192 bytes counting its \r\n\r\n, or 8192 bytes with no \r\n\r\n yet.
    if (end === -1 ? buf.length >= MAX_HEAD_BYTES : end + 4 > MAX_HEAD_BYTES) return [...out, { ...err(431, true), headBytes: end === -1 ? buf.length : end + 4 }];
    if (end === -1) return out;
    const [line, ...headerLines] = buf.subarray(0, end).toString('latin1').split('\r\n');
    const m = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+) (\/\S*) (HTTP\/1\.[01])$/.exec(line!);
    if (!m) return [...out, err(400, true)];
    const headers = new Map<string, string>();
    for (const h of headerLines) {
      const colon = h.indexOf(':');
      if (colon <= 0 || !TOKEN.test(h.slice(0, colon))) return [...out, err(400, true)];
      const key = h.slice(0, colon).toLowerCase();
      const value = h.slice(colon + 1).trim();
      if (key === 'content-length' && headers.has(key) && headers.get(key) !== value) return [...out, err(400, true)];
      headers.set(key, headers.has(key) && key !== 'content-length' ? `${headers.get(key)}, ${value}` : value);
    }
    if (headers.has('transfer-encoding')) return [...out, err(501, true)];
    const cl = headers.get('content-length');
    if (cl !== undefined && !/^\d+$/.test(cl)) return [...out, { ...err(400, true), badLength: cl }];
    if (cl === undefined && m[1] === 'POST') return [...out, err(411, true)];
    const length = cl === undefined ? 0 : Number(cl);
    if (length > MAX_BODY_BYTES) return [...out, err(413, true)];
    if (buf.length < end + 4 + length) return out;
    const body = buf.subarray(end + 4, end + 4 + length);
    buf = buf.subarray(end + 4 + length);
    const close = m[3] === 'HTTP/1.0' || /(^|,)\s*close\s*(,|$)/i.test(headers.get('connection') ?? '');
    out.push({ ...route(m[1]!, m[2]!, body, close), ...(end + 4 > MAX_HEAD_BYTES - 64 ? { headBytes: end + 4 } : {}) });
    if (close) return out;
  }
}

// ─── one response, read strictly ─────────────────────────────────────────────────────

export interface Response {
  status: number;
  /** Header names in lower case. */
  headers: Map<string, string>;
  body: Buffer;
  /** The head as received, for the report. */
  head: string;
}

/** What is wrong with a response head, as the strict reader sees it (undefined: fine so far). */
export type HeadProblem = 'lf-only-line-endings' | 'bad-status-line' | 'malformed-response' | 'no-content-length';

/** Parses a complete head (without its blank line); a problem, or the status, headers and length. */
export function parseResponseHead(head: string): { problem: HeadProblem; detail: string } | { status: number; headers: Map<string, string>; length: number } {
  const lines = head.split('\r\n');
  if (lines.some((l) => l.includes('\n'))) return { problem: 'lf-only-line-endings', detail: head };
  const m = /^HTTP\/1\.1 (\d{3}) [^\r\n]*$/.exec(lines[0]!);
  if (!m) return { problem: 'bad-status-line', detail: lines[0]! };
  const headers = new Map<string, string>();
  for (const h of lines.slice(1)) {
    const colon = h.indexOf(':');
    if (colon <= 0 || !TOKEN.test(h.slice(0, colon)) || /[\0\r\n]/.test(h)) return { problem: 'malformed-response', detail: h };
    headers.set(h.slice(0, colon).toLowerCase(), h.slice(colon + 1).trim());
  }
  const cl = headers.get('content-length');
  if (cl === undefined || !/^\d+$/.test(cl)) return { problem: 'no-content-length', detail: head };
  return { status: Number(m[1]), headers, length: Number(cl) };
}

// ─── generated cases ─────────────────────────────────────────────────────────────────

export interface RequestSpec {
  /** The request's bytes. */
  bytes: Buffer;
  /** In words, for the report. */
  shown: string;
  /** A head of this many bytes (headOfSize): kept at that size when Connection: close is added. */
  sized?: number;
}

export interface ExchangeCase {
  requests: RequestSpec[];
  /** The last request asks for Connection: close (`close`), or is an HTTP/1.0 request (`http10`). */
  closeLast: boolean | 'http10';
  cuts: number[];
}

function req(method: string, target: string, headers: string[], body: Buffer = Buffer.alloc(0)): RequestSpec {
  const head = [`${method} ${target} HTTP/1.1`, 'Host: 127.0.0.1', ...headers].join('\r\n');
  return { bytes: Buffer.concat([Buffer.from(`${head}\r\n\r\n`, 'latin1'), body]), shown: `${method} ${target}${body.length ? ` (${body.length} B body)` : ''}` };
}

const clName = fc.constantFrom('Content-Length', 'content-length', 'CONTENT-LENGTH', 'Content-length');

/** A name percent-encoded as a browser would (GET form: '+' for space), or as encodeURIComponent does. */
const encodedName = fc.tuple(edgyText({ maxLength: 5, exclude: ['\u0000'] }), fc.constantFrom('component', 'form', 'lower')).map(([name, how]) => {
  if (how === 'form') return new URLSearchParams({ name }).toString().slice('name='.length);
  const enc = encodeURIComponent(name);
  return how === 'lower' ? enc.replace(/%[0-9A-F]{2}/g, (x) => x.toLowerCase()) : enc;
});

/**
 * GET /hello?name=big with a head of exactly `size` bytes, its \r\n\r\n counted (README
 * "Limits": over 8192 is 431), padded by an X-Pad header.
 */
export function headOfSize(size: number, extra: string[] = []): RequestSpec {
  const bare = req('GET', '/hello?name=big', [...extra, 'X-Pad: ']).bytes.length;
  const r = req('GET', '/hello?name=big', [...extra, `X-Pad: ${'p'.repeat(size - bare)}`]);
  return { bytes: r.bytes, shown: `GET /hello?name=big with a head of ${size} bytes (\\r\\n\\r\\n counted)`, sized: size };
}

/** Content-Length values that are not digits, though Number() or parseInt() reads a number in each. */
export const LENGTH_SPELLINGS = ['0x3', '1e2', '+5', '5.0', '', '-0', '0b11', '0o7', '12x', ' 3 3', '3,3', '-1', 'Infinity'];

/** A request whose Content-Length is not digits, with 100 bytes after its head (what a server reading a number would take as the body). */
export function badLength(value: string, target = '/echo'): RequestSpec {
  const method = target === '/echo' || target === '/form' ? 'POST' : 'GET';
  const r = req(method, target, [`Content-Length: ${value}`], Buffer.from('x'.repeat(100)));
  return { bytes: r.bytes, shown: `${method} ${target} with "Content-Length: ${value}"` };
}

const goodRequest: fc.Arbitrary<RequestSpec> = fc.oneof(
  fc.constant(req('GET', '/', [])),
  encodedName.map((n) => req('GET', `/hello?name=${n}`, [])),
  fc.constantFrom('/hello', '/hello?name=a%2Bb+c%26d', '/hello?name=%zz%E0%A4%A', '/hello?x=1&name=%ED%95%9C').map((t) => req('GET', t, [])),
  fc.tuple(fc.uint8Array({ maxLength: 300 }), clName).map(([b, h]) => req('POST', '/echo', [`${h}: ${b.length}`, 'Content-Type: application/octet-stream'], Buffer.from(b))),
  fc.tuple(edgyText({ maxLength: 5 }), clName).map(([name, h]) => {
    const body = Buffer.from(new URLSearchParams({ name }).toString());
    return req('POST', '/form', [`${h}: ${body.length}`, 'Content-Type: application/x-www-form-urlencoded'], body);
  }),
  fc.constantFrom('/nope', '/hello/', '/Echo', '/index.html').map((t) => req('GET', t, [])),
  fc.constant(req('POST', '/nope', ['Content-Length: 5'], Buffer.from('x=1&y'))),
  fc.constant(req('POST', '/', ['Content-Length: 7'], Buffer.from('name=ab'))),
  fc.constant(req('GET', '/echo', [])),
  fc.constant(req('DELETE', '/hello?name=x', [])),
  fc.constantFrom(req('HEAD', '/', []), req('HEAD', '/hello?name=x', []), req('HEAD', '/echo', [])),
  fc.constant(req('GET', '/hello?name=body', ['Content-Length: 4'], Buffer.from('abcd'))),
  fc.integer({ min: MAX_HEAD_BYTES - 4, max: MAX_HEAD_BYTES }).map(headOfSize),
);

/** Requests after which a right server closes: the sequence ends with one of them, or with Connection: close, or HTTP/1.0. */
const badRequest: fc.Arbitrary<RequestSpec> = fc.oneof(
  fc.tuple(fc.constantFrom(...LENGTH_SPELLINGS), fc.constantFrom('/echo', '/form', '/hello?name=x')).map(([v, t]) => badLength(v, t)),
  fc.integer({ min: MAX_HEAD_BYTES + 1, max: MAX_HEAD_BYTES + 4 }).map(headOfSize),
  fc.constantFrom(
  { bytes: Buffer.from('HELLO\r\n\r\n'), shown: 'HELLO' },
  { bytes: Buffer.from('GET / HTTP/1.1\r\nNoColonHere\r\n\r\n'), shown: 'GET / with a header line without a colon' },
  { bytes: Buffer.from('POST /echo HTTP/1.1\r\nContent-Length: abc\r\n\r\n'), shown: 'POST /echo with Content-Length: abc' },
  { bytes: Buffer.from('POST /echo HTTP/1.1\r\nHost: x\r\n\r\n'), shown: 'POST /echo without Content-Length' },
  { bytes: Buffer.from('POST /echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n'), shown: 'POST /echo with Transfer-Encoding: chunked' },
  { bytes: Buffer.from(`GET /hello?name=${'a'.repeat(9000)} HTTP/1.1\r\n\r\n`), shown: 'GET with a 9000-byte target (head over 8192 bytes)' },
  ),
);

function withClose(r: RequestSpec): RequestSpec {
  if (r.sized) return { ...headOfSize(r.sized, ['Connection: close']), shown: `${r.shown} + Connection: close` };
  const s = r.bytes.toString('latin1');
  const at = s.indexOf('\r\n') + 2;
  return { bytes: Buffer.from(`${s.slice(0, at)}Connection: close\r\n${s.slice(at)}`, 'latin1'), shown: `${r.shown} + Connection: close` };
}

/** The same request as HTTP/1.0 (no Connection header): the server answers, says Connection: close, and closes. */
function asHttp10(r: RequestSpec): RequestSpec {
  const s = r.bytes.toString('latin1');
  const at = s.indexOf(' HTTP/1.1\r\n');
  return { bytes: Buffer.from(`${s.slice(0, at)} HTTP/1.0${s.slice(at + ' HTTP/1.1'.length)}`, 'latin1'), shown: `${r.shown} (HTTP/1.0)` };
}

function lastOf(c: ExchangeCase, r: RequestSpec, i: number): RequestSpec {
  if (i !== c.requests.length - 1 || !c.closeLast) return r;
  return c.closeLast === 'http10' ? asHttp10(r) : withClose(r);
}

export function caseBytes(c: ExchangeCase): Buffer {
  return Buffer.concat(c.requests.map((r, i) => lastOf(c, r, i).bytes));
}

export const exchangeCases: fc.Arbitrary<ExchangeCase> = fc
  .tuple(fc.array(goodRequest, { minLength: 1, maxLength: 3 }), fc.option(badRequest, { freq: 3 }), fc.constantFrom<boolean | 'http10'>(false, true, 'http10'))
  .chain(([good, bad, closeLast]) => {
    const requests = bad ? [...good, bad] : good;
    const c = { requests, closeLast: bad ? false : closeLast, cuts: [] as number[] };
    return cutsOf(caseBytes(c).length, 6).map((cuts) => ({ ...c, cuts }));
  });

/**
 * Corners tried on every run: the head cut inside CRLFCRLF; two pipelined in one write; a body
 * after a 404; heads of 8192, 8193 and 8196 bytes in one write (the limit counts \r\n\r\n);
 * Content-Length spelled 0x3, 1e2, +5, 5.0 or empty (a number to Number(), not digits: 400);
 * HTTP/1.0 requests (answered with Connection: close, then FIN).
 */
export const exchangeExamples: ExchangeCase[] = (() => {
  const one = { requests: [req('GET', '/', [])], closeLast: true, cuts: [] as number[] };
  const len = caseBytes(one).length;
  const two = { requests: [req('GET', '/hello?name=%ED%8C%8C%EC%9D%B4%EC%8D%AC', []), req('POST', '/echo', ['content-length: 3'], Buffer.from([0xff, 0x00, 0xe2]))], closeLast: true, cuts: [] as number[] };
  return [
    { ...one, cuts: [len - 3, len - 2, len - 1] },
    two,
    { requests: [req('POST', '/nope', ['Content-Length: 5'], Buffer.from('x=1&y')), req('GET', '/hello?name=a+b', [])], closeLast: true, cuts: [] },
    { requests: [headOfSize(MAX_HEAD_BYTES), req('GET', '/hello?name=next', [])], closeLast: true, cuts: [] },
    { requests: [headOfSize(MAX_HEAD_BYTES + 1)], closeLast: false, cuts: [] },
    { requests: [req('GET', '/hello?name=a', []), headOfSize(MAX_HEAD_BYTES + 4)], closeLast: false, cuts: [] },
    ...['0x3', '1e2', '+5', '5.0', ''].map((v) => ({ requests: [badLength(v)], closeLast: false, cuts: [] })),
    { requests: [req('GET', '/hello?name=one', []), req('GET', '/hello?name=ten', [])], closeLast: 'http10' as const, cuts: [] },
    { requests: [req('POST', '/echo', ['Content-Length: 3'], Buffer.from('abc'))], closeLast: 'http10' as const, cuts: [] },
  ];
})();

export function describeCase(c: ExchangeCase): Text {
  const list = c.requests.map((r, i) => lastOf(c, r, i).shown).join(' | ');
  return fill(text('{list}, in one connection, cut into {n} writes', '{list}, 한 연결에서 {n}번의 write로 잘라서'), { list, n: c.cuts.length + 1 });
}
