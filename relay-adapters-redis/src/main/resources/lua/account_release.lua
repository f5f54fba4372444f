-- Gives an account's slot back and records the use (least-recently-used rotation). Idempotent.
-- KEYS: 1 lease ZSET, 2 last-used STRING (ms). ARGV: 1 requestId, 2 now ms, 3 last-used TTL ms
redis.call('ZREM', KEYS[1], ARGV[1])
local last = tonumber(redis.call('GET', KEYS[2]))
if last == nil or last < tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
end
return 1
