/**
 * Sliding window log in Lua, the same arithmetic as `../sliding-window.ts`. The key is a
 * sorted set scored by time, one member "cost|id" per charge, so a settle can find its charge.
 */
const COMMON = `
local function window_live(key, window)
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  return redis.call('ZRANGE', key, 0, -1, 'WITHSCORES')
end
`;

/**
 * `evaluate` returns allowed, remaining, resetMs, retryAfterMs, then the member to ZADD (false
 * when nothing is recorded) and the key's PX should every limit admit.
 *
 * @example
 * PRELUDE + SLIDING_WINDOW_EVALUATE_LUA + "return { window_evaluate(KEYS[1], 1, '1', 'id', false, 100, 60000) }"
 */
export const SLIDING_WINDOW_EVALUATE_LUA = `${COMMON}
local function window_cost(member)
  return tonumber(string.sub(member, 1, string.find(member, '|', 1, true) - 1))
end

local function window_evaluate(key, cost, costText, id, hold, limit, window)
  local live = window_live(key, window)
  local used = 0
  for i = 1, #live, 2 do used = used + window_cost(live[i]) end
  local allowed = used + cost <= limit
  local retry = 0
  if not allowed then
    local freed = 0
    for i = 1, #live, 2 do
      freed = freed + window_cost(live[i])
      if used - freed + cost <= limit then
        retry = ceil(tonumber(live[i + 1]) + window - now)
        break
      end
    end
  end
  local record = allowed and (cost > 0 or hold)
  local last = nil
  if #live > 0 then last = tonumber(live[#live]) end
  if record then last = now end
  local reset = 0
  if last then reset = max(0, ceil(last + window - now)) end
  local after = used
  if allowed then after = used + cost end
  return allowed, max(0, floor(limit - after)), reset, retry, record and (costText .. '|' .. id), ceil(window)
end
`;

/**
 * Sets a held charge to `to`, dropping it at 0; a charge that left the window stays gone.
 *
 * @example
 * PRELUDE + SLIDING_WINDOW_ADJUST_LUA + "window_adjust(KEYS[1], 'id', '50', '20', 60000)"
 */
export const SLIDING_WINDOW_ADJUST_LUA = `${COMMON}
local function window_adjust(key, id, fromText, toText, window)
  window_live(key, window)
  local member = fromText .. '|' .. id
  local at = redis.call('ZSCORE', key, member)
  if at then
    redis.call('ZREM', key, member)
    -- A charge settled at 0 is dropped, as a call charged 0 up front leaves no charge.
    if tonumber(toText) > 0 then redis.call('ZADD', key, at, toText .. '|' .. id) end
  end
end
`;
