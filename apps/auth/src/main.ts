import 'reflect-metadata';
import { bootstrapService, runService } from '@messenger/bootstrap';
import { AUTH_SERVICE } from '@messenger/grpc';
import { authAppModule } from './auth.module';
import { readAuthConfig } from './config/auth.config';

runService('auth', async () => {
  const config = readAuthConfig();
  await bootstrapService({
    name: 'auth',
    module: (logger) => authAppModule({ config, logger }),
    http: { host: config.httpHost, port: config.httpPort },
    metrics: { host: config.metricsHost, port: config.metricsPort },
    grpc: { host: config.grpcHost, port: config.grpcPort, contracts: [AUTH_SERVICE] },
  });
});
