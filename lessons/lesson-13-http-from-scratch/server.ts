// Lesson 13 — your HTTP/1.1 server, on node:net alone. Read README.md (or README.ko.md) first.
// Check it with: npm run check lesson-13
//
// Try it by hand: npx tsx lessons/lesson-13-http-from-scratch/server.ts, then open
// http://127.0.0.1:8080/ in a browser, or: curl -i 'http://127.0.0.1:8080/hello?name=%ED%8C%8C%EC%9D%B4%EC%8D%AC'
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

/** The request line and headers, up to and including the blank line (README "Limits"). */
const MAX_HEAD_BYTES = 8192;
/** The largest body a request may announce in Content-Length (README "Limits"). */
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

interface Reply {
  status: number;
  type: string;
  body: Buffer | string;
  /** For 405: the one method the path takes. */
  allow?: string;
}

/**
 * The bytes of one response (README "The response").
 * TODO: the status line `HTTP/1.1 <status> <reason>`, then Content-Type, Content-Length (in
 *   BYTES: README "Content-Length"), Allow (405 only) and Connection: close (when `close`),
 *   every line ending in \r\n (README "CRLF"), a blank line, then the body.
 */
function serialize(reply: Reply, close: boolean): Buffer {
  void close;
  void reply;
  return Buffer.from('TODO: an HTTP response\n');
}

/**
 * The answer to one complete request (README "The routes").
 * TODO: GET / → the page; GET /hello?name=… → "Hello, <name>!" (README "Percent-decoding");
 *   POST /echo → the body, byte for byte; POST /form → the greeting page (README "The browser");
 *   another method on a known path → 405 with Allow; anything else → 404.
 */
function route(method: string, target: string, body: Buffer): Reply {
  void method;
  void target;
  return { status: 200, type: 'text/plain; charset=utf-8', body };
}

const server = net.createServer((socket) => {
  // TODO (README "Framing"): a Buffer for THIS connection: bytes received and not yet part of an
  //   answered request.

  socket.on('data', (chunk: Buffer) => {
    // A chunk is not a request: the head may end in a later chunk, and one chunk may hold
    // several requests (README "Framing", "Keep-alive and pipelining").
    // TODO: append; while the buffer holds '\r\n\r\n': parse the request line and the headers
    //   (README "The request"; malformed → 400 and close: README "Bad requests"), wait for
    //   Content-Length bytes of body, answer with serialize(route(...)), keep the rest; close
    //   only when README "Keep-alive and pipelining" says so.
    socket.end(serialize(route('GET', '/', chunk), true));
    void MAX_HEAD_BYTES;
    void MAX_BODY_BYTES;
    void PAGE;
  });

  socket.on('error', (err: NodeJS.ErrnoException) => console.error(`connection error: ${err.code}`));
});

server.on('error', (err: NodeJS.ErrnoException) => {
  console.error('server error:', err.code);
  process.exitCode = 1;
});

server.listen(PORT, HOST, () => {
  const { port } = server.address() as net.AddressInfo;
  console.log(`listening on http://${HOST}:${port}/ (TODO: it does not speak HTTP yet)`);
});
