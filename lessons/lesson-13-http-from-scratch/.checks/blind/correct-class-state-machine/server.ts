// Lesson 13 — an HTTP/1.1 server on node:net alone.
// Style: a class per connection, holding an explicit state machine
//   'head' (collecting head bytes) → 'body' (collecting Content-Length bytes) → 'head' …
//   and 'closed' once a response said Connection: close.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

const MAX_HEAD_BYTES = 8192;
const MAX_BODY_BYTES = 1024 * 1024;
const CRLFCRLF = Buffer.from('\r\n\r\n', 'latin1');

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
const PAGE_BYTES = Buffer.from(PAGE, 'utf8');

class HttpError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

const STATUS_TEXT = new Map<number, string>([
  [200, 'OK'],
  [400, 'Bad Request'],
  [404, 'Not Found'],
  [405, 'Method Not Allowed'],
  [411, 'Length Required'],
  [413, 'Content Too Large'],
  [431, 'Request Header Fields Too Large'],
  [501, 'Not Implemented'],
]);

class Response {
  private readonly headers: [string, string][] = [];
  constructor(
    readonly status: number,
    contentType: string,
    readonly body: Buffer,
  ) {
    this.headers.push(['Content-Type', contentType], ['Content-Length', String(body.byteLength)]);
  }
  static text(status: number, text: string): Response {
    return new Response(status, 'text/plain; charset=utf-8', Buffer.from(text, 'utf8'));
  }
  static html(text: string): Response {
    return new Response(200, 'text/html; charset=utf-8', Buffer.from(text, 'utf8'));
  }
  static error(status: number): Response {
    return Response.text(status, `${status} ${STATUS_TEXT.get(status) ?? ''}\n`);
  }
  header(name: string, value: string): this {
    this.headers.push([name, value]);
    return this;
  }
  toBytes(): Buffer {
    let head = `HTTP/1.1 ${this.status} ${STATUS_TEXT.get(this.status) ?? ''}\r\n`;
    for (const [name, value] of this.headers) head += `${name}: ${value}\r\n`;
    head += '\r\n';
    return Buffer.concat([Buffer.from(head, 'latin1'), this.body]);
  }
}

interface RequestHead {
  method: string;
  path: string;
  query: string;
  version: string;
  headers: Map<string, string>;
  contentLength: number;
}

function parseRequestHead(bytes: Buffer): RequestHead {
  const lines = bytes.toString('latin1').split('\r\n');
  const parts = (lines[0] ?? '').split(' ');
  if (parts.length !== 3) throw new HttpError(400);
  const [method = '', target = '', version = ''] = parts;
  if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(method)) throw new HttpError(400);
  if (!target.startsWith('/')) throw new HttpError(400);
  if (version !== 'HTTP/1.1' && version !== 'HTTP/1.0') throw new HttpError(400);

  const headers = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const i = line.indexOf(':');
    if (i < 0) throw new HttpError(400);
    headers.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
  }
  if (headers.has('transfer-encoding')) throw new HttpError(501);

  let contentLength = 0;
  const cl = headers.get('content-length');
  if (cl !== undefined) {
    if (!/^[0-9]+$/.test(cl)) throw new HttpError(400);
    contentLength = Number(cl);
    if (contentLength > MAX_BODY_BYTES) throw new HttpError(413);
  } else if (method === 'POST') {
    throw new HttpError(411);
  }

  const q = target.indexOf('?');
  return {
    method,
    path: q < 0 ? target : target.slice(0, q),
    query: q < 0 ? '' : target.slice(q + 1),
    version,
    headers,
    contentLength,
  };
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function handle(req: RequestHead, body: Buffer): Response {
  const only = (method: string): Response | undefined =>
    req.method === method ? undefined : Response.error(405).header('Allow', method);
  switch (req.path) {
    case '/':
      return only('GET') ?? new Response(200, 'text/html; charset=utf-8', PAGE_BYTES);
    case '/hello':
      return only('GET') ?? Response.text(200, `Hello, ${new URLSearchParams(req.query).get('name') ?? 'world'}!`);
    case '/echo':
      return only('POST') ?? new Response(200, 'application/octet-stream', body);
    case '/form': {
      const refusal = only('POST');
      if (refusal) return refusal;
      const name = new URLSearchParams(body.toString('utf8')).get('name') ?? 'world';
      return Response.html(
        '<!doctype html>\n' +
          '<meta charset="utf-8">\n' +
          '<title>안녕, HTTP</title>\n' +
          `<p id="greeting">Hello, ${escapeHtml(name)}!</p>\n`,
      );
    }
    default:
      return Response.error(404);
  }
}

type State = { kind: 'head' } | { kind: 'body'; req: RequestHead } | { kind: 'closed' };

class Connection {
  private state: State = { kind: 'head' };
  private pending: Buffer = Buffer.alloc(0);

  constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', (err: NodeJS.ErrnoException) => console.error(`connection error: ${err.code}`));
  }

  private receive(chunk: Buffer): void {
    if (this.state.kind === 'closed') return;
    this.pending = Buffer.concat([this.pending, chunk]);
    try {
      while (this.step()) {
        /* keep taking complete requests out */
      }
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      this.close(Response.error(err.status));
    }
  }

  /** One transition; true when it made progress and should be called again. */
  private step(): boolean {
    switch (this.state.kind) {
      case 'closed':
        return false;
      case 'head': {
        const end = this.pending.indexOf(CRLFCRLF);
        if (end < 0) {
          if (this.pending.length >= MAX_HEAD_BYTES) throw new HttpError(431);
          return false;
        }
        if (end + CRLFCRLF.length > MAX_HEAD_BYTES) throw new HttpError(431);
        const req = parseRequestHead(this.pending.subarray(0, end));
        this.pending = this.pending.subarray(end + CRLFCRLF.length);
        this.state = { kind: 'body', req };
        return true;
      }
      case 'body': {
        const { req } = this.state;
        if (this.pending.length < req.contentLength) return false;
        const body = this.pending.subarray(0, req.contentLength);
        this.pending = this.pending.subarray(req.contentLength);
        const response = handle(req, body);
        if (this.mustClose(req)) {
          this.close(response);
          return false;
        }
        this.socket.write(response.toBytes());
        this.state = { kind: 'head' };
        return true;
      }
    }
  }

  private mustClose(req: RequestHead): boolean {
    if (req.version === 'HTTP/1.0') return true;
    const tokens = (req.headers.get('connection') ?? '').toLowerCase().split(',');
    return tokens.map((t) => t.trim()).includes('close');
  }

  private close(response: Response): void {
    this.state = { kind: 'closed' };
    this.pending = Buffer.alloc(0);
    this.socket.end(response.header('Connection', 'close').toBytes());
  }
}

const server = net.createServer((socket) => {
  new Connection(socket);
});

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error('server error:', err.code);
  process.exitCode = 1;
});

server.listen(PORT, HOST, () => {
  const { port } = server.address() as net.AddressInfo;
  console.log(`listening on http://${HOST}:${port}/`);
});
