/**
 * Finding the real tools some checks use (curl, Chromium, redis-cli…): on the learner's PATH
 * first, then where the usual package puts it. A check that finds none says so with
 * `ctx.missingTool(…)`, never by skipping quietly.
 */
import fs from 'node:fs';
import path from 'node:path';

/** The executable `name` on PATH, else in `fallback`'s folder; undefined if neither has it. */
export function findOnPath(name: string, fallback: string): string | undefined {
  const names = process.platform === 'win32' ? [`${name}.exe`, `${name}.cmd`, name] : [name];
  for (const dir of [...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean), path.dirname(fallback)]) {
    for (const n of names) {
      const f = path.join(dir, n);
      try {
        fs.accessSync(f, fs.constants.X_OK);
        if (fs.statSync(f).isFile()) return f;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}
