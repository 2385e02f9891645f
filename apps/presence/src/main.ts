import { bootstrapService } from '@messenger/bootstrap';
import { PRESENCE_SERVICE } from '@messenger/grpc';
import { createLogger } from '@messenger/logging';
import { createAppModule } from './app.module';
import { readPresenceConfig } from './config/presence.config';

async function main(): Promise<void> {
  const config = readPresenceConfig();
  await bootstrapService({
    name: 'presence',
    module: (logger) => createAppModule(config, logger),
    http: { host: config.httpHost, port: config.httpPort },
    metrics: { host: config.metricsHost, port: config.metricsPort },
    grpc: { host: config.grpcHost, port: config.grpcPort, contracts: [PRESENCE_SERVICE] },
  });
}

main().catch((error: unknown) => {
  createLogger('presence').fatal({ err: error }, 'presence failed to start');
  process.exit(1);
});
