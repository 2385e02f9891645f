import type { WireConversation } from '@messenger/protocol';
import { ConversationCache } from './conversations';

const ME = 'me';
const PEER = 'peer';

function conversation(lastSeq: number, myReadSeq: number): WireConversation {
  return {
    conversationId: 'c1',
    kind: 'direct',
    members: [
      { userId: ME, username: 'me', deliveredSeq: myReadSeq, readSeq: myReadSeq },
      { userId: PEER, username: 'peer', deliveredSeq: lastSeq, readSeq: lastSeq },
    ],
    lastSeq,
    createdAt: 0,
    lastActivityAt: 0,
    unreadCount: lastSeq - myReadSeq,
  };
}

function message(seq: number, senderId = PEER) {
  return {
    conversationId: 'c1',
    messageId: `m${seq}`,
    seq,
    senderId,
    senderDeviceId: 'd',
    clientMessageId: `k${seq}`,
    body: 'hi',
    createdAt: seq,
  };
}

describe('ConversationCache', () => {
  let cache: ConversationCache;

  beforeEach(() => {
    cache = new ConversationCache(
      () => ME,
      () => undefined,
    );
  });

  it('counts unread messages from the peer and clears them on a read', () => {
    cache.put([conversation(2, 2)], 2);
    cache.message(message(3));
    cache.message(message(4));
    expect(cache.get('c1')?.unreadCount).toBe(2);
    expect(cache.totalUnread).toBe(4);

    cache.receipt('c1', ME, 4, 4);
    expect(cache.get('c1')?.unreadCount).toBe(0);
    expect(cache.totalUnread).toBe(2);
  });

  it('does not count the user own messages', () => {
    cache.put([conversation(2, 1)], 1);
    cache.message(message(3, ME));

    expect(cache.get('c1')?.unreadCount).toBe(0);
    expect(cache.totalUnread).toBe(0);
  });

  it('keeps positions that a late reply does not know about yet', () => {
    cache.put([conversation(2, 2)], 0);
    cache.message(message(3));
    cache.receipt('c1', ME, 3, 3);
    // A list computed before message 3 and the read arrives afterwards.
    cache.put([conversation(2, 2)], 5);

    expect(cache.get('c1')).toMatchObject({ lastSeq: 3, unreadCount: 0 });
    expect(cache.get('c1')?.lastMessage?.seq).toBe(3);
    expect(cache.totalUnread).toBe(5);
  });

  it('takes an own message whose receipt came first as the last message', () => {
    cache.put([conversation(2, 2)], 0);
    cache.message(message(2));
    cache.receipt('c1', ME, 3, 3);
    cache.message(message(3, ME));

    expect(cache.get('c1')?.lastMessage?.seq).toBe(3);
    expect(cache.get('c1')?.unreadCount).toBe(0);
  });
});
