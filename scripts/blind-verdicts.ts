/**
 * `npm run blind-verdicts -- [<root>] [--lessons 4,5]`: how the checks judge programs written
 * from a lesson's README alone (blind variants). `<root>` holds `lesson-NN-slug/<program>/` folders,
 * each with the lesson's files and an `about.json` (`verdict`: "pass" or "fail"); by default the
 * blind variants kept with the lessons (`lessons/*\/.checks/blind/`). Prints, per program, the
 * verdict it should get and the one it got, and per lesson how many the checks got wrong: the
 * figure the course reports for "a wrong program never passes, a right one never fails".
 */
import path from 'node:path';
import { parseCommandArgs } from '../src/cli/args.ts';
import { runCommand } from '../src/cli/main.ts';
import { listLessonNames, loadLesson, resolveLessonName } from '../src/lessons.ts';
import { runLesson } from '../src/checks/run-lesson.ts';
import { blindPrograms } from '../test/support/blind.ts';

await runCommand(async () => {
  const { values, positionals } = parseCommandArgs(process.argv.slice(2), { lessons: { type: 'string' } });
  const root = positionals[0] ? path.resolve(positionals[0]) : undefined;
  const wanted = values.lessons ? values.lessons.split(',').map((q) => resolveLessonName(q)) : listLessonNames();
  let wrongTotal = 0;
  let total = 0;
  for (const name of wanted) {
    if (!name) continue;
    const lesson = loadLesson(name);
    const programs = blindPrograms(lesson, root);
    if (programs.length === 0) continue;
    let wrong = 0;
    for (const p of programs) {
      const r = await runLesson(lesson, p.dir, { lang: 'en' });
      const got = r.status === 'pass' ? 'pass' : 'fail';
      const reasons = [...new Set(r.scenarios.filter((s) => s.status === 'fail').map((s) => s.failure!.reason))].join(', ') || r.status;
      const right = got === p.verdict;
      if (!right) wrong++;
      process.stdout.write(`${right ? 'ok   ' : 'WRONG'} ${name} ${p.name.padEnd(36)} should ${p.verdict}, got ${got}${got === 'fail' ? ` (${reasons})` : ''}\n`);
    }
    process.stdout.write(`${name}: the checks got ${wrong} of ${programs.length} wrong\n\n`);
    wrongTotal += wrong;
    total += programs.length;
  }
  process.stdout.write(`all: ${wrongTotal} of ${total} wrong\n`);
  return wrongTotal === 0 ? 0 : 1;
});

