-- Creates or replaces an upstream account; its first save fixes its list position.
-- KEYS: 1 records HASH (id -> JSON), 2 order ZSET (id -> creation sequence), 3 sequence STRING
-- ARGV: 1 id, 2 JSON
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
if not redis.call('ZSCORE', KEYS[2], ARGV[1]) then
  redis.call('ZADD', KEYS[2], redis.call('INCR', KEYS[3]), ARGV[1])
end
return 1
