import { describe, expect, it } from 'vitest';
import { restorePattern } from '../../src/redact/restore-pattern.js';

const keys = (labels: string[], text: string): string[] => {
  const p = restorePattern(labels);
  return [...text.matchAll(p.regex)].map((m) => `${m[0]}=>${p.keyOf(m)}`);
};

describe('restorePattern', () => {
  it('accepts what models do to tokens: case, stray spaces, a dropped bracket, a space for an underscore', () => {
    expect(keys(['EMAIL', 'PHONE_NUMBER'], '[email_1] [ EMAIL_2 ] EMAIL_3] [Email 4 [phone number_5] Phone_Number_6')).toEqual([
      '[email_1]=>EMAIL_1',
      '[ EMAIL_2 ]=>EMAIL_2',
      'EMAIL_3]=>EMAIL_3',
      '[Email 4=>EMAIL_4',
      '[phone number_5]=>PHONE_NUMBER_5',
      'Phone_Number_6=>PHONE_NUMBER_6',
    ]);
  });

  it('leaves prose and longer identifiers alone', () => {
    expect(keys(['EMAIL'], 'send email 1 now; MY_EMAIL_1, EMAIL_1x, EMAIL_12345678')).toEqual([]);
  });

  it('prefers the longest label and bounds its match length', () => {
    const p = restorePattern(['PHONE', 'PHONE_NUMBER']);
    expect(keys(['PHONE', 'PHONE_NUMBER'], '[PHONE_NUMBER_2]')).toEqual(['[PHONE_NUMBER_2]=>PHONE_NUMBER_2']);
    expect('[ PHONE_NUMBER_123456 ]'.length).toBeLessThanOrEqual(p.maxLength);
  });
});
