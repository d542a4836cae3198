import { randomUUID } from 'node:crypto';
import { compile, type Engine } from '../engine/engine.js';
import type { Finding } from '../engine/finding.js';
import { BlockedError, InvalidInputError, isPromptwardError, PromptwardError } from '../errors.js';
import { createRedactor, type Redactor } from '../redact/redactor.js';
import type { Vault } from '../redact/vault/vault.js';
import { PII_PACKS } from '../scanners/pii/packs.js';
import { detectInjection, injectionScore } from '../scanners/injection/index.js';
import { LEXICAL_MODEL_ID } from '../scanners/injection/lexical.js';
import { SECRET_PACKS } from '../scanners/secrets/packs.js';
import { applySegments } from '../validate/apply.js';
import type { RequestFormat } from '../validate/format.js';
import { isThirdParty, type RequestPath, type Segment, type SegmentRole } from '../validate/segment.js';
import { validateRequest } from '../validate/validate.js';
import { CANARY_PACK, CanaryRegistry } from './canary.js';
import { type Action, type GuardConfig, type GuardConfigInput, parseGuardConfig } from './config.js';
import type { GuardEvent, GuardEventHandler } from './events.js';
import { operatorsOf } from './operators.js';
import { policyOf, strongest } from './policy.js';
import type { StandardSchemaV1, InferOutput } from './standard-schema.js';
import { parseStructured } from './structured.js';

/** A finding with what the guard did about it and, for requests, where it was. */
export interface GuardFinding extends Finding {
  action: Action;
  /** Index of the text segment in the request (input only). */
  segment?: number;
  messageIndex?: number | null;
  path?: RequestPath;
  role?: SegmentRole;
}

/** Common part of the guard's verdicts. */
export interface Verdict {
  /** The strongest action any finding called for (`allow` when nothing was found). */
  action: Action;
  /** True when the text must not pass: enforce mode and a `block` action (or a scanner failure, failing closed). */
  blocked: boolean;
  /** True in monitor mode: nothing was blocked or changed, `action` says what enforce would have done. */
  monitor: boolean;
  findings: GuardFinding[];
  /** The scope that numbers placeholders and keeps pseudonyms; pass it to the answer's check. */
  scope: string;
  /** Why the text was blocked: a {@link BlockedError}, or the scanner error when failing closed. */
  error?: PromptwardError;
}

/** The result of {@link Guard.checkInput}. */
export interface InputVerdict<R = unknown> extends Verdict {
  format: RequestFormat;
  /** The request to send on: a redacted copy where something was redacted, else the original. */
  request: R;
  /** The highest injection score of any untrusted text. */
  injectionScore: number;
}

/** The result of {@link Guard.checkOutput}. */
export interface OutputVerdict extends Verdict {
  /** The answer to pass on: redacted, pseudonyms of the scope restored. */
  text: string;
}

/** Things of a guard that are not data: where events go, the pseudonym vault, a classifier. */
export interface GuardOptions {
  onEvent?: GuardEventHandler;
  /**
   * An optional model that scores untrusted text for injection (a fine-tuned classifier, a
   * remote moderation API): the probability in [0, 1] joins the rule findings' noisy-OR as one
   * more finding (`classifier/injection`) spanning the text. Patterns catch what is phrased
   * like an attack in any language or disguise; a classifier catches intent with no fixed
   * wording. A classifier that throws or answers outside [0, 1] is a scanner failure: the
   * request is blocked unless `onError` is `allow`.
   */
  classifier?: (text: string, segment: Segment) => number | Promise<number>;
  /** Where numbering and pseudonyms live (memory by default; `redisVault` for many processes). */
  vault?: Vault;
}

