/**
 * A pattern as it reads pure ASCII text: the branches that need a character outside ASCII (a
 * Cyrillic word, `instrucción`, `\p{Han}`) cannot match there and are left out; what is left
 * matches exactly what the whole pattern matches in such a text. Most prompts are pure ASCII,
 * and the engine scans them with Sets of these smaller patterns: a branch that cannot match
 * still costs a Set its automaton states, whenever the text spells the ASCII part before its
 * first other character (`instrucci…`).
 *
 * The pattern is read with RE2's syntax. Only literals and classes decide: a literal outside
 * ASCII cannot match (ignoring case, `ſ` and the Kelvin sign `K` can: RE2 folds them to `s` and
 * `k`), nor can a class without an ASCII member; every other piece is kept as written.
 */

/**
 * What the reader returns for each piece of a pattern: its source as it reads pure ASCII text, or
 * null when it cannot match there.
 */
type Part = string | null;

/** Characters outside ASCII that RE2 reads as an ASCII letter when case is ignored: `ſ` (s), `K` (k). */
const FOLDS_TO_ASCII = new Set([0x17f, 0x212a]);

/** A pattern RE2 would reject, or syntax this reader does not know: the pattern is kept whole. */
class Unread extends Error {}

/**
 * `pattern` (flags `flags`) without the branches that cannot match pure ASCII text, or null when
 * no part of it can. A pattern this reader cannot follow is returned as it is.
 */
export function asciiPattern(pattern: string, flags = ''): string | null {
  try {
    const reader = new Reader(pattern, flags.includes('i'));
    const out = reader.alternation();
    return reader.at < pattern.length ? pattern : out;
  } catch (error) {
    if (error instanceof Unread) return pattern;
    throw error;
  }
}

/** True when a single character `cp` can match in ASCII text, case ignored or not. */
function asciiChar(cp: number, ignoreCase: boolean): boolean {
  return cp < 0x80 || (ignoreCase && FOLDS_TO_ASCII.has(cp));
}

/**
 * Whether the Unicode property `name` (`L`, `Greek`, `Han`; `^Greek` for its complement) holds an
 * ASCII character; true when unknown.
 */
function propertyHasAscii(name: string): boolean {
  if (name.startsWith('^')) return true;
  for (const form of [name, `Script=${name}`]) {
    let re: RegExp;
    try {
      re = new RegExp(`\\p{${form}}`, 'u');
    } catch {
      continue;
    }
    for (let c = 0; c < 0x80; c++) if (re.test(String.fromCharCode(c))) return true;
    return false;
  }
  return true;
}

class Reader {
  at = 0;
  constructor(
    private readonly p: string,
    /** Case ignored at this point: `i` in the flags, `(?i)` or `(?i:`. */
    private ignoreCase: boolean,
  ) {}

  alternation(): Part {
    const kept: string[] = [];
    for (;;) {
      const branch = this.concatenation();
      if (branch !== null) kept.push(branch);
      if (this.p[this.at] !== '|') break;
      this.at++;
    }
    return kept.length === 0 ? null : kept.join('|');
  }

  concatenation(): Part {
    let out: Part = '';
    while (this.at < this.p.length && this.p[this.at] !== '|' && this.p[this.at] !== ')') {
      const piece = this.repeat(this.atom());
      out = out === null || piece === null ? null : out + piece;
    }
    return out;
  }

  /** The quantifiers after a piece, applied to it: one that may be absent and cannot match becomes nothing. */
  repeat(body: Part): Part {
    for (;;) {
      const m = /^(?:([*+?])|\{(\d+)(?:,(\d*))?\})\??/.exec(this.p.slice(this.at));
      if (m === null) return body;
      this.at += m[0].length;
      const min = m[1] === '*' || m[1] === '?' ? 0 : m[1] === '+' ? 1 : Number(m[2]);
      body = body !== null ? body + m[0] : min === 0 ? '' : null;
    }
  }

  atom(): Part {
    const p = this.p;
    const c = p[this.at]!;
    if (c === '(') return this.group();
    if (c === '[') return this.charClass();
    if (c === '\\') return this.escape();
    if (c === '*' || c === '+' || c === '?') throw new Unread();
    const cp = p.codePointAt(this.at)!;
    const source = String.fromCodePoint(cp);
    this.at += source.length;
    // `^`, `$`, `.` and ASCII literals all can match (or hold) in ASCII text.
    return asciiChar(cp, this.ignoreCase) ? source : null;
  }

