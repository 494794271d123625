/**
 * Checks one folder of learner files against one lesson: compile once, then run each
 * scenario with a wall-time limit, always tearing down what it started. Returns results;
 * printing is the report's job.
 */
import fs from 'node:fs';
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { mapWithConcurrency } from '../concurrency.ts';
import { fill, text, type Lang, type Text } from '../i18n.ts';
import type { Lesson } from '../lessons.ts';
import type { Transcript } from '../peers/transcript.ts';
import type { ExitInfo, ListenInfo } from '../runner/process.ts';
import { CompileError, compileLessonFiles, type Build } from '../runner/transpile.ts';
import { ScenarioContext } from './context.ts';
import { scenarioGate } from './gate.ts';
import { newSeed } from './generate.ts';
import { prepareInterop } from './interop.ts';
import { crashFailure, explainsProgramEnd, findCrash, outputTail, programFailure } from './explain.ts';
import { CheckFailure, ScenarioSkipped, type FailureDetails, type LessonChecks, type Scenario } from './scenario.ts';

export interface ProgramSummary {
  label: string;
  /** The label in both languages (`label` is the run's language). */
  labels: Text;
  pid?: number;
  exit?: ExitInfo;
  /** Where it listened (TCP and UDP), as its preload reported. */
  listens: ListenInfo[];
  tail: string[];
}

export interface ScenarioResult {
  id: string;
  title: Text;
  status: 'pass' | 'fail' | 'skip';
  ms: number;
  failure?: FailureDetails;
  skipReason?: Text;
  transcripts: Transcript[];
  programs: ProgramSummary[];
  notes: Text[];
  /** Measured figures, shown pass or fail. */
  figures?: Text[];
}

export type LessonStatus = 'pass' | 'fail' | 'missing-files' | 'compile-error';

export interface LessonResult {
  lesson: Lesson;
  dir: string;
  status: LessonStatus;
  missing: string[];
  compileError?: CompileError;
  scenarios: ScenarioResult[];
  /** Scenarios not run because of `bail`. */
  notRun?: number;
  /** The seed the generated exchanges used: `--seed` replays them. */
  seed?: number;
  ms: number;
}

export interface RunOptions {
  /** Unused while running (a result keeps both languages); kept so callers can say which they will render. */
  lang?: Lang;
  /** Only these scenario ids (for self-tests and the timing stress run). */
  only?: (s: Scenario) => boolean;
  /**
   * Scenarios run at the same time; each has its own processes and ports. Scenarios marked
   * `timing` run beside the others too, and are guarded instead: one that failed beside others,
   * or during which the checker's own event loop lagged, is run again alone (see `needsRerun`).
   */
  concurrency?: number;
  /** Called for each scenario in the lesson's order, as soon as it and those before it are done. */
  onScenario?: (r: ScenarioResult) => void;
  /** Stop at the first failure: no scenario is started after one has failed (`--bail`). */
  bail?: boolean;
  /** Seed of the generated exchanges (`--seed`); a fresh one when not given. */
  seed?: number;
}

const checksCache = new Map<string, LessonChecks>();

/** Set by scripts/run.mjs when the command runs from the course's bundle. */
const BUILD_KEY = Symbol.for('socket-course.build');

/** The module to import for a lesson's checks: its bundled copy, or the source under tsx. */
function checksModuleUrl(checksFile: string): string {
  const build = (globalThis as Record<symbol, { root: string; dir: string } | undefined>)[BUILD_KEY];
  if (!build) return pathToFileURL(checksFile).href;
  const bundled = path.join(build.dir, path.relative(build.root, checksFile)).replace(/\.ts$/, '.mjs');
  return pathToFileURL(fs.existsSync(bundled) ? bundled : checksFile).href;
}

