-- Frees one lease and its cost reservation together. Idempotent.
-- KEYS: 1 lease ZSET, 2 reserve HASH. ARGV: 1 leaseId.
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
return 1
