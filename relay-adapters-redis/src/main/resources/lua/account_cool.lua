-- Replaces an account's cool-down, or clears it.
-- KEYS: 1 cool-down HASH (until ms, reason)
-- ARGV: 1 until ms ('' clears), 2 reason, 3 grace ms kept after `until`
-- The key expires `grace` after the cool-down ends: readers judge by their own now, and the grace
-- keeps a node whose clock lags Redis's from seeing a cool-down vanish before it ends.
redis.call('DEL', KEYS[1])
if ARGV[1] == '' then return 1 end
redis.call('HSET', KEYS[1], 'until', ARGV[1], 'reason', ARGV[2])
redis.call('PEXPIREAT', KEYS[1], tonumber(ARGV[1]) + tonumber(ARGV[3]))
return 1
