-- Settles one request exactly once: releases its lease, then (unless its request id was already
-- settled) writes what must be exact at once: the cost counters admission reads, the open window,
-- the record, and the sticky session. The aggregates (usage and model totals, last use, day and
-- minute totals) are added by the node after a "written" answer and flushed in batches
-- (totals_flush.lua), so this script does none of their ~50 HINCRBY.
-- KEYS: 1 settled-marker HASH of the record's hour (fingerprint -> nonce), 2 lease ZSET,
--       3 reserve HASH, 4 cost daily, 5 cost total, 6 cost weekly, 7 window HASH, 8 records LIST,
--       9 the previous schema's marker STRING of this request id (read only when ARGV[12] is '1'),
--       10 (optional) sticky session HASH (account, until ms) to bind or forget
-- ARGV: 1 leaseId ('' = none), 2 request fingerprint, 3 nonce of this settlement call, 4 rated cost
--       micros, 5 counts toward weekly (1/0), 6 record time ms, 7 total tokens, 8 record JSON,
--       9 records kept, 10 daily cost TTL ms, 11 weekly cost TTL ms, 12 check the previous schema's
--       marker (1/0: the record predates this node), 13 sticky account ('' = forget), 14 sticky
--       until ms, 15 sticky key TTL ms (13-15 only with KEYS[10])
-- The marker bucket's TTL is set by the node's next flush (totals_flush.lua, 'x'), not per request;
-- a cost counter's only when this increment created it.
-- Returns 1 when written by this call (nonce), 0 when the request id had been settled already.
if ARGV[1] ~= '' then
  redis.call('ZREM', KEYS[2], ARGV[1])
  redis.call('HDEL', KEYS[3], ARGV[1])
end
-- Settled before the upgrade, by the previous schema (its markers expire within a day).
if ARGV[12] == '1' and redis.call('EXISTS', KEYS[9]) == 1 then return 0 end
if redis.call('HSETNX', KEYS[1], ARGV[2], ARGV[3]) == 0 then
  -- The same call sent again (resent after NOSCRIPT, or replayed after a lost answer) wrote everything.
  if redis.call('HGET', KEYS[1], ARGV[2]) == ARGV[3] then return 1 end
  return 0
end

local rated = ARGV[4]
if rated ~= '0' then
  if redis.call('INCRBY', KEYS[4], rated) == tonumber(rated) then redis.call('PEXPIRE', KEYS[4], ARGV[10]) end
  redis.call('INCRBY', KEYS[5], rated)
  if ARGV[5] == '1' and redis.call('INCRBY', KEYS[6], rated) == tonumber(rated) then
    redis.call('PEXPIRE', KEYS[6], ARGV[11])
  end
end

-- Tokens and cost feed the window only if it is still open at the record's time.
local w = redis.call('HMGET', KEYS[7], 'start', 'minutes')
local wstart = tonumber(w[1])
if wstart ~= nil and tonumber(ARGV[6]) < wstart + (tonumber(w[2]) or 0) * 60000 then
  redis.call('HINCRBY', KEYS[7], 'tokens', ARGV[7])
  redis.call('HINCRBY', KEYS[7], 'cost', rated)
end

-- Trimmed back to the records kept once it holds 32 more (reads never look past the kept ones).
if redis.call('LPUSH', KEYS[8], ARGV[8]) > tonumber(ARGV[9]) + 32 then
  redis.call('LTRIM', KEYS[8], 0, tonumber(ARGV[9]) - 1)
end

if KEYS[10] then
  if ARGV[13] == '' then
    redis.call('DEL', KEYS[10])
  else
    redis.call('HSET', KEYS[10], 'account', ARGV[13], 'until', ARGV[14])
    redis.call('PEXPIRE', KEYS[10], ARGV[15])
  end
end
return 1
