import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  OnApplicationBootstrap,
} from '@nestjs/common';
import type { Logger } from '@messenger/logging';
import { serviceMetrics } from '@messenger/observability';
import { PresenceConfig } from '../config/presence.config';
import { LOGGER, PRESENCE_CONFIG } from '../infrastructure/injection-tokens';
import { PresenceRepository } from './presence.repository';
import { TransitionPublisher } from './transition.publisher';

/** Maximum queue entries that one sweep script call takes, so that no call blocks Redis for long. */
export const SWEEP_BATCH_SIZE = 500;
/** Maximum script calls per sweep. A larger backlog continues on the next sweep. */
const MAX_BATCHES_PER_SWEEP = 20;
/** Consecutive sweep failures are logged on the first one and then on every 60th. */
const FAILURE_LOG_EVERY = 60;

/**
 * Sets users offline whose devices all expired. It runs every
 * sweepIntervalMs, counted from the end of the previous sweep. Every presence
 * instance runs one, and the sweep script keeps them from reporting a
 * transition twice.
 */
@Injectable()
export class PresenceSweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly devicesTracked = serviceMetrics().gauge(
    'devices',
    'Devices that are online or within their disconnect grace, as of the last sweep',
  );
  private readonly sweepFailures = serviceMetrics().counter('sweep_failures_total', 'Sweeps that failed');
  private readonly logger: Logger;
  private timer?: NodeJS.Timeout;
  private currentSweep?: Promise<void>;
  private consecutiveFailures = 0;
  private running = false;

  constructor(
    private readonly repository: PresenceRepository,
    private readonly transitions: TransitionPublisher,
    @Inject(PRESENCE_CONFIG) private readonly config: PresenceConfig,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'sweeper' });
  }

  onApplicationBootstrap(): void {
    this.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule();
    this.logger.info({ intervalMs: this.config.sweepIntervalMs }, 'presence sweeper started');
  }

  /** Stops scheduling sweeps and waits for the running one, including its publishes. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    clearTimeout(this.timer);
    await this.currentSweep;
    this.logger.info('presence sweeper stopped');
  }

  /** Runs one sweep and publishes its offline transitions. Returns the number of users set offline. */
  async sweepOnce(): Promise<number> {
    let wentOffline = 0;
    for (let batch = 0; batch < MAX_BATCHES_PER_SWEEP; batch++) {
      const result = await this.repository.sweepExpired(SWEEP_BATCH_SIZE);
      this.devicesTracked.set(result.devicesTracked);
      // NOTE: each event is its own producer request, so a mass disconnect of
      // N users takes N Kafka round trips before the next sweep starts.
      for (const transition of result.wentOffline) {
        await this.transitions.publish({
          userId: transition.userId,
          status: 'offline',
          lastSeenAt: transition.lastSeenAt,
          at: result.at,
        });
      }
      wentOffline += result.wentOffline.length;
      if (result.entriesTaken < SWEEP_BATCH_SIZE) break;
    }

    return wentOffline;
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.currentSweep = this.runScheduledSweep().finally(() => {
        this.currentSweep = undefined;
        if (this.running) this.schedule();
      });
    }, this.config.sweepIntervalMs);
  }

  private async runScheduledSweep(): Promise<void> {
    try {
      await this.sweepOnce();
      if (this.consecutiveFailures > 0) {
        this.logger.info({ failures: this.consecutiveFailures }, 'presence sweep recovered');
        this.consecutiveFailures = 0;
      }
    } catch (error) {
      this.sweepFailures.inc();
      if (this.consecutiveFailures % FAILURE_LOG_EVERY === 0) {
        this.logger.error({ err: error, failures: this.consecutiveFailures + 1 }, 'presence sweep failed');
      }
      this.consecutiveFailures++;
    }
  }
}
