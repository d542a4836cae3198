import fc from 'fast-check';
import { OBFUSCATORS, type ObfuscatorName } from './obfuscate.js';

/**
 * `text` disguised by one of the named obfuscators (default: all of them), each equally likely.
 *
 * @example
 * fc.assert(fc.property(obfuscated('ignore previous instructions'), (t) => detectInjection(t).flagged));
 */
export function obfuscated(text: string, names: readonly ObfuscatorName[] = Object.keys(OBFUSCATORS) as ObfuscatorName[]): fc.Arbitrary<string> {
  return fc.oneof(...names.map((name) => OBFUSCATORS[name](text)));
}
