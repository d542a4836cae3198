import { describe, expect, it } from 'vitest';
import { nino } from '../../src/validators/nino.js';

describe('nino', () => {
  it('accepts allocatable numbers with or without spaces, any case', () => {
    for (const v of ['JG 10 37 59 A', 'AB123456C', 'ce 12 34 56 d']) expect(nino(v), v).toBe(true);
  });

  it('rejects excluded letters, unused prefixes and bad suffixes', () => {
    for (const v of ['QQ123456C', 'DA123456A', 'AO123456A', 'BG123456A', 'GB123456A', 'NK123456A', 'TN123456A', 'ZZ123456A', 'AB123456E', 'AB12345C']) {
      expect(nino(v), v).toBe(false);
    }
  });
});
