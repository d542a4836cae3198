/**
 * GCRA in Lua, the same arithmetic as `../gcra.ts`. The key holds the theoretical arrival
 * time counted in 1/4096 ms: from 2^40 ms (November 2004) on, every time is a double whose
 * last bit is worth at most 2^-12 ms, so that count is a whole number and equals the double
 * exactly (earlier injected clocks store a fraction, still exact). A past arrival time means
 * an idle key, but the key outlives it by one to two windows, so that a settle arriving later
 * still lands where charging its real cost up front would have.
 *
 * Expiry without a write per decision: a key holding arrival time `t` expires at or after
 * `D(t) = (floor(t / window) + 2) × window`, which is at least `t + window`. A write whose new
 * arrival time has the same `floor(t / window)` as the one it replaces (or a lower one) keeps
 * the key's TTL (`KEEPTTL`), since `D` of the new time is no later than the expiry already set;
 * any other write sets it anew (`PX`, 2 ms over, for the milliseconds Redis's own clock may lag
 * `TIME` within a script). Setting a TTL costs about a third of a `SET` (0.5–0.7 µs of Redis
 * CPU, measured), and a busy key's arrival time crosses a multiple of `window` only once per
 * window it advances, so most decisions keep the TTL.
 *
 * @example
 * PRELUDE + GCRA_COMMON_LUA + GCRA_EVALUATE_LUA // every GCRA chunk needs the common one
 */
export const GCRA_COMMON_LUA = `
-- The stored arrival time in ms, or nil.
local function gcra_read(key)
  local raw = redis.call('GET', key)
  if raw then return raw / 4096 end
end

-- The PX of a key whose arrival time moves from old (nil: no key) to new, or false when the
-- TTL it has already reaches D(new).
local function gcra_px(old, new, window)
  local step = floor(new / window)
  if old and step <= floor(old / window) then return false end
  return ceil((step + 2) * window - now) + 2
end

local function gcra_set(key, new, px)
  if px then
    redis.call('SET', key, new * 4096, 'PX', px)
  else
    redis.call('SET', key, new * 4096, 'KEEPTTL')
  end
end
`;

/**
 * `evaluate` returns allowed, remaining, resetMs, retryAfterMs, then the arrival time to SET
 * should every limit admit, and its PX (false: keep the TTL).
 *
 * @example
 * PRELUDE + GCRA_COMMON_LUA + GCRA_EVALUATE_LUA + 'return { gcra_evaluate(KEYS[1], 1, 1000, 60000, 60000) }'
 */
export const GCRA_EVALUATE_LUA = `
local function gcra_evaluate(key, cost, interval, tolerance, window)
  local old = gcra_read(key)
  local tat = now
  if old and old > now then tat = old end
  local nxt = tat + cost * interval
  local allowed = nxt - now <= tolerance + SLACK
  local after, retry = tat, 0
  if allowed then after = nxt else retry = ceil(nxt - now - tolerance - SLACK) end
  return allowed, max(0, floor((tolerance - (after - now)) / interval + SLACK)), max(0, ceil(after - now - SLACK)), retry,
    after, gcra_px(old, after, window)
end
`;

/**
 * Changes a held charge by `delta` units.
 *
 * @example
 * PRELUDE + GCRA_COMMON_LUA + GCRA_ADJUST_LUA + 'gcra_adjust(KEYS[1], -5, 1000, 60000)'
 */
export const GCRA_ADJUST_LUA = `
local function gcra_adjust(key, delta, interval, window)
  local old = gcra_read(key)
  local tat = (old or now) + delta * interval
  if tat > now then
    gcra_set(key, tat, gcra_px(old, tat, window))
  else
    redis.call('DEL', key)
  end
end
`;

/**
 * One decision over one GCRA limit, the common case, as lean as the algorithm allows: the
 * arithmetic of `gcra_evaluate` on figures the caller works out once, three Redis calls
 * (`TIME`, `GET`, `SET`), and the answer left to the caller to report. ARGV: cost × interval,
 * the threshold (tolerance plus slack), the window, and the caller's clock (absent for Redis
 * `TIME`); the caller's clock must read 2^40 ms or later. Stores and expires the key as
 * `gcra_write` does, the arrival time formatted as an integer by `%d` (cheaper than Redis's
 * 17-digit formatting of a Lua number, and the same digits).
 *
 * Returns, in 1/4096 ms: when admitted, one number, how far the new arrival time lies ahead of
 * now; when refused, two, how far the arrival time lies ahead and how far the charge would
 * have put it. Both are differences of times past 2^40 ms, so whole numbers of 1/4096 ms:
 * Redis carries them as integers without loss.
 *
 * @example
 * client.evalsha(sha, 1, 'pw:rl:default:k', '1000', '60000.000001', '60000'); // 4096000: admitted, 1000 ms ahead
 */
export const GCRA_ONE_LUA = `
local now
if ARGV[4] then
  now = tonumber(ARGV[4])
else
  local t = redis.call('TIME')
  now = t[1] * 1000 + t[2] / 1000
end
local key = KEYS[1]
local old = redis.call('GET', key)
local tat = now
if old then
  old = old / 4096
  if old > now then tat = old end
end
local nxt = tat + ARGV[1]
if nxt - now > tonumber(ARGV[2]) then return { (tat - now) * 4096, (nxt - now) * 4096 } end
local window = tonumber(ARGV[3])
local step = math.floor(nxt / window)
if old and step <= math.floor(old / window) then
  redis.call('SET', key, string.format('%d', nxt * 4096), 'KEEPTTL')
else
  redis.call('SET', key, string.format('%d', nxt * 4096), 'PX', math.ceil((step + 2) * window - now) + 2)
end
return (nxt - now) * 4096
`;
