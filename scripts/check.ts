/**
 * `npm run check <lesson> [-- --solution | --dir <path>] [--only <id>] [--bail] [--lang en|ko]`
 * Checks the learner's files for one lesson against its hidden checks, and type-checks them
 * at the same time (type errors are warnings).
 */
import fs from 'node:fs';
import path from 'node:path';
import { langOption, parseCommandArgs } from '../src/cli/args.ts';
import { runCommand } from '../src/cli/main.ts';
import { UsageError } from '../src/errors.ts';
import { fill, pick, text } from '../src/i18n.ts';
import { SOLUTIONS_DIR } from '../src/paths.ts';
import { findLesson, listLessonNames, type Lesson } from '../src/lessons.ts';
import { loadScenarios, runLesson } from '../src/checks/run-lesson.ts';
import { typeCheckLessonFiles } from '../src/checks/typecheck.ts';
import { renderLessonHtml } from '../src/report/html.ts';
import { renderHeader, renderScenario, renderSummary, renderTypeWarnings } from '../src/report/terminal.ts';
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
  --only <id>       run only the check with this id (the ids are listed on a wrong id)
  --bail            stop at the first failing check
  --seed <n>        replay the generated exchanges of an earlier run (its report names the seed)
  --html <file>     also write the report as an HTML page, the exchanges drawn as diagrams
  --lang en|ko      language of the report (default: from LANG, else English)
  --help            show this help

Put options after "--", or npm keeps them:  npm run check lesson-03 -- --bail

Exit code: 0 every check passed, 1 a check failed, 2 the command was used wrongly.
Lessons: ${listLessonNames().join(', ')}`,
  `사용법: npm run check [<레슨>] [-- 옵션]

  <레슨>            lesson-03, 03, 3 또는 슬러그(echo-stream).
                    생략하면 모든 레슨의 진행 상황

옵션:
  --solution        내 파일 대신 참고 답안을 검사
  --dir <경로>      다른 폴더에 있는 레슨 파일을 검사
  --only <id>       이 id의 검사만 실행(틀린 id를 주면 id 목록을 보여 줌)
  --bail            처음 실패한 검사에서 멈춤
  --seed <n>        이전 실행에서 만들어 낸 주고받기를 다시 실행(보고서에 시드가 나옴)
  --html <파일>     보고서를 주고받은 내용의 다이어그램이 든 HTML 페이지로도 저장
  --lang en|ko      보고서 언어(기본값: LANG 환경 변수, 없으면 영어)
  --help            이 도움말 보기

옵션은 "--" 뒤에 쓰세요. 앞에 쓰면 npm이 가져갑니다:  npm run check lesson-03 -- --bail

종료 코드: 0 모든 검사 통과, 1 검사 실패, 2 명령을 잘못 사용함.
레슨: ${listLessonNames().join(', ')}`,
);

await runCommand(async () => {
  const { values, positionals } = parseCommandArgs(process.argv.slice(2), {
    solution: { type: 'boolean' },
    dir: { type: 'string' },
    only: { type: 'string' },
    bail: { type: 'boolean' },
    seed: { type: 'string' },
    html: { type: 'string' },
    lang: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  const seed = seedOption(values.seed);
  const lang = langOption(values.lang);
  if (values.help) {
    process.stdout.write(`${pick(HELP, lang)}\n`);
    return 0;
  }
  const style = makeStyle();
  const out = (s: string) => process.stdout.write(s);
  if (positionals.length === 0) {
    if (values.solution || values.dir || values.only || values.bail || values.html) {
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
  if (values.solution && !fs.existsSync(SOLUTIONS_DIR)) {
    // A copy of the course published without its solutions (npm run template).
    throw new UsageError(
      text(
        `The reference solutions are not included in this copy of the course: your instructor keeps them. Check your own files with: npm run check ${lesson.name.slice(0, 'lesson-NN'.length)}`,
        `이 코스 사본에는 참고 답안이 들어 있지 않습니다. 답안은 강사가 가지고 있습니다. 내 파일은 이렇게 검사하세요: npm run check ${lesson.name.slice(0, 'lesson-NN'.length)}`,
      ),
    );
  }
  const dir = values.solution ? lesson.solutionDir : values.dir ? path.resolve(values.dir) : lesson.dir;
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new UsageError(text(`Folder not found: ${dir}`, `폴더가 없습니다: ${dir}`));
  }
  const only = values.only === undefined ? undefined : await onlyScenario(lesson, values.only);
  const ownFiles = dir === lesson.dir;
  const explained = new Set<string>();
  out(renderHeader({ lesson, dir }, { lang, style }));
  const types = typeCheckLessonFiles(dir, lesson.manifest.files.filter((f) => fs.existsSync(path.join(dir, f)))); // meanwhile
  const result = await runLesson(lesson, dir, {
    lang,
    only: only === undefined ? undefined : (s) => s.id === only,
    bail: values.bail,
    seed,
    onScenario: (r) => out(renderScenario(r, { lesson }, { lang, style, explained })),
  });
  out(renderSummary(result, { lang, style, ownFiles, partial: only !== undefined }));
  if (values.html) {
    fs.writeFileSync(path.resolve(values.html), renderLessonHtml(result, { lang }));
    out(`${fill(text('Report written to {file}, with the exchanges drawn.', '주고받은 내용을 그림으로 넣은 보고서를 {file}에 저장했습니다.'), { file: values.html })[lang]}\n`);
  }
  if (result.notRun) out(`${fill(text('Stopped at the first failure (--bail): {n} more not run.', '첫 실패에서 멈췄습니다(--bail). 검사 {n}개는 실행하지 않았습니다.'), { n: result.notRun })[lang]}\n`);
  if (result.status === 'pass' || result.status === 'fail') out(renderTypeWarnings(await types, { lang, style }));
  // A run of some of the checks says nothing about the lesson as a whole: not recorded.
  if (ownFiles && !only && !values.bail) recordCheck(lesson, progressFromResult(lesson, result)); // for the overview
  return result.status === 'pass' ? 0 : 1;
});

/** `--seed 12345` → 12345; anything but a whole number ≥ 0 is a usage error. */
function seedOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) {
    throw new UsageError(text(`--seed must be a whole number, as the report gave it (not "${value}").`, `--seed는 보고서에 나온 대로 정수여야 합니다("${value}"는 안 됩니다).`));
  }
  return n;
}

/** The scenario `--only` names, or a usage error listing the lesson's scenario ids. */
async function onlyScenario(lesson: Lesson, id: string): Promise<string> {
  const ids = (await loadScenarios(lesson)).map((s) => s.id);
  if (ids.includes(id)) return id;
  const list = ids.map((x) => `  ${x}`).join('\n');
  throw new UsageError(text(`${lesson.name} has no check "${id}". Its checks:\n${list}`, `${lesson.name}에는 "${id}" 검사가 없습니다. 검사 목록:\n${list}`));
}
