/**
 * Generated exchanges: instead of a few hand-picked inputs, a scenario draws many cases from a
 * model of the lesson's protocol (fast-check arbitraries), runs each against the learner's
 * program over real sockets, and on the first wrong answer shrinks the case to the smallest one
 * that still fails. That smallest case is then replayed once more with a recorded transcript,
 * so the report draws exactly the exchange that shows the mistake. Runs are seeded: the report
 * says how to replay one (`--seed N`).
 *
 * Each generated scenario has a budget of cases and of time, so a passing check stays quick.
 */
import fc from 'fast-check';
import os from 'node:os';
import { fill, text, type Text } from '../i18n.ts';
import { Transcript } from '../peers/transcript.ts';
import type { ScenarioContext } from './context.ts';
import { CheckFailure, type FailureDetails } from './scenario.ts';
import { ScenarioGate } from './gate.ts';

/** What one case found wrong: the failure to report, minus the summary the kit writes. */
export type Mismatch = Omit<FailureDetails, 'summary'> & { summary?: Text };

export interface GeneratedCheck<C> {
  /** The cases: arbitraries from the edges of the protocol, cut and combined. */
  cases: fc.Arbitrary<C>;
  /**
   * Runs one case against the learner's program; resolves with what was wrong, or undefined.
   * `transcript` records the exchange (a scratch one while searching, the report's on replay).
   */
  run(c: C, transcript: (left: Text, right: Text) => Transcript): Promise<Mismatch | undefined>;
  /** The case in words, for the report: `PING ⏎ ECHO 😀 ⏎, in 3 pieces`. */
  describe(c: C): Text;
  /**
   * Cases from the corners, tried first on every run whatever the seed (a learner's mistake
   * that only a rare draw would hit is caught every time).
   */
  examples?: C[];
  /** Cases to try at most (default 40). */
  runs?: number;
  /**
   * Time for the search and the shrinking together, in ms (default 4000): a case started in it
   * runs to its end, and the `examples` always run, whatever the time.
   */
  ms?: number;
  /**
   * Cases run at once (default 1). Only for cases that share nothing: each starts its own
   * programs and opens its own connections, so one case cannot change another's answer. The
   * cases are split over that many lanes, each its own seeded search (`seed`, `seed + 1`, …):
   * the same seed draws the same cases in the same lanes. A lane that fails shrinks its case;
   * the lowest lane that fails is the one reported, so a replay reports the same case.
   */
  lanes?: number;
}

/**
 * Cases of lanes in flight at once in this process, whatever the scenario and the lesson: the
 * lanes say which cases are drawn (and so the verdict), this only when they run. Without it,
 * lanes beside lanes (two generated scenarios, several lessons in the grader or the self-tests)
 * started tens of programs at once, and on a loaded 2-core machine correct programs were late.
 */
const laneCases = new ScenarioGate(3 * os.availableParallelism());

/** A fresh seed per run unless the learner asked to replay one. */
export function newSeed(): number {
  return Math.floor(Math.random() * 0x7fffffff);
}

/**
 * Tries the cases; on a failure shrinks it, replays the smallest with a recorded transcript and
 * fails the scenario with the mismatch. Returns quietly when every case was answered right.
 */
export async function checkGenerated<C>(ctx: ScenarioContext, g: GeneratedCheck<C>): Promise<void> {
  const scratch = (left: Text, right: Text) => new Transcript(left, right);
  const startedBefore = new Set(ctx.programs);
  // Each case's own mismatch: a case still running past the time limit may fail after the
  // smallest one was found, and must not put its words in that one's mouth.
  const found = new Map<C, Mismatch>();
  // The budget is checked before a case starts, never during one: a case cut off half-way
  // would count as passed (fast-check's own time limit does that), and a slow corner example
  // would never be judged. Cases after the deadline pass without running, which also ends the
  // shrinking at the smallest failure found by then.
  // The corner examples are outside the budget: they are tried on every run, however slow the
  // machine (the scenario's own wall-time limit still holds).
  const deadline = Date.now() + (g.ms ?? 4000);
  const corners = new Set<C>(g.examples ?? []);
  const lanes = splitIntoLanes(ctx.seed, g.runs ?? 40, g.examples ?? [], g.lanes ?? 1);
  // A lane that failed ends the search of the lanes after it (theirs would not be reported);
  // the lanes before it run to their end, so the lowest failing lane is the same on a replay.
  let lowestFailed = Number.POSITIVE_INFINITY;
  const results = await Promise.all(
    lanes.map((lane, index) =>
      fc.check(
        fc.asyncProperty(g.cases, async (c) => {
          const skip = index > lowestFailed || Date.now() > deadline;
          if (skip && !corners.has(c)) return true;
          const m = lanes.length > 1 ? await laneCases.run(() => runCase(g, c, scratch)) : await runCase(g, c, scratch);
          if (m) {
            found.set(c, m);
            lowestFailed = Math.min(lowestFailed, index);
          }
          return m === undefined;
        }),
        { seed: lane.seed, numRuns: lane.runs, examples: lane.examples.map((e) => [e] as [C]) },
      ),
    ),
  );
  const details = results.find((d) => d.failed && d.counterexample);
  if (!details) return;
  const smallest = details.counterexample![0] as C;
  await ctx.forgetProgramsSince(startedBefore); // the search's programs are not the story
  // Replayed for the report; if the program now answers right (it is flaky), the search's
  // mismatch for this same case is reported.
  const replayed = (await runCase(g, smallest, (left, right) => ctx.transcript(left, right))) ?? found.get(smallest) ?? [...found.values()].at(-1)!;
  // The case itself, in words: a mismatch with its own summary would otherwise show it only as
  // the drawn exchange.
  if (replayed.summary) ctx.note(fill(text('The smallest failing case: {case}', '실패하는 가장 작은 사례: {case}'), { case: g.describe(smallest) }));
  ctx.note(
    fill(text('Generated case {n} of this run, shrunk {s} times. Replay it: npm run check {lesson} -- --seed {seed}', '이번 실행에서 만든 {n}번째 사례를 {s}번 줄였습니다. 다시 보려면: npm run check {lesson} -- --seed {seed}'), {
      n: details.numRuns,
      s: details.numShrinks,
      lesson: ctx.lesson.name.slice(0, 'lesson-NN'.length),
      seed: ctx.seed,
    }),
  );
  ctx.fail({
    ...replayed,
    summary:
      replayed.summary ??
      fill(text('A generated exchange got a wrong answer: {case}', '만들어 낸 주고받기에서 틀린 답이 왔습니다: {case}'), { case: g.describe(smallest) }),
  });
}

