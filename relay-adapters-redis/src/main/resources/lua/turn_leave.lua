-- Lets a subscription account's turn go if ARGV[1] holds it (RedisTurnGate); ARGV[2] = now ms, the
-- start of the gap before the next turn. Idempotent.
if redis.call('HGET', KEYS[1], 'holder') == ARGV[1] then
  redis.call('HDEL', KEYS[1], 'holder', 'until')
  redis.call('HSET', KEYS[1], 'left', ARGV[2])
end
return 1
