/**
 * `npm run template -- <dir> [--with-solutions]`: writes the repository an instructor publishes
 * for students (a GitHub template, a Classroom starter): the course with its hidden checks —
 * learners need them to check — but without `solutions/`, the self-tests that need them and
 * the instructors' own commands; with the CI workflow (.github/workflows/check.yml) and a
 * README that speaks to students. Solutions go in only with --with-solutions.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { langOption, parseCommandArgs } from '../src/cli/args.ts';
import { runCommand } from '../src/cli/main.ts';
import { UsageError } from '../src/errors.ts';
import { fill, pick, text, type Lang } from '../src/i18n.ts';
import { COURSE_ROOT } from '../src/paths.ts';

const HELP = text(
  `Usage: npm run template -- <dir> [--with-solutions]

Writes the course as students get it into <dir> (new or empty): the lessons and their checks,
the CI workflow and a README for students; no solutions/, no self-tests that need them, no
instructor commands. Push <dir> as the assignment's template repository.

Options:
  --with-solutions  include solutions/ and every self-test (students can then read the answers)
  --lang en|ko      language of this command's messages
  --help            show this help`,
  `사용법: npm run template -- <폴더> [--with-solutions]

학생이 받을 코스를 <폴더>(새 폴더나 빈 폴더)에 씁니다. 레슨과 검사, CI 워크플로, 학생용 README가
들어가고, solutions/, 답안이 필요한 자체 테스트, 강사용 명령은 빠집니다. <폴더>를 과제의 템플릿
저장소로 push하세요.

옵션:
  --with-solutions  solutions/와 모든 자체 테스트를 넣음(학생이 답안을 볼 수 있게 됨)
  --lang en|ko      이 명령이 쓰는 메시지 언어
  --help            이 도움말 보기`,
);

/** Instructors' commands: meaningless, or wrong, in a student's copy. */
const INSTRUCTOR_SCRIPTS = ['bench', 'stress-timing', 'autograder', 'template', 'blind-verdicts'];
const INSTRUCTOR_FILES = new Set(['scripts/bench.ts', 'scripts/stress-timing.ts', 'scripts/autograder.ts', 'scripts/autograder-run.ts', 'scripts/template.ts', 'scripts/blind-verdicts.ts']);
const WORKFLOW = 'docs/github-actions/check.yml';

/** The checkout's files as git sees them (tracked, and new ones not ignored); else a walk. */
function courseFiles(): string[] {
  try {
    const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: COURSE_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return [...new Set(out.split('\0').filter(Boolean))].filter((f) => fs.existsSync(path.join(COURSE_ROOT, f)) && fs.lstatSync(path.join(COURSE_ROOT, f)).isFile());
  } catch {
    return walk(COURSE_ROOT).map((f) => path.relative(COURSE_ROOT, f).split(path.sep).join('/'));
  }
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (['node_modules', '.git', '.course', 'grade-out'].includes(e.name)) return [];
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : e.isFile() ? [p] : [];
  });
}

/**
 * A self-test that reads the solutions cannot pass without them, nor one that runs a lesson both
 * ways (test/lessons/*.test.ts: `lessonSelfTests`) or builds the checks' sample programs
 * (`materialize`, `variantSource`); and those sample programs are answers too: the wrong
 * implementations are the solution with one mistake, the correct and blind ones are often
 * complete solutions.
 */
