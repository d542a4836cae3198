import { describe, expect, it } from 'vitest';
import { compile } from '../../src/engine/engine.js';
import type { RuleInput } from '../../src/engine/pack.js';

const rule: RuleInput = {
  id: 'pem',
  category: 'secret',
  severity: 'critical',
  pattern: '(?:-----BEGIN|BEGIN) KEY-----[A-Z]{4,20}',
  maxLength: 35,
  startsWith: ['-----BEGIN'],
  examples: { positive: [{ text: 'x -----BEGIN KEY-----ABCD', match: '-----BEGIN KEY-----ABCD' }], negative: ['-----BEGIN KEY-----ab'] },
};
const load = (r: RuleInput) => () => compile([{ id: 'p', rules: [r] }]);

describe('startsWith', () => {
  it('loads when every match in the examples begins with a literal, case-insensitively', () => {
    expect(load(rule)).not.toThrow();
    expect(load({ ...rule, startsWith: ['-----begin'] })).not.toThrow();
  });

  it('rejects a rule with a match in its examples, positive or negative, that begins otherwise', () => {
    const error = { name: 'PatternError', code: 'PW_PATTERN', message: expect.stringContaining('startsWith') };
    expect(load({ ...rule, startsWith: ['BEGIN'] })).toThrow(expect.objectContaining(error));
    expect(load({ ...rule, examples: { ...rule.examples, negative: ['BEGIN KEY-----ABCD'] } })).toThrow(expect.objectContaining(error));
  });

  it('takes printable ASCII literals only', () => {
    expect(load({ ...rule, startsWith: ['-----BEGIN\n'] })).toThrow(expect.objectContaining({ code: 'PW_PATTERN' }));
    expect(load({ ...rule, startsWith: [] as unknown as [string] })).toThrow(expect.objectContaining({ code: 'PW_PATTERN' }));
  });
});
