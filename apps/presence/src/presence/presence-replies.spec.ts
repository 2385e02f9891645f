import { parseHeartbeatReply, parseSweepReply, toStoredPresence } from './presence-replies';

describe('parseHeartbeatReply', () => {
  it('reads a transition to online', () => {
    expect(parseHeartbeatReply([1, 1_700_000_030_000, 1_700_000_000_000])).toEqual({
      becameOnline: true,
      expiresAt: 1_700_000_030_000,
      at: 1_700_000_000_000,
    });
  });

  it('reads a heartbeat of an online user', () => {
    expect(parseHeartbeatReply([0, 2, 1]).becameOnline).toBe(false);
  });

  it('rejects a reply of the wrong shape', () => {
    expect(() => parseHeartbeatReply([1, 2])).toThrow('heartbeat script returned an invalid reply');
    expect(() => parseHeartbeatReply([1, '2', 3])).toThrow('heartbeat script returned an invalid reply');
    expect(() => parseHeartbeatReply(null)).toThrow('heartbeat script returned an invalid reply');
  });
});

describe('parseSweepReply', () => {
  it('reads a sweep without transitions', () => {
    expect(parseSweepReply([0, 7, 1000])).toEqual({ entriesTaken: 0, devicesTracked: 7, at: 1000, wentOffline: [] });
  });

  it('reads the users set offline with their last-seen times', () => {
    const sut = parseSweepReply([3, 0, 1000, 'user-a', 400, 'user-b', 950]);

    expect(sut.entriesTaken).toBe(3);
    expect(sut.wentOffline).toEqual([
      { userId: 'user-a', lastSeenAt: 400 },
      { userId: 'user-b', lastSeenAt: 950 },
    ]);
  });

  it('rejects a transition list of odd length', () => {
    expect(() => parseSweepReply([1, 0, 1000, 'user-a'])).toThrow('sweep script returned an invalid reply');
  });

  it('rejects a reply without its counters', () => {
    expect(() => parseSweepReply([1, 0])).toThrow('sweep script returned an invalid reply');
  });
});

describe('toStoredPresence', () => {
  it('reports a never-seen user as offline at 0', () => {
    expect(toStoredPresence(null, null)).toEqual({ status: 'offline', lastSeenAt: 0 });
  });

  it('reads an online user', () => {
    expect(toStoredPresence('online', '1700000000000')).toEqual({ status: 'online', lastSeenAt: 1_700_000_000_000 });
  });

  it('reads an offline user', () => {
    expect(toStoredPresence('offline', '1700000000000')).toEqual({ status: 'offline', lastSeenAt: 1_700_000_000_000 });
  });

  it('treats an unknown status as offline', () => {
    expect(toStoredPresence('away', '5').status).toBe('offline');
  });

  it('treats an unparsable last-seen time as 0', () => {
    expect(toStoredPresence('offline', 'yesterday').lastSeenAt).toBe(0);
    expect(toStoredPresence('offline', '-5').lastSeenAt).toBe(0);
  });
});
