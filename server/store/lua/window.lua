-- A moving window: count the hits of the last ARGV[2] milliseconds on KEYS[1], add this
-- one if fewer than ARGV[3]; return the count before this hit (>= limit: refused).
-- ARGV[1]: now in milliseconds; ARGV[4]: a unique member for this hit.
local now, window, limit = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
redis.call("ZREMRANGEBYSCORE", KEYS[1], "-inf", now - window)
local count = redis.call("ZCARD", KEYS[1])
if count < limit then
  redis.call("ZADD", KEYS[1], now, ARGV[4])
end
redis.call("PEXPIRE", KEYS[1], window)
return count
