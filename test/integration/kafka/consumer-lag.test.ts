/**
 * A consumer whose handler stops making progress must still report its lag,
 * so that the lag alert fires for a stuck consumer, not only a slow one.
 */
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import pino from 'pino';
import { EventConsumer, Topic } from '@messenger/kafka';
import { serviceMetrics } from '@messenger/observability';
import { KAFKA_BROKERS } from '../support/servers';

const kafka = new Kafka({ clientId: 'lag-it', brokers: KAFKA_BROKERS, logLevel: logLevel.NOTHING });
const topic = `lag-it-${randomBytes(4).toString('hex')}`;
const EVENTS = 20;

async function lagOf(partition: number): Promise<number | undefined> {
  const metric = await serviceMetrics().registry.getSingleMetric('messenger_test_kafka_consumer_lag_messages')?.get();

  return metric?.values.find((value) => value.labels.topic === topic && value.labels.partition === String(partition))?.value;
}

describe('EventConsumer lag', () => {
  const admin = kafka.admin();
  let consumer: EventConsumer<Topic>;
  let release: () => void = () => undefined;

  beforeAll(async () => {
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
  });

  afterAll(async () => {
    // kafkajs waits for the handler in flight before it disconnects.
    release();
    await consumer?.stop();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('reports the lag of a stuck handler', async () => {
    // The topic is not one of the platform's, so the type is widened for the test.
    consumer = new EventConsumer(kafka, topic as Topic, `${topic}-group`, pino({ level: 'silent' }), true, 200);
    let started!: () => void;
    const handlerStarted = new Promise<void>((resolve) => (started = resolve));
    const stuck = new Promise<void>((resolve) => (release = resolve));
    await consumer.start(() => {
      started();

      return stuck;
    });

    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: Array.from({ length: EVENTS }, (_, index) => ({ value: JSON.stringify({ index }) })) });
    await producer.disconnect();
    await handlerStarted;

    const deadline = Date.now() + 15_000;
    let lag = await lagOf(0);
    while ((lag === undefined || lag < EVENTS) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      lag = await lagOf(0);
    }

    // Nothing was committed: every event is still ahead of the group.
    expect(lag).toBe(EVENTS);
  }, 30_000);
});
