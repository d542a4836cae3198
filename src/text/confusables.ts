/**
 * Letters from other scripts that look like Latin letters, folded to the Latin letter a
 * reader sees. Fullwidth forms and mathematical alphanumerics need no entry: NFKC (the
 * clean view) already turns them into ASCII.
 */
const PAIRS: Record<string, string> = {
  // Cyrillic
  а: 'a', в: 'b', е: 'e', ё: 'e', һ: 'h', і: 'i', ї: 'i', ј: 'j', к: 'k', ӏ: 'l', м: 'm', н: 'h',
  о: 'o', р: 'p', с: 'c', ѕ: 's', т: 't', у: 'y', х: 'x', ԁ: 'd', ԛ: 'q', ԝ: 'w', ү: 'y', ɡ: 'g',
  А: 'A', В: 'B', Е: 'E', Ѕ: 'S', І: 'I', Ј: 'J', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C',
  Т: 'T', У: 'Y', Х: 'X', Ү: 'Y', Ԛ: 'Q', Ԝ: 'W', Ӏ: 'I', Ь: 'b', ь: 'b',
  // Greek
  α: 'a', ε: 'e', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ω: 'w',
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P',
  Τ: 'T', Υ: 'Y', Χ: 'X',
  // Latin look-alikes outside ASCII, Armenian
  ı: 'i', ɑ: 'a', ɩ: 'i', ɪ: 'i', ʏ: 'y', ᴀ: 'a', ᴄ: 'c', ᴅ: 'd', ᴇ: 'e', ᴋ: 'k', ᴍ: 'm', ᴏ: 'o',
  ᴘ: 'p', ᴛ: 't', ᴜ: 'u', ᴠ: 'v', ᴡ: 'w', ᴢ: 'z', օ: 'o', ս: 'u', հ: 'h', ո: 'n', ց: 'g',
  // The rest of the small capitals that "small caps" text generators use
  ʙ: 'b', ɢ: 'g', ʜ: 'h', ᴊ: 'j', ʟ: 'l', ɴ: 'n', ʀ: 'r', ꜰ: 'f', ꜱ: 's', ꞯ: 'q', ǫ: 'q',
};

const TABLE = new Map<string, string>(Object.entries(PAIRS));

/** A regex that finds any character with a Latin look-alike. */
export const CONFUSABLE = new RegExp(`[${Object.keys(PAIRS).join('')}]`, 'g');

/** {@link PAIRS} by code unit (every key is one UTF-16 unit): the code of the Latin letter, or 0. */
export const LOOKALIKE_CODE = new Uint16Array(0x10000);
for (const [from, to] of TABLE) LOOKALIKE_CODE[from.charCodeAt(0)] = to.charCodeAt(0);
