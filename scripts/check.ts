/**
 * `npm run check <lesson> [-- --solution | --dir <path>] [--lang en|ko]`
 * Checks the learner's files for one lesson against its hidden checks.
 */
import fs from 'node:fs';
import path from 'node:path';
import { langOption, parseCommandArgs } from '../src/cli/args.ts';
import { runCommand } from '../src/cli/main.ts';
import { UsageError } from '../src/errors.ts';
import { pick, text } from '../src/i18n.ts';
import { findLesson, listLessonNames } from '../src/lessons.ts';
import { runLesson } from '../src/checks/run-lesson.ts';
import { renderHeader, renderScenario, renderSummary } from '../src/report/terminal.ts';
import { makeStyle } from '../src/report/style.ts';
import { progressFromResult, showOverview } from '../src/overview.ts';
import { recordCheck } from '../src/progress.ts';

const HELP = text(
  `Usage: npm run check [<lesson>] [-- options]

  <lesson>          lesson-03, 03, 3 or the slug (echo-stream);
                    without one: your progress over every lesson

Options:
  --solution        check the reference solution instead of your files
  --dir <path>      check the lesson's files in another folder
  --lang en|ko      language of the report (default: from LANG, else English)
  --help            show this help

Exit code: 0 every check passed, 1 a check failed, 2 the command was used wrongly.
Lessons: ${listLessonNames().join(', ')}`,
  `사용법: npm run check [<레슨>] [-- 옵션]

  <레슨>            lesson-03, 03, 3 또는 슬러그(echo-stream).
                    생략하면 모든 레슨의 진행 상황

옵션:
  --solution        내 파일 대신 참고 답안을 검사
  --dir <경로>      다른 폴더에 있는 레슨 파일을 검사
  --lang en|ko      보고서 언어(기본값: LANG 환경 변수, 없으면 영어)
  --help            이 도움말 보기

종료 코드: 0 모든 검사 통과, 1 검사 실패, 2 명령을 잘못 사용함.
레슨: ${listLessonNames().join(', ')}`,
);

await runCommand(async () => {
  const { values, positionals } = parseCommandArgs(process.argv.slice(2), {
    solution: { type: 'boolean' },
    dir: { type: 'string' },
    lang: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  const lang = langOption(values.lang);
  if (values.help) {
    process.stdout.write(`${pick(HELP, lang)}\n`);
    return 0;
  }
  const style = makeStyle();
  const out = (s: string) => process.stdout.write(s);
  if (positionals.length === 0) {
    if (values.solution || values.dir) {
      throw new UsageError(text(`Which lesson? For example: npm run check lesson-01 -- --solution\n\n${HELP.en}`, `어느 레슨인가요? 예: npm run check lesson-01 -- --solution\n\n${HELP.ko}`));
    }
    return showOverview(lang, style, out);
  }
  if (positionals.length > 1) {
    throw new UsageError(text(`One lesson at a time, please (got: ${positionals.join(' ')}).`, `한 번에 한 레슨만 검사합니다(받은 값: ${positionals.join(' ')}).`));
  }
  if (values.solution && values.dir) {
    throw new UsageError(text('Use either --solution or --dir, not both.', '--solution과 --dir 중 하나만 쓰세요.'));
  }
  const lesson = findLesson(positionals[0]!);
  const dir = values.solution ? lesson.solutionDir : values.dir ? path.resolve(values.dir) : lesson.dir;
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new UsageError(text(`Folder not found: ${dir}`, `폴더가 없습니다: ${dir}`));
  }
  const explained = new Set<string>();
  out(renderHeader({ lesson, dir }, { lang, style }));
  const result = await runLesson(lesson, dir, {
    lang,
    onScenario: (r) => out(renderScenario(r, { lesson }, { lang, style, explained })),
  });
  out(renderSummary(result, { lang, style }));
  if (dir === lesson.dir) recordCheck(lesson, progressFromResult(lesson, result)); // for the overview
  return result.status === 'pass' ? 0 : 1;
});
