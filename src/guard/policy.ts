import type { Finding } from '../engine/finding.js';
import { type Action, DEFAULT_ACTIONS, type GuardConfig } from './config.js';

/** Decides the action for a data finding and whether an allow-list lets it through. */
export interface Policy {
  actionFor(finding: Finding): Action;
  /** True when the finding's rule is allowed, or its value is on the allow-list of its rule or entity. */
  allowed(finding: Finding, value: string): boolean;
}

/** The policy of a config: rule id, then entity, then category, then `flag`. */
export function policyOf(config: GuardConfig): Policy {
  const actions: Record<string, Action> = { ...DEFAULT_ACTIONS, ...config.actions };
  const rules = new Set(config.allow.rules);
  const values = new Map(Object.entries(config.allow.values).map(([k, v]) => [k, new Set(v)]));
  return {
    actionFor(f) {
      return actions[f.ruleId] ?? (f.entity === undefined ? undefined : actions[f.entity]) ?? actions[f.category] ?? 'flag';
    },
    allowed(f, value) {
      if (rules.has(f.ruleId)) return true;
      if (values.get(f.ruleId)?.has(value) === true) return true;
      return f.entity !== undefined && values.get(f.entity)?.has(value) === true;
    },
  };
}

const RANK: Record<Action, number> = { allow: 0, flag: 1, redact: 2, block: 3 };

/** The strongest of several actions (`allow` for none). */
export function strongest(actions: Iterable<Action>): Action {
  let best: Action = 'allow';
  for (const a of actions) if (RANK[a] > RANK[best]) best = a;
  return best;
}
