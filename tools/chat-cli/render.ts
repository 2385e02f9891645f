import type { PresenceState, WireConversation } from '@messenger/protocol';
import type { OwnMessageState } from './message-state';

const MAX_QUOTED_BODY_LENGTH = 40;

// C0 and C1 control characters except line feed, and DEL: a peer could
// otherwise move the cursor or recolor the terminal with escape sequences.
const CONTROL_CHARACTERS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;

/** Replaces control characters (except line feeds) with U+FFFD so that text from the network cannot drive the terminal. */
export function sanitizeForTerminal(text: string): string {
  return text.replace(CONTROL_CHARACTERS, '\ufffd');
}

/** Formats Unix ms as local HH:MM. */
export function formatClock(timestamp: number): string {
  const date = new Date(timestamp);

  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

/** Formats the suffix that shows an own message's state: sending, sent (✓), delivered (✓✓), read. */
export function formatState(state: OwnMessageState): string {
  switch (state) {
    case 'sending':
      return 'sending…';
    case 'sent':
      return '✓ sent';
    case 'delivered':
      return '✓✓ delivered';
    case 'read':
      return 'read';
    case 'failed':
      return 'not sent';
  }
}

/** Formats one chat line, `[12:03] bob: hi`, with the state in brackets for own messages and continuation lines indented. */
export function formatMessageLine(createdAt: number, sender: string, body: string, state?: OwnMessageState): string {
  const prefix = `[${formatClock(createdAt)}] ${sender}: `;
  const text = body.replace(/\n/g, `\n${' '.repeat(prefix.length)}`);

  return state ? `${prefix}${text} (${formatState(state)})` : `${prefix}${text}`;
}

/** Formats the line printed when an own message changes state, quoting the start of its body. */
export function formatStateChange(body: string, state: OwnMessageState): string {
  return `  "${quote(body)}" → ${formatState(state)}`;
}

/** Formats a live presence change: `bob is online` or `bob went offline, last seen 12:04`. */
export function formatPresenceChange(username: string, status: PresenceState, lastSeenAt: number): string {
  return status === 'online' ? `${username} is online` : `${username} went offline${lastSeen(lastSeenAt)}`;
}

/** Formats a presence snapshot from get_presence: `bob is online` or `bob is offline, last seen 12:04`. */
export function formatPresenceState(username: string, status: PresenceState, lastSeenAt: number): string {
  return status === 'online' ? `${username} is online` : `${username} is offline${lastSeen(lastSeenAt)}`;
}

/** Counts the messages in a conversation that the user has not read. */
export function unreadCount(conversation: WireConversation, selfUserId: string): number {
  const self = conversation.members.find((member) => member.userId === selfUserId);

  return Math.max(0, conversation.lastSeq - (self?.readSeq ?? 0));
}

/** Joins the other members' usernames, or returns the user's own name for a conversation with themselves. */
export function conversationTitle(conversation: WireConversation, selfUserId: string): string {
  const others = conversation.members.filter((member) => member.userId !== selfUserId);
  const names = (others.length > 0 ? others : conversation.members).map((member) => member.username || member.userId);

  return names.join(', ');
}

/** Formats one row of /list: `bob  last #12  unread 3`. */
export function formatConversationRow(conversation: WireConversation, selfUserId: string, width: number): string {
  const title = conversationTitle(conversation, selfUserId).padEnd(width);

  return `  ${title}  last #${conversation.lastSeq}  unread ${unreadCount(conversation, selfUserId)}`;
}

function quote(body: string): string {
  const oneLine = body.replace(/\s+/g, ' ');

  return oneLine.length > MAX_QUOTED_BODY_LENGTH ? `${oneLine.slice(0, MAX_QUOTED_BODY_LENGTH - 1)}…` : oneLine;
}

function lastSeen(lastSeenAt: number): string {
  return lastSeenAt > 0 ? `, last seen ${formatClock(lastSeenAt)}` : '';
}

/**
 * Describes an error in one line, without a stack trace. A failed fetch names
 * its cause, such as "connect ECONNREFUSED 127.0.0.1:8080". An access token
 * in a WebSocket URL that a library quotes is replaced with "redacted".
 */
export function describeError(error: unknown): string {
  return redactTokens(errorText(error));
}

function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error) {
    const detail = cause.message || (cause as { code?: string }).code;
    if (detail) return `${error.message}: ${detail}`;
  }

  return error.message;
}

function redactTokens(text: string): string {
  return text.replace(/access_token=[^&\s]+/g, 'access_token=redacted');
}
