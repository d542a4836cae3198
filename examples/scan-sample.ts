/**
 * The quick-start demo: scans a text file (default examples/sample.txt) with the built-in
 * packs and prints each finding with its span. `npm run demo [-- file]`.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scan } from '../src/index.js';

const file = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), 'sample.txt');
const text = readFileSync(file, 'utf8');
const result = scan(text);

console.log(`${file}: ${result.findings.length} findings, score ${result.score.toFixed(2)}, ${result.flagged ? 'FLAGGED' : 'clean'}`);
for (const f of result.findings) {
  const snippet = text.slice(f.start, f.end).replace(/\s+/g, ' ');
  const shown = f.category === 'secret' ? `${snippet.slice(0, 4)}…(${snippet.length} chars)` : snippet;
  console.log(`  [${f.start}, ${f.end}) ${f.severity.padEnd(8)} ${f.ruleId.padEnd(40)} ${f.entity ?? f.category}  ${JSON.stringify(shown)}`);
}
