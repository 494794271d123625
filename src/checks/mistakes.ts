/**
 * A mistakes table: every failure a lesson's checks can report, by reason id, written once and
 * in both languages. A scenario fails with `ctx.fail('reason', facts)`: the table gives the
 * words (one wording per reason), the facts fill its `{placeholders}` and say what was expected
 * and what came. The README test reads the same tables, so every reason a learner can meet is
 * explained in the lesson's text.
 */
import { fill, type Text } from '../i18n.ts';
import type { FailureDetails } from './scenario.ts';

export interface Mistake {
  /** One line: what went wrong. May hold `{name}` placeholders, filled from the facts' `vars`. */
  summary: Text;
  /** The likely cause, in the learner's terms. */
  cause?: Text;
  /** What to try. */
  fix?: Text;
  /** Anchor of the README section that explains it (without `#`); `course:` for the course README. */
  section?: string;
}

export type MistakeTable = Readonly<Record<string, Mistake>>;

export type Vars = Record<string, string | number | Text>;

/** What one failure saw: the values for the table's placeholders, and the two sides. */
export interface Facts {
  vars?: Vars;
  expected?: Text | string;
  actual?: Text | string;
  /** Failures with the same key are explained once per report (default: the reason). */
  collapseKey?: string;
}

const REASON_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** `{name}` as the table writes a placeholder; `${name}` inside quoted code is not one. */
const PLACEHOLDER = /(?<!\$)\{(\w+)\}/g;

/** Declares a table; its keys become the reason ids the type checker knows. */
export function defineMistakes<const T extends Record<string, Mistake>>(table: T): T {
  for (const [id, m] of Object.entries(table)) {
    if (!REASON_ID.test(id)) throw new Error(`mistake id '${id}' is not kebab-case`);
    for (const t of [m.summary, m.cause, m.fix]) {
      if (t && (!t.en || !t.ko)) throw new Error(`mistake '${id}' lacks a language`);
    }
  }
  return table;
}

/** The placeholders a text waits for, in either language. */
export function placeholdersOf(t: Text | undefined): string[] {
  if (!t) return [];
  return [...new Set([...`${t.en}\n${t.ko}`.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

/**
 * The failure a reason and its facts make. A placeholder left unfilled is a bug in the checks
 * (it would reach the learner as `{ms}`): it throws, and the self-tests catch it.
 */
export function failureOf(reason: string, mistake: Mistake, facts: Facts = {}): FailureDetails {
  const vars = facts.vars ?? {};
  const filled = (t: Text | undefined): Text | undefined => {
    if (!t) return undefined;
    const missing = placeholdersOf(t).filter((k) => vars[k] === undefined);
    if (missing.length > 0) throw new Error(`mistake '${reason}' needs ${missing.map((k) => `{${k}}`).join(', ')}`);
    return fill(t, vars);
  };
  return {
    reason,
    summary: filled(mistake.summary)!,
    cause: filled(mistake.cause),
    fix: filled(mistake.fix),
    section: mistake.section,
    expected: facts.expected,
    actual: facts.actual,
    collapseKey: facts.collapseKey,
  };
}
