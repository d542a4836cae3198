/** The names of the built-in redaction operators. */
export type OperatorKind = 'mask' | 'placeholder' | 'hash' | 'pseudonym' | 'remove';

/** What one operator call sees: the value, its label and what the redactor prepared for it. */
export interface OperatorInput {
  /** The text being redacted (a finding's span, or the union of overlapping findings). */
  value: string;
  /** The entity (`EMAIL`) or the upper-cased category (`SECRET`) the value was found as. */
  label: string;
  /** The value's number for its label in the scope (1, 2, …) when `vault` is not `'none'`, else 0. */
  index: number;
  /** The redactor's secret key, for keyed operators. */
  key: Uint8Array;
}

/**
 * A pure function from a value to its replacement, with the one thing the redactor must do
 * first: nothing, number the value within its scope, or also keep the original for restore.
 */
export interface Operator {
  readonly kind: OperatorKind;
  /** `'number'`: the value gets a per-scope number; `'keep'`: also kept in the vault for restore. */
  readonly vault: 'none' | 'number' | 'keep';
  apply(input: OperatorInput): string;
}
