-- Settles one request exactly once: releases its lease, then (unless its request id was already
-- settled) writes every per-key aggregate, cost counter, the open window, the record and lastUsedAt.
-- KEYS: 1 settled marker, 2 lease ZSET, 3 reserve HASH, 4 usage total, 5 usage day, 6 usage month,
--       7 usage hour, 8 usage week, 9 models total, 10 models day, 11 cost daily, 12 cost total,
--       13 cost weekly, 14 window HASH, 15 records LIST, 16 meta HASH,
--       17 (optional) sticky session HASH (account, until ms) to bind or forget
-- ARGV: 1 leaseId ('' = none), 2 marker TTL ms, 3..10 metric increments (requests, input, output,
--       cacheWrite5m, cacheWrite1h, cacheRead, rated, real), 11 model, 12 counts toward weekly (1/0),
--       13 record time ms, 14 record time ISO-8601, 15 record JSON, 16 records kept, 17 total tokens,
--       18 day TTL ms, 19 hour TTL ms, 20 week TTL ms, 21 month TTL ms, 22 daily cost TTL ms,
--       23 weekly cost TTL ms, 24 nonce of this settlement call, 25 sticky account ('' = forget),
--       26 sticky until ms, 27 sticky key TTL ms (session TTL + grace; 25-27 only with KEYS[17])
-- Returns 1 when written by this call (nonce), 0 when the request id had been settled already.
if ARGV[1] ~= '' then
  redis.call('ZREM', KEYS[2], ARGV[1])
  redis.call('HDEL', KEYS[3], ARGV[1])
end
if not redis.call('SET', KEYS[1], ARGV[24], 'NX', 'PX', ARGV[2]) then
  -- The same call sent again (its batch was resent after NOSCRIPT) already wrote everything.
  if redis.call('GET', KEYS[1]) == ARGV[24] then return 1 end
  return 0
end

local metrics = {'requests', 'input', 'output', 'cacheWrite5m', 'cacheWrite1h', 'cacheRead', 'rated', 'real'}
local function add(key, suffix, ttl)
  for i, m in ipairs(metrics) do
    local v = ARGV[2 + i]
    if v ~= '0' then redis.call('HINCRBY', key, m .. suffix, v) end
  end
  if ttl then redis.call('PEXPIRE', key, ttl) end
end

add(KEYS[4], '', nil)
add(KEYS[5], '', ARGV[18])
add(KEYS[6], '', ARGV[21])
add(KEYS[7], '', ARGV[19])
add(KEYS[8], '', ARGV[20])
add(KEYS[9], ':' .. ARGV[11], nil)
add(KEYS[10], ':' .. ARGV[11], ARGV[18])

local rated = ARGV[9]
redis.call('INCRBY', KEYS[11], rated)
redis.call('PEXPIRE', KEYS[11], ARGV[22])
redis.call('INCRBY', KEYS[12], rated)
if ARGV[12] == '1' then
  redis.call('INCRBY', KEYS[13], rated)
  redis.call('PEXPIRE', KEYS[13], ARGV[23])
end

-- Tokens and cost feed the window only if it is still open at the record's time.
local w = redis.call('HMGET', KEYS[14], 'start', 'minutes')
local wstart = tonumber(w[1])
if wstart ~= nil and tonumber(ARGV[13]) < wstart + (tonumber(w[2]) or 0) * 60000 then
  redis.call('HINCRBY', KEYS[14], 'tokens', ARGV[17])
  redis.call('HINCRBY', KEYS[14], 'cost', rated)
end

redis.call('LPUSH', KEYS[15], ARGV[15])
redis.call('LTRIM', KEYS[15], 0, tonumber(ARGV[16]) - 1)

local last = tonumber(redis.call('HGET', KEYS[16], 'lastUsedMs'))
if last == nil or last < tonumber(ARGV[13]) then
  redis.call('HSET', KEYS[16], 'lastUsedMs', ARGV[13], 'lastUsedAt', ARGV[14])
end

if KEYS[17] then
  if ARGV[25] == '' then
    redis.call('DEL', KEYS[17])
  else
    redis.call('HSET', KEYS[17], 'account', ARGV[25], 'until', ARGV[26])
    redis.call('PEXPIRE', KEYS[17], ARGV[27])
  end
end
return 1
