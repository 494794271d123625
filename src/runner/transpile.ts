/**
 * Turns the learner's .ts files into plain JavaScript once per run, so each program then
 * starts with plain `node` (tens of ms) instead of a TypeScript loader (hundreds of ms).
 * Source maps keep stack traces pointing at the learner's own .ts lines.
 */
import fs from 'node:fs';
import path from 'node:path';
import { build, type Message } from 'esbuild';
import { STATE_DIR } from '../paths.ts';

export interface CompiledProgram {
  /** The learner's source file, e.g. `/…/lesson-01-hello-tcp/server.ts`. */
  source: string;
  /** The JavaScript to run. */
  output: string;
}

/** A learner file that does not parse: shown as file:line:col with the offending line. */
export class CompileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly detail: string,
    readonly lineText: string,
  ) {
    super(`${file}:${line}:${column}: ${detail}`);
    this.name = 'CompileError';
  }
}

export interface Build {
  programs: Map<string, CompiledProgram>;
  /** Removes the compiled files. */
  dispose(): void;
}

/**
 * Compiles each entry file in `dir` (imports between the learner's files are bundled in;
 * packages and Node built-ins stay as imports). Output lives under the course's own state
 * folder so that packages resolve from the course's node_modules.
 */
export async function compileLessonFiles(dir: string, files: readonly string[]): Promise<Build> {
  fs.mkdirSync(path.join(STATE_DIR, 'build'), { recursive: true });
  const outdir = fs.mkdtempSync(path.join(STATE_DIR, 'build', 'run-'));
  const dispose = () => fs.rmSync(outdir, { recursive: true, force: true });
  const entryPoints = files.map((f) => path.join(dir, f));
  try {
    await build({
      entryPoints,
      outdir,
      outbase: dir,
      bundle: true,
      packages: 'external',
      platform: 'node',
      format: 'esm',
      target: 'node20',
      sourcemap: 'linked',
      sourcesContent: false,
      outExtension: { '.js': '.mjs' },
      logLevel: 'silent',
      write: true,
    });
  } catch (err) {
    dispose();
    throw toCompileError(err);
  }
  const programs = new Map<string, CompiledProgram>();
  for (const f of files) {
    programs.set(f, { source: path.join(dir, f), output: path.join(outdir, f.replace(/\.ts$/, '.mjs')) });
  }
  return { programs, dispose };
}

function toCompileError(err: unknown): Error {
  const first = (err as { errors?: Message[] }).errors?.[0];
  if (!first) return err as Error;
  const loc = first.location;
  // esbuild gives paths relative to its working directory, which is ours.
  const file = loc ? path.resolve(loc.file) : '';
  return new CompileError(file, loc?.line ?? 0, (loc?.column ?? 0) + 1, first.text, loc?.lineText ?? '');
}
