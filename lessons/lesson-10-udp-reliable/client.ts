// Lesson 10 — your UDP ping client. Read README.md (or README.ko.md) first.
// Run it:   npx tsx client.ts --count 10 --interval 100 --timeout 300 --retries 2
// Check it: npm run check lesson-10
import crypto from 'node:crypto';
import dgram from 'node:dgram';
import { parseArgs } from 'node:util';

const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 8080);

// The flags are read for you (README "The run contract").
const { values } = parseArgs({
  options: { count: { type: 'string' }, interval: { type: 'string' }, timeout: { type: 'string' }, retries: { type: 'string' } },
});
const COUNT = Number(values.count ?? 10); // how many seqs: 1 … COUNT
const INTERVAL = Number(values.interval ?? 100); // ms between the first sends of two seqs
const TIMEOUT = Number(values.timeout ?? 300); // ms to wait for a reply before a retry
const RETRIES = Number(values.retries ?? 2); // retries after the first attempt

// TODO ① one socket: dgram.createSocket('udp4'), with socket.on('error', …) that only logs.
// TODO ② every INTERVAL ms start the next seq (1, 2, … COUNT) without waiting for replies.
//        Keep each seq in flight in a Map: its attempts, and each attempt's token → send time.
// TODO ③ one attempt = "PING <seq> <token>" with a FRESH token (crypto.randomBytes(4).toString('hex')),
//        sent to PORT, HOST, and a timer: after TIMEOUT ms, retry (up to RETRIES times) or
//        settle the seq as "seq=N lost" (README "Timeouts and retries").
// TODO ④ socket.on('message', (msg, rinfo) => …): accept "PONG <seq> <token>" only if
//        rinfo is HOST:PORT, the seq is still in flight and the token is one you sent for it;
//        then print "seq=N rtt=X.XXms attempts=K" (performance.now()) and settle the seq.
//        Everything else (late, duplicate, spoofed, unknown token) is ignored (README "Matching replies").
// TODO ⑤ when every seq has settled: print "sent=… received=… lost=… loss=…%", close the
//        socket, and set process.exitCode = received > 0 ? 0 : 1 (README "Closing").

console.log(`TODO: the ping client is not written yet (${COUNT} PINGs to ${HOST}:${PORT}, every ${INTERVAL} ms, timeout ${TIMEOUT} ms, ${RETRIES} retries).`);
void crypto; // remove these lines once you use crypto and dgram
void dgram;
