export { CANARY_PACK, canaryCore, CanaryRegistry } from './canary.js';
export { ACTIONS, DEFAULT_ACTIONS, GuardConfigSchema, parseGuardConfig } from './config.js';
export type { Action, GuardConfig, GuardConfigInput, OperatorConfig } from './config.js';
export type { GuardEvent, GuardEventHandler } from './events.js';
export { createGuard } from './guard.js';
export type { Guard, GuardFinding, GuardOptions, InputVerdict, OutputVerdict, Verdict } from './guard.js';
export type { InferOutput, StandardSchemaV1 } from './standard-schema.js';
export { extractJson, OutputSchemaError, parseStructured } from './structured.js';
