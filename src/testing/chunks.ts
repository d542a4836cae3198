import fc from 'fast-check';

/**
 * Ways to split `text` into consecutive chunks (as a stream would deliver it): the chunks
 * are non-empty and join back to `text`. At most `maxChunks` chunks (default 16); an empty
 * text gives one empty chunk.
 *
 * @example
 * fc.assert(fc.property(chunkings('some secret text'), (parts) => parts.join('') === 'some secret text'));
 */
export function chunkings(text: string, maxChunks = 16): fc.Arbitrary<string[]> {
  if (text.length <= 1) return fc.constant([text]);
  return fc
    .uniqueArray(fc.integer({ min: 1, max: text.length - 1 }), { maxLength: Math.min(maxChunks - 1, text.length - 1) })
    .map((cuts) => {
      const sorted = [...cuts].sort((a, b) => a - b);
      const parts: string[] = [];
      let at = 0;
      for (const cut of sorted) {
        parts.push(text.slice(at, cut));
        at = cut;
      }
      parts.push(text.slice(at));
      return parts;
    });
}
