// Lesson 13 — an HTTP/1.1 server on node:net alone.
// Style: one Buffer per connection and a loop (the README's sketch), with small pure helpers:
// parseHead() returns a tagged result, route() returns a Reply, serialize() makes the bytes.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

const MAX_HEAD_BYTES = 8192;
const MAX_BODY_BYTES = 1024 * 1024;

const PAGE = `<!doctype html>
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

const TEXT = 'text/plain; charset=utf-8';
const HTML = 'text/html; charset=utf-8';

const REASONS: Record<number, string> = {
  200: 'OK',
  400: 'Bad Request',
  404: 'Not Found',
  405: 'Method Not Allowed',
  411: 'Length Required',
  413: 'Content Too Large',
  431: 'Request Header Fields Too Large',
  501: 'Not Implemented',
};

interface Reply {
  status: number;
  type: string;
  body: Buffer | string;
  allow?: string;
}

interface Request {
  method: string;
  target: string;
  version: string;
  headers: Map<string, string>;
  length: number;
}

type Parsed = { ok: true; request: Request } | { ok: false; status: number };

const errorReply = (status: number): Reply => ({
  status,
  type: TEXT,
  body: `${status} ${REASONS[status]}\n`,
});

function serialize(reply: Reply, close: boolean): Buffer {
  const body = typeof reply.body === 'string' ? Buffer.from(reply.body, 'utf8') : reply.body;
  const lines = [
    `HTTP/1.1 ${reply.status} ${REASONS[reply.status]}`,
    `Content-Type: ${reply.type}`,
    `Content-Length: ${body.length}`,
  ];
  if (reply.allow !== undefined) lines.push(`Allow: ${reply.allow}`);
  if (close) lines.push('Connection: close');
  const head = Buffer.from(lines.map((l) => `${l}\r\n`).join('') + '\r\n', 'latin1');
  return Buffer.concat([head, body]);
}

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const greetingPage = (name: string): string =>
  `<!doctype html>\n<meta charset="utf-8">\n<title>안녕, HTTP</title>\n<p id="greeting">Hello, ${escapeHtml(name)}!</p>\n`;

const ALLOWED: Record<string, string> = { '/': 'GET', '/hello': 'GET', '/echo': 'POST', '/form': 'POST' };

function route(method: string, target: string, body: Buffer): Reply {
  const q = target.indexOf('?');
  const path = q === -1 ? target : target.slice(0, q);
  const query = q === -1 ? '' : target.slice(q + 1);
  const allow = ALLOWED[path];
  if (allow === undefined || !Object.hasOwn(ALLOWED, path)) return errorReply(404);
  if (method !== allow) return { ...errorReply(405), allow };
  switch (path) {
    case '/':
      return { status: 200, type: HTML, body: PAGE };
    case '/hello': {
      const name = new URLSearchParams(query).get('name') ?? 'world';
      return { status: 200, type: TEXT, body: `Hello, ${name}!` };
    }
    case '/echo':
      return { status: 200, type: 'application/octet-stream', body };
    default: {
      const name = new URLSearchParams(body.toString('utf8')).get('name') ?? 'world';
      return { status: 200, type: HTML, body: greetingPage(name) };
    }
  }
}

const REQUEST_LINE = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+) (\/[^ ]*) (HTTP\/1\.[01])$/;

function parseHead(head: string): Parsed {
  const [first = '', ...rest] = head.split('\r\n');
  const m = REQUEST_LINE.exec(first);
  if (!m) return { ok: false, status: 400 };
  const headers = new Map<string, string>();
  for (const line of rest) {
    const colon = line.indexOf(':');
    if (colon === -1) return { ok: false, status: 400 };
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const [, method = '', target = '', version = ''] = m;
  if (headers.has('transfer-encoding')) return { ok: false, status: 501 };
  const cl = headers.get('content-length');
  let length = 0;
  if (cl === undefined) {
    if (method === 'POST') return { ok: false, status: 411 };
  } else {
    if (!/^\d+$/.test(cl)) return { ok: false, status: 400 };
    length = Number(cl);
    if (length > MAX_BODY_BYTES) return { ok: false, status: 413 };
  }
  return { ok: true, request: { method, target, version, headers, length } };
}

/** The request said `Connection: close`. */
function askedToClose(req: Request): boolean {
  const conn = req.headers.get('connection') ?? '';
  return conn.split(',').some((t) => t.trim().toLowerCase() === 'close');
}

const server = net.createServer((socket) => {
  let buffered: Buffer = Buffer.alloc(0);
  let closed = false;

  const finish = (bytes: Buffer): void => {
    closed = true;
    buffered = Buffer.alloc(0);
    socket.end(bytes);
  };

  socket.on('data', (chunk: Buffer) => {
    if (closed) return;
    buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
    while (!closed) {
      const end = buffered.indexOf('\r\n\r\n');
      if (end === -1) {
        if (buffered.length >= MAX_HEAD_BYTES) finish(serialize(errorReply(431), true));
        return;
      }
      if (end + 4 > MAX_HEAD_BYTES) {
        finish(serialize(errorReply(431), true));
        return;
      }
      const parsed = parseHead(buffered.subarray(0, end).toString('latin1'));
      if (!parsed.ok) {
        finish(serialize(errorReply(parsed.status), true));
        return;
      }
      const { request } = parsed;
      if (buffered.length < end + 4 + request.length) return;
      const body = buffered.subarray(end + 4, end + 4 + request.length);
      buffered = buffered.subarray(end + 4 + request.length);
      const asked = askedToClose(request);
      const bytes = serialize(route(request.method, request.target, body), asked);
      if (asked || request.version === 'HTTP/1.0') finish(bytes);
      else socket.write(bytes);
    }
  });

  socket.on('error', (err: NodeJS.ErrnoException) => console.error(`connection error: ${err.code}`));
});

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error('server error:', err.code);
  process.exitCode = 1;
});

server.listen(PORT, HOST, () => {
  const { port } = server.address() as net.AddressInfo;
  console.log(`listening on http://${HOST}:${port}/`);
});
