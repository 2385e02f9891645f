import { createLogger } from '@messenger/logging';
import { readWebConfig } from './web.config';
import { WebServer } from './web-server';

const logger = createLogger('web');

process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));
process.on('uncaughtException', (error) => {
  logger.fatal({ err: error }, 'uncaught exception, exiting');
  process.exit(1);
});

async function start(): Promise<void> {
  const config = readWebConfig();
  const web = new WebServer({
    staticDir: config.staticDir,
    gatewayUrls: config.gatewayUrls,
    mediaUrls: config.mediaUrls,
    logger,
  });
  await web.assertBuilt();
  const address = await web.listen(config.port, config.host);
  logger.info(
    {
      version: process.env.npm_package_version ?? '0.1.0',
      node: process.version,
      http: `${address.address}:${address.port}`,
      staticDir: config.staticDir,
      gateways: config.gatewayUrls.map((url) => url.origin),
    },
    'web started',
  );

  const stop = (signal: string) => {
    logger.info({ signal }, 'web stopping');
    web
      .close(config.shutdownGraceMs)
      .then(() => {
        logger.info('web stopped');
        process.exit(0);
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

start().catch((error: unknown) => {
  logger.fatal({ err: error }, 'web failed to start');
  process.exit(1);
});
