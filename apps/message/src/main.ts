import { bootstrapService, runService } from '@messenger/bootstrap';
import { MESSAGE_SERVICE } from '@messenger/grpc';
import { readMessageConfig } from './config/message.config';
import { MessageModule } from './message.module';

runService('message', async () => {
  const config = readMessageConfig();
  await bootstrapService({
    name: 'message',
    module: (logger) => MessageModule.forRoot(config, logger),
    http: { host: config.httpHost, port: config.httpPort },
    metrics: { host: config.metricsHost, port: config.metricsPort },
    grpc: { host: config.grpcHost, port: config.grpcPort, contracts: [MESSAGE_SERVICE] },
  });
});
