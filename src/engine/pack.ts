import { z } from 'zod';

/** How bad a finding is. Ordered from least to most severe. */
export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

const ID = /^[a-z0-9][a-z0-9._-]*$/;

/** A positive example: `text` must produce a finding of the rule whose span covers exactly `match`. */
const PositiveExample = z.object({
  text: z.string().min(1),
  /** The exact text of the expected finding's span; it must occur in `text`. */
  match: z.string().min(1),
});

/** Keywords of a rule's gate (see `keywords` below). */
const KeywordList = z
  .array(
    z
      .string()
      .min(1)
      .regex(/^(?!\\b)|^\\b\w/, 'a keyword marked \\b must begin with an ASCII word character')
      .refine((k) => k.length >= 2 || !/[\p{L}\p{N}\s]/u.test(k), 'a keyword of one character must be a symbol, such as @'),
  )
  .nonempty();

/** The schema of one rule. */
export const RuleSchema = z
  .object({
    /** Unique within the pack; `pack/rule` is unique overall. */
    id: z.string().regex(ID, 'lowercase letters, digits, ".", "_" or "-"'),
    /** What kind of problem: `injection`, `jailbreak`, `secret`, `pii`, … Policy acts per category. */
    category: z.string().regex(ID),
    /** The entity type for secrets and PII (`EMAIL`, `AWS_ACCESS_KEY_ID`, …). */
    entity: z.string().regex(/^[A-Z0-9_]+$/).optional(),
    severity: z.enum(SEVERITIES),
    /** Weight of one finding in [0, 1]; defaults by severity (see {@link DEFAULT_SCORE}). */
    score: z.number().min(0).max(1).optional(),
    /** RE2 syntax: no lookaround, no backreferences. */
    pattern: z.string().min(1),
    /** Any of `i` (ignore case), `m` (multi-line anchors), `s` (dot matches newline). */
    flags: z.string().regex(/^(?!.*(.).*\1)[ims]*$/, 'any of i, m, s, once each').default(''),
    /** The text views the rule runs on: secrets want `raw`; phrases want `clean` and `fold`. */
    views: z.array(z.enum(['raw', 'clean', 'fold'])).nonempty().default(['raw']),
    /**
     * Cheap prefilter: the rule runs only when one of these strings occurs in the view
     * (ASCII case-insensitive). Every match of the pattern must contain one of them; loading
     * checks that against every match in the rule's examples. A keyword that begins with
     * `\\b` (`"\\\\bword"` in JSON) counts only where it starts a word (ASCII word characters, as
     * RE2's `\\b` sees them): far fewer chance hits in random data such as base64, and a smaller
     * automaton for the keyword Sets, which try a keyword that may begin inside a word at every
     * character (the built-in packs mark 10,148 of their 15,949 keywords so, up from 2,583: 2 KB
     * slices of real prompts take about 0.9× the time). Mark one wherever every match holds it at a word start,
     * also a match that begins right after a letter (a pattern without a `\\b` of its own can) or
     * that runs words together where its pattern allows it. A keyword is
     * two characters or more, or one symbol such as `@`, for rules whose matches share nothing
     * longer (every e-mail address holds an `@`).
     */
    keywords: KeywordList.optional(),
    /**
     * A second gate, read like `keywords`: every match also contains one of these, and the rule
     * runs only when the text holds a keyword of each list. For a pattern that needs two parts
     * that are each common alone (an address, `@` or `://`, and a secret's name; `you` and
     * `allowed`): the text must hold both before the rule's search runs. Needs `keywords`.
     */
    alsoKeywords: KeywordList.optional(),
    /** Named validators (`luhn`, `entropy:3.5`, …) that every match must pass. */
    validators: z.array(z.string().regex(/^[a-z0-9-]+(:[^\s]+)?$/)).optional(),
    /** Capture group (index or name) whose span is the finding; default the whole match. */
    group: z.union([z.number().int().min(1), z.string().min(1)]).optional(),
    /** Words near a match that raise its score; `required` drops matches without one. */
    context: z
      .object({
        words: z.array(z.string().min(2)).nonempty(),
        /** Characters searched on each side of the match. */
        window: z.number().int().positive().default(48),
        boost: z.number().min(0).max(1).default(0.2),
        required: z.boolean().default(false),
      })
      .optional(),
    /**
     * The innocent uses of the rule's words, in RE2 syntax with the rule's flags: a finding that
     * begins inside a match of this pattern is dropped ("never share your password" is where the
     * request "share your password" begins). It is looked for only around a finding, within
     * {@link UNLESS_REACH} characters on each side, so it costs nothing where the rule does not
     * match; a match that touches that cut (where a `\\b` or `^` may owe itself to the cut) does
     * not count, and the finding stays.
     */
    unless: z.string().min(1).optional(),
    /**
     * Longest text a match can span, in UTF-16 units of the original text; bounds what a stream
     * holds back. The engine enforces it: a longer match is not reported.
     */
    maxLength: z.number().int().positive().optional(),
    /**
     * Printable ASCII literals every match begins with (case-insensitive), e.g. `-----BEGIN`.
     * A stream then holds back a rule's `maxLength` only from where one of them starts, not
     * at every point. Checked at load against every match in the examples.
     */
    startsWith: z.array(z.string().regex(/^[\x20-\x7e]+$/, 'printable ASCII')).nonempty().optional(),
    description: z.string().optional(),
    examples: z.object({
      positive: z.array(PositiveExample).nonempty(),
      negative: z.array(z.string()).nonempty(),
    }),
  })
  .strict()
  .refine((r) => r.alsoKeywords === undefined || r.keywords !== undefined, { message: 'alsoKeywords needs keywords', path: ['alsoKeywords'] });

/** The schema of a pack: one file in `patterns/`, or a plain object a user passes. */
export const PackSchema = z
  .object({
    id: z.string().regex(ID),
    description: z.string().optional(),
    /**
     * Rules of one family share one RE2.Set per view. Keep patterns that make an automaton
     * slow on random data (long fixed-length character runs) in a family of their own.
     */
    family: z.string().regex(ID).optional(),
    rules: z.array(RuleSchema).nonempty(),
  })
  .strict();

/** Characters of the original text on each side of a finding within which its rule's `unless` pattern is looked for (what streams hold back). */
export const UNLESS_REACH = 120;

/** Characters a rule looks at beside a match: its context window, its `unless` reach. */
export function besideReach(rule: Pick<Rule, 'context' | 'unless'>): number {
  return Math.max(rule.context?.window ?? 0, rule.unless === undefined ? 0 : UNLESS_REACH);
}

/** The mark of a keyword that counts only at a word start: a leading `\\b`. */
export const WORD_START = '\\b';

/** A rule as written in a pack file. */
export type RuleInput = z.input<typeof RuleSchema>;
/** A pack as written in a file or passed by a user. */
export type PackInput = z.input<typeof PackSchema>;
/** A rule after validation, with defaults filled in. */
export type Rule = z.output<typeof RuleSchema>;
/** A pack after validation. */
export type Pack = z.output<typeof PackSchema>;

/** The score of a finding whose rule sets none. */
export const DEFAULT_SCORE: Record<Severity, number> = {
  info: 0.1,
  low: 0.3,
  medium: 0.5,
  high: 0.8,
  critical: 0.95,
};
