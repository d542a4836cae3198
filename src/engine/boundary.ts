/**
 * Finds the `\b` of a pattern that can never hold on some way through it. RE2's `\b` sees only
 * ASCII letters, digits and `_` as word characters, so a `\b` right after `perderá` or before
 * `écris` holds only when the character on its other side is an ASCII word character: at the
 * edge of a word, that alternative is dead, and nothing says so.
 *
 * The pattern is parsed into a tree; for each `\b` the characters that can stand on each side
 * are gathered over every way through the tree (Glushkov's first and last sets: one pass up the
 * tree, one down, so the work is linear in the pattern). A `\b` is reported when a letter outside
 * ASCII written in the pattern (a literal or a class member) can stand on one side while
 * something other than an ASCII word character can stand on the other. Broad classes (`\S`,
 * `[^…]`, `.`, `\p{L}`, a range) are not reported: they are not a word the writer spelled.
 */

/** What can stand beside a `\b`: an ASCII word character, another ASCII character, a text edge, a broad class, or a letter outside ASCII (its offset in the pattern). */
type Side = 'word' | 'other' | 'edge' | 'broad' | number;

type Node = { first: Set<Side>; last: Set<Side>; nullable: boolean } & (
  | { kind: 'chars' | 'edge' }
  | { kind: 'boundary'; at: number }
  | { kind: 'seq'; items: Node[] }
  | { kind: 'alt'; options: Node[] }
  | { kind: 'repeat'; item: Node }
);

/** A `\b` of a pattern at offset `at`, beside `letters`: letters outside ASCII that kill a way through it. */
export interface DeadBoundary {
  at: number;
  letters: string;
}

/** The `\b` of `source` (RE2 syntax) that a letter outside ASCII beside them keeps from ever holding. */
export function deadBoundaries(source: string): DeadBoundary[] {
  let tree: Node;
  try {
    tree = new Parser(source).parse();
  } catch {
    // RE2 compiled the pattern before this runs: what this reader cannot follow, it leaves alone.
    return [];
  }
  const before = new Map<number, Set<Side>>();
  const after = new Map<number, Set<Side>>();
  visit(tree, new Set(['edge']), before, false);
  visit(tree, new Set(['edge']), after, true);
  const dead: DeadBoundary[] = [];
  for (const [at, left] of before) {
    const right = after.get(at)!;
    const offsets = new Set<number>();
    if (notWord(right)) for (const s of left) if (typeof s === 'number') offsets.add(s);
    if (notWord(left)) for (const s of right) if (typeof s === 'number') offsets.add(s);
    if (offsets.size > 0) dead.push({ at, letters: [...offsets].sort((a, b) => a - b).map((i) => String.fromCodePoint(source.codePointAt(i)!)).join('') });
  }
  return dead.sort((a, b) => a.at - b.at);
}

function notWord(sides: Set<Side>): boolean {
  for (const s of sides) if (s !== 'word') return true;
  return false;
}

function union(a: Set<Side>, b: Set<Side>): Set<Side> {
  const out = new Set(a);
  for (const s of b) out.add(s);
  return out;
}

/**
 * Records, at each `\b` under `node`, what can stand just before it (just after it when
 * `backward`), given `outside`: what can stand just before `node` itself (just after it).
 */
function visit(node: Node, outside: Set<Side>, seen: Map<number, Set<Side>>, backward: boolean): void {
  switch (node.kind) {
    case 'boundary':
      seen.set(node.at, union(seen.get(node.at) ?? new Set(), outside));
      return;
    case 'seq': {
      let cur = outside;
      for (const item of backward ? [...node.items].reverse() : node.items) {
        visit(item, cur, seen, backward);
        const edge = backward ? item.first : item.last;
        cur = item.nullable ? union(cur, edge) : edge;
      }
      return;
    }
    case 'alt':
      for (const option of node.options) visit(option, outside, seen, backward);
      return;
    case 'repeat':
      // A repeated item can stand beside itself.
      visit(node.item, union(outside, backward ? node.item.first : node.item.last), seen, backward);
      return;
    default:
  }
}

const LETTER = /[\p{L}\p{M}\p{N}]/u;

function sideOf(ch: string, at: number): Side {
  if (/^[A-Za-z0-9_]$/.test(ch)) return 'word';
  if (ch.charCodeAt(0) < 0x80) return 'other';
  return LETTER.test(ch) ? at : 'other';
}

function chars(sides: Set<Side>): Node {
  return { kind: 'chars', first: sides, last: sides, nullable: false };
}

function seq(items: Node[]): Node {
  const first = new Set<Side>();
  for (const item of items) {
    for (const s of item.first) first.add(s);
    if (!item.nullable) break;
  }
  const last = new Set<Side>();
  for (const item of [...items].reverse()) {
    for (const s of item.last) last.add(s);
    if (!item.nullable) break;
  }
  return { kind: 'seq', items, first, last, nullable: items.every((i) => i.nullable) };
}

