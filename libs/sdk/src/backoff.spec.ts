import { Backoff } from './backoff';

describe('Backoff', () => {
  it('doubles the window per attempt up to the maximum', () => {
    const backoff = new Backoff({ initialDelayMs: 100, maxDelayMs: 1_000, random: () => 0.999_999 });

    expect([1, 2, 3, 4, 5, 6].map(() => backoff.next())).toEqual([99, 199, 399, 799, 999, 999]);
  });

  it('draws each delay uniformly inside the window', () => {
    const draws = [0, 0.5, 0.25];
    const backoff = new Backoff({ initialDelayMs: 1_000, maxDelayMs: 60_000, random: () => draws.shift()! });

    expect([backoff.next(), backoff.next(), backoff.next()]).toEqual([0, 1_000, 1_000]);
  });

  it('starts from the first window after a reset', () => {
    const backoff = new Backoff({ initialDelayMs: 100, maxDelayMs: 1_000, random: () => 0.5 });
    backoff.next();
    backoff.next();
    backoff.reset();

    expect(backoff.next()).toBe(50);
    expect(backoff.first()).toBe(50);
  });

  it('spreads many clients over the window with the real random source', () => {
    const delays = Array.from({ length: 1_000 }, () => new Backoff({ initialDelayMs: 1_000, maxDelayMs: 1_000, random: Math.random }).next());
    const perDecile = new Array<number>(10).fill(0);
    for (const delay of delays) perDecile[Math.floor(delay / 100)] += 1;

    // About 100 each; under 40 or over 160 in any tenth would mean the draws are not spread.
    expect(Math.min(...perDecile)).toBeGreaterThan(40);
    expect(Math.max(...perDecile)).toBeLessThan(160);
  });
});
