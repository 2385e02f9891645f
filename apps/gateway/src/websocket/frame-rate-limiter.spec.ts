import { FrameRateLimiter } from './frame-rate-limiter';

describe('FrameRateLimiter', () => {
  it('passes a burst then limits', () => {
    let now = 0;
    const sut = new FrameRateLimiter(10, 3, () => now);

    expect([sut.take(), sut.take(), sut.take()]).toEqual([0, 0, 0]);
    expect(sut.take()).toBe(100);
  });

  it('refills at the configured rate', () => {
    let now = 0;
    const sut = new FrameRateLimiter(10, 1, () => now);
    sut.take();

    now = 50;
    expect(sut.take()).toBe(50);
    now = 100;
    expect(sut.take()).toBe(0);
  });

  it('never stores more than the burst', () => {
    let now = 0;
    const sut = new FrameRateLimiter(10, 2, () => now);
    now = 60_000;

    expect([sut.take(), sut.take()]).toEqual([0, 0]);
    expect(sut.take()).toBeGreaterThan(0);
  });
});
