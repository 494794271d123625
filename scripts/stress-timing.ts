/**
 * `npm run stress-timing [-- --times 20] [--lessons 5,7]`: runs every scenario marked
 * `timing: true` against its lesson's solution, many times in a row, and prints how many
 * passed and how long it took. The proof that time-dependent checks hold on a busy machine;
 * a self-test mode, too slow for every `npm test`.
 */
import { performance } from 'node:perf_hooks';
import { parseCommandArgs } from '../src/cli/args.ts';
import { runCommand } from '../src/cli/main.ts';
import { listLessonNames, loadLesson, resolveLessonName } from '../src/lessons.ts';
import { loadScenarios, runLesson } from '../src/checks/run-lesson.ts';

await runCommand(async () => {
  const { values } = parseCommandArgs(process.argv.slice(2), { times: { type: 'string' }, lessons: { type: 'string' } });
  const times = Number(values.times ?? 20);
  const names = values.lessons ? values.lessons.split(',').map((q) => resolveLessonName(q)).filter((n): n is string => Boolean(n)) : listLessonNames();
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
});
