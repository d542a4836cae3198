/**
 * Token bucket in Lua, the same arithmetic as `../token-bucket.ts`. The key holds
 * "tokens:tick". A full bucket and a missing one decide the same, but the key outlives the
 * moment it is full by one window so that a later settle still finds the tick it was charged at.
 */
export const TOKEN_BUCKET_LUA = `
local function bucket_read(key, now, capacity)
  local raw = redis.call('GET', key)
  if not raw then return capacity, now end
  local sep = string.find(raw, ':', 1, true)
  return tonumber(string.sub(raw, 1, sep - 1)), tonumber(string.sub(raw, sep + 1))
end

local function bucket_until(tokens, tick, now, target, amount, interval)
  if tokens >= target then return 0 end
  return math.max(0, math.ceil(tick + math.ceil((target - tokens) / amount) * interval - now))
end

local function bucket_write(key, tokens, tick, now, capacity, amount, interval)
  local window = math.ceil(capacity / amount) * interval
  local ms = bucket_until(tokens, tick, now, capacity, amount, interval)
  redis.call('SET', key, num(tokens) .. ':' .. num(tick), 'PX', math.ceil(ms + window))
end

local function bucket_evaluate(key, now, cost, capacity, amount, interval)
  local tokens, tick = bucket_read(key, now, capacity)
  local ticks = math.max(0, math.floor((now - tick) / interval))
  tokens = tokens + ticks * amount
  if tokens >= capacity then
    tokens, tick = capacity, now
  else
    tick = tick + ticks * interval
  end
  local allowed = cost <= tokens
  local after = tokens
  if allowed then after = tokens - cost end
  local retry = 0
  if not allowed then retry = bucket_until(tokens, tick, now, cost, amount, interval) end
  local commit = function() bucket_write(key, after, tick, now, capacity, amount, interval) end
  return allowed, math.max(0, math.floor(after)), bucket_until(after, tick, now, capacity, amount, interval), retry, commit
end

local function bucket_adjust(key, now, delta, capacity, amount, interval)
  local tokens, tick = bucket_read(key, now, capacity)
  local left = math.min(capacity, tokens - delta)
  if left >= capacity then
    redis.call('DEL', key)
  else
    bucket_write(key, left, tick, now, capacity, amount, interval)
  end
end
`;
