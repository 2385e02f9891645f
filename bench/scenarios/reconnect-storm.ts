import type { BenchOptions } from '../options';
import { round } from '../systems/process-stats';
import { sleep } from '../systems/server-process';
import type { SystemUnderTest } from '../systems/system-under-test';
import { connectGenerator, trialTag, waitForQuiet } from './measurement';

const POLL_MS = 100;
const RESUMED_FRACTION = 0.99;

export interface StormResult {
  connections: number;
  dropped: number;
  restartSeconds: number;
  /** From the stop signal until 99 % of the connections were resumed, or null when that did not happen within the timeout. */
  secondsTo99PercentResumed: number | null;
  sent: number;
  delivered: number;
  /** Messages sent but not delivered when the drain ended. */
  lost: number;
  duplicates: number;
  redelivered: number;
  rejected: number;
}

/**
 * Scenario 4: pairs exchange messages at a low rate while every process that
 * serves their connections is restarted (SIGTERM, then started again), which
 * drops all connections at once. Clients reconnect after a random delay of
 * up to reconnectJitterMs and resume (the platform catches up from the last
 * acknowledged position, Centrifugo recovers from history). Counts the time
 * until 99 % are back, and the messages lost or duplicated.
 */
export async function runReconnectStorm(system: SystemUnderTest, options: BenchOptions): Promise<StormResult> {
  await waitForQuiet(system);
  const { generator, outcome } = await connectGenerator(system, options, { pairs: options.stormPairs, idle: 0 });
  try {
    const loadMs = options.stormSeconds * 1000;
    const load = generator.load({
      trialTag: trialTag(),
      ratePerSecond: options.stormRate,
      durationMs: loadMs,
      drainMs: options.stormResumeTimeoutSeconds * 1000,
    });
    await sleep(loadMs / 3);

    await generator.markStorm();
    const stormAt = performance.now();
    await system.restartConnectionServers();
    const restartSeconds = round((performance.now() - stormAt) / 1000, 2);

    const total = outcome.open;
    const deadline = stormAt + options.stormResumeTimeoutSeconds * 1000;
    let secondsTo99PercentResumed: number | null = null;
    let dropped = 0;
    while (performance.now() < deadline) {
      const counters = await generator.counters();
      dropped = counters.droppedSinceMark;
      const resumed = counters.resumedAfterMs.filter((value): value is number => value !== null).sort((a, b) => a - b);
      const stayed = total - counters.droppedSinceMark;
      const needed = Math.ceil(total * RESUMED_FRACTION) - stayed;
      if (needed <= 0 && dropped > 0) {
        secondsTo99PercentResumed = 0;
        break;
      }
      if (needed > 0 && resumed.length >= needed) {
        secondsTo99PercentResumed = round(resumed[needed - 1] / 1000, 2);
        break;
      }
      await sleep(POLL_MS);
    }
    const stats = await load;

    return {
      connections: total,
      dropped,
      restartSeconds,
      secondsTo99PercentResumed,
      sent: stats.sent,
      delivered: stats.delivered,
      lost: stats.undelivered,
      duplicates: stats.duplicates,
      redelivered: stats.redelivered,
      rejected: stats.rejected,
    };
  } finally {
    await generator.close();
  }
}
