import type { PackInput } from './engine/pack.js';

/**
 * The packs in `patterns/`, bundled into the build so that runtime reads no files and
 * needs no parser. One import per pack file.
 */
export const BUILTIN_PACKS: readonly PackInput[] = [];
