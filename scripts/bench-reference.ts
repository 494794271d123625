/**
 * The reference `npm run bench` compares lesson 01's check with: learnyounode's `verify` of its
 * "TIME SERVER" exercise, a comparable one-server TCP check. learnyounode is installed into a
 * temporary folder by the bench (never a dependency of the course), with its own HOME there so
 * its state (`~/.config/learnyounode/current.json`, the selected exercise) touches nothing else.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

export const LEARNYOUNODE = 'learnyounode@4.2.2';
const EXERCISE = 'TIME SERVER';

/** A correct solution of exercises/time_server/problem.md: `YYYY-MM-DD hh:mm\n`, then close. */
const TIME_SERVER = `'use strict'
const net = require('net')
const two = (n) => String(n).padStart(2, '0')
net.createServer((socket) => {
  const d = new Date()
  socket.end(\`\${d.getFullYear()}-\${two(d.getMonth() + 1)}-\${two(d.getDate())} \${two(d.getHours())}:\${two(d.getMinutes())}\\n\`)
}).listen(Number(process.argv[2]))
`;

export interface Learnyounode {
  /** One `learnyounode verify time-server.js`: its wall time, and whether it said PASS (exit 0). */
  verify(): { ms: number; pass: boolean; output: string };
  /** Removes the temporary folder (install, HOME, solution). */
  dispose(): void;
}

/** Installs learnyounode into a fresh temporary folder and selects TIME SERVER; an Error says why it could not. */
export function setUpLearnyounode(): Learnyounode | Error {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-learnyounode-'));
  const dispose = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    const install = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--prefix', dir, LEARNYOUNODE], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 });
    if (install.status !== 0) {
      const why = install.error?.message ?? (install.stderr.trim().split('\n').filter(Boolean).pop() || `exit ${install.status ?? install.signal}`);
      throw new Error(`npm install ${LEARNYOUNODE} failed: ${why}`);
    }
    const bin = path.join(dir, 'node_modules', 'learnyounode', 'bin', 'learnyounode');
    const home = path.join(dir, 'home');
    fs.mkdirSync(home);
    const solution = path.join(dir, 'time-server.js');
    fs.writeFileSync(solution, TIME_SERVER);
    const env = { ...process.env, HOME: home, USERPROFILE: home, NO_COLOR: '1', FORCE_COLOR: '0' };
    const lyn = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: dir, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
    const select = lyn('select', EXERCISE);
    const current = path.join(home, '.config', 'learnyounode', 'current.json');
    if (select.status !== 0 || !fs.existsSync(current) || JSON.parse(fs.readFileSync(current, 'utf8')) !== EXERCISE) {
      throw new Error(`learnyounode select "${EXERCISE}" did not select it (exit ${select.status}): ${(select.stdout + select.stderr).trim().split('\n').pop() ?? ''}`);
    }
    return {
      verify() {
        const t = performance.now();
        const r = lyn('verify', solution);
        const ms = performance.now() - t;
        const output = r.stdout + r.stderr;
        return { ms, pass: r.status === 0 && /^# PASS\b/m.test(output) && !/^# FAIL\b/m.test(output), output };
      },
      dispose,
    };
  } catch (err) {
    dispose();
    return err instanceof Error ? err : new Error(String(err));
  }
}
