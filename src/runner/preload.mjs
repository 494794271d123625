// Loaded into every learner program with `node --import` (plain JavaScript: it runs before
// any TypeScript tooling). It lets the checker see what a program does without touching the
// connections under test:
//   - it reports each TCP listen and UDP bind (the address actually bound and the host the
//     program asked for), so readiness never costs a connection;
//   - it answers memory probes where /proc is not available;
//   - it ends the program and its own children if the checker dies (the IPC pipe closes,
//     or the checker's pid no longer exists).
// The IPC channel is unref'd so it never keeps a finished program alive.
import net from 'node:net';
import dgram from 'node:dgram';
import { Worker } from 'node:worker_threads';

/** Ends this program and everything it started (it leads its own process group). */
const endAll = () => {
  if (process.platform !== 'win32') {
    try {
      process.kill(-process.pid, 'SIGKILL'); // our whole process group: we lead it
    } catch {
      // not a group leader; fall through
    }
  }
  process.exit(1);
};

// A program started by the checker ends itself when the checker is gone. A boxed program
// needs nothing for that (bwrap's --die-with-parent, and the checker's pid is not visible from
// its box anyway). An unboxed one: 'disconnect' on the IPC channel (below) usually tells, but
// not if the checker died while we were starting (the channel is gone before this runs), if
// another process still holds its end of the pipe, or if the program is stuck in a busy loop
// (no event would ever run). So a watchdog thread of its own asks, at start and twice a
// second, whether the checker's pid still exists, and kills the program's group if not. The
// checker names itself in the environment: process.ppid is read once at start-up and may
// already name the process we were re-parented to.
// (It stays in the environment: children inherit it, and the checker's reaper finds them by it.)
const checker = Number(process.env.SOCKET_COURSE_CHECKER_PID);
if (checker && !process.env.SOCKET_COURSE_BOXED) {
  try {
    process.kill(checker, 0);
  } catch (err) {
    if (err.code === 'ESRCH') endAll();
  }
  const watchdog = `
    const { workerData: { checker, self } } = require('node:worker_threads');
    const end = () => {
      for (const target of [-self, self]) {
        try { process.kill(target, 'SIGKILL'); } catch {}
      }
    };
    setInterval(() => {
      try { process.kill(checker, 0); } catch (err) { if (err.code === 'ESRCH') end(); }
    }, 500);
  `;
  new Worker(watchdog, { eval: true, workerData: { checker, self: process.pid }, stdout: true, stderr: true }).unref();
}

if (process.channel) {
  const send = (msg) => {
    try {
      process.send?.(msg);
    } catch {
      // the checker is gone; the 'disconnect' handler below ends us
    }
  };

  const origListen = net.Server.prototype.listen;
  net.Server.prototype.listen = function (...args) {
    const first = args[0];
    const options = typeof first === 'object' && first !== null ? first : undefined;
    const requestedHost = options ? options.host : typeof args[1] === 'string' ? args[1] : undefined;
    const requestedPort = options ? options.port : first;
    this.once('listening', () => {
      const a = this.address();
      if (a && typeof a === 'object') {
        send({ type: 'listening', proto: 'tcp', address: a.address, family: a.family, port: a.port, requestedHost, requestedPort });
      }
    });
    return origListen.apply(this, args);
  };

  const origBind = dgram.Socket.prototype.bind;
  dgram.Socket.prototype.bind = function (...args) {
    const first = args[0];
    const options = typeof first === 'object' && first !== null ? first : undefined;
    const requestedHost = options ? options.address : typeof args[1] === 'string' ? args[1] : undefined;
    const requestedPort = options ? options.port : first;
    this.once('listening', () => {
      const a = this.address();
      send({ type: 'listening', proto: 'udp', address: a.address, family: a.family, port: a.port, requestedHost, requestedPort });
    });
    return origBind.apply(this, args);
  };

  process.on('message', (msg) => {
    if (msg && msg.type === 'memory') {
      send({ type: 'memory', id: msg.id, rss: process.memoryUsage().rss });
    }
  });

  process.on('disconnect', endAll);
  process.channel.unref();
}
