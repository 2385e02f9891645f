import 'reflect-metadata';
import { bootstrapService } from '@messenger/bootstrap';
import { AUTH_SERVICE } from '@messenger/grpc';
import { createLogger } from '@messenger/logging';
import { authAppModule } from './auth.module';
import { readAuthConfig } from './config/auth.config';

async function main(): Promise<void> {
  const config = readAuthConfig();
  await bootstrapService({
    name: 'auth',
    module: (logger) => authAppModule({ config, logger }),
    http: { host: config.httpHost, port: config.httpPort },
    metrics: { host: config.metricsHost, port: config.metricsPort },
    grpc: { host: config.grpcHost, port: config.grpcPort, contracts: [AUTH_SERVICE] },
  });
}

main().catch((error: unknown) => {
  createLogger('auth').fatal({ err: error }, 'auth failed to start');
  process.exit(1);
});
