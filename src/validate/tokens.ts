/**
 * Han, kana, Hangul and CJK punctuation and fullwidth forms: BPE tokenizers spend about one
 * token per such character, not one per four.
 */
const WIDE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303F\uFF00-\uFFEF]/gu;

/**
 * A cheap, tokenizer-free estimate of how many tokens `text` costs: one token per CJK
 * character (Han, kana, Hangul, CJK punctuation, fullwidth forms) plus one per four UTF-16
 * code units of everything else, rounded up. It is meant for budgets and limits, where a
 * fast estimate beats an exact count: the real count depends on the model's tokenizer and
 * can be off either way, so leave headroom when a limit must hold exactly.
 *
 * @example
 * estimateTokens('hello world'); // 3 (11 / 4, rounded up)
 * estimateTokens('你好世界'); // 4
 */
export function estimateTokens(text: string): number {
  let wide = 0;
  let wideUnits = 0;
  for (const match of text.matchAll(WIDE)) {
    wide++;
    wideUnits += match[0].length;
  }
  return wide + Math.ceil((text.length - wideUnits) / 4);
}
