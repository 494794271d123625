/**
 * Wrong implementations kept with each lesson's checks (`.checks/wrong/<name>/`). A mistake in
 * one place is a *mutation* of the current solution: expect.json says which text to find (it
 * must occur exactly once, so a changed solution fails loudly instead of silently testing
 * something else) and what to put there. A real rewrite stays a whole file in the folder.
 * expect.json also names the failure reason the checker must give and the scenarios the
 * mistake targets: the self-test runs only those.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Lesson } from '../../src/lessons.ts';

export interface Mutation {
  file: string;
  find: string;
  replace: string;
}

export interface Variant {
  name: string;
  dir: string;
  reason: string;
  /** The scenarios the mistake is meant to fail; one of them must fail with `reason`. */
  targets: string[];
  mutate: Mutation[];
  about: string;
}

interface ExpectFile {
  reason: string;
  targets?: string[];
  /** The older single-target form. */
  scenario?: string;
  mutate?: Mutation | Mutation[];
  about: string;
}

/**
 * `wrong`: programs with one mistake each. `correct`: the solution changed in a way the README
 * allows (a log line per event, another style), which must pass every scenario.
 */
export function listVariants(lessonDir: string, kind: 'wrong' | 'correct' = 'wrong'): Variant[] {
  const root = path.join(lessonDir, '.checks', kind);
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => {
      const dir = path.join(root, d.name);
      let e: ExpectFile;
      try {
        e = JSON.parse(fs.readFileSync(path.join(dir, 'expect.json'), 'utf8')) as ExpectFile;
      } catch (err) {
        e = { reason: '(unreadable expect.json)', about: (err as Error).message };
      }
      const targets = e.targets ?? (e.scenario ? [e.scenario] : []);
      const mutate = e.mutate === undefined ? [] : Array.isArray(e.mutate) ? e.mutate : [e.mutate];
      return { name: d.name, dir, reason: e.reason, targets, mutate, about: e.about };
    });
}

/** `find` must occur exactly once in `source`: anything else means the solution moved on. */
export function applyMutation(source: string, m: Mutation, where: string): string {
  const at = source.indexOf(m.find);
  if (at === -1) throw new Error(`${where}: the text to mutate is no longer in ${m.file}:\n${m.find}`);
  if (source.indexOf(m.find, at + 1) !== -1) throw new Error(`${where}: the text to mutate occurs more than once in ${m.file}:\n${m.find}`);
  return source.slice(0, at) + m.replace + source.slice(at + m.find.length);
}

/** The variant's own version of one learner file: its whole file, or the solution mutated. */
export function variantSource(lesson: Lesson, v: Variant, file: string): string {
  const own = path.join(v.dir, file);
  let source = fs.readFileSync(fs.existsSync(own) ? own : path.join(lesson.solutionDir, file), 'utf8');
  for (const m of v.mutate.filter((x) => x.file === file)) source = applyMutation(source, m, `${lesson.name}/${v.name}`);
  return source;
}

/** A temporary folder holding the solution with the variant's files and mutations applied. */
export function materialize(lesson: Lesson, variant: Variant): { dir: string; dispose(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `variant-${variant.name}-`));
  for (const f of lesson.manifest.files) fs.writeFileSync(path.join(dir, f), variantSource(lesson, variant, f));
  return { dir, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
