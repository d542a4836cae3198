/** The fetch an SDK client was made with (the OpenAI and Anthropic SDKs keep it as a plain property). */
export function clientFetch(client: object): typeof fetch | undefined {
  const own = (client as { fetch?: unknown }).fetch;
  return typeof own === 'function' ? (own as typeof fetch) : undefined;
}
