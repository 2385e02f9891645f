import http from 'node:http';
import type { Logger } from 'pino';
import { ServiceMetrics } from './metrics';

/** Path that the metrics server serves, and that the Helm chart's ServiceMonitor scrapes. */
export const METRICS_PATH = '/metrics';

/** Serves GET /metrics on its own port, apart from the service's public port. */
export async function startMetricsServer(
  metrics: ServiceMetrics,
  host: string,
  port: number,
  logger: Logger,
): Promise<http.Server> {
  const server = http.createServer((request, response) => {
    if (request.method !== 'GET' || request.url !== METRICS_PATH) {
      response.writeHead(404).end();

      return;
    }
    metrics.registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
      (error: Error) => {
        logger.error({ err: error }, 'metrics collection failed');
        response.writeHead(500).end();
      },
    );
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  logger.info({ host, port }, 'metrics server listening');

  return server;
}
