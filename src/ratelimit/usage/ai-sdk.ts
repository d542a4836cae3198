/**
 * The token counts of an AI SDK usage: `LanguageModelUsage` from `generateText` / `streamText`
 * (plain numbers), or the provider-level `LanguageModelV3Usage` a middleware sees (objects
 * with a `total`).
 *
 * @example
 * const { usage } = await generateText({ model, prompt });
 * aiSdkUsageTokens(usage satisfies AiSdkUsage);
 */
export interface AiSdkUsage {
  inputTokens?: number | { total?: number | undefined } | undefined;
  outputTokens?: number | { total?: number | undefined } | undefined;
  totalTokens?: number | undefined;
}

function count(n: AiSdkUsage['inputTokens']): number {
  const value = typeof n === 'object' ? n.total : n;
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

/**
 * Tokens used by one AI SDK call: `totalTokens`, or input plus output.
 *
 * @example
 * const { text, usage } = await generateText({ model, prompt });
 * await held.settle(aiSdkUsageTokens(usage));
 */
export function aiSdkUsageTokens(usage: AiSdkUsage | null | undefined): number {
  if (usage == null) return 0;
  return count(usage.totalTokens) || count(usage.inputTokens) + count(usage.outputTokens);
}
