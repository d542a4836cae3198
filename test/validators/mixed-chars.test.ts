import { describe, expect, it } from 'vitest';
import { mixedChars } from '../../src/validators/mixed-chars.js';

describe('mixedChars', () => {
  it('counts lower, upper, digit and other classes against the minimum', () => {
    expect(mixedChars('hunter2', '2')).toBe(true);
    expect(mixedChars('required', '2')).toBe(false);
    expect(mixedChars('Ab1!', '4')).toBe(true);
    expect(mixedChars('Ab1', '4')).toBe(false);
  });

  it('defaults to two classes', () => {
    expect(mixedChars('abc-def', undefined)).toBe(true);
    expect(mixedChars('abcdef', undefined)).toBe(false);
  });
});
