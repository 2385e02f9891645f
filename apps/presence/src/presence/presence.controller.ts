import { Controller } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import type { Metadata } from '@grpc/grpc-js';
import { RpcHandler, presenceV1 } from '@messenger/grpc';
import { PresenceService } from './presence.service';

@Controller()
export class PresenceController {
  constructor(
    private readonly rpc: RpcHandler,
    private readonly service: PresenceService,
  ) {}

  @GrpcMethod('PresenceService', 'Heartbeat')
  heartbeat(request: presenceV1.HeartbeatRequest__Output, metadata: Metadata): Promise<presenceV1.HeartbeatResponse> {
    return this.rpc.serve(metadata, 'Heartbeat', () => this.service.heartbeat(request));
  }

  @GrpcMethod('PresenceService', 'Disconnect')
  disconnect(
    request: presenceV1.DisconnectRequest__Output,
    metadata: Metadata,
  ): Promise<presenceV1.DisconnectResponse> {
    return this.rpc.serve(metadata, 'Disconnect', () => this.service.disconnect(request));
  }

  @GrpcMethod('PresenceService', 'GetPresence')
  getPresence(
    request: presenceV1.GetPresenceRequest__Output,
    metadata: Metadata,
  ): Promise<presenceV1.GetPresenceResponse> {
    return this.rpc.serve(metadata, 'GetPresence', () => this.service.getPresence(request));
  }
}
