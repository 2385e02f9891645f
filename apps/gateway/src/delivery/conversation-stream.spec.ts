import { AppError, ErrorCode, WireMessage } from '@messenger/protocol';
import { ConversationStream, DeliverySource, StreamSink } from './conversation-stream';

const me = { userId: 'me-user', deviceId: 'me' };

function message(seq: number, senderDeviceId = 'other', senderId = 'u'): WireMessage {
  return {
    conversationId: 'c',
    messageId: `m${seq}`,
    seq,
    senderId,
    senderDeviceId,
    clientMessageId: `k${seq}`,
    body: `body ${seq}`,
    createdAt: seq,
  };
}

class RecordingSink implements StreamSink {
  sent: number[] = [];
  sources: DeliverySource[] = [];
  gaps: [number, number][] = [];
  failures = 0;

  constructor(private readonly stored: Map<number, WireMessage>) {}

  send(m: WireMessage, source: DeliverySource): void {
    this.sent.push(m.seq);
    this.sources.push(source);
  }

  gap(fromSeq: number, toSeq: number): void {
    this.gaps.push([fromSeq, toSeq]);
  }

  async fetchAfter(afterSeq: number, limit: number) {
    const seqs = [...this.stored.keys()].filter((seq) => seq > afterSeq).sort((a, b) => a - b).slice(0, limit);

    return { messages: seqs.map((seq) => this.stored.get(seq)!), lastSeq: Math.max(0, ...this.stored.keys()) };
  }

  failed(): void {
    this.failures++;
  }
}

function storedRange(from: number, to: number): Map<number, WireMessage> {
  const stored = new Map<number, WireMessage>();
  for (let seq = from; seq <= to; seq++) stored.set(seq, message(seq));

  return stored;
}

describe('ConversationStream', () => {
  it('delivers in-order live messages at once', () => {
    const sink = new RecordingSink(new Map());
    const sut = new ConversationStream(0, me, sink);
    sut.offer(message(1));
    sut.offer(message(2));

    expect(sink.sent).toEqual([1, 2]);
  });

  it('labels live and stored deliveries', async () => {
    const sink = new RecordingSink(storedRange(1, 2));
    const sut = new ConversationStream(0, me, sink);
    await sut.catchUp(2);
    sut.offer(message(3));

    expect(sink.sent).toEqual([1, 2, 3]);
    expect(sink.sources).toEqual(['storage', 'storage', 'live']);
  });

  it('drops a message it already delivered', () => {
    const sink = new RecordingSink(new Map());
    const sut = new ConversationStream(0, me, sink);
    sut.offer(message(1));
    sut.offer(message(1));

    expect(sink.sent).toEqual([1]);
  });

  it('fills a gap from storage before a held message', async () => {
    const sink = new RecordingSink(storedRange(1, 5));
    const sut = new ConversationStream(1, me, sink);
    sut.offer(message(5));
    await sut.catchUp(5);

    expect(sink.sent).toEqual([2, 3, 4, 5]);
    expect(sink.gaps).toEqual([]);
  });

  it('reports a range that storage lacks', async () => {
    const stored = storedRange(1, 2);
    stored.set(5, message(5));
    const sink = new RecordingSink(stored);
    const sut = new ConversationStream(0, me, sink);
    await sut.catchUp(5);

    expect(sink.sent).toEqual([1, 2, 5]);
    expect(sink.gaps).toEqual([[3, 4]]);
  });

  it('catches up from the acknowledged position', async () => {
    const sink = new RecordingSink(storedRange(1, 450));
    const sut = new ConversationStream(3, me, sink);
    await sut.catchUp(450);

    expect(sink.sent).toHaveLength(447);
    expect(sink.sent[0]).toBe(4);
    expect(sink.sent[446]).toBe(450);
  });

  it('skips live messages of its own device but advances', () => {
    const sink = new RecordingSink(new Map());
    const sut = new ConversationStream(0, me, sink);
    sut.offer(message(1, 'me', 'me-user'));
    sut.offer(message(2));

    expect(sink.sent).toEqual([2]);
    expect(sut.deliveredSeq).toBe(2);
  });

  it('delivers a same-named device of another user', () => {
    const sink = new RecordingSink(new Map());
    const sut = new ConversationStream(0, me, sink);
    sut.offer(message(1, 'me', 'someone-else'));

    expect(sink.sent).toEqual([1]);
  });

  it('restarts after an earlier position on request', async () => {
    const sink = new RecordingSink(storedRange(1, 3));
    const sut = new ConversationStream(3, me, sink);
    await sut.restartAfter(1);

    expect(sink.sent).toEqual([2, 3]);
  });

  it('reports a fetch that keeps failing', async () => {
    const sink = new RecordingSink(new Map());
    sink.fetchAfter = () => Promise.reject(new Error('down'));
    const sut = new ConversationStream(0, me, sink);
    await sut.catchUp(2);

    expect(sink.failures).toBe(1);
    expect(sink.sent).toEqual([]);
  });
});

describe('ConversationStream retries', () => {
  it('does not retry a rejected fetch', async () => {
    const sink = new RecordingSink(new Map());
    let calls = 0;
    sink.fetchAfter = () => {
      calls++;

      return Promise.reject(new AppError(ErrorCode.NOT_A_MEMBER, 'not a member'));
    };
    const sut = new ConversationStream(0, me, sink);
    await sut.catchUp(2);

    expect(calls).toBe(1);
    expect(sink.failures).toBe(1);
  });
});