/** A lesson's scenarios and mistakes table, from its `.checks/checks.ts` (loaded once). */
export async function loadChecks(lesson: Lesson): Promise<LessonChecks> {
  let checks = checksCache.get(lesson.checksFile);
  if (!checks) {
    const mod = (await import(checksModuleUrl(lesson.checksFile))) as { default: LessonChecks };
    checks = mod.default;
    if (!checks || !Array.isArray(checks.scenarios) || typeof checks.mistakes !== 'object') {
      throw new Error(`${path.relative(path.dirname(lesson.dir), lesson.checksFile)} must export default defineChecks({ mistakes, scenarios })`);
    }
    checksCache.set(lesson.checksFile, checks);
  }
  return checks;
}

export async function loadScenarios(lesson: Lesson): Promise<Scenario[]> {
  return (await loadChecks(lesson)).scenarios;
}

export async function runLesson(lesson: Lesson, dir: string, o: RunOptions): Promise<LessonResult> {
  const started = Date.now();
  const base = { lesson, dir, missing: [] as string[], scenarios: [] as ScenarioResult[] };
  const missing = lesson.manifest.files.filter((f) => !fs.existsSync(path.join(dir, f)));
  if (missing.length > 0) return { ...base, status: 'missing-files', missing, ms: Date.now() - started };

  let build: Build;
  try {
    // The learner's build and the interop tools' probe (python3, java) at once, neither blocking.
    [build] = await Promise.all([compileLessonFiles(dir, lesson.manifest.files), prepareInterop(path.join(path.dirname(lesson.checksFile), 'interop'))]);
  } catch (err) {
    if (err instanceof CompileError) return { ...base, status: 'compile-error', compileError: err, ms: Date.now() - started };
    throw err;
  }
  try {
    const checks = await loadChecks(lesson);
    const scenarios = checks.scenarios.filter(o.only ?? (() => true));
    let failed: ScenarioResult | undefined;
    const stop = () => Boolean(o.bail && failed);
    // With bail, nothing is reported after the first failure in the lesson's order.
    const emit = inOrder(scenarios.length, (r) => {
      if (o.bail && emit.reported().some((x) => x.status === 'fail' && x !== r)) return false;
      o.onScenario?.(r);
      return true;
    });
    const seed = o.seed ?? newSeed();
    const reruns: Array<{ i: number; first: Watch; failed: boolean }> = [];
    const settle = (i: number, r: ScenarioResult) => {
      if (r.status === 'fail') failed ??= r;
      emit(i, r);
    };
    const attempt = (i: number) => neighbours.watch(() => runScenario(new ScenarioContext(lesson, build, seed, checks.mistakes), scenarios[i]!));
    const run = async (i: number) => {
      const r = await scenarioGate.run(() => attempt(i));
      if (scenarios[i]!.timing && needsRerun(r.result, r.watch)) reruns.push({ i, first: r.watch, failed: r.result.status === 'fail' });
      else settle(i, r.result);
    };
    // Timing scenarios first, so their possible reruns start as early as possible.
    const indexes = scenarios.map((_, i) => i).sort((a, b) => Number(Boolean(scenarios[b]!.timing)) - Number(Boolean(scenarios[a]!.timing)));
    await mapWithConcurrency(indexes, o.concurrency ?? defaultConcurrency(), run, stop);
    // Alone, nothing beside them, not even another lesson's (the grader's jobs): this run's verdict is the one given.
    for (const { i, first, failed: firstFailed } of reruns.sort((a, b) => a.i - b.i)) {
      if (stop()) break;
      const again = await scenarioGate.runAlone(() => attempt(i));
      settle(i, withRerunFigure(again.result, first, firstFailed));
    }
    const results = emit.reported();
    // A failure whose predecessors were never run (bail stopped them) is still reported.
    if (failed && !results.some((r) => r.status === 'fail')) {
      results.push(failed);
      o.onScenario?.(failed);
    }
    const status = failed ? 'fail' : 'pass';
    return { ...base, status, scenarios: results, notRun: scenarios.length - results.length, seed, ms: Date.now() - started };
  } finally {
    build.dispose();
  }
}

