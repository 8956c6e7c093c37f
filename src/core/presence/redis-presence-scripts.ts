// The presence registry's Redis layout and the Lua scripts that change it. Each script runs
// atomically in Redis, so when two nodes join or leave the same member at once exactly one of
// them sees the first join or the last leave. Keys (P = `{prefix}:presence`):
//
//   P:conns:{#room}:{room}:{member}  SET of "node\0connection": the member's connections
//   P:room:{room}                    HASH member → its connection count (cluster-wide)
//   P:data:{room}                    HASH member → JSON of what its latest connection announced
//   P:rooms                          HASH room → connection count (room and connection totals)
//   P:nodes                          SET of node ids that heartbeat or still hold connections
//   P:node:{node}                    heartbeat: exists while the node is alive (PX = its TTL)
//   P:node:{node}:conns              SET of "room\0member\0connection" the node holds
//
// The room's length in the `conns` key keeps (room "a:b", member "c") and (room "a", member
// "b:c") apart. Keys are built inside the scripts, so this needs one Redis (or Sentinel), not
// Redis Cluster.

import { luaScript } from '../cluster/lua-script.ts';

/** remove(P, node, room, member, conn) → {transition, count, data}; the node index is untouched. */
const REMOVE = `
local function remove(P, node, room, member, conn)
  local connsKey = P .. ':conns:' .. #room .. ':' .. room .. ':' .. member
  local dataKey = P .. ':data:' .. room
  if redis.call('SREM', connsKey, node .. '\\0' .. conn) == 0 then
    return {0, redis.call('SCARD', connsKey), redis.call('HGET', dataKey, member)}
  end
  if redis.call('HINCRBY', P .. ':rooms', room, -1) <= 0 then
    redis.call('HDEL', P .. ':rooms', room)
  end
  local data = redis.call('HGET', dataKey, member)
  local count = redis.call('SCARD', connsKey)
  if count == 0 then
    redis.call('HDEL', P .. ':room:' .. room, member)
    redis.call('HDEL', dataKey, member)
    return {1, 0, data}
  end
  redis.call('HSET', P .. ':room:' .. room, member, count)
  return {0, count, data}
end
`;

/**
 * ARGV: P, node, room, member, conn, hasData ("1"/"0"), data, [max connections] → {transition,
 * count, data}; transition is -1 (and nothing changed) when the member already had the maximum.
 */
export const JOIN = luaScript(`
local P, node, room, member, conn = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local connsKey = P .. ':conns:' .. #room .. ':' .. room .. ':' .. member
local dataKey = P .. ':data:' .. room
local max = tonumber(ARGV[8])
if max and redis.call('SISMEMBER', connsKey, node .. '\\0' .. conn) == 0 then
  local current = redis.call('SCARD', connsKey)
  if current >= max then return {-1, current, redis.call('HGET', dataKey, member)} end
end
local added = redis.call('SADD', connsKey, node .. '\\0' .. conn)
local count = redis.call('SCARD', connsKey)
if added == 1 then
  redis.call('HSET', P .. ':room:' .. room, member, count)
  redis.call('HINCRBY', P .. ':rooms', room, 1)
  redis.call('SADD', P .. ':node:' .. node .. ':conns', room .. '\\0' .. member .. '\\0' .. conn)
  redis.call('SADD', P .. ':nodes', node)
end
if ARGV[6] == '1' then redis.call('HSET', dataKey, member, ARGV[7]) end
local transition = 0
if added == 1 and count == 1 then transition = 1 end
return {transition, count, redis.call('HGET', dataKey, member)}
`);

/** ARGV: P, node, room, member, conn → {transition, count, data}. */
export const LEAVE = luaScript(`${REMOVE}
local P, node, room, member, conn = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
redis.call('SREM', P .. ':node:' .. node .. ':conns', room .. '\\0' .. member .. '\\0' .. conn)
return remove(P, node, room, member, conn)
`);

/** ARGV: P, node, ttl ms → 1 if the heartbeat was still alive, 0 if it had expired (or is new). */
export const HEARTBEAT = luaScript(`
local P, node = ARGV[1], ARGV[2]
local previous = redis.call('SET', P .. ':node:' .. node, '1', 'PX', ARGV[3], 'GET')
redis.call('SADD', P .. ':nodes', node)
if previous then return 1 end
return 0
`);

/**
 * ARGV: P, budget → {{room, member, data, …}, more}: removes up to `budget` connections of nodes
 * whose heartbeat expired and returns the members that lost their last connection.
 */
export const SWEEP = luaScript(`${REMOVE}
local P = ARGV[1]
local budget = tonumber(ARGV[2])
local left = {}
for _, node in ipairs(redis.call('SMEMBERS', P .. ':nodes')) do
  if budget <= 0 then return {left, 1} end
  if redis.call('EXISTS', P .. ':node:' .. node) == 0 then
    local indexKey = P .. ':node:' .. node .. ':conns'
    for _, entry in ipairs(redis.call('SPOP', indexKey, budget)) do
      budget = budget - 1
      local a = string.find(entry, '\\0', 1, true)
      local b = string.find(entry, '\\0', a + 1, true)
      local room = string.sub(entry, 1, a - 1)
      local member = string.sub(entry, a + 1, b - 1)
      local result = remove(P, node, room, member, string.sub(entry, b + 1))
      if result[1] == 1 then
        table.insert(left, room)
        table.insert(left, member)
        table.insert(left, result[3])
      end
    end
    if redis.call('SCARD', indexKey) == 0 then redis.call('SREM', P .. ':nodes', node) end
  end
end
return {left, 0}
`);
