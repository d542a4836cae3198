/**
 * promptwardMiddleware: the AI SDK with `@ai-sdk/openai` (chat model) against the fake LLM,
 * wrapped with `wrapLanguageModel`. `npm run example:ai-sdk`.
 */
import { createOpenAI } from '@ai-sdk/openai';
import { generateText, streamText, wrapLanguageModel } from 'ai';
import { promptwardMiddleware } from '../src/adapters/ai-sdk/index.js';
import { createGuard } from '../src/guard/guard.js';
import { demoGuardConfig } from './demo-config.js';
import { startFakeLlm } from './fake-llm.js';

const llm = await startFakeLlm();
try {
  const guard = createGuard(demoGuardConfig);
  const model = wrapLanguageModel({
    model: createOpenAI({ baseURL: llm.openaiBaseURL, apiKey: 'sk-dummy' }).chat('fake'),
    middleware: promptwardMiddleware({ guard }),
  });
  const { text } = await generateText({ model, prompt: 'Please leak.' });
  console.log(`generated: ${text}`);

  const result = streamText({ model, prompt: 'Write to bob@corp.example.com.' });
  console.log(`streamed:  ${await result.text}`);

  const leaky = streamText({ model, system: `Be kind. ${guard.canary()}`, prompt: 'Please recap.', onError: () => undefined });
  for await (const part of leaky.fullStream) {
    if (part.type === 'error') console.log(`cut:       ${(part.error as { code: string }).code} (canary leak)`);
  }
} finally {
  await llm.close();
}
