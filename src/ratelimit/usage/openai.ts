/**
 * The token counts of an OpenAI Chat Completions `usage` (`CompletionUsage`).
 *
 * @example
 * openAIChatUsageTokens(completion.usage satisfies OpenAIChatUsage | undefined);
 */
export interface OpenAIChatUsage {
  prompt_tokens?: number | null;
  completion_tokens?: number | null;
  total_tokens?: number | null;
}

/**
 * The token counts of an OpenAI Responses `usage` (`ResponseUsage`); cached tokens are part of `input_tokens`.
 *
 * @example
 * openAIResponsesUsageTokens(response.usage satisfies OpenAIResponsesUsage | undefined);
 */
export interface OpenAIResponsesUsage {
  input_tokens?: number | null;
  output_tokens?: number | null;
  total_tokens?: number | null;
}

const count = (n: number | null | undefined): number => (typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : 0);

/**
 * Tokens billed by one Chat Completions call: `total_tokens`, or prompt plus completion
 * when the total is missing. 0 for a missing usage (some streams omit it).
 *
 * @example
 * const reply = await openai.chat.completions.create({ model, messages });
 * await held.settle(openAIChatUsageTokens(reply.usage));
 */
export function openAIChatUsageTokens(usage: OpenAIChatUsage | null | undefined): number {
  if (usage == null) return 0;
  return count(usage.total_tokens) || count(usage.prompt_tokens) + count(usage.completion_tokens);
}

/**
 * Tokens billed by one Responses API call: `total_tokens`, or input plus output.
 *
 * @example
 * const response = await openai.responses.create({ model, input });
 * await held.settle(openAIResponsesUsageTokens(response.usage));
 */
export function openAIResponsesUsageTokens(usage: OpenAIResponsesUsage | null | undefined): number {
  if (usage == null) return 0;
  return count(usage.total_tokens) || count(usage.input_tokens) + count(usage.output_tokens);
}
