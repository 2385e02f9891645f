import { TrialRecorder } from './trial-recorder';

describe('TrialRecorder', () => {
  function issueThree(recorder: TrialRecorder): string[] {
    return [0, 1, 2].map((i) => recorder.issue(0, performance.now(), performance.now(), 'conversation', 'receiver').messageId);
  }

  it('counts deliveries, duplicates and undelivered messages', () => {
    const sut = new TrialRecorder(1);
    sut.start('t1');
    const [first, second] = issueThree(sut);

    sut.recordDelivery(0, first);
    sut.recordDelivery(0, second);
    sut.recordDelivery(0, second);
    const stats = sut.finish(10);

    expect(stats.sent).toBe(3);
    expect(stats.delivered).toBe(2);
    expect(stats.duplicates).toBe(1);
    expect(stats.undelivered).toBe(1);
    expect(stats.latency.missing).toBe(1);
  });

  it('counts messages of an earlier trial as stale', () => {
    const sut = new TrialRecorder(1);
    sut.start('t1');
    const [old] = issueThree(sut);
    sut.finish(10);
    sut.start('t2');

    sut.recordDelivery(0, old);
    const stats = sut.finish(10);

    expect(stats.stale).toBe(1);
    expect(stats.delivered).toBe(0);
  });

  it('counts a message for another pair as stale', () => {
    const sut = new TrialRecorder(2);
    sut.start('t1');
    const [message] = issueThree(sut);

    sut.recordDelivery(1, message);

    expect(sut.finish(10).stale).toBe(1);
  });
});