function needsSolutions(file: string): boolean {
  if (/^lessons\/[^/]+\/\.checks\/(wrong|correct|blind)\//.test(file)) return true;
  if (!/^test\/.*\.test\.ts$/.test(file)) return false;
  return /\bsolutions?\b|solutionDir|lessonSelfTests|materialize|variantSource/.test(fs.readFileSync(path.join(COURSE_ROOT, file), 'utf8'));
}

function templateFiles(withSolutions: boolean): string[] {
  // .ci/ is the course's own CI; a zip at the top is an autograder.zip or an export lying about.
  return courseFiles()
    .filter((f) => !INSTRUCTOR_FILES.has(f) && !f.startsWith('.ci/') && !/^[^/]+\.zip$/.test(f))
    .filter((f) => withSolutions || (!f.startsWith('solutions/') && !needsSolutions(f)))
    .sort();
}

function studentPackageJson(files: string[], withSolutions: boolean): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(COURSE_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  for (const s of INSTRUCTOR_SCRIPTS) delete pkg.scripts[s];
  if (!withSolutions) {
    // Only the self-tests that were kept; a bare `vitest run` would also do, but says less.
    pkg.scripts.test = ['vitest run', ...files.filter((f) => /^test\/.*\.test\.ts$/.test(f))].join(' ');
  }
  return JSON.stringify(pkg, null, 2) + '\n';
}

const STUDENT_INTRO = text(
  `<a id="your-copy"></a>
> **This is your copy of the course.** Your instructor published it for you to work in: write
> each lesson's programs in \`lessons/lesson-NN-*/\`, run \`npm run check lesson-NN\` until every
> check passes, and push. On every push GitHub Actions checks every lesson and shows a table of
> your points on the run's summary page (the **Actions** tab). The reference solutions
> (\`solutions/\`) are not included: where a lesson says \`npx tsx solutions/…\`, run your own
> finished program from \`lessons/…\` instead.
`,
  `<a id="your-copy"></a>
> **이 저장소는 여러분이 실습할 코스 사본입니다.** 강사가 실습용으로 공개한 것입니다. 레슨마다
> \`lessons/lesson-NN-*/\`에 프로그램을 작성하고, 모든 검사를 통과할 때까지 \`npm run check lesson-NN\`을
> 실행한 뒤 push하세요. push할 때마다 GitHub Actions가 모든 레슨을 검사하고, 실행 요약 페이지(**Actions**
> 탭)에 레슨별 점수 표를 보여 줍니다. 참고 답안(\`solutions/\`)은 들어 있지 않습니다. 레슨에서
> \`npx tsx solutions/…\`를 실행하라고 하면, 대신 \`lessons/…\`에 직접 완성한 프로그램을 실행하세요.
`,
);

const STUDENT_GRADING = text(
  `<a id="grading-a-class"></a>
## How your work is graded

Your instructor grades with the same checks \`npm run check\` runs, on their own copy of the
course: only the files each lesson names (\`server.ts\`, \`client.ts\`, …) are taken from your
work, so what passes here passes there, and changing the checks in your copy changes nothing.
Each lesson is worth 10 points: every check passing gives 10, otherwise each passing check earns
its share, rounded down (7 of 10 checks → 7). Checks skipped because Python or Java is missing
do not count either way.

<a id="what-the-grader-protects-against"></a>
When graded, your programs run with a time limit per check, limits on output, memory and
processes, and (on Linux) in a sandbox that shows them nothing but their own files.
`,
  `<a id="grading-a-class"></a>
## 채점 방식

강사는 \`npm run check\`와 같은 검사로, 강사 자신의 코스 사본에서 채점합니다. 여러분의 작업에서는
레슨마다 정해진 파일(\`server.ts\`, \`client.ts\` 등)만 가져가므로, 여기서 통과하면 채점에서도
통과합니다. 내 사본의 검사를 고쳐도 채점에는 아무 영향이 없습니다. 레슨마다 10점이며, 검사를 모두
통과하면 10점, 아니면 통과한 검사의 비율만큼 받고 소수점은 버립니다(검사 10개 중 7개 → 7점).
Python이나 Java가 없어 건너뛴 검사는 점수에 반영하지 않습니다.

<a id="what-the-grader-protects-against"></a>
채점할 때 프로그램은 검사마다 시간 제한과 출력·메모리·프로세스 제한을 받으며, Linux에서는 자기
파일 말고는 아무것도 보이지 않는 샌드박스 안에서 실행됩니다.
`,
);

/**
 * The course README for students: an opening note, and the instructors' grading section
 * replaced by how students are graded. Every anchor of the section stays, so links hold.
 */
function studentReadme(readme: string, lang: Lang): string {
  // Rows of the commands tables for commands a student's copy does not have.
  const instructorRow = new RegExp(`^\\|.*npm run (${INSTRUCTOR_SCRIPTS.join('|')})\\b`);
  const lines = readme.split('\n').filter((l) => !instructorRow.test(l));
  const langLink = lines.findIndex((l) => /^\[(한국어|English)\]\(README/.test(l));
  lines.splice(langLink + 1, 0, '', STUDENT_INTRO[lang].trimEnd());
  const start = lines.findIndex((l) => l.trim() === '<a id="grading-a-class"></a>');
  if (start === -1) return lines.join('\n');
  const heading = lines.findIndex((l, i) => i > start && l.startsWith('## '));
  const next = lines.findIndex((l, i) => i > heading && l.startsWith('## '));
  const end = next === -1 ? lines.length : next;
  // The next section's own anchor sits just above its heading: it stays with that section.
  const cut = end > 0 && /^<a id="[^"]+"><\/a>$/.test(lines[end - 1]!.trim()) ? end - 1 : end;
  const replacement = STUDENT_GRADING[lang];
  const lost = lines
    .slice(start, cut)
    .flatMap((l) => [...l.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]!))
    .filter((id) => !replacement.includes(`<a id="${id}">`));
  lines.splice(start, cut - start, replacement.trimEnd(), ...(lost.length > 0 ? ['', ...lost.map((id) => `<a id="${id}"></a>`)] : []), '');
  return lines.join('\n');
}

