/**
 * `npm run check` with no lesson: every lesson in order — passed, failing, or not started —
 * ending on the first unfinished lesson, its first failure and what to do next. Lessons whose
 * files have not changed since they passed are not run again, so this stays quick as the
 * course grows; only the first unfinished lesson is checked now.
 */
import { fill, pick, text, type Lang } from './i18n.ts';
import { listLessonNames, loadLesson, type Lesson } from './lessons.ts';
import { fingerprint, readState, recordCheck } from './progress.ts';
import { runLesson, type LessonResult } from './checks/run-lesson.ts';
import type { Style } from './report/style.ts';

export function progressFromResult(lesson: Lesson, result: LessonResult) {
  const first = result.scenarios.find((s) => s.status === 'fail');
  const summary =
    result.status === 'missing-files'
      ? text(`missing ${result.missing.join(', ')}`, `${result.missing.join(', ')} 파일 없음`)
      : result.status === 'compile-error'
        ? text('does not compile', '컴파일 오류')
        : first?.failure?.summary;
  return {
    status: result.status === 'pass' ? ('pass' as const) : ('fail' as const),
    fingerprint: fingerprint(lesson, result.dir),
    firstFailure: summary ? { title: first?.title ?? text('the lesson files', '레슨 파일'), summary } : undefined,
    at: new Date().toISOString(),
  };
}

export async function showOverview(lang: Lang, s: Style, out: (t: string) => void): Promise<number> {
  const state = readState();
  const t = (en: string, ko: string) => pick(text(en, ko), lang);
  out(`${s.bold(t('Your progress', '진행 상황'))}\n\n`);
  let stopped: { lesson: Lesson; failure?: { title: { en: string; ko: string }; summary: { en: string; ko: string } } } | undefined;
  for (const name of listLessonNames()) {
    const lesson = loadLesson(name);
    const title = pick(lesson.manifest.title, lang);
    const known = state.lessons[name];
    const unchanged = known?.fingerprint === fingerprint(lesson, lesson.dir);
    if (stopped) {
      const mark = known && unchanged ? (known.status === 'pass' ? s.green('✓') : s.red('✗')) : s.dim('·');
      const label = !known ? t('not started', '시작 전') : !unchanged ? t('changed since last check', '마지막 검사 후 바뀜') : known.status === 'pass' ? t('passed', '통과') : t('failing', '실패 중');
      out(`  ${mark} ${name}  ${s.dim(`${title} — ${label}`)}\n`);
      continue;
    }
    if (known?.status === 'pass' && unchanged) {
      out(`  ${s.green('✓')} ${name}  ${s.dim(title)}\n`);
      continue;
    }
    // The first lesson not known to pass: check it now.
    const tty = Boolean(process.stdout.isTTY);
    if (tty) out(`  ${s.yellow('…')} ${name}  ${s.dim(t('checking…', '검사 중…'))}`);
    const clear = tty ? '\r\u001b[2K' : '';
    const result = await runLesson(lesson, lesson.dir, { lang });
    const progress = progressFromResult(lesson, result);
    recordCheck(lesson, progress);
    if (progress.status === 'pass') {
      out(`${clear}  ${s.green('✓')} ${name}  ${s.dim(title)}\n`);
      continue;
    }
    out(`${clear}  ${s.red('✗')} ${s.bold(name)}  ${title}\n`);
    stopped = { lesson, failure: progress.firstFailure };
  }
  out('\n');
  if (!stopped) {
    out(`${s.green(s.bold(t('Every lesson passes. Well done!', '모든 레슨을 통과했습니다. 수고하셨습니다!')))}\n`);
    return 0;
  }
  const f = stopped.failure;
  if (f) out(`${fill(text('Next: {lesson}. First failure: {title} — {summary}', '다음: {lesson}. 첫 번째 실패: {title} — {summary}'), { lesson: stopped.lesson.name, title: f.title, summary: f.summary })[lang]}\n`);
  out(
    `${fill(text('Read lessons/{lesson}/README.md, then run: npm run check {id}', 'lessons/{lesson}/README.ko.md를 읽고 실행하세요: npm run check {id}'), { lesson: stopped.lesson.name, id: `lesson-${stopped.lesson.manifest.id}` })[lang]}\n`,
  );
  return 1;
}
