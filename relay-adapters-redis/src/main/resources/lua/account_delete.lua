-- Removes an upstream account and its list position together.
-- KEYS: 1 records HASH, 2 order ZSET. ARGV: 1 id. Returns 1 if it existed.
if redis.call('HDEL', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('ZREM', KEYS[2], ARGV[1])
return 1
