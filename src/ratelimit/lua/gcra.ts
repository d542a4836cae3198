/**
 * GCRA in Lua, the same arithmetic as `../gcra.ts`. The key holds the theoretical arrival
 * time. A past arrival time means an idle key, but the key outlives it by one window so
 * that a settle arriving later still lands where charging its real cost up front would have.
 *
 * `evaluate` returns allowed, remaining, resetMs, retryAfterMs, then the value to SET and its
 * PX should every limit admit.
 *
 * @example
 * PRELUDE + GCRA_EVALUATE_LUA + 'return { gcra_evaluate(KEYS[1], 1, 1000, 60000, 60000) }'
 */
export const GCRA_EVALUATE_LUA = `
local function gcra_evaluate(key, cost, interval, tolerance, window)
  local tat = tonumber(redis.call('GET', key)) or now
  if tat < now then tat = now end
  local nxt = tat + cost * interval
  local allowed = nxt - now <= tolerance + SLACK
  local after, retry = tat, 0
  if allowed then after = nxt else retry = ceil(nxt - now - tolerance - SLACK) end
  return allowed, max(0, floor((tolerance - (after - now)) / interval + SLACK)), max(0, ceil(after - now - SLACK)), retry,
    after, ceil(after - now + window)
end
`;

/**
 * Changes a held charge by `delta` units.
 *
 * @example
 * PRELUDE + GCRA_ADJUST_LUA + 'gcra_adjust(KEYS[1], -5, 1000, 60000)'
 */
export const GCRA_ADJUST_LUA = `
local function gcra_adjust(key, delta, interval, window)
  local tat = (tonumber(redis.call('GET', key)) or now) + delta * interval
  if tat > now then
    redis.call('SET', key, tat, 'PX', ceil(tat - now + window))
  else
    redis.call('DEL', key)
  end
end
`;

/**
 * One decision over one GCRA limit, written out without functions: the arithmetic of
 * `gcra_evaluate`, then the write. ARGV: now ('' for Redis TIME), cost, interval, tolerance,
 * window. Returns allowed (1/0), remaining, resetMs, retryAfterMs.
 *
 * @example
 * PRELUDE + GCRA_ONE_LUA
 */
export const GCRA_ONE_LUA = `
local cost, interval, tolerance = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local key = KEYS[1]
local tat = tonumber(redis.call('GET', key)) or now
if tat < now then tat = now end
local nxt = tat + cost * interval
if nxt - now <= tolerance + SLACK then
  redis.call('SET', key, nxt, 'PX', ceil(nxt - now + tonumber(ARGV[5])))
  return { 1, max(0, floor((tolerance - (nxt - now)) / interval + SLACK)), max(0, ceil(nxt - now - SLACK)), 0 }
end
return { 0, max(0, floor((tolerance - (tat - now)) / interval + SLACK)), max(0, ceil(tat - now - SLACK)),
  ceil(nxt - now - tolerance - SLACK) }
`;
