/**
 * The token counts of an Anthropic Messages `usage`.
 *
 * @example
 * anthropicUsageTokens(message.usage satisfies AnthropicUsage);
 */
export interface AnthropicUsage {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
}

const count = (n: number | null | undefined): number => (typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : 0);

/**
 * Tokens processed by one Anthropic call. Anthropic counts cache writes and reads apart from
 * `input_tokens`, so they are added: a cached prompt still uses the model's token budget.
 *
 * @example
 * const message = await anthropic.messages.create({ model, max_tokens, messages });
 * await held.settle(anthropicUsageTokens(message.usage));
 */
export function anthropicUsageTokens(usage: AnthropicUsage | null | undefined): number {
  if (usage == null) return 0;
  return (
    count(usage.input_tokens) +
    count(usage.output_tokens) +
    count(usage.cache_creation_input_tokens) +
    count(usage.cache_read_input_tokens)
  );
}
