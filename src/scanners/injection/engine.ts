import { compile, type Engine } from '../../engine/engine.js';
import { INJECTION_PACKS } from './packs.js';

let shared: Engine | undefined;
const custom = new WeakMap<readonly unknown[], Engine>();

/**
 * The engine of the injection packs, compiled on first use; with `packs`, an engine of the
 * injection packs plus those, cached by the identity of the array.
 */
export function injectionEngine(packs?: readonly unknown[]): Engine {
  if (packs === undefined) {
    shared ??= compile(INJECTION_PACKS);
    return shared;
  }
  let engine = custom.get(packs);
  if (engine === undefined) {
    engine = compile([...INJECTION_PACKS, ...packs]);
    custom.set(packs, engine);
  }
  return engine;
}
