import { Inject, Injectable } from '@nestjs/common';
import { AuthClient, MessageClient, PresenceClient, messageV1, presenceV1 } from '@messenger/grpc';
import { LOGGER, Logger } from '@messenger/logging';
import {
  AppError,
  ClientFrame,
  ErrorCode,
  GetPresenceFrame,
  HistoryFrame,
  ListConversationsFrame,
  RefreshTokenFrame,
  SendFrame,
  SyncFrame,
  TypingFrame,
  WireConversation,
  WirePresence,
} from '@messenger/protocol';
import { AccessTokenVerifier } from '@messenger/tokens';
import { AUTH_CLIENT, MESSAGE_CLIENT, PRESENCE_CLIENT } from '../clients/clients.module';
import { Connection } from './connection';
import { ConnectionAuthenticator } from './connection-authenticator';
import { ReceiptCoalescer, ReceiptKind } from './receipt-coalescer';
import { toWireMessage } from './wire-message';

const PEERS_CACHE_MS = 30_000;
/** Heartbeats closer together than this are acknowledged without a presence call. */
const PRESENCE_REFRESH_MIN_INTERVAL_MS = 1000;

/** Carries out one validated client frame for a connection; errors are thrown as AppError. */
@Injectable()
export class FrameDispatcher {
  private readonly peers = new WeakMap<Connection, { userIds: Set<string>; fetchedAt: number }>();

