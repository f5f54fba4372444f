-- Adds one node's pending aggregate increments for one slot (one hash tag) at most once: the node
-- numbers its flushes, and a flush resent with the same number (its answer was lost, or NOSCRIPT)
-- finds it at or below the slot's mark and writes nothing.
-- KEYS: 1 the node's flush mark STRING in this slot (last flush number applied), 2.. the hashes
-- ARGV: 1 flush number, 2 mark TTL ms, then per hash of KEYS[2..], in order:
--       'i', TTL ms ('' = none), n, then n pairs field, increment    (HINCRBY)
--       'm', ms, iso                                                 (lastUsedMs/lastUsedAt, only raised)
--       'x', TTL ms                                                  (PEXPIRE only: a settled-marker bucket)
-- Returns 1 when applied, 0 when this flush number had been applied already.
local done = tonumber(redis.call('GET', KEYS[1]))
if done ~= nil and done >= tonumber(ARGV[1]) then return 0 end
local a = 3
for k = 2, #KEYS do
  if ARGV[a] == 'm' then
    local last = tonumber(redis.call('HGET', KEYS[k], 'lastUsedMs'))
    if last == nil or last < tonumber(ARGV[a + 1]) then
      redis.call('HSET', KEYS[k], 'lastUsedMs', ARGV[a + 1], 'lastUsedAt', ARGV[a + 2])
    end
    a = a + 3
  elseif ARGV[a] == 'x' then
    redis.call('PEXPIRE', KEYS[k], ARGV[a + 1])
    a = a + 2
  else
    local ttl = ARGV[a + 1]
    local n = tonumber(ARGV[a + 2])
    a = a + 3
    -- A hash gets its TTL when a field is created (so is the hash); later increments leave it.
    local created = false
    for _ = 1, n do
      if redis.call('HINCRBY', KEYS[k], ARGV[a], ARGV[a + 1]) == tonumber(ARGV[a + 1]) then created = true end
      a = a + 2
    end
    if ttl ~= '' and created then redis.call('PEXPIRE', KEYS[k], ttl) end
  end
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
