// Loaded into the learner's client (NODE_OPTIONS=--import) by the scenario
// "client-refused-localhost". It makes the name 'localhost' resolve to ::1 first and then
// 127.0.0.1, in that order, as /etc/hosts does on most Linux and macOS machines
// ("::1 localhost" next to "127.0.0.1 localhost"). Only the answer of the name lookup is
// preset: the connection attempts to both addresses are real, and really refused.
// Every other name resolves as usual.
import dns from 'node:dns';

const BOTH = [
  { address: '::1', family: 6 },
  { address: '127.0.0.1', family: 4 },
];

const original = dns.lookup;
dns.lookup = function lookup(hostname, options, callback) {
  if (hostname !== 'localhost') return original.call(this, hostname, options, callback);
  if (typeof options === 'function') {
    callback = options;
    options = {};
  } else if (typeof options === 'number') {
    options = { family: options };
  }
  const family = options?.family === 'IPv4' ? 4 : options?.family === 'IPv6' ? 6 : options?.family;
  const found = BOTH.filter((a) => !family || a.family === family);
  process.nextTick(() => {
    if (options?.all) callback(null, found);
    else callback(null, found[0].address, found[0].family);
  });
  return {};
};
