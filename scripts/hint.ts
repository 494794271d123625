/**
 * `npm run hint <lesson> [-- --all] [--lang en|ko]`: the lesson's next hint each time, from a
 * nudge to nearly the answer; `--all` shows every hint. What was shown is remembered.
 */
import { langOption, parseCommandArgs } from '../src/cli/args.ts';
import { runCommand } from '../src/cli/main.ts';
import { UsageError } from '../src/errors.ts';
import { fill, pick, text } from '../src/i18n.ts';
import { findLesson } from '../src/lessons.ts';
import { readState, writeState } from '../src/progress.ts';
import { makeStyle } from '../src/report/style.ts';

await runCommand(async () => {
  const { values, positionals } = parseCommandArgs(process.argv.slice(2), {
    all: { type: 'boolean' },
    lang: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  const lang = langOption(values.lang);
  if (values.help || positionals.length !== 1) {
    const usage = text('Usage: npm run hint <lesson> [-- --all]   (e.g. npm run hint lesson-01)', '사용법: npm run hint <레슨> [-- --all]   (예: npm run hint lesson-01)');
    if (values.help) {
      process.stdout.write(`${pick(usage, lang)}\n`);
      return 0;
    }
    throw new UsageError(usage);
  }
  const lesson = findLesson(positionals[0]!);
  const hints = lesson.manifest.hints;
  const state = readState();
  const shown = state.hintsShown[lesson.name] ?? 0;
  const s = makeStyle();
  const show = (i: number) => process.stdout.write(`${s.bold(fill(text('Hint {n} of {total}', '힌트 {n}/{total}'), { n: i + 1, total: hints.length })[lang])}: ${pick(hints[i]!, lang)}\n`);
  if (values.all) {
    hints.forEach((_, i) => show(i));
    state.hintsShown[lesson.name] = hints.length;
  } else if (shown >= hints.length) {
    process.stdout.write(
      `${fill(text('No more hints: all {total} of {lesson} have been shown. See them again with: npm run hint {id} -- --all', '더 이상 힌트가 없습니다. {lesson}의 힌트 {total}개를 모두 보았습니다. 다시 보려면: npm run hint {id} -- --all'), { total: hints.length, lesson: lesson.name, id: `lesson-${lesson.manifest.id}` })[lang]}\n`,
    );
    return 0;
  } else {
    show(shown);
    state.hintsShown[lesson.name] = shown + 1;
    if (shown + 1 < hints.length) process.stdout.write(`${s.dim(pick(text('Run the command again for the next hint.', '다음 힌트를 보려면 명령을 다시 실행하세요.'), lang))}\n`);
  }
  writeState(state);
  return 0;
});
