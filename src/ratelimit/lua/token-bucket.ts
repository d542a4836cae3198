/**
 * Token bucket in Lua, the same arithmetic as `../token-bucket.ts`. The key holds
 * "tokens:tick". A full bucket and a missing one decide the same, but the key outlives the
 * moment it is full by one window so that a later settle still finds the tick it was charged at.
 */
const COMMON = `
-- The state is one string, so its numbers are formatted here with all 17 digits.
local function num(x) return string.format('%.17g', x) end

local function bucket_read(key, capacity)
  local raw = redis.call('GET', key)
  if not raw then return capacity, now end
  local sep = string.find(raw, ':', 1, true)
  return tonumber(string.sub(raw, 1, sep - 1)), tonumber(string.sub(raw, sep + 1))
end

local function bucket_until(tokens, tick, target, amount, interval)
  if tokens >= target then return 0 end
  return max(0, ceil(tick + ceil((target - tokens) / amount) * interval - now))
end
`;

/**
 * `evaluate` returns allowed, remaining, resetMs, retryAfterMs, then the value to SET and its
 * PX should every limit admit.
 *
 * @example
 * PRELUDE + TOKEN_BUCKET_EVALUATE_LUA + 'return { bucket_evaluate(KEYS[1], 1, 100, 10, 1000) }'
 */
export const TOKEN_BUCKET_EVALUATE_LUA = `${COMMON}
local function bucket_evaluate(key, cost, capacity, amount, interval)
  local tokens, tick = bucket_read(key, capacity)
  local ticks = max(0, floor((now - tick) / interval))
  tokens = tokens + ticks * amount
  if tokens >= capacity then
    tokens, tick = capacity, now
  else
    tick = tick + ticks * interval
  end
  local allowed = cost <= tokens
  local after, retry = tokens, 0
  if allowed then after = tokens - cost else retry = bucket_until(tokens, tick, cost, amount, interval) end
  local reset = bucket_until(after, tick, capacity, amount, interval)
  return allowed, max(0, floor(after)), reset, retry,
    num(after) .. ':' .. num(tick), ceil(reset + ceil(capacity / amount) * interval)
end
`;

/**
 * Changes a held charge by `delta` tokens, without refilling first.
 *
 * @example
 * PRELUDE + TOKEN_BUCKET_ADJUST_LUA + 'bucket_adjust(KEYS[1], -5, 100, 10, 1000)'
 */
export const TOKEN_BUCKET_ADJUST_LUA = `${COMMON}
local function bucket_adjust(key, delta, capacity, amount, interval)
  local tokens, tick = bucket_read(key, capacity)
  local left = min(capacity, tokens - delta)
  if left >= capacity then
    redis.call('DEL', key)
  else
    local px = ceil(bucket_until(left, tick, capacity, amount, interval) + ceil(capacity / amount) * interval)
    redis.call('SET', key, num(left) .. ':' .. num(tick), 'PX', px)
  end
end
`;