  group(): Part {
    const p = this.p;
    const start = this.at;
    this.at++;
    const outer = this.ignoreCase;
    if (p[this.at] === '?') {
      const head = /^\?(?:P?<[A-Za-z_]\w*>|([a-zA-Z]*)(?:-([a-zA-Z]*))?([:)]))/.exec(p.slice(this.at));
      if (head === null) throw new Unread();
      this.at += head[0].length;
      if (head[3] !== undefined) {
        if (head[1]?.includes('i')) this.ignoreCase = true;
        if (head[2]?.includes('i')) this.ignoreCase = false;
        // `(?i)`: flags for the rest of the enclosing group, matching nothing itself. Only at the
        // very start: elsewhere, leaving out a branch that holds it would change later branches.
        if (head[3] === ')') {
          if (start !== 0) throw new Unread();
          return p.slice(start, this.at);
        }
      }
    }
    const open = p.slice(start, this.at);
    const body = this.alternation();
    if (p[this.at] !== ')') throw new Unread();
    this.at++;
    this.ignoreCase = outer;
    return body === null ? null : `${open}${body})`;
  }

  charClass(): Part {
    const p = this.p;
    const start = this.at;
    let i = start + 1;
    const negated = p[i] === '^';
    if (negated) i++;
    let ascii = negated;
    let first = true;
    while (i < p.length && (p[i] !== ']' || first)) {
      first = false;
      if (p[i] === '[' && p[i + 1] === ':') {
        const end = p.indexOf(':]', i + 2);
        if (end < 0) throw new Unread();
        ascii = true;
        i = end + 2;
        continue;
      }
      let lo: number;
      [lo, i] = this.classMember(i);
      if (lo === -1) {
        ascii = true;
        continue;
      }
      if (lo === -2) continue;
      let hi = lo;
      if (p[i] === '-' && p[i + 1] !== ']' && i + 1 < p.length) {
        [hi, i] = this.classMember(i + 1);
        if (hi < 0) throw new Unread();
      }
      if (lo < 0x80 || (this.ignoreCase && [...FOLDS_TO_ASCII].some((f) => f >= lo && f <= hi))) ascii = true;
    }
    if (i >= p.length) throw new Unread();
    this.at = i + 1;
    return ascii ? p.slice(start, this.at) : null;
  }

  /**
   * One member of a class at `i`: its code point and the index after it; -1 for a member that
   * holds ASCII characters (`\s`, `\pL`), -2 for one that holds none (`\p{Greek}`).
   */
  private classMember(i: number): [number, number] {
    const p = this.p;
    if (p[i] !== '\\') {
      const cp = p.codePointAt(i)!;
      return [cp, i + String.fromCodePoint(cp).length];
    }
    const e = p[i + 1];
    if (e === undefined) throw new Unread();
    if (e === 'x') return this.hex(i);
    if (e === 'p' || e === 'P') {
      const [name, end] = this.property(i);
      return [e === 'P' || propertyHasAscii(name) ? -1 : -2, end];
    }
    if ('dswDSW'.includes(e)) return [-1, i + 2];
    const control: Record<string, number> = { n: 10, t: 9, r: 13, f: 12, v: 11, a: 7 };
    if (control[e] !== undefined) return [control[e]!, i + 2];
    if (/[A-Za-z0-9]/.test(e)) throw new Unread();
    return [e.codePointAt(0)!, i + 2];
  }

  private hex(i: number): [number, number] {
    const m = /^\\x(?:\{([0-9A-Fa-f]{1,6})\}|([0-9A-Fa-f]{2}))/.exec(this.p.slice(i));
    if (m === null) throw new Unread();
    return [parseInt(m[1] ?? m[2]!, 16), i + m[0].length];
  }

  private property(i: number): [string, number] {
    const p = this.p;
    if (p[i + 2] === '{') {
      const end = p.indexOf('}', i + 3);
      if (end < 0) throw new Unread();
      return [p.slice(i + 3, end), end + 1];
    }
    if (p[i + 2] === undefined) throw new Unread();
    return [p[i + 2]!, i + 3];
  }

  escape(): Part {
    const p = this.p;
    const start = this.at;
    const e = p[start + 1];
    if (e === undefined) throw new Unread();
    if (e === 'Q') {
      const end = p.indexOf('\\E', start + 2);
      const literal = p.slice(start + 2, end < 0 ? p.length : end);
      this.at = end < 0 ? p.length : end + 2;
      return [...literal].every((ch) => asciiChar(ch.codePointAt(0)!, this.ignoreCase)) ? p.slice(start, this.at) : null;
    }
    // Assertions (`\b`, `\A`) and any byte (`\C`) match, or hold, in ASCII text.
    if ('bBAzC'.includes(e)) {
      this.at = start + 2;
      return p.slice(start, this.at);
    }
    // Everything else stands for one character or a class of them, as inside a class.
    const [cp, end] = this.classMember(start);
    this.at = end;
    return cp === -1 || (cp >= 0 && asciiChar(cp, this.ignoreCase)) ? p.slice(start, end) : null;
  }
}
