/**
 * `npm run stress-timing [-- --times 20] [--lessons 5,7] [--busy 2]`: runs every scenario marked
 * `timing: true` against its lesson's solution, many times in a row, and prints how many
 * passed and how long it took; `--busy N` keeps N CPU-bound loops running meanwhile. The proof
 * that time-dependent checks hold on a busy machine; too slow for every `npm test`.
 */
import { performance } from 'node:perf_hooks';
import { parseCommandArgs } from '../src/cli/args.ts';
import { runCommand } from '../src/cli/main.ts';
import { listLessonNames, loadLesson, resolveLessonName } from '../src/lessons.ts';
import { loadScenarios, runLesson } from '../src/checks/run-lesson.ts';
import { startBusyLoops } from '../src/runner/busy-loops.ts';
import { UsageError } from '../src/errors.ts';
import { fill, text } from '../src/i18n.ts';

await runCommand(async () => {
  const { values } = parseCommandArgs(process.argv.slice(2), { times: { type: 'string' }, lessons: { type: 'string' }, busy: { type: 'string' } });
  const times = count(values.times ?? '20', '--times', 1);
  const busy = startBusyLoops(count(values.busy ?? '0', '--busy', 0));
  if (busy.count > 0) console.log(`${busy.count} busy loop(s) running meanwhile`);
  try {
    return await stress(times, names(values.lessons));
  } finally {
    busy.stop();
  }
});

/** A whole number of at least `min`, or a one-line answer saying what is wrong. */
function count(value: string, option: string, min: number): number {
  const n = Number(value);
  if (Number.isInteger(n) && n >= min && n <= 1000) return n;
  throw new UsageError(fill(text('{o} takes a whole number from {min} to 1000, not "{v}".', '{o}에는 {min}부터 1000까지의 정수를 주세요. "{v}"는 쓸 수 없습니다.'), { o: option, min, v: value }));
}

function names(lessons: string | undefined): string[] {
  return lessons ? lessons.split(',').map((q) => resolveLessonName(q)).filter((n): n is string => Boolean(n)) : listLessonNames();
}

async function stress(times: number, names: string[]): Promise<number> {
  let failures = 0;
  const started = performance.now();
  for (const name of names) {
    const lesson = loadLesson(name);
    const timing = (await loadScenarios(lesson)).filter((s) => s.timing).map((s) => s.id);
    if (timing.length === 0) continue;
    const t0 = performance.now();
    const failed = new Map<string, number>();
    for (let i = 0; i < times; i++) {
      const r = await runLesson(lesson, lesson.solutionDir, { lang: 'en', only: (s) => Boolean(s.timing) });
      for (const s of r.scenarios.filter((x) => x.status === 'fail')) {
        failed.set(`${s.id} (${s.failure!.reason})`, (failed.get(`${s.id} (${s.failure!.reason})`) ?? 0) + 1);
        failures++;
      }
    }
    const secs = ((performance.now() - t0) / 1000).toFixed(1);
    const verdict = failed.size === 0 ? `all ${times * timing.length} runs passed` : [...failed].map(([k, n]) => `${k} failed ${n}×`).join('; ');
    console.log(`${name}: ${timing.length} timing scenario(s) × ${times}: ${verdict} — ${secs} s`);
  }
  console.log(`\n${failures === 0 ? 'No failure' : `${failures} failure(s)`} in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  return failures === 0 ? 0 : 1;
}
