import { Controller, Get, Injectable, Res } from '@nestjs/common';
import type { Response } from 'express';

export interface HealthCheck {
  /** Name of the dependency, e.g. "cassandra". */
  name: string;
  /** Resolves when the dependency responds; rejects with the reason otherwise. */
  check(): Promise<void>;
  /**
   * False for a dependency that the service can serve requests without, such
   * as Kafka for events published in the background. Its failure is reported
   * but leaves the service ready, so that one outage does not take every pod
   * out of its Service at once. Defaults to true.
   */
  required?: boolean;
}

export interface HealthReport {
  /** "degraded": every required dependency responds, some optional one does not. */
  status: 'ok' | 'degraded' | 'unavailable';
  checks: Record<string, { status: 'ok' | 'unavailable'; required: boolean; latencyMs: number; error?: string }>;
}

const CHECK_TIMEOUT_MS = 2000;

/** Collects the dependency checks of a service; each module registers its own. */
@Injectable()
export class HealthRegistry {
  private readonly checks: HealthCheck[] = [];

  register(check: HealthCheck): void {
    this.checks.push(check);
  }

  async report(): Promise<HealthReport> {
    const results = await Promise.all(this.checks.map((check) => runCheck(check)));
    const checks = Object.fromEntries(results);
    const failed = results.filter(([, result]) => result.status !== 'ok');
    let status: HealthReport['status'] = 'ok';
    if (failed.some(([, result]) => result.required)) status = 'unavailable';
    else if (failed.length > 0) status = 'degraded';

    return { status, checks };
  }
}

async function runCheck(check: HealthCheck): Promise<[string, HealthReport['checks'][string]]> {
  const started = performance.now();
  const required = check.required ?? true;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check.check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
      }),
    ]);

    return [check.name, { status: 'ok', required, latencyMs: Math.round(performance.now() - started) }];
  } catch (error) {
    const latencyMs = Math.round(performance.now() - started);

    return [check.name, { status: 'unavailable', required, latencyMs, error: (error as Error).message }];
  } finally {
    clearTimeout(timer);
  }
}

/**
 * GET /health/ready reports every dependency, with 503 when a required one is
 * down (200 with status "degraded" when only optional ones are).
 * GET /health/live only confirms that the process serves requests, so that a
 * slow dependency does not get the pod restarted. GET /health is the
 * readiness report.
 */
@Controller('health')
export class HealthController {
  constructor(private readonly registry: HealthRegistry) {}

  @Get()
  async health(@Res() response: Response): Promise<void> {
    await this.ready(response);
  }

  @Get('ready')
  async ready(@Res() response: Response): Promise<void> {
    const report = await this.registry.report();
    response.status(report.status === 'unavailable' ? 503 : 200).json(report);
  }

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
