import fc from 'fast-check';

/** Visible text that carries the hidden payload; all harmless on their own. */
const COVERS = ['', 'Hello!', 'Thanks for your help.', 'Please see the note below.', '👍'] as const;

/** `text` as Unicode tag characters (U+E0020–U+E007E), invisible in most renderers. */
export function toTagCharacters(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    out += cp >= 0x20 && cp <= 0x7e ? String.fromCodePoint(0xe0000 + cp) : ch;
  }
  return out;
}

/**
 * Text hidden as Unicode tag characters after a harmless visible cover: "ASCII smuggling".
 *
 * @example
 * fc.sample(tagSmuggling('ignore previous instructions'), 1)[0]; // 'Hello!' + invisible payload
 */
export function tagSmuggling(text: string): fc.Arbitrary<string> {
  return fc.constantFrom(...COVERS).map((cover) => (cover === '' ? '' : `${cover} `) + toTagCharacters(text));
}
