import type { Algorithm } from '../types.js';
import { FIXED_WINDOW_ADJUST_LUA, FIXED_WINDOW_EVALUATE_LUA, FIXED_WINDOW_ONE_LUA } from './fixed-window.js';
import { GCRA_ADJUST_LUA, GCRA_COMMON_LUA, GCRA_EVALUATE_LUA, GCRA_ONE_LUA } from './gcra.js';
import { CLOCKLESS_PRELUDE, PRELUDE } from './prelude.js';
import { SLIDING_WINDOW_ADJUST_LUA, SLIDING_WINDOW_EVALUATE_LUA } from './sliding-window.js';
import { TOKEN_BUCKET_ADJUST_LUA, TOKEN_BUCKET_EVALUATE_LUA } from './token-bucket.js';

type Kind = Algorithm['kind'];

const EVALUATE: Record<Kind, string> = {
  gcra: GCRA_COMMON_LUA + GCRA_EVALUATE_LUA,
  'token-bucket': TOKEN_BUCKET_EVALUATE_LUA,
  'sliding-window': SLIDING_WINDOW_EVALUATE_LUA,
  'fixed-window': FIXED_WINDOW_EVALUATE_LUA,
};

const ADJUST: Record<Kind, string> = {
  gcra: GCRA_COMMON_LUA + GCRA_ADJUST_LUA,
  'token-bucket': TOKEN_BUCKET_ADJUST_LUA,
  'sliding-window': SLIDING_WINDOW_ADJUST_LUA,
  'fixed-window': FIXED_WINDOW_ADJUST_LUA,
};

// Only the algorithms a limiter uses go into its script: Redis runs the whole chunk on every
// call, defining each function anew, so unused ones would cost time on every decision.
function only(chunks: Record<Kind, string>, kinds: readonly Kind[]): string {
  const prelude = kinds.every((kind) => kind === 'fixed-window') ? CLOCKLESS_PRELUDE : PRELUDE;
  return prelude + [...new Set(kinds)].sort().map((kind) => chunks[kind]).join('');
}

/** How the consume script evaluates limit `i` of each kind. */
const CALL: Record<Kind, string> = {
  gcra: 'return gcra_evaluate(KEYS[i], cost, p(i, 2), p(i, 3), p(i, 4))',
  'token-bucket': 'return bucket_evaluate(KEYS[i], cost, p(i, 2), p(i, 3), p(i, 4))',
  'sliding-window': 'return window_evaluate(KEYS[i], cost, costText, id, hold, p(i, 2), p(i, 3))',
  'fixed-window': 'return fixed_evaluate(KEYS[i], cost, hold, p(i, 2), p(i, 3))',
};

/** How the consume script writes limit `i` once every limit admits. */
const WRITE: Record<Kind, string> = {
  gcra: 'gcra_set(KEYS[i], value, px)',
  'token-bucket': "redis.call('SET', KEYS[i], value, 'PX', px)",
  'sliding-window': "if value then redis.call('ZADD', KEYS[i], now, value) redis.call('PEXPIRE', KEYS[i], px) end",
  'fixed-window': 'if value then fixed_write(KEYS[i], value, px, ARGV[2], id, hold) end',
};

// Limit i's kind is ARGV[4 + (i - 1) * 4 + 1]. The branches are written out only for the kinds
// present, and for a single kind there is no branch at all.
function dispatch(table: Record<Kind, string>, kinds: readonly Kind[]): string {
  const present = [...new Set(kinds)].sort();
  const last = present.pop() as Kind;
  if (present.length === 0) return table[last];
  const branches = present.map((kind) => `if ARGV[4 + (i - 1) * 4 + 1] == '${kind}' then\n    ${table[kind]}`);
  return `${branches.join('\n  else')}\n  else\n    ${table[last]}\n  end`;
}

/**
 * The script of one decision over every limit (of the given kinds, in order), atomically:
 * evaluate all, then write all or none. KEYS: one per limit. ARGV: now ('' for Redis TIME),
 * cost, id, hold ('1'/'0'), then per limit its kind and three parameters. Returns allowed
 * (1/0), remaining, resetMs and retryAfterMs per limit, flattened.
 *
 * @example
 * client.eval(consumeLua(['gcra']), 1, 'pw:rl:default:k', '', '1', '', '0', 'gcra', '1000', '60000', '60000');
 */
