/**
 * Finds the `\b` of a pattern that can never hold on some way through it. RE2's `\b` (and `\B`)
 * sees only ASCII letters, digits and `_` as word characters, so `\b` right after `perderá` or
 * before `écris` holds only when the character on its other side is an ASCII word character:
 * at the end of a word, that alternative is dead and nothing says so.
 *
 * The pattern is parsed into a tree; for each `\b` the characters that can stand on each side
 * are gathered over every way through the tree. A `\b` is reported when a letter outside ASCII
 * written in the pattern (a literal or a class member) can stand on one side while something
 * other than an ASCII word character can stand on the other. Broad classes (`\S`, `[^…]`, `.`,
 * `\p{L}`) are not reported: they are not a word the writer spelled.
 */

/** What can stand beside a `\b`: an ASCII word character, another ASCII character, a text edge, a broad class, or a letter outside ASCII (with its offset). */
type Side = 'word' | 'other' | 'edge' | 'broad' | number;

type Node =
  | { kind: 'chars'; sides: Set<Side> }
  | { kind: 'edge' }
  | { kind: 'boundary'; at: number }
  | { kind: 'seq'; items: Node[] }
  | { kind: 'alt'; options: Node[] }
  | { kind: 'repeat'; item: Node; optional: boolean };

/** A `\b` of `source` at `at` beside `letters`, letters outside ASCII that kill a way through it. */
export interface DeadBoundary {
  at: number;
  letters: string;
}

export function deadBoundaries(source: string): DeadBoundary[] {
  const tree = new Parser(source).parse();
  const before = new Map<number, Set<Side>>();
  const after = new Map<number, Set<Side>>();
  walk(tree, new Set<Side>(['edge']), before, false);
  walk(tree, new Set<Side>(['edge']), after, true);
  const dead: DeadBoundary[] = [];
  for (const [at, left] of before) {
    const right = after.get(at)!;
    const letters = [...(notWord(right) ? [...left] : []), ...(notWord(left) ? [...right] : [])].filter((s): s is number => typeof s === 'number');
    if (letters.length > 0) dead.push({ at, letters: [...new Set(letters)].sort((a, b) => a - b).map((i) => source[i]).join('') });
  }
  return dead.sort((a, b) => a.at - b.at);
}

function notWord(sides: Set<Side>): boolean {
  for (const s of sides) if (s !== 'word') return true;
  return false;
}

/**
 * Walks `node` with `entering` (what can stand just before it, or just after it when `backward`),
 * records that set at each `\b` and returns what can stand just after it (before it, backward).
 */
function walk(node: Node, entering: Set<Side>, seen: Map<number, Set<Side>>, backward: boolean): Set<Side> {
  switch (node.kind) {
    case 'chars':
      return node.sides;
    case 'edge':
      return new Set([...entering, 'edge']);
    case 'boundary': {
      const got = seen.get(node.at) ?? new Set<Side>();
      for (const s of entering) got.add(s);
      seen.set(node.at, got);
      return entering;
    }
    case 'seq': {
      let cur = entering;
      for (const item of backward ? [...node.items].reverse() : node.items) cur = walk(item, cur, seen, backward);
      return cur;
    }
    case 'alt': {
      const out = new Set<Side>();
      for (const option of node.options) for (const s of walk(option, entering, seen, backward)) out.add(s);
      return out;
    }
    case 'repeat': {
      // Twice is enough: a second pass adds the item's own last characters to what enters it.
      const once = walk(node.item, entering, seen, backward);
      const twice = walk(node.item, new Set([...entering, ...once]), seen, backward);
      const out = new Set([...once, ...twice]);
      if (node.optional) for (const s of entering) out.add(s);
      return out;
    }
  }
}

const LETTER = /[\p{L}\p{M}\p{N}]/u;

function sideOf(ch: string, at: number): Side {
  if (/^[A-Za-z0-9_]$/.test(ch)) return 'word';
  if (ch.charCodeAt(0) < 0x80) return 'other';
  return LETTER.test(ch) ? at : 'other';
}

class Parser {
  #i = 0;
  constructor(private readonly s: string) {}

