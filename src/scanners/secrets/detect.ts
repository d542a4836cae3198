import { compile, type Engine, type ScanOptions } from '../../engine/engine.js';
import type { Finding } from '../../engine/finding.js';
import { SECRET_PACKS } from './packs.js';

/** A secret finding: the entity type is always set. */
export interface SecretFinding extends Finding {
  /** `AWS_ACCESS_KEY_ID`, `GITHUB_TOKEN`, `OPENAI_API_KEY`, `PRIVATE_KEY`, `JWT`, `DATABASE_URL_PASSWORD`, `PASSWORD`, … */
  entity: string;
}

/** Options of {@link detectSecrets}. */
export interface DetectSecretsOptions extends Pick<ScanOptions, 'maxChars' | 'maxMatchesPerRule'> {
  /** Only findings of these entity types. Default: all. */
  entities?: readonly string[];
}

/** The pack whose rules recognise a secret by where it stands, not by its format. */
const GENERIC_PACK = 'secrets-generic/';

let shared: Engine | undefined;

/** The engine of the secret packs alone, compiled on first use. */
export function secretsEngine(): Engine {
  shared ??= compile(SECRET_PACKS);
  return shared;
}

/**
 * Finds credentials in `text` with the secret packs. When a vendor rule and a generic one
 * (`api_key = …`, a URL password) report overlapping text, the vendor finding stands alone:
 * it names the entity precisely, and two findings for one key would only add noise.
 *
 * @example
 * detectSecrets('OPENAI_API_KEY=sk-proj-…T3BlbkFJ…').map((f) => f.entity);
 * // ['OPENAI_API_KEY']
 */
export function detectSecrets(text: string, options: DetectSecretsOptions = {}): SecretFinding[] {
  const only = options.entities === undefined ? null : new Set(options.entities);
  const found = secretsEngine()
    .scan(text, options)
    .findings.filter((f): f is SecretFinding => f.entity !== undefined && (only === null || only.has(f.entity)));
  const specific = found.filter((f) => !f.ruleId.startsWith(GENERIC_PACK));
  return found.filter(
    (f) => !f.ruleId.startsWith(GENERIC_PACK) || !specific.some((s) => s.start < f.end && f.start < s.end),
  );
}
