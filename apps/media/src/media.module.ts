import { DynamicModule, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { LOGGER, Logger } from '@messenger/logging';
import { HealthController } from '@messenger/observability';
import { MEDIA_CONFIG, MediaConfig } from './config/media.config';
import { DownloadController } from './files/download.controller';
import { FileAccess } from './files/file-access';
import { FilesController } from './files/files.controller';
import { MediaFilesRepository } from './files/media-files.repository';
import { CorrelationMiddleware } from './http/correlation.middleware';
import { HttpErrorFilter } from './http/http-error.filter';
import { RequestAuthenticator } from './http/request-authenticator';
import { InfrastructureModule } from './infrastructure/infrastructure.module';
import { UploadProcessor } from './processing/upload-processor';
import { AttachmentsService } from './sharing/attachments.service';
import { MediaGrpcController } from './sharing/media.grpc-controller';
import { UploadServer } from './uploads/upload-server';
import { UploadsController } from './uploads/uploads.controller';

@Module({})
export class MediaModule implements NestModule {
  static forRoot(config: MediaConfig, logger: Logger): DynamicModule {
    const shared = {
      module: class MediaSharedModule {},
      global: true,
      providers: [
        { provide: MEDIA_CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
      ],
      exports: [MEDIA_CONFIG, LOGGER],
    };

    return {
      module: MediaModule,
      imports: [shared, InfrastructureModule],
      controllers: [HealthController, UploadsController, FilesController, DownloadController, MediaGrpcController],
      providers: [
        { provide: APP_FILTER, useClass: HttpErrorFilter },
        AttachmentsService,
        FileAccess,
        MediaFilesRepository,
        RequestAuthenticator,
        UploadProcessor,
        UploadServer,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(CorrelationMiddleware).forRoutes('*');
  }
}
