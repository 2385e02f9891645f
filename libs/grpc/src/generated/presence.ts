import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { DisconnectRequest as _messenger_presence_v1_DisconnectRequest, DisconnectRequest__Output as _messenger_presence_v1_DisconnectRequest__Output } from './messenger/presence/v1/DisconnectRequest';
import type { DisconnectResponse as _messenger_presence_v1_DisconnectResponse, DisconnectResponse__Output as _messenger_presence_v1_DisconnectResponse__Output } from './messenger/presence/v1/DisconnectResponse';
import type { GetPresenceRequest as _messenger_presence_v1_GetPresenceRequest, GetPresenceRequest__Output as _messenger_presence_v1_GetPresenceRequest__Output } from './messenger/presence/v1/GetPresenceRequest';
import type { GetPresenceResponse as _messenger_presence_v1_GetPresenceResponse, GetPresenceResponse__Output as _messenger_presence_v1_GetPresenceResponse__Output } from './messenger/presence/v1/GetPresenceResponse';
import type { HeartbeatRequest as _messenger_presence_v1_HeartbeatRequest, HeartbeatRequest__Output as _messenger_presence_v1_HeartbeatRequest__Output } from './messenger/presence/v1/HeartbeatRequest';
import type { HeartbeatResponse as _messenger_presence_v1_HeartbeatResponse, HeartbeatResponse__Output as _messenger_presence_v1_HeartbeatResponse__Output } from './messenger/presence/v1/HeartbeatResponse';
import type { PresenceServiceClient as _messenger_presence_v1_PresenceServiceClient, PresenceServiceDefinition as _messenger_presence_v1_PresenceServiceDefinition } from './messenger/presence/v1/PresenceService';
import type { UserPresence as _messenger_presence_v1_UserPresence, UserPresence__Output as _messenger_presence_v1_UserPresence__Output } from './messenger/presence/v1/UserPresence';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  messenger: {
    presence: {
      v1: {
        DisconnectRequest: MessageTypeDefinition<_messenger_presence_v1_DisconnectRequest, _messenger_presence_v1_DisconnectRequest__Output>
        DisconnectResponse: MessageTypeDefinition<_messenger_presence_v1_DisconnectResponse, _messenger_presence_v1_DisconnectResponse__Output>
        GetPresenceRequest: MessageTypeDefinition<_messenger_presence_v1_GetPresenceRequest, _messenger_presence_v1_GetPresenceRequest__Output>
        GetPresenceResponse: MessageTypeDefinition<_messenger_presence_v1_GetPresenceResponse, _messenger_presence_v1_GetPresenceResponse__Output>
        HeartbeatRequest: MessageTypeDefinition<_messenger_presence_v1_HeartbeatRequest, _messenger_presence_v1_HeartbeatRequest__Output>
        HeartbeatResponse: MessageTypeDefinition<_messenger_presence_v1_HeartbeatResponse, _messenger_presence_v1_HeartbeatResponse__Output>
        PresenceService: SubtypeConstructor<typeof grpc.Client, _messenger_presence_v1_PresenceServiceClient> & { service: _messenger_presence_v1_PresenceServiceDefinition }
        PresenceStatus: EnumTypeDefinition
        UserPresence: MessageTypeDefinition<_messenger_presence_v1_UserPresence, _messenger_presence_v1_UserPresence__Output>
      }
    }
  }
}

