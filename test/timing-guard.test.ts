/**
 * Timing scenarios run beside the others and are guarded instead of serialised
 * (src/checks/run-lesson.ts): one that failed beside another scenario, or during which the
 * checker's own event loop lagged, is run again alone, once, and the report says so; one that
 * failed alone, on time, is not run again.
 */
import path from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import { ScenarioGate } from '../src/checks/gate.ts';
import { runLesson, type LessonResult } from '../src/checks/run-lesson.ts';
import { loadLesson } from '../src/lessons.ts';
import { COURSE_ROOT } from '../src/paths.ts';

const base = loadLesson('lesson-01-hello-tcp');
const lesson = { ...base, checksFile: path.join(COURSE_ROOT, 'test', 'fixtures', 'rerun', 'checks.ts') };
const seen = () => (globalThis as Record<string, unknown>).timingGuardSeen as { runs: Map<string, number> };

beforeEach(() => seen()?.runs.clear());

const byId = (r: LessonResult, id: string) => r.scenarios.find((s) => s.id === id)!;
const figures = (r: LessonResult, id: string) => (byId(r, id).figures ?? []).map((f) => f.en).join('\n');

test('a timing check that failed beside others, or while the checker lagged, is run again alone; the report says which', async () => {
  const r = await runLesson(lesson, base.solutionDir, { concurrency: 2 });
  const runs = seen().runs;

  expect(byId(r, 'fails-beside-others').status).toBe('pass');
  expect(runs.get('fails-beside-others')).toBe(2);
  expect(figures(r, 'fails-beside-others')).toContain('run again alone');

  expect(byId(r, 'always-fails').status).toBe('fail'); // the second run's verdict
  expect(runs.get('always-fails')).toBe(2);

  expect(byId(r, 'lags').status).toBe('pass');
  expect(runs.get('lags')).toBe(2);
  expect(figures(r, 'lags')).toMatch(/the checker itself lagged \d+ ms/);

  expect(runs.get('waits')).toBe(1); // not a timing check: never run again
  expect(figures(r, 'waits')).toBe('');
  expect(r.scenarios.map((s) => s.id)).toEqual(['fails-beside-others', 'waits', 'always-fails', 'lags']); // the lesson's order
});

test('a timing check that failed alone, without lag, keeps its verdict and runs once', async () => {
  const r = await runLesson(lesson, base.solutionDir, { concurrency: 2, only: (s) => s.id === 'always-fails' });
  expect(byId(r, 'always-fails').status).toBe('fail');
  expect(seen().runs.get('always-fails')).toBe(1);
  expect(figures(r, 'always-fails')).toBe('');
});

describe('the scenario gate', () => {
  const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

  test('holds shared runs to its cap, and runs an exclusive one with nothing beside it', async () => {
    const gate = new ScenarioGate(2);
    let now = 0;
    let most = 0;
    const log: string[] = [];
    const shared = (name: string) =>
      gate.run(async () => {
        most = Math.max(most, ++now);
        await tick(30);
        log.push(name);
        now--;
      });
    const alone = () =>
      gate.runAlone(async () => {
        log.push(`alone with ${gate.inFlight - 1} beside`);
      });
    await Promise.all([shared('a'), shared('b'), alone(), shared('c'), shared('d')]);
    expect(most).toBe(2);
    // a and b were in before it; c and d, queued behind it, start only once it is done.
    expect(log).toEqual(['a', 'b', 'alone with 0 beside', 'c', 'd']);
  });
});