  parse(): Node {
    const node = this.#alt();
    if (this.#i !== this.s.length) throw new Error(`unbalanced ) at ${this.#i} in ${this.s}`);
    return node;
  }

  #alt(): Node {
    const options = [this.#seq()];
    while (this.s[this.#i] === '|') {
      this.#i++;
      options.push(this.#seq());
    }
    return { kind: 'alt', options };
  }

  #seq(): Node {
    const items: Node[] = [];
    while (this.#i < this.s.length && this.s[this.#i] !== '|' && this.s[this.#i] !== ')') {
      const atom = this.#atom();
      const min = this.#quantifier();
      items.push(min === null ? atom : { kind: 'repeat', item: atom, optional: min === 0 });
    }
    return { kind: 'seq', items };
  }

  /** The least count of a quantifier at the cursor (consumed), or null when there is none. */
  #quantifier(): number | null {
    const c = this.s[this.#i];
    let min: number | null = null;
    if (c === '*' || c === '?') min = 0;
    else if (c === '+') min = 1;
    else if (c === '{') {
      const m = /^\{(\d*)(?:,\d*)?\}/.exec(this.s.slice(this.#i));
      if (m === null) return null;
      this.#i += m[0].length - 1;
      min = Number(m[1] || 0);
    }
    if (min === null) return null;
    this.#i++;
    if (this.s[this.#i] === '?') this.#i++;
    return min;
  }

  #atom(): Node {
    const c = this.s[this.#i]!;
    if (c === '(') {
      this.#i++;
      if (this.s[this.#i] === '?') {
        const m = /^\?(?:P?<[^>]*>|[a-zA-Z-]*:?)/.exec(this.s.slice(this.#i))!;
        this.#i += m[0].length;
        // A flag group without a body, `(?i)`.
        if (!m[0].endsWith(':') && !m[0].endsWith('>')) {
          this.#i++;
          return { kind: 'seq', items: [] };
        }
      }
      const inner = this.#alt();
      this.#i++;
      return inner;
    }
    if (c === '[') return { kind: 'chars', sides: this.#class() };
    if (c === '.') {
      this.#i++;
      return { kind: 'chars', sides: new Set(['broad']) };
    }
    if (c === '^' || c === '$') {
      this.#i++;
      return { kind: 'edge' };
    }
    if (c === '\\') {
      const e = this.s[this.#i + 1]!;
      if (e === 'b') {
        this.#i += 2;
        return { kind: 'boundary', at: this.#i - 2 };
      }
      if (e === 'B') {
        this.#i += 2;
        return { kind: 'seq', items: [] };
      }
      if (e === 'A' || e === 'z') {
        this.#i += 2;
        return { kind: 'edge' };
      }
    }
    return { kind: 'chars', sides: new Set([this.#char()]) };
  }

  /** One character or escape outside or inside a class, consumed. */
  #char(): Side {
    const at = this.#i;
    const c = this.s[this.#i]!;
    if (c !== '\\') {
      const ch = String.fromCodePoint(this.s.codePointAt(this.#i)!);
      this.#i += ch.length;
      return sideOf(ch, at);
    }
    const e = this.s[this.#i + 1]!;
    this.#i += 2;
    if (e === 'p' || e === 'P') {
      this.#i += this.s[this.#i] === '{' ? this.s.indexOf('}', this.#i) - this.#i + 1 : 1;
      return 'broad';
    }
    if (e === 'x' || e === 'u') {
      const m = (e === 'x' ? /^(?:\{([0-9a-fA-F]+)\}|([0-9a-fA-F]{2}))/ : /^(?:\{([0-9a-fA-F]+)\}|([0-9a-fA-F]{4}))/).exec(this.s.slice(this.#i))!;
      this.#i += m[0].length;
      return sideOf(String.fromCodePoint(parseInt(m[1] ?? m[2]!, 16)), at);
    }
    if (e === 'w' || e === 'd') return 'word';
    if (e === 's' || 'ntrfv'.includes(e)) return 'other';
    if (e === 'W' || e === 'D' || e === 'S') return 'broad';
    return sideOf(e, at + 1);
  }

  #class(): Set<Side> {
    this.#i++;
    const negated = this.s[this.#i] === '^';
    if (negated) this.#i++;
    const sides = new Set<Side>();
    let first = true;
    while (this.s[this.#i] !== ']' || first) {
      first = false;
      if (this.s.startsWith('[:', this.#i)) {
        this.#i = this.s.indexOf(':]', this.#i) + 2;
        sides.add('broad');
        continue;
      }
      const low = this.#char();
      if (this.s[this.#i] === '-' && this.s[this.#i + 1] !== ']') {
        this.#i++;
        const high = this.#char();
        // A range reaching outside ASCII is a span of letters, not one the writer spelled.
        if (typeof low === 'number' || typeof high === 'number') sides.add('broad');
        else if (low === 'word' && high === 'word') sides.add('word');
        else sides.add('word').add('other');
        continue;
      }
      sides.add(low);
    }
    this.#i++;
    return negated ? new Set(['broad']) : sides;
  }
}
