/** Repeat an active typing frame this often while the user keeps typing (ms); the server forwards no more. */
export const TYPING_REFRESH_MS = 2_000;
/** Send a stop this long after the last keystroke (ms). */
export const TYPING_IDLE_MS = 4_000;

export interface TypingChange {
  conversationId: string;
  userId: string;
  active: boolean;
}

/**
 * The user's own typing: turns a call per keystroke into an active frame
 * every TYPING_REFRESH_MS and one stop when the keystrokes end.
 */
export class OutgoingTyping {
  private readonly states = new Map<string, { sentAt: number; idle: ReturnType<typeof setTimeout> }>();

  constructor(private readonly sendFrame: (conversationId: string, active: boolean) => void) {}

  set(conversationId: string, active: boolean): void {
    const state = this.states.get(conversationId);
    if (!active) {
      if (!state) return;
      clearTimeout(state.idle);
      this.states.delete(conversationId);
      this.sendFrame(conversationId, false);

      return;
    }
    const now = Date.now();
    if (state) clearTimeout(state.idle);
    const idle = setTimeout(() => this.set(conversationId, false), TYPING_IDLE_MS);
    if (!state || now - state.sentAt >= TYPING_REFRESH_MS) {
      this.states.set(conversationId, { sentAt: now, idle });
      this.sendFrame(conversationId, true);
    } else {
      state.idle = idle;
    }
  }

  clear(): void {
    for (const state of this.states.values()) clearTimeout(state.idle);
    this.states.clear();
  }
}

/**
 * Other members' typing: an active state lasts ttlMs from receipt unless a
 * newer frame arrives, so a typist who vanished stops showing as typing.
 */
export class IncomingTyping {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly changed: (change: TypingChange) => void) {}

  receive(conversationId: string, userId: string, active: boolean, ttlMs: number): void {
    const key = `${conversationId}/${userId}`;
    const wasActive = this.timers.has(key);
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    if (active) {
      this.timers.set(
        key,
        setTimeout(() => this.receive(conversationId, userId, false, 0), ttlMs),
      );
    }
    if (active !== wasActive) this.changed({ conversationId, userId, active });
  }

  /** Returns whether the user is typing in the conversation right now. */
  isTyping(conversationId: string, userId: string): boolean {
    return this.timers.has(`${conversationId}/${userId}`);
  }

  clear(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
