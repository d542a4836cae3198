/**
 * `npm run eval`: detection quality on the labelled dev data in `../shared/eval/`
 * (or the folder named by PROMPTWARD_EVAL_DIR). Each module in `bench/eval/` reads the
 * files it knows and prints its own tables; a missing file is reported, not an error.
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dataDir = resolve(process.env.PROMPTWARD_EVAL_DIR ?? join(here, '..', '..', 'shared', 'eval'));

if (!existsSync(dataDir)) {
  console.log(`No evaluation data at ${dataDir}: nothing to measure (set PROMPTWARD_EVAL_DIR to point elsewhere).`);
  process.exit(0);
}

const only = process.argv[2];
for (const file of readdirSync(join(here, 'eval')).filter((f) => f.endsWith('.ts')).sort()) {
  if (only !== undefined && !file.startsWith(only)) continue;
  const mod = (await import(pathToFileURL(join(here, 'eval', file)).href)) as { run(dir: string): Promise<void> | void };
  console.log(`\n=== ${file.replace(/\.ts$/, '')} ===`);
  await mod.run(dataDir);
}
