import type { PackInput } from './engine/pack.js';
import { INJECTION_PACKS } from './scanners/injection/packs.js';
import { PII_PACKS } from './scanners/pii/packs.js';
import { SECRET_PACKS } from './scanners/secrets/packs.js';

/**
 * The packs in `patterns/`, bundled into the build so that runtime reads no files and
 * needs no parser. One import per pack file.
 */
export const BUILTIN_PACKS: readonly PackInput[] = [...INJECTION_PACKS, ...PII_PACKS, ...SECRET_PACKS];
