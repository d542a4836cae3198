import { describe, expect, it } from 'vitest';
import { PackSchema } from '../../src/engine/pack.js';
import { detectSecrets } from '../../src/scanners/secrets/detect.js';
import { SECRET_PACKS } from '../../src/scanners/secrets/packs.js';

const rules = SECRET_PACKS.flatMap((p) => PackSchema.parse(p).rules.map((r) => ({ pack: p.id, rule: r })));

describe('secret packs', () => {
  it('cover at least 150 credential formats', () => {
    expect(rules.length).toBeGreaterThanOrEqual(150);
  });

  it.each(rules.map((r) => [`${r.pack}/${r.rule.id}`, r.rule] as const))(
    '%s is a secret rule with an entity, the raw view and a bounded maxLength',
    (_id, rule) => {
      expect(rule.category).toBe('secret');
      expect(rule.entity).toMatch(/^[A-Z0-9_]+$/);
      expect(rule.views).toEqual(['raw']);
      expect(rule.maxLength).toBeGreaterThan(0);
      expect(rule.maxLength).toBeLessThanOrEqual(20_000);
      // Unbounded repetition only where a stream can wait for a literal start: the engine drops
      // any match longer than maxLength, and startsWith keeps the hold-back short until one appears.
      const outsideClasses = rule.pattern.replace(/\\./g, '').replace(/\[[^\]]*\]/g, '');
      if (/[+*]|\{\d+,\}/.test(outsideClasses)) expect(rule.startsWith).toBeDefined();
      for (const ex of rule.examples.positive) expect(ex.match.length).toBeLessThanOrEqual(rule.maxLength!);
    },
  );
});

describe('detectSecrets', () => {
  it('reports the vendor entity alone where a generic rule sees the same key', () => {
    const key = 'sk-ant-api03-' + 'EXAMPLEfakeKEY0123456789'.repeat(4).slice(0, 93) + 'AA';
    const found = detectSecrets(`ANTHROPIC_API_KEY=${key}`);
    expect(found.map((f) => f.entity)).toEqual(['ANTHROPIC_API_KEY']);
    expect(found[0]!.start).toBe('ANTHROPIC_API_KEY='.length);
  });

  it('redacts only the password of a connection URL and of an assignment', () => {
    const text = 'DATABASE_URL=postgres://app:Blue-Kettle-42@db.internal:5432/app\npassword = "hunter2-Blue"';
    const spans = detectSecrets(text).map((f) => [f.entity, text.slice(f.start, f.end)]);
    expect(spans).toEqual([
      ['DATABASE_URL_PASSWORD', 'Blue-Kettle-42'],
      ['PASSWORD', 'hunter2-Blue'],
    ]);
  });

  it('skips placeholders and template variables', () => {
    const text = [
      'password = "changeme"',
      'API_KEY=${API_KEY}',
      'token: <your-key>',
      'postgres://user:password@localhost/db',
      'https://${user}:${pass}@example.com',
      'AWS_SECRET_ACCESS_KEY=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
    ].join('\n');
    expect(detectSecrets(text)).toEqual([]);
  });

  it('finds a PEM private key in full and keeps the span within its maxLength', () => {
    const body = Array.from({ length: 25 }, () => 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDEXAMPLEfake0').join('\n');
    const pem = `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----`;
    const [f] = detectSecrets(`key:\n${pem}\n`);
    expect(f?.entity).toBe('PRIVATE_KEY');
    expect(`key:\n${pem}\n`.slice(f!.start, f!.end)).toBe(pem);
  });

  it('filters by entity', () => {
    const text = 'AKIAIOSFODNN7EXAMPLE and password = "hunter2-Blue"';
    expect(detectSecrets(text, { entities: ['PASSWORD'] }).map((f) => f.entity)).toEqual(['PASSWORD']);
  });
});
