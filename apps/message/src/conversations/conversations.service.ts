import { Inject, Injectable } from '@nestjs/common';
import { types } from '@messenger/cassandra';
import { LOGGER, Logger } from '@messenger/logging';
import { AppError, ErrorCode } from '@messenger/protocol';
import { MessagesRepository } from '../messages/messages.repository';
import { ConversationsRepository, MemberRow } from './conversations.repository';
import { MembershipCache } from './membership-cache';

export interface ConversationView {
  conversationId: string;
  kind: string;
  members: MemberRow[];
  lastSeq: number;
  createdAt: number;
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function requireUuid(value: string, field: string): string {
  if (!UUID_PATTERN.test(value)) {
    throw new AppError(ErrorCode.INVALID_ARGUMENT, `${field} must be a UUID, got "${value.slice(0, 40)}"`);
  }

  return value.toLowerCase();
}

@Injectable()
export class ConversationsService {
  private readonly members = new MembershipCache();

  constructor(
    private readonly conversations: ConversationsRepository,
    private readonly messages: MessagesRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Returns the direct conversation of two users, creating it on first use. */
  async openDirect(userId: string, peerUserId: string): Promise<ConversationView> {
    const user = requireUuid(userId, 'user_id');
    const peer = requireUuid(peerUserId, 'peer_user_id');
    if (user === peer) {
      throw new AppError(ErrorCode.INVALID_ARGUMENT, 'a direct conversation needs two different users');
    }
    const [low, high] = user < peer ? [user, peer] : [peer, user];
    const conversationId = await this.conversations.claimDirect(low, high, types.Uuid.random().toString());
    let conversation = await this.conversations.find(conversationId);
    if (!conversation) {
      conversation = { conversationId, kind: 'direct', createdAt: Date.now() };
      await this.conversations.create(conversation, user, [low, high]);
      this.logger.info({ conversationId, userId: user }, 'created direct conversation');
    }

    return this.view(conversationId, conversation.kind, conversation.createdAt);
  }

  async list(userId: string): Promise<ConversationView[]> {
    const ids = await this.conversations.listConversationIds(requireUuid(userId, 'user_id'));
    const views = await Promise.all(
      ids.map(async (conversationId) => {
        const conversation = await this.conversations.find(conversationId);

        return conversation ? this.view(conversationId, conversation.kind, conversation.createdAt) : undefined;
      }),
    );

    return views.filter((view): view is ConversationView => view !== undefined);
  }

  /** Returns the member ids, or rejects with NOT_A_MEMBER when userId is not one of them. */
  async requireMember(conversationId: string, userId: string): Promise<readonly string[]> {
    const id = requireUuid(conversationId, 'conversation_id');
    let memberIds = this.members.get(id);
    if (!memberIds) {
      memberIds = (await this.conversations.findMembers(id)).map((member) => member.userId);
      if (memberIds.length > 0) this.members.set(id, memberIds);
    }
    if (!memberIds.includes(userId)) {
      throw new AppError(
        ErrorCode.NOT_A_MEMBER,
        `conversation ${id} does not exist or user ${userId} is not a member of it`,
      );
    }

    return memberIds;
  }

  /** Users who share at least one conversation with userId. */
  async listPeers(userId: string): Promise<string[]> {
    const user = requireUuid(userId, 'user_id');
    const ids = await this.conversations.listConversationIds(user);
    const peers = new Set<string>();
    for (const conversationId of ids) {
      for (const memberId of await this.requireMember(conversationId, user)) {
        if (memberId !== user) peers.add(memberId);
      }
    }

    return [...peers];
  }

  private async view(conversationId: string, kind: string, createdAt: number): Promise<ConversationView> {
    const [members, lastSeq] = await Promise.all([
      this.conversations.findMembers(conversationId),
      this.messages.findLastSeq(conversationId),
    ]);

    return { conversationId, kind, members, lastSeq, createdAt };
  }
}
