/**
 * The box every program the checker starts runs in, on Linux with bubblewrap (`bwrap`):
 *   - the system read-only; the course checkout, the home folder, the temporary folders and
 *     whatever the caller hides (the grader: the class folder, the grade files) replaced by
 *     empty folders, with only the files that one program needs laid back, read-only;
 *   - a private writable /tmp, which is also its working folder;
 *   - its own PID namespace: it cannot see or signal the checker, the grader or another
 *     student's programs, and when its first process ends, the kernel ends every process in
 *     the box, however it detached (setsid, double fork, a child that outlives its parent);
 *   - `--die-with-parent`: if the checker dies, the box dies with it, busy loops included;
 *   - the loopback network as before (the checker must reach it on 127.0.0.1).
 * Elsewhere (macOS, Windows, Linux without bwrap) programs run unboxed: see README,
 * "What the checker protects against".
 *
 * SOCKET_COURSE_SANDBOX: `auto` (default: use it where it works), `off`, or `require` (fail
 * rather than run a program unboxed: CI and the grader use this).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { text } from '../i18n.ts';
import { UsageError } from '../errors.ts';
import { COURSE_ROOT } from '../paths.ts';

export interface SandboxPaths {
  /** Files or folders laid into the box read-only, at the same path. */
  readOnly?: string[];
  /** Folders laid into the box writable, at the same path (a scenario's scratch folder). */
  readWrite?: string[];
}

type Mode = 'auto' | 'off' | 'require';

let available: boolean | undefined;
let unavailableWhy = '';
const hidden = new Set<string>();

function mode(): Mode {
  const m = process.env.SOCKET_COURSE_SANDBOX ?? 'auto';
  if (m === 'auto' || m === 'off' || m === 'require') return m;
  throw new UsageError(text(`SOCKET_COURSE_SANDBOX must be auto, off or require, not "${m}".`, `SOCKET_COURSE_SANDBOX는 auto, off, require 중 하나여야 합니다("${m}"는 안 됩니다).`));
}

/** The flags every box gets; the trial run at detection uses the same ones. */
const BASE_FLAGS = ['--unshare-pid', '--unshare-user', '--unshare-ipc', '--unshare-uts', '--unshare-cgroup-try', '--die-with-parent', '--new-session'];

/**
 * Whether programs run boxed. Decided once per checker (a trial `bwrap … true`, a few ms):
 * a kernel without unprivileged user namespaces, or no bwrap, means no box.
 */
export function sandboxAvailable(): boolean {
  if (available !== undefined) return available;
  const m = mode();
  available = false;
  if (m === 'off') unavailableWhy = 'SOCKET_COURSE_SANDBOX=off';
  else if (process.platform !== 'linux') unavailableWhy = `no sandbox on ${process.platform}`;
  else {
    const trial = spawnSync('bwrap', ['--ro-bind', '/', '/', '--proc', '/proc', '--dev', '/dev', ...BASE_FLAGS, 'true'], { encoding: 'utf8', timeout: 5000 });
    available = trial.status === 0;
    if (!available) unavailableWhy = trial.error ? `bwrap: ${(trial.error as NodeJS.ErrnoException).code}` : `bwrap failed: ${trial.stderr.trim()}`;
  }
  if (!available && m === 'require') {
    throw new UsageError(
      text(
        `A sandbox is required (SOCKET_COURSE_SANDBOX=require) but none can be used here: ${unavailableWhy}. Install bubblewrap (Debian/Ubuntu: apt-get install bubblewrap).`,
        `샌드박스가 필요하지만(SOCKET_COURSE_SANDBOX=require) 이 컴퓨터에서는 쓸 수 없습니다: ${unavailableWhy}. bubblewrap을 설치하세요(Debian/Ubuntu: apt-get install bubblewrap).`,
      ),
    );
  }
  return available;
}

/** Why there is no box (for the grader's refusal and the bench), or '' when there is one. */
export function sandboxUnavailableReason(): string {
  return sandboxAvailable() ? '' : unavailableWhy;
}

/** Folders no boxed program may see, beyond the default ones (the grader adds its own). */
export function hideFromSandbox(...dirs: string[]): void {
  for (const d of dirs) hidden.add(path.resolve(d));
}

function realOrSelf(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

const SYSTEM = new Set(['/', '/usr', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/etc', '/dev', '/proc', '/sys']);

/** Existing real folders to cover, outermost first, never the system itself. */
function foldersToHide(): string[] {
  const candidates = [COURSE_ROOT, os.homedir(), os.tmpdir(), '/tmp', '/run', ...hidden];
  const dirs = [...new Set(candidates.filter((d) => d && fs.existsSync(d)).map(realOrSelf))].filter((d) => !SYSTEM.has(d));
  return dirs.sort((a, b) => a.length - b.length);
}

function isInside(p: string, dir: string): boolean {
  const r = path.relative(dir, p);
  return r === '' || (!r.startsWith('..') && !path.isAbsolute(r));
}

/** The real path of a command, looked up on PATH like a shell would. */
export function resolveCommand(command: string): string {
  if (command.includes('/')) return realOrSelf(command);
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, command);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return realOrSelf(candidate);
    } catch {
      // not here
    }
  }
  return command;
}

/**
 * `bwrap` and its arguments to run `command args` boxed. The command's own installation
 * (its real path's parent's parent: `/usr`, or `~/.pyenv/versions/3.11.7`) is laid back
 * read-only when a hidden folder covers it.
 */
export function boxedCommand(command: string, args: string[], paths: SandboxPaths = {}): { command: string; args: string[] } {
  const real = resolveCommand(command);
  const hide = foldersToHide();
  const install = path.dirname(path.dirname(real));
  const readOnly = [...(paths.readOnly ?? []), ...(hide.some((h) => isInside(install, h)) ? [install] : [])];
  const flags = ['--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc'];
  for (const dir of hide) flags.push('--tmpfs', dir);
  for (const p of readOnly.map(realOrSelf)) if (fs.existsSync(p)) flags.push('--ro-bind', p, p);
  for (const p of (paths.readWrite ?? []).map(realOrSelf)) if (fs.existsSync(p)) flags.push('--bind', p, p);
  flags.push(...BASE_FLAGS, '--setenv', 'TMPDIR', '/tmp', '--setenv', 'HOME', '/tmp', '--chdir', '/tmp');
  return { command: 'bwrap', args: [...flags, '--', real, ...args] };
}
