/** One value to number in a scope. */
export interface VaultEntry {
  /** The token label (`EMAIL`): numbers count per label. */
  label: string;
  /** A keyed digest of label and value: equal values have equal digests, and the vault never needs the value to number it. */
  digest: string;
  /** The value itself, kept for restore; only pseudonyms pass it. */
  original?: string;
}

/** The number a value got, and whether this call created it. */
export interface Assigned {
  index: number;
  created: boolean;
}

/**
 * Where per-scope numbering and pseudonym originals live. A scope is one request or one
 * conversation; scopes never see each other's entries. Implementations must make each
 * `assign` call atomic, so concurrent requests in one scope never hand out one number twice.
 */
export interface Vault {
  /**
   * Numbers `entries` in order: a digest numbered before in `scope` keeps its number, a new
   * one takes the next number of its label (`created`). Keeps each given `original` under `LABEL_n`.
   */
  assign(scope: string, entries: readonly VaultEntry[]): Promise<Assigned[]>;
  /** The originals kept under `keys` (`EMAIL_1`) in `scope`; `undefined` where none was kept. */
  resolve(scope: string, keys: readonly string[]): Promise<(string | undefined)[]>;
  /** Forgets `scope`, for example when a conversation ends. */
  drop(scope: string): Promise<void>;
}
