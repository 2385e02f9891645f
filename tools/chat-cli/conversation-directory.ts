import type { WireConversation, WireMember } from '@messenger/protocol';
import type { GatewayConnection } from './gateway-connection';
import type { OutgoingMessage, OutgoingMessages } from './message-state';
import { conversationTitle } from './render';

/**
 * A cache of the user's conversations and their members' usernames, filled
 * from list_conversations and open_conversation replies. The peers' receipt
 * positions in them are applied to own messages as they arrive.
 */
export class ConversationDirectory {
  private readonly conversations = new Map<string, WireConversation>();
  private readonly usernames = new Map<string, string>();

  constructor(
    private readonly connection: GatewayConnection,
    private readonly outgoing: OutgoingMessages,
    private readonly onStateChange: (message: OutgoingMessage) => void,
  ) {}

  private get selfId(): string {
    return this.connection.user.userId;
  }

  get(conversationId: string): WireConversation | undefined {
    return this.conversations.get(conversationId);
  }

  member(conversationId: string, userId: string): WireMember | undefined {
    return this.conversations.get(conversationId)?.members.find((member) => member.userId === userId);
  }

  /** Returns the user id of the other member of a direct conversation. */
  peerOf(conversationId: string): string | undefined {
    return this.conversations.get(conversationId)?.members.find((member) => member.userId !== this.selfId)?.userId;
  }

  title(conversation: WireConversation): string {
    return conversationTitle(conversation, this.selfId);
  }

  /** Loads every conversation of the user and returns them with the positions merged as in remember(). */
  async refresh(): Promise<WireConversation[]> {
    const { conversations } = await this.connection.request<'conversations'>({ type: 'list_conversations' });
    for (const conversation of conversations) this.remember(conversation);

    return conversations.map((conversation) => this.conversations.get(conversation.conversationId)!);
  }

  /**
   * Stores a conversation from the gateway and applies the peers' receipt
   * positions to own messages. Peer positions never move back. The user's own
   * positions come from the gateway as they are, because a read frame sent
   * just before a disconnect may have been lost.
   */
  remember(conversation: WireConversation): void {
    const known = this.conversations.get(conversation.conversationId);
    for (const member of conversation.members) {
      if (member.username) this.usernames.set(member.userId, member.username);
      if (member.userId === this.selfId) continue;
      const previous = known?.members.find((m) => m.userId === member.userId);
      member.deliveredSeq = Math.max(member.deliveredSeq, previous?.deliveredSeq ?? 0);
      member.readSeq = Math.max(member.readSeq, previous?.readSeq ?? 0);
    }
    conversation.lastSeq = Math.max(conversation.lastSeq, known?.lastSeq ?? 0);
    this.conversations.set(conversation.conversationId, conversation);

    for (const member of conversation.members) {
      if (member.userId === this.selfId) continue;
      for (const message of this.outgoing.applyPeerReceipt(conversation.conversationId, member)) {
        this.onStateChange(message);
      }
    }
  }

  /** Returns the conversation, loading the list first if it is new, because a peer may have just started it. */
  async find(conversationId: string): Promise<WireConversation | undefined> {
    if (!this.conversations.has(conversationId)) await this.refresh().catch(() => undefined);

    return this.conversations.get(conversationId);
  }

  /** Returns a username, loading the list first if the user is new. */
  async usernameFor(userId: string): Promise<string> {
    if (!this.usernames.has(userId)) await this.refresh().catch(() => undefined);

    return this.knownUsername(userId);
  }

  /** Returns a username without loading anything, or a short form of the user id. */
  knownUsername(userId: string): string {
    return this.usernames.get(userId) ?? `user ${userId.slice(0, 8)}`;
  }

  async titleOf(conversationId: string): Promise<string> {
    const conversation = await this.find(conversationId);

    return conversation ? this.title(conversation) : `conversation ${conversationId.slice(0, 8)}`;
  }
}
