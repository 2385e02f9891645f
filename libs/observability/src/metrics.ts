import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Latency buckets in seconds, from 0.5 ms to 10 s. */
export const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Prometheus metrics of one service, named messenger_<service>_<name>_<unit>.
 * One instance per process, created by initMetrics at start-up.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly prefix: string;

  constructor(readonly service: string) {
    this.prefix = `messenger_${service}_`;
    collectDefaultMetrics({ register: this.registry, prefix: this.prefix });
  }

  counter<L extends string>(name: string, help: string, labelNames: L[] = []): Counter<L> {
    return this.getOrCreate(name, () => new Counter({ name: this.prefix + name, help, labelNames, registers: [this.registry] }));
  }

  gauge<L extends string>(name: string, help: string, labelNames: L[] = []): Gauge<L> {
    return this.getOrCreate(name, () => new Gauge({ name: this.prefix + name, help, labelNames, registers: [this.registry] }));
  }

  histogram<L extends string>(name: string, help: string, labelNames: L[] = [], buckets = LATENCY_BUCKETS): Histogram<L> {
    return this.getOrCreate(
      name,
      () => new Histogram({ name: this.prefix + name, help, labelNames, buckets, registers: [this.registry] }),
    );
  }

  private getOrCreate<M>(name: string, create: () => M): M {
    const existing = this.registry.getSingleMetric(this.prefix + name);

    return (existing as M | undefined) ?? create();
  }
}

let current: ServiceMetrics | undefined;

export function initMetrics(service: string): ServiceMetrics {
  current = new ServiceMetrics(service);

  return current;
}

/** Returns the process's metrics; before initMetrics (as in unit tests) a throwaway set named "test". */
export function serviceMetrics(): ServiceMetrics {
  current ??= new ServiceMetrics('test');

  return current;
}

/** Observes the duration of fn in seconds, labelled with its outcome. */
export async function timed<T>(
  histogram: Histogram<'operation' | 'outcome'>,
  operation: string,
  fn: () => Promise<T>,
): Promise<T> {
  const end = histogram.startTimer({ operation });
  try {
    const result = await fn();
    end({ outcome: 'ok' });

    return result;
  } catch (error) {
    end({ outcome: 'error' });
    throw error;
  }
}