function writeTemplate(dir: string, withSolutions: boolean): string[] {
  const files = templateFiles(withSolutions);
  for (const f of files) {
    const to = path.join(dir, f);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.copyFileSync(path.join(COURSE_ROOT, f), to);
  }
  fs.writeFileSync(path.join(dir, 'package.json'), studentPackageJson(files, withSolutions));
  for (const [file, lang] of [['README.md', 'en'], ['README.ko.md', 'ko']] as const) {
    fs.writeFileSync(path.join(dir, file), studentReadme(fs.readFileSync(path.join(COURSE_ROOT, file), 'utf8'), lang));
  }
  fs.mkdirSync(path.join(dir, '.github', 'workflows'), { recursive: true });
  fs.copyFileSync(path.join(COURSE_ROOT, WORKFLOW), path.join(dir, '.github', 'workflows', 'check.yml'));
  return files;
}

function checkTarget(dir: string): void {
  const r = path.relative(COURSE_ROOT, dir);
  if (r === '' || (!r.startsWith('..') && !path.isAbsolute(r))) {
    throw new UsageError(text(`${dir} is inside the course; choose a folder outside it.`, `${dir}은(는) 코스 안에 있습니다. 코스 밖의 폴더를 고르세요.`));
  }
  if (fs.existsSync(dir) && (!fs.statSync(dir).isDirectory() || fs.readdirSync(dir).length > 0)) {
    throw new UsageError(text(`${dir} exists and is not an empty folder; give a new or empty one.`, `${dir}은(는) 이미 있고 빈 폴더가 아닙니다. 새 폴더나 빈 폴더를 주세요.`));
  }
}

await runCommand(async () => {
  const { values, positionals } = parseCommandArgs(process.argv.slice(2), {
    'with-solutions': { type: 'boolean' },
    lang: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  const lang = langOption(values.lang);
  if (values.help) {
    process.stdout.write(`${pick(HELP, lang)}\n`);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(text(`Give one folder to write the template to.\n\n${HELP.en}`, `템플릿을 쓸 폴더를 하나 주세요.\n\n${HELP.ko}`));
  const dir = path.resolve(positionals[0]!);
  checkTarget(dir);
  const withSolutions = Boolean(values['with-solutions']);
  const files = writeTemplate(dir, withSolutions);
  const what = withSolutions
    ? text('with the solutions, as you asked: students can read them', '요청대로 참고 답안을 넣었습니다. 학생이 답안을 볼 수 있습니다')
    : text('without the solutions', '참고 답안 없이');
  process.stdout.write(
    fill(text('Wrote the student template to {dir} ({n} files, {what}). Then: cd {dir} && git init && git add -A && git commit -m "Course" and push it as the assignment\'s template.', '학생용 템플릿을 {dir}에 썼습니다(파일 {n}개, {what}). 다음: cd {dir} && git init && git add -A && git commit -m "Course" 후, 과제의 템플릿 저장소로 push하세요.'), {
      dir: path.relative(process.cwd(), dir) || dir,
      n: files.length + 1,
      what,
    })[lang] + '\n',
  );
  return 0;
});
