/** Frames a client sends. Every frame is one JSON object with a "type". */
export interface SendFrame {
  type: 'send';
  id?: string;
  conversationId: string;
  clientMessageId: string;
  /** May be empty when attachments is not. */
  body: string;
  /** File ids from the media upload API, at most MAX_ATTACHMENTS, each at most once. */
  attachments?: string[];
}

/** Delivered up to seq on this device. No reply on success; an id is echoed in an error frame. */
export interface AckFrame {
  type: 'ack';
  id?: string;
  conversationId: string;
  seq: number;
}

/** Read up to seq. No reply on success; an id is echoed in an error frame. */
export interface ReadFrame {
  type: 'read';
  id?: string;
  conversationId: string;
  seq: number;
}

export interface HeartbeatFrame {
  type: 'heartbeat';
  id?: string;
}

export interface OpenConversationFrame {
  type: 'open_conversation';
  id?: string;
  username: string;
}

/** A page of the user's conversations, the most recently active first. */
export interface ListConversationsFrame {
  type: 'list_conversations';
  id?: string;
  /** 1-100, 50 by default. */
  limit?: number;
  /** nextCursor of the previous page. */
  cursor?: string;
}

export interface HistoryFrame {
  type: 'history';
  id?: string;
  conversationId: string;
  beforeSeq?: number;
  afterSeq?: number;
  limit?: number;
}

export interface SyncFrame {
  type: 'sync';
  id?: string;
  conversationId: string;
  afterSeq: number;
}

export interface GetPresenceFrame {
  type: 'get_presence';
  id?: string;
  userIds: string[];
}

/**
 * The user started (active) or stopped typing in a conversation. Not stored;
 * sent on to the other members' connected devices. No reply on success; an
 * id is echoed in an error frame. Clients repeat an active frame while the
 * user keeps typing, at most every TYPING_REFRESH_MS.
 */
export interface TypingFrame {
  type: 'typing';
  id?: string;
  conversationId: string;
  active: boolean;
}

export interface RefreshTokenFrame {
  type: 'refresh_token';
  id?: string;
  accessToken: string;
}

export type ClientFrame =
  | SendFrame
  | AckFrame
  | ReadFrame
  | HeartbeatFrame
  | OpenConversationFrame
  | ListConversationsFrame
  | HistoryFrame
  | SyncFrame
  | GetPresenceFrame
  | TypingFrame
  | RefreshTokenFrame;

export type ClientFrameType = ClientFrame['type'];

/** A WebP preview of an image attachment. */
export interface WireThumbnail {
  /** Variant name in download URLs, e.g. "thumbnail-320". */
  variant: string;
  width: number;
  height: number;
}

/** A file sent with a message; GET /v1/media/files/{fileId} returns its download URLs. */
export interface WireAttachment {
  fileId: string;
  /** Media type detected from the content, e.g. "image/png". */
  type: string;
  /** Size in bytes. */
  size: number;
  /** Display name; absent when the uploader gave none. */
  name?: string;
  /** Pixel dimensions; images only. */
  width?: number;
  height?: number;
  /** Smallest first; empty for files that are not images. */
  thumbnails: WireThumbnail[];
}

/** Message fields as they travel to clients. */
export interface WireMessage {
  conversationId: string;
  messageId: string;
  seq: number;
  senderId: string;
  senderDeviceId: string;
  clientMessageId: string;
  body: string;
  createdAt: number;
  /** The server always sends this list, empty for a message without files. */
  attachments?: WireAttachment[];
}

export interface WireMember {
  userId: string;
  username: string;
  deliveredSeq: number;
  readSeq: number;
}

export interface WireConversation {
  conversationId: string;
  kind: string;
  members: WireMember[];
  lastSeq: number;
  createdAt: number;
  /** The newest message; absent before the first one. */
  lastMessage?: WireMessage;
  /** Time of the newest message, or of the creation before the first message (ms). */
  lastActivityAt: number;
  /** Messages after the receiving user's read position. */
  unreadCount: number;
}

/** A member's typing state as it travels to the other members. */
export interface WireTyping {
  conversationId: string;
  userId: string;
  active: boolean;
  /** How long after receipt (ms) an active state ends unless a newer frame arrives. */
  ttlMs: number;
  /** The same moment in the server's clock (ms). */
  expiresAt: number;
}

export type PresenceState = 'online' | 'offline';

export interface WirePresence {
  userId: string;
  status: PresenceState;
  lastSeenAt: number;
}

/** Frames the gateway sends. */
export type ServerFrame =
  | {
      type: 'welcome';
      protocolVersion: number;
      connectionId: string;
      userId: string;
      deviceId: string;
      heartbeatIntervalMs: number;
      maxFrameBytes: number;
      tokenExpiresAt: number;
    }
  | ({ type: 'message' } & WireMessage)
  | {
      type: 'sent';
      id?: string;
      conversationId: string;
      clientMessageId: string;
      messageId: string;
      seq: number;
      createdAt: number;
      duplicate: boolean;
    }
  | { type: 'receipt'; conversationId: string; userId: string; deliveredSeq: number; readSeq: number }
  | ({ type: 'presence' } & WirePresence)
  | ({ type: 'typing' } & WireTyping)
  | { type: 'presence_state'; id?: string; users: WirePresence[] }
  | { type: 'conversation'; id?: string; conversation: WireConversation }
  | {
      type: 'conversations';
      id?: string;
      conversations: WireConversation[];
      /** Present when more conversations follow; send it as cursor for the next page. */
      nextCursor?: string;
      /** Unread messages over all of the user's conversations. */
      totalUnread: number;
      /** Presence of the other members of the listed conversations. */
      presence: WirePresence[];
    }
  | {
      type: 'history';
      id?: string;
      conversationId: string;
      messages: WireMessage[];
      hasMore: boolean;
      lastSeq: number;
    }
  | { type: 'synced'; id?: string; conversationId: string; lastSeq: number }
  | { type: 'gap'; conversationId: string; fromSeq: number; toSeq: number; reason: string }
  | { type: 'heartbeat_ack'; id?: string }
  | { type: 'token_refreshed'; id?: string; expiresAt: number }
  | { type: 'error'; id?: string; code: string; message: string; retryAfterMs?: number; conversationId?: string };

export type ServerFrameType = ServerFrame['type'];