  constructor(
    @Inject(AUTH_CLIENT) private readonly auth: AuthClient,
    @Inject(MESSAGE_CLIENT) private readonly messages: MessageClient,
    @Inject(PRESENCE_CLIENT) private readonly presence: PresenceClient,
    private readonly verifier: AccessTokenVerifier,
    private readonly authenticator: ConnectionAuthenticator,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async dispatch(connection: Connection, frame: ClientFrame): Promise<void> {
    switch (frame.type) {
      case 'send':
        return this.send(connection, frame);
      case 'ack':
      case 'read':
        connection.receiptWriter ??= new ReceiptCoalescer((conversationId, kind, seq) =>
          this.storeReceipt(connection, conversationId, kind, seq),
        );

        return connection.receiptWriter.submit(frame.conversationId, frame.type, frame.seq);
      case 'heartbeat':
        if (Date.now() - connection.presenceRefreshedAt < PRESENCE_REFRESH_MIN_INTERVAL_MS) {
          connection.send({ type: 'heartbeat_ack', id: frame.id });

          return;
        }
        connection.presenceRefreshedAt = Date.now();
        await this.presence.Heartbeat({
          userId: connection.userId,
          deviceId: connection.deviceId,
          connectionId: connection.connectionId,
        });
        connection.send({ type: 'heartbeat_ack', id: frame.id });

        return;
      case 'open_conversation':
        return this.openConversation(connection, frame.username, frame.id);
      case 'list_conversations':
        return this.listConversations(connection, frame);
      case 'history':
        return this.history(connection, frame);
      case 'sync':
        return this.sync(connection, frame);
      case 'get_presence':
        return this.getPresence(connection, frame);
      case 'typing':
        return this.typing(connection, frame);
      case 'refresh_token':
        return this.refreshToken(connection, frame);
    }
  }

  /** Sends a typing state on to the other members, unless TypingThrottle drops it as a repeat. */
  private async typing(connection: Connection, frame: TypingFrame): Promise<void> {
    if (!connection.typingThrottle.admit(frame.conversationId, frame.active)) return;
    try {
      await this.messages.SendTyping({
        userId: connection.userId,
        conversationId: frame.conversationId,
        active: frame.active,
      });
    } catch (error) {
      connection.typingThrottle.forget(frame.conversationId);
      throw error;
    }
  }

  private async storeReceipt(connection: Connection, conversationId: string, kind: ReceiptKind, seq: number): Promise<void> {
    await this.messages.UpdateReceipt({
      userId: connection.userId,
      deviceId: connection.deviceId,
      conversationId,
      status: kind === 'ack' ? 'RECEIPT_STATUS_DELIVERED' : 'RECEIPT_STATUS_READ',
      seq,
    });
  }

  private async send(connection: Connection, frame: SendFrame): Promise<void> {
    const { message, duplicate } = await this.messages.SendMessage({
      userId: connection.userId,
      deviceId: connection.deviceId,
      conversationId: frame.conversationId,
      clientMessageId: frame.clientMessageId,
      body: frame.body,
      attachmentFileIds: frame.attachments ?? [],
    });
    const stored = message!;
    connection.send({
      type: 'sent',
      id: frame.id,
      conversationId: stored.conversationId,
      clientMessageId: stored.clientMessageId,
      messageId: stored.messageId,
      seq: stored.seq,
      createdAt: stored.createdAt,
      duplicate,
    });
    connection.acknowledgeOwnMessage(stored);
  }

  /** Streams everything after afterSeq; the history call first rejects a user who is not a member. */
  private async sync(connection: Connection, frame: SyncFrame): Promise<void> {
    await this.messages.GetHistory({
      userId: connection.userId,
      conversationId: frame.conversationId,
      afterSeq: frame.afterSeq,
      beforeSeq: 0,
      forward: true,
      limit: 1,
    });
    const deliveredSeq = await connection.resync(frame.conversationId, frame.afterSeq);
    connection.send({ type: 'synced', id: frame.id, conversationId: frame.conversationId, lastSeq: deliveredSeq });
  }

  private async openConversation(connection: Connection, username: string, id?: string): Promise<void> {
    const { users } = await this.auth.LookupUsers({ usernames: [username.toLowerCase()], userIds: [] });
    if (users.length === 0) {
      throw new AppError(ErrorCode.NOT_FOUND, `user "${username}" not found`);
    }
    const conversation = await this.messages.OpenDirectConversation({
      userId: connection.userId,
      peerUserId: users[0].userId,
    });
    this.peers.delete(connection);
    connection.send({ type: 'conversation', id, conversation: (await this.withUsernames([conversation]))[0] });
  }

  private async listConversations(connection: Connection, frame: ListConversationsFrame): Promise<void> {
    const page = await this.messages.ListConversations({
      userId: connection.userId,
      limit: frame.limit ?? 0,
      cursor: frame.cursor ?? '',
    });
    const peerIds = new Set(page.conversations.flatMap((conversation) => conversation.members.map((member) => member.userId)));
    peerIds.delete(connection.userId);
    const [conversations, presence] = await Promise.all([
      this.withUsernames(page.conversations),
      this.presenceOrNone(connection, [...peerIds]),
    ]);
    connection.send({
      type: 'conversations',
      id: frame.id,
      conversations,
      nextCursor: page.nextCursor || undefined,
      totalUnread: page.totalUnread,
      presence: presence.map(toWirePresence),
    });
  }

  private async history(connection: Connection, frame: HistoryFrame): Promise<void> {
    const forward = frame.afterSeq !== undefined && frame.afterSeq !== null;
    const page = await this.messages.GetHistory({
      userId: connection.userId,
      conversationId: frame.conversationId,
      beforeSeq: frame.beforeSeq ?? 0,
      afterSeq: frame.afterSeq ?? 0,
      forward,
      limit: frame.limit ?? 0,
    });
    connection.send({
      type: 'history',
      id: frame.id,
      conversationId: frame.conversationId,
      messages: page.messages.map(toWireMessage),
      hasMore: page.hasMore,
      lastSeq: page.lastSeq,
    });
  }

  private async getPresence(connection: Connection, frame: GetPresenceFrame): Promise<void> {
    const peers = await this.peersOf(connection);
    const hidden = frame.userIds.find((userId) => userId !== connection.userId && !peers.has(userId));
    if (hidden) {
      throw new AppError(ErrorCode.NOT_A_MEMBER, `user ${hidden} shares no conversation with you`);
    }
    const { users } = await this.presence.GetPresence({ userIds: frame.userIds });
    connection.send({
      type: 'presence_state',
      id: frame.id,
      users: users.map(toWirePresence),
    });
  }

  /** Returns the users' presence, or none while the presence service fails: the list matters more. */
  private async presenceOrNone(connection: Connection, userIds: string[]): Promise<presenceV1.UserPresence__Output[]> {
    if (userIds.length === 0) return [];
    try {
      return (await this.presence.GetPresence({ userIds })).users;
    } catch (error) {
      this.logger.warn({ connectionId: connection.connectionId, err: error }, 'presence lookup failed; listing without presence');

      return [];
    }
  }

  private async refreshToken(connection: Connection, frame: RefreshTokenFrame): Promise<void> {
    const claims = await this.verifier.verify(frame.accessToken);
    if (claims.userId !== connection.userId) {
      throw new AppError(ErrorCode.UNAUTHENTICATED, 'the new access token belongs to another user');
    }
    await this.authenticator.requireActiveSession(claims.sessionId);
    connection.scheduleExpiry(claims);
    this.logger.debug({ connectionId: connection.connectionId }, 'connection token refreshed');
    connection.send({ type: 'token_refreshed', id: frame.id, expiresAt: claims.expiresAt });
  }

  private async peersOf(connection: Connection): Promise<Set<string>> {
    const cached = this.peers.get(connection);
    if (cached && Date.now() - cached.fetchedAt < PEERS_CACHE_MS) return cached.userIds;
    const { userIds } = await this.messages.ListPeers({ userId: connection.userId });
    const entry = { userIds: new Set(userIds), fetchedAt: Date.now() };
    this.peers.set(connection, entry);

    return entry.userIds;
  }

  private async withUsernames(conversations: messageV1.Conversation__Output[]): Promise<WireConversation[]> {
    const userIds = [...new Set(conversations.flatMap((conversation) => conversation.members.map((m) => m.userId)))];
    const names = new Map<string, string>();
    for (let start = 0; start < userIds.length; start += 100) {
      const { users } = await this.auth.LookupUsers({ usernames: [], userIds: userIds.slice(start, start + 100) });
      for (const user of users) names.set(user.userId, user.username);
    }

    return conversations.map((conversation) => ({
      conversationId: conversation.conversationId,
      kind: conversation.kind,
      lastSeq: conversation.lastSeq,
      createdAt: conversation.createdAt,
      lastMessage: conversation.lastMessage ? toWireMessage(conversation.lastMessage) : undefined,
      lastActivityAt: conversation.lastActivityAt,
      unreadCount: conversation.unreadCount,
      members: conversation.members.map((member) => ({
        userId: member.userId,
        username: names.get(member.userId) ?? '',
        deliveredSeq: member.deliveredSeq,
        readSeq: member.readSeq,
      })),
    }));
  }
}

function toWirePresence(user: presenceV1.UserPresence__Output): WirePresence {
  return {
    userId: user.userId,
    status: user.status === 'PRESENCE_STATUS_ONLINE' ? 'online' : 'offline',
    lastSeenAt: user.lastSeenAt,
  };
}
