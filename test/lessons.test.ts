/**
 * What holds across the lessons: every lesson has its own self-test file (test/lessons/, where
 * test/support/lesson-suite.ts proves it both ways), and every wrong implementation type-checks.
 */
import { expect, test } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { listLessonNames, loadLesson } from '../src/lessons.ts';
import { LESSONS_DIR } from '../src/paths.ts';
import { listVariants, variantSource } from './support/variants.ts';
import { COURSE_ROOT } from '../src/paths.ts';

test('every lesson has its self-test file, and every self-test file a lesson', () => {
  const dir = path.join(COURSE_ROOT, 'test', 'lessons');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.test.ts')).sort();
  expect(files).toEqual(listLessonNames().map((n) => `${n}.test.ts`));
  for (const f of files) {
    const name = f.replace(/\.test\.ts$/, '');
    expect(fs.readFileSync(path.join(dir, f), 'utf8'), f).toMatch(new RegExp(`lessonSelfTests\\('${name}'[,)]`));
  }
});

// A variant is a learner's program with one mistake, not a type error: every one compiles
// under the settings a learner's code is checked with (one tsc run for all of them).
test('every wrong implementation type-checks', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'variants-typecheck-'));
  try {
    const files: string[] = [];
    for (const name of listLessonNames()) {
      const lesson = loadLesson(name);
      for (const v of listVariants(path.join(LESSONS_DIR, name))) {
        for (const f of lesson.manifest.files) {
          const rel = path.join(name, v.name, f);
          fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
          fs.writeFileSync(path.join(root, rel), variantSource(lesson, v, f));
          files.push(rel);
        }
      }
    }
    const tsc = path.join(COURSE_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const options = ['--noEmit', '--pretty', 'false', '--strict', '--target', 'ES2022', '--module', 'ESNext', '--moduleResolution', 'Bundler', '--skipLibCheck', '--types', 'node', '--typeRoots', path.join(COURSE_ROOT, 'node_modules', '@types')];
    let output = '';
    try {
      execFileSync(process.execPath, [tsc, ...options, ...files], { cwd: root, encoding: 'utf8' });
    } catch (err) {
      output = (err as { stdout?: string }).stdout ?? String(err);
    }
    expect(files.length).toBeGreaterThan(100);
    expect(output).toBe('');
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}, 120_000);
