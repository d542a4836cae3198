import { randomBytes, randomUUID } from 'node:crypto';
import { BUILTIN_PACKS } from '../builtins.js';
import { compile, type Engine } from '../engine/engine.js';
import type { Finding } from '../engine/finding.js';
import { PromptwardError } from '../errors.js';
import { ruleBounds } from './bounds.js';
import { reachOf } from './horizon.js';
import { labelOf } from './label.js';
import type { Operator } from './operators/operator.js';
import { placeholder } from './operators/placeholder.js';
import { ownTokens } from './own-token.js';
import { Pass, type PassConfig } from './pass.js';
import type { Replacement } from './render.js';
import { restorePattern } from './restore-pattern.js';
import { memoryVault } from './vault/memory.js';
import type { Vault } from './vault/vault.js';

/** Which operator applies to a finding: by entity, else by category, else `default`. */
export interface OperatorMap {
  byEntity?: Readonly<Record<string, Operator>>;
  byCategory?: Readonly<Record<string, Operator>>;
  /** Default {@link placeholder}. */
  default?: Operator;
}

/** Options of {@link createRedactor}. */
export interface RedactorOptions {
  /** The rules that find values. Default: the built-in packs. */
  engine?: Engine;
  /** Categories whose findings are redacted. Default `['secret', 'pii']`. */
  categories?: readonly string[];
  operators?: OperatorMap;
  /** Key of the `hash` operator and of the vault's digests. Default: random per redactor, so hashes are stable only within it. */
  key?: string | Uint8Array;
  /** Where numbering and pseudonyms live. Default: a {@link memoryVault} of this redactor's own. */
  vault?: Vault;
  /**
   * Decides per finding, overriding `categories` and the `block` option: `redact` it, `block`
   * the text, or `keep` it as it is. `value` is the matched text. For policies by entity,
   * rule or allow-list (the guard's).
   */
  decide?: (finding: Finding, value: string) => 'redact' | 'block' | 'keep';
  /**
   * `maxLength` for rules that declare none. Streams need a bound for every rule; without
   * this option, `stream()` on an engine with an unbounded rule throws `PW_CONFIG`.
   */
  defaultMaxLength?: number;
}

/** Options of one redaction, whole-text or streamed. */
export interface RedactOptions {
  /** The request or conversation: numbering and pseudonyms are per scope. Default: a new random scope. */
  scope?: string;
  /** Categories that refuse the text: a finding of one throws (or errors the stream) with `PW_BLOCKED`. */
  block?: readonly string[];
  /** Put back the pseudonyms this scope issued earlier (for a model's answer). Needs `scope`. */
  restore?: boolean;
}

/** The result of {@link Redactor.redact}. */
export interface RedactResult {
  text: string;
  /** The scope used, to pass to `restore` or to the stream of the answer. */
  scope: string;
  /** Findings of the redacted categories, in text order. */
  findings: Finding[];
  /** What was replaced, in text order. */
  replacements: Replacement[];
}

/** Redacts texts and streams with one set of rules, operators, key and vault. */
export interface Redactor {
  redact(text: string, options?: RedactOptions): Promise<RedactResult>;
  /** Puts back every pseudonym token `scope` issued, as models write them (any case, stray spaces, a bracket dropped). */
  restore(text: string, scope: string): Promise<string>;
  /**
   * A stream that redacts text as it passes: it holds back only the tail that could still
   * become part of a match, and its output equals `redact` of the whole text.
   *
   * @throws PromptwardError `PW_CONFIG` when a rule has no `maxLength` and no `defaultMaxLength` is set.
   */
  stream(options?: RedactOptions): TransformStream<string, string>;
  /** Starts a pass: the engine of `stream` and `redactStream`. */
  pass(options?: RedactOptions): Pass;
}

/**
 * Creates a redactor.
 *
 * @example
 * const redactor = createRedactor({
 *   engine: compile(BUILTIN_PACKS),
 *   key: process.env.REDACT_KEY,
 *   operators: { byEntity: { EMAIL: pseudonym() }, byCategory: { secret: mask({ prefix: 3, suffix: 4 }) } },
 * });
 * const { text, scope } = await redactor.redact(userMessage);
 * const answer = modelStream.pipeThrough(redactor.stream({ scope, restore: true, block: ['secret'] }));
 */
