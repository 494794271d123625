/**
 * Finds Python 3 and a Java JDK when the machine has them; the interop scenarios run the
 * source's own programs with them and are skipped (with a visible note) where they are missing.
 * Java sources are compiled once and cached by content, so a re-check starts a JVM only.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { STATE_DIR } from '../paths.ts';

let python: string[] | null | undefined;
let javaOk: boolean | undefined;

function runs(cmd: string, args: string[]): string | undefined {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 5000, windowsHide: true });
  return r.status === 0 ? `${r.stdout}${r.stderr}` : undefined;
}

/**
 * The command that runs Python ≥ 3.8 here, or null: the interpreter's own path, not a
 * launcher or a version manager's shim (pyenv's needs the home folder, which a boxed
 * program does not see).
 */
export function findPython(): string[] | null {
  if (python !== undefined) return python;
  const candidates = process.platform === 'win32' ? [['py', '-3'], ['python'], ['python3']] : [['python3'], ['python']];
  python = null;
  for (const c of candidates) {
    const out = runs(c[0]!, [...c.slice(1), '-c', 'import sys; print(sys.version_info[0], sys.version_info[1], sys.executable)']);
    const m = out && /^3 (\d+) (.+)$/m.exec(out.trim());
    if (m && Number(m[1]) >= 8) {
      python = [m[2]!];
      break;
    }
  }
  return python;
}

/** True when `java` and `javac` (a JDK, 11 or later) are on the PATH. */
export function hasJava(): boolean {
  if (javaOk !== undefined) return javaOk;
  const v = runs('javac', ['-version']);
  const m = v && /javac (\d+)/.exec(v);
  javaOk = Boolean(m && Number(m[1]) >= 11 && runs('java', ['-version']) !== undefined);
  return javaOk;
}

/**
 * Compiles a Java source file (if not cached) and returns the class folder and main class
 * to run with `java -cp <dir> <class>`.
 */
export function compileJava(source: string): { classDir: string; mainClass: string } {
  const code = fs.readFileSync(source);
  const hash = crypto.createHash('sha256').update(code).digest('hex').slice(0, 16);
  const mainClass = path.basename(source, '.java');
  const classDir = path.join(STATE_DIR, 'java', `${mainClass}-${hash}`);
  if (!fs.existsSync(path.join(classDir, `${mainClass}.class`))) {
    fs.mkdirSync(classDir, { recursive: true });
    const r = spawnSync('javac', ['-encoding', 'UTF-8', '-d', classDir, source], { encoding: 'utf8', timeout: 60_000 });
    if (r.status !== 0) throw new Error(`javac failed for ${source}: ${r.stderr}`);
  }
  return { classDir, mainClass };
}
