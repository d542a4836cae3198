import type { LanguageModelV3Usage } from '@ai-sdk/provider';
import type { Usage as AnthropicSdkUsage } from '@anthropic-ai/sdk/resources/messages/messages';
import type { LanguageModelUsage } from 'ai';
import type { CompletionUsage } from 'openai/resources/completions';
import type { ResponseUsage } from 'openai/resources/responses/responses';
import { describe, expect, it } from 'vitest';
import { aiSdkUsageTokens, anthropicUsageTokens, openAIChatUsageTokens, openAIResponsesUsageTokens } from '../../src/ratelimit/index.js';

describe('token totals from client usage shapes', () => {
  it('OpenAI Chat Completions: total_tokens, else prompt + completion', () => {
    const usage: CompletionUsage = { prompt_tokens: 120, completion_tokens: 30, total_tokens: 150 };
    expect(openAIChatUsageTokens(usage)).toBe(150);
    expect(openAIChatUsageTokens({ prompt_tokens: 120, completion_tokens: 30 })).toBe(150);
    expect(openAIChatUsageTokens(undefined)).toBe(0);
    expect(openAIChatUsageTokens(null)).toBe(0);
  });

  it('OpenAI Responses: total_tokens, else input + output (cached tokens are inside input)', () => {
    const usage: ResponseUsage = {
      input_tokens: 200,
      input_tokens_details: { cached_tokens: 150 } as ResponseUsage['input_tokens_details'],
      output_tokens: 50,
      output_tokens_details: { reasoning_tokens: 10 },
      total_tokens: 250,
    };
    expect(openAIResponsesUsageTokens(usage)).toBe(250);
    expect(openAIResponsesUsageTokens({ input_tokens: 200, output_tokens: 50 })).toBe(250);
  });

  it('Anthropic: input + output + cache writes + cache reads, nulls as 0', () => {
    const usage = {
      input_tokens: 10,
      output_tokens: 40,
      cache_creation_input_tokens: 1_000,
      cache_read_input_tokens: 500,
    } satisfies Partial<AnthropicSdkUsage>;
    expect(anthropicUsageTokens(usage)).toBe(1_550);
    expect(anthropicUsageTokens({ input_tokens: 10, output_tokens: 40, cache_creation_input_tokens: null, cache_read_input_tokens: null })).toBe(50);
  });

  it('AI SDK: totalTokens, else input + output; provider-level usage with nested totals', () => {
    const usage: LanguageModelUsage = {
      inputTokens: 70,
      inputTokenDetails: { noCacheTokens: 70, cacheReadTokens: 0, cacheWriteTokens: 0 },
      outputTokens: 30,
      outputTokenDetails: { textTokens: 30, reasoningTokens: 0 },
      totalTokens: 100,
    };
    expect(aiSdkUsageTokens(usage)).toBe(100);
    expect(aiSdkUsageTokens({ ...usage, totalTokens: undefined })).toBe(100);
    const provider: LanguageModelV3Usage = {
      inputTokens: { total: 70, noCache: 70, cacheRead: undefined, cacheWrite: undefined },
      outputTokens: { total: 30, text: 30, reasoning: undefined },
    };
    expect(aiSdkUsageTokens(provider)).toBe(100);
    expect(aiSdkUsageTokens({ inputTokens: undefined, outputTokens: undefined, totalTokens: undefined })).toBe(0);
  });

  it('ignores negative and non-finite counts instead of refunding with them', () => {
    expect(openAIChatUsageTokens({ prompt_tokens: -5, completion_tokens: Number.NaN })).toBe(0);
    expect(anthropicUsageTokens({ input_tokens: Number.POSITIVE_INFINITY, output_tokens: 3 })).toBe(3);
  });
});
