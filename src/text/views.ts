import { cleanView } from './clean.js';
import { foldView } from './fold.js';
import { rawView, type TextView, type ViewName } from './view.js';

/** The views of one text, each built on first use. */
export interface Views {
  get(name: ViewName): TextView;
}

/**
 * Lazily built views of `text`: `raw` (the text itself), `clean` (invisible characters
 * removed, tag characters decoded, NFKC) and `fold` (clean, then look-alikes, leetspeak and
 * spaced-out letters folded). A view that cannot differ from the one below it is that view.
 */
export function textViews(text: string): Views {
  const raw = rawView(text);
  let clean: TextView | undefined;
  let fold: TextView | undefined;
  return {
    get(name) {
      if (name === 'raw') return raw;
      clean ??= cleanView(raw);
      if (name === 'clean') return clean;
      fold ??= foldView(clean);
      return fold;
    },
  };
}

/**
 * The view `name` of `text` as a plain string with its offset map.
 *
 * @example
 * const v = normalize('іgnоrе all prev1ous', 'fold'); // v.text === 'ignore all previous'
 */
export function normalize(text: string, name: ViewName = 'fold'): TextView {
  return textViews(text).get(name);
}
