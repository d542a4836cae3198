import { describe, expect, it } from 'vitest';
import { notUsername } from '../../src/validators/not-username.js';

const at = (text: string, value: string) => {
  const start = text.lastIndexOf(value);
  return notUsername(value, undefined, { text, start, end: start + value.length });
};

describe('notUsername', () => {
  it('rejects a URL password equal to its user name, in any case', () => {
    expect(at('postgres://postgres:postgres@localhost/db', 'postgres')).toBe(false);
    expect(at('amqp://Guest:guest@localhost', 'guest')).toBe(false);
  });

  it('keeps a password that differs from the user name, or has none before it', () => {
    expect(at('postgres://app:s3cr3t-Pass@localhost/db', 's3cr3t-Pass')).toBe(true);
    expect(at('password = postgres', 'postgres')).toBe(true);
  });
});
