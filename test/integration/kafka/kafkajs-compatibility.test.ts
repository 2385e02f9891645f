/**
 * kafkajs 2.2.4 is no longer maintained and predates Kafka 4, which removed
 * old protocol versions. These tests check, against the broker that
 * deploy/local/up.sh runs, every client feature the platform uses.
 */
import { randomBytes } from 'node:crypto';
import { Kafka, Partitioners, logLevel } from 'kafkajs';
import { KAFKA_BROKERS } from '../support/servers';

const kafka = new Kafka({ clientId: 'compat-it', brokers: KAFKA_BROKERS, logLevel: logLevel.NOTHING });
const topic = `compat-it-${randomBytes(4).toString('hex')}`;

afterAll(async () => {
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin.disconnect();
});

describe('kafkajs against the local Kafka 4 broker', () => {
  it('creates and lists a topic', async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 1 }], waitForLeaders: true });
    const cluster = await admin.describeCluster();
    const topics = await admin.listTopics();
    await admin.disconnect();

    expect(cluster.brokers).toHaveLength(1);
    expect(topics).toContain(topic);
  });

  it('round-trips keyed events with headers through a group', async () => {
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const sent = Array.from({ length: 10 }, (_, index) => ({
      key: `key-${index % 3}`,
      value: JSON.stringify({ index }),
      headers: { 'x-correlation-id': `c-${index}` },
    }));
    await producer.send({ topic, messages: sent });
    await producer.disconnect();

    const consumer = kafka.consumer({ groupId: `${topic}-group`, maxWaitTimeInMs: 200 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const received: { key: string; index: number; correlationId: string }[] = [];
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`received ${received.length} of 10 events`)), 30_000);
      void consumer.run({
        eachMessage: async ({ message }) => {
          received.push({
            key: message.key!.toString(),
            index: (JSON.parse(message.value!.toString()) as { index: number }).index,
            correlationId: message.headers!['x-correlation-id']!.toString(),
          });
          if (received.length === 10) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
    await consumer.disconnect();

    expect(received.map((event) => event.index).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(received.find((event) => event.index === 4)?.correlationId).toBe('c-4');
    for (const key of ['key-0', 'key-1', 'key-2']) {
      const order = received.filter((event) => event.key === key).map((event) => event.index);
      expect(order).toEqual([...order].sort((a, b) => a - b));
    }
  });

  it('commits offsets so a restarted group resumes', async () => {
    const admin = kafka.admin();
    await admin.connect();
    const offsets = await admin.fetchOffsets({ groupId: `${topic}-group`, topics: [topic] });
    await admin.disconnect();

    const committed = offsets[0].partitions.reduce((sum, partition) => sum + Number(partition.offset), 0);
    expect(committed).toBe(10);
  });
});
