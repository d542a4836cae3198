import { hash } from '../redact/operators/hash.js';
import { mask } from '../redact/operators/mask.js';
import type { Operator } from '../redact/operators/operator.js';
import { placeholder } from '../redact/operators/placeholder.js';
import { pseudonym } from '../redact/operators/pseudonym.js';
import { remove } from '../redact/operators/remove.js';
import type { OperatorMap } from '../redact/redactor.js';
import type { GuardConfig, OperatorConfig } from './config.js';

/** The operator a config entry names. */
export function operatorOf(config: OperatorConfig): Operator {
  switch (config.type) {
    case 'mask':
      return mask({
        ...(config.prefix === undefined ? {} : { prefix: config.prefix }),
        ...(config.suffix === undefined ? {} : { suffix: config.suffix }),
        ...(config.fill === undefined ? {} : { fill: config.fill }),
      });
    case 'hash':
      return hash(config.length === undefined ? {} : { length: config.length });
    case 'placeholder':
      return placeholder();
    case 'pseudonym':
      return pseudonym();
    case 'remove':
      return remove();
  }
}

const mapValues = <T, U>(o: Record<string, T>, f: (v: T) => U): Record<string, U> =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));

/** The redactor's operators for a guard config's `redaction` section. */
export function operatorsOf(redaction: GuardConfig['redaction']): OperatorMap {
  return {
    default: operatorOf(redaction.default),
    byCategory: mapValues(redaction.byCategory, operatorOf),
    byEntity: mapValues(redaction.byEntity, operatorOf),
  };
}
