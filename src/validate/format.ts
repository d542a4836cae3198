import type { z } from 'zod';
import type { SegmentCollector } from './collector.js';

/** The request shapes promptward reads. */
export type RequestFormat = 'openai-chat' | 'openai-responses' | 'anthropic' | 'ai-sdk';

/** Every request format, for option schemas and pickers. */
export const REQUEST_FORMATS: readonly RequestFormat[] = ['openai-chat', 'openai-responses', 'anthropic', 'ai-sdk'];

/**
 * A request format: its schema, and how to list the texts of a request that passed it.
 * The schema never transforms, so paths into its output are paths into the original.
 */
export interface FormatReader<T> {
  readonly schema: z.ZodType<T>;
  // A method rather than a function property: methods are bivariant in their parameters,
  // so every format's reader fits one `FormatReader<unknown>` table.
  read(request: T, out: SegmentCollector): void;
}