const EMPTY: Node = { kind: 'seq', items: [], first: new Set(), last: new Set(), nullable: true };
const EDGE: Node = { kind: 'edge', first: new Set(['edge']), last: new Set(['edge']), nullable: true };

class Parser {
  #i = 0;
  constructor(private readonly s: string) {}

  parse(): Node {
    const node = this.#alt();
    if (this.#i !== this.s.length) throw new SyntaxError(`unbalanced ) at ${this.#i}`);
    return node;
  }

  #alt(): Node {
    const options = [this.#seq()];
    while (this.s[this.#i] === '|') {
      this.#i++;
      options.push(this.#seq());
    }
    if (options.length === 1) return options[0]!;
    const first = new Set<Side>();
    const last = new Set<Side>();
    for (const o of options) {
      for (const s of o.first) first.add(s);
      for (const s of o.last) last.add(s);
    }
    return { kind: 'alt', options, first, last, nullable: options.some((o) => o.nullable) };
  }

  #seq(): Node {
    const items: Node[] = [];
    while (this.#i < this.s.length && this.s[this.#i] !== '|' && this.s[this.#i] !== ')') {
      const atom = this.#atom();
      const min = this.#quantifier();
      items.push(min === null ? atom : { kind: 'repeat', item: atom, first: atom.first, last: atom.last, nullable: min === 0 || atom.nullable });
    }
    return seq(items);
  }

  /** The least count of a quantifier at the cursor (consumed), or null when there is none. */
  #quantifier(): number | null {
    const c = this.s[this.#i];
    let min: number | null = null;
    if (c === '*' || c === '?') min = 0;
    else if (c === '+') min = 1;
    else if (c === '{') {
      const m = /^\{(\d*)(?:,\d*)?\}/.exec(this.s.slice(this.#i, this.#i + 24));
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
        const m = /^\?(?:P?<[^>]*>|[a-zA-Z-]*:?)/.exec(this.s.slice(this.#i, this.#i + 64))!;
        this.#i += m[0].length;
        // A flag group without a body, `(?i)`.
        if (!m[0].endsWith(':') && !m[0].endsWith('>')) {
          this.#i++;
          return EMPTY;
        }
      }
      const inner = this.#alt();
      this.#i++;
      return inner;
    }
    if (c === '[') return chars(this.#class());
    if (c === '.') {
      this.#i++;
      return chars(new Set(['broad']));
    }
    if (c === '^' || c === '$') {
      this.#i++;
      return EDGE;
    }
    if (c === '\\') {
      const e = this.s[this.#i + 1];
      if (e === 'b') {
        this.#i += 2;
        return { kind: 'boundary', at: this.#i - 2, first: new Set(), last: new Set(), nullable: true };
      }
      if (e === 'B') {
        this.#i += 2;
        return EMPTY;
      }
      if (e === 'A' || e === 'z') {
        this.#i += 2;
        return EDGE;
      }
      if (e === 'Q') {
        // \Q…\E: every character between is itself.
        const end = this.s.indexOf('\\E', this.#i + 2);
        const quoted = this.s.slice(this.#i + 2, end < 0 ? this.s.length : end);
        const items: Node[] = [];
        let at = this.#i + 2;
        for (const ch of quoted) {
          items.push(chars(new Set([sideOf(ch, at)])));
          at += ch.length;
        }
        this.#i = end < 0 ? this.s.length : end + 2;
        return seq(items);
      }
    }
    return chars(new Set([this.#char()]));
  }

  /** One character or escape, outside or inside a class, consumed. */
  #char(): Side {
    const at = this.#i;
    if (this.s[at] !== '\\') {
      const ch = String.fromCodePoint(this.s.codePointAt(at)!);
      this.#i += ch.length;
      return sideOf(ch, at);
    }
    const e = this.s[at + 1] ?? '';
    this.#i += 2;
    if (e === 'p' || e === 'P') {
      this.#i = this.s[this.#i] === '{' ? this.s.indexOf('}', this.#i) + 1 || this.s.length : this.#i + 1;
      return 'broad';
    }
    if (e === 'x' || e === 'u') {
      const m = (e === 'x' ? /^(?:\{([0-9a-fA-F]+)\}|([0-9a-fA-F]{2}))/ : /^(?:\{([0-9a-fA-F]+)\}|([0-9a-fA-F]{4}))/).exec(this.s.slice(this.#i, this.#i + 10));
      if (m === null) return 'other';
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
    while (this.#i < this.s.length && (this.s[this.#i] !== ']' || first)) {
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
