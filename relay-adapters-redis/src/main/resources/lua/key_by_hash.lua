-- Authenticates in one round trip: hash -> id -> key JSON.
-- KEYS: 1 by-hash HASH, 2 records HASH. ARGV: 1 hash. Returns the JSON or nil.
local id = redis.call('HGET', KEYS[1], ARGV[1])
if not id then return false end
return redis.call('HGET', KEYS[2], id)
