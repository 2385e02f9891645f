import type { WebSocket } from 'ws';
import type { ServerFrame, WireMessage } from '@messenger/protocol';
import type { StreamSink } from '../delivery/conversation-stream';
import { Connection } from './connection';

class FakeSocket {
  readonly OPEN = 1;
  readonly CLOSING = 2;
  readonly CLOSED = 3;
  readyState = 1;
  bufferedAmount = 0;
  sent: ServerFrame[] = [];
  closedWith: number | undefined;

  send(data: string): void {
    this.sent.push(JSON.parse(data) as ServerFrame);
  }

  close(code: number): void {
    this.closedWith = code;
    this.readyState = this.CLOSING;
  }
}

function message(seq: number): WireMessage {
  return {
    conversationId: 'c1',
    messageId: `m${seq}`,
    seq,
    senderId: 'peer',
    senderDeviceId: 'peer-phone',
    clientMessageId: `k${seq}`,
    body: 'x',
    createdAt: 0,
  };
}

function connectionWith(socket: FakeSocket): Connection {
  const sink = (connection: Connection): StreamSink => ({
    send: (m) => connection.send({ type: 'message', ...m }),
    gap: () => undefined,
    fetchAfter: async () => ({ messages: [], lastSeq: 0 }),
    failed: () => undefined,
  });
  const claims = { userId: 'u1', username: 'alice', sessionId: 's1', expiresAt: Date.now() + 60_000 };

  return new Connection(socket as unknown as WebSocket, { connectionId: 'x', deviceId: 'laptop', claims }, sink, () => undefined);
}

function welcome(connection: Connection): void {
  connection.send({
    type: 'welcome',
    protocolVersion: 1,
    connectionId: 'x',
    userId: 'u1',
    deviceId: 'laptop',
    heartbeatIntervalMs: 1,
    maxFrameBytes: 1,
    tokenExpiresAt: 1,
  });
}

describe('Connection', () => {
  it('sends nothing before the welcome', () => {
    const socket = new FakeSocket();
    const sut = connectionWith(socket);

    sut.send({ type: 'heartbeat_ack' });
    expect(socket.sent).toHaveLength(0);
    welcome(sut);

    expect(socket.sent.map((frame) => frame.type)).toEqual(['welcome', 'heartbeat_ack']);
  });

  it('never sends a receipt that moves backwards', () => {
    const socket = new FakeSocket();
    const sut = connectionWith(socket);
    welcome(sut);
    const receipt = { conversationId: 'c1', userId: 'u2' };

    sut.deliverReceipt({ ...receipt, deliveredSeq: 5, readSeq: 3 });
    sut.deliverReceipt({ ...receipt, deliveredSeq: 4, readSeq: 2 });
    sut.deliverReceipt({ ...receipt, deliveredSeq: 5, readSeq: 4 });

    const sent = socket.sent.filter((frame) => frame.type === 'receipt');
    expect(sent).toHaveLength(2);
    expect(sent[1]).toMatchObject({ deliveredSeq: 5, readSeq: 4 });
  });

  it('holds live messages until delivery starts', async () => {
    const socket = new FakeSocket();
    const sut = connectionWith(socket);
    welcome(sut);
    socket.sent = [];

    sut.deliverMessage(message(3));
    expect(socket.sent).toHaveLength(0);
    await sut.startDelivery([{ conversationId: 'c1', lastSeq: 2, ackedSeq: 2 }]);

    expect(socket.sent.map((frame) => (frame.type === 'message' ? frame.seq : -1))).toEqual([3]);
  });

  it('closes a client that stops reading', () => {
    const socket = new FakeSocket();
    const sut = connectionWith(socket);
    welcome(sut);
    socket.sent = [];
    socket.bufferedAmount = 9 * 1024 * 1024;

    sut.send({ type: 'heartbeat_ack' });

    expect(socket.sent).toHaveLength(0);
    expect(socket.closedWith).toBe(4005);
  });
});
