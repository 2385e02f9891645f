import { Controller, Get, Injectable, Res } from '@nestjs/common';
import type { Response } from 'express';

export interface HealthCheck {
  /** Name of the dependency, e.g. "cassandra". */
  name: string;
  /** Resolves when the dependency responds; rejects with the reason otherwise. */
  check(): Promise<void>;
}

export interface HealthReport {
  status: 'ok' | 'unavailable';
  checks: Record<string, { status: 'ok' | 'unavailable'; latencyMs: number; error?: string }>;
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
    const healthy = results.every(([, result]) => result.status === 'ok');

    return { status: healthy ? 'ok' : 'unavailable', checks };
  }
}

async function runCheck(check: HealthCheck): Promise<[string, HealthReport['checks'][string]]> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check.check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
      }),
    ]);

    return [check.name, { status: 'ok', latencyMs: Math.round(performance.now() - started) }];
  } catch (error) {
    const latencyMs = Math.round(performance.now() - started);

    return [check.name, { status: 'unavailable', latencyMs, error: (error as Error).message }];
  } finally {
    clearTimeout(timer);
  }
}

/**
 * GET /health/ready reports every dependency, with 503 when one is down.
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
    response.status(report.status === 'ok' ? 200 : 503).json(report);
  }

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
