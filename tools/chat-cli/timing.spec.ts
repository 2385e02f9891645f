import { reconnectDelayMs, tokenRefreshDelayMs } from './timing';

describe('reconnectDelayMs', () => {
  it('doubles the range with each attempt', () => {
    expect(reconnectDelayMs(0, () => 1)).toBe(500);
    expect(reconnectDelayMs(1, () => 1)).toBe(1_000);
    expect(reconnectDelayMs(3, () => 1)).toBe(4_000);
  });

  it('keeps at least half of the range', () => {
    expect(reconnectDelayMs(0, () => 0)).toBe(250);
    expect(reconnectDelayMs(3, () => 0)).toBe(2_000);
  });

  it('caps the delay at 30 s', () => {
    expect(reconnectDelayMs(20, () => 1)).toBe(30_000);
    expect(reconnectDelayMs(1_000, () => 0)).toBe(15_000);
  });
});

describe('tokenRefreshDelayMs', () => {
  it('refreshes a 15-minute token one minute early', () => {
    expect(tokenRefreshDelayMs(900_000, 0)).toBe(840_000);
  });

  it('refreshes a short token a fifth of its lifetime early', () => {
    expect(tokenRefreshDelayMs(10_000, 0)).toBe(8_000);
  });

  it('keeps at least one second of margin', () => {
    expect(tokenRefreshDelayMs(3_000, 0)).toBe(2_000);
  });

  it('refreshes at once when the token has expired', () => {
    expect(tokenRefreshDelayMs(1_000, 5_000)).toBe(0);
  });
});
