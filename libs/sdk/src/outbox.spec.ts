import type { ServerFrame } from '@messenger/protocol';
import { RequestError } from './errors';
import { Outbox, type OutboxItem, type OutboxTransport } from './outbox';
import { MemoryStore } from './store';

type SentFrame = Extract<ServerFrame, { type: 'sent' }>;

/** A transport whose replies the test decides, one call at a time. */
class ScriptedTransport implements OutboxTransport {
  online = true;
  readonly calls: OutboxItem[] = [];
  private readonly replies: Array<(item: OutboxItem) => Promise<SentFrame>> = [];
  private seq = 0;

  reply(next: (item: OutboxItem) => Promise<SentFrame>): void {
    this.replies.push(next);
  }

  stored(item: OutboxItem): Promise<SentFrame> {
    this.seq += 1;

    return Promise.resolve({
      type: 'sent',
      conversationId: item.conversationId,
      clientMessageId: item.clientMessageId,
      messageId: `m${this.seq}`,
      seq: this.seq,
      createdAt: 1,
      duplicate: false,
    });
  }

  send(item: OutboxItem): Promise<SentFrame> {
    this.calls.push({ ...item });
    const next = this.replies.shift();

    return next ? next(item) : this.stored(item);
  }

  isOnline(): boolean {
    return this.online;
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function item(clientMessageId: string, conversationId = 'c1'): OutboxItem {
  return { clientMessageId, conversationId, body: clientMessageId, state: 'pending', createdAt: 0 };
}

describe('Outbox', () => {
  let transport: ScriptedTransport;
  let store: MemoryStore;
  let changes: OutboxItem[];
  let outbox: Outbox;

  beforeEach(() => {
    transport = new ScriptedTransport();
    store = new MemoryStore();
    changes = [];
    outbox = new Outbox(store, transport, (change) => changes.push(change));
  });

  it('sends one message of a conversation at a time, in the order typed', async () => {
    let release!: () => void;
    transport.reply((sent) => new Promise((resolve) => (release = () => resolve(transport.stored(sent)))));
    outbox.add(item('a'));
    outbox.add(item('b'));
    await settle();
    expect(transport.calls.map((call) => call.clientMessageId)).toEqual(['a']);

    release();
    await settle();
    await settle();
    expect(transport.calls.map((call) => call.clientMessageId)).toEqual(['a', 'b']);
    expect(outbox.list().map((entry) => [entry.clientMessageId, entry.state, entry.seq])).toEqual([
      ['a', 'sent', 1],
      ['b', 'sent', 2],
    ]);
  });

  it('holds items while offline', async () => {
    transport.online = false;
    outbox.add(item('a'));
    await settle();
    expect(transport.calls).toEqual([]);

    transport.online = true;
    outbox.flushAll();
    await settle();
    expect(transport.calls.map((call) => call.clientMessageId)).toEqual(['a']);
  });

  it('repeats an item after a lost connection', async () => {
    transport.reply(() => {
      transport.online = false;

      return Promise.reject(new RequestError('NOT_CONNECTED', 'closed'));
    });
    outbox.add(item('a'));
    await settle();
    expect(outbox.list()[0].state).toBe('pending');

    transport.online = true;
    outbox.flushAll();
    await settle();
    expect(transport.calls.map((call) => call.clientMessageId)).toEqual(['a', 'a']);
    expect(outbox.list()[0].state).toBe('sent');
  });

  it('fails an item on a permanent error and moves on to the next', async () => {
    transport.reply(() => Promise.reject(new RequestError('NOT_A_MEMBER', 'not a member of this conversation')));
    outbox.add(item('a'));
    outbox.add(item('b'));
    await settle();
    await settle();

    expect(outbox.list().map((entry) => [entry.state, entry.reason])).toEqual([
      ['failed', 'NOT_A_MEMBER: not a member of this conversation'],
      ['sent', undefined],
    ]);
  });

  it('waits before repeating a send', async () => {
    jest.useFakeTimers();
    try {
      transport.reply(() => Promise.reject(new RequestError('UNAVAILABLE', 'busy', 800)));
      transport.reply(() => Promise.reject(new RequestError('INTERNAL', 'failed')));
      outbox.add(item('a'));
      await jest.advanceTimersByTimeAsync(799);
      expect(transport.calls).toHaveLength(1);
      await jest.advanceTimersByTimeAsync(1);
      expect(transport.calls).toHaveLength(2);

      // The second failure in a row doubles the first wait of 500 ms.
      await jest.advanceTimersByTimeAsync(999);
      expect(transport.calls).toHaveLength(2);
      await jest.advanceTimersByTimeAsync(1);
      expect(transport.calls).toHaveLength(3);
      expect(outbox.list()[0].state).toBe('sent');
    } finally {
      jest.useRealTimers();
    }
  });

  it('moves items with receipts, never backwards, and forgets them once read', async () => {
    outbox.add(item('a'));
    outbox.add(item('b'));
    await settle();
    await settle();

    outbox.receipt('c1', 2, 1);
    outbox.receipt('c1', 1, 0);
    expect(outbox.list().map((entry) => entry.state)).toEqual(['delivered']);
    expect(changes.filter((change) => change.clientMessageId === 'a').map((change) => change.state)).toEqual([
      'pending',
      'sent',
      'read',
    ]);
  });

  it('resumes from the store after a restart', async () => {
    transport.online = false;
    outbox.add(item('a'));
    const restarted = new Outbox(store, transport, () => undefined);
    transport.online = true;
    restarted.flushAll();
    await settle();

    expect(restarted.list().map((entry) => [entry.clientMessageId, entry.state])).toEqual([['a', 'sent']]);
  });
});
