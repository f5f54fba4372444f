-- Takes one of an account's concurrency slots for a request, atomically.
-- Time comes from ARGV (the caller's now), as in admit.lua; the key TTL is only a safety net.
-- KEYS: 1 lease ZSET (requestId -> expiry ms)
-- ARGV: 1 now ms, 2 requestId, 3 expiry ms, 4 max slots (0 = unlimited), 5 key TTL ms
-- Returns 1 when the slot is held (taken, or an already held one extended), 0 when the account is full.
-- A lease is live while now < expiry, so expiry <= now is expired.
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
local held = redis.call('ZSCORE', KEYS[1], ARGV[2])
local max = tonumber(ARGV[4])
-- Re-acquiring a held slot only extends it, so a retried call cannot take two slots.
if not held and max > 0 and redis.call('ZCARD', KEYS[1]) >= max then return 0 end
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[2])
-- Never shorten the TTL another, longer lease needs.
local ttl = tonumber(ARGV[5])
if redis.call('PTTL', KEYS[1]) < ttl then redis.call('PEXPIRE', KEYS[1], ttl) end
return 1
