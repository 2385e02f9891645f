import type { ServerFrame, WireConversation, WireMessage, WirePresence } from '@messenger/protocol';
import { DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
import { Connection, type ConnectionState, type WebSocketConstructor } from './connection';
import { ConversationCache } from './conversations';
import { Emitter } from './emitter';
import { MessengerHttpClient } from './http-api';
import { MediaApi, type MediaFile, type UploadOptions, type UploadSource } from './uploads';
import { Outbox, type OutboxItem } from './outbox';
import { DeliveredPositions } from './positions';
import { Session } from './session';
import { MemoryStore, type KeyValueStore } from './store';
import { IncomingTyping, OutgoingTyping, type TypingChange } from './typing';

export interface MessengerClientOptions {
  /** HTTP base URL of a gateway, or of the site that proxies /v1 to the gateways. */
  baseUrl: string;
  /** More base URLs; a connection that fails moves on to the next. */
  gateways?: string[];
  /** Base URL of the media API (/v1/media); baseUrl unless given. */
  mediaUrl?: string;
  /** Keeps the session, device id, outbox and positions; in memory unless given. */
  store?: KeyValueStore;
  /** Stable id of this device, 1-64 of A-Z a-z 0-9 . _ : -; generated once and kept in the store unless given. */
  deviceId?: string;
  /** The WebSocket class: the browser's by default; in Node pass the ws package's. */
  WebSocket?: WebSocketConstructor;
  /** Reconnect delays: full jitter up to min(maxDelayMs, initialDelayMs * 2^attempt). */
  backoff?: Partial<BackoffOptions>;
  connectTimeoutMs?: number;
  requestTimeoutMs?: number;
}

export type ReceiptEvent = Extract<ServerFrame, { type: 'receipt' }>;
export type GapEvent = Extract<ServerFrame, { type: 'gap' }>;

export interface ConversationPage {
  conversations: WireConversation[];
  nextCursor?: string;
  totalUnread: number;
  presence: WirePresence[];
}

export interface HistoryPage {
  /** Newest first. */
  messages: WireMessage[];
  hasMore: boolean;
  lastSeq: number;
}

export interface ClientEvents {
  [name: string]: unknown[];
  state: [state: ConnectionState];
  /** A message from another member, or from this user's other devices; never the same message twice. */
  message: [message: WireMessage];
  receipt: [receipt: ReceiptEvent];
  presence: [presence: WirePresence];
  typing: [change: TypingChange];
  /** Every state change of an outbox item. */
  outbox: [item: OutboxItem];
  /** The SDK's copy of a conversation changed. */
  conversation: [conversation: WireConversation];
  /** Messages that exist but cannot be delivered; the application may fetch them with history. */
  gap: [gap: GapEvent];
  /** The session is over (logged out elsewhere, or the refresh token was rejected): log in again. */
  session_ended: [reason: string];
  /** A connection closed; delayMs is the wait before the next attempt. */
  disconnected: [info: { code: number; reason: string; delayMs?: number }];
}

const DEVICE_KEY = 'device-id';
/** The user whose outbox and positions the store keeps. */
const OWNER_KEY = 'owner';
/** Coalesce acks for this long (ms): the gateway merges them too, but each frame still costs a parse. */
const ACK_DELAY_MS = 50;
/** Re-list the first page at most this often when frames name unknown conversations (ms). */
const RELIST_DELAY_MS = 200;

/**
 * The client side of the messenger: an account session, one connection
 * that stays up, an outbox, and typed events. Messages reach the
 * application once each, in seq order per conversation, including those
 * that arrive again after a reconnect.
 */
export class MessengerClient extends Emitter<ClientEvents> {
  readonly deviceId: string;
  private readonly http: MessengerHttpClient[];
  private readonly store: KeyValueStore;
  private readonly session: Session;
  private readonly connection: Connection;
  private readonly outbox: Outbox;
  private readonly positions: DeliveredPositions;
  private readonly cache: ConversationCache;
  private readonly incomingTyping: IncomingTyping;
  private readonly outgoingTyping: OutgoingTyping;
  private readonly media: MediaApi;
  private readonly acks = new Map<string, number>();
  /** Reads marked while no connection was open, sent when it comes up. */
  private readonly pendingReads = new Map<string, number>();
  private ackTimer: ReturnType<typeof setTimeout> | undefined;
  private relistTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: MessengerClientOptions) {
    super();
    const store = options.store ?? new MemoryStore();
    const gateways = [options.baseUrl, ...(options.gateways ?? [])];
    this.http = gateways.map((url) => new MessengerHttpClient(url));
    this.deviceId = options.deviceId ?? storedDeviceId(store);
    this.store = store;

    this.session = new Session(() => this.http[gateways.indexOf(this.connection.gateway)] ?? this.http[0], store, {
      refreshed: (accessToken) => this.connection.tokenRefreshed(accessToken),
      ended: (reason) => this.sessionEnded(reason),
    });

    const WebSocketClass = options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
    if (!WebSocketClass) {
      throw new Error('no WebSocket class: pass options.WebSocket (in Node, the ws package\'s WebSocket)');
    }
    this.connection = new Connection({
      gateways,
      deviceId: this.deviceId,
      session: this.session,
      WebSocket: WebSocketClass,
      backoff: { ...DEFAULT_BACKOFF, ...options.backoff },
      connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
      requestTimeoutMs: options.requestTimeoutMs ?? 10_000,
    });

    this.media = new MediaApi(options.mediaUrl ?? options.baseUrl, () => this.session.validAccessToken());
    this.positions = new DeliveredPositions(store);
    this.cache = new ConversationCache(
      () => this.user?.userId,
      (conversation) => this.emit('conversation', conversation),
    );
    this.outbox = new Outbox(
      store,
      {
        send: (item) =>
          this.connection.request<'sent'>({
            type: 'send',
            conversationId: item.conversationId,
            clientMessageId: item.clientMessageId,
            body: item.body,
            ...(item.attachments?.length ? { attachments: item.attachments } : {}),
          }),
        isOnline: () => this.connection.state === 'online',
      },
      (item) => this.outboxChanged(item),
    );

    this.incomingTyping = new IncomingTyping((change) => this.emit('typing', change));
    this.outgoingTyping = new OutgoingTyping((conversationId, active) =>
      this.connection.send({ type: 'typing', conversationId, active }),
    );

    this.connection.on('state', (state) => this.stateChanged(state));
    this.connection.on('frame', (frame) => this.receive(frame));
    this.connection.on('closed', (info) => this.emit('disconnected', info));
  }

  get user(): { userId: string; username: string } | undefined {
    return this.session.user;
  }

  get state(): ConnectionState {
    return this.connection.state;
  }

  get totalUnread(): number {
    return this.cache.totalUnread;
  }

  register(username: string, password: string): Promise<{ userId: string; username: string }> {
    return this.http[0].register(username, password);
  }

  /** Logs in and keeps the session; call connect() next. */
  async login(username: string, password: string): Promise<{ userId: string; username: string }> {
    const tokens = await this.http[0].login(username, password);
    // The outbox and positions in the store belong to one user, and a different user starts without them.
    if (this.store.get(OWNER_KEY) !== tokens.user.userId) {
      this.outbox.clear();
      this.positions.clear();
      this.store.set(OWNER_KEY, tokens.user.userId);
    }
    this.session.start(tokens);

    return tokens.user;
  }

  /** Resumes a session kept in the store; true when there was one. */
  restoreSession(): boolean {
    return this.session.restore();
  }

  /** Connects and stays connected until disconnect(), logout() or the end of the session. */
  connect(): void {
    if (!this.session.user) throw new Error('log in or restore a session before connecting');
    this.connection.start();
  }

  /** Closes the connection; the session and the outbox stay for the next connect(). */
  disconnect(): void {
    this.connection.stop();
    this.positions.flush();
  }

  /** Closes the connection and ends the session on the server. */
  async logout(): Promise<void> {
    this.disconnect();
    this.forgetUser();
    await this.session.logout();
  }

  /** Queues a message, with files from upload() if given; it is sent now when connected, or after the next reconnect. */
  send(conversationId: string, body: string, options: { attachments?: string[] } = {}): OutboxItem {
    const item: OutboxItem = {
      clientMessageId: randomId(),
      conversationId,
      body,
      ...(options.attachments?.length ? { attachments: [...options.attachments] } : {}),
      state: 'pending',
      createdAt: Date.now(),
    };
    this.outgoingTyping.set(conversationId, false);
    this.outbox.add(item);

    return { ...item };
  }

  /**
   * Uploads a file for a later send(), reporting progress through
   * options.onProgress. To continue an upload cut off midway, call again
   * with options.resumeFileId set to the id that onCreated reported.
   */
  upload(source: UploadSource, options: UploadOptions = {}): Promise<string> {
    return this.media.upload(source, options);
  }

  /** Fetches a file's metadata and fresh signed download URLs. */
  file(fileId: string): Promise<MediaFile> {
    return this.media.file(fileId);
  }

  retry(clientMessageId: string): void {
    this.outbox.retry(clientMessageId);
  }

  discard(clientMessageId: string): void {
    this.outbox.discard(clientMessageId);
  }

  /** Returns the user's messages from this device that the peer has not read yet, oldest first. */
  outboxItems(conversationId?: string): OutboxItem[] {
    return this.outbox.list(conversationId);
  }

  async openConversation(username: string): Promise<WireConversation> {
    const reply = await this.connection.request<'conversation'>({ type: 'open_conversation', username });
    this.adopt([reply.conversation]);

    return reply.conversation;
  }

  async listConversations(page: { limit?: number; cursor?: string } = {}): Promise<ConversationPage> {
    const reply = await this.connection.request<'conversations'>({ type: 'list_conversations', ...page });
    this.adopt(reply.conversations, reply.totalUnread);

    return {
      conversations: reply.conversations,
      nextCursor: reply.nextCursor,
      totalUnread: reply.totalUnread,
      presence: reply.presence,
    };
  }

  /** Takes conversations from a reply into the cache, and moves outbox items that the peers' positions cover. */
  private adopt(conversations: WireConversation[], totalUnread?: number): void {
    this.cache.put(conversations, totalUnread);
    for (const conversation of conversations) {
      for (const member of conversation.members) {
        if (member.userId === this.user?.userId) continue;
        this.outbox.receipt(conversation.conversationId, member.deliveredSeq, member.readSeq);
      }
    }
  }

  /** Fetches a page of history, newest first, below beforeSeq or from the newest message. */
  async history(conversationId: string, page: { beforeSeq?: number; limit?: number } = {}): Promise<HistoryPage> {
    const reply = await this.connection.request<'history'>({ type: 'history', conversationId, ...page });

    return { messages: reply.messages, hasMore: reply.hasMore, lastSeq: reply.lastSeq };
  }

  /** Marks the conversation read up to seq on every device of the user. */
  markRead(conversationId: string, seq: number): void {
    this.cache.receipt(conversationId, this.user?.userId ?? '', seq, seq);
    if (this.connection.send({ type: 'read', conversationId, seq })) return;
    this.pendingReads.set(conversationId, Math.max(seq, this.pendingReads.get(conversationId) ?? 0));
  }

  /** Call with true on every keystroke and false when the user stops; the SDK paces the frames. */
  setTyping(conversationId: string, active: boolean): void {
    this.outgoingTyping.set(conversationId, active);
  }

  isTyping(conversationId: string, userId: string): boolean {
    return this.incomingTyping.isTyping(conversationId, userId);
  }

  async getPresence(userIds: string[]): Promise<WirePresence[]> {
    const reply = await this.connection.request<'presence_state'>({ type: 'get_presence', userIds });

    return reply.users;
  }

  /** Returns the SDK's current copy of a conversation that was listed or opened before. */
  conversation(conversationId: string): WireConversation | undefined {
    const conversation = this.cache.get(conversationId);

    return conversation && structuredClone(conversation);
  }

  private stateChanged(state: ConnectionState): void {
    if (state === 'online') {
      for (const [conversationId, seq] of this.pendingReads) this.connection.send({ type: 'read', conversationId, seq });
      this.pendingReads.clear();
      this.outbox.flushAll();
      // Receipts and messages that came while offline: one list brings the copies up to date.
      this.listConversations({ limit: 100 }).catch(() => undefined);
    } else {
      this.outgoingTyping.clear();
    }
    this.emit('state', state);
  }

  private receive(frame: ServerFrame): void {
    switch (frame.type) {
      case 'message':
        this.deliver(frame);
        break;
      case 'receipt':
        this.cache.receipt(frame.conversationId, frame.userId, frame.deliveredSeq, frame.readSeq);
        if (frame.userId !== this.user?.userId) {
          this.outbox.receipt(frame.conversationId, frame.deliveredSeq, frame.readSeq);
        }
        this.emit('receipt', frame);
        break;
      case 'presence':
        this.emit('presence', { userId: frame.userId, status: frame.status, lastSeenAt: frame.lastSeenAt });
        break;
      case 'typing':
        if (!this.cache.has(frame.conversationId)) this.relistSoon();
        this.incomingTyping.receive(frame.conversationId, frame.userId, frame.active, frame.ttlMs);
        break;
      case 'gap':
        this.positions.advance(frame.conversationId, frame.toSeq);
        this.emit('gap', frame);
        break;
      default:
        break;
    }
  }

  private deliver(frame: Extract<ServerFrame, { type: 'message' }>): void {
    const { type: _type, ...message } = frame;
    this.queueAck(message.conversationId, message.seq);
    if (!this.positions.advance(message.conversationId, message.seq)) return;
    if (!this.cache.has(message.conversationId)) this.relistSoon();
    this.cache.message(message);
    // A message ends its sender's typing state.
    if (this.incomingTyping.isTyping(message.conversationId, message.senderId)) {
      this.incomingTyping.receive(message.conversationId, message.senderId, false, 0);
    }
    this.emit('message', message);
  }

  private outboxChanged(item: OutboxItem): void {
    if (item.state === 'sent' && item.seq !== undefined && item.messageId !== undefined) {
      this.cache.message({
        conversationId: item.conversationId,
        messageId: item.messageId,
        seq: item.seq,
        senderId: this.user?.userId ?? '',
        senderDeviceId: this.deviceId,
        clientMessageId: item.clientMessageId,
        body: item.body,
        createdAt: item.sentAt ?? item.createdAt,
      });
    }
    this.emit('outbox', item);
  }

  private queueAck(conversationId: string, seq: number): void {
    this.acks.set(conversationId, Math.max(seq, this.acks.get(conversationId) ?? 0));
    this.ackTimer ??= setTimeout(() => {
      this.ackTimer = undefined;
      for (const [ackedConversation, ackedSeq] of this.acks) {
        this.connection.send({ type: 'ack', conversationId: ackedConversation, seq: ackedSeq });
      }
      this.acks.clear();
    }, ACK_DELAY_MS);
  }

  private relistSoon(): void {
    this.relistTimer ??= setTimeout(() => {
      this.relistTimer = undefined;
      this.listConversations().catch(() => undefined);
    }, RELIST_DELAY_MS);
  }

  /** Drops what belongs to the user in memory; the store keeps the outbox for the same user's next login. */
  private forgetUser(): void {
    this.outgoingTyping.clear();
    this.incomingTyping.clear();
    this.cache.clear();
    this.pendingReads.clear();
    this.acks.clear();
  }

  private sessionEnded(reason: string): void {
    this.connection.stop();
    this.forgetUser();
    this.emit('session_ended', reason);
  }
}

function storedDeviceId(store: KeyValueStore): string {
  const stored = store.get(DEVICE_KEY);
  if (stored) return stored;
  const deviceId = `web-${randomId()}`;
  store.set(DEVICE_KEY, deviceId);

  return deviceId;
}

/** Returns a random UUID. randomUUID exists only in secure contexts, so plain http to a LAN address uses the fallback. */
function randomId(): string {
  if (typeof globalThis.crypto.randomUUID === 'function') return globalThis.crypto.randomUUID();
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');

  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
