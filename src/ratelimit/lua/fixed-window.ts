/**
 * Fixed window in Lua, the same arithmetic as `../fixed-window.ts`. The key is a hash: field
 * `n` counts the units charged, and each reservation adds a field named by its id, so a
 * settle finds its own window and no other. On Redis's clock (no `now` given) the window is
 * the key's lifetime: it opens with a PEXPIRE of one window and closes when Redis expires it,
 * so no script reads the time. On an injected clock the key also keeps the window's end in
 * field `e`. Reservation ids are longer than one character, so they never meet `n` or `e`.
 */
const COMMON = `
-- Units charged in the open window and the milliseconds until it closes; 0, nil when none is.
local function fixed_read(key)
  if ARGV[1] == '' then
    local ttl = redis.call('PTTL', key)
    if ttl < 0 then return 0, nil end
    return tonumber(redis.call('HGET', key, 'n')), ttl
  end
  local v = redis.call('HMGET', key, 'n', 'e')
  local e = tonumber(v[2])
  if not e or now >= e then return 0, nil end
  return tonumber(v[1]), e - now
end
`;

/**
 * `evaluate` returns allowed, remaining, resetMs, retryAfterMs, then what to write should
 * every limit admit (1: add to the open window, 0: open one, false: nothing) and the window.
 *
 * @example
 * PRELUDE + FIXED_WINDOW_EVALUATE_LUA + 'return { fixed_evaluate(KEYS[1], 1, false, 100, 60000) }'
 */
export const FIXED_WINDOW_EVALUATE_LUA = `${COMMON}
local function fixed_evaluate(key, cost, hold, limit, window)
  local used, left = fixed_read(key)
  local allowed = used + cost <= limit
  local records = allowed and (cost > 0 or hold)
  local after, reset, retry, value = used, 0, 0, false
  if allowed then after = used + cost else retry = max(1, ceil(left)) end
  if left then reset = ceil(left) elseif records then reset = window end
  if records then value = left and 1 or 0 end
  return allowed, max(0, limit - after), reset, retry, value, window
end

local function fixed_write(key, value, window, costText, id, hold)
  if value == 1 then
    redis.call('HINCRBY', key, 'n', costText)
  else
    if ARGV[1] == '' then
      redis.call('HSET', key, 'n', costText)
    else
      -- A closed window's key may linger on an injected clock; its holds must not carry over.
      redis.call('DEL', key)
      redis.call('HSET', key, 'n', costText, 'e', now + window)
    end
    redis.call('PEXPIRE', key, window)
  end
  if hold then redis.call('HSET', key, id, 1) end
end
`;

/**
 * Changes the held charge `id` by `delta` units if its window is still open; a window left
 * with nothing charged and nothing held closes, as a call charged 0 up front opens none.
 *
 * @example
 * PRELUDE + FIXED_WINDOW_ADJUST_LUA + "fixed_adjust(KEYS[1], 'id', -5)"
 */
export const FIXED_WINDOW_ADJUST_LUA = `
local function fixed_adjust(key, id, delta)
  local fields = 1
  if ARGV[1] ~= '' then
    local e = tonumber(redis.call('HGET', key, 'e'))
    if not e or now >= e then return end
    fields = 2
  end
  if redis.call('HDEL', key, id) == 1 and redis.call('HINCRBY', key, 'n', delta) == 0 and redis.call('HLEN', key) == fields then
    redis.call('DEL', key)
  end
end
`;

/**
 * One decision over one fixed window on Redis's clock, the common case, on its own and as
 * lean as the algorithm allows: no clock read, HINCRBY then PTTL (and PEXPIRE when the call
 * opens the window, HINCRBY back when it is refused). ARGV: cost, limit, window. Returns the
 * count including this call's cost (over `limit` when refused), and the window's PTTL.
 *
 * @example
 * client.evalsha(sha, 1, 'pw:rl:default:k', '1', '100', '60000'); // [1, 60000]
 */
export const FIXED_WINDOW_ONE_LUA = `
local key = KEYS[1]
local n = redis.call('HINCRBY', key, 'n', ARGV[1])
local ttl = redis.call('PTTL', key)
if ttl < 0 then
  -- The call made the key: a new window, unless it charged nothing.
  if ARGV[1] == '0' then
    redis.call('DEL', key)
    return { 0, 0 }
  end
  redis.call('PEXPIRE', key, ARGV[3])
  return { n, tonumber(ARGV[3]) }
end
-- Refused: take the cost back (a zero cost has nothing to take back, and "-0" is no integer).
if n > tonumber(ARGV[2]) and ARGV[1] ~= '0' then redis.call('HINCRBY', key, 'n', -tonumber(ARGV[1])) end
return { n, ttl }
`;
