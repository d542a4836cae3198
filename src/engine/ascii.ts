import { readGroupHead, readMember, readQuantifier, UnknownSyntax } from './syntax.js';

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
    if (error instanceof UnknownSyntax) return pattern;
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
    for (let q = readQuantifier(this.p, this.at); q !== null; q = readQuantifier(this.p, this.at)) {
      const source = this.p.slice(this.at, q.end);
      this.at = q.end;
      body = body !== null ? body + source : q.min === 0 ? '' : null;
    }
    return body;
  }

  atom(): Part {
    const p = this.p;
    const c = p[this.at]!;
    if (c === '(') return this.group();
    if (c === '[') return this.charClass();
    if (c === '\\') return this.escape();
    if (c === '*' || c === '+' || c === '?') throw new UnknownSyntax();
    const cp = p.codePointAt(this.at)!;
    const source = String.fromCodePoint(cp);
    this.at += source.length;
    // `^`, `$`, `.` and ASCII literals all can match (or hold) in ASCII text.
    return asciiChar(cp, this.ignoreCase) ? source : null;
  }

  group(): Part {
    const p = this.p;
    const start = this.at;
    const outer = this.ignoreCase;
    const head = readGroupHead(p, start);
    this.at = head.end;
    if (head.on.includes('i')) this.ignoreCase = true;
    if (head.off.includes('i')) this.ignoreCase = false;
    // `(?i)`: flags for the rest of the enclosing group, matching nothing itself. Only at the very
    // start: elsewhere, leaving out a branch that holds it would change later branches.
    if (head.bodiless) {
      if (start !== 0) throw new UnknownSyntax();
      return p.slice(start, this.at);
    }
    const open = p.slice(start, this.at);
    const body = this.alternation();
    if (p[this.at] !== ')') throw new UnknownSyntax();
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
        if (end < 0) throw new UnknownSyntax();
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
        if (hi < 0) throw new UnknownSyntax();
      }
      if (lo < 0x80 || (this.ignoreCase && [...FOLDS_TO_ASCII].some((f) => f >= lo && f <= hi))) ascii = true;
    }
    if (i >= p.length) throw new UnknownSyntax();
    this.at = i + 1;
    return ascii ? p.slice(start, this.at) : null;
  }

  /**
   * One member of a class at `i`: its code point and the index after it; -1 for a member that
   * holds ASCII characters (`\s`, `\pL`), -2 for one that holds none (`\p{Greek}`).
   */
  private classMember(i: number): [number, number] {
    const [member, end] = readMember(this.p, i);
    if (member.kind === 'char') return [member.cp, end];
    if (member.kind === 'perl') return [-1, end];
    return [member.negated || propertyHasAscii(member.name) ? -1 : -2, end];
  }

  escape(): Part {
    const p = this.p;
    const start = this.at;
    const e = p[start + 1];
    if (e === undefined) throw new UnknownSyntax();
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
