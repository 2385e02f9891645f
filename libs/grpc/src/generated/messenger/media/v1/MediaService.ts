// Original file: protos/messenger/media/v1/media.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AttachFilesRequest as _messenger_media_v1_AttachFilesRequest, AttachFilesRequest__Output as _messenger_media_v1_AttachFilesRequest__Output } from '../../../messenger/media/v1/AttachFilesRequest';
import type { AttachFilesResponse as _messenger_media_v1_AttachFilesResponse, AttachFilesResponse__Output as _messenger_media_v1_AttachFilesResponse__Output } from '../../../messenger/media/v1/AttachFilesResponse';

export interface MediaServiceClient extends grpc.Client {
  AttachFiles(argument: _messenger_media_v1_AttachFilesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_media_v1_AttachFilesResponse__Output>): grpc.ClientUnaryCall;
  AttachFiles(argument: _messenger_media_v1_AttachFilesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_messenger_media_v1_AttachFilesResponse__Output>): grpc.ClientUnaryCall;
  AttachFiles(argument: _messenger_media_v1_AttachFilesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_media_v1_AttachFilesResponse__Output>): grpc.ClientUnaryCall;
  AttachFiles(argument: _messenger_media_v1_AttachFilesRequest, callback: grpc.requestCallback<_messenger_media_v1_AttachFilesResponse__Output>): grpc.ClientUnaryCall;
  attachFiles(argument: _messenger_media_v1_AttachFilesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_media_v1_AttachFilesResponse__Output>): grpc.ClientUnaryCall;
  attachFiles(argument: _messenger_media_v1_AttachFilesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_messenger_media_v1_AttachFilesResponse__Output>): grpc.ClientUnaryCall;
  attachFiles(argument: _messenger_media_v1_AttachFilesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_media_v1_AttachFilesResponse__Output>): grpc.ClientUnaryCall;
  attachFiles(argument: _messenger_media_v1_AttachFilesRequest, callback: grpc.requestCallback<_messenger_media_v1_AttachFilesResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface MediaServiceHandlers extends grpc.UntypedServiceImplementation {
  AttachFiles: grpc.handleUnaryCall<_messenger_media_v1_AttachFilesRequest__Output, _messenger_media_v1_AttachFilesResponse>;
  
}

export interface MediaServiceDefinition extends grpc.ServiceDefinition {
  AttachFiles: MethodDefinition<_messenger_media_v1_AttachFilesRequest, _messenger_media_v1_AttachFilesResponse, _messenger_media_v1_AttachFilesRequest__Output, _messenger_media_v1_AttachFilesResponse__Output>
}
