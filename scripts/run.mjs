#!/usr/bin/env node
/**
 * `node scripts/run.mjs <command> [args…]`: runs `scripts/<command>.ts` from a bundle of the
 * course's own code, so a learner's `npm run check` starts with plain node instead of compiling
 * TypeScript on every run (tsx).
 *
 * The bundle is keyed by a hash of every source it is made of (src/, scripts/, each lesson's
 * checks, and the lock file), so the checks that run are always the checkout's own: edit a
 * check, pull a new lesson, and the next run rebuilds (about a second) before it starts. Each
 * module keeps its own `import.meta.url`, so paths computed from it (the course root, the
 * preload, a lesson's interop folder) are the same as from the sources. Stack traces point at
 * the .ts sources (source maps).
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import module from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUILDS = path.join(ROOT, '.course', 'build');
/** Builds kept besides the current one (another checkout state's, a run still using it). */
const KEEP = 3;
/** Where the engine finds the bundled checks of a lesson (see src/checks/run-lesson.ts). */
const BUILD_KEY = Symbol.for('socket-course.build');

const [command, ...rest] = process.argv.slice(2);
if (!command || !/^[a-z-]+$/.test(command) || !fs.existsSync(path.join(ROOT, 'scripts', `${command}.ts`))) {
  console.error(`usage: node scripts/run.mjs <command> [args…]  (a file scripts/<command>.ts; got "${command ?? ''}")`);
  process.exit(2);
}

/** Every file the bundle is made of, sorted: the course's TypeScript and each lesson's checks. */
function sources() {
  const out = [];
  const walk = (dir, skip) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!skip.has(e.name)) walk(p, skip);
      } else if (/\.(ts|mjs|json)$/.test(e.name)) out.push(p);
    }
  };
  walk(path.join(ROOT, 'src'), new Set());
  walk(path.join(ROOT, 'scripts'), new Set());
  for (const lesson of fs.readdirSync(path.join(ROOT, 'lessons'))) {
    const checks = path.join(ROOT, 'lessons', lesson, '.checks');
    // The variants and blind programs are learner code, never part of the checker.
    if (fs.existsSync(checks)) walk(checks, new Set(['wrong', 'blind', 'correct', 'interop']));
  }
  out.push(path.join(ROOT, 'package-lock.json'));
  return out.sort();
}

function hashOf(files) {
  const h = crypto.createHash('sha256');
  for (const f of files) h.update(path.relative(ROOT, f)).update('\0').update(fs.readFileSync(f)).update('\0');
  return h.digest('hex').slice(0, 16);
}

/** `import.meta.url` of each module, as its source file's: the bundle's own location means nothing. */
const keepModuleUrls = {
  name: 'keep-module-urls',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      const code = fs.readFileSync(args.path, 'utf8');
      return { contents: code.replace(/\bimport\.meta\.url\b/g, JSON.stringify(pathToFileURL(args.path).href)), loader: 'ts' };
    });
  },
};

async function buildInto(dir, files) {
  const { build } = await import('esbuild');
  const checks = files.filter((f) => /[\\/]\.checks[\\/]checks\.ts$/.test(f));
  const entryPoints = [...fs.readdirSync(path.join(ROOT, 'scripts')).filter((f) => f.endsWith('.ts')).map((f) => path.join(ROOT, 'scripts', f)), ...checks];
  await build({
    entryPoints,
    outdir: dir,
    outbase: ROOT,
    bundle: true,
    splitting: true, // one copy of each engine module, shared by the command and every lesson's checks
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    outExtension: { '.js': '.mjs' },
    logLevel: 'error',
    plugins: [keepModuleUrls],
  });
}

/** The current bundle, built first if the sources changed; another run building at once is fine. */
async function currentBuild() {
  const files = sources();
  const dir = path.join(BUILDS, hashOf(files));
  if (fs.existsSync(path.join(dir, 'complete'))) return dir;
  fs.mkdirSync(BUILDS, { recursive: true });
  const fresh = fs.mkdtempSync(path.join(BUILDS, 'tmp-'));
  try {
    await buildInto(fresh, files);
    fs.writeFileSync(path.join(fresh, 'complete'), '');
    try {
      fs.renameSync(fresh, dir);
    } catch {
      // another run put the same build in place first
    }
  } finally {
    fs.rmSync(fresh, { recursive: true, force: true });
  }
  prune(dir);
  return dir;
}

/** Removes builds beyond the newest few, and folders of builds interrupted long ago. */
function prune(current) {
  const entries = fs.readdirSync(BUILDS).map((name) => ({ name, p: path.join(BUILDS, name), at: fs.statSync(path.join(BUILDS, name)).mtimeMs }));
  const done = entries.filter((e) => e.p !== current && !e.name.startsWith('tmp-') && e.name !== 'v8-cache').sort((a, b) => b.at - a.at);
  const abandoned = entries.filter((e) => e.name.startsWith('tmp-') && e.at < Date.now() - 10 * 60_000);
  for (const e of [...done.slice(KEEP), ...abandoned]) fs.rmSync(e.p, { recursive: true, force: true });
}

/**
 * A checkout whose own code does not bundle (a check being written has an error) still runs,
 * from the sources through tsx, which then reports the error where it is.
 */
function runFromSources(err) {
  console.error(`(the course's code could not be bundled, so it runs from its sources: ${String(err?.message ?? err).split('\n')[0]})`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', `${command}.ts`), ...rest], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

let build;
try {
  build = await currentBuild();
} catch (err) {
  runFromSources(err);
}
process.setSourceMapsEnabled(true);
// Node 22.1+ keeps compiled code between runs (a no-op where it does not exist, as on Node 20).
module.enableCompileCache?.(path.join(BUILDS, 'v8-cache'));
globalThis[BUILD_KEY] = { root: ROOT, dir: build };
process.argv.splice(1, 2, path.join(ROOT, 'scripts', `${command}.ts`)); // argv as the command expects it
await import(pathToFileURL(path.join(build, 'scripts', `${command}.mjs`)).href);
