// Lesson 16 — graceful shutdown, as plain functions over per-connection state records.
// Framing on raw Buffers (a line is decoded only once it is whole), an explicit state per
// connection, and the exit taken from server.close()'s callback.
import net from 'node:net';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);
const LF = 0x0a;

type Phase = 'serving' | 'closing' | 'gone';
type Job = { accepted: true; line: string } | { accepted: false };

interface State {
  socket: net.Socket;
  phase: Phase;
  inbox: Buffer;
  jobs: Job[];
  working: boolean;
}

type Mode = 'running' | 'draining';
let mode: Mode = 'running';
const states = new Map<net.Socket, State>();

const isWorkMs = (s: string): boolean => /^[0-9]{1,5}$/.test(s) && Number(s) <= 10000;

function splitLines(st: State, chunk: Buffer): string[] {
  st.inbox = st.inbox.length === 0 ? chunk : Buffer.concat([st.inbox, chunk]);
  const lines: string[] = [];
  let from = 0;
  let at: number;
  while ((at = st.inbox.indexOf(LF, from)) !== -1) {
    let end = at;
    if (end > from && st.inbox[end - 1] === 0x0d) end -= 1;
    lines.push(st.inbox.toString('utf8', from, end));
    from = at + 1;
  }
  st.inbox = st.inbox.subarray(from);
  return lines;
}

function write(st: State, line: string): void {
  if (st.phase === 'serving' && st.socket.writable) st.socket.write(line + '\n');
}

function finish(st: State, lastLine: string): void {
  if (st.phase !== 'serving') return;
  st.phase = 'closing';
  st.jobs = [];
  st.socket.end(lastLine + '\n');
}

// Runs one job; returns true when the connection must wait (a WORK timer is running).
function run(st: State, job: Job): boolean {
  if (!job.accepted) {
    write(st, 'ERR shutting down');
    return false;
  }
  const { line } = job;
  const sp = line.indexOf(' ');
  const cmd = sp === -1 ? line : line.slice(0, sp);
  const rest = sp === -1 ? '' : line.slice(sp + 1);
  switch (cmd) {
    case 'PING':
      write(st, 'PONG');
      return false;
    case 'ECHO':
      write(st, rest);
      return false;
    case 'QUIT':
      finish(st, 'BYE');
      return false;
    case 'WORK':
      if (sp === -1 || !isWorkMs(rest)) {
        write(st, 'ERR bad ms');
        return false;
      }
      st.working = true;
      setTimeout(() => {
        st.working = false;
        write(st, `DONE ${rest}`);
        advance(st);
      }, Number(rest));
      return true;
    default:
      write(st, 'ERR unknown command');
      return false;
  }
}

function advance(st: State): void {
  while (st.phase === 'serving' && !st.working) {
    const job = st.jobs.shift();
    if (job === undefined) break;
    if (run(st, job)) return;
  }
  if (mode === 'draining' && st.phase === 'serving' && !st.working && st.jobs.length === 0) {
    finish(st, 'BYE server shutting down');
  }
}

function onConnection(socket: net.Socket): void {
  const st: State = { socket, phase: 'serving', inbox: Buffer.alloc(0), jobs: [], working: false };
  states.set(socket, st);
  socket.on('data', (chunk: Buffer) => {
    if (st.phase !== 'serving') return; // after BYE: ignore
    for (const line of splitLines(st, chunk)) {
      st.jobs.push(mode === 'draining' ? { accepted: false } : { accepted: true, line });
    }
    advance(st);
  });
  socket.on('error', (err: NodeJS.ErrnoException) => console.error('socket error', err.code));
  socket.on('close', () => {
    st.phase = 'gone';
    states.delete(socket);
  });
}

const server = net.createServer(onConnection);
server.on('error', (err: NodeJS.ErrnoException) => {
  console.error('server error', err.code);
  process.exit(1);
});

function destroyAll(): void {
  for (const st of states.values()) {
    st.phase = 'gone';
    st.socket.destroy();
  }
}

function onTrigger(source: string): void {
  if (mode === 'draining') {
    console.error(`${source} during the drain: forced exit`);
    destroyAll();
    process.exit(1);
  }
  mode = 'draining';
  console.error(`${source}: draining ${states.size} connection(s)`);
  // Stop accepting now. The callback runs once the last connection has closed (at once if
  // there is none): that is the moment to exit.
  server.close(() => process.exit(0));
  for (const st of states.values()) advance(st);
  setTimeout(() => {
    console.error('deadline reached');
    destroyAll();
    process.exit(0);
  }, 2000).unref();
}

// Each signal starts the shutdown once.
process.once('SIGTERM', () => onTrigger('SIGTERM'));
process.once('SIGINT', () => onTrigger('SIGINT'));

// stdin, framed by hand: only the line "shutdown" counts; its end is not a trigger.
let stdinBuf = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk: string) => {
  stdinBuf += chunk;
  let nl: number;
  while ((nl = stdinBuf.indexOf('\n')) !== -1) {
    const line = stdinBuf.slice(0, nl).replace(/\r$/, '');
    stdinBuf = stdinBuf.slice(nl + 1);
    if (line === 'shutdown') onTrigger('stdin');
  }
});
process.stdin.on('error', () => {}); // a broken stdin is not a trigger either

server.listen(PORT, HOST, () => {
  console.error(`listening on ${HOST}:${(server.address() as net.AddressInfo).port}`);
});
