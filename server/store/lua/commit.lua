-- commit: check guards, apply writes, then append and publish events, all or nothing.
-- KEYS[1]  the workshop's sequence counter
-- KEYS[2]  the workshop's event stream
-- KEYS[3]  the workshop's hash of applied operation ids (client-made, for idempotency)
-- KEYS[4..n] the keys the guards and writes name by their index in KEYS
-- ARGV[1]  JSON {guards = [[kind, key, field, value], ...],
--                ops    = [[command, key, arg, ...], ...],
--                events = [[scope, type, data_json, [[field, op_number], ...]], ...],
--                op     = "client operation id" or "", owner = "<author>|<event>",
--                result = "JSON kept for a retry", notices = ["notice JSON", ...]}
--          A notice is published as given, after the events, neither numbered nor kept:
--          private rows for many participants (their seat, their plan), or a request to
--          call sync again. What a device misses, its next sync tells it.
--          kind: exists | missing | hexists | hmissing | hequals | hnotequals | hbelow
--                | hatleast | hin (the field's value is one of "|a|b|") | hfree (the field
--                is missing or equals the value) | hlenbelow (the hash has fewer fields
--                than the value)
--          An event's data gets, for each [field, n], field = the integer result of op n.
-- ARGV[2]  the workshop code (put in published events so processes know the room)
-- ARGV[3]  the stream's approximate maximum length
-- ARGV[4]  the workshop's pub/sub channel (in the slot of its keys)
-- ARGV[5]  PUBLISH, or SPUBLISH on a Redis Cluster (the channel is a shard channel)
-- Returns {0, result, seq...} on success; {-1, result} when the operation id was already
-- applied by the same owner (a retry: nothing is written again); {-2} when the id was
-- used by another owner (nothing written); {guard_number} when a guard fails.
-- KEYS[3] maps an op id to "<owner>\n<result>".
local req = cjson.decode(ARGV[1])

if req.op ~= "" then
  local earlier = redis.call("HGET", KEYS[3], req.op)
  if earlier then
    local owner = req.owner .. "\n"
    if string.sub(earlier, 1, #owner) == owner then
      return {-1, string.sub(earlier, #owner + 1)}
    end
    return {-2}
  end
end

for i, g in ipairs(req.guards) do
  local kind, key = g[1], KEYS[g[2]]
  local ok
  if kind == "exists" then ok = redis.call("EXISTS", key) == 1
  elseif kind == "missing" then ok = redis.call("EXISTS", key) == 0
  elseif kind == "hexists" then ok = redis.call("HEXISTS", key, g[3]) == 1
  elseif kind == "hmissing" then ok = redis.call("HEXISTS", key, g[3]) == 0
  elseif kind == "hequals" then ok = redis.call("HGET", key, g[3]) == g[4]
  elseif kind == "hnotequals" then ok = redis.call("HGET", key, g[3]) ~= g[4]
  elseif kind == "hbelow" then
    ok = tonumber(redis.call("HGET", key, g[3]) or "0") < tonumber(g[4])
  elseif kind == "hatleast" then
    ok = tonumber(redis.call("HGET", key, g[3]) or "0") >= tonumber(g[4])
  elseif kind == "hlenbelow" then ok = redis.call("HLEN", key) < tonumber(g[4])
  elseif kind == "hin" then
    local value = redis.call("HGET", key, g[3])
    ok = value and string.find(g[4], "|" .. value .. "|", 1, true) ~= nil
  elseif kind == "hfree" then
    local value = redis.call("HGET", key, g[3])
    ok = (not value) or value == g[4]
  else return redis.error_reply("unknown guard " .. tostring(kind)) end
  if not ok then return {i} end
end

local allowed = {HSET = true, HDEL = true, DEL = true, SADD = true, SREM = true,
                 ZADD = true, ZREM = true, RPUSH = true, LREM = true, HINCRBY = true,
                 SET = true, INCR = true}
local results = {}
for n, op in ipairs(req.ops) do
  local command = op[1]
  if not allowed[command] then return redis.error_reply("command not allowed " .. command) end
  local args = {command, KEYS[op[2]]}
  for j = 3, #op do args[#args + 1] = op[j] end
  results[n] = redis.call(unpack(args))
end

if req.op ~= "" then redis.call("HSET", KEYS[3], req.op, req.owner .. "\n" .. req.result) end

local reply = {0, req.result}
for _, ev in ipairs(req.events) do
  local data = ev[3]
  for _, fill in ipairs(ev[4]) do
    -- data is a JSON object built by us: insert the field before its closing brace.
    local sep = (data == "{}") and "" or ","
    data = string.sub(data, 1, -2) .. sep .. '"' .. fill[1] .. '":' .. tostring(results[fill[2]]) .. "}"
  end
  local seq = redis.call("INCR", KEYS[1])
  -- Built by concatenation: a cjson round trip would turn the data's empty lists into {}.
  local body = '"seq":' .. seq .. ',"scope":"' .. ev[1] .. '","type":"' .. ev[2] ..
               '","data":' .. data
  redis.call("XADD", KEYS[2], "MAXLEN", "~", ARGV[3], seq .. "-0", "e", "{" .. body .. "}")
  redis.call(ARGV[5], ARGV[4], '{"code":"' .. ARGV[2] .. '",' .. body .. "}")
  reply[#reply + 1] = seq
end
for _, notice in ipairs(req.notices or {}) do
  redis.call(ARGV[5], ARGV[4], notice)
end
return reply
