-- Frees one lease and its cost reservation together; optionally forgets a sticky session of the
-- same key (its account failed). Idempotent.
-- KEYS: 1 lease ZSET, 2 reserve HASH, 3 (optional) sticky session HASH. ARGV: 1 leaseId.
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
if KEYS[3] then redis.call('DEL', KEYS[3]) end
return 1
