import type { NestExpressApplication } from '@nestjs/platform-express';
import { bootstrapService, runService } from '@messenger/bootstrap';
import { readGatewayConfig } from './config/gateway.config';
import { GatewayModule } from './gateway.module';
import { ConnectionAuthenticator } from './websocket/connection-authenticator';
import { MessengerWsAdapter } from './websocket/messenger-ws-adapter';

runService('gateway', async () => {
  const config = readGatewayConfig();
  await bootstrapService({
    name: 'gateway',
    module: (logger) => GatewayModule.forRoot(config, logger),
    http: { host: config.httpHost, port: config.httpPort },
    metrics: { host: config.metricsHost, port: config.metricsPort },
    configure: (app, logger) => {
      const express = app as NestExpressApplication;
      express.set('trust proxy', config.trustProxy);
      app.useWebSocketAdapter(new MessengerWsAdapter(app, app.get(ConnectionAuthenticator), logger));
    },
  });
});
