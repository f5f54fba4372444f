-- Adds one settled record to the global, per-account and per-model totals of its day and to the
-- global totals of its minute (realtime RPM/TPM), exactly once per request id by its own marker in
-- this slot, so it is sent in the same pipelined batch as settle.lua (one round trip) without
-- waiting for that script's answer.
-- KEYS: 1 day totals HASH (fields <metric>:<scope>), 2 marker STRING (request id),
--       3 minute totals HASH (fields <metric>)
-- ARGV: 1 TTL ms, 2 marker TTL ms, 3 nonce of this settlement call, 4..11 metric increments
--       (as in settle.lua), 12 minute TTL ms, 13.. scopes ("global", "account:<id>", "model:<m>")
-- Returns 1 when written by this call (nonce), 0 when the request id had been counted already.
if not redis.call('SET', KEYS[2], ARGV[3], 'NX', 'PX', ARGV[2]) then
  if redis.call('GET', KEYS[2]) == ARGV[3] then return 1 end
  return 0
end
local metrics = {'requests', 'input', 'output', 'cacheWrite5m', 'cacheWrite1h', 'cacheRead', 'rated', 'real'}
for s = 13, #ARGV do
  for i, m in ipairs(metrics) do
    local v = ARGV[3 + i]
    if v ~= '0' then redis.call('HINCRBY', KEYS[1], m .. ':' .. ARGV[s], v) end
  end
end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
for i, m in ipairs(metrics) do
  local v = ARGV[3 + i]
  if v ~= '0' then redis.call('HINCRBY', KEYS[3], m, v) end
end
redis.call('PEXPIRE', KEYS[3], ARGV[12])
return 1
