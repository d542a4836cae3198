/**
 * Streaming redaction on a 10 KB model answer cut into token-sized chunks (~4 characters):
 * time per chunk, what the stream holds back (characters, and microseconds from a
 * character's arrival to its emission when chunks arrive back to back), and the whole-text
 * redaction of the same answer in the same run for scale. Two rule sets: every built-in
 * secret and PII rule, and the same without the rules longer than 600 characters. Rules
 * with `startsWith` hold back only from their literals, so the longest rule without it
 * sets the hold-back of an answer without secrets.
 *
 *   node --import tsx bench/redact.bench.ts
 */
import { BUILTIN_PACKS } from '../src/builtins.js';
import { compile, type Engine } from '../src/engine/engine.js';
import { PackSchema } from '../src/engine/pack.js';
import { createRedactor, placeholder, ruleBounds } from '../src/redact/index.js';

const ROUNDS = 5;
const prose = [
  'Here is a summary of the configuration you shared, with the steps to rotate the credentials.',
  'First, open the settings page and check the environment variables of the service.',
  'The deployment uses two regions; traffic fails over automatically when one is down.',
  'Contact the on-call engineer if the health checks keep failing after the restart.',
];
const values = ['ann.lee@example.com', '+1 415 555 0132', 'ghp_4f1b9c2d7e8a0b3c5d6e7f8a9b0c1d2e3f4a', 'AKIAIOSFODNN7EXAMPLE'];

/** About 10 KB of prose with a value every ~600 characters. */
function answer(): string {
  let text = '';
  for (let i = 0; text.length < 10_000; i++) {
    text += `${prose[i % prose.length]} `;
    if (i % 6 === 5) text += `Use ${values[(i / 6) % values.length | 0]} for that. `;
  }
  return text.slice(0, 10_000);
}

const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? 0;
const median = (xs: number[]): number => pct(xs, 0.5);

async function measure(name: string, engine: Engine): Promise<void> {
  const redactor = createRedactor({ engine, key: 'bench', operators: { default: placeholder() } });
  const text = answer();
  const chunks = text.match(/[\s\S]{1,4}/g) ?? [];
  const bounds = ruleBounds(engine, new Set(['secret', 'pii']), undefined);
  const whole: number[] = [];
  const perChunk: number[] = [];
  const streamTotal: number[] = [];
  const held: number[] = [];
  const holdUs: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    let t = process.hrtime.bigint();
    const reference = (await redactor.redact(text)).text;
    whole.push(Number(process.hrtime.bigint() - t) / 1e3);

    const pass = redactor.pass();
    const arrival: bigint[] = [];
    let out = '';
    const start = process.hrtime.bigint();
    for (const chunk of chunks) {
      t = process.hrtime.bigint();
      for (let k = 0; k < chunk.length; k++) arrival.push(t);
      const emitted = (await pass.push(chunk)).text;
      const now = process.hrtime.bigint();
      perChunk.push(Number(now - t) / 1e3);
      held.push(pass.held);
      // Characters of the input now decided: everything but what the pass still holds.
      const decided = arrival.length - pass.held;
      while (holdUs.length - round * text.length < decided) holdUs.push(Number(now - arrival[holdUs.length - round * text.length]!) / 1e3);
      out += emitted;
    }
    out += (await pass.end()).text;
    const end = process.hrtime.bigint();
    while (holdUs.length - round * text.length < text.length) holdUs.push(Number(end - arrival[holdUs.length - round * text.length]!) / 1e3);
    streamTotal.push(Number(end - start) / 1e3);
    if (out !== reference) throw new Error(`${name}: stream output differs from whole-text redaction`);
  }
  const holdBack = bounds.plainMaxLength + bounds.context;
  console.log(
    `\n${name}: ${engine.rules.filter((r) => r.rule.category === 'secret' || r.rule.category === 'pii').length} rules, longest maxLength ${bounds.maxLength}, longest without startsWith ${bounds.plainMaxLength}, context ${bounds.context} (hold-back ≈ ${holdBack}+ chars)`,
  );
  console.log(`  answer ${text.length} chars in ${chunks.length} chunks; ${ROUNDS} rounds`);
  console.log(`  whole-text redact          median ${median(whole).toFixed(0)} µs`);
  console.log(`  stream, all chunks         median ${median(streamTotal).toFixed(0)} µs (${(median(streamTotal) / median(whole)).toFixed(1)}× whole-text)`);
  console.log(`  per chunk                  p50 ${median(perChunk).toFixed(1)} µs, p99 ${pct(perChunk, 0.99).toFixed(1)} µs`);
  console.log(`  held back after a chunk    p50 ${median(held)} chars, max ${Math.max(...held)} chars`);
  console.log(`  arrival → emission         p50 ${median(holdUs).toFixed(0)} µs, p99 ${pct(holdUs, 0.99).toFixed(0)} µs (chunks back to back)`);
}

const secretPii = BUILTIN_PACKS.map((p) => PackSchema.parse(p)).flatMap((p) =>
  p.rules.filter((r) => r.category === 'secret' || r.category === 'pii').map((r) => ({ id: `${p.id}/${r.id}`, max: r.maxLength ?? 0 })),
);
const long = secretPii.filter((r) => r.max > 600).map((r) => r.id);

await measure('all built-in secret + PII rules', compile(BUILTIN_PACKS));
await measure(`without the ${long.length} rules longer than 600 chars`, compile(BUILTIN_PACKS, { disable: long }));