/* @__NO_SIDE_EFFECTS__ */
export function createRedactor(options: RedactorOptions = {}): Redactor {
  const engine = options.engine ?? compile(BUILTIN_PACKS);
  const categories = options.categories ?? ['secret', 'pii'];
  const redacted = new Set(categories);
  const { byEntity = {}, byCategory = {}, default: fallback = placeholder() } = options.operators ?? {};
  const key = options.key === undefined ? randomBytes(32) : typeof options.key === 'string' ? Buffer.from(options.key) : options.key;
  const vault = options.vault ?? memoryVault();
  const labels = engine.rules.filter((r) => redacted.has(r.rule.category)).map((r) => labelOf(r.rule));
  const tokens = restorePattern(labels);
  // Hash tokens are as long as the hash operators make them; probing one with an empty
  // label gives '[:' + hex + ']'.
  const ops = [...Object.values(byEntity), ...Object.values(byCategory), fallback];
  const hex = Math.max(0, ...ops.filter((op) => op.kind === 'hash').map((op) => op.apply({ value: '', label: '', index: 0, key }).length - 3));
  const own = ownTokens(labels, hex);
  const operatorFor = (f: Finding): Operator =>
    (f.entity === undefined ? undefined : byEntity[f.entity]) ?? byCategory[f.category] ?? fallback;

  const configure = (o: RedactOptions, streaming: boolean): PassConfig => {
    if (o.restore === true && o.scope === undefined) {
      throw new PromptwardError('PW_CONFIG', 'restore needs the scope the input was redacted in');
    }
    const block = new Set(o.block ?? []);
    const scanned = [...new Set([...categories, ...block])];
    const restore = o.restore === true ? tokens : undefined;
    const bounds = ruleBounds(engine, new Set(scanned), options.defaultMaxLength);
    if (streaming && bounds.unbounded.length > 0) {
      throw new PromptwardError(
        'PW_CONFIG',
        `streaming needs a maxLength on every enabled rule (or the defaultMaxLength option); missing on ${bounds.unbounded.join(', ')}`,
        { issues: bounds.unbounded.map((id) => ({ path: ['rules', id, 'maxLength'], message: 'no maxLength' })) },
      );
    }
    const maxLength = Math.max(bounds.maxLength, restore?.maxLength ?? 0);
    // The cluster cap shapes the output, so a whole text and a stream must use the same one;
    // with an unbounded rule there is no stream to agree with.
    const cap = bounds.unbounded.length > 0 ? Number.POSITIVE_INFINITY : 2 * Math.max(maxLength, 1);
    return {
      engine,
      scanned,
      redacted,
      decide: options.decide,
      cap,
      own,
      operatorFor,
      key,
      vault,
      scope: o.scope ?? randomUUID(),
      block,
      restore,
      reach: reachOf(engine, new Set(scanned), options.defaultMaxLength ?? 0, own.maxLength, restore?.maxLength ?? 0),
    };
  };

  const pass = (o: RedactOptions = {}): Pass => new Pass(configure(o, true));

  return {
    async redact(text, o = {}) {
      const config = configure(o, false);
      const { text: out, findings, replacements } = await new Pass(config).end(text);
      return { text: out, scope: config.scope, findings, replacements };
    },
    async restore(text, scope) {
      const re = tokens.regex;
      const found = [...text.matchAll(re)];
      if (found.length === 0) return text;
      const originals = await vault.resolve(scope, found.map((m) => tokens.keyOf(m)));
      let at = 0;
      let out = '';
      found.forEach((m, i) => {
        out += text.slice(at, m.index) + (originals[i] ?? m[0]);
        at = m.index + m[0].length;
      });
      return out + text.slice(at);
    },
    stream(o = {}) {
      const p = pass(o);
      return new TransformStream<string, string>({
        async transform(chunk, controller) {
          const { text } = await p.push(chunk);
          if (text !== '') controller.enqueue(text);
        },
        async flush(controller) {
          const { text } = await p.end();
          if (text !== '') controller.enqueue(text);
        },
      });
    },
    pass,
  };
}
