/**
 * C0 control characters other than tab, line feed and carriage return. NUL and the rest
 * have no business in a prompt: they truncate strings in C-based tooling downstream,
 * hide text from log viewers and reviewers, and carry terminal escape sequences.
 */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;

/** A high surrogate not followed by a low one, or a low surrogate not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Where a forbidden character occurs in a text, and how often. */
export interface CharacterHit {
  /** UTF-16 index of the first occurrence. */
  index: number;
  /** The first offending code unit. */
  char: string;
  count: number;
}

function firstAndCount(text: string, pattern: RegExp): CharacterHit | undefined {
  pattern.lastIndex = 0;
  const first = pattern.exec(text);
  if (first === null) return undefined;
  let count = 1;
  while (pattern.exec(text) !== null) count++;
  return { index: first.index, char: first[0], count };
}

/**
 * The first C0 control character (other than `\t`, `\n`, `\r`) in `text`, with a count.
 *
 * @example
 * findControlCharacter('a\u0000b'); // { index: 1, char: '\u0000', count: 1 }
 */
export function findControlCharacter(text: string): CharacterHit | undefined {
  return firstAndCount(text, CONTROL);
}

/**
 * The first lone surrogate in `text`, with a count. A lone surrogate is not a character:
 * UTF-8 encoders replace it with U+FFFD or throw, so what the model reads would differ from
 * what was scanned.
 *
 * @example
 * findLoneSurrogate('a\uD800b'); // { index: 1, char: '\uD800', count: 1 }
 */
export function findLoneSurrogate(text: string): CharacterHit | undefined {
  return firstAndCount(text, LONE_SURROGATE);
}

/** `U+0000` style name of a code unit. */
export const codeUnitName = (char: string): string => `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
