import type Anthropic from '@anthropic-ai/sdk';
import type { LanguageModelV3Prompt } from '@ai-sdk/provider';
import type { ModelMessage } from 'ai';
import type OpenAI from 'openai';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  validateRequest,
  type AiSdkPrompt,
  type AnthropicRequest,
  type OpenAIChatRequest,
  type OpenAIResponsesRequest,
} from '../../src/validate/index.js';

// The type-level checks run under `tsc --noEmit`; the runtime checks feed SDK-typed objects
// through the schemas, so neither the types nor the schemas can drift from the SDKs unnoticed.

describe('real SDK request types', () => {
  it('are assignable to the request types the schemas accept', () => {
    expectTypeOf<OpenAI.Chat.ChatCompletionCreateParams>().toExtend<OpenAIChatRequest>();
    expectTypeOf<OpenAI.Chat.ChatCompletionCreateParamsStreaming>().toExtend<OpenAIChatRequest>();
    expectTypeOf<OpenAI.Responses.ResponseCreateParams>().toExtend<OpenAIResponsesRequest>();
    expectTypeOf<Anthropic.MessageCreateParams>().toExtend<AnthropicRequest>();
    expectTypeOf<ModelMessage[]>().toExtend<AiSdkPrompt>();
    expectTypeOf<LanguageModelV3Prompt>().toExtend<AiSdkPrompt>();
    expectTypeOf<{ system: string; messages: ModelMessage[] }>().toExtend<AiSdkPrompt>();
  });

  it('narrows the result by the format asked for', () => {
    const result = validateRequest({ messages: [] }, { format: 'anthropic' });
    expectTypeOf(result.request).toEqualTypeOf<AnthropicRequest>();
    expect(result.format).toBe('anthropic');
  });

  it('pass validation when built with the SDK types', () => {
    const chat: OpenAI.Chat.ChatCompletionCreateParamsNonStreaming = {
      model: 'gpt-4o',
      messages: [
        { role: 'developer', content: 'dev' },
        { role: 'user', content: [{ type: 'text', text: 'q' }, { type: 'image_url', image_url: { url: 'https://x' } }, { type: 'file', file: { file_id: 'f' } }, { type: 'input_audio', input_audio: { data: 'AA', format: 'mp3' } }] },
        { role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } }] },
        { role: 'tool', tool_call_id: 'c', content: 'r' },
      ],
    };
    const responses: OpenAI.Responses.ResponseCreateParamsNonStreaming = {
      model: 'gpt-4.1',
      instructions: 'i',
      input: [
        { role: 'user', content: [{ type: 'input_text', text: 'q' }, { type: 'input_image', detail: 'auto', image_url: 'https://x' }] },
        { type: 'function_call', call_id: 'c', name: 'f', arguments: '{}' },
        { type: 'function_call_output', call_id: 'c', output: 'o' },
        { type: 'item_reference', id: 'r' },
      ],
    };
    const claude: Anthropic.MessageCreateParamsNonStreaming = {
      model: 'claude-sonnet-4-5',
      max_tokens: 100,
      system: [{ type: 'text', text: 's' }],
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'q' }, { type: 'image', source: { type: 'url', url: 'https://x' } }] },
        { role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'n', input: { q: 'x' } }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', content: [{ type: 'text', text: 'r' }] }] },
      ],
    };
    const messages: ModelMessage[] = [
      { role: 'system', content: 's' },
      { role: 'user', content: [{ type: 'text', text: 'q' }, { type: 'image', image: new URL('https://x') }] },
      { role: 'assistant', content: [{ type: 'tool-call', toolCallId: 'c', toolName: 't', input: { q: 'x' } }] },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c', toolName: 't', output: { type: 'text', value: 'r' } }] },
    ];
    const prompt: LanguageModelV3Prompt = [
      { role: 'system', content: 's' },
      { role: 'user', content: [{ type: 'text', text: 'q' }, { type: 'file', data: new Uint8Array([1]), mediaType: 'image/png' }] },
    ];
    expect(validateRequest(chat).format).toBe('openai-chat');
    expect(validateRequest(responses).format).toBe('openai-responses');
    expect(validateRequest(claude).format).toBe('anthropic');
    expect(validateRequest(messages).format).toBe('ai-sdk');
    expect(validateRequest(prompt).format).toBe('ai-sdk');
  });
});