interface Lane<C> {
  seed: number;
  runs: number;
  examples: C[];
}

/**
 * `runs` cases over `count` lanes: lane k searches with `seed + k`, tries every count-th corner
 * example first, then its share of the drawn cases. fast-check counts the examples among a
 * run's cases, so each lane's count holds all of its own. One lane is the plain search.
 */
export function splitIntoLanes<C>(seed: number, runs: number, examples: C[], count: number): Lane<C>[] {
  const n = Math.max(1, Math.min(Math.floor(count), runs));
  const drawn = Math.max(0, runs - examples.length);
  return Array.from({ length: n }, (_, k) => {
    const mine = examples.filter((_, i) => i % n === k);
    return { seed: (seed + k) % 0x80000000, runs: mine.length + Math.floor(drawn / n) + (k < drawn % n ? 1 : 0), examples: mine };
  }).filter((lane) => lane.runs > 0);
}

/**
 * One case; a step inside it that fails the scenario (`ctx.fail`, a program that never
 * listened) is that case's mismatch, so the search shrinks it like any other.
 */
async function runCase<C>(g: GeneratedCheck<C>, c: C, transcript: (left: Text, right: Text) => Transcript): Promise<Mismatch | undefined> {
  try {
    return await g.run(c, transcript);
  } catch (err) {
    if (err instanceof CheckFailure) return err.details;
    throw err;
  }
}

/** Cut points for `length` bytes: 0 to `max` distinct offsets inside it, sorted. */
export function cutsOf(length: number, max = 5): fc.Arbitrary<number[]> {
  if (length < 2) return fc.constant([]);
  return fc.uniqueArray(fc.integer({ min: 1, max: length - 1 }), { maxLength: max }).map((cuts) => cuts.sort((a, b) => a - b));
}

/** Splits `data` at `cuts` (offsets from `cutsOf`). */
export function splitAt(data: Buffer, cuts: number[]): Buffer[] {
  const pieces: Buffer[] = [];
  let from = 0;
  for (const at of [...cuts, data.length]) {
    if (at > from) pieces.push(data.subarray(from, at));
    from = at;
  }
  return pieces;
}

/**
 * Text from the edges of what "UTF-8 text" allows: ASCII, spaces and tabs, Hangul, characters
 * beyond the Basic Multilingual Plane (😀, 𝄞), combining sequences, a stray '\r', control bytes.
 * `exclude` removes characters the protocol gives a meaning (a '\n' in a line protocol).
 */
export function edgyText(o: { maxLength?: number; exclude?: string[] } = {}): fc.Arbitrary<string> {
  const pieces = ['a', 'Z', '0', ' ', '  ', '\t', '안', '녕', '한국어', '😀', '𝄞', 'e\u0301', '\u0000', '\u0007', '\r', '\\', '"', '%', '-', '00', '٣'];
  const allowed = pieces.filter((p) => !(o.exclude ?? []).some((x) => p.includes(x)));
  return fc.array(fc.constantFrom(...allowed), { maxLength: o.maxLength ?? 6 }).map((parts) => parts.join(''));
}

/**
 * A step that fails the scenario (`ctx.fail`), as a value: what a generated case's `run`
 * returns, so that the case is shrunk and replayed instead of ending the scenario at once.
 */
export async function asMismatch(step: () => Promise<void>): Promise<FailureDetails | undefined> {
  try {
    await step();
    return undefined;
  } catch (err) {
    if (err instanceof CheckFailure) return err.details;
    throw err;
  }
}
