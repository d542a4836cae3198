/**
 * The longest text an RE2 pattern can match, in UTF-16 units: `Infinity` when a `*`, `+` or
 * `{n,}` repeats something non-empty. A character that may be outside the BMP (`.`, a
 * negated class, `\S`, `\p{…}`) counts 2. Covers the RE2 syntax the packs use.
 */
export function maxMatchLength(pattern: string): number {
  let i = 0;
  const peek = (): string | undefined => pattern[i];

  function alternation(): number {
    let best = sequence();
    while (peek() === '|') {
      i++;
      best = Math.max(best, sequence());
    }
    return best;
  }

  function sequence(): number {
    let total = 0;
    while (i < pattern.length && peek() !== '|' && peek() !== ')') {
      const one = atom();
      total += quantified(one);
    }
    return total;
  }

  function quantified(one: number): number {
    let out = one;
    const c = peek();
    if (c === '*' || c === '+') {
      i++;
      out = one === 0 ? 0 : Number.POSITIVE_INFINITY;
    } else if (c === '?') {
      i++;
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
      if (m === null) return out;
      i += m[0].length;
      const max = m[2] === undefined ? Number(m[1]) : m[3] === '' ? Number.POSITIVE_INFINITY : Number(m[3]);
      out = one === 0 ? 0 : one * max;
    } else {
      return out;
    }
    if (peek() === '?') i++;
    return out;
  }

  function atom(): number {
    const c = pattern[i]!;
    if (c === '(') {
      i++;
      if (peek() === '?') {
        const m = /^\?(?:P?<\w+>|[imsU-]*:|[imsU-]*\))/.exec(pattern.slice(i));
        if (m === null) throw new Error(`unsupported group at ${i} in ${pattern}`);
        i += m[0].length;
        if (m[0].endsWith(')')) return 0;
      }
      const inner = alternation();
      if (peek() !== ')') throw new Error(`unbalanced group in ${pattern}`);
      i++;
      return inner;
    }
    if (c === '[') return charClass();
    if (c === '\\') return escape();
    i++;
    if (c === '.') return 2;
    if (c === '^' || c === '$') return 0;
    const cp = pattern.codePointAt(i - 1)!;
    if (cp > 0xffff) i++;
    return cp > 0xffff ? 2 : 1;
  }

  function escape(): number {
    const c = pattern[i + 1]!;
    i += 2;
    if ('bBAz'.includes(c)) return 0;
    if ('DSW'.includes(c)) return 2;
    if (c === 'p' || c === 'P') {
      if (peek() === '{') i = pattern.indexOf('}', i) + 1;
      else i++;
      return 2;
    }
    if (c === 'x') {
      if (peek() === '{') {
        const close = pattern.indexOf('}', i);
        const cp = parseInt(pattern.slice(i + 1, close), 16);
        i = close + 1;
        return cp > 0xffff ? 2 : 1;
      }
      i += 2;
      return 1;
    }
    if (c === 'Q') {
      const close = pattern.indexOf('\\E', i);
      const text = pattern.slice(i, close < 0 ? undefined : close);
      i = close < 0 ? pattern.length : close + 2;
      return text.length;
    }
    return 1;
  }

  function charClass(): number {
    i++;
    let wide = false;
    if (peek() === '^') {
      wide = true;
      i++;
    }
    if (peek() === ']') i++;
    while (peek() !== ']') {
      if (i >= pattern.length) throw new Error(`unclosed class in ${pattern}`);
      if (pattern.startsWith('[:', i)) {
        i = pattern.indexOf(':]', i) + 2;
        continue;
      }
      if (pattern[i] === '\\') {
        const e = pattern[i + 1]!;
        if ('DSWpP'.includes(e)) wide = true;
        if (e === 'x' && pattern[i + 2] === '{') {
          const close = pattern.indexOf('}', i);
          if (parseInt(pattern.slice(i + 3, close), 16) > 0xffff) wide = true;
          i = close + 1;
          continue;
        }
        i += 2;
        continue;
      }
      if (pattern.codePointAt(i)! > 0xffff) {
        wide = true;
        i++;
      }
      i++;
    }
    i++;
    return wide ? 2 : 1;
  }

  const out = alternation();
  if (i !== pattern.length) throw new Error(`unparsed rest at ${i} in ${pattern}`);
  return out;
}
