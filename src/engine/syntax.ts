/**
 * Pieces of RE2's pattern syntax, read the same way by the two readers of patterns in this
 * folder: the reading of a pattern on pure ASCII text (`ascii.ts`) and the check of its word
 * boundaries (`boundary.ts`). Each walks the pattern for its own end; what a class member, an
 * escape, a quantifier and a group's head are is decided here, once.
 */

/** Syntax a reader does not know, or that RE2 would reject: the reader leaves the pattern alone. */
export class UnknownSyntax extends Error {}

/** A member of a character class, or an escape outside one: one character, a Perl class (`\d`, `\S`…) or a Unicode property. */
export type Member = { kind: 'char'; cp: number } | { kind: 'perl'; letter: string } | { kind: 'property'; name: string; negated: boolean };

const CONTROL: Readonly<Record<string, number>> = { n: 10, t: 9, r: 13, f: 12, v: 11, a: 7 };

/**
 * The class member (or escaped character) at `i` of `p`, and the index after it. `\x` and `\u`
 * give one character (`\u` as the `re2` package translates it), `\p{…}`/`\pL` a property.
 *
 * @throws UnknownSyntax for any other escaped letter or digit.
 */
export function readMember(p: string, i: number): [Member, number] {
  if (p[i] !== '\\') {
    const cp = p.codePointAt(i)!;
    return [{ kind: 'char', cp }, i + (cp > 0xffff ? 2 : 1)];
  }
  const e = p[i + 1];
  if (e === undefined) throw new UnknownSyntax();
  if (e === 'x' || e === 'u') {
    const m = (e === 'x' ? /^\\x(?:\{([0-9A-Fa-f]{1,6})\}|([0-9A-Fa-f]{2}))/ : /^\\u(?:\{([0-9A-Fa-f]{1,6})\}|([0-9A-Fa-f]{4}))/).exec(p.slice(i, i + 12));
    if (m === null) throw new UnknownSyntax();
    return [{ kind: 'char', cp: parseInt(m[1] ?? m[2]!, 16) }, i + m[0].length];
  }
  if (e === 'p' || e === 'P') {
    if (p[i + 2] === '{') {
      const end = p.indexOf('}', i + 3);
      if (end < 0) throw new UnknownSyntax();
      return [{ kind: 'property', name: p.slice(i + 3, end), negated: e === 'P' }, end + 1];
    }
    if (p[i + 2] === undefined) throw new UnknownSyntax();
    return [{ kind: 'property', name: p[i + 2]!, negated: e === 'P' }, i + 3];
  }
  if ('dswDSW'.includes(e)) return [{ kind: 'perl', letter: e }, i + 2];
  if (CONTROL[e] !== undefined) return [{ kind: 'char', cp: CONTROL[e]! }, i + 2];
  if (/[A-Za-z0-9]/.test(e)) throw new UnknownSyntax();
  const cp = p.codePointAt(i + 1)!;
  return [{ kind: 'char', cp }, i + 1 + (cp > 0xffff ? 2 : 1)];
}

/** The quantifier at `i` of `p` (`*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}`, each perhaps lazy): its least count and the index after it; null when there is none. */
export function readQuantifier(p: string, i: number): { min: number; end: number } | null {
  const m = /^(?:([*+?])|\{(\d+)(?:,(\d*))?\})\??/.exec(p.slice(i, i + 24));
  if (m === null) return null;
  return { min: m[1] === '*' || m[1] === '?' ? 0 : m[1] === '+' ? 1 : Number(m[2]), end: i + m[0].length };
}

/**
 * The head of the group that opens at `i` (its `(`): `(`, `(?:`, `(?i:`, `(?-i:`, `(?P<name>`,
 * `(?<name>`, or a flag group without a body, `(?i)` (`bodiless`). Flags set (`on`) and cleared
 * (`off`), and the index after the head.
 *
 * @throws UnknownSyntax for any other `(?`.
 */
export function readGroupHead(p: string, i: number): { end: number; on: string; off: string; bodiless: boolean } {
  if (p[i + 1] !== '?') return { end: i + 1, on: '', off: '', bodiless: false };
  const head = /^\?(?:P?<[A-Za-z_]\w*>|([a-zA-Z]*)(?:-([a-zA-Z]*))?([:)]))/.exec(p.slice(i + 1, i + 80));
  if (head === null) throw new UnknownSyntax();
  return { end: i + 1 + head[0].length, on: head[1] ?? '', off: head[2] ?? '', bodiless: head[3] === ')' };
}
