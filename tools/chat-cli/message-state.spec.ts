import { OutgoingMessages, SeenMessages, ownMessageState } from './message-state';

describe('ownMessageState', () => {
  const cases: [number | undefined, number, number, string][] = [
    [undefined, 0, 0, 'sending'],
    [undefined, 9, 9, 'sending'],
    [3, 0, 0, 'sent'],
    [3, 2, 0, 'sent'],
    [3, 3, 0, 'delivered'],
    [3, 5, 2, 'delivered'],
    [3, 3, 3, 'read'],
    [3, 0, 4, 'read'],
  ];

  it.each(cases)('seq %p with delivered %p and read %p is %s', (seq, deliveredSeq, readSeq, expected) => {
    expect(ownMessageState(seq, { deliveredSeq, readSeq })).toBe(expected);
  });
});

describe('OutgoingMessages', () => {
  it('starts a message as sending and lists it as pending', () => {
    const sut = new OutgoingMessages();
    const message = sut.add('c1', 'k1', 'hi');

    expect(message.state).toBe('sending');
    expect(sut.pending()).toEqual([message]);
  });

  it('moves to sent on the sent reply', () => {
    const sut = new OutgoingMessages();
    sut.add('c1', 'k1', 'hi');

    const changed = sut.markSent('k1', 4);

    expect(changed?.state).toBe('sent');
    expect(changed?.seq).toBe(4);
    expect(sut.pending()).toEqual([]);
  });

  it('ignores a second sent reply for the same message', () => {
    const sut = new OutgoingMessages();
    sut.add('c1', 'k1', 'hi');
    sut.markSent('k1', 4);

    expect(sut.markSent('k1', 4)).toBeUndefined();
  });

  it('ignores a sent reply for an unknown message', () => {
    const sut = new OutgoingMessages();

    expect(sut.markSent('other', 1)).toBeUndefined();
  });

  it('advances through delivered to read on receipts', () => {
    const sut = new OutgoingMessages();
    sut.add('c1', 'k1', 'hi');
    sut.markSent('k1', 2);

    const delivered = sut.applyPeerReceipt('c1', { deliveredSeq: 2, readSeq: 0 });
    const read = sut.applyPeerReceipt('c1', { deliveredSeq: 2, readSeq: 2 });

    expect(delivered.map((m) => m.state)).toEqual(['delivered']);
    expect(read.map((m) => m.state)).toEqual(['read']);
  });

  it('reports every message that one receipt covers', () => {
    const sut = new OutgoingMessages();
    sut.add('c1', 'k1', 'one');
    sut.add('c1', 'k2', 'two');
    sut.add('c1', 'k3', 'three');
    sut.markSent('k1', 1);
    sut.markSent('k2', 2);
    sut.markSent('k3', 3);

    const changed = sut.applyPeerReceipt('c1', { deliveredSeq: 2, readSeq: 0 });

    expect(changed.map((m) => m.body)).toEqual(['one', 'two']);
  });

  it('reports no change for a receipt that repeats known positions', () => {
    const sut = new OutgoingMessages();
    sut.add('c1', 'k1', 'hi');
    sut.markSent('k1', 1);
    sut.applyPeerReceipt('c1', { deliveredSeq: 1, readSeq: 0 });

    expect(sut.applyPeerReceipt('c1', { deliveredSeq: 1, readSeq: 0 })).toEqual([]);
  });

  it('never moves a state backwards on an older receipt', () => {
    const sut = new OutgoingMessages();
    const message = sut.add('c1', 'k1', 'hi');
    sut.markSent('k1', 1);
    sut.applyPeerReceipt('c1', { deliveredSeq: 1, readSeq: 0 });

    sut.applyPeerReceipt('c1', { deliveredSeq: 0, readSeq: 0 });

    expect(message.state).toBe('delivered');
    expect(sut.peer('c1')).toEqual({ deliveredSeq: 1, readSeq: 0 });
  });

  it('treats read as delivered when only readSeq is given', () => {
    const sut = new OutgoingMessages();
    sut.applyPeerReceipt('c1', { deliveredSeq: 0, readSeq: 5 });

    expect(sut.peer('c1')).toEqual({ deliveredSeq: 5, readSeq: 5 });
  });

  it('skips sent when the receipt arrived before the reply', () => {
    const sut = new OutgoingMessages();
    sut.add('c1', 'k1', 'hi');
    sut.applyPeerReceipt('c1', { deliveredSeq: 7, readSeq: 0 });

    expect(sut.markSent('k1', 7)?.state).toBe('delivered');
  });

  it('keeps conversations apart', () => {
    const sut = new OutgoingMessages();
    sut.add('c1', 'k1', 'hi');
    sut.markSent('k1', 1);

    expect(sut.applyPeerReceipt('c2', { deliveredSeq: 1, readSeq: 1 })).toEqual([]);
  });

  it('marks a rejected message failed and stops resending it', () => {
    const sut = new OutgoingMessages();
    sut.add('c1', 'k1', 'hi');

    expect(sut.markFailed('k1')?.state).toBe('failed');
    expect(sut.pending()).toEqual([]);
    expect(sut.markFailed('k1')).toBeUndefined();
  });

  it('does not fail a message that was already sent', () => {
    const sut = new OutgoingMessages();
    sut.add('c1', 'k1', 'hi');
    sut.markSent('k1', 1);

    expect(sut.markFailed('k1')).toBeUndefined();
  });
});

describe('SeenMessages', () => {
  it('accepts a message once per conversation and seq', () => {
    const sut = new SeenMessages();

    expect(sut.add('c1', 1)).toBe(true);
    expect(sut.add('c1', 1)).toBe(false);
    expect(sut.add('c1', 2)).toBe(true);
    expect(sut.add('c2', 1)).toBe(true);
  });

  it('drops messages resent after a reconnect', () => {
    const sut = new SeenMessages();
    for (const seq of [1, 2, 3]) sut.add('c1', seq);

    const resent = [2, 3, 4].filter((seq) => sut.add('c1', seq));

    expect(resent).toEqual([4]);
  });

  it('counts seqs below the floor as seen past the limit', () => {
    const sut = new SeenMessages(3);
    for (const seq of [10, 11, 12, 13]) sut.add('c1', seq);

    expect(sut.has('c1', 10)).toBe(true);
    expect(sut.has('c1', 5)).toBe(true);
    expect(sut.has('c1', 13)).toBe(true);
    expect(sut.has('c1', 14)).toBe(false);
  });
});
