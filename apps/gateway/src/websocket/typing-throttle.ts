import { TYPING_REFRESH_MS } from '@messenger/protocol';

/** Maximum number of conversations whose last forwarding time one connection keeps; the oldest is dropped first. */
const MAX_TRACKED_CONVERSATIONS = 100;

/**
 * Decides which typing frames of one connection the gateway forwards: an
 * active frame at most every TYPING_REFRESH_MS per conversation, and every
 * inactive one, which also lets the next active frame through at once.
 */
export class TypingThrottle {
  private readonly forwardedAt = new Map<string, number>();

  constructor(private readonly intervalMs = TYPING_REFRESH_MS) {}

  admit(conversationId: string, active: boolean, now = Date.now()): boolean {
    if (!active) {
      this.forwardedAt.delete(conversationId);

      return true;
    }
    const last = this.forwardedAt.get(conversationId);
    if (last !== undefined && now - last < this.intervalMs) return false;

    this.forwardedAt.delete(conversationId);
    if (this.forwardedAt.size >= MAX_TRACKED_CONVERSATIONS) {
      const oldest = this.forwardedAt.keys().next().value as string;
      this.forwardedAt.delete(oldest);
    }
    this.forwardedAt.set(conversationId, now);

    return true;
  }
}
