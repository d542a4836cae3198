/**
 * Sliding window log in Lua, the same arithmetic as `../sliding-window.ts`. The key is a
 * sorted set scored by time, one member "cost|id" per charge, so a settle can find its charge.
 */
export const SLIDING_WINDOW_LUA = `
local function window_live(key, now, window)
  redis.call('ZREMRANGEBYSCORE', key, '-inf', num(now - window))
  return redis.call('ZRANGE', key, 0, -1, 'WITHSCORES')
end

local function window_cost(member)
  return tonumber(string.sub(member, 1, string.find(member, '|', 1, true) - 1))
end

local function window_evaluate(key, now, cost, costText, id, hold, limit, window)
  local live = window_live(key, now, window)
  local used = 0
  for i = 1, #live, 2 do used = used + window_cost(live[i]) end
  local allowed = used + cost <= limit
  local retry = 0
  if not allowed then
    local freed = 0
    for i = 1, #live, 2 do
      freed = freed + window_cost(live[i])
      if used - freed + cost <= limit then
        retry = math.ceil(tonumber(live[i + 1]) + window - now)
        break
      end
    end
  end
  local record = allowed and (cost > 0 or hold)
  local last = nil
  if #live > 0 then last = tonumber(live[#live]) end
  if record then last = now end
  local reset = 0
  if last then reset = math.max(0, math.ceil(last + window - now)) end
  local remaining = used
  if allowed then remaining = used + cost end
  local commit = function()
    if record then
      redis.call('ZADD', key, num(now), costText .. '|' .. id)
      redis.call('PEXPIRE', key, math.ceil(window))
    end
  end
  return allowed, math.max(0, math.floor(limit - remaining)), reset, retry, commit
end

local function window_adjust(key, now, id, fromText, toText, window)
  window_live(key, now, window)
  local member = fromText .. '|' .. id
  local at = redis.call('ZSCORE', key, member)
  if at then
    redis.call('ZREM', key, member)
    -- A charge settled at 0 is dropped, as a call charged 0 up front leaves no charge.
    if tonumber(toText) > 0 then redis.call('ZADD', key, at, toText .. '|' .. id) end
  end
end
`;
