-- One failed admin login of a subject. KEYS[1] = its counter; ARGV = max failures, window ms, lockout ms.
-- The first failure starts the window; the one that reaches max stretches the counter's life to the
-- lockout, so "count >= max" is the lock and its TTL the time left. Returns that TTL, or 0.
local n = redis.call('INCR', KEYS[1])
local max = tonumber(ARGV[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
if n == max then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
if n >= max then return redis.call('PTTL', KEYS[1]) end
return 0
