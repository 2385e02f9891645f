// Original file: protos/messenger/presence/v1/presence.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { DisconnectRequest as _messenger_presence_v1_DisconnectRequest, DisconnectRequest__Output as _messenger_presence_v1_DisconnectRequest__Output } from '../../../messenger/presence/v1/DisconnectRequest';
import type { DisconnectResponse as _messenger_presence_v1_DisconnectResponse, DisconnectResponse__Output as _messenger_presence_v1_DisconnectResponse__Output } from '../../../messenger/presence/v1/DisconnectResponse';
import type { GetPresenceRequest as _messenger_presence_v1_GetPresenceRequest, GetPresenceRequest__Output as _messenger_presence_v1_GetPresenceRequest__Output } from '../../../messenger/presence/v1/GetPresenceRequest';
import type { GetPresenceResponse as _messenger_presence_v1_GetPresenceResponse, GetPresenceResponse__Output as _messenger_presence_v1_GetPresenceResponse__Output } from '../../../messenger/presence/v1/GetPresenceResponse';
import type { HeartbeatRequest as _messenger_presence_v1_HeartbeatRequest, HeartbeatRequest__Output as _messenger_presence_v1_HeartbeatRequest__Output } from '../../../messenger/presence/v1/HeartbeatRequest';
import type { HeartbeatResponse as _messenger_presence_v1_HeartbeatResponse, HeartbeatResponse__Output as _messenger_presence_v1_HeartbeatResponse__Output } from '../../../messenger/presence/v1/HeartbeatResponse';

export interface PresenceServiceClient extends grpc.Client {
  Disconnect(argument: _messenger_presence_v1_DisconnectRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_presence_v1_DisconnectResponse__Output>): grpc.ClientUnaryCall;
  Disconnect(argument: _messenger_presence_v1_DisconnectRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_messenger_presence_v1_DisconnectResponse__Output>): grpc.ClientUnaryCall;
  Disconnect(argument: _messenger_presence_v1_DisconnectRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_presence_v1_DisconnectResponse__Output>): grpc.ClientUnaryCall;
  Disconnect(argument: _messenger_presence_v1_DisconnectRequest, callback: grpc.requestCallback<_messenger_presence_v1_DisconnectResponse__Output>): grpc.ClientUnaryCall;
  disconnect(argument: _messenger_presence_v1_DisconnectRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_presence_v1_DisconnectResponse__Output>): grpc.ClientUnaryCall;
  disconnect(argument: _messenger_presence_v1_DisconnectRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_messenger_presence_v1_DisconnectResponse__Output>): grpc.ClientUnaryCall;
  disconnect(argument: _messenger_presence_v1_DisconnectRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_presence_v1_DisconnectResponse__Output>): grpc.ClientUnaryCall;
  disconnect(argument: _messenger_presence_v1_DisconnectRequest, callback: grpc.requestCallback<_messenger_presence_v1_DisconnectResponse__Output>): grpc.ClientUnaryCall;
  
  GetPresence(argument: _messenger_presence_v1_GetPresenceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_presence_v1_GetPresenceResponse__Output>): grpc.ClientUnaryCall;
  GetPresence(argument: _messenger_presence_v1_GetPresenceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_messenger_presence_v1_GetPresenceResponse__Output>): grpc.ClientUnaryCall;
  GetPresence(argument: _messenger_presence_v1_GetPresenceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_presence_v1_GetPresenceResponse__Output>): grpc.ClientUnaryCall;
  GetPresence(argument: _messenger_presence_v1_GetPresenceRequest, callback: grpc.requestCallback<_messenger_presence_v1_GetPresenceResponse__Output>): grpc.ClientUnaryCall;
  getPresence(argument: _messenger_presence_v1_GetPresenceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_presence_v1_GetPresenceResponse__Output>): grpc.ClientUnaryCall;
  getPresence(argument: _messenger_presence_v1_GetPresenceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_messenger_presence_v1_GetPresenceResponse__Output>): grpc.ClientUnaryCall;
  getPresence(argument: _messenger_presence_v1_GetPresenceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_presence_v1_GetPresenceResponse__Output>): grpc.ClientUnaryCall;
  getPresence(argument: _messenger_presence_v1_GetPresenceRequest, callback: grpc.requestCallback<_messenger_presence_v1_GetPresenceResponse__Output>): grpc.ClientUnaryCall;
  
  Heartbeat(argument: _messenger_presence_v1_HeartbeatRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_presence_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  Heartbeat(argument: _messenger_presence_v1_HeartbeatRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_messenger_presence_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  Heartbeat(argument: _messenger_presence_v1_HeartbeatRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_presence_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  Heartbeat(argument: _messenger_presence_v1_HeartbeatRequest, callback: grpc.requestCallback<_messenger_presence_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  heartbeat(argument: _messenger_presence_v1_HeartbeatRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_presence_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  heartbeat(argument: _messenger_presence_v1_HeartbeatRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_messenger_presence_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  heartbeat(argument: _messenger_presence_v1_HeartbeatRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_messenger_presence_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  heartbeat(argument: _messenger_presence_v1_HeartbeatRequest, callback: grpc.requestCallback<_messenger_presence_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface PresenceServiceHandlers extends grpc.UntypedServiceImplementation {
  Disconnect: grpc.handleUnaryCall<_messenger_presence_v1_DisconnectRequest__Output, _messenger_presence_v1_DisconnectResponse>;
  
  GetPresence: grpc.handleUnaryCall<_messenger_presence_v1_GetPresenceRequest__Output, _messenger_presence_v1_GetPresenceResponse>;
  
  Heartbeat: grpc.handleUnaryCall<_messenger_presence_v1_HeartbeatRequest__Output, _messenger_presence_v1_HeartbeatResponse>;
  
}

export interface PresenceServiceDefinition extends grpc.ServiceDefinition {
  Disconnect: MethodDefinition<_messenger_presence_v1_DisconnectRequest, _messenger_presence_v1_DisconnectResponse, _messenger_presence_v1_DisconnectRequest__Output, _messenger_presence_v1_DisconnectResponse__Output>
  GetPresence: MethodDefinition<_messenger_presence_v1_GetPresenceRequest, _messenger_presence_v1_GetPresenceResponse, _messenger_presence_v1_GetPresenceRequest__Output, _messenger_presence_v1_GetPresenceResponse__Output>
  Heartbeat: MethodDefinition<_messenger_presence_v1_HeartbeatRequest, _messenger_presence_v1_HeartbeatResponse, _messenger_presence_v1_HeartbeatRequest__Output, _messenger_presence_v1_HeartbeatResponse__Output>
}
