/** Kafka topics of the platform; docs/architecture.md documents their payloads. */
export const Topics = {
  messageCreated: 'messenger.message.created.v1',
  receiptUpdated: 'messenger.receipt.updated.v1',
  presenceChanged: 'messenger.presence.changed.v1',
  sessionRevoked: 'messenger.auth.session-revoked.v1',
} as const;

export type Topic = (typeof Topics)[keyof typeof Topics];

export const TOPIC_PARTITIONS: Record<Topic, number> = {
  [Topics.messageCreated]: 6,
  [Topics.receiptUpdated]: 6,
  [Topics.presenceChanged]: 3,
  [Topics.sessionRevoked]: 1,
};
