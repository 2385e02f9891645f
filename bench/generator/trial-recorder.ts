import type { OutgoingMessage } from './bench-client';
import { emptyHistogram, recordMicros } from './histogram';
import type { LoadStats } from './worker-protocol';

const BODY = 'benchmark message of about sixty characters, like a chat line';

interface PairLedger {
  nextNumber: number;
  /** Scheduled send time of each message not yet delivered, by its number. */
  pending: Map<number, number>;
  delivered: Set<number>;
}

/**
 * Ledger of one load command in one worker: which messages each pair sent,
 * which arrived, how late, and which arrived twice. Message ids are
 * "<trial tag>.<pair>.<number>", so that messages of an earlier trial are
 * recognised and left out.
 */
export class TrialRecorder {
  redelivered = 0;
  rejected = 0;
  private ledgers: PairLedger[] = [];
  private trialTag = '';
  private stats = this.emptyStats();

  constructor(private readonly pairCount: number) {}

  start(trialTag: string): void {
    this.trialTag = trialTag;
    this.ledgers = Array.from({ length: this.pairCount }, () => ({ nextNumber: 0, pending: new Map(), delivered: new Set() }));
    this.stats = this.emptyStats();
    this.redelivered = 0;
    this.rejected = 0;
  }

  issue(pair: number, scheduledAt: number, now: number, conversationId: string | undefined, to: string): OutgoingMessage {
    const ledger = this.ledgers[pair];
    const number = ledger.nextNumber++;
    ledger.pending.set(number, scheduledAt);
    this.stats.sent++;
    this.stats.maxScheduleLagMs = Math.max(this.stats.maxScheduleLagMs, now - scheduledAt);

    return { messageId: `${this.trialTag}.${pair}.${number}`, to, conversationId, body: BODY };
  }

  recordDelivery(pair: number, messageId: string): void {
    const [tag, pairText, numberText] = messageId.split('.');
    const ledger = this.ledgers[pair];
    if (tag !== this.trialTag || ledger === undefined || Number(pairText) !== pair) {
      this.stats.stale++;

      return;
    }
    const number = Number(numberText);
    const scheduledAt = ledger.pending.get(number);
    if (scheduledAt !== undefined) {
      recordMicros(this.stats.latency, (performance.now() - scheduledAt) * 1000);
      ledger.pending.delete(number);
      ledger.delivered.add(number);
      this.stats.delivered++;
    } else if (ledger.delivered.has(number)) {
      this.stats.duplicates++;
    } else {
      this.stats.stale++;
    }
  }

  pendingCount(): number {
    return this.ledgers.reduce((sum, ledger) => sum + ledger.pending.size, 0);
  }

  finish(elapsedMs: number): LoadStats {
    const undelivered = this.pendingCount();
    const stats: LoadStats = {
      ...this.stats,
      undelivered,
      redelivered: this.redelivered,
      rejected: this.rejected,
      elapsedMs,
      latency: { ...this.stats.latency, missing: undelivered },
    };
    this.trialTag = '';

    return stats;
  }

  private emptyStats(): LoadStats {
    return {
      sent: 0,
      delivered: 0,
      duplicates: 0,
      redelivered: 0,
      stale: 0,
      undelivered: 0,
      rejected: 0,
      maxScheduleLagMs: 0,
      latency: emptyHistogram(),
      elapsedMs: 0,
    };
  }
}