async function runScenario(ctx: ScenarioContext, s: Scenario): Promise<ScenarioResult> {
  const lesson = ctx.lesson;
  const learnerFiles = lesson.manifest.files;
  const started = Date.now();
  const limitMs = s.limitMs ?? lesson.manifest.limits.scenarioMs;
  let status: ScenarioResult['status'] = 'pass';
  let failure: FailureDetails | undefined;
  let skipReason: Text | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    const overtime = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ScenarioTimeout(limitMs)), limitMs);
    });
    await Promise.race([s.run(ctx), overtime]);
  } catch (err) {
    if (err instanceof ScenarioSkipped) {
      status = 'skip';
      skipReason = err.why;
    } else {
      status = 'fail';
      failure = (await limitHit(ctx)) ?? toFailure(err);
    }
  } finally {
    clearTimeout(timer);
    if (failure) failure = await preferCrash(ctx, failure, learnerFiles);
    for (const t of ctx.transcripts) t.freeze();
    await ctx.dispose();
  }
  return {
    id: s.id,
    title: s.title,
    status,
    ms: Date.now() - started,
    failure,
    skipReason,
    transcripts: ctx.transcripts,
    programs: ctx.programs.map((p) => ({ label: p.label, labels: ctx.labelOf(p), pid: p.pid, exit: p.exitInfo, listens: p.listens, tail: outputTail(p, 12, learnerFiles) })),
    notes: ctx.notes,
    figures: ctx.figures,
  };
}

/**
 * A program the engine stopped for a limit (output, memory, processes) is the finding, not
 * whatever the exchange then looked like (a reply cut short by the kill, say).
 */
async function limitHit(ctx: ScenarioContext): Promise<FailureDetails | undefined> {
  const stopped = ctx.programs.find((p) => p.stopReason && p.stopReason !== 'killed');
  if (!stopped) return undefined;
  const exit = (await stopped.waitExit(2000)) ?? { code: null, signal: 'SIGKILL' as const, stoppedFor: stopped.stopReason };
  return programFailure(ctx.fileOf(stopped) ?? ctx.labelOf(stopped), exit, stopped, 'during-exchange');
}

/** How long a program that is going down may take to finish its crash report and exit. */
const CRASH_SETTLE_MS = 300;

/**
 * When one of the scenario's programs crashed, the crash is the finding: a missing reply or an
 * early close is only what the checker saw because of it. Node writes the crash report before it
 * exits (and its sockets close), but its exit may not be in yet: a program that has printed to
 * stderr gets a moment to finish going down.
 */
async function preferCrash(ctx: ScenarioContext, failure: FailureDetails, learnerFiles: readonly string[]): Promise<FailureDetails> {
  if (explainsProgramEnd(failure)) return failure;
  // A dead program's sockets close at once, but its crash report still has to be read from the
  // pipe: on a loaded machine the close came first, so the crash was missed (a CI run said
  // "wrong reply" for a TypeError). One more I/O turn reads what the pipe already holds.
  await new Promise((resolve) => setTimeout(() => setImmediate(resolve), 20));
  await Promise.all(ctx.programs.filter((p) => !p.done && p.stderr() !== '').map((p) => p.waitExit(CRASH_SETTLE_MS)));
  for (const p of ctx.programs) {
    const crash = findCrash(p, learnerFiles);
    if (crash) return crashFailure(crash, failure, ctx.labelOf(p));
  }
  return failure;
}

class ScenarioTimeout extends Error {
  constructor(readonly ms: number) {
    super(`scenario took longer than ${ms} ms`);
  }
}

function toFailure(err: unknown): FailureDetails {
  if (err instanceof CheckFailure) return err.details;
  if (err instanceof ScenarioTimeout) {
    return {
      reason: 'scenario-timeout',
      summary: text(`The check did not finish within ${err.ms} ms.`, `검사가 ${err.ms}ms 안에 끝나지 않았습니다.`),
      cause: text('Your program kept the exchange waiting (no reply, no close).', '프로그램이 응답도 종료도 하지 않아 주고받기가 멈췄습니다.'),
    };
  }
  // A bug in the checks themselves: say so, rather than blame the learner.
  const e = err as Error;
  return {
    reason: 'checker-error',
    summary: text(`The checker itself failed: ${e?.message ?? String(err)}`, `검사기 자체에서 오류가 났습니다: ${e?.message ?? String(err)}`),
    actual: e?.stack,
    cause: text('This is a bug in the course, not in your code. Please report it.', '내 코드가 아니라 코스의 버그입니다. 알려 주세요.'),
  };
}

