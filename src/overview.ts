/**
 * `npm run check` with no lesson: every lesson in order — passed, failing, or not started —
 * ending on the first unfinished lesson, its first failure and what to do next. Lessons whose
 * files have not changed since they passed are not run again, so this stays quick as the
 * course grows; only the first unfinished lesson is checked now.
 */
import { fill, pick, text, type Lang, type Text } from './i18n.ts';
import { listLessonNames, loadLesson, type Lesson } from './lessons.ts';
import { fingerprint, readState, recordCheck } from './progress.ts';
import { runLesson, type LessonResult } from './checks/run-lesson.ts';
import type { Style } from './report/style.ts';
import { isUntouched } from './starter.ts';

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

type Failure = { title: Text; summary: Text };

/** `(~45 min)`, from the manifest, for a lesson still to do. */
function estimate(lesson: Lesson): Text | undefined {
  const m = lesson.manifest.minutes;
  return m === undefined ? undefined : fill(text('~{m} min', '약 {m}분'), { m });
}

/** One line of the table, the same shape for every lesson: mark, name, title — state (time). */
function row(s: Style, lang: Lang, lesson: Lesson, mark: string, state: Text, o: { bold?: boolean; time?: boolean } = {}): string {
  const title = pick(lesson.manifest.title, lang);
  const time = o.time ? estimate(lesson) : undefined;
  const rest = `${title} — ${pick(state, lang)}${time ? ` (${time[lang]})` : ''}`;
  return `  ${mark} ${o.bold ? s.bold(lesson.name) : lesson.name}  ${o.bold ? rest : s.dim(rest)}\n`;
}

const STATE = {
  passed: text('passed', '통과'),
  failing: text('failing', '실패 중'),
  notStarted: text('not started', '시작 전'),
  changed: text('changed since last check', '마지막 검사 후 바뀜'),
  checking: text('checking…', '검사 중…'),
};

export async function showOverview(lang: Lang, s: Style, out: (t: string) => void): Promise<number> {
  const state = readState();
  const t = (en: string, ko: string) => pick(text(en, ko), lang);
  out(`${s.bold(t('Your progress', '진행 상황'))}\n\n`);
  const names = listLessonNames();
  let passed = 0;
  let stopped: { lesson: Lesson; failure?: Failure; untouched: boolean } | undefined;
  for (const name of names) {
    const lesson = loadLesson(name);
    const known = state.lessons[name];
    const unchanged = known?.fingerprint === fingerprint(lesson, lesson.dir);
    if (known?.status === 'pass' && unchanged) {
      passed++;
      out(row(s, lang, lesson, s.green('✓'), STATE.passed));
      continue;
    }
    if (stopped) {
      const failing = known && unchanged && !isUntouched(lesson);
      out(row(s, lang, lesson, failing ? s.red('✗') : s.dim('·'), failing ? STATE.failing : !known || isUntouched(lesson) ? STATE.notStarted : STATE.changed, { time: true }));
      continue;
    }
    // The first lesson not known to pass. Untouched, it is simply the next one to do.
    if (isUntouched(lesson)) {
      out(row(s, lang, lesson, s.cyan('→'), STATE.notStarted, { bold: true, time: true }));
      stopped = { lesson, untouched: true };
      continue;
    }
    const result = await checkNow(lesson, lang, s, out);
    const progress = progressFromResult(lesson, result);
    recordCheck(lesson, progress);
    if (progress.status === 'pass') {
      passed++;
      out(row(s, lang, lesson, s.green('✓'), STATE.passed));
      continue;
    }
    out(row(s, lang, lesson, s.red('✗'), STATE.failing, { bold: true, time: true }));
    stopped = { lesson, failure: progress.firstFailure, untouched: false };
  }
  out(`\n${fill(text('{passed} of {total} lessons passed.', '레슨 {total}개 중 {passed}개 통과.'), { passed, total: names.length })[lang]}\n`);
  if (!stopped) {
    out(`${s.green(s.bold(t('Every lesson passes. Well done!', '모든 레슨을 통과했습니다. 수고하셨습니다!')))}\n`);
    return 0;
  }
  out(nextSteps(stopped, lang));
  return 1;
}

/** Checks a lesson now, with a "checking…" line on a terminal that the result then replaces. */
async function checkNow(lesson: Lesson, lang: Lang, s: Style, out: (t: string) => void): Promise<LessonResult> {
  const tty = Boolean(process.stdout.isTTY);
  if (tty) out(row(s, lang, lesson, s.yellow('…'), STATE.checking).replace(/\n$/, ''));
  const result = await runLesson(lesson, lesson.dir, { lang });
  if (tty) out('\r\u001b[2K');
  return result;
}

function nextSteps(stopped: { lesson: Lesson; failure?: Failure; untouched: boolean }, lang: Lang): string {
  const { lesson, failure } = stopped;
  const id = `lesson-${lesson.manifest.id}`;
  const lines: Text[] = [];
  if (failure) lines.push(fill(text('Next: {lesson}. First failure: {title} — {summary}', '다음: {lesson}. 첫 번째 실패: {title} — {summary}'), { lesson: lesson.name, title: failure.title, summary: failure.summary }));
  else lines.push(fill(text('Next: {lesson}.', '다음: {lesson}.'), { lesson: lesson.name }));
  lines.push(fill(text('Read lessons/{lesson}/README.md, then run: npm run check {id}', 'lessons/{lesson}/README.ko.md를 읽고 실행하세요: npm run check {id}'), { lesson: lesson.name, id }));
  return lines.map((l) => `${l[lang]}\n`).join('');
}
