/**
 * Turns the learner's .ts files into plain JavaScript once per run, so each program then
 * starts with plain `node` (tens of ms) instead of a TypeScript loader (hundreds of ms).
 * Source maps keep stack traces pointing at the learner's own .ts lines.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isBuiltin } from 'node:module';
import { build, type Message, type Plugin } from 'esbuild';
import { trackTempDir } from './cleanup.ts';

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
 * Compiles each entry file in `dir` into one self-contained file: the learner's own imports
 * and any packages are bundled in, only Node's built-ins stay imports. So a program needs
 * nothing of the course at run time, and its output lives outside the course tree, in a
 * private temporary folder of its own (a boxed program sees only its own file there).
 */
export async function compileLessonFiles(dir: string, files: readonly string[]): Promise<Build> {
  // Named after the folder (`ps` then tells which lesson or fixture a process runs), kept short.
  const label = path.basename(dir).toLowerCase().replace(/[^a-z0-9-]+/g, '-').slice(0, 24);
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `socket-course-build-${label}-`));
  const dispose = trackTempDir(outdir);
  const entryPoints = files.map((f) => path.join(dir, f));
  try {
    await build({
      entryPoints,
      outdir,
      outbase: dir,
      bundle: true,
      // A bundled CommonJS package may require() a built-in: give ESM output a real require.
      // (`import.meta` and `.url` apart: scripts/run.mjs pins that expression to each source file.)
      banner: { js: `import { createRequire as __socketCourseRequire } from 'node:module'; globalThis.require ??= __socketCourseRequire(import.meta${'.url'});` },
      platform: 'node',
      format: 'esm',
      target: 'node20',
      sourcemap: 'linked',
      sourcesContent: false,
      outExtension: { '.js': '.mjs' },
      logLevel: 'silent',
      write: true,
      plugins: [stayInside(dir)],
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

function isInside(p: string, folder: string): boolean {
  const r = path.relative(folder, p);
  return r === '' || (!r.startsWith('..') && !path.isAbsolute(r));
}

/**
 * Imports may name Node's built-ins, the lesson folder's own files and installed packages,
 * nothing else: bundling is done outside the box, so an import of the instructor's
 * `solutions/…` (or of a classmate's file, by absolute path or a link) must not be compiled in.
 */
function stayInside(dir: string): Plugin {
  const home = fs.realpathSync(dir);
  return {
    name: 'stay-inside-the-lesson-folder',
    setup(b) {
      b.onResolve({ filter: /.*/ }, async (args) => {
        if (args.kind === 'entry-point' || args.pluginData?.checked) return undefined;
        if (isBuiltin(args.path)) return { path: args.path, external: true };
        const found = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: { checked: true } });
        if (found.errors.length > 0) return { errors: found.errors };
        const real = fs.existsSync(found.path) ? fs.realpathSync(found.path) : found.path;
        if (isInside(real, home) || real.split(path.sep).includes('node_modules')) return found;
        return { errors: [{ text: `"${args.path}" is outside the lesson folder: a program may import Node's modules, packages and its own lesson's files only` }] };
      });
    },
  };
}

function toCompileError(err: unknown): Error {
  const first = (err as { errors?: Message[] }).errors?.[0];
  if (!first) return err as Error;
  const loc = first.location;
  // esbuild gives paths relative to its working directory, which is ours.
  const file = loc ? path.resolve(loc.file) : '';
  return new CompileError(file, loc?.line ?? 0, (loc?.column ?? 0) + 1, first.text, loc?.lineText ?? '');
}
