/**
 * Gradescope's results.json, as its autograder specification describes it
 * (https://gradescope-autograders.readthedocs.io/en/latest/specs/, "Output format"): every
 * field is optional but a score, which is required at the top level unless every test has one.
 * Strict: a field the specification does not name is an error, so a typo cannot slip through.
 */
import { z } from 'zod';

export const VISIBILITIES = ['hidden', 'after_due_date', 'after_published', 'visible'] as const;
/** "Output String Formatting": how Gradescope renders an output or a name. */
const Format = z.enum(['text', 'html', 'simple_format', 'md', 'ansi']);
const Visibility = z.enum(VISIBILITIES);
const ExtraData = z.record(z.string(), z.unknown());

export const GradescopeTestSchema = z
  .object({
    score: z.number().optional(),
    max_score: z.number().optional(),
    status: z.enum(['passed', 'failed']).optional(),
    name: z.string().optional(),
    name_format: Format.optional(),
    number: z.string().optional(),
    output: z.string().optional(),
    output_format: Format.optional(),
    tags: z.array(z.string()).optional(),
    visibility: Visibility.optional(),
    extra_data: ExtraData.optional(),
  })
  .strict();

export const GradescopeResultsSchema = z
  .object({
    score: z.number().optional(),
    /** Seconds. */
    execution_time: z.number().nonnegative().optional(),
    output: z.string().optional(),
    output_format: Format.optional(),
    test_output_format: Format.optional(),
    test_name_format: Format.optional(),
    visibility: Visibility.optional(),
    stdout_visibility: Visibility.optional(),
    extra_data: ExtraData.optional(),
    tests: z.array(GradescopeTestSchema).optional(),
    leaderboard: z.array(z.object({ name: z.string(), value: z.union([z.number(), z.string()]), order: z.enum(['asc', 'desc']).optional() }).strict()).optional(),
  })
  .strict()
  .refine((r) => r.score !== undefined || (r.tests !== undefined && r.tests.length > 0 && r.tests.every((t) => t.score !== undefined)), {
    message: 'score is required at the top level unless every test has one',
  });

export type GradescopeResults = z.infer<typeof GradescopeResultsSchema>;
export type GradescopeTest = z.infer<typeof GradescopeTestSchema>;
export type Visibility = (typeof VISIBILITIES)[number];
