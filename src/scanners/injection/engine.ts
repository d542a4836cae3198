import { compile, type Engine } from '../../engine/engine.js';
import { DOCUMENT_PACKS, INJECTION_PACKS } from './packs.js';
import type { InjectionContext } from './types.js';

const shared = new Map<InjectionContext, Engine>();
const custom = new WeakMap<readonly unknown[], Map<InjectionContext, Engine>>();

/** The packs a context scans with: documents add the rules for third-party content. */
const packsOf = (context: InjectionContext): readonly unknown[] =>
  context === 'document' ? [...INJECTION_PACKS, ...DOCUMENT_PACKS] : INJECTION_PACKS;

/**
 * The engine of the injection packs for `context`, compiled on first use; with `packs`, an
 * engine of those packs plus `packs`, cached by the identity of the array.
 */
export function injectionEngine(packs?: readonly unknown[], context: InjectionContext = 'message'): Engine {
  if (packs === undefined) {
    let engine = shared.get(context);
    if (engine === undefined) {
      engine = compile(packsOf(context));
      shared.set(context, engine);
    }
    return engine;
  }
  let byContext = custom.get(packs);
  if (byContext === undefined) {
    byContext = new Map();
    custom.set(packs, byContext);
  }
  let engine = byContext.get(context);
  if (engine === undefined) {
    engine = compile([...packsOf(context), ...packs]);
    byContext.set(context, engine);
  }
  return engine;
}
