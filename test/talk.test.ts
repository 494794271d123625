/**
 * `npm run talk`, the learner's hand-held client, against real servers: lines go out with
 * '\n', chunks come back shown as the checker shows bytes (a cut UTF-8 character as \xEB\x85),
 * Ctrl-D (end of input) sends FIN and the server's FIN or RST is reported.
 */
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import { afterEach, describe, expect, test } from 'vitest';
import { COURSE_ROOT } from '../src/paths.ts';

const servers: net.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A server on a free port; `onSocket` plays its part of the exchange. */
async function serve(onSocket: (s: net.Socket) => void, allowHalfOpen = false): Promise<number> {
  const server = net.createServer({ allowHalfOpen }, onSocket);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as net.AddressInfo).port;
}

function talk(args: string[], input?: string, env: Record<string, string> = {}) {
  return execa(process.execPath, ['scripts/run.mjs', 'talk', ...args], {
    cwd: COURSE_ROOT,
    input,
    reject: false,
    env: { NO_COLOR: '1', LANG: 'C.UTF-8', ...env },
    timeout: 30_000,
  });
}

describe('npm run talk', () => {
  test('sends each line with \\n, shows the chunks byte for byte, sends FIN at end of input and reports the server\'s FIN', async () => {
    const hello = Buffer.from('안녕\n');
    const port = await serve((socket) => {
      socket.on('data', (d) => socket.write(d.toString().toUpperCase()));
      socket.on('end', async () => {
        // After our FIN: a character cut in two across chunks, then the server's FIN.
        await sleep(150);
        socket.write(hello.subarray(0, 4));
        await sleep(150);
        socket.end(hello.subarray(4));
      });
    }, true);
    const r = await talk([String(port)], 'ping\n');
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('→ 5 bytes: "ping\\n"');
    expect(r.stdout).toContain('← 5 bytes: "PING\\n"');
    expect(r.stdout).toContain('→ FIN');
    expect(r.stdout).toContain('← 4 bytes: "안\\xEB"');
    expect(r.stdout).toContain('← 3 bytes: "\\x85\\x95\\n"');
    expect(r.stdout).toMatch(/← FIN\nThe server closed the connection \(FIN\)\./);
  });

  test('reports a reset (RST), in Korean with --lang ko', async () => {
    const port = await serve((socket) => socket.once('data', () => socket.resetAndDestroy()));
    const r = await talk([String(port), '127.0.0.1', '--lang', 'ko'], 'hi\n');
    expect(r.stdout).toContain('← RST');
    expect(r.stdout).toContain('서버가 연결을 리셋했습니다');
    expect(r.exitCode).toBe(1);
  });

  test('nothing listening, no port, a bad port, --help', async () => {
    const port = await serve(() => {});
    await new Promise((r) => servers.pop()!.close(r)); // a port that was free a moment ago
    const refused = await talk([String(port)], '');
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('ECONNREFUSED');
    expect((await talk([])).stderr).toContain('npm run talk -- 8080');
    expect((await talk(['http'])).exitCode).toBe(2);
    const help = await talk(['--help']);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain('Usage: npm run talk -- <port> [host]');
  });
});
