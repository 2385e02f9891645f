/*
 * Lua scripts of the presence state in Redis. Every script reads the clock
 * with Redis TIME, so that several presence instances agree on what has
 * expired. All times are Unix milliseconds.
 *
 * Data model, per user: a ZSET of device ids scored by expiry time, and a
 * HASH with "status" ("online"/"offline") and "lastSeenAt". One global ZSET
 * of "userId|deviceId" with the same scores is the sweeper's queue.
 *
 * lastSeenAt is written on every heartbeat and on every Disconnect of a live
 * device, so it always contains the user's latest activity across all devices.
 * The sweeper therefore leaves it unchanged when the user goes offline.
 */

const NOW_MS = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
`;

/**
 * KEYS[1]: devices ZSET, KEYS[2]: state HASH, KEYS[3]: expiry ZSET, KEYS[4]: connections HASH.
 * ARGV[1]: device id, ARGV[2]: expiry member "userId|deviceId", ARGV[3]: heartbeat timeout (ms),
 * ARGV[4]: connection id, or "" when the caller has none.
 * Returns {1 if the user was not online before, expiresAt, now}.
 */
export const HEARTBEAT_SCRIPT = `${NOW_MS}
if ARGV[4] ~= '' then redis.call('HSET', KEYS[4], ARGV[1], ARGV[4]) end
local expiresAt = now + tonumber(ARGV[3])
redis.call('ZADD', KEYS[1], expiresAt, ARGV[1])
redis.call('ZADD', KEYS[3], expiresAt, ARGV[2])
local status = redis.call('HGET', KEYS[2], 'status')
redis.call('HSET', KEYS[2], 'status', 'online', 'lastSeenAt', now)
local becameOnline = 0
if status ~= 'online' then becameOnline = 1 end
return {becameOnline, expiresAt, now}
`;

/**
 * KEYS and ARGV[1..2] as in HEARTBEAT_SCRIPT. ARGV[3]: disconnect grace (ms),
 * ARGV[4]: connection id, or "" when the caller has none.
 * Moves a live device's expiry to now + grace, but never later than it was,
 * so a Disconnect never extends a device. Returns 0, changing nothing, for an
 * unknown or already expired device and for a connection that is no longer
 * the device's current one (it reconnected elsewhere); 1 otherwise.
 */
export const DISCONNECT_SCRIPT = `${NOW_MS}
if ARGV[4] ~= '' then
  local current = redis.call('HGET', KEYS[4], ARGV[1])
  if current and current ~= ARGV[4] then return 0 end
end
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not score or tonumber(score) <= now then return 0 end
local graceEnd = now + tonumber(ARGV[3])
if tonumber(score) > graceEnd then
  redis.call('ZADD', KEYS[1], graceEnd, ARGV[1])
  redis.call('ZADD', KEYS[3], graceEnd, ARGV[2])
end
redis.call('HSET', KEYS[2], 'lastSeenAt', now)
return 1
`;

/**
 * KEYS[1]: expiry ZSET. ARGV[1]: devices key prefix, ARGV[2]: state key
 * prefix, ARGV[3]: maximum entries to take.
 *
 * Pops expired entries from the queue. For each, it removes the device from
 * the user's ZSET unless a later heartbeat moved it into the future (then the
 * entry goes back into the queue with that score). When the user has no
 * unexpired device left and is "online", it sets the status to "offline".
 * Because the script runs atomically, concurrent sweepers never report the
 * same transition twice.
 *
 * Returns {entries taken, devices left in the queue, now, userId1, lastSeenAt1, ...}.
 */
export const SWEEP_SCRIPT = `${NOW_MS}
local members = redis.call('ZRANGE', KEYS[1], '-inf', now, 'BYSCORE', 'LIMIT', 0, tonumber(ARGV[3]))
local result = {#members, 0, now}
for _, member in ipairs(members) do
  redis.call('ZREM', KEYS[1], member)
  local separator = string.find(member, '|', 1, true)
  if separator then
    local userId = string.sub(member, 1, separator - 1)
    local deviceId = string.sub(member, separator + 1)
    local devicesKey = ARGV[1] .. userId
    local score = redis.call('ZSCORE', devicesKey, deviceId)
    if score and tonumber(score) > now then
      redis.call('ZADD', KEYS[1], score, member)
    else
      if score then redis.call('ZREM', devicesKey, deviceId) end
      if redis.call('ZCOUNT', devicesKey, '(' .. now, '+inf') == 0 then
        local stateKey = ARGV[2] .. userId
        if redis.call('HGET', stateKey, 'status') == 'online' then
          redis.call('HSET', stateKey, 'status', 'offline')
          local lastSeenAt = tonumber(redis.call('HGET', stateKey, 'lastSeenAt')) or now
          table.insert(result, userId)
          table.insert(result, lastSeenAt)
        end
      end
    end
  end
end
result[2] = redis.call('ZCARD', KEYS[1])
return result
`;
