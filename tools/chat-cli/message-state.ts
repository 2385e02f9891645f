/** Delivery state of a message that this client sent, in the order it advances. */
export type OwnMessageState = 'sending' | 'sent' | 'delivered' | 'read' | 'failed';

/** A member's receipt positions in a conversation: everything up to each seq is delivered or read. */
export interface ReceiptPositions {
  deliveredSeq: number;
  readSeq: number;
}

/** A message typed on this device, tracked until the peer has read it. */
export interface OutgoingMessage {
  conversationId: string;
  clientMessageId: string;
  body: string;
  createdAt: number;
  /** Assigned by the `sent` reply; absent while the message is still sending. */
  seq?: number;
  state: OwnMessageState;
}

const NO_RECEIPTS: ReceiptPositions = { deliveredSeq: 0, readSeq: 0 };
const STATE_ORDER: OwnMessageState[] = ['sending', 'sent', 'delivered', 'read'];

/** Derives the state of an own message with `seq` (undefined before the `sent` reply) from the peer's positions. */
export function ownMessageState(seq: number | undefined, peer: ReceiptPositions): OwnMessageState {
  if (seq === undefined) return 'sending';
  if (seq <= peer.readSeq) return 'read';
  if (seq <= peer.deliveredSeq) return 'delivered';

  return 'sent';
}

/**
 * Own messages of this session and the peer's receipt positions per
 * conversation. Each method returns copies of the messages whose state moved
 * forward, so that the caller prints every change once.
 */
export class OutgoingMessages {
  private readonly byClientMessageId = new Map<string, OutgoingMessage>();
  private readonly peerPositions = new Map<string, ReceiptPositions>();

  add(conversationId: string, clientMessageId: string, body: string, now = Date.now()): OutgoingMessage {
    const message: OutgoingMessage = { conversationId, clientMessageId, body, createdAt: now, state: 'sending' };
    this.byClientMessageId.set(clientMessageId, message);

    return message;
  }

  /** Messages still waiting for their `sent` reply, oldest first: they are sent again after a reconnect. */
  pending(): OutgoingMessage[] {
    return [...this.byClientMessageId.values()].filter((message) => message.state === 'sending');
  }

  /** Returns the peer's known positions in a conversation. */
  peer(conversationId: string): ReceiptPositions {
    return this.peerPositions.get(conversationId) ?? NO_RECEIPTS;
  }

  /** Records the seq from a `sent` reply and returns a copy of the message if its state changed. */
  markSent(clientMessageId: string, seq: number): OutgoingMessage | undefined {
    const message = this.byClientMessageId.get(clientMessageId);
    if (!message || message.seq !== undefined) return undefined;
    message.seq = seq;

    return this.advance(message) ? { ...message } : undefined;
  }

  /** Marks a message that the gateway rejected, so that it is not sent again. */
  markFailed(clientMessageId: string): OutgoingMessage | undefined {
    const message = this.byClientMessageId.get(clientMessageId);
    if (!message || message.state !== 'sending') return undefined;
    message.state = 'failed';
    this.byClientMessageId.delete(clientMessageId);

    return { ...message };
  }

  /** Merges the peer's receipt positions (they never move back) and returns the messages they advanced. */
  applyPeerReceipt(conversationId: string, positions: ReceiptPositions): OutgoingMessage[] {
    const known = this.peer(conversationId);
    this.peerPositions.set(conversationId, {
      deliveredSeq: Math.max(known.deliveredSeq, positions.deliveredSeq, positions.readSeq),
      readSeq: Math.max(known.readSeq, positions.readSeq),
    });
    const changed: OutgoingMessage[] = [];
    for (const message of this.byClientMessageId.values()) {
      if (message.conversationId === conversationId && this.advance(message)) changed.push({ ...message });
    }

    return changed;
  }

  /** Updates the state from the peer's positions. Read messages are final and leave the map. */
  private advance(message: OutgoingMessage): boolean {
    const next = ownMessageState(message.seq, this.peer(message.conversationId));
    if (STATE_ORDER.indexOf(next) <= STATE_ORDER.indexOf(message.state)) return false;
    message.state = next;
    if (next === 'read') this.byClientMessageId.delete(message.clientMessageId);

    return true;
  }
}

const DEFAULT_SEEN_LIMIT = 5_000;

/**
 * The (conversationId, seq) pairs already shown, so that messages the gateway
 * sends again after a reconnect appear once. Each conversation keeps at most
 * `limit` seqs. Older ones collapse into a floor, and every seq below it
 * counts as seen. That is safe because the gateway delivers each
 * conversation in seq order.
 */
export class SeenMessages {
  private readonly byConversation = new Map<string, { floor: number; seqs: Set<number> }>();

  constructor(private readonly limit = DEFAULT_SEEN_LIMIT) {}

  has(conversationId: string, seq: number): boolean {
    const entry = this.byConversation.get(conversationId);

    return entry !== undefined && (seq <= entry.floor || entry.seqs.has(seq));
  }

  /** Records a message and returns false when it was already seen. */
  add(conversationId: string, seq: number): boolean {
    if (this.has(conversationId, seq)) return false;
    let entry = this.byConversation.get(conversationId);
    if (!entry) {
      entry = { floor: 0, seqs: new Set() };
      this.byConversation.set(conversationId, entry);
    }
    entry.seqs.add(seq);
    if (entry.seqs.size > this.limit) {
      const lowest = Math.min(...entry.seqs);
      entry.seqs.delete(lowest);
      entry.floor = Math.max(entry.floor, lowest);
    }

    return true;
  }
}
