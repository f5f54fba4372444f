-- The lockout left (ms) of a subject: KEYS[1] = its counter, ARGV[1] = max failures. 0 when not locked.
local n = tonumber(redis.call('GET', KEYS[1]) or '0')
if n >= tonumber(ARGV[1]) then
  local ttl = redis.call('PTTL', KEYS[1])
  if ttl > 0 then return ttl end
end
return 0
