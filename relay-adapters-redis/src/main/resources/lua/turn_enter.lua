-- Takes a subscription account's turn (RedisTurnGate). KEYS[1] = cr:{acct:<a>}:turn, a hash of
-- holder, until (ms) and left (ms, when the last turn was let go). ARGV = request id, now ms, gap ms,
-- hold ms. Returns 0 when taken (or extended by its holder), else the ms to wait before asking again.
local now = tonumber(ARGV[2])
local t = redis.call('HMGET', KEYS[1], 'holder', 'until', 'left')
local held = t[1] and t[2] and tonumber(t[2]) > now
if held and t[1] ~= ARGV[1] then return tonumber(t[2]) - now end
if not held and t[3] then
  local free = tonumber(t[3]) + tonumber(ARGV[3])
  if now < free then return free - now end
end
redis.call('HSET', KEYS[1], 'holder', ARGV[1], 'until', now + tonumber(ARGV[4]))
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[4]) + tonumber(ARGV[3]) + 60000)
return 0
