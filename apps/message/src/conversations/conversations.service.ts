import { Inject, Injectable } from '@nestjs/common';
import { types } from '@messenger/cassandra';
import { LOGGER, Logger } from '@messenger/logging';
import { AppError, ErrorCode } from '@messenger/protocol';
import { MessagesRepository } from '../messages/messages.repository';
import { StoredMessage } from '../messages/stored-message';
import { ConversationsRepository, MemberRow } from './conversations.repository';
import { MembershipCache } from './membership-cache';

export interface ConversationView {
  conversationId: string;
  kind: string;
  members: MemberRow[];
  lastSeq: number;
  createdAt: number;
  lastMessage: StoredMessage | undefined;
  /** Time of the newest message, or of the creation before the first message (ms). */
  lastActivityAt: number;
}

export interface ConversationPage {
  conversations: ConversationView[];
  /** Empty on the last page. */
  nextCursor: string;
  /** Unread messages of the user over all conversations. */
  totalUnread: number;
}

export const DEFAULT_CONVERSATION_PAGE = 50;
/** Conversations whose rows one list reads at the same time, so that a long list cannot take the whole driver pool. */
const LIST_READ_CONCURRENCY = 16;
export const MAX_CONVERSATION_PAGE = 100;
const MAX_FILTERED_CONVERSATIONS = 100;
/** "<lastActivityAt>_<conversationId>" of the last conversation of a page. */
const CURSOR_PATTERN = /^(\d{1,16})_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** Messages after the user's read position; 0 for a user who is not a member. */
export function unreadCount(view: ConversationView, userId: string): number {
  const member = view.members.find((candidate) => candidate.userId === userId);

  return member ? Math.max(0, view.lastSeq - member.readSeq) : 0;
}

/** Most recent activity first; the conversation id breaks ties, so that pages never overlap. */
type ActivityPosition = Pick<ConversationView, 'lastActivityAt' | 'conversationId'>;

function byActivity(a: ActivityPosition, b: ActivityPosition): number {
  if (a.lastActivityAt !== b.lastActivityAt) return b.lastActivityAt - a.lastActivityAt;

  return a.conversationId.localeCompare(b.conversationId);
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
  /** Lists being computed, by user: concurrent requests of one user share one computation. */
  private readonly listing = new Map<string, Promise<ConversationView[]>>();

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

  /**
   * Returns a page of the user's conversations, the most recently active
   * first, after the position that cursor names.
   *
   * NOTE: every call reads all of the user's conversations, three reads each,
   * because the order needs every conversation's last activity. A user in
   * thousands of conversations would need an activity index table instead.
   */
  async list(userId: string, limit = 0, cursor = ''): Promise<ConversationPage> {
    const user = requireUuid(userId, 'user_id');
    const pageSize = limit === 0 ? DEFAULT_CONVERSATION_PAGE : limit;
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_CONVERSATION_PAGE) {
      throw new AppError(ErrorCode.INVALID_ARGUMENT, `limit must be 1-${MAX_CONVERSATION_PAGE}, got ${limit}`);
    }
    const after = parseCursor(cursor);
    const views = await this.sortedViews(user);

    const start = after ? views.findIndex((view) => byActivity(view, after) > 0) : 0;
    const remaining = start < 0 ? [] : views.slice(start);
    const page = remaining.slice(0, pageSize);
    const last = page.at(-1);

    return {
      conversations: page,
      nextCursor: remaining.length > pageSize && last ? `${last.lastActivityAt}_${last.conversationId}` : '',
      totalUnread: views.reduce((sum, view) => sum + unreadCount(view, user), 0),
    };
  }

  /** Returns every conversation of the user, the most recently active first. */
  private sortedViews(userId: string): Promise<ConversationView[]> {
    let pending = this.listing.get(userId);
    if (!pending) {
      pending = this.readSortedViews(userId).finally(() => this.listing.delete(userId));
      this.listing.set(userId, pending);
    }

    return pending;
  }

  private async readSortedViews(userId: string): Promise<ConversationView[]> {
    const ids = await this.conversations.listConversationIds(userId);
    const views: ConversationView[] = [];
    for (let start = 0; start < ids.length; start += LIST_READ_CONCURRENCY) {
      const batch = await Promise.all(
        ids.slice(start, start + LIST_READ_CONCURRENCY).map(async (conversationId) => {
          const conversation = await this.conversations.find(conversationId);

          return conversation ? this.view(conversationId, conversation.kind, conversation.createdAt) : undefined;
        }),
      );
      for (const view of batch) if (view) views.push(view);
    }

    return views.sort(byActivity);
  }

  /** Returns the conversations among conversationIds (at most 100) that the user is a member of. */
  async filterMemberOf(userId: string, conversationIds: string[]): Promise<string[]> {
    const user = requireUuid(userId, 'user_id');
    if (conversationIds.length > MAX_FILTERED_CONVERSATIONS) {
      throw new AppError(
        ErrorCode.INVALID_ARGUMENT,
        `conversation_ids lists ${conversationIds.length} conversations; the limit is ${MAX_FILTERED_CONVERSATIONS}`,
      );
    }
    const checks = await Promise.all(
      conversationIds.map(async (conversationId) => {
        const memberIds = await this.memberIds(requireUuid(conversationId, 'conversation_ids'));

        return memberIds.includes(user) ? conversationId.toLowerCase() : undefined;
      }),
    );

    return checks.filter((conversationId): conversationId is string => conversationId !== undefined);
  }

  /** Returns the member ids, or rejects with NOT_A_MEMBER when userId is not one of them. */
  async requireMember(conversationId: string, userId: string): Promise<readonly string[]> {
    const id = requireUuid(conversationId, 'conversation_id');
    const memberIds = await this.memberIds(id);
    if (!memberIds.includes(userId)) {
      throw new AppError(
        ErrorCode.NOT_A_MEMBER,
        `conversation ${id} does not exist or user ${userId} is not a member of it`,
      );
    }

    return memberIds;
  }

  /** Returns the member ids of a conversation, cached; empty for an unknown conversation. */
  private async memberIds(conversationId: string): Promise<readonly string[]> {
    let memberIds = this.members.get(conversationId);
    if (!memberIds) {
      memberIds = (await this.conversations.findMembers(conversationId)).map((member) => member.userId);
      if (memberIds.length > 0) this.members.set(conversationId, memberIds);
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
    const [members, lastSeq, [lastMessage]] = await Promise.all([
      this.conversations.findMembers(conversationId),
      this.messages.findLastSeq(conversationId),
      this.messages.findBefore(conversationId, 0, 1),
    ]);

    return {
      conversationId,
      kind,
      members,
      lastSeq,
      createdAt,
      lastMessage,
      lastActivityAt: lastMessage?.createdAt ?? createdAt,
    };
  }
}

/** Reads a cursor that list returned; an empty cursor starts at the first page. */
function parseCursor(cursor: string): ActivityPosition | undefined {
  if (cursor === '') return undefined;
  const match = CURSOR_PATTERN.exec(cursor);
  if (!match) {
    throw new AppError(ErrorCode.INVALID_ARGUMENT, `cursor "${cursor.slice(0, 80)}" is not one that a conversation list returned`);
  }

  return { lastActivityAt: Number(match[1]), conversationId: match[2] };
}
