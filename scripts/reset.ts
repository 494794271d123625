/**
 * `npm run reset <lesson> [-- --yes]`: puts the lesson's starter files back, after asking, and
 * keeps a backup of the learner's files first (the command says where). The starter is the
 * version committed in the course's git history, so nothing else has to be kept around.
 */
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline/promises';
import { langOption, parseCommandArgs } from '../src/cli/args.ts';
import { runCommand } from '../src/cli/main.ts';
import { UsageError } from '../src/errors.ts';
import { fill, pick, text } from '../src/i18n.ts';
import { findLesson } from '../src/lessons.ts';
import { COURSE_ROOT, STATE_DIR } from '../src/paths.ts';
import { readState, writeState } from '../src/progress.ts';
import { committedVersion } from '../src/starter.ts';

function starterOf(file: string): Buffer {
  const found = committedVersion(file);
  if (found) return found;
  const rel = path.relative(COURSE_ROOT, file).split(path.sep).join('/');
  throw new UsageError(
    text(`Cannot find the starter version of ${rel} in git. Is this folder a git clone of the course?`, `git에서 ${rel}의 시작 버전을 찾을 수 없습니다. 이 폴더가 코스를 git으로 복제한 것인가요?`),
  );
}

/** Starting over includes the hints: the next `npm run hint` shows the first one again. */
function resetHints(lessonName: string): boolean {
  const state = readState();
  if (!state.hintsShown[lessonName]) return false;
  delete state.hintsShown[lessonName];
  writeState(state);
  return true;
}

await runCommand(async () => {
  const { values, positionals } = parseCommandArgs(process.argv.slice(2), {
    yes: { type: 'boolean', short: 'y' },
    lang: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  const lang = langOption(values.lang);
  const usage = text('Usage: npm run reset <lesson> [-- --yes]   (e.g. npm run reset lesson-01)', '사용법: npm run reset <레슨> [-- --yes]   (예: npm run reset lesson-01)');
  if (values.help) {
    process.stdout.write(`${pick(usage, lang)}\n`);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(usage);
  const lesson = findLesson(positionals[0]!);
  const changed = lesson.manifest.files.filter((f) => {
    const p = path.join(lesson.dir, f);
    return !fs.existsSync(p) || !fs.readFileSync(p).equals(starterOf(p));
  });
  if (changed.length === 0) {
    process.stdout.write(`${fill(text('Nothing to reset: the files of {lesson} are the starter files.', '되돌릴 것이 없습니다. {lesson}의 파일은 시작 파일 그대로입니다.'), { lesson: lesson.name })[lang]}\n`);
    if (resetHints(lesson.name)) process.stdout.write(`${pick(text('The hints start again from the first.', '힌트는 처음부터 다시 보여 줍니다.'), lang)}\n`);
    return 0;
  }
  if (!values.yes) {
    if (!process.stdin.isTTY) {
      const again = `npm run reset ${positionals[0]} -- --yes`;
      throw new UsageError(text(`No terminal to ask for confirmation. To reset without asking: ${again}`, `확인을 물을 터미널이 없습니다. 묻지 않고 되돌리려면: ${again}`));
    }
    const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
    const question = fill(text('Restore the starter files of {lesson} ({files})? Your files are backed up first. [y/N] ', '{lesson}의 시작 파일({files})을 되돌릴까요? 지금 파일은 먼저 백업합니다. [y/N] '), { lesson: lesson.name, files: changed.join(', ') })[lang];
    const answer = (await rl.question(question)).trim().toLowerCase();
    rl.close();
    if (answer !== 'y' && answer !== 'yes' && answer !== '예' && answer !== 'ㅛ') {
      process.stdout.write(`${pick(text('Nothing changed.', '아무것도 바꾸지 않았습니다.'), lang)}\n`);
      return 0;
    }
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const backup = path.join(STATE_DIR, 'backups', `${lesson.name}-${stamp}`);
  fs.mkdirSync(backup, { recursive: true });
  for (const f of changed) {
    const p = path.join(lesson.dir, f);
    if (fs.existsSync(p)) fs.copyFileSync(p, path.join(backup, f));
    fs.writeFileSync(p, starterOf(p));
  }
  const where = path.relative(process.cwd(), backup) || backup;
  process.stdout.write(`${fill(text('Restored {files} of {lesson}. Your files are in {where}.', '{lesson}의 {files}을(를) 되돌렸습니다. 이전 파일은 {where}에 있습니다.'), { files: changed.join(', '), lesson: lesson.name, where })[lang]}\n`);
  if (resetHints(lesson.name)) process.stdout.write(`${pick(text('The hints start again from the first.', '힌트는 처음부터 다시 보여 줍니다.'), lang)}\n`);
  return 0;
});
