/**
 * GCRA in Lua, the same arithmetic as `../gcra.ts`. The key holds the theoretical arrival
 * time. A past arrival time means an idle key, but the key outlives it by one window so
 * that a settle arriving later still lands where charging its real cost up front would have.
 */
export const GCRA_LUA = `
local function gcra_evaluate(key, now, cost, interval, tolerance, window)
  local tat = tonumber(redis.call('GET', key)) or now
  if tat < now then tat = now end
  local nxt = tat + cost * interval
  local allowed = nxt - now <= tolerance + SLACK
  local after = tat
  if allowed then after = nxt end
  local retry = 0
  if not allowed then retry = math.ceil(nxt - now - tolerance - SLACK) end
  local commit = function()
    redis.call('SET', key, num(after), 'PX', math.ceil(after - now + window))
  end
  return allowed,
    math.max(0, math.floor((tolerance - (after - now)) / interval + SLACK)),
    math.max(0, math.ceil(after - now - SLACK)),
    retry, commit
end

local function gcra_adjust(key, now, delta, interval, window)
  local tat = (tonumber(redis.call('GET', key)) or now) + delta * interval
  if tat > now then
    redis.call('SET', key, num(tat), 'PX', math.ceil(tat - now + window))
  else
    redis.call('DEL', key)
  end
end
`;
