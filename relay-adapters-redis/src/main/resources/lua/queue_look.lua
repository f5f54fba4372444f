-- Where a ticket is in its key's admission queue (RedisAdmissionQueue). KEYS as in queue_enter.lua;
-- ARGV = now ms, ticket (or ''). Tickets past their expiry leave first. Returns {ahead or -1, length}.
local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[1])
for _, t in ipairs(expired) do redis.call('ZREM', KEYS[1], t) end
if #expired > 0 then redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[1]) end
local rank = -1
if ARGV[2] ~= '' then rank = redis.call('ZRANK', KEYS[1], ARGV[2]) or -1 end
return {rank, redis.call('ZCARD', KEYS[1])}
