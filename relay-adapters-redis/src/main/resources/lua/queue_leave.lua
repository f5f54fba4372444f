-- A ticket leaves its key's admission queue (RedisAdmissionQueue). KEYS as in queue_enter.lua;
-- ARGV = ticket. Idempotent.
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[1])
return 1
