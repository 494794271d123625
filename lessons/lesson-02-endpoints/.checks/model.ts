/**
 * Lesson 02's protocol as a model (README "the-exchange"), and the generated cases its two
 * generated scenarios hold the learner's programs to.
 *
 * The server: to each connection, exactly `you=<client end> me=<server end> tcp\n`, where an
 * end is `address:port`, or `[address]:port` for IPv6, read from that connection; then FIN.
 * The client: prints the bytes before the first '\n' (decoded as UTF-8 once whole), and nothing
 * else, on stdout, and exits 0, whether the server then closes, keeps the connection open or
 * sends more; if the server closes before a whole line, it prints nothing and exits 1.
 */
import fc from 'fast-check';
import { edgyText } from '../../../src/checks/generate.ts';
import { fill, text, type Text } from '../../../src/i18n.ts';

export interface End {
  address: string;
  port: number;
}

/** "127.0.0.1:8080", or "[::1]:8080" for an IPv6 address. */
export function endpoint(address: string | undefined, port: number | undefined): string {
  const a = address ?? '?';
  return a.includes(':') ? `[${a}]:${port}` : `${a}:${port}`;
}

/** The whoami line for a connection (without its '\n'). */
export function whoamiLine(you: End, me: End): string {
  return `you=${endpoint(you.address, you.port)} me=${endpoint(me.address, me.port)} tcp`;
}

// ─── the learner's server: generated endpoints ───────────────────────────────────────

/** Where the server listens, and the client ends the checker connects from, at once. */
export interface EndpointCase {
  host: string;
  /** One connection each: its local address, and its local port (0: the OS chooses). */
  clients: Array<{ address: string; port: number }>;
}

const V4_HOSTS = ['127.0.0.1', '127.1.2.3', '127.255.255.254'];
const V4_CLIENTS = ['127.0.0.1', '127.0.0.2', '127.9.8.7', '127.254.0.1'];
/** Local ports: the OS's choice, the lowest unprivileged port, the highest port, any between. */
const PORTS = fc.oneof(fc.constant(0), fc.constantFrom(1024, 65535), fc.integer({ min: 1025, max: 65534 }));

export function endpointCases(ipv6: boolean): fc.Arbitrary<EndpointCase> {
  const v4 = fc.record({
    host: fc.constantFrom(...V4_HOSTS),
    clients: fc.array(fc.record({ address: fc.constantFrom(...V4_CLIENTS), port: PORTS }), { minLength: 1, maxLength: 3 }),
  });
  const v6 = fc.record({
    host: fc.constant('::1'),
    clients: fc.array(fc.record({ address: fc.constant('::1'), port: PORTS }), { minLength: 1, maxLength: 3 }),
  });
  return ipv6 ? fc.oneof({ arbitrary: v4, weight: 3 }, { arbitrary: v6, weight: 1 }) : v4;
}

/** Corners: a server on another loopback address; clients from other addresses and the port edges; IPv6. */
export function endpointExamples(ipv6: boolean): EndpointCase[] {
  return [
    { host: '127.1.2.3', clients: [{ address: '127.9.8.7', port: 0 }] },
    { host: '127.0.0.1', clients: [{ address: '127.0.0.2', port: 65535 }, { address: '127.254.0.1', port: 1024 }] },
    ...(ipv6 ? [{ host: '::1', clients: [{ address: '::1', port: 65535 }, { address: '::1', port: 0 }] }] : []),
  ];
}

export function describeEndpoints(c: EndpointCase): Text {
  const from = c.clients.map((x) => (x.port === 0 ? endpoint(x.address, 0).replace(/0$/, '*') : endpoint(x.address, x.port))).join(', ');
  return fill(text('HOST={host}, clients at once from {from}', 'HOST={host}, 동시에 접속한 클라이언트 {from}'), { host: c.host, from });
}

// ─── the learner's client: generated server behaviour ────────────────────────────────

/** How the checker, as the server, answers the learner's client. */
export interface LineCase {
  /** The line, without its '\n'; `null`: this connection's own whoami line. */
  line: string | null;
  /** Bytes after the '\n' in the same stream (a second line, a piece of one). */
  after: string;
  /** Where the bytes are cut, as fractions of their length (drawn before the line is known). */
  cutFracs: number[];
  gapMs: number;
  /** 'fin' after everything; 'open': never closes (until the client does); 'early': FIN after part of the line, before its '\n'. */
  ending: 'fin' | 'open' | 'early';
  /** With 'early': how much of the line is sent first, as a fraction of its bytes. */
  earlyFrac: number;
  /** The corner examples give byte offsets instead. */
  bytes?: { cuts: number[]; earlyAt: number };
}