export function consumeLua(kinds: readonly Kind[]): string {
  return `${only(EVALUATE, kinds)}
local id, hold = ARGV[3], ARGV[4] == '1'
local function p(i, n) return tonumber(ARGV[4 + (i - 1) * 4 + n]) end

local function evaluate(i, costText)
  local cost = tonumber(costText)
  ${dispatch(CALL, kinds)}
end

local function write(i, value, px)
  ${dispatch(WRITE, kinds)}
end

-- One limit, the common case: no bookkeeping for an all-or-nothing write.
if #KEYS == 1 then
  local allowed, remaining, reset, retry, value, px = evaluate(1, ARGV[2])
  if allowed then write(1, value, px) end
  return { allowed and 1 or 0, remaining, reset, retry }
end

local out, values, pxs, all = {}, {}, {}, true
for i = 1, #KEYS do
  local allowed, remaining, reset, retry, value, px = evaluate(i, ARGV[2])
  all = all and allowed
  values[i], pxs[i] = value, px
  out[#out + 1] = allowed and 1 or 0
  out[#out + 1] = remaining
  out[#out + 1] = reset
  out[#out + 1] = retry
end
if all then
  for i = 1, #KEYS do write(i, values[i], pxs[i]) end
  return out
end
-- Refused: a limit that would have admitted reports what it holds now, not what it would
-- have held after a charge that did not happen.
hold = false
for i = 1, #KEYS do
  if out[(i - 1) * 4 + 1] == 1 then
    local _, remaining, reset = evaluate(i, '0')
    out[(i - 1) * 4 + 2] = remaining
    out[(i - 1) * 4 + 3] = reset
  end
end
return out
`;
}

/**
 * The script of one decision over one GCRA limit, the common case, on its own: the general
 * script defines its functions anew on every call, reads eight arguments and answers four
 * numbers; this one reads three and answers one (see `GCRA_ONE_LUA`).
 *
 * @example
 * client.eval(gcraOneLua(), 1, 'pw:rl:default:k', '1000', '60000.000001', '60000');
 */
export function gcraOneLua(): string {
  return GCRA_ONE_LUA;
}

/**
 * The script that changes one held charge on every limit (of the given kinds), without
 * refusing. KEYS: one per limit. ARGV: now ('' for Redis TIME), id, from, to, then per limit
 * its kind and three parameters.
 *
 * @example
 * client.eval(adjustLua(['gcra']), 1, 'pw:rl:default:k', '', 'id', '50', '20', 'gcra', '1000', '60000', '60000');
 */
export function adjustLua(kinds: readonly Kind[]): string {
  return `${only(ADJUST, kinds)}
local id, fromText, toText = ARGV[2], ARGV[3], ARGV[4]
local delta = tonumber(toText) - tonumber(fromText)
for i = 1, #KEYS do
  local b = 4 + (i - 1) * 4
  local kind, p1, p2, p3 = ARGV[b + 1], tonumber(ARGV[b + 2]), tonumber(ARGV[b + 3]), tonumber(ARGV[b + 4])
  if kind == 'gcra' then
    gcra_adjust(KEYS[i], delta, p1, p3)
  elseif kind == 'token-bucket' then
    bucket_adjust(KEYS[i], delta, p1, p2, p3)
  elseif kind == 'fixed-window' then
    fixed_adjust(KEYS[i], id, delta)
  else
    window_adjust(KEYS[i], id, fromText, toText, p2)
  end
end
return 1
`;
}

/**
 * The script of one decision over one fixed window on Redis's clock, the common case, on its
 * own: no prelude, no clock, three arguments.
 *
 * @example
 * client.eval(fixedWindowOneLua(), 1, 'pw:rl:default:k', '1', '100', '60000');
 */
export function fixedWindowOneLua(): string {
  return FIXED_WINDOW_ONE_LUA;
}
