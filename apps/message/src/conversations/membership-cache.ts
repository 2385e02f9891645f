/**
 * Bounded cache of conversation members, evicting the least recently used
 * entry. Members of a direct conversation never change, so entries need no
 * expiry; group membership changes must call invalidate.
 */
export class MembershipCache {
  private readonly entries = new Map<string, readonly string[]>();

  constructor(private readonly capacity = 50_000) {}

  get(conversationId: string): readonly string[] | undefined {
    const members = this.entries.get(conversationId);
    if (members) {
      this.entries.delete(conversationId);
      this.entries.set(conversationId, members);
    }

    return members;
  }

  set(conversationId: string, members: readonly string[]): void {
    this.entries.delete(conversationId);
    this.entries.set(conversationId, members);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  invalidate(conversationId: string): void {
    this.entries.delete(conversationId);
  }
}
