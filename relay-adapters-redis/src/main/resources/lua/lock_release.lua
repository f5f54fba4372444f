-- Releases a job lock only if the caller still owns it (compare-and-delete): a node whose lock
-- expired and was taken over must not delete the new owner's lock.
-- KEYS: 1 lock STRING (owner). ARGV: 1 owner. Returns 1 if released.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
