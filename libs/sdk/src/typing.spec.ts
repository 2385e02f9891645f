import { IncomingTyping, OutgoingTyping, TYPING_IDLE_MS, TYPING_REFRESH_MS } from './typing';

describe('typing', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('paces starts and sends one stop', () => {
    const frames: boolean[] = [];
    const typing = new OutgoingTyping((_conversationId, active) => frames.push(active));
    for (let elapsed = 0; elapsed < 5_000; elapsed += 100) {
      typing.set('c1', true);
      jest.advanceTimersByTime(100);
    }
    expect(frames).toEqual([true, true, true]);
    expect(frames.length).toBe(Math.ceil(5_000 / TYPING_REFRESH_MS));

    jest.advanceTimersByTime(TYPING_IDLE_MS);
    expect(frames).toEqual([true, true, true, false]);
  });

  it('sends no stop for a conversation it never started', () => {
    const frames: boolean[] = [];
    new OutgoingTyping((_conversationId, active) => frames.push(active)).set('c1', false);

    expect(frames).toEqual([]);
  });

  it('ends a received active state after its ttl unless a newer frame arrives', () => {
    const changes: boolean[] = [];
    const typing = new IncomingTyping((change) => changes.push(change.active));
    typing.receive('c1', 'u1', true, 6_000);
    jest.advanceTimersByTime(5_000);
    typing.receive('c1', 'u1', true, 6_000);
    jest.advanceTimersByTime(5_000);
    expect(typing.isTyping('c1', 'u1')).toBe(true);
    expect(changes).toEqual([true]);

    jest.advanceTimersByTime(1_000);
    expect(typing.isTyping('c1', 'u1')).toBe(false);
    expect(changes).toEqual([true, false]);
  });
});
