import { Topics } from './topics';

/**
 * Event payloads, one per topic, JSON-encoded. Keys: conversation id for
 * message and receipt events, user id for presence and session events, so
 * that events about one entity stay in order. Bodies never travel on Kafka.
 */
export interface MessageCreatedEvent {
  messageId: string;
  conversationId: string;
  seq: number;
  senderId: string;
  memberIds: string[];
  createdAt: number;
}

export interface ReceiptUpdatedEvent {
  conversationId: string;
  userId: string;
  deviceId: string;
  deliveredSeq: number;
  readSeq: number;
  at: number;
}

export interface PresenceChangedEvent {
  userId: string;
  status: 'online' | 'offline';
  lastSeenAt: number;
  at: number;
}

export interface SessionRevokedEvent {
  userId: string;
  sessionId: string;
  at: number;
}

export interface EventsByTopic {
  [Topics.messageCreated]: MessageCreatedEvent;
  [Topics.receiptUpdated]: ReceiptUpdatedEvent;
  [Topics.presenceChanged]: PresenceChangedEvent;
  [Topics.sessionRevoked]: SessionRevokedEvent;
}
