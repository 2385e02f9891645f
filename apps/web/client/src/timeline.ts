import type { WireAttachment, WireMember, WireMessage } from '@messenger/protocol';
import type { OutboxItem, OutboxState } from '@messenger/sdk';

/**
 * A file of a message: the server's metadata, or only the file id for an
 * own message sent from this tab, whose outbox item carries ids alone.
 */
export type AttachmentRef = Pick<WireAttachment, 'fileId'> & Partial<Omit<WireAttachment, 'fileId'>>;

/** A stored message whose attachments may lack metadata, see AttachmentRef. */
export type ShownMessage = Omit<WireMessage, 'attachments'> & { attachments?: AttachmentRef[] };

/** One message as the chat view shows it. */
export interface TimelineEntry {
  /** Stable across the pending → sent change of an own message, for the view's keys. */
  key: string;
  seq?: number;
  clientMessageId?: string;
  senderId: string;
  body: string;
  attachments: AttachmentRef[];
  createdAt: number;
  own: boolean;
  /** Delivery state of an own message, undefined for the peer's messages. */
  state?: OutboxState;
  /** Failure reason of an own message: the server's error code and message. */
  reason?: string;
}

export interface TimelineInput {
  /** Stored messages by seq: history pages and live messages. */
  messages: Iterable<ShownMessage>;
  /** The outbox items of the conversation. */
  outbox: readonly OutboxItem[];
  userId: string;
  /** The peer's delivery and read positions, which decide the marks of own messages. */
  peer?: Pick<WireMember, 'deliveredSeq' | 'readSeq'>;
}

const STATE_RANK: Record<OutboxState, number> = { failed: 0, pending: 0, sent: 1, delivered: 2, read: 3 };

/** Returns the state of an own stored message from the peer's positions. */
function stateFromReceipts(seq: number, peer: TimelineInput['peer']): OutboxState {
  if (peer !== undefined && seq <= peer.readSeq) {
    return 'read';
  }
  if (peer !== undefined && seq <= peer.deliveredSeq) {
    return 'delivered';
  }

  return 'sent';
}

function laterState(first: OutboxState, second: OutboxState): OutboxState {
  return STATE_RANK[second] > STATE_RANK[first] ? second : first;
}

function entryFromMessage(message: ShownMessage, userId: string): TimelineEntry {
  const own = message.senderId === userId;

  return {
    key: own ? `c:${message.clientMessageId}` : `s:${message.seq}`,
    seq: message.seq,
    clientMessageId: message.clientMessageId,
    senderId: message.senderId,
    body: message.body,
    attachments: message.attachments ?? [],
    createdAt: message.createdAt,
    own,
  };
}

function entryFromOutbox(item: OutboxItem, userId: string): TimelineEntry {
  return {
    key: `c:${item.clientMessageId}`,
    seq: item.seq,
    clientMessageId: item.clientMessageId,
    senderId: userId,
    body: item.body,
    attachments: (item.attachments ?? []).map((fileId) => ({ fileId })),
    createdAt: item.createdAt,
    own: true,
    state: item.state,
    reason: item.reason,
  };
}

/**
 * Merges stored messages and outbox items into one list: stored messages in
 * seq order, then the own messages without a seq yet (pending or failed) in
 * the order they were written. An outbox item and a stored message with the
 * same seq or clientMessageId are one entry.
 */
export function buildTimeline(input: TimelineInput): TimelineEntry[] {
  const bySeq = new Map<number, TimelineEntry>();
  const ownByClientId = new Map<string, TimelineEntry>();
  for (const message of input.messages) {
    const entry = entryFromMessage(message, input.userId);
    bySeq.set(message.seq, entry);
    if (entry.own) {
      ownByClientId.set(message.clientMessageId, entry);
    }
  }

  const unsequenced: TimelineEntry[] = [];
  for (const item of input.outbox) {
    const stored = (item.seq !== undefined ? bySeq.get(item.seq) : undefined) ?? ownByClientId.get(item.clientMessageId);
    if (stored !== undefined) {
      stored.state = item.state;
      continue;
    }

    const entry = entryFromOutbox(item, input.userId);
    if (entry.seq !== undefined) {
      bySeq.set(entry.seq, entry);
    } else {
      unsequenced.push(entry);
    }
  }

  for (const entry of bySeq.values()) {
    if (entry.own && entry.seq !== undefined) {
      const fromReceipts = stateFromReceipts(entry.seq, input.peer);
      entry.state = entry.state === undefined ? fromReceipts : laterState(entry.state, fromReceipts);
    }
  }

  const stored = [...bySeq.values()].sort((first, second) => (first.seq ?? 0) - (second.seq ?? 0));
  unsequenced.sort((first, second) => first.createdAt - second.createdAt);

  return [...stored, ...unsequenced];
}

/** Returns the highest seq of the list, or 0 when no entry has one. */
export function highestSeq(entries: readonly TimelineEntry[]): number {
  let highest = 0;
  for (const entry of entries) {
    if (entry.seq !== undefined && entry.seq > highest) {
      highest = entry.seq;
    }
  }

  return highest;
}
