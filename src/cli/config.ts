import { readFileSync } from 'node:fs';
import { BUILTIN_PACKS } from '../builtins.js';
import { compile, type Engine } from '../engine/engine.js';
import { InvalidInputError } from '../errors.js';
import { type GuardConfig, parseGuardConfig } from '../guard/config.js';
import { operatorsOf } from '../guard/operators.js';
import { createRedactor, type Redactor } from '../redact/redactor.js';
import { DOCUMENT_PACKS } from '../scanners/injection/packs.js';
import type { InjectionContext } from '../scanners/injection/types.js';
import { PII_PACKS } from '../scanners/pii/packs.js';
import { SECRET_PACKS } from '../scanners/secrets/packs.js';

/** The guard config in `path` (a JSON file), or the defaults. */
export function loadConfig(path: string | undefined): GuardConfig {
  if (path === undefined) return parseGuardConfig({});
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    // JSON.parse's message quotes the file around the error, which may be a key: say where, not what.
    const where = error instanceof SyntaxError ? 'not valid JSON' : ((error as NodeJS.ErrnoException).code ?? 'unreadable');
    throw new InvalidInputError(`cannot read config ${path}: ${where}`);
  }
  return parseGuardConfig(raw);
}

/**
 * Every rule `scan` runs: the built-in packs (unless turned off), custom and injection packs, less
 * `disable`; for third-party content (`context` document), the built-in document packs too.
 */
export function scanEngine(config: GuardConfig, context: InjectionContext = 'message'): Engine {
  const builtins = config.packs.builtins ? [...BUILTIN_PACKS, ...(context === 'document' ? DOCUMENT_PACKS : [])] : [];
  return compile([...builtins, ...config.packs.custom, ...config.injection.packs], { disable: config.packs.disable });
}

/** The redactor `redact` uses: secret and PII packs and custom ones, with the config's operators. */
export function cliRedactor(config: GuardConfig): Redactor {
  const engine = compile([...(config.packs.builtins ? [...SECRET_PACKS, ...PII_PACKS] : []), ...config.packs.custom], {
    disable: config.packs.disable,
  });
  return createRedactor({
    engine,
    categories: [...new Set(engine.rules.map((r) => r.rule.category))],
    operators: operatorsOf(config.redaction),
    ...(config.redaction.hashKey === undefined ? {} : { key: config.redaction.hashKey }),
  });
}
