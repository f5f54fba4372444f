-- Adds one settled record to the global, per-account and per-model totals of its day.
-- Runs only after settle.lua answered 1, so it is guarded by that script's idempotency marker.
-- KEYS: 1 day totals HASH (fields <metric>:<scope>)
-- ARGV: 1 TTL ms, 2..9 metric increments (as in settle.lua), 10.. scopes ("global", "account:<id>", "model:<m>")
local metrics = {'requests', 'input', 'output', 'cacheWrite5m', 'cacheWrite1h', 'cacheRead', 'rated', 'real'}
for s = 10, #ARGV do
  for i, m in ipairs(metrics) do
    local v = ARGV[1 + i]
    if v ~= '0' then redis.call('HINCRBY', KEYS[1], m .. ':' .. ARGV[s], v) end
  end
end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1
