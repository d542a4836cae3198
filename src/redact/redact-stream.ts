import type { RedactOptions, Redactor } from './redactor.js';

/**
 * Redacts an async iterable of text chunks (an SDK's token stream, a Node readable set to
 * strings) as it goes; the same output as {@link Redactor.stream}. Throws `PW_BLOCKED` from
 * the loop when a blocked category is found; the text before it was already yielded.
 *
 * @example
 * for await (const piece of redactStream(tokens, redactor, { scope, restore: true })) res.write(piece);
 */
export async function* redactStream(
  source: AsyncIterable<string> | Iterable<string>,
  redactor: Redactor,
  options: RedactOptions = {},
): AsyncGenerator<string, void, undefined> {
  const pass = redactor.pass(options);
  for await (const chunk of source) {
    const { text } = await pass.push(chunk);
    if (text !== '') yield text;
  }
  const { text } = await pass.end();
  if (text !== '') yield text;
}
