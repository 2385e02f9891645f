import { TtlCache } from './ttl-cache';

describe('TtlCache', () => {
  let now = 0;
  const clock = () => now;

  beforeEach(() => {
    now = 1_000;
  });

  it('returns a stored value before its time to live ends', () => {
    const sut = new TtlCache<string, number>({ maxEntries: 10, ttlMs: 100, now: clock });
    sut.set('a', 1);
    now += 99;

    expect(sut.get('a')).toBe(1);
  });

  it('drops a value once its time to live ends', () => {
    const sut = new TtlCache<string, number>({ maxEntries: 10, ttlMs: 100, now: clock });
    sut.set('a', 1);
    now += 100;

    expect(sut.get('a')).toBeUndefined();
    expect(sut.size).toBe(0);
  });

  it('never holds more than maxEntries', () => {
    const sut = new TtlCache<number, number>({ maxEntries: 3, ttlMs: 100, now: clock });
    for (let key = 0; key < 10; key++) sut.set(key, key);

    expect(sut.size).toBe(3);
    expect(sut.get(6)).toBeUndefined();
    expect(sut.get(7)).toBe(7);
    expect(sut.get(9)).toBe(9);
  });

  it('evicts the least recently used entry first', () => {
    const sut = new TtlCache<string, number>({ maxEntries: 2, ttlMs: 100, now: clock });
    sut.set('a', 1);
    sut.set('b', 2);
    sut.get('a');
    sut.set('c', 3);

    expect(sut.get('a')).toBe(1);
    expect(sut.get('b')).toBeUndefined();
    expect(sut.get('c')).toBe(3);
  });

  it('restarts the time to live when a key is set again', () => {
    const sut = new TtlCache<string, number>({ maxEntries: 2, ttlMs: 100, now: clock });
    sut.set('a', 1);
    now += 80;
    sut.set('a', 2);
    now += 80;

    expect(sut.get('a')).toBe(2);
  });

  it('rejects a size bound below one', () => {
    expect(() => new TtlCache({ maxEntries: 0, ttlMs: 100 })).toThrow('maxEntries must be a positive integer, got 0');
  });
});
