// Lesson 13 — reference solution: a small HTTP/1.1 server on node:net alone.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

/** The request line and headers, up to and including the blank line (README "Limits"). */
const MAX_HEAD_BYTES = 8192;
/** The largest body a request may announce in Content-Length. */
const MAX_BODY_BYTES = 1024 * 1024;

/** GET / answers exactly these bytes (README "The routes"). */
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
  /** Header names in lower case: HTTP header names are case-insensitive. */
  headers: Map<string, string>;
}

const TEXT = 'text/plain; charset=utf-8';
const HTML = 'text/html; charset=utf-8';

function error(status: number, allow?: string): Reply {
  return { status, type: TEXT, body: `${status} ${REASONS[status]}\n`, allow };
}

/** Status line, headers and body, every line ending in \r\n; Content-Length counts bytes. */
function serialize(r: Reply, close: boolean): Buffer {
  const body = typeof r.body === 'string' ? Buffer.from(r.body, 'utf8') : r.body;
  const lines = [`HTTP/1.1 ${r.status} ${REASONS[r.status]}`, `Content-Type: ${r.type}`, `Content-Length: ${body.length}`];
  if (r.allow) lines.push(`Allow: ${r.allow}`);
  if (close) lines.push('Connection: close');
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), body]);
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** The request line and the headers, or undefined when they are malformed (→ 400). */
function parseHead(head: string): Request | undefined {
  const [requestLine, ...headerLines] = head.split('\r\n');
  const m = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+) (\/\S*) (HTTP\/1\.[01])$/.exec(requestLine!);
  if (!m) return undefined;
  const headers = new Map<string, string>();
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    if (colon <= 0) return undefined;
    const name = line.slice(0, colon);
    if (!TOKEN.test(name)) return undefined;
    const key = name.toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === 'content-length' && headers.has(key) && headers.get(key) !== value) return undefined;
    headers.set(key, headers.has(key) && key !== 'content-length' ? `${headers.get(key)}, ${value}` : value);
  }
  return { method: m[1]!, target: m[2]!, version: m[3]!, headers };
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function route(req: Request, body: Buffer): Reply {
  // new URL() splits the path from the query; searchParams percent-decodes (and '+' is a space).
  const url = new URL(req.target, 'http://server.invalid');
  const only = (method: string, answer: () => Reply): Reply => (req.method === method ? answer() : error(405, method));
  switch (url.pathname) {
    case '/':
      return only('GET', () => ({ status: 200, type: HTML, body: PAGE }));
    case '/hello':
      return only('GET', () => ({ status: 200, type: TEXT, body: `Hello, ${url.searchParams.get('name') ?? 'world'}!` }));
    case '/echo':
      return only('POST', () => ({ status: 200, type: 'application/octet-stream', body }));
    case '/form':
      return only('POST', () => {
        const name = new URLSearchParams(body.toString('utf8')).get('name') ?? 'world';
        return { status: 200, type: HTML, body: `<!doctype html>\n<meta charset="utf-8">\n<title>안녕, HTTP</title>\n<p id="greeting">Hello, ${escapeHtml(name)}!</p>\n` };
      });
    default:
      return error(404);
  }
}

const server = net.createServer((socket) => {
  // Bytes received and not yet part of an answered request: a request may arrive in many
  // chunks, and one chunk may hold several requests (pipelining).
  let buffered = Buffer.alloc(0);
  let closing = false;

  const answer = (reply: Reply, close: boolean) => {
    socket.write(serialize(reply, close));
    if (close) {
      closing = true;
      socket.end(); // FIN once the response is sent
    }
  };

  socket.on('data', (chunk: Buffer) => {
    if (closing) return;
    buffered = Buffer.concat([buffered, chunk]);
    while (!closing) {
      const end = buffered.indexOf('\r\n\r\n');
      if (end === -1 ? buffered.length >= MAX_HEAD_BYTES : end + 4 > MAX_HEAD_BYTES) return answer(error(431), true);
      if (end === -1) return; // the head is not complete yet
      const req = parseHead(buffered.subarray(0, end).toString('latin1'));
      if (!req) return answer(error(400), true);
      if (req.headers.has('transfer-encoding')) return answer(error(501), true);
      const announced = req.headers.get('content-length');
      if (announced !== undefined && !/^\d+$/.test(announced)) return answer(error(400), true);
      const length = announced === undefined ? 0 : Number(announced);
      if (announced === undefined && req.method === 'POST') return answer(error(411), true);
      if (length > MAX_BODY_BYTES) return answer(error(413), true);
      const bodyStart = end + 4;
      if (buffered.length < bodyStart + length) return; // the body is not all here yet
      const body = buffered.subarray(bodyStart, bodyStart + length);
      buffered = buffered.subarray(bodyStart + length);
      const close = req.version === 'HTTP/1.0' || /(^|,)\s*close\s*(,|$)/i.test(req.headers.get('connection') ?? '');
      answer(route(req, body), close);
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
