import { describe, expect, it } from 'vitest';
import { notPlaceholder } from '../../src/validators/not-placeholder.js';

describe('notPlaceholder', () => {
  it.each([
    '${DB_PASSWORD}', '{{ password }}', '{PASS}', '$(DB_PASS)', '<your-key>', '%s', '$API_KEY', '#{secret}', '__TOKEN__',
    'changeme', 'xxxx', 'XXXXXXXX', '********', '....', '1111', 'password', 'Password', 'mypassword', 'your_password',
    'YOUR_PASSWORD', 'REPLACE_WITH_PASSWORD', 'your-api-key-here', 'secret', 'process.env.DB_PASS', 'config.secret', 'null', 'string',
  ])('rejects the placeholder %s', (value) => {
    expect(notPlaceholder(value)).toBe(false);
  });

  it.each(['hunter2!', 's3cr3tP4ss', 'passW0rd123', 'secret123', 'myR3alP@ssw0rd', 'wJalrXUtnFEMI/K7MDENG', 'pass', 'm42ploz2wd'])(
    'keeps the value %s',
    (value) => {
      expect(notPlaceholder(value)).toBe(true);
    },
  );
});
