-- A request enters its key's admission queue (RedisAdmissionQueue). KEYS[1] = the line (zset:
-- ticket by sequence number), KEYS[2] = the tickets' expiries (zset: ticket by ms), KEYS[3] = the
-- sequence counter; all three share the key's hash tag. ARGV = ticket, max size, now ms, expires ms,
-- must wait (1/0). Tickets past their expiry leave first. Returns {kind, n}: {0,0} pass (nobody
-- waits, nothing queued), {1, ahead} queued (or already queued), {2, length} full.
local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[3])
for _, t in ipairs(expired) do redis.call('ZREM', KEYS[1], t) end
if #expired > 0 then redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[3]) end
local rank = redis.call('ZRANK', KEYS[1], ARGV[1])
if rank then return {1, rank} end
local size = redis.call('ZCARD', KEYS[1])
if size == 0 and ARGV[5] ~= '1' then return {0, 0} end
if size >= tonumber(ARGV[2]) then return {2, size} end
local seq = redis.call('INCR', KEYS[3])
redis.call('ZADD', KEYS[1], seq, ARGV[1])
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[1])
-- The whole line lives a minute past its newest ticket's expiry: a line of dead nodes cleans itself.
local ttl = tonumber(ARGV[4]) - tonumber(ARGV[3]) + 60000
for i = 1, 3 do redis.call('PEXPIRE', KEYS[i], ttl) end
return {1, size}
