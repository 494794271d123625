/**
 * The recorded runs the site draws: each lesson's reference solution run through its checks,
 * exactly as `npm run check <lesson> -- --solution` runs it. A run is kept in the build folder
 * with a fingerprint of everything it depends on (the lesson, its solution, the engine), so a
 * second build reuses it and any change to those files runs it again.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Text } from '../i18n.ts';
import type { Lesson } from '../lessons.ts';
import { COURSE_ROOT } from '../paths.ts';
import type { TranscriptEvent } from '../peers/transcript.ts';
import { runLesson } from '../checks/run-lesson.ts';

/** A transcript as the site needs it: the lanes and the events, nothing that runs. */
export interface RecordedTranscript {
  left: Text;
  right: Text;
  events: TranscriptEvent[];
}

export interface RecordedScenario {
  id: string;
  title: Text;
  status: 'pass' | 'fail' | 'skip';
  skipReason?: Text;
  transcripts: RecordedTranscript[];
}

export interface RecordedRun {
  lesson: string;
  fingerprint: string;
  scenarios: RecordedScenario[];
}

/** Every file under `dir`, sorted, so that the fingerprint does not depend on the order a disk lists them. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.join(d.parentPath, d.name))
    .sort();
}

/** The engine that runs a check: all of src/ but the parts that only draw or publish its results. */
function engineFiles(): string[] {
  const src = path.join(COURSE_ROOT, 'src');
  const drawing = [path.join(src, 'site'), path.join(src, 'report')];
  return filesUnder(src).filter((f) => !drawing.some((d) => f.startsWith(d + path.sep)));
}

export function fingerprint(lesson: Lesson): string {
  const hash = crypto.createHash('sha256');
  for (const file of [...filesUnder(lesson.dir), ...filesUnder(lesson.solutionDir), ...engineFiles()]) {
    hash.update(path.relative(COURSE_ROOT, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

/** Buffers become `{ base64 }` on disk and Buffers again when read back. */
function toJson(run: RecordedRun): string {
  return JSON.stringify(run, (_, v: unknown) => (v && typeof v === 'object' && (v as { type?: string }).type === 'Buffer' && Array.isArray((v as { data?: unknown }).data) ? { base64: Buffer.from((v as { data: number[] }).data).toString('base64') } : v));
}

function fromJson(json: string): RecordedRun {
  return JSON.parse(json, (_, v: unknown) => (v && typeof v === 'object' && typeof (v as { base64?: unknown }).base64 === 'string' ? Buffer.from((v as { base64: string }).base64, 'base64') : v)) as RecordedRun;
}

async function runSolution(lesson: Lesson, print: string): Promise<RecordedRun> {
  const result = await runLesson(lesson, lesson.solutionDir, { lang: 'en', concurrency: 2 });
  if (result.status !== 'pass') {
    const failed = result.scenarios.filter((s) => s.status === 'fail').map((s) => s.id);
    // The pictures still show what happened; npm test is where a failing solution fails the course.
    console.warn(`warning: the reference solution of ${lesson.name} did not pass (${result.status}${failed.length ? `: ${failed.join(', ')}` : ''})`);
  }
  return {
    lesson: lesson.name,
    fingerprint: print,
    scenarios: result.scenarios.map((s) => ({
      id: s.id,
      title: s.title,
      status: s.status,
      skipReason: s.skipReason,
      transcripts: s.transcripts.map((t) => ({ left: t.left, right: t.right, events: t.events })),
    })),
  };
}

/** The lesson's recorded run: from the cache when nothing it depends on has changed, else run now. */
export async function recordedRun(lesson: Lesson, cacheDir: string): Promise<{ run: RecordedRun; cached: boolean }> {
  const print = fingerprint(lesson);
  const file = path.join(cacheDir, `${lesson.name}.json`);
  if (fs.existsSync(file)) {
    const old = fromJson(fs.readFileSync(file, 'utf8'));
    if (old.fingerprint === print) return { run: old, cached: true };
  }
  const run = await runSolution(lesson, print);
  fs.mkdirSync(cacheDir, { recursive: true });
  fs.writeFileSync(file, toJson(run));
  return { run, cached: false };
}
