-- Creates or replaces a relay key and keeps the hash index in step; first save fixes its list position.
-- KEYS: 1 records HASH (id -> JSON), 2 hashes HASH (id -> hash), 3 by-hash HASH (hash -> id),
--       4 order ZSET (id -> creation sequence), 5 sequence STRING
-- ARGV: 1 id, 2 hash, 3 JSON
local old = redis.call('HGET', KEYS[2], ARGV[1])
if old and old ~= ARGV[2] then redis.call('HDEL', KEYS[3], old) end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
redis.call('HSET', KEYS[3], ARGV[2], ARGV[1])
if not redis.call('ZSCORE', KEYS[4], ARGV[1]) then
  redis.call('ZADD', KEYS[4], redis.call('INCR', KEYS[5]), ARGV[1])
end
return 1
