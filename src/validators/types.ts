/** Where a match stands, for validators that look around it (context words, dates of birth). */
export interface ValidatorContext {
  /** The whole view text the match was found in. */
  text: string;
  start: number;
  end: number;
}

/**
 * A named check every match of a rule must pass. `arg` is what follows the colon in the
 * rule's validator entry (`entropy:3.5` gives `"3.5"`).
 */
export type Validator = (value: string, arg: string | undefined, context: ValidatorContext) => boolean;
