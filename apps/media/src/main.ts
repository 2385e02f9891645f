import { bootstrapService, runService } from '@messenger/bootstrap';
import { MEDIA_SERVICE } from '@messenger/grpc';
import { readMediaConfig } from './config/media.config';
import { MediaModule } from './media.module';

runService('media', async () => {
  const config = readMediaConfig();
  await bootstrapService({
    name: 'media',
    module: (logger) => MediaModule.forRoot(config, logger),
    http: { host: config.httpHost, port: config.httpPort },
    metrics: { host: config.metricsHost, port: config.metricsPort },
    grpc: { host: config.grpcHost, port: config.grpcPort, contracts: [MEDIA_SERVICE] },
  });
});
