import type { PresenceState } from '@messenger/protocol';

/** Outcome of one heartbeat, as the heartbeat script reports it. */
export interface HeartbeatResult {
  /** True when the user was offline or never seen before this heartbeat. */
  becameOnline: boolean;
  /** Unix ms after which the device counts as gone unless it sends another heartbeat. */
  expiresAt: number;
  /** Redis time (Unix ms) of the heartbeat. */
  at: number;
}

/** A user whom a sweep set offline, with the time of their latest heartbeat or Disconnect. */
export interface OfflineTransition {
  userId: string;
  lastSeenAt: number;
}

/** Outcome of one run of the sweep script. */
export interface SweepResult {
  /** Expired queue entries that this run took. */
  entriesTaken: number;
  /** Entries left in the queue: devices that are online or within their grace period. */
  devicesTracked: number;
  /** Redis time (Unix ms) of the sweep. */
  at: number;
  wentOffline: OfflineTransition[];
}

/** Presence of one user as stored in the state HASH. */
export interface StoredPresence {
  status: PresenceState;
  /** Unix ms, or 0 when the user was never seen. */
  lastSeenAt: number;
}

export function parseHeartbeatReply(reply: unknown): HeartbeatResult {
  const [becameOnline, expiresAt, at] = expectIntegers(reply, 3, 'heartbeat');

  return { becameOnline: becameOnline === 1, expiresAt, at };
}

export function parseSweepReply(reply: unknown): SweepResult {
  if (!Array.isArray(reply) || reply.length < 3 || (reply.length - 3) % 2 !== 0) {
    throw new Error(`sweep script returned an invalid reply: ${JSON.stringify(reply)}`);
  }
  const [entriesTaken, devicesTracked, at] = expectIntegers(reply.slice(0, 3), 3, 'sweep');
  const wentOffline: OfflineTransition[] = [];
  for (let index = 3; index < reply.length; index += 2) {
    wentOffline.push({ userId: String(reply[index]), lastSeenAt: Number(reply[index + 1]) });
  }

  return { entriesTaken, devicesTracked, at, wentOffline };
}

/**
 * Converts the [status, lastSeenAt] fields of a state HASH. A user without a
 * HASH was never seen and is offline with lastSeenAt 0. Any status other
 * than "online" counts as offline.
 */
export function toStoredPresence(status: string | null, lastSeenAt: string | null): StoredPresence {
  const parsedLastSeenAt = Number(lastSeenAt ?? 0);

  return {
    status: status === 'online' ? 'online' : 'offline',
    lastSeenAt: Number.isSafeInteger(parsedLastSeenAt) && parsedLastSeenAt > 0 ? parsedLastSeenAt : 0,
  };
}

function expectIntegers(reply: unknown, count: number, script: string): number[] {
  if (!Array.isArray(reply) || reply.length !== count || !reply.every((item) => Number.isSafeInteger(item))) {
    throw new Error(`${script} script returned an invalid reply: ${JSON.stringify(reply)}`);
  }

  return reply as number[];
}
