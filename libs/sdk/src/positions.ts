import { readJson, type KeyValueStore } from './store';

const POSITIONS_KEY = 'positions';
/** Write the positions to the store at most this often (ms). */
const SAVE_DELAY_MS = 500;

/**
 * The highest seq this device has passed to the application, per
 * conversation. A connection delivers each conversation in seq order, and
 * the catch-up after a reconnect starts at or below this position, so any
 * message at or below it is one the application has already seen.
 */
export class DeliveredPositions {
  private readonly seqs: Map<string, number>;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly store: KeyValueStore) {
    this.seqs = new Map(Object.entries(readJson<Record<string, number>>(store, POSITIONS_KEY) ?? {}));
  }

  get(conversationId: string): number {
    return this.seqs.get(conversationId) ?? 0;
  }

  /** Records seq; false when the conversation is already at or past it, i.e. a repeat. */
  advance(conversationId: string, seq: number): boolean {
    if (seq <= this.get(conversationId)) return false;
    this.seqs.set(conversationId, seq);
    this.saveSoon();

    return true;
  }

  /** Forgets every position, for a store that passes to another user. */
  clear(): void {
    this.seqs.clear();
    this.flush();
  }

  flush(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    this.store.set(POSITIONS_KEY, JSON.stringify(Object.fromEntries(this.seqs)));
  }

  private saveSoon(): void {
    if (this.saveTimer) return;
    this.saveTimer = setTimeout(() => this.flush(), SAVE_DELAY_MS);
  }
}
