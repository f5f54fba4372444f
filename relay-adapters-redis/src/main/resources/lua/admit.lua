-- Admission of one request under its key's limits, atomically (SPEC §5).
-- Time comes from ARGV (the request's now), not from Redis TIME, so the embedded and Redis stores
-- decide identically; key TTLs are only a safety net.
-- KEYS: 1 lease ZSET (leaseId -> expiry ms), 2 reserve HASH (leaseId -> reserved micros),
--       3 window HASH (start, minutes, requests, tokens, cost), 4 daily cost, 5 total cost, 6 weekly cost,
--       7 (optional) the request's sticky session HASH (account, until ms)
-- ARGV: 1 now ms, 2 leaseId, 3 lease expiry ms, 4 reserve micros, 5 concurrency, 6 window minutes,
--       7 window requests, 8 window tokens, 9 window cost, 10 daily limit, 11 total limit,
--       12 weekly limit, 13 claude model (1/0), 14 lease keys TTL ms, 15 window key TTL ms,
--       16 lease grace ms (the lease keys outlive the latest lease by this), 17 sticky TTL ms,
--       18 sticky key grace ms (17-18 only with KEYS[7])
-- Returns {admitted 1/0, inFlight, reserved, windowStart (-1 = none), windowRequests, windowTokens,
--          windowCost, daily, total, weekly, sticky account ('' = none; only when admitted)}:
--          on refusal Java rebuilds the Failure from these counters.
local now = tonumber(ARGV[1])
local lconc = tonumber(ARGV[5])
local lmin = tonumber(ARGV[6])
local lreq = tonumber(ARGV[7])
local ltok = tonumber(ARGV[8])
local lcost = tonumber(ARGV[9])
local ldaily = tonumber(ARGV[10])
local ltotal = tonumber(ARGV[11])
local lweekly = tonumber(ARGV[12])
local hasWindow = lmin > 0 and (lreq > 0 or ltok > 0 or lcost > 0)
-- A key without cost limits needs neither its reserved cost nor its cost counters: nothing to read
-- (or reserve) for them. Counters not read are 0 in the answer; no limit can refuse on them.
local costCapped = ldaily > 0 or ltotal > 0 or lweekly > 0
local reserving = costCapped or (hasWindow and lcost > 0)

-- Expired leases are slots of requests that crashed or were never released. One read gives the
-- live count, the expired ids and the latest expiry (which the keys' TTL must outlive).
local all = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
local expired = {}
local inflight = 0
local latest = 0
for i = 1, #all, 2 do
  local score = tonumber(all[i + 1])
  if score <= now then
    expired[#expired + 1] = all[i]
  else
    inflight = inflight + 1
    if score > latest then latest = score end
  end
end
for i = 1, #expired, 500 do
  local j = math.min(i + 499, #expired)
  redis.call('ZREM', KEYS[1], unpack(expired, i, j))
  redis.call('HDEL', KEYS[2], unpack(expired, i, j))
end

local reserved = 0
if reserving then
  for _, v in ipairs(redis.call('HVALS', KEYS[2])) do reserved = reserved + tonumber(v) end
end
local w = hasWindow and redis.call('HMGET', KEYS[3], 'start', 'minutes', 'requests', 'tokens', 'cost') or {}
local wstart = tonumber(w[1])
local wminutes = tonumber(w[2]) or 0
local wrequests = tonumber(w[3]) or 0
local wtokens = tonumber(w[4]) or 0
local wcost = tonumber(w[5]) or 0
local costs = costCapped and redis.call('MGET', KEYS[4], KEYS[5], KEYS[6]) or {}
local daily = tonumber(costs[1]) or 0
local total = tonumber(costs[2]) or 0
local weekly = tonumber(costs[3]) or 0


-- The same order and comparisons as AdmissionRule.decide.
local refused = false
if lconc > 0 and inflight >= lconc then refused = true end
if not refused and hasWindow then
  local open = wstart ~= nil and now < wstart + lmin * 60000
  local req = open and wrequests or 0
  local tok = open and wtokens or 0
  local cost = (open and wcost or 0) + reserved
  if (lreq > 0 and req >= lreq) or (ltok > 0 and tok >= ltok) or (lcost > 0 and cost >= lcost) then
    refused = true
  end
end
if not refused and ldaily > 0 and daily + reserved >= ldaily then refused = true end
if not refused and ltotal > 0 and total + reserved >= ltotal then refused = true end
if not refused and ARGV[13] == '1' and lweekly > 0 and weekly + reserved >= lweekly then refused = true end

local counters = {inflight, reserved, wstart or -1, wrequests, wtokens, wcost, daily, total, weekly}
if refused then
  return {0, unpack(counters)}
end

if hasWindow then
  -- Open or closed by the key's current length, as the check above decided and as in the embedded
  -- store: judged by the length it was opened with, a shortened window would stay open with
  -- counters the check ignores. Settlement reads the length stored here.
  if wstart == nil or not (now < wstart + lmin * 60000) then
    redis.call('HSET', KEYS[3], 'start', ARGV[1], 'minutes', ARGV[6], 'requests', 0, 'tokens', 0, 'cost', 0)
  elseif wminutes ~= lmin then
    redis.call('HSET', KEYS[3], 'minutes', ARGV[6])
  end
  redis.call('HINCRBY', KEYS[3], 'requests', 1)
  redis.call('PEXPIRE', KEYS[3], ARGV[15])
end

redis.call('ZADD', KEYS[1], ARGV[3], ARGV[2])
local reserve = reserving and ARGV[4] ~= '0'
if reserve then redis.call('HSET', KEYS[2], ARGV[2], ARGV[4]) end
-- Never shorter than the latest live lease (a longer or renewed one) plus the grace.
local ttl = math.max(tonumber(ARGV[14]), tonumber(ARGV[3]) - now + tonumber(ARGV[16]), latest - now + tonumber(ARGV[16]))
redis.call('PEXPIRE', KEYS[1], ttl)
if reserve then redis.call('PEXPIRE', KEYS[2], ttl) end

-- The session's account, if bound and not expired at the request's now; renewed to now + TTL
-- (never shortened). The key's TTL (relative, on Redis's clock) is the session TTL plus a grace:
-- only a safety net, the decision is by the request's time.
local account = ''
if KEYS[7] then
  local s = redis.call('HMGET', KEYS[7], 'account', 'until')
  local untilMs = tonumber(s[2])
  if s[1] and untilMs and now < untilMs then
    account = s[1]
    local renewed = now + tonumber(ARGV[17])
    if renewed > untilMs then
      redis.call('HSET', KEYS[7], 'until', string.format('%d', renewed))
      redis.call('PEXPIRE', KEYS[7], tonumber(ARGV[17]) + tonumber(ARGV[18]))
    end
  end
end
table.insert(counters, account)
return {1, unpack(counters)}
