/**
 * Lua shared by the scripts. `num` formats a number for Redis with all 17 significant digits:
 * Lua's own number-to-string keeps 14, which would round millisecond timestamps.
 */
export const PRELUDE = `
local SLACK = 1e-6
local function num(x) return string.format('%.17g', x) end
local function clock(given)
  if given ~= '' then return tonumber(given) end
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
end
`;
