import { TypingThrottle } from './typing-throttle';

describe('TypingThrottle', () => {
  it('forwards one start per interval', () => {
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

  it('forwards a stop only after a start', () => {
    const throttle = new TypingThrottle(2000);

    expect(throttle.admit('c1', false, 0)).toBe(false);
    expect(throttle.admit('c1', true, 10)).toBe(true);
    expect(throttle.admit('c1', false, 20)).toBe(true);
    expect(throttle.admit('c1', false, 30)).toBe(false);
  });

  it('holds alternating starts and stops to the interval', () => {
    const throttle = new TypingThrottle(2000);
    const forwarded = [];
    for (let now = 0; now < 4000; now += 25) forwarded.push(throttle.admit('c1', now % 50 === 0, now));

    // A start and a stop in each 2 s interval.
    expect(forwarded.filter(Boolean)).toHaveLength(4);
  });

  it('forgets a rejected conversation', () => {
    const throttle = new TypingThrottle(2000);
    throttle.admit('c1', true, 0);
    throttle.forget('c1');

    expect(throttle.admit('c1', true, 1)).toBe(true);
  });

  it('forgets the oldest conversation past its cap', () => {
    const throttle = new TypingThrottle(2000);
    for (let index = 0; index < 100; index++) throttle.admit(`c${index}`, true, 0);
    throttle.admit('c100', true, 0);

    // c0 was dropped, so its next start goes through within the interval.
    expect(throttle.admit('c0', true, 1)).toBe(true);
    expect(throttle.admit('c50', true, 1)).toBe(false);
  });
});