/** The whole pipeline in one object. */
export interface Guard {
  readonly config: GuardConfig;
  /** Validates a chat request, scans each text for what its trust calls for, applies the policy. */
  checkInput<R = unknown>(request: R, options?: { format?: RequestFormat; scope?: string }): Promise<InputVerdict<R>>;
  /** Like {@link checkInput}, but throws the verdict's error when blocked and returns the request to send. */
  assertInput<R = unknown>(request: R, options?: { format?: RequestFormat; scope?: string }): Promise<InputVerdict<R>>;
  /** Scans an answer for secrets, PII and canary leaks; redacts and restores pseudonyms of `scope`. */
  checkOutput(text: string, options?: { scope?: string }): Promise<OutputVerdict>;
  /**
   * The same for an answer that streams: redacted as it passes (holding back only what could
   * still become a match), pseudonyms of `scope` restored, and errored with a
   * {@link BlockedError} when a blocked finding appears. In monitor mode text passes unchanged
   * and the whole answer is checked at its end, for the events.
   */
  outputStream(options?: { scope?: string }): TransformStream<string, string>;
  /** A new canary token to put in a system prompt; an answer that contains it is a leak. */
  canary(): string;
  /** Parses an answer as JSON checked against a Standard Schema (zod, valibot…). */
  parseOutput<S extends StandardSchemaV1>(text: string, schema: S): Promise<InferOutput<S>>;
}

/**
 * Creates a guard from a config (plain data, validated; a parsed JSON file works).
 *
 * @throws PromptwardError `PW_CONFIG` for an invalid config, `PW_PACK`/`PW_PATTERN` for a bad custom pack.
 * @example
 * const guard = createGuard({ actions: { EMAIL: 'redact', secret: 'block' } });
 * const input = await guard.checkInput(body);
 * if (input.blocked) return res.status(400).json({ error: input.error?.message });
 * const answer = await guard.checkOutput(await llm(input.request), { scope: input.scope });
 */
