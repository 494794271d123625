// Lesson 13 — an HTTP/1.1 server on node:net alone.
// Style: pull, not push. Each connection runs one async function that reads from the socket's
// async iterator through a small ByteReader (readHead: up to \r\n\r\n; readExactly: n bytes),
// the way the source's Python loop calls recv() until it has enough.
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

const REASON: { [code: number]: string } = {
  200: 'OK',
  400: 'Bad Request',
  404: 'Not Found',
  405: 'Method Not Allowed',
  411: 'Length Required',
  413: 'Content Too Large',
  431: 'Request Header Fields Too Large',
  501: 'Not Implemented',
};

/** A refusal that ends the connection (README "Bad requests and limits"). */
class Refusal {
  constructor(readonly status: number) {}
}

class ByteReader {
  private buf: Buffer = Buffer.alloc(0);
  private eof = false;
  constructor(private readonly source: AsyncIterator<Buffer>) {}

  private async pull(): Promise<boolean> {
    if (this.eof) return false;
    const next = await this.source.next();
    if (next.done) {
      this.eof = true;
      return false;
    }
    this.buf = Buffer.concat([this.buf, next.value]);
    return true;
  }

  /** The head without its \r\n\r\n; null when the peer closed first. */
  async readHead(): Promise<Buffer | null> {
    for (;;) {
      const end = this.buf.indexOf('\r\n\r\n');
      if (end !== -1) {
        if (end + 4 > MAX_HEAD_BYTES) throw new Refusal(431);
        const head = this.buf.subarray(0, end);
        this.buf = this.buf.subarray(end + 4);
        return head;
      }
      if (this.buf.length >= MAX_HEAD_BYTES) throw new Refusal(431);
      if (!(await this.pull())) return null;
    }
  }

  /** Exactly n bytes; null when the peer closed first. */
  async readExactly(n: number): Promise<Buffer | null> {
    while (this.buf.length < n) {
      if (!(await this.pull())) return null;
    }
    const out = this.buf.subarray(0, n);
    this.buf = this.buf.subarray(n);
    return out;
  }

  /** Read and drop everything until the peer closes. */
  async drain(): Promise<void> {
    this.buf = Buffer.alloc(0);
    while (await this.pull()) this.buf = Buffer.alloc(0);
  }
}

function respond(status: number, type: string, body: Buffer | string, extra: string[] = []): Buffer {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  const head = [
    `HTTP/1.1 ${status} ${REASON[status]}`,
    `Content-Type: ${type}`,
    `Content-Length: ${Buffer.byteLength(bytes)}`,
    ...extra,
    '',
    '',
  ].join('\r\n');
  return Buffer.concat([Buffer.from(head, 'latin1'), bytes]);
}

const plainError = (status: number, extra: string[] = []): Buffer =>
  respond(status, 'text/plain; charset=utf-8', `${status} ${REASON[status]}\n`, extra);

const ENTITIES: { [c: string]: string } = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);

function answer(method: string, target: string, body: Buffer, extra: string[]): Buffer {
  const [path = '', ...queryParts] = target.split('?');
  const query = queryParts.join('?');
  const routes: { [p: string]: [string, () => Buffer] } = {
    '/': ['GET', () => respond(200, 'text/html; charset=utf-8', PAGE, extra)],
    '/hello': [
      'GET',
      () => {
        const name = new URLSearchParams(query).get('name');
        return respond(200, 'text/plain; charset=utf-8', `Hello, ${name ?? 'world'}!`, extra);
      },
    ],
    '/echo': ['POST', () => respond(200, 'application/octet-stream', body, extra)],
    '/form': [
      'POST',
      () => {
        const name = new URLSearchParams(body.toString('utf8')).get('name') ?? 'world';
        const page =
          `<!doctype html>\n<meta charset="utf-8">\n<title>안녕, HTTP</title>\n` +
          `<p id="greeting">Hello, ${escapeHtml(name)}!</p>\n`;
        return respond(200, 'text/html; charset=utf-8', page, extra);
      },
    ],
  };
  const entry = Object.hasOwn(routes, path) ? routes[path] : undefined;
  if (!entry) return plainError(404, extra);
  const [allowed, make] = entry;
  if (method !== allowed) return plainError(405, [`Allow: ${allowed}`, ...extra]);
  return make();
}

async function serve(socket: net.Socket): Promise<void> {
  const reader = new ByteReader(socket[Symbol.asyncIterator]());
  try {
    for (;;) {
      const headBytes = await reader.readHead();
      if (headBytes === null) return;
      const [requestLine = '', ...headerLines] = headBytes.toString('latin1').split('\r\n');
      const m = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+) (\/\S*) HTTP\/1\.([01])$/.exec(requestLine);
      if (!m || requestLine.includes('  ')) throw new Refusal(400);
      const method = m[1] ?? '';
      const target = m[2] ?? '';
      const minor = m[3];
      const headers = new Map<string, string>();
      for (const line of headerLines) {
        const colon = line.indexOf(':');
        if (colon < 0) throw new Refusal(400);
        headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
      }
      if (headers.has('transfer-encoding')) throw new Refusal(501);
      const lengthText = headers.get('content-length');
      if (lengthText === undefined && method === 'POST') throw new Refusal(411);
      const length = lengthText === undefined ? 0 : Number(lengthText);
      if (!Number.isInteger(length) || length < 0) throw new Refusal(400);
      if (length > MAX_BODY_BYTES) throw new Refusal(413);

      const body = await reader.readExactly(length);
      if (body === null) return;

      const connection = (headers.get('connection') ?? '').split(',').map((t) => t.trim().toLowerCase());
      const close = minor === '0' || connection.includes('close');
      const bytes = answer(method, target, body, close ? ['Connection: close'] : []);
      if (close) {
        socket.end(bytes);
        await reader.drain();
        return;
      }
      socket.write(bytes);
    }
  } catch (err) {
    if (err instanceof Refusal) {
      socket.end(plainError(err.status, ['Connection: close']));
      await reader.drain().catch(() => undefined);
      return;
    }
    throw err;
  }
}

const server = net.createServer((socket) => {
  socket.on('error', (err: NodeJS.ErrnoException) => console.error(`connection error: ${err.code}`));
  serve(socket).catch((err: unknown) => {
    console.error('connection failed:', err instanceof Error ? err.message : err);
    socket.destroy();
  });
});

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error('server error:', err.code);
  process.exitCode = 1;
});

server.listen(PORT, HOST, () => {
  const { port } = server.address() as net.AddressInfo;
  console.log(`listening on http://${HOST}:${port}/`);
});
