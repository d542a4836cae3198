import type { Action } from './config.js';

/**
 * What the guard tells an app as it works, for logs and metrics. Events carry rule ids,
 * categories and spans, never the matched values.
 */
export type GuardEvent =
  | {
      type: 'finding';
      direction: 'input' | 'output';
      ruleId: string;
      category: string;
      entity?: string;
      severity: string;
      action: Action;
      start: number;
      end: number;
      /** Index of the message in the request (input only; null for top-level fields). */
      messageIndex?: number | null;
    }
  | { type: 'block'; direction: 'input' | 'output'; ruleIds: string[]; monitor: boolean }
  | { type: 'redact'; direction: 'input' | 'output'; count: number }
  | { type: 'error'; direction: 'input' | 'output'; code: string; message: string; failOpen: boolean };

/** Receives every event. A handler that throws is ignored: logging must not change a verdict. */
export type GuardEventHandler = (event: GuardEvent) => void;
