import { InputTooLargeError, InvalidInputError } from '../errors.js';
import { type AiSdkPrompt, aiSdk } from './ai-sdk.js';
import { type AnthropicRequest, anthropic } from './anthropic.js';
import { SegmentCollector } from './collector.js';
import { detectFormat } from './detect.js';
import type { FormatReader, RequestFormat } from './format.js';
import { toIssues } from './issues.js';
import { checkLimits, resolveLimits, type ValidationLimits } from './limits.js';
import { type OpenAIChatRequest, openAIChat } from './openai-chat.js';
import { type OpenAIResponsesRequest, openAIResponses } from './openai-responses.js';
import type { Segment, SegmentRole } from './segment.js';

/** Options of {@link validateRequest}. */
export interface ValidateOptions<F extends RequestFormat | 'auto' = RequestFormat | 'auto'> {
  /** The request's shape; `'auto'` (default) detects it by the rules of {@link detectFormat}. */
  format?: F;
  /** Sizes and characters to enforce; see {@link ValidationLimits} for the defaults. */
  limits?: ValidationLimits;
  /** Roles whose messages and instructions are trusted. Default `['system', 'developer']`. */
  trustedRoles?: readonly SegmentRole[];
}

/** A request that passed validation, its format, and the texts a model will read. */
export type ValidatedRequest =
  | { format: 'openai-chat'; request: OpenAIChatRequest; segments: Segment[] }
  | { format: 'openai-responses'; request: OpenAIResponsesRequest; segments: Segment[] }
  | { format: 'anthropic'; request: AnthropicRequest; segments: Segment[] }
  | { format: 'ai-sdk'; request: AiSdkPrompt; segments: Segment[] };

const READERS: Record<RequestFormat, FormatReader<unknown>> = {
  'openai-chat': openAIChat,
  'openai-responses': openAIResponses,
  anthropic,
  'ai-sdk': aiSdk,
};

const DEFAULT_TRUSTED: readonly SegmentRole[] = ['system', 'developer'];

const NAMES: Record<RequestFormat, string> = {
  'openai-chat': 'OpenAI Chat Completions',
  'openai-responses': 'OpenAI Responses',
  anthropic: 'Anthropic Messages',
  'ai-sdk': 'AI SDK',
};

/**
 * Checks a chat request's shape and limits, and lists its texts as format-independent
 * {@link Segment}s. The returned `request` is the body that was passed in, not a copy:
 * fields promptward does not read are kept as they are. Write sanitized texts back with
 * `applySegments`.
 *
 * Throws {@link InvalidInputError} (`PW_INVALID_INPUT`, 400) for a malformed request, an
 * ambiguous format, control characters or lone surrogates, and {@link InputTooLargeError}
 * (`PW_INPUT_TOO_LARGE`, 413) when only size limits are exceeded; either lists every
 * problem in `issues` with its path. A bad `limits` option throws `PW_CONFIG`. Nothing
 * else is thrown, whatever the body.
 *
 * @example
 * const { format, segments } = validateRequest({
 *   model: 'gpt-4o',
 *   messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'hi' }],
 * });
 * // format: 'openai-chat'; segments[1]: { role: 'user', path: ['messages', 1, 'content'], text: 'hi', trusted: false, … }
 */
export function validateRequest<F extends RequestFormat | 'auto' = 'auto'>(
  body: unknown,
  options: ValidateOptions<F> = {},
): F extends RequestFormat ? Extract<ValidatedRequest, { format: F }> : ValidatedRequest {
  const limits = resolveLimits(options.limits);
  const requested = options.format ?? 'auto';
  const format: RequestFormat = requested === 'auto' ? detectFormat(body) : requested;
  const reader = READERS[format];

  const parsed = reader.schema.safeParse(body);
  if (!parsed.success) {
    const issues = toIssues(parsed.error.issues);
    throw new InvalidInputError(`malformed ${NAMES[format]} request: ${summary(issues)}`, { issues });
  }
  const collector = new SegmentCollector(options.trustedRoles ?? DEFAULT_TRUSTED);
  reader.read(parsed.data, collector);

  const { invalid, tooLarge } = checkLimits(collector, limits);
  if (invalid.length > 0) {
    const issues = [...invalid, ...tooLarge];
    throw new InvalidInputError(`invalid ${NAMES[format]} request: ${summary(issues)}`, { issues });
  }
  if (tooLarge.length > 0) {
    throw new InputTooLargeError(`${NAMES[format]} request over its limits: ${summary(tooLarge)}`, { issues: tooLarge });
  }
  return { format, request: body, segments: collector.segments } as ValidatedRequest as F extends RequestFormat
    ? Extract<ValidatedRequest, { format: F }>
    : ValidatedRequest;
}

/** The first issue and how many more, for the error message; `issues` has them all. */
function summary(issues: readonly { path: (string | number)[]; message: string }[]): string {
  const [first] = issues;
  if (first === undefined) return 'no details';
  const where = first.path.length === 0 ? '' : `${first.path.join('.')}: `;
  return `${where}${first.message}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}`;
}
