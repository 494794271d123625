/**
 * One record per (student, lesson), written the moment that lesson is graded. A record is
 * written to a temporary name and renamed, so an interrupted run never leaves half a record;
 * `--resume` skips every (student, lesson) that already has one.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Text } from '../i18n.ts';
import { studentFileName } from './names.ts';

/**
 * `refused`: the lesson folder is a link that leaves the student's folder; `checker-error`:
 * grading this pair failed in the course's own code (recorded, and the run goes on).
 */
export type GradeStatus = 'pass' | 'fail' | 'not-submitted' | 'missing-files' | 'compile-error' | 'refused' | 'checker-error';

export interface ScenarioRecord {
  id: string;
  title: Text;
  status: 'pass' | 'fail' | 'skip';
  reason?: string;
  summary?: Text;
  ms: number;
}

export interface LessonRecord {
  student: string;
  lesson: string;
  status: GradeStatus;
  points: number;
  maxPoints: number;
  scenarios: ScenarioRecord[];
  /** The feedback section for this lesson, as Markdown, in both languages. */
  feedback: Text;
  /** The same report as an HTML fragment, the exchanges drawn as SVG (Gradescope's `html` output). */
  feedbackHtml?: Text;
  ms: number;
}

export class RecordStore {
  constructor(readonly dir: string) {}

  private file(student: string, lesson: string): string {
    return path.join(this.dir, studentFileName(student), `${lesson}.json`);
  }

  has(student: string, lesson: string): boolean {
    return fs.existsSync(this.file(student, lesson));
  }

  read(student: string, lesson: string): LessonRecord | undefined {
    try {
      return JSON.parse(fs.readFileSync(this.file(student, lesson), 'utf8')) as LessonRecord;
    } catch {
      return undefined;
    }
  }

  write(record: LessonRecord): void {
    const file = this.file(record.student, record.lesson);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(record, null, 1));
    fs.renameSync(tmp, file);
  }

  clear(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
