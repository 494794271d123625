import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The course checkout this engine belongs to (never a student's copy). */
export const COURSE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const LESSONS_DIR = path.join(COURSE_ROOT, 'lessons');
export const SOLUTIONS_DIR = path.join(COURSE_ROOT, 'solutions');
/** Local, untracked state (progress, hint counters, backups). */
export const STATE_DIR = path.join(COURSE_ROOT, '.course');
