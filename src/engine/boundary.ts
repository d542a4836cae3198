import { readGroupHead, readMember, readQuantifier, UnknownSyntax } from './syntax.js';

/**
 * Finds the `\b` of a pattern that can never hold on some way through it. RE2's `\b` sees only
 * ASCII letters, digits and `_` as word characters, so a `\b` right after `perderá` or before
 * `écris` holds only when the character on its other side is an ASCII word character: at the
 * edge of a word, that alternative is dead, and nothing says so.
 *
 * The pattern is parsed into a tree (class members, escapes, quantifiers and group heads read by
 * `syntax.ts`, as `ascii.ts` reads them); for each `\b` the characters that can stand on each side
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
  const parser = new Parser(source);
  let tree: Node;
  try {
    tree = parser.parse();
  } catch (error) {
    // RE2 compiled the pattern before this runs: what this reader cannot follow, it leaves alone.
    if (error instanceof UnknownSyntax) return [];
    throw error;
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
    if (offsets.size > 0) dead.push({ at, letters: [...offsets].sort((a, b) => a - b).map((i) => parser.letters.get(i)!).join('') });
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
const BROAD: Node = chars(new Set(['broad']));

class Parser {
  #i = 0;
  /** The letters outside ASCII written in the pattern, by offset. */
  readonly letters = new Map<number, string>();
  constructor(private readonly s: string) {}

  parse(): Node {
    const node = this.#alt();
    if (this.#i !== this.s.length) throw new UnknownSyntax();
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
      const q = readQuantifier(this.s, this.#i);
      if (q === null) items.push(atom);
      else {
        this.#i = q.end;
        items.push({ kind: 'repeat', item: atom, first: atom.first, last: atom.last, nullable: q.min === 0 || atom.nullable });
      }
    }
    return seq(items);
  }

  #atom(): Node {
    const c = this.s[this.#i]!;
    if (c === '(') {
      const head = readGroupHead(this.s, this.#i);
      this.#i = head.end;
      if (head.bodiless) return EMPTY;
      const inner = this.#alt();
      if (this.s[this.#i] !== ')') throw new UnknownSyntax();
      this.#i++;
      return inner;
    }
    if (c === '[') return chars(this.#class());
    if (c === '.') {
      this.#i++;
      return BROAD;
    }
    if (c === '^' || c === '$') {
      this.#i++;
      return EDGE;
    }
    if (c === '\\') {
      const e = this.s[this.#i + 1];
      if (e === 'b' || e === 'B' || e === 'A' || e === 'z' || e === 'C') this.#i += 2;
      if (e === 'b') return { kind: 'boundary', at: this.#i - 2, first: new Set(), last: new Set(), nullable: true };
      if (e === 'B') return EMPTY;
      if (e === 'A' || e === 'z') return EDGE;
      if (e === 'C') return BROAD;
      if (e === 'Q') {
        // \Q…\E: every character between is itself.
        const end = this.s.indexOf('\\E', this.#i + 2);
        const items: Node[] = [];
        let at = this.#i + 2;
        for (const ch of this.s.slice(at, end < 0 ? this.s.length : end)) {
          items.push(chars(new Set([this.#side(ch.codePointAt(0)!, at)])));
          at += ch.length;
        }
        this.#i = end < 0 ? this.s.length : end + 2;
        return seq(items);
      }
    }
    return chars(new Set([this.#member()]));
  }

  /** The class member or escaped character at the cursor, consumed, as a side of a `\b`. */
  #member(): Side {
    const at = this.#i;
    const [member, end] = readMember(this.s, at);
    this.#i = end;
    if (member.kind === 'char') return this.#side(member.cp, at);
    if (member.kind === 'perl') return member.letter === 'd' || member.letter === 'w' ? 'word' : member.letter === 's' ? 'other' : 'broad';
    return 'broad';
  }

  #side(cp: number, at: number): Side {
    const ch = String.fromCodePoint(cp);
    if (/^[A-Za-z0-9_]$/.test(ch)) return 'word';
    if (cp < 0x80 || !LETTER.test(ch)) return 'other';
    this.letters.set(at, ch);
    return at;
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
        const end = this.s.indexOf(':]', this.#i);
        if (end < 0) throw new UnknownSyntax();
        this.#i = end + 2;
        sides.add('broad');
        continue;
      }
      const low = this.#member();
      if (this.s[this.#i] === '-' && this.s[this.#i + 1] !== ']') {
        this.#i++;
        const high = this.#member();
        // A range reaching outside ASCII is a span of letters, not one the writer spelled.
        if (typeof low === 'number' || typeof high === 'number') sides.add('broad');
        else if (low === 'word' && high === 'word') sides.add('word');
        else sides.add('word').add('other');
        continue;
      }
      sides.add(low);
    }
    if (this.#i >= this.s.length) throw new UnknownSyntax();
    this.#i++;
    return negated ? new Set(['broad']) : sides;
  }
}
