/**
 * Wrong implementations kept with each lesson's checks (`.checks/wrong/<name>/`): each holds
 * the files that differ from the solution and an expect.json naming the failure reason the
 * checker must give. Self-tests build each one as a folder and check it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Lesson } from '../../src/lessons.ts';

export interface Variant {
  name: string;
  dir: string;
  reason: string;
  /** If set, this scenario must be the one failing with `reason`. */
  scenario?: string;
  about: string;
}

export function listVariants(lessonDir: string): Variant[] {
  const root = path.join(lessonDir, '.checks', 'wrong');
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => {
      const dir = path.join(root, d.name);
      let expect: Omit<Variant, 'name' | 'dir'>;
      try {
        expect = JSON.parse(fs.readFileSync(path.join(dir, 'expect.json'), 'utf8')) as Omit<Variant, 'name' | 'dir'>;
      } catch (err) {
        expect = { reason: '(unreadable expect.json)', about: (err as Error).message };
      }
      return { name: d.name, dir, ...expect };
    });
}

/** A temporary folder holding the solution with the variant's files laid over it. */
export function materialize(lesson: Lesson, variant: Variant): { dir: string; dispose(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `variant-${variant.name}-`));
  for (const f of lesson.manifest.files) {
    const own = path.join(variant.dir, f);
    fs.copyFileSync(fs.existsSync(own) ? own : path.join(lesson.solutionDir, f), path.join(dir, f));
  }
  return { dir, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
