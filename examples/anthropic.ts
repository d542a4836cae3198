/**
 * guardAnthropic: the real Anthropic SDK against the fake LLM, streaming with
 * `messages.stream()`; token usage of the stream settles a token budget.
 * `npm run example:anthropic`.
 */
import Anthropic from '@anthropic-ai/sdk';
import { guardAnthropic } from '../src/adapters/anthropic/index.js';
import { createGuard } from '../src/guard/guard.js';
import { createLimiter, gcra } from '../src/ratelimit/index.js';
import { demoGuardConfig } from './demo-config.js';
import { startFakeLlm } from './fake-llm.js';

const llm = await startFakeLlm();
try {
  const tokenLimiter = createLimiter({ limits: { tokens: gcra({ limit: 100_000, windowMs: 30 * 86_400_000 }) } });
  const anthropic = guardAnthropic(new Anthropic({ baseURL: llm.url, apiKey: 'dummy' }), { guard: createGuard(demoGuardConfig), tokenLimiter, key: () => 'user-42' });
  const stream = anthropic.messages.stream({ model: 'fake', max_tokens: 256, messages: [{ role: 'user', content: 'Please leak.' }] });
  stream.on('text', (delta) => process.stdout.write(delta === '' ? '' : `[${delta}]`));
  const message = await stream.finalMessage();
  console.log(`\nanswer:   ${message.content.map((b) => (b.type === 'text' ? b.text : '')).join('')}`);
  const left = (await tokenLimiter.consume('user-42', 0)).remaining;
  console.log(`tokens:   ${100_000 - left} charged (the usage the stream reported)`);
} finally {
  await llm.close();
}
