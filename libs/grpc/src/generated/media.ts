import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { AttachFilesRequest as _messenger_media_v1_AttachFilesRequest, AttachFilesRequest__Output as _messenger_media_v1_AttachFilesRequest__Output } from './messenger/media/v1/AttachFilesRequest';
import type { AttachFilesResponse as _messenger_media_v1_AttachFilesResponse, AttachFilesResponse__Output as _messenger_media_v1_AttachFilesResponse__Output } from './messenger/media/v1/AttachFilesResponse';
import type { Attachment as _messenger_media_v1_Attachment, Attachment__Output as _messenger_media_v1_Attachment__Output } from './messenger/media/v1/Attachment';
import type { MediaServiceClient as _messenger_media_v1_MediaServiceClient, MediaServiceDefinition as _messenger_media_v1_MediaServiceDefinition } from './messenger/media/v1/MediaService';
import type { Thumbnail as _messenger_media_v1_Thumbnail, Thumbnail__Output as _messenger_media_v1_Thumbnail__Output } from './messenger/media/v1/Thumbnail';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  messenger: {
    media: {
      v1: {
        AttachFilesRequest: MessageTypeDefinition<_messenger_media_v1_AttachFilesRequest, _messenger_media_v1_AttachFilesRequest__Output>
        AttachFilesResponse: MessageTypeDefinition<_messenger_media_v1_AttachFilesResponse, _messenger_media_v1_AttachFilesResponse__Output>
        Attachment: MessageTypeDefinition<_messenger_media_v1_Attachment, _messenger_media_v1_Attachment__Output>
        MediaService: SubtypeConstructor<typeof grpc.Client, _messenger_media_v1_MediaServiceClient> & { service: _messenger_media_v1_MediaServiceDefinition }
        Thumbnail: MessageTypeDefinition<_messenger_media_v1_Thumbnail, _messenger_media_v1_Thumbnail__Output>
      }
    }
  }
}

