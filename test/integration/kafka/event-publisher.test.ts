/**
 * The publisher sends the events queued behind a produce request together in
 * the next one. Each event must still arrive once, in order per key, and a
 * send that the broker rejects must fail every event it carried.
 */
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import pino from 'pino';
import { EventPublisher, Topic } from '@messenger/kafka';
import { serviceMetrics } from '@messenger/observability';
import { KAFKA_BROKERS } from '../support/servers';

const kafka = new Kafka({ clientId: 'publisher-it', brokers: KAFKA_BROKERS, logLevel: logLevel.NOTHING });
const topic = `publisher-it-${randomBytes(4).toString('hex')}` as Topic;
const KEYS = 10;
const EVENTS_PER_KEY = 60;

async function produceRequests(): Promise<number> {
  const metric = await serviceMetrics().registry.getSingleMetric('messenger_test_kafka_events_per_request')?.get();

  const count = metric?.values.find((value) => (value as { metricName?: string }).metricName?.endsWith('_count'));

  return count?.value ?? 0;
}

describe('EventPublisher', () => {
  const admin = kafka.admin();
  const publisher = new EventPublisher(kafka, pino({ level: 'silent' }));

  beforeAll(async () => {
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 1 }], waitForLeaders: true });
    await publisher.connect();
  });

  afterAll(async () => {
    await publisher.disconnect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('batches queued events in key order', async () => {
    const requestsBefore = await produceRequests();
    const sends: Promise<void>[] = [];
    for (let index = 0; index < EVENTS_PER_KEY; index++) {
      for (let key = 0; key < KEYS; key++) {
        // The topic is not one of the platform's, so the event type is widened for the test.
        sends.push(publisher.publish(topic, `key-${key}`, { index } as never));
      }
    }
    await Promise.all(sends);
    const requests = (await produceRequests()) - requestsBefore;

    const received = new Map<string, number[]>();
    const consumer = kafka.consumer({ groupId: `${topic}-reader` });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const total = KEYS * EVENTS_PER_KEY;
    let count = 0;
    const all = new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message }) => {
          const key = message.key!.toString();
          received.set(key, [...(received.get(key) ?? []), JSON.parse(message.value!.toString()).index]);
          if (++count === total) resolve();
        },
      });
    });
    await all;
    await consumer.disconnect();

    expect(requests).toBeGreaterThan(0);
    expect(requests).toBeLessThan(total / 10);
    for (let key = 0; key < KEYS; key++) {
      expect(received.get(`key-${key}`)).toEqual(Array.from({ length: EVENTS_PER_KEY }, (_, index) => index));
    }
  }, 60_000);

  it('sends an event published on completion', async () => {
    const timedOut = new Promise<string>((resolve) => setTimeout(() => resolve('still queued'), 10_000));

    const second = await publisher
      .publish(topic, 'chain', { index: 1 } as never)
      .then(() => Promise.race([publisher.publish(topic, 'chain', { index: 2 } as never).then(() => 'sent'), timedOut]));

    expect(second).toBe('sent');
  }, 30_000);

  it('rejects a failed batch, then continues', async () => {
    const missing = `publisher-it-missing-${randomBytes(4).toString('hex')}` as Topic;

    const outcomes = await Promise.allSettled([
      publisher.publish(missing, 'a', {} as never),
      publisher.publish(missing, 'b', {} as never),
    ]);
    const after = await publisher.publish(topic, 'after', { index: -1 } as never).then(() => 'sent');

    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    expect(after).toBe('sent');
  }, 60_000);
});
