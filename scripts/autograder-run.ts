/**
 * `node --import tsx scripts/autograder-run.ts [--root /autograder]`: what `run_autograder`
 * calls in Gradescope's container. Grades `<root>/submission` into `<root>/results/results.json`.
 * Not a learner's or an instructor's command: `npm run autograder` bundles it.
 */
import path from 'node:path';
import { parseCommandArgs } from '../src/cli/args.ts';
import { runCommand } from '../src/cli/main.ts';
import { COURSE_ROOT } from '../src/paths.ts';
import { readConfig, runAutograder } from '../src/grade/autograder-run.ts';

await runCommand(async () => {
  const { values } = parseCommandArgs(process.argv.slice(2), { root: { type: 'string' } });
  const root = path.resolve(values.root ?? process.env.AUTOGRADER_ROOT ?? '/autograder');
  const results = await runAutograder({ root, config: readConfig(COURSE_ROOT) });
  process.stdout.write(`results.json: ${results.score} points, ${results.tests?.length ?? 0} tests\n`);
  // Whatever an unfinished lesson left running is ended by the exit handlers.
  process.exit(0);
});