/** What was going on in the checker while one scenario ran. */
interface Watch {
  /** The most other scenarios that ran at the same time as this one. */
  beside: number;
  /** The checker's own worst event-loop delay meanwhile, in ms: how late it may have seen a byte. */
  lagMs: number;
}

/**
 * Past this, the checker's own timestamps may be late by more than a timing window allows for
 * (the lessons' windows are a few hundred ms wide or more). Two scenarios at once on a loaded
 * 2-core machine lag 15–90 ms; alone, about 15.
 */
const CHECKER_LAG_LIMIT_MS = 100;

/** Watches the scenarios in flight in this process: which ran beside which, and how late the event loop ran. */
class Neighbours {
  private readonly running = new Set<Watch>();

  async watch<T>(fn: () => Promise<T>): Promise<{ result: T; watch: Watch }> {
    const me: Watch = { beside: this.running.size, lagMs: 0 };
    for (const other of this.running) other.beside = Math.max(other.beside, this.running.size);
    this.running.add(me);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    try {
      return { result: await fn(), watch: me };
    } finally {
      delay.disable();
      me.lagMs = Math.round(delay.max / 1e6);
      this.running.delete(me);
    }
  }
}

const neighbours = new Neighbours();

/**
 * A timing scenario's verdict stands only if the checker could see times as they were: it is run
 * again alone when it failed beside other scenarios (their load may have made the learner's
 * program or the checker late) or when the checker itself lagged past the limit (pass or fail:
 * a late look can make an early reply look on time). At most once.
 */
function needsRerun(r: ScenarioResult, w: Watch): boolean {
  if (r.status === 'skip') return false;
  return (r.status === 'fail' && w.beside > 0) || w.lagMs > CHECKER_LAG_LIMIT_MS;
}

/** Says in the report that the verdict is the second run's, and why. */
function withRerunFigure(r: ScenarioResult, first: Watch, firstFailed: boolean): ScenarioResult {
  const why =
    first.lagMs > CHECKER_LAG_LIMIT_MS
      ? fill(text('the checker itself lagged {ms} ms during the first run', '첫 실행 중 검사기 자신이 {ms}ms 늦었음'), { ms: first.lagMs })
      : fill(text('the first run failed while {n} other checks ran beside it', '첫 실행이 다른 검사 {n}개와 함께 돌다가 실패함'), { n: first.beside });
  const figure = fill(text('run again alone ({why}{then}): this is the second run\'s verdict', '혼자 다시 실행함({why}{then}): 두 번째 실행의 판정입니다'), {
    why,
    then: firstFailed && first.lagMs > CHECKER_LAG_LIMIT_MS ? text(', and it failed', ', 실패였음') : text('', ''),
  });
  return { ...r, figures: [...(r.figures ?? []), figure] };
}

/** Two to four at a time: the scenarios mostly wait on sockets, not on the CPU. */
export function defaultConcurrency(): number {
  return Math.min(4, Math.max(2, os.availableParallelism()));
}

/** Hands results to `cb` in index order, however they complete; `cb` may refuse one (false). */
function inOrder(n: number, cb: (r: ScenarioResult) => boolean) {
  const done: Array<ScenarioResult | undefined> = new Array(n);
  const reported: ScenarioResult[] = [];
  let next = 0;
  const emit = (i: number, r: ScenarioResult) => {
    done[i] = r;
    while (next < n && done[next]) {
      const ready = done[next]!;
      next++; // not inside cb(…): a throwing callback would skip the increment
      if (cb(ready)) reported.push(ready);
    }
  };
  emit.reported = () => reported;
  return emit;
}
