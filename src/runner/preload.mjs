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
  process.on('disconnect', endAll);
  // Belt and braces: if the checker dies while another process still holds its end of our
  // IPC pipe, 'disconnect' never comes. So also ask, twice a second, whether the checker is
  // still alive. (process.ppid is read once at start-up, so it cannot tell us.)
  const checker = process.ppid;
  setInterval(() => {
    try {
      process.kill(checker, 0);
    } catch (err) {
      if (err.code === 'ESRCH') endAll();
    }
  }, 500).unref();

  process.channel.unref();
}
