-- Extends a job lock only if the caller still owns it (compare-and-PEXPIRE).
-- KEYS: 1 lock STRING (owner). ARGV: 1 owner, 2 TTL ms. Returns 1 if extended.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
