import { TypingThrottle } from './typing-throttle';

describe('TypingThrottle', () => {
  it('forwards one active frame per interval', () => {
    const throttle = new TypingThrottle(2000);

    expect(throttle.admit('c1', true, 0)).toBe(true);
    expect(throttle.admit('c1', true, 1999)).toBe(false);
    expect(throttle.admit('c1', true, 2000)).toBe(true);
  });

  it('keeps conversations apart', () => {
    const throttle = new TypingThrottle(2000);

    expect(throttle.admit('c1', true, 0)).toBe(true);
    expect(throttle.admit('c2', true, 10)).toBe(true);
  });

  it('always forwards a stop and then the next start', () => {
    const throttle = new TypingThrottle(2000);

    expect(throttle.admit('c1', true, 0)).toBe(true);
    expect(throttle.admit('c1', false, 100)).toBe(true);
    expect(throttle.admit('c1', true, 200)).toBe(true);
  });

  it('forgets the oldest conversation past its cap', () => {
    const throttle = new TypingThrottle(2000);
    for (let index = 0; index < 100; index++) throttle.admit(`c${index}`, true, 0);
    throttle.admit('c100', true, 0);

    // c0 was dropped, so its next frame goes through within the interval.
    expect(throttle.admit('c0', true, 1)).toBe(true);
    expect(throttle.admit('c50', true, 1)).toBe(false);
  });
});
