-- Adds cost an account served on one day (for its daily quota). KEYS: 1 daily cost STRING (micros)
-- ARGV: 1 micros, 2 TTL ms. Returns the day's new total.
local total = redis.call('INCRBY', KEYS[1], ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return total
