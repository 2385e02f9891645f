import type { WireConversation, WireMessage } from '@messenger/protocol';

/**
 * The SDK's copy of the conversations it has seen, kept current from live
 * frames. Unread counts follow the server's rule, lastSeq minus the user's
 * readSeq, so they agree with what a fresh list returns.
 */
export class ConversationCache {
  private readonly conversations = new Map<string, WireConversation>();
  /** The user's unread total over all conversations, as of the last list plus the changes seen since. */
  private total = 0;

  constructor(
    private readonly userId: () => string | undefined,
    private readonly changed: (conversation: WireConversation) => void,
  ) {}

  /** Forgets every conversation, for a client that passes to another user. */
  clear(): void {
    this.conversations.clear();
    this.total = 0;
  }

  get(conversationId: string): WireConversation | undefined {
    return this.conversations.get(conversationId);
  }

  has(conversationId: string): boolean {
    return this.conversations.has(conversationId);
  }

  get totalUnread(): number {
    return this.total;
  }

  /**
   * Takes conversations from a list or open reply. Positions only grow, so
   * a reply computed before a frame that this cache already applied is
   * merged rather than taken as is. totalUnread is the list's total, when
   * the reply has one.
   */
  put(conversations: WireConversation[], totalUnread?: number): void {
    let correction = 0;
    for (const incoming of conversations) {
      const previous = this.conversations.get(incoming.conversationId);
      const merged = previous ? mergeConversation(previous, incoming) : structuredClone(incoming);
      merged.unreadCount = this.unreadOf(merged);
      this.conversations.set(merged.conversationId, merged);
      // The reply's total counted this conversation as the reply saw it.
      correction += merged.unreadCount - (totalUnread === undefined ? (previous?.unreadCount ?? 0) : incoming.unreadCount);
      this.changed(structuredClone(merged));
    }
    this.total = Math.max(0, (totalUnread ?? this.total) + correction);
  }

  /** Applies a message stored in the conversation, from another member or from this user. */
  message(message: WireMessage): void {
    this.mutate(message.conversationId, (conversation) => {
      // A receipt may already have moved lastSeq to this message, so compare with the last message itself.
      if (conversation.lastMessage && message.seq <= conversation.lastMessage.seq) return false;
      conversation.lastSeq = Math.max(conversation.lastSeq, message.seq);
      if (!conversation.lastMessage || message.seq >= conversation.lastMessage.seq) {
        conversation.lastMessage = message;
        conversation.lastActivityAt = Math.max(conversation.lastActivityAt, message.createdAt);
      }
      // The server moves a sender's positions with the send.
      if (message.senderId === this.userId()) this.movePositions(conversation, message.senderId, message.seq, message.seq);

      return true;
    });
  }

  receipt(conversationId: string, userId: string, deliveredSeq: number, readSeq: number): void {
    this.mutate(conversationId, (conversation) => this.movePositions(conversation, userId, deliveredSeq, readSeq));
  }

  private movePositions(conversation: WireConversation, userId: string, deliveredSeq: number, readSeq: number): boolean {
    const member = conversation.members.find((candidate) => candidate.userId === userId);
    if (!member || (deliveredSeq <= member.deliveredSeq && readSeq <= member.readSeq)) return false;
    member.deliveredSeq = Math.max(member.deliveredSeq, deliveredSeq);
    member.readSeq = Math.max(member.readSeq, readSeq);
    conversation.lastSeq = Math.max(conversation.lastSeq, member.deliveredSeq, member.readSeq);

    return true;
  }

  private unreadOf(conversation: WireConversation): number {
    const me = conversation.members.find((member) => member.userId === this.userId());

    return Math.max(0, conversation.lastSeq - (me?.readSeq ?? 0));
  }

  private mutate(conversationId: string, change: (conversation: WireConversation) => boolean): void {
    const conversation = this.conversations.get(conversationId);
    if (!conversation || !change(conversation)) return;
    const unread = this.unreadOf(conversation);
    this.total = Math.max(0, this.total + unread - conversation.unreadCount);
    conversation.unreadCount = unread;
    this.changed(structuredClone(conversation));
  }
}

/** Combines two copies of one conversation, keeping the furthest of every position. */
function mergeConversation(current: WireConversation, incoming: WireConversation): WireConversation {
  const merged = structuredClone(incoming);
  merged.lastSeq = Math.max(current.lastSeq, incoming.lastSeq);
  merged.lastActivityAt = Math.max(current.lastActivityAt, incoming.lastActivityAt);
  if ((current.lastMessage?.seq ?? 0) > (incoming.lastMessage?.seq ?? 0)) merged.lastMessage = current.lastMessage;
  for (const member of merged.members) {
    const known = current.members.find((candidate) => candidate.userId === member.userId);
    member.deliveredSeq = Math.max(member.deliveredSeq, known?.deliveredSeq ?? 0);
    member.readSeq = Math.max(member.readSeq, known?.readSeq ?? 0);
  }

  return merged;
}
