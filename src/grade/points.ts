/**
 * How a lesson result becomes points: each lesson is worth 10. Every check passing gives all
 * 10; otherwise each passing check earns its share (rounded down), so 7 of 10 checks give 7.
 * Checks skipped for a missing tool (Python, Java) do not count either way. A lesson not
 * submitted, with a missing file, or that does not compile, earns 0.
 */
import type { LessonResult } from '../checks/run-lesson.ts';

export const POINTS_PER_LESSON = 10;

export function pointsFor(result: LessonResult): number {
  if (result.status === 'pass') return POINTS_PER_LESSON;
  if (result.status !== 'fail') return 0;
  const counted = result.scenarios.filter((s) => s.status !== 'skip');
  const passed = counted.filter((s) => s.status === 'pass').length;
  return counted.length ? Math.floor((POINTS_PER_LESSON * passed) / counted.length) : 0;
}
