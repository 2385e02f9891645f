import { bootstrapService, runService } from '@messenger/bootstrap';
import { PRESENCE_SERVICE } from '@messenger/grpc';
import { createAppModule } from './app.module';
import { readPresenceConfig } from './config/presence.config';

runService('presence', async () => {
  const config = readPresenceConfig();
  await bootstrapService({
    name: 'presence',
    module: (logger) => createAppModule(config, logger),
    http: { host: config.httpHost, port: config.httpPort },
    metrics: { host: config.metricsHost, port: config.metricsPort },
    grpc: { host: config.grpcHost, port: config.grpcPort, contracts: [PRESENCE_SERVICE] },
  });
});
