/**
 * The message service's storage against the real Cassandra: sequence
 * numbers, idempotent sends and receipt positions, in a keyspace of its own.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { CassandraClient, connectWithRetry, createCassandraClient, runMigrations } from '@messenger/cassandra';
import { createLogger } from '@messenger/logging';
import { MessageConfig } from '../../../apps/message/src/config/message.config';
import { ConversationsRepository } from '../../../apps/message/src/conversations/conversations.repository';
import { MessageWriter, NewMessage } from '../../../apps/message/src/messages/message-writer';
import { MessagesRepository } from '../../../apps/message/src/messages/messages.repository';
import { ReceiptsRepository } from '../../../apps/message/src/receipts/receipts.repository';
import { CASSANDRA_CONTACT_POINTS } from '../support/servers';

const logger = createLogger('message-it', 'silent');
const keyspace = `message_it_${randomBytes(4).toString('hex')}`;
const config = { maxBatchSize: 32 } as MessageConfig;
let cassandra: CassandraClient;
let messages: MessagesRepository;
let receipts: ReceiptsRepository;
let conversations: ConversationsRepository;

beforeAll(async () => {
  cassandra = createCassandraClient(
    { contactPoints: CASSANDRA_CONTACT_POINTS, localDataCenter: 'datacenter1', keyspace },
    logger,
  );
  await connectWithRetry(cassandra, logger, 120_000);
  await runMigrations(
    cassandra,
    {
      keyspace,
      replication: "{'class': 'SimpleStrategy', 'replication_factor': 1}",
      dir: path.resolve(__dirname, '../../../deploy/cassandra/migrations'),
    },
    logger,
  );
  await cassandra.execute(`USE ${keyspace}`);
  messages = new MessagesRepository(cassandra);
  receipts = new ReceiptsRepository(cassandra);
  conversations = new ConversationsRepository(cassandra);
});

afterAll(async () => {
  await cassandra.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`);
  await cassandra.shutdown();
});

function newMessage(conversationId: string, senderId: string, clientMessageId: string): NewMessage {
  return { conversationId, senderId, senderDeviceId: 'laptop', clientMessageId, body: `body of ${clientMessageId}` };
}

describe('MessageWriter', () => {
  it('gives gap-free sequences across two writers', async () => {
    const conversationId = randomUUID();
    const sender = randomUUID();
    const writers = [new MessageWriter(messages, config, logger), new MessageWriter(messages, config, logger)];

    const results = await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        writers[index % 2].write(newMessage(conversationId, sender, `c-${index}`)),
      ),
    );

    const seqs = results.map((result) => result.message.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 40 }, (_, index) => index + 1));
    expect(await messages.findLastSeq(conversationId)).toBe(40);
    const stored = await messages.findAfter(conversationId, 0, 100);
    expect(stored).toHaveLength(40);
    expect(new Set(stored.map((message) => message.clientMessageId)).size).toBe(40);
  });

  it('stores a re-sent client message id once', async () => {
    const conversationId = randomUUID();
    const sender = randomUUID();
    const sut = new MessageWriter(messages, config, logger);

    const [first, concurrent] = await Promise.all([
      sut.write(newMessage(conversationId, sender, 'same')),
      sut.write(newMessage(conversationId, sender, 'same')),
    ]);
    const later = await new MessageWriter(messages, config, logger).write(newMessage(conversationId, sender, 'same'));

    expect(first.duplicate).toBe(false);
    expect(concurrent.duplicate).toBe(true);
    expect(later.duplicate).toBe(true);
    expect(concurrent.message.messageId).toBe(first.message.messageId);
    expect(later.message.messageId).toBe(first.message.messageId);
    expect(await messages.findAfter(conversationId, 0, 10)).toHaveLength(1);
  });

  it('keeps client message ids apart per sender', async () => {
    const conversationId = randomUUID();
    const sut = new MessageWriter(messages, config, logger);

    const a = await sut.write(newMessage(conversationId, randomUUID(), 'shared-id'));
    const b = await sut.write(newMessage(conversationId, randomUUID(), 'shared-id'));

    expect(b.duplicate).toBe(false);
    expect(b.message.seq).toBe(a.message.seq + 1);
  });

  it('completes a send that stopped after reserving its id', async () => {
    const conversationId = randomUUID();
    const sender = randomUUID();
    const reservedId = '5c4d3e20-d1a6-11ef-9cd2-0242ac120002';
    const oneMinuteAgoMicros = (Date.now() - 60_000) * 1000;
    await cassandra.execute(
      `INSERT INTO message_client_ids (conversation_id, sender_id, client_message_id, seq, message_id)
       VALUES (?, ?, ?, ?, ?) USING TIMESTAMP ?`,
      [conversationId, sender, 'crashed', 1, reservedId, oneMinuteAgoMicros],
      { prepare: true },
    );
    const sut = new MessageWriter(messages, config, logger);

    const retried = await sut.write(newMessage(conversationId, sender, 'crashed'));
    const again = await sut.write(newMessage(conversationId, sender, 'crashed'));

    expect(retried.duplicate).toBe(false);
    expect(retried.message.messageId).toBe(reservedId);
    expect(again.duplicate).toBe(true);
    expect(await messages.findAfter(conversationId, 0, 10)).toHaveLength(1);
  });

  it('rewrites a claim after a sequence conflict', async () => {
    const conversationId = randomUUID();
    const sender = randomUUID();
    const stale = new MessageWriter(messages, config, logger);
    const other = new MessageWriter(messages, config, logger);
    await stale.write(newMessage(conversationId, sender, 'first'));
    for (const id of ['second', 'third']) await other.write(newMessage(conversationId, sender, id));

    // The stale writer claims with seq 2, which the other writer already used.
    const late = await stale.write(newMessage(conversationId, sender, 'late'));
    const resent = await new MessageWriter(messages, config, logger).write(newMessage(conversationId, sender, 'late'));

    expect(late.message.seq).toBe(4);
    expect((await messages.findClientId(conversationId, sender, 'late'))?.seq).toBe(4);
    expect(resent).toMatchObject({ duplicate: true, message: { messageId: late.message.messageId, seq: 4 } });
    expect(await messages.findAfter(conversationId, 0, 10)).toHaveLength(4);
  });

  it('stores an id sent to two writers at once once', async () => {
    const conversationId = randomUUID();
    const sender = randomUUID();
    const writers = [new MessageWriter(messages, config, logger), new MessageWriter(messages, config, logger)];

    const results = await Promise.all(writers.map((writer) => writer.write(newMessage(conversationId, sender, 'racing'))));

    expect(results[0].message.messageId).toBe(results[1].message.messageId);
    expect(results.filter((result) => result.duplicate)).toHaveLength(1);
    expect(await messages.findAfter(conversationId, 0, 10)).toHaveLength(1);
  });

  it('waits out a claim that is still in progress', async () => {
    const conversationId = randomUUID();
    const sender = randomUUID();
    await messages.claimClientId(conversationId, sender, 'pending', '5c4d3e20-d1a6-11ef-9cd2-0242ac120003', 1);

    const outcome = await new MessageWriter(messages, config, logger)
      .write(newMessage(conversationId, sender, 'pending'))
      .catch((error: { code?: string }) => error.code);

    expect(outcome).toBe('UNAVAILABLE');
    expect(await messages.findAfter(conversationId, 0, 10)).toHaveLength(0);
  });

  it('pages history both ways', async () => {
    const conversationId = randomUUID();
    const sender = randomUUID();
    const sut = new MessageWriter(messages, config, logger);
    for (let index = 0; index < 12; index++) await sut.write(newMessage(conversationId, sender, `p-${index}`));

    const newest = await messages.findBefore(conversationId, 0, 5);
    const older = await messages.findBefore(conversationId, 8, 5);
    const forward = await messages.findAfter(conversationId, 10, 5);

    expect(newest.map((message) => message.seq)).toEqual([12, 11, 10, 9, 8]);
    expect(older.map((message) => message.seq)).toEqual([7, 6, 5, 4, 3]);
    expect(forward.map((message) => message.seq)).toEqual([11, 12]);
  });
});

describe('ReceiptsRepository', () => {
  it('never moves a member position backwards', async () => {
    const conversationId = randomUUID();
    const userId = randomUUID();
    await conversations.create({ conversationId, kind: 'direct', createdAt: Date.now() }, userId, [userId]);

    await receipts.advanceMember(conversationId, userId, 5, 0);
    await receipts.advanceMember(conversationId, userId, 3, 3);
    await receipts.advanceMember(conversationId, userId, 4, 2);

    const member = await conversations.findMember(conversationId, userId);
    expect(member?.deliveredSeq).toBe(5);
    expect(member?.readSeq).toBe(3);
  });

  it('keeps the highest device cursor', async () => {
    const userId = randomUUID();
    const conversationId = randomUUID();

    await receipts.advanceDevice(userId, 'phone', conversationId, 9);
    await receipts.advanceDevice(userId, 'phone', conversationId, 7);

    const cursors = await receipts.findDeviceCursors(userId, 'phone');
    expect(cursors.get(conversationId)).toBe(9);
  });

  it('advances cursor and member together', async () => {
    const conversationId = randomUUID();
    const userId = randomUUID();
    await conversations.create({ conversationId, kind: 'direct', createdAt: Date.now() }, userId, [userId]);

    await receipts.advance({ userId, deviceId: 'tablet', conversationId, seq: 6 }, { deliveredSeq: 6, readSeq: 4 });
    await receipts.advance({ userId, deviceId: 'tablet', conversationId, seq: 2 }, { deliveredSeq: 2, readSeq: 2 });

    expect((await receipts.findDeviceCursors(userId, 'tablet')).get(conversationId)).toBe(6);
    expect(await conversations.findMember(conversationId, userId)).toMatchObject({ deliveredSeq: 6, readSeq: 4 });
  });
});

describe('ConversationsRepository', () => {
  it('claims one direct conversation per pair', async () => {
    const [low, high] = [randomUUID(), randomUUID()].sort();

    const first = await conversations.claimDirect(low, high, randomUUID());
    const second = await conversations.claimDirect(low, high, randomUUID());

    expect(second).toBe(first);
  });
});
