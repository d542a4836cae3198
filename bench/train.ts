/**
 * `npm run train`: retrains the injection scanner's word model from this project's own texts
 * (see `bench/lib/train.ts`) and writes `patterns/models/injection.json`.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_TRAIN, train, trainingTexts } from './lib/train.js';

const texts = trainingTexts();
const count = (origin: string, label: number): number => texts.filter((t) => t.origin === origin && t.label === label).length;
for (const origin of ['probes', 'examples', 'train']) {
  console.log(`${origin}: ${count(origin, 1)} attacks, ${count(origin, 0)} innocent texts`);
}
const model = train(texts, DEFAULT_TRAIN);
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'patterns', 'models', 'injection.json');
writeFileSync(out, `${JSON.stringify(model)}\n`);
console.log(`wrote ${out}: ${Buffer.from(model.weights, 'base64').length} features, bias ${model.bias.toFixed(3)}`);
