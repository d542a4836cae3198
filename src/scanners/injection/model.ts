import weights from '../../../patterns/models/injection.json' with { type: 'json' };
import { type LexicalModel, type LoadedModel, loadModel } from './lexical.js';

let loaded: LoadedModel | undefined;

/** The built-in word model (`patterns/models/injection.json`), decoded on first use. */
export function injectionModel(): LoadedModel {
  return (loaded ??= loadModel(weights as LexicalModel));
}
