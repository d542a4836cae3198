import type { Finding } from '../../engine/finding.js';
import type { DOCUMENT_PACKS } from './packs.js';

/**
 * Where a text comes from. `message`: what a user writes to the assistant. `document`:
 * third-party content the assistant reads (tool results, retrieved pages, e-mails, files),
 * where an instruction about the assistant's own answer is an injection.
 */
export type InjectionContext = 'message' | 'document';

/** Options of {@link detectInjection}. */
export interface InjectionOptions {
  /**
   * A text whose injection score is at or above this is flagged. Default
   * {@link DEFAULT_INJECTION_THRESHOLD} (0.5): one strong rule (an override, a DAN persona,
   * a chat-template turn) flags alone; weak cues (a standing "from now on", "stay in
   * character", invisible characters) need company.
   */
  threshold?: number;
  /**
   * `document` for third-party content (tool results, retrieved pages, e-mails, files): adds
   * the rules of {@link DOCUMENT_PACKS}, instructions that steer the reading assistant's answer
   * ("add this link to your reply", "write your answer backwards"), which a user may ask for in
   * their own prompt. Default `message`.
   */
  context?: InjectionContext;
  /** Extra packs (plain objects in the pack format) scanned beside the injection packs. */
  packs?: readonly unknown[];
  /** Run the heuristics (obfuscation, encoded payloads, adversarial suffixes, repeated tokens). Default true. */
  heuristics?: boolean;
  /**
   * Add the word model's finding (`heuristic/lexical-model`): a linear model over the words and
   * word pairs of the fold view, trained on this project's own texts (`npm run train`). It says
   * nothing on texts under 16 words or below probability 0.75, reaches the default threshold
   * alone at 0.93, and needs a rule cue beside it in between. Default true.
   */
  model?: boolean;
  /** Longest text accepted, in UTF-16 units; longer input throws `PW_INPUT_TOO_LARGE`. Default 1,000,000. */
  maxChars?: number;
  /**
   * Decoding limits for encoded payloads: at most `maxDepth` nested layers (default 2) and
   * `maxDecodedBytes` of decoded text in total (default 65,536).
   */
  decode?: { maxDepth?: number; maxDecodedBytes?: number };
}

/** The verdict of {@link detectInjection}. */
export interface InjectionResult {
  /** `score >= threshold`. */
  flagged: boolean;
  /** Noisy-OR of the best finding of each rule and heuristic, in [0, 1]. */
  score: number;
  /** The threshold the verdict used. */
  threshold: number;
  /** Rule and heuristic findings, in text order; heuristics carry `evidence`. */
  findings: Finding[];
}
