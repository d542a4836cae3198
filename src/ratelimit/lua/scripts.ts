import { GCRA_LUA } from './gcra.js';
import { PRELUDE } from './prelude.js';
import { SLIDING_WINDOW_LUA } from './sliding-window.js';
import { TOKEN_BUCKET_LUA } from './token-bucket.js';

import type { Algorithm } from '../types.js';

const CHUNKS: Record<Algorithm['kind'], string> = {
  gcra: GCRA_LUA,
  'token-bucket': TOKEN_BUCKET_LUA,
  'sliding-window': SLIDING_WINDOW_LUA,
};

// Only the algorithms a limiter uses go into its script: Redis runs the whole chunk on every
// call, defining each function anew, so unused ones would cost time on every decision.
function algorithms(kinds: readonly Algorithm['kind'][]): string {
  return PRELUDE + [...new Set(kinds)].sort().map((kind) => CHUNKS[kind]).join('');
}

/**
 * The script of one decision over every limit (of the given kinds), atomically: evaluate all, then write all or none.
 * KEYS: one per limit. ARGV: now ('' for Redis TIME), cost, id, hold ('1'/'0'), then per
 * limit its kind and three parameters. Returns allowed (1/0), remaining, resetMs and
 * retryAfterMs per limit, flattened.
 */
export const consumeLua = (kinds: readonly Algorithm['kind'][]): string => `${algorithms(kinds)}
local now = clock(ARGV[1])
local id = ARGV[3]

local function evaluate(i, costText, hold)
  local b = 4 + (i - 1) * 4
  local kind, p1, p2, p3 = ARGV[b + 1], tonumber(ARGV[b + 2]), tonumber(ARGV[b + 3]), tonumber(ARGV[b + 4])
  local cost = tonumber(costText)
  if kind == 'gcra' then return gcra_evaluate(KEYS[i], now, cost, p1, p2, p3) end
  if kind == 'token-bucket' then return bucket_evaluate(KEYS[i], now, cost, p1, p2, p3) end
  return window_evaluate(KEYS[i], now, cost, costText, id, hold, p1, p2)
end

local out, commits, all = {}, {}, true
for i = 1, #KEYS do
  local allowed, remaining, reset, retry, commit = evaluate(i, ARGV[2], ARGV[4] == '1')
  all = all and allowed
  commits[i] = commit
  out[#out + 1] = allowed and 1 or 0
  out[#out + 1] = remaining
  out[#out + 1] = reset
  out[#out + 1] = retry
end
if all then
  for i = 1, #commits do commits[i]() end
  return out
end
-- Refused: a limit that would have admitted reports what it holds now, not what it would
-- have held after a charge that did not happen.
for i = 1, #KEYS do
  if out[(i - 1) * 4 + 1] == 1 then
    local _, remaining, reset = evaluate(i, '0', false)
    out[(i - 1) * 4 + 2] = remaining
    out[(i - 1) * 4 + 3] = reset
  end
end
return out
`;

/**
 * The script that changes one held charge on every limit, without refusing.
 * KEYS: one per limit. ARGV: now ('' for Redis TIME), id, from, to, then per limit its kind
 * and three parameters.
 */
export const adjustLua = (kinds: readonly Algorithm['kind'][]): string => `${algorithms(kinds)}
local now = clock(ARGV[1])
local id, fromText, toText = ARGV[2], ARGV[3], ARGV[4]
local delta = tonumber(toText) - tonumber(fromText)
for i = 1, #KEYS do
  local b = 4 + (i - 1) * 4
  local kind, p1, p2, p3 = ARGV[b + 1], tonumber(ARGV[b + 2]), tonumber(ARGV[b + 3]), tonumber(ARGV[b + 4])
  if kind == 'gcra' then
    gcra_adjust(KEYS[i], now, delta, p1, p3)
  elseif kind == 'token-bucket' then
    bucket_adjust(KEYS[i], now, delta, p1, p2, p3)
  else
    window_adjust(KEYS[i], now, id, fromText, toText, p2)
  end
end
return 1
`;
