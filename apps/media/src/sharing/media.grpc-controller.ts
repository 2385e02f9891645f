import { Controller, Inject } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import type { Metadata } from '@grpc/grpc-js';
import { RpcHandler, mediaV1 } from '@messenger/grpc';
import { LOGGER, Logger } from '@messenger/logging';
import { AttachmentsService } from './attachments.service';

/** messenger.media.v1.MediaService over gRPC. */
@Controller()
export class MediaGrpcController {
  private readonly rpc: RpcHandler;

  constructor(
    private readonly attachments: AttachmentsService,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.rpc = new RpcHandler(logger);
  }

  @GrpcMethod('MediaService', 'AttachFiles')
  attachFiles(request: mediaV1.AttachFilesRequest__Output, metadata: Metadata): Promise<mediaV1.AttachFilesResponse> {
    return this.rpc.serve(metadata, 'AttachFiles', async () => ({ attachments: await this.attachments.attach(request) }));
  }
}
