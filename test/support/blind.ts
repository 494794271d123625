/**
 * Blind variants: programs written from a lesson's README alone, by someone who never read its
 * checks (`lessons/<lesson>/.checks/blind/<program>/`, with the lesson's files and an
 * `about.json`). Correct ones must pass, wrong ones must fail — with `reason`, once the checks
 * have been taught to name the mistake.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Lesson } from '../../src/lessons.ts';

export interface BlindProgram {
  name: string;
  dir: string;
  verdict: 'pass' | 'fail';
  /** The reason the checks give for it (wrong programs, once known). */
  reason?: string;
  rule: string;
  mistake: string;
}

/** The blind programs of a lesson: kept with its checks, or under `root/<lesson>/`. */
export function blindPrograms(lesson: Lesson, root?: string): BlindProgram[] {
  const dir = root ? path.join(root, lesson.name) : path.join(lesson.dir, '.checks', 'blind');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'about.json')))
    .map((d) => {
      const about = JSON.parse(fs.readFileSync(path.join(dir, d.name, 'about.json'), 'utf8')) as Omit<BlindProgram, 'name' | 'dir'>;
      return { name: d.name, dir: path.join(dir, d.name), ...about };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
