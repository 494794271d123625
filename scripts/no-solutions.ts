/**
 * Loaded before `npm run check` in a copy of the course published without its solutions
 * (`npm run template`): there, `--solution` says the solutions are not included, instead of
 * "Folder not found" for a folder the learner was never meant to have.
 */
import fs from 'node:fs';
import { langFromArgv } from '../src/cli/args.ts';
import { detectLang, pick, text } from '../src/i18n.ts';
import { SOLUTIONS_DIR } from '../src/paths.ts';

const argv = process.argv.slice(2);
// npm keeps `--solution` typed before `--` for itself: the check command honours it, so here too.
const asked = argv.includes('--solution') || (process.env.npm_lifecycle_event === 'check' && process.env.npm_config_solution === 'true');
if (asked && !fs.existsSync(SOLUTIONS_DIR)) {
  const lesson = argv.find((a) => !a.startsWith('-')) ?? 'lesson-01';
  const message = text(
    `The reference solutions are not included in this copy of the course: your instructor keeps them. Check your own files with: npm run check ${lesson}`,
    `이 코스 사본에는 참고 답안이 들어 있지 않습니다. 답안은 강사가 가지고 있습니다. 내 파일은 이렇게 검사하세요: npm run check ${lesson}`,
  );
  process.stderr.write(`${pick(message, detectLang(langFromArgv(argv)))}\n`);
  process.exit(2);
}
