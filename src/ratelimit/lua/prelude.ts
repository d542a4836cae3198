/**
 * Lua shared by the scripts: `now` is the caller's clock when given, else Redis's own `TIME`.
 * Numbers go to `redis.call` as numbers: Redis formats them with all 17 significant digits,
 * where Lua's own number-to-string keeps 14 and would round millisecond timestamps.
 *
 * @example
 * PRELUDE + GCRA_EVALUATE_LUA + main // every script starts with the prelude
 */
export const PRELUDE = `
local SLACK = 1e-6
local floor, ceil, max, min = math.floor, math.ceil, math.max, math.min
local now
if ARGV[1] ~= '' then
  now = tonumber(ARGV[1])
else
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
end
`;

/**
 * The prelude of a script whose limits are all fixed windows: on Redis's clock they read their
 * keys' expiry instead, so the script skips `TIME`, and `now` is set only when injected.
 *
 * @example
 * CLOCKLESS_PRELUDE + FIXED_WINDOW_EVALUATE_LUA + main
 */
export const CLOCKLESS_PRELUDE = `
local ceil, max = math.ceil, math.max
local now = tonumber(ARGV[1])
`;
