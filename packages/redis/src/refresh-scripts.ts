// Lua scripts of the coordinator. Each script touches only keys of one refresh key, which share a
// hash tag, so every script runs on one Redis Cluster slot.
//
// A result entry is `<status> <flight> <replayable> <payload>`:
//   `ok <flight> 1|0 <nextKey> <sealedSession>` or `failed <flight> 0 <errorCode>`.
// `flight` is the lock token of the leader that wrote it.

/**
 * Reads the result, else the lock, else takes the lock.
 * KEYS: result, lock, prev. ARGV: token, leaseMs, awaitedFlight ('' for a new caller).
 * Returns {'result', entry} | {'locked', owner} | {'acquired', previousKey or ''}.
 */
export const ACQUIRE_SCRIPT = `
local entry = redis.call('GET', KEYS[1])
if entry then
  local status, flight, replayable = string.match(entry, '^(%a+) (%S+) (%d)')
  if ARGV[3] ~= '' then
    if status == 'ok' or flight == ARGV[3] then return {'result', entry} end
  elseif status == 'ok' and replayable == '1' then
    return {'result', entry}
  end
end
local owner = redis.call('GET', KEYS[2])
if owner then return {'locked', owner} end
redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2])
local previous = redis.call('GET', KEYS[3])
if previous then redis.call('DEL', KEYS[3]) end
return {'acquired', previous or ''}
`;

/**
 * Stores a success, releases the lock if still owned, and tells the waiters.
 * KEYS: result, lock. ARGV: token, entry, ttlMs, channel, message.
 */
export const PUBLISH_SUCCESS_SCRIPT = `
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
if redis.call('GET', KEYS[2]) == ARGV[1] then redis.call('DEL', KEYS[2]) end
redis.call('PUBLISH', ARGV[4], ARGV[5])
return 1
`;

/**
 * Releases the lock if still owned; if a success is already stored (another flight of the same
 * token got through) returns it, else stores the failure marker for the waiters and tells them.
 * KEYS: result, lock. ARGV: token, entry, ttlMs, channel, message.
 */
export const PUBLISH_FAILURE_SCRIPT = `
local owned = redis.call('GET', KEYS[2]) == ARGV[1]
if owned then redis.call('DEL', KEYS[2]) end
local entry = redis.call('GET', KEYS[1])
if entry and string.sub(entry, 1, 3) == 'ok ' then return entry end
if owned then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
  redis.call('PUBLISH', ARGV[4], ARGV[5])
end
return false
`;

/** Compare-and-delete. KEYS: lock. ARGV: token. */
export const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/** KEYS: prev of the next key. ARGV: key, ttlMs. */
export const SET_PREVIOUS_SCRIPT = `
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
`;

/** Retires the replay of a previous key. KEYS: result. */
export const RETIRE_SCRIPT = `
return redis.call('DEL', KEYS[1])
`;
