import { TYPING_REFRESH_MS } from '@messenger/protocol';

/** Maximum number of conversations whose typing state one connection keeps; the oldest is dropped first. */
const MAX_TRACKED_CONVERSATIONS = 100;

interface TypingEntry {
  /** When the last start was forwarded (ms). */
  lastStart: number;
  typing: boolean;
}

/**
 * Decides which typing frames of one connection the gateway forwards, so
 * that repeats cost no gRPC call: a start at most every TYPING_REFRESH_MS per
 * conversation, and a stop only after a forwarded start. The message service
 * applies the same rule per user over all connections.
 */
export class TypingThrottle {
  private readonly entries = new Map<string, TypingEntry>();

  constructor(private readonly intervalMs = TYPING_REFRESH_MS) {}

  admit(conversationId: string, active: boolean, now = Date.now()): boolean {
    const entry = this.entries.get(conversationId);
    if (!active) {
      if (!entry?.typing) return false;
      entry.typing = false;

      return true;
    }
    if (entry && now - entry.lastStart < this.intervalMs) return false;

    this.entries.delete(conversationId);
    if (this.entries.size >= MAX_TRACKED_CONVERSATIONS) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    this.entries.set(conversationId, { lastStart: now, typing: true });

    return true;
  }

  /** Drops the state of a conversation whose frame was rejected, e.g. by a non-member. */
  forget(conversationId: string): void {
    this.entries.delete(conversationId);
  }
}