/* @__NO_SIDE_EFFECTS__ */
export function createGuard(configInput: GuardConfigInput | unknown = {}, options: GuardOptions = {}): Guard {
  const config = parseGuardConfig(configInput);
  const policy = policyOf(config);
  const canaries = new CanaryRegistry(config.canary.max, config.canary.ttlMs);
  const dataPacks = [...(config.packs.builtins ? [...SECRET_PACKS, ...PII_PACKS] : []), ...config.packs.custom, CANARY_PACK];
  const engine: Engine = compile(dataPacks, { disable: config.packs.disable, validators: { canary: canaries.validator } });
  const disabled = new Set(config.packs.disable);
  const injectionPacks = config.injection.packs.length > 0 ? config.injection.packs : undefined;
  const dataCategories = [...new Set(engine.rules.map((r) => r.rule.category))];
  const inputCategories = dataCategories.filter((c) => c !== 'canary');
  const monitor = config.mode === 'monitor';

  const redactor: Redactor = createRedactor({
    engine,
    categories: dataCategories,
    operators: operatorsOf(config.redaction),
    ...(config.redaction.hashKey === undefined ? {} : { key: config.redaction.hashKey }),
    ...(options.vault === undefined ? {} : { vault: options.vault }),
    decide: (finding, value) => {
      if (policy.allowed(finding, value)) return 'keep';
      const action = policy.actionFor(finding);
      return action === 'redact' ? 'redact' : action === 'block' && !monitor ? 'block' : 'keep';
    },
  });

  const emit = (event: GuardEvent): void => {
    if (options.onEvent === undefined) return;
    try {
      options.onEvent(event);
    } catch {
      // A logging hook must not change what the guard decides.
    }
  };

  const isDisabled = (f: Pick<Finding, 'ruleId' | 'category'>): boolean =>
    disabled.has(f.ruleId) || disabled.has(f.category) || disabled.has(f.ruleId.slice(0, f.ruleId.indexOf('/')));

  /** Data findings of `text` with their actions; allowed ones are dropped. */
  const dataFindings = (text: string, categories: readonly string[]): GuardFinding[] =>
    engine
      // No match cap: the redaction pass has none, and a capped verdict would let the 65th
      // value through (or let allow-listed copies hide a blocked one) where a stream redacts it.
      .scan(text, { categories, maxChars: Number.MAX_SAFE_INTEGER, maxMatchesPerRule: Number.POSITIVE_INFINITY })
      .findings.filter((f) => !policy.allowed(f, text.slice(f.start, f.end)))
      .map((f) => ({ ...f, action: policy.actionFor(f) }));

  const blockedError = (direction: 'input' | 'output', findings: GuardFinding[]): BlockedError => {
    const blocking = findings.filter((f) => f.action === 'block');
    const names = [...new Set(blocking.map((f) => f.category))].join(', ');
    return new BlockedError(`${direction === 'input' ? 'request' : 'answer'} blocked: ${names}`, {
      statusCode: direction === 'input' ? 400 : 403,
      issues: blocking.map((f) => ({
        path: f.path === undefined ? [f.start, f.end] : [...f.path, f.start, f.end],
        message: `${f.category}: ${f.ruleId}`,
      })),
    });
  };

  /** A scanner or store failed: fail closed (blocked) or open (reported), as configured. */
  const failure = (direction: 'input' | 'output', error: unknown): PromptwardError => {
    const wrapped = isPromptwardError(error)
      ? error
      : new PromptwardError('PW_SCANNER', `a scanner failed: ${(error as Error)?.message ?? String(error)}`, { cause: error });
    emit({ type: 'error', direction, code: wrapped.code, message: wrapped.message, failOpen: config.onError === 'allow' });
    return wrapped;
  };

  /** The verdict after a failure: blocked with the error when failing closed, else allowed. */
  const failed = (direction: 'input' | 'output', error: unknown): Pick<Verdict, 'action' | 'blocked' | 'error'> => {
    const wrapped = failure(direction, error);
    const blocked = config.onError === 'block' && !monitor;
    return blocked ? { action: 'block', blocked, error: wrapped } : { action: 'allow', blocked };
  };

  const conclude = <V extends Verdict>(direction: 'input' | 'output', verdict: V): V => {
    for (const f of verdict.findings) {
      emit({
        type: 'finding',
        direction,
        ruleId: f.ruleId,
        category: f.category,
        ...(f.entity === undefined ? {} : { entity: f.entity }),
        severity: f.severity,
        action: f.action,
        start: f.start,
        end: f.end,
        ...(f.messageIndex === undefined ? {} : { messageIndex: f.messageIndex }),
      });
    }
    if (verdict.action === 'block') {
      emit({ type: 'block', direction, ruleIds: [...new Set(verdict.findings.filter((f) => f.action === 'block').map((f) => f.ruleId))], monitor });
    }
    return verdict;
  };

  const guard: Guard = {
    config,

    async checkInput(request, o = {}) {
      const scope = o.scope ?? randomUUID();
      const validated = validateRequest(request, {
        format: o.format ?? 'auto',
        limits: config.limits,
        trustedRoles: config.trustedRoles,
      });
      const findings: GuardFinding[] = [];
      let topScore = 0;
      try {
        for (const [i, seg] of validated.segments.entries()) {
          const where = { segment: i, messageIndex: seg.messageIndex, path: seg.path, role: seg.role };
          if (!seg.trusted || config.injection.scanTrusted) {
            const result = detectInjection(seg.text, {
              threshold: config.injection.threshold,
              context: isThirdParty(seg) ? 'document' : 'message',
              maxChars: Number.MAX_SAFE_INTEGER,
              // A disabled word model is not run at all, rather than run and its finding dropped.
              model: !isDisabled({ ruleId: LEXICAL_MODEL_ID, category: 'injection' }),
              ...(injectionPacks === undefined ? {} : { packs: injectionPacks }),
            });
            const kept = result.findings.filter((f) => !isDisabled(f) && !policy.allowed(f, seg.text.slice(f.start, f.end)));
            if (options.classifier !== undefined) {
              const p = await options.classifier(seg.text, seg);
              if (!(p >= 0 && p <= 1)) throw new PromptwardError('PW_SCANNER', `the classifier returned ${String(p)}, not a probability in [0, 1]`);
              if (p > 0) kept.push({ ruleId: 'classifier/injection', category: 'injection', severity: 'high', score: p, start: 0, end: seg.text.length, view: 'raw' });
            }
            const score = injectionScore(kept);
            topScore = Math.max(topScore, score);
            const action: Action = score >= config.injection.threshold ? config.injection.action : 'allow';
            for (const f of kept) findings.push({ ...f, action, ...where });
          }
          for (const f of dataFindings(seg.text, inputCategories)) findings.push({ ...f, ...where });
        }
        const action = strongest(findings.map((f) => f.action));
        let sanitized = validated.request as unknown;
        if (!monitor && action === 'redact') {
          const changed = new Set(findings.filter((f) => f.action === 'redact').map((f) => f.segment!));
          const replacements = [];
          for (const i of changed) {
            const seg = validated.segments[i]!;
            const { text } = await redactor.redact(seg.text, { scope });
            replacements.push({ path: seg.path, text });
          }
          sanitized = applySegments(validated.request, replacements);
          emit({ type: 'redact', direction: 'input', count: findings.filter((f) => f.action === 'redact').length });
        }
        const blocked = !monitor && action === 'block';
        return conclude('input', {
          action,
          blocked,
          monitor,
          findings,
          scope,
          format: validated.format,
          request: sanitized as typeof request,
          injectionScore: topScore,
          ...(blocked ? { error: blockedError('input', findings) } : {}),
        });
      } catch (error) {
        return conclude('input', { ...failed('input', error), monitor, findings, scope, format: validated.format, request, injectionScore: topScore });
      }
    },

    async assertInput(request, o = {}) {
      const verdict = await guard.checkInput(request, o);
      if (verdict.blocked) throw verdict.error!;
      return verdict;
    },

    async checkOutput(text, o = {}) {
      if (typeof text !== 'string') throw new InvalidInputError(`checkOutput expects a string, got ${typeof text}`);
      const scope = o.scope ?? randomUUID();
      let findings: GuardFinding[] = [];
      try {
        findings = dataFindings(text, dataCategories);
        const action = strongest(findings.map((f) => f.action));
        const blocked = !monitor && action === 'block';
        let out = text;
        if (!monitor && !blocked && (action === 'redact' || o.scope !== undefined)) {
          out = (await redactor.redact(text, { scope, restore: o.scope !== undefined })).text;
          if (action === 'redact') emit({ type: 'redact', direction: 'output', count: findings.filter((f) => f.action === 'redact').length });
        }
        return conclude('output', {
          action,
          blocked,
          monitor,
          findings,
          scope,
          text: blocked ? '' : out,
          ...(blocked ? { error: blockedError('output', findings) } : {}),
        });
      } catch (error) {
        const verdict = failed('output', error);
        return conclude('output', { ...verdict, monitor, findings, scope, text: verdict.blocked ? '' : text });
      }
    },

    outputStream(o = {}) {
      if (monitor) {
        let whole = '';
        return new TransformStream<string, string>({
          transform(chunk, controller) {
            whole += chunk;
            controller.enqueue(chunk);
          },
          async flush() {
            await guard.checkOutput(whole, o.scope === undefined ? {} : { scope: o.scope });
          },
        });
      }
      const scope = o.scope ?? randomUUID();
      const pass = redactor.pass({ scope, ...(o.scope === undefined ? {} : { restore: true }) });
      const report = (found: Finding[]): void => {
        for (const f of found) {
          const action = policy.actionFor(f);
          emit({ type: 'finding', direction: 'output', ruleId: f.ruleId, category: f.category, ...(f.entity === undefined ? {} : { entity: f.entity }), severity: f.severity, action, start: f.start, end: f.end });
        }
      };
      const fail = (error: unknown): never => {
        if (isPromptwardError(error) && error.code === 'PW_BLOCKED') {
          emit({ type: 'block', direction: 'output', ruleIds: error.issues.map((i) => i.message.slice(i.message.indexOf(': ') + 2)), monitor });
          throw new BlockedError(`answer blocked: ${error.message}`, { statusCode: 403, issues: error.issues, cause: error });
        }
        const wrapped = failure('output', error);
        throw wrapped;
      };
      return new TransformStream<string, string>({
        async transform(chunk, controller) {
          const step = await pass.push(chunk).catch(fail);
          report(step.findings);
          if (step.text !== '') controller.enqueue(step.text);
        },
        async flush(controller) {
          const step = await pass.end().catch(fail);
          report(step.findings);
          if (step.text !== '') controller.enqueue(step.text);
        },
      });
    },

    canary() {
      return canaries.issue();
    },

    parseOutput(text, schema) {
      return parseStructured(text, schema);
    },
  };
  return guard;
}
