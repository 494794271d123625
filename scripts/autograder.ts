/**
 * `npm run autograder -- [--lessons 1-5] [--out autograder.zip] [--lang en|ko] [--visibility …] [--deadline s]`
 * Writes the Gradescope autograder for the chosen lessons; see README, "Grading a class".
 */
import fs from 'node:fs';
import path from 'node:path';
import { langOption, parseCommandArgs } from '../src/cli/args.ts';
import { runCommand } from '../src/cli/main.ts';
import { UsageError } from '../src/errors.ts';
import { fill, pick, text } from '../src/i18n.ts';
import { autograderZip } from '../src/grade/autograder-package.ts';
import { VISIBILITIES, type Visibility } from '../src/grade/gradescope-spec.ts';
import { lessonsOption } from '../src/grade/lesson-list.ts';

const HELP = text(
  `Usage: npm run autograder -- [options]

Writes autograder.zip for a Gradescope programming assignment: upload it as the assignment's
autograder (base image: Ubuntu). Each submission is graded with this checkout's checks.

Options:
  --lessons <list>     lessons to grade, e.g. 1-5,8 (default: all)
  --out <file>         where to write the zip (default: ./autograder.zip)
  --lang en|ko         language of the feedback students see (default: from LANG, else English)
  --visibility <when>  when students see the tests: visible (default), after_due_date,
                       after_published or hidden
  --deadline <s>       the run's own time limit in seconds (default: 540); keep it below the
                       assignment's Gradescope timeout, so a slow run still reports
  --help               show this help`,
  `사용법: npm run autograder -- [옵션]

Gradescope 프로그래밍 과제용 autograder.zip을 만듭니다. 과제의 자동 채점기로 올리세요(기본 이미지: Ubuntu).
제출물마다 이 체크아웃의 검사로 채점합니다.

옵션:
  --lessons <목록>     채점할 레슨, 예: 1-5,8 (기본값: 전부)
  --out <파일>         zip을 쓸 곳 (기본값: ./autograder.zip)
  --lang en|ko         학생이 볼 피드백 언어 (기본값: LANG 환경 변수, 없으면 영어)
  --visibility <시점>  학생이 테스트 결과를 보는 시점: visible(기본값), after_due_date,
                       after_published, hidden
  --deadline <초>      채점 한 번의 자체 시간 제한(초, 기본값: 540). 과제의 Gradescope 제한보다
                       짧게 두어야 느린 채점도 결과를 남깁니다
  --help               이 도움말 보기`,
);

await runCommand(async () => {
  const { values, positionals } = parseCommandArgs(process.argv.slice(2), {
    lessons: { type: 'string' },
    out: { type: 'string' },
    lang: { type: 'string' },
    visibility: { type: 'string' },
    deadline: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  const lang = langOption(values.lang);
  if (values.help) {
    process.stdout.write(`${pick(HELP, lang)}\n`);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(text(`Unexpected argument: ${positionals[0]}. Lessons go in --lessons.`, `알 수 없는 인자: ${positionals[0]}. 레슨은 --lessons로 주세요.`));
  const visibility = (values.visibility ?? 'visible') as Visibility;
  if (!VISIBILITIES.includes(visibility)) throw new UsageError(text(`--visibility must be one of ${VISIBILITIES.join(', ')}.`, `--visibility는 ${VISIBILITIES.join(', ')} 중 하나여야 합니다.`));
  const deadlineSeconds = values.deadline === undefined ? 540 : Number(values.deadline);
  if (!Number.isInteger(deadlineSeconds) || deadlineSeconds < 1) throw new UsageError(text(`--deadline must be a whole number of seconds, not "${values.deadline}".`, `--deadline은 초 단위 정수여야 합니다("${values.deadline}"는 안 됩니다).`));
  const lessons = lessonsOption(values.lessons);
  const out = path.resolve(values.out ?? 'autograder.zip');
  const zip = autograderZip(lessons, { lessons: lessons.map((l) => l.name), lang, visibility, deadlineSeconds });
  fs.writeFileSync(out, zip);
  const size = `${(zip.length / 1024).toFixed(0)} KiB`;
  process.stdout.write(
    fill(
      text('Wrote {out} ({size}; lessons {list}). Upload it as the Gradescope assignment\'s autograder; see README, "Grading a class".', '{out}을(를) 썼습니다({size}, 레슨 {list}). Gradescope 과제의 자동 채점기로 올리세요. README의 "한 반 채점하기" 참고.'),
      { out: path.relative(process.cwd(), out) || out, size, list: lessons.map((l) => l.manifest.id).join(', ') },
    )[lang] + '\n',
  );
  return 0;
});
