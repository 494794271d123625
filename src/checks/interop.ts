/**
 * Finds Python 3 and a Java JDK when the machine has them; the interop scenarios run the
 * source's own programs with them and are skipped (with a visible note) where they are missing.
 * Java sources are compiled once and cached by content, so a re-check starts a JVM only.
 */
import { execFile, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { STATE_DIR } from '../paths.ts';
import { toolEnv, trackTool } from '../runner/cleanup.ts';

let python: string[] | null | undefined;
let javaOk: boolean | undefined;

function runs(cmd: string, args: string[]): string | undefined {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 5000, windowsHide: true, env: toolEnv() });
  return r.status === 0 ? `${r.stdout}${r.stderr}` : undefined;
}

/** `runs` without blocking the event loop: the checker's timers keep their time meanwhile. */
function runsAsync(cmd: string, args: string[], timeout = 30_000): Promise<string | undefined> {
  return new Promise((resolve) => {
    trackTool(execFile(cmd, args, { encoding: 'utf8', timeout, windowsHide: true, env: toolEnv() }, (err, stdout, stderr) => resolve(err ? undefined : `${stdout}${stderr}`)));
  });
}

const PYTHON_CANDIDATES = process.platform === 'win32' ? [['py', '-3'], ['python'], ['python3']] : [['python3'], ['python']];
const PYTHON_PROBE = 'import sys; print(sys.version_info[0], sys.version_info[1], sys.executable)';

/** The interpreter's own path from a probe's output, if it is Python ≥ 3.8. */
function pythonFrom(out: string | undefined): string[] | null {
  const m = out && /^3 (\d+) (.+)$/m.exec(out.trim());
  return m && Number(m[1]) >= 8 ? [m[2]!] : null;
}

function javaFrom(javac: string | undefined, java: string | undefined): boolean {
  const m = javac && /javac (\d+)/.exec(javac);
  return Boolean(m && Number(m[1]) >= 11 && java !== undefined);
}

/**
 * Finds Python and Java and compiles the lesson's Java sources, all without blocking: run
 * before the scenarios start (at the same time as the learner's build), it leaves
 * `findPython`, `hasJava` and `compileJava` nothing slow to do in the middle of a check.
 */
export async function prepareInterop(interopDir: string): Promise<void> {
  if (!fs.existsSync(interopDir)) return;
  const sources = fs.readdirSync(interopDir).filter((f) => f.endsWith('.java')).map((f) => path.join(interopDir, f));
  const wantsPython = fs.readdirSync(interopDir).some((f) => f.endsWith('.py'));
  await Promise.all([
    (async () => {
      if (!wantsPython || python !== undefined) return;
      for (const c of PYTHON_CANDIDATES) {
        const found = pythonFrom(await runsAsync(c[0]!, [...c.slice(1), '-c', PYTHON_PROBE]));
        if (found) return void (python ??= found);
      }
      python ??= null;
    })(),
    (async () => {
      if (sources.length === 0) return;
      if (javaOk === undefined) {
        const [javac, java] = await Promise.all([runsAsync('javac', ['-version']), runsAsync('java', ['-version'])]);
        javaOk ??= javaFrom(javac, java);
      }
      if (javaOk) await Promise.all(sources.map(compileJavaAsync));
    })(),
  ]);
}

/**
 * The command that runs Python ≥ 3.8 here, or null: the interpreter's own path, not a
 * launcher or a version manager's shim (pyenv's needs the home folder, which a boxed
 * program does not see).
 */
export function findPython(): string[] | null {
  if (python !== undefined) return python;
  python = null;
  for (const c of PYTHON_CANDIDATES) {
    python = pythonFrom(runs(c[0]!, [...c.slice(1), '-c', PYTHON_PROBE]));
    if (python) break;
  }
  return python;
}

/** True when `java` and `javac` (a JDK, 11 or later) are on the PATH. */
export function hasJava(): boolean {
  if (javaOk !== undefined) return javaOk;
  javaOk = javaFrom(runs('javac', ['-version']), runs('java', ['-version']));
  return javaOk;
}

/**
 * Compiles a Java source file (if not cached) and returns the class folder and main class
 * to run with `java -cp <dir> <class>`.
 */
export function compileJava(source: string): { classDir: string; mainClass: string } {
  const target = javaTarget(source);
  if (!fs.existsSync(target.classFile)) {
    fs.mkdirSync(target.classDir, { recursive: true });
    const r = spawnSync('javac', ['-encoding', 'UTF-8', '-d', target.classDir, source], { encoding: 'utf8', timeout: 60_000, env: toolEnv() });
    if (r.status !== 0) throw new Error(`javac failed for ${source}: ${r.stderr}`);
  }
  return { classDir: target.classDir, mainClass: target.mainClass };
}

/** Where a source's classes are cached: by its content, so an edited source is recompiled. */
function javaTarget(source: string): { classDir: string; mainClass: string; classFile: string } {
  const hash = crypto.createHash('sha256').update(fs.readFileSync(source)).digest('hex').slice(0, 16);
  const mainClass = path.basename(source, '.java');
  const classDir = path.join(STATE_DIR, 'java', `${mainClass}-${hash}`);
  return { classDir, mainClass, classFile: path.join(classDir, `${mainClass}.class`) };
}

/**
 * `compileJava` ahead of time, without blocking. javac writes into a fresh folder that is then
 * renamed into place, so a check running at the same time never sees half-written classes.
 */
async function compileJavaAsync(source: string): Promise<void> {
  const target = javaTarget(source);
  if (fs.existsSync(target.classFile)) return;
  fs.mkdirSync(path.dirname(target.classDir), { recursive: true });
  const fresh = fs.mkdtempSync(`${target.classDir}.tmp-`);
  try {
    const out = await runsAsync('javac', ['-encoding', 'UTF-8', '-d', fresh, source], 60_000);
    if (out === undefined) return; // compileJava reports the error when a scenario needs the class
    try {
      fs.renameSync(fresh, target.classDir);
    } catch {
      // another run put it in place first
    }
  } finally {
    fs.rmSync(fresh, { recursive: true, force: true });
  }
}
