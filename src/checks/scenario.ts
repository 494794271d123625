/**
 * The vocabulary of a lesson's hidden checks: a lesson exports a list of scenarios, each a
 * small named unit that drives the learner's programs through a ScenarioContext and either
 * returns (pass), calls `ctx.fail(…)` with an explanation, or `ctx.skipScenario(…)` when the machine
 * lacks something optional (Python, Java).
 */
import type { Text } from '../i18n.ts';
import type { ScenarioContext } from './context.ts';
import type { Mistake, MistakeTable } from './mistakes.ts';

/** A scenario of a lesson whose mistakes table has the reason ids `R`. */
export interface Scenario<R extends string = string> {
  /** Stable, kebab-case; names the scenario in tests, JSON and JUnit. */
  id: string;
  title: Text;
  /** Depends on timing (idle timeouts, retries…): included in the repeated timing self-test. */
  timing?: boolean;
  /** Overrides the lesson's per-scenario wall-time limit, in ms. */
  limitMs?: number;
  run(ctx: ScenarioContext<R>): Promise<void>;
}

export interface FailureDetails {
  /** Stable id of the mistake, e.g. `reply-before-newline`; self-tests assert on it. */
  reason: string;
  /** One line: what went wrong. */
  summary: Text;
  expected?: Text | string;
  actual?: Text | string;
  /** The likely cause, in the learner's terms. */
  cause?: Text;
  /** What to try. */
  fix?: Text;
  /** Anchor of the README section that explains it (without `#`). */
  section?: string;
  /**
   * Failures with the same key are explained once per report, later ones in one line; by
   * default the reason with its cause and fix (one mistake seen by many checks is one mistake).
   */
  collapseKey?: string;
}

export class CheckFailure extends Error {
  constructor(readonly details: FailureDetails) {
    super(details.summary.en);
    this.name = 'CheckFailure';
  }
}

export class ScenarioSkipped extends Error {
  constructor(readonly why: Text) {
    super(why.en);
    this.name = 'ScenarioSkipped';
  }
}

/** What a lesson's `.checks/checks.ts` exports: its scenarios and the mistakes they report. */
export interface LessonChecks {
  scenarios: Scenario[];
  mistakes: MistakeTable;
}

export function defineScenarios<R extends string = string>(list: Scenario<R>[]): Scenario<R>[] {
  const ids = new Set<string>();
  for (const s of list) {
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(s.id)) throw new Error(`scenario id '${s.id}' is not kebab-case`);
    if (ids.has(s.id)) throw new Error(`duplicate scenario id ${s.id}`);
    ids.add(s.id);
  }
  return list;
}

/**
 * A lesson's checks: the mistakes table first, so every `ctx.fail('reason', …)` in the
 * scenarios is checked against its keys by the type checker.
 */
export function defineChecks<const M extends Record<string, Mistake>>(o: { mistakes: M; scenarios: Array<Scenario<Extract<keyof M, string>>> }): LessonChecks {
  return { mistakes: o.mistakes, scenarios: defineScenarios(o.scenarios) as Scenario[] };
}