/** What a right client does with a case: its stdout and exit code. */
export function clientOutcome(c: LineCase, line: string): { stdout: string; exitCode: 0 | 1 } {
  if (c.ending === 'early') return { stdout: '', exitCode: 1 };
  return { stdout: `${line}\n`, exitCode: 0 };
}

/** The case made concrete for `line`: the bytes the checker sends before any close, and where they are cut. */
export function planOf(c: LineCase, line: string): { bytes: Buffer; cuts: number[] } {
  const all = Buffer.from(`${line}\n${c.after}`);
  const lineBytes = Buffer.byteLength(line);
  const earlyAt = c.bytes?.earlyAt ?? Math.floor(c.earlyFrac * (lineBytes + 1));
  const bytes = c.ending === 'early' ? all.subarray(0, Math.min(earlyAt, lineBytes)) : all;
  const cuts = c.bytes?.cuts ?? [...new Set(c.cutFracs.map((f) => Math.floor(f * bytes.length)))];
  return { bytes, cuts: cuts.filter((x) => x > 0 && x < bytes.length).sort((a, b) => a - b) };
}

/** Line text from the edges of UTF-8 (no '\n'; not ending in '\r', which a client may strip or keep). */
const lineText = fc
  .oneof(
    { arbitrary: edgyText({ maxLength: 8, exclude: ['\n'] }), weight: 4 },
    { arbitrary: fc.constantFrom('안녕하세요', '😀'.repeat(700), 'ab한😀e\u0301 '.repeat(200), ' \t', ''), weight: 1 },
  )
  .map((s) => (s.endsWith('\r') ? `${s}.` : s));

export const lineCases: fc.Arbitrary<LineCase> = fc.record({
  line: fc.option(lineText, { nil: null, freq: 3 }),
  after: fc.constantFrom('', 'second line\n', 'more', '\n'),
  cutFracs: fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { maxLength: 4 }),
  gapMs: fc.constantFrom(5, 30, 120),
  ending: fc.constantFrom<LineCase['ending']>('fin', 'fin', 'open', 'early'),
  earlyFrac: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
});

/** Corners, the slowest first (the time budget may stop a run): kept open with bytes after the line; a close inside a character; a 4-byte character cut after each byte; a second line in the same write; an empty line. */
export const lineExamples: LineCase[] = [
  { line: 'e\u0301 \t\u0007', after: 'more', cutFracs: [], gapMs: 120, ending: 'open', earlyFrac: 0, bytes: { cuts: [2], earlyAt: 0 } },
  { line: '안녕', after: '', cutFracs: [], gapMs: 30, ending: 'early', earlyFrac: 0, bytes: { cuts: [2], earlyAt: 4 } },
  { line: '😀안', after: '', cutFracs: [], gapMs: 30, ending: 'fin', earlyFrac: 0, bytes: { cuts: [1, 2, 3, 5], earlyAt: 0 } },
  { line: null, after: 'second line\n', cutFracs: [], gapMs: 5, ending: 'fin', earlyFrac: 0 },
  { line: '', after: 'x\n', cutFracs: [], gapMs: 5, ending: 'fin', earlyFrac: 0 },
];

export function describeLine(c: LineCase, line: string): Text {
  const { bytes, cuts } = planOf(c, line);
  const shown = JSON.stringify(bytes.toString('utf8').slice(0, 60)) + (bytes.length > 60 ? '…' : '');
  const endings = {
    fin: text('then FIN', '다음 FIN'),
    open: text('then the connection kept open', '다음 연결을 열어 둠'),
    early: text('then FIN before the line ended', '줄이 끝나기 전에 FIN'),
  };
  return fill(text('{bytes} ({n} bytes) cut at {cuts}, {gap} ms apart, {end}', '{bytes}({n}바이트)를 {cuts}에서 잘라 {gap}ms 간격으로, {end}'), {
    bytes: shown,
    n: bytes.length,
    cuts: cuts.length ? cuts.join(', ') : '—',
    gap: c.gapMs,
    end: endings[c.ending],
  });
}
