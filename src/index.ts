export { BUILTIN_PACKS } from './builtins.js';
export { compile, Engine } from './engine/engine.js';
export type { CompileOptions, EngineInfo, ScanOptions } from './engine/engine.js';
export type { Finding, ScanResult } from './engine/finding.js';
export { PackSchema, RuleSchema, SEVERITIES } from './engine/pack.js';
export type { Pack, PackInput, Rule, RuleInput, Severity } from './engine/pack.js';
export {
  BlockedError,
  InputTooLargeError,
  InvalidInputError,
  isPromptwardError,
  PatternError,
  PromptwardError,
  RateLimitError,
  StoreError,
} from './errors.js';
export type { PromptwardErrorCode, PromptwardErrorOptions, PromptwardIssue } from './errors.js';
export { detectPii, piiEngine } from './scanners/pii/detect.js';
export type { DetectPiiOptions, PiiFinding } from './scanners/pii/detect.js';
export { PII_PACKS } from './scanners/pii/packs.js';
export { detectSecrets, secretsEngine } from './scanners/secrets/detect.js';
export type { DetectSecretsOptions, SecretFinding } from './scanners/secrets/detect.js';
export { SECRET_PACKS } from './scanners/secrets/packs.js';
export {
  createRedactor,
  hash,
  mask,
  memoryVault,
  placeholder,
  pseudonym,
  redactStream,
  redisVault,
  remove,
  ruleBounds,
} from './redact/index.js';
export type {
  Assigned,
  HashOptions,
  MaskOptions,
  MemoryVaultOptions,
  Operator,
  OperatorInput,
  OperatorKind,
  OperatorMap,
  Pass,
  RedactOptions,
  RedactResult,
  Redactor,
  RedactorOptions,
  RedisVaultClient,
  RedisVaultOptions,
  Replacement,
  RuleBounds,
  Step,
  Vault,
  VaultEntry,
} from './redact/index.js';
export { scan } from './scan.js';
export { DEFAULT_INJECTION_THRESHOLD, detectInjection, DOCUMENT_PACKS, INJECTION_PACKS, injectionScore, warmupInjection } from './scanners/injection/index.js';
export type { InjectionContext, InjectionOptions, InjectionResult } from './scanners/injection/index.js';
export type { ScanTextOptions } from './scan.js';
export { normalize, toOriginal } from './text/index.js';
export type { TextView, ViewName } from './text/index.js';
export { BUILTIN_VALIDATORS, shannonEntropy } from './validators/index.js';
export type { Validator, ValidatorContext } from './validators/index.js';
export {
  aiSdkPromptSchema,
  anthropicRequestSchema,
  applySegments,
  DEFAULT_LIMITS,
  detectFormat,
  estimateTokens,
  findControlCharacter,
  findLoneSurrogate,
  openAIChatRequestSchema,
  openAIResponsesRequestSchema,
  REQUEST_FORMATS,
  validateRequest,
} from './validate/index.js';
export type {
  AiSdkPrompt,
  AnthropicRequest,
  CharacterHit,
  OpenAIChatRequest,
  OpenAIResponsesRequest,
  RequestFormat,
  RequestPath,
  Segment,
  SegmentReplacement,
  SegmentRole,
  SegmentSource,
  ValidatedRequest,
  ValidateOptions,
  ValidationLimits,
} from './validate/index.js';
export {
  CANARY_PACK,
  CanaryRegistry,
  createGuard,
  extractJson,
  GuardConfigSchema,
  OutputSchemaError,
  parseGuardConfig,
  parseStructured,
} from './guard/index.js';
export type {
  Action,
  Guard,
  GuardConfig,
  GuardConfigInput,
  GuardEvent,
  GuardEventHandler,
  GuardFinding,
  GuardOptions,
  InputVerdict,
  OperatorConfig,
  OutputVerdict,
  StandardSchemaV1,
  Verdict,
} from './guard/index.js';
export {
  aiSdkUsageTokens,
  anthropicUsageTokens,
  createLimiter,
  fixedWindow,
  gcra,
  memoryStore,
  openAIChatUsageTokens,
  openAIResponsesUsageTokens,
  rateLimitError,
  rateLimitHeaders,
  redisStore,
  slidingWindow,
  tokenBucket,
} from './ratelimit/index.js';
export type {
  AiSdkUsage,
  Algorithm,
  AnthropicUsage,
  Decision,
  Evaluation,
  FixedWindowOptions,
  GcraOptions,
  LimitDecision,
  LimitKey,
  Limiter,
  LimiterOptions,
  LimitState,
  MemoryStore,
  MemoryStoreOptions,
  OpenAIChatUsage,
  OpenAIResponsesUsage,
  PolicyDecision,
  RateLimitStore,
  RedisScriptClient,
  RedisStoreOptions,
  Reservation,
  SlidingWindowOptions,
  StoreLimit,
  TokenBucketOptions,
} from './ratelimit/index.js';
