import { z } from 'zod';
import { PromptwardError } from '../errors.js';
import { ValidationLimitsSchema } from '../validate/limits.js';

/** What the guard does with a finding. */
export const ACTIONS = ['block', 'redact', 'flag', 'allow'] as const;
export type Action = (typeof ACTIONS)[number];

const Action = z.enum(ACTIONS);

/** Actions that hold unless the config names the same key. */
export const DEFAULT_ACTIONS: Readonly<Record<string, Action>> = { secret: 'redact', pii: 'redact', canary: 'block' };

/** A redaction operator, as data. */
const OperatorSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('mask'),
    /** Characters kept at the start. Default 0. */
    prefix: z.number().int().min(0).optional(),
    /** Characters kept at the end. Default 4. */
    suffix: z.number().int().min(0).optional(),
    /** What stands for the hidden middle. Default `…`. */
    fill: z.string().optional(),
  }),
  z.strictObject({ type: z.literal('placeholder') }),
  z.strictObject({
    type: z.literal('hash'),
    /** Hex characters of the HMAC kept, 8 to 64. Default 16. */
    length: z.number().int().min(8).max(64).optional(),
  }),
  z.strictObject({ type: z.literal('pseudonym') }),
  z.strictObject({ type: z.literal('remove') }),
]);
export type OperatorConfig = z.infer<typeof OperatorSchema>;

/**
 * The guard's configuration: plain data, so a JSON file works as well as an object literal.
 * Every field has a default; `{}` is a valid config (block injection, redact secrets and PII,
 * block canary leaks, fail closed).
 */
export const GuardConfigSchema = z.strictObject({
  /** `enforce` blocks and redacts; `monitor` only reports what enforce would have done. */
  mode: z.enum(['enforce', 'monitor']).default('enforce'),
  /** When a scanner or store throws: `block` (default, fail closed) or `allow` (fail open, reported). */
  onError: z.enum(['block', 'allow']).default('block'),
  packs: z
    .strictObject({
      /** Run the built-in secret, PII and injection packs. */
      builtins: z.boolean().default(true),
      /** Extra packs in the pack format, scanned on every text (input and output). */
      custom: z.array(z.unknown()).default([]),
      /** Rule ids (`pack/rule`), pack ids or categories to leave out. */
      disable: z.array(z.string()).default([]),
    })
    .prefault({}),
  injection: z
    .strictObject({
      /** What a text whose injection score reaches the threshold gets. */
      action: Action.default('block'),
      /** Score in [0, 1] at which a text counts as an injection. */
      threshold: z.number().min(0).max(1).default(0.5),
      /** Scan trusted text (system and developer prompts) for injection too. */
      scanTrusted: z.boolean().default(false),
      /** Extra packs scanned as injection rules (their findings count toward the score). */
      packs: z.array(z.unknown()).default([]),
    })
    .prefault({}),
  /**
   * Actions for findings of secret, PII, canary and custom rules, keyed by rule id, entity or
   * category; the most specific key wins (rule id, then entity, then category), else `flag`.
   * Merged over {@link DEFAULT_ACTIONS}.
   */
  actions: z.record(z.string(), Action).default({}),
  redaction: z
    .strictObject({
      default: OperatorSchema.default({ type: 'placeholder' }),
      byCategory: z.record(z.string(), OperatorSchema).default({}),
      byEntity: z.record(z.string(), OperatorSchema).default({}),
      /** Key of the `hash` operator; without it, hashes are stable only within one guard. */
      hashKey: z.string().min(16).optional(),
    })
    .prefault({}),
  allow: z
    .strictObject({
      /** Rule ids whose findings are dropped everywhere. */
      rules: z.array(z.string()).default([]),
      /** Exact values to let through, keyed by rule id or entity (`EMAIL: ["support@acme.test"]`). */
      values: z.record(z.string(), z.array(z.string())).default({}),
    })
    .prefault({}),
  /** Request validation limits (see `ValidationLimits`); `null` turns a size limit off. */
  limits: ValidationLimitsSchema.prefault({}),
  /** Roles whose text is trusted (not injection-scanned unless `injection.scanTrusted`). */
  trustedRoles: z.array(z.enum(['system', 'developer', 'user', 'assistant', 'tool'])).default(['system', 'developer']),
  canary: z
    .strictObject({
      /** Tokens remembered at once. */
      max: z.number().int().positive().default(10_000),
      /** How long a token stays valid, in ms; 0 until pushed out. */
      ttlMs: z.number().int().min(0).default(0),
    })
    .prefault({}),
});

/** A guard config as written (every field optional). */
export type GuardConfigInput = z.input<typeof GuardConfigSchema>;
/** A guard config with its defaults filled in. */
export type GuardConfig = z.output<typeof GuardConfigSchema>;

/**
 * Validates a config (an object, or the parsed JSON of a config file).
 *
 * @throws PromptwardError `PW_CONFIG` listing every problem with its path.
 */
export function parseGuardConfig(input: unknown): GuardConfig {
  const parsed = GuardConfigSchema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message }));
  throw new PromptwardError('PW_CONFIG', `invalid guard config: ${issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`, { issues });
}
