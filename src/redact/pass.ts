import type { Finding } from '../engine/finding.js';
import { InvalidInputError, PromptwardError } from '../errors.js';
import { Horizon, type Reach } from './horizon.js';
import { plan, type PlanConfig } from './plan.js';
import { type RenderConfig, type Replacement, render } from './render.js';
import type { RestorePattern } from './restore-pattern.js';

/** Everything one pass over a text (a whole text, or a stream) runs with. */
export interface PassConfig extends PlanConfig, RenderConfig {
  scope: string;
  block: ReadonlySet<string>;
  restore: RestorePattern | undefined;
  /** How far the rules reach: what a stream holds back after the decided point and keeps before it. */
  reach: Reach;
}

/** The output of one step. */
export interface Step {
  text: string;
  findings: Finding[];
  replacements: Replacement[];
}

/**
 * One pass over a text that arrives in pieces. `push` decides and returns what no later
 * text can change; `end` returns the rest. A whole text is one `end(text)`, so the
 * whole-text redactor and the stream are the same code and agree by construction wherever
 * the rules are local (their matches fit in `maxLength` plus their context). Await each
 * call before the next: a pass is a sequence, not a queue.
 */
export class Pass {
  private buffer = '';
  /** Position of `buffer[0]` in the whole text. */
  private base = 0;
  /** Everything before this was emitted. */
  private floor = 0;
  private readonly fresh = new Set<string>();
  private readonly horizon: Horizon;

  constructor(private readonly config: PassConfig) {
    this.horizon = new Horizon(config.reach);
  }

  /** Characters received and not yet emitted. */
  get held(): number {
    return this.base + this.buffer.length - this.floor;
  }

  async push(chunk: string): Promise<Step> {
    this.buffer += text(chunk);
    const limit = this.horizon.limit(this.buffer, this.base);
    if (limit <= this.floor) return { text: '', findings: [], replacements: [] };
    return this.step(limit);
  }

  /** Decides everything, after appending `last`. */
  async end(last = ''): Promise<Step> {
    this.buffer += text(last);
    return this.step(this.base + this.buffer.length);
  }

  private async step(limit: number): Promise<Step> {
    const { config, buffer, base, floor } = this;
    const decided = plan(config, { window: buffer, offset: base, floor, limit, block: config.block, restore: config.restore });
    const first = decided.blocked[0];
    if (first !== undefined) {
      // The message names rules and places, never the matched text.
      throw new PromptwardError(
        'PW_BLOCKED',
        `blocked: ${first.category} found by ${first.ruleId} at ${first.start}–${first.end}`,
        { issues: decided.blocked.map((f) => ({ path: [f.start, f.end], message: `${f.category}: ${f.ruleId}` })) },
      );
    }
    const until = decided.until;
    const out = await render(config, buffer, base, floor, until, decided.clusters, config.scope, this.fresh);
    this.floor = until;
    const keep = this.horizon.keep(base, until);
    this.buffer = this.buffer.slice(keep - base);
    this.base = keep;
    return { text: out.text, findings: decided.findings, replacements: out.replacements };
  }
}

function text(chunk: unknown): string {
  if (typeof chunk !== 'string') {
    throw new InvalidInputError(`redaction expects strings, got ${chunk === null ? 'null' : typeof chunk}`);
  }
  return chunk;
}
