import { decide } from './fixed-window';

describe('decide', () => {
  const windowMs = 300_000;

  it('allows while every window holds at most max attempts', () => {
    expect(decide([{ count: 10, remainingMs: 1000 }, { count: 1, remainingMs: 5000 }], 10, windowMs)).toEqual({
      allowed: true,
    });
    expect(decide([], 10, windowMs)).toEqual({ allowed: true });
  });

  it('refuses until the longest exceeded window ends', () => {
    const decision = decide(
      [
        { count: 11, remainingMs: 1000 },
        { count: 12, remainingMs: 4000 },
        { count: 3, remainingMs: 9000 },
      ],
      10,
      windowMs,
    );

    expect(decision).toEqual({ allowed: false, retryAfterMs: 4000 });
  });

  it('never answers a retry time of zero or less', () => {
    expect(decide([{ count: 11, remainingMs: -1 }], 10, windowMs)).toEqual({ allowed: false, retryAfterMs: windowMs });
  });
});
