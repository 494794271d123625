/**
 * Type errors in the learner's files, found by the TypeScript compiler. The checks run the
 * programs through esbuild, which strips types without checking them, so `const PORT: string =
 * Number(…)` would pass unnoticed: this reports such mistakes as warnings, never as failures.
 * It runs `tsc` as its own process, at the same time as the scenarios, so a check is not slowed.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { COURSE_ROOT } from '../paths.ts';
import { toolEnv, trackTool } from '../runner/cleanup.ts';

export interface TypeIssue {
  /** As given to tsc: the lesson file's name, e.g. `server.ts`. */
  file: string;
  line: number;
  column: number;
  /** `TS2322` */
  code: string;
  message: string;
}

const TSC = path.join(COURSE_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const LIMIT_MS = 30_000;

/** The course's compiler settings, given on the command line: the folder may be anywhere (`--dir`). */
const OPTIONS = [
  '--noEmit', '--pretty', 'false', '--strict', '--target', 'ES2022', '--module', 'ESNext', '--moduleResolution', 'Bundler',
  '--allowImportingTsExtensions', '--skipLibCheck', '--types', 'node', '--typeRoots', path.join(COURSE_ROOT, 'node_modules', '@types'),
];

/** `server.ts(7,7): error TS2322: Type 'number' is not assignable…` plus indented detail lines. */
export function parseTscOutput(out: string, files: readonly string[]): TypeIssue[] {
  const issues: TypeIssue[] = [];
  for (const line of out.split(/\r?\n/)) {
    const m = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/.exec(line);
    if (m) {
      issues.push({ file: m[1]!, line: Number(m[2]), column: Number(m[3]), code: m[4]!, message: m[5]! });
    } else if (/^\s+\S/.test(line) && issues.length > 0) {
      issues[issues.length - 1]!.message += ` ${line.trim()}`;
    }
  }
  return issues.filter((i) => files.includes(i.file)); // never the compiler's own files
}

/** Resolves with the type errors in `files` (in `dir`); an empty list if tsc cannot run. */
export function typeCheckLessonFiles(dir: string, files: readonly string[]): Promise<TypeIssue[]> {
  return new Promise((resolve) => {
    const tsc = execFile(process.execPath, [TSC, ...OPTIONS, ...files], { cwd: dir, timeout: LIMIT_MS, maxBuffer: 4 * 1024 * 1024, env: toolEnv() }, (err, stdout) => {
      // tsc exits 2 when it found errors; anything else without output means it did not run.
      if (err && !stdout) return resolve([]);
      resolve(parseTscOutput(stdout, files));
    });
    trackTool(tsc);
  });
}
