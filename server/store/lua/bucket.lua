-- A token bucket shared by every process: KEYS[1] is a hash {tokens, at}.
-- ARGV[1]: now in milliseconds; ARGV[2]: tokens per second; ARGV[3]: the bucket's size.
-- Takes a token if there is one; returns 1 when taken, 0 when the bucket is empty.
local now, rate, size = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local state = redis.call("HMGET", KEYS[1], "tokens", "at")
local tokens, at = tonumber(state[1]) or size, tonumber(state[2]) or now
tokens = math.min(size, tokens + (now - at) / 1000 * rate)
local taken = 0
if tokens >= 1 then
  tokens = tokens - 1
  taken = 1
end
redis.call("HSET", KEYS[1], "tokens", tostring(tokens), "at", tostring(now))
-- Forgotten once it would be full again: an address that stopped joining costs nothing.
redis.call("PEXPIRE", KEYS[1], math.ceil((size - tokens) / rate * 1000) + 1000)
return taken
