import type { LimitState } from './types.js';

/** One key's state, linked into the recency ring so that a hit moves it in O(1). */
export interface Slot {
  readonly key: string;
  /** Rewritten in place when the key is charged: no second lookup, no new entry. */
  state: LimitState;
  older: Slot;
  newer: Slot;
}

/**
 * The memory store's bounded map: a `Map` for lookup and an intrusive doubly linked ring for
 * recency. A `get` is one hash lookup and four pointer writes, with no options object, status
 * record or TTL check (lru-cache does all three on every `get`, about a quarter of a decision's
 * time in profiles); the least recently used key is dropped once `max` is exceeded.
 *
 * @example
 * const lru = new Lru(2);
 * lru.add('a', 1); lru.add('b', 2); lru.get('a'); lru.add('c', 3); // 'b' is forgotten
 */
export class Lru {
  readonly #map = new Map<string, Slot>();
  // The ring's sentinel: `newer` is the least recently used slot, `older` the most recent.
  readonly #ring: Slot;
  readonly #max: number;

  constructor(max: number) {
    this.#max = max;
    const ring = { key: '', state: 0, older: undefined, newer: undefined } as unknown as Slot;
    ring.older = ring;
    ring.newer = ring;
    this.#ring = ring;
  }

  /** Keys held. */
  get size(): number {
    return this.#map.size;
  }

  /** The slot of `key`, now the most recently used, or undefined. */
  get(key: string): Slot | undefined {
    const slot = this.#map.get(key);
    if (slot !== undefined && slot !== this.#ring.older) {
      slot.older.newer = slot.newer;
      slot.newer.older = slot.older;
      this.#link(slot);
    }
    return slot;
  }

  /** Adds `key`, which must not be held, as the most recently used; drops the least beyond `max`. */
  add(key: string, state: LimitState): void {
    const slot = { key, state, older: this.#ring, newer: this.#ring } as Slot;
    this.#link(slot);
    this.#map.set(key, slot);
    if (this.#map.size > this.#max) this.#unlink(this.#ring.newer);
  }

  /** Forgets `key` if held. */
  delete(key: string): void {
    const slot = this.#map.get(key);
    if (slot !== undefined) this.#unlink(slot);
  }

  #link(slot: Slot): void {
    const ring = this.#ring;
    slot.older = ring.older;
    slot.newer = ring;
    ring.older.newer = slot;
    ring.older = slot;
  }

  #unlink(slot: Slot): void {
    slot.older.newer = slot.newer;
    slot.newer.older = slot.older;
    this.#map.delete(slot.key);
  }
}
