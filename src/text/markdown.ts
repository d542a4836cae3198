/** Fenced code blocks, opened at the start of a line (to the end of the text when left open). */
export const FENCE = /(?:^|\n)[ \t]*```[\s\S]*?(?:```|$)/g;
/** Inline code spans. */
export const INLINE_CODE = /`[^`\n]{1,200}`/g;
