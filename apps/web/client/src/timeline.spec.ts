import type { WireMessage } from '@messenger/protocol';
import type { OutboxItem } from '@messenger/sdk';
import { buildTimeline, highestSeq } from './timeline';

const ME = 'user-me';
const PEER = 'user-peer';
const CONVERSATION = 'c1';

function message(seq: number, senderId: string, clientMessageId = `m${seq}`): WireMessage {
  return {
    conversationId: CONVERSATION,
    messageId: `id-${seq}`,
    seq,
    senderId,
    senderDeviceId: 'device',
    clientMessageId,
    body: `body ${seq}`,
    createdAt: 1_000 + seq,
  };
}

function item(clientMessageId: string, fields: Partial<OutboxItem> = {}): OutboxItem {
  return {
    clientMessageId,
    conversationId: CONVERSATION,
    body: `outbox ${clientMessageId}`,
    state: 'pending',
    createdAt: 5_000,
    ...fields,
  };
}

describe('buildTimeline', () => {
  it('orders stored messages by seq and puts unsent ones last', () => {
    const sut = buildTimeline({
      messages: [message(3, PEER), message(1, PEER), message(2, ME)],
      outbox: [item('late', { createdAt: 6_000 }), item('early', { createdAt: 5_500, state: 'failed', reason: 'x' })],
      userId: ME,
    });

    expect(sut.map((entry) => entry.seq ?? entry.clientMessageId)).toEqual([1, 2, 3, 'early', 'late']);
    expect(sut.map((entry) => entry.own)).toEqual([false, true, false, true, true]);
    expect(sut[3].state).toBe('failed');
    expect(sut[3].reason).toBe('x');
  });

  it('merges an outbox item with the stored message of the same seq', () => {
    const sut = buildTimeline({
      messages: [message(1, ME, 'cm-1')],
      outbox: [item('cm-1', { seq: 1, state: 'delivered' })],
      userId: ME,
    });

    expect(sut).toHaveLength(1);
    expect(sut[0].key).toBe('c:cm-1');
    expect(sut[0].state).toBe('delivered');
  });

  it('merges a pending item that history already stored by its client id', () => {
    const sut = buildTimeline({ messages: [message(4, ME, 'cm-4')], outbox: [item('cm-4')], userId: ME });

    expect(sut).toHaveLength(1);
    expect(sut[0].seq).toBe(4);
    expect(sut[0].state).toBe('sent');
  });

  it('keeps the key of an own message when it gets its seq', () => {
    const pending = buildTimeline({ messages: [], outbox: [item('cm-9')], userId: ME });
    const sent = buildTimeline({ messages: [], outbox: [item('cm-9', { seq: 9, state: 'sent' })], userId: ME });

    expect(pending[0].key).toBe(sent[0].key);
    expect(sent[0].seq).toBe(9);
  });

  it('derives marks of own messages from the peer positions', () => {
    const sut = buildTimeline({
      messages: [message(1, ME), message(2, ME), message(3, ME)],
      outbox: [],
      userId: ME,
      peer: { deliveredSeq: 2, readSeq: 1 },
    });

    expect(sut.map((entry) => entry.state)).toEqual(['read', 'delivered', 'sent']);
  });

  it('keeps the later of outbox state and receipts', () => {
    const sut = buildTimeline({
      messages: [message(1, ME, 'cm-1')],
      outbox: [item('cm-1', { seq: 1, state: 'read' })],
      userId: ME,
      peer: { deliveredSeq: 0, readSeq: 0 },
    });

    expect(sut[0].state).toBe('read');
  });

  it('carries the metadata of stored attachments and the file ids of outbox ones', () => {
    const attachment = { fileId: 'f1', type: 'image/png', size: 10, width: 4, height: 3, thumbnails: [] };
    const sut = buildTimeline({
      messages: [{ ...message(1, PEER), attachments: [attachment] }, message(2, PEER)],
      outbox: [item('cm-x', { body: '', attachments: ['f2'] })],
      userId: ME,
    });

    expect(sut[0].attachments).toEqual([attachment]);
    expect(sut[1].attachments).toEqual([]);
    expect(sut[2].attachments).toEqual([{ fileId: 'f2' }]);
  });

  it('gives the peer messages no state', () => {
    const sut = buildTimeline({ messages: [message(1, PEER)], outbox: [], userId: ME, peer: { deliveredSeq: 1, readSeq: 1 } });

    expect(sut[0].state).toBeUndefined();
  });
});

describe('highestSeq', () => {
  it('ignores entries without a seq', () => {
    const sut = buildTimeline({ messages: [message(7, PEER)], outbox: [item('cm-x')], userId: ME });

    expect(highestSeq(sut)).toBe(7);
    expect(highestSeq([])).toBe(0);
  });
});
