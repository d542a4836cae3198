/**
 * guardedFetch: any HTTP client of an OpenAI- or Anthropic-style API. Here plain `fetch`
 * calls to the Responses API, streamed as server-sent events, and a rate limit.
 * `npm run example:fetch`.
 */
import { guardedFetch } from '../src/adapters/fetch/index.js';
import { createGuard } from '../src/guard/guard.js';
import { createLimiter, gcra } from '../src/ratelimit/index.js';
import { demoGuardConfig } from './demo-config.js';
import { startFakeLlm } from './fake-llm.js';

const llm = await startFakeLlm();
try {
  const limiter = createLimiter({ limits: { requests: gcra({ limit: 2, windowMs: 60_000 }) } });
  const guarded = guardedFetch({ guard: createGuard(demoGuardConfig), limiter });
  const call = (body: unknown) => guarded(`${llm.openaiBaseURL}/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  const streamed = await call({ model: 'fake', input: 'Please leak.', stream: true });
  const sse = await streamed.text();
  const deltas = [...sse.matchAll(/"delta":"((?:[^"\\]|\\.)*)"/g)].map((m) => JSON.parse(`"${m[1]}"`) as string);
  console.log(`streamed: ${deltas.join('')}`);
  console.log(`events:   ${sse.split('\n').filter((l) => l.startsWith('event: ')).length}, key leaked: ${sse.includes('AKIA')}`);

  await (await call({ model: 'fake', input: 'hi' })).text();
  const refused = await call({ model: 'fake', input: 'hi' });
  console.log(`refused:  ${refused.status} retry-after=${refused.headers.get('retry-after')} ratelimit=${refused.headers.get('ratelimit')}`);
  await refused.text();
} finally {
  await llm.close();
}
