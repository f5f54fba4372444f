-- Renews one owner's (a relay key's or an account's) live concurrency leases, for the node that holds them.
-- KEYS: 1 lease ZSET (lease id -> expiry ms), then any keys whose TTL must outlive the leases (the reserve HASH)
-- ARGV: 1 now ms, 2 new expiry ms, 3 key TTL ms, 4.. lease ids
-- Returns how many leases were renewed. A lease already expired (score <= now), released or settled is
-- not put back: its slot may be another request's by now. An expiry is never moved earlier.
local now = tonumber(ARGV[1])
local expiry = tonumber(ARGV[2])
local renewed = 0
for i = 4, #ARGV do
  local score = redis.call('ZSCORE', KEYS[1], ARGV[i])
  if score and tonumber(score) > now then
    if tonumber(score) < expiry then redis.call('ZADD', KEYS[1], 'XX', expiry, ARGV[i]) end
    renewed = renewed + 1
  end
end
if renewed > 0 then
  local ttl = tonumber(ARGV[3])
  for k = 1, #KEYS do
    local pttl = redis.call('PTTL', KEYS[k])
    if pttl >= 0 and pttl < ttl then redis.call('PEXPIRE', KEYS[k], ttl) end
  end
end
return renewed
