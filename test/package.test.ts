import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const node = (args: string[]) => execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8' });

/** The built package, loaded the way users load it: by its name, through the exports map. */
describe('built package (npm test builds it first)', () => {
  it('has ESM, CJS and type entry points', () => {
    for (const f of ['index.js', 'index.cjs', 'index.d.ts', 'index.d.cts']) expect(existsSync(join(root, 'dist', f))).toBe(true);
  });
  const probe = `const r = pw.scan('x'); const e = new pw.InvalidInputError('m');
    console.log(JSON.stringify({ scan: typeof pw.scan, compile: typeof pw.compile, findings: Array.isArray(r.findings), guard: pw.isPromptwardError(e), packs: pw.BUILTIN_PACKS.length }));`;
  const expected = (out: string) => {
    const got = JSON.parse(out) as Record<string, unknown>;
    expect(got).toMatchObject({ scan: 'function', compile: 'function', findings: true, guard: true });
    expect(got.packs).toBeGreaterThan(0);
  };
  it('imports as ESM', () => {
    expected(node(['--input-type=module', '-e', `import * as pw from 'promptward'; ${probe}`]));
  });
  it('requires as CJS', () => {
    expected(node(['-e', `const pw = require('promptward'); ${probe}`]));
  });
});
