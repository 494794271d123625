/**
 * `--lessons 1-5,8` as the grader and the autograder builder take it: lessons 01–05 and 08, in
 * course order; an unknown number is a usage error that lists the lessons.
 */
import { text } from '../i18n.ts';
import { UsageError } from '../errors.ts';
import { listLessonNames, loadLesson, resolveLessonName, type Lesson } from '../lessons.ts';

export function parseLessonList(spec: string): Lesson[] {
  const names = new Set<string>();
  for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    const range = /^(\d+)-(\d+)$/.exec(part);
    const items = range ? Array.from({ length: Number(range[2]) - Number(range[1]) + 1 }, (_, i) => String(Number(range[1]) + i)) : [part];
    for (const q of items) {
      const name = resolveLessonName(q);
      if (!name) throw new UsageError(text(`--lessons: no lesson "${q}". Lessons: ${listLessonNames().join(', ')}.`, `--lessons: "${q}" 레슨이 없습니다. 레슨 목록: ${listLessonNames().join(', ')}.`));
      names.add(name);
    }
  }
  if (names.size === 0) throw new UsageError(text('--lessons is empty.', '--lessons가 비어 있습니다.'));
  return [...names].sort().map(loadLesson);
}

/** The lessons named by `--lessons`, or every lesson of the course. */
export function lessonsOption(spec: string | undefined): Lesson[] {
  return spec ? parseLessonList(spec) : listLessonNames().map(loadLesson);
}
