import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import path from 'node:path';
import type { ProtoGrpcType as AuthProto } from './generated/auth';
import type { ProtoGrpcType as MediaProto } from './generated/media';
import type { ProtoGrpcType as MessageProto } from './generated/message';
import type { ProtoGrpcType as PresenceProto } from './generated/presence';
import type { AuthServiceClient } from './generated/messenger/auth/v1/AuthService';
import type { MediaServiceClient } from './generated/messenger/media/v1/MediaService';
import type { MessageServiceClient } from './generated/messenger/message/v1/MessageService';
import type { PresenceServiceClient } from './generated/messenger/presence/v1/PresenceService';
import { PROTO_LOADER_OPTIONS, findProtosDir } from './proto-loader-options';

export interface GrpcServiceContract {
  /** Proto package, e.g. "messenger.message.v1". */
  packageName: string;
  /** Path of the .proto file under protos/. */
  protoPath: string;
  serviceName: string;
}

export const AUTH_SERVICE: GrpcServiceContract = {
  packageName: 'messenger.auth.v1',
  protoPath: 'messenger/auth/v1/auth.proto',
  serviceName: 'AuthService',
};

export const MESSAGE_SERVICE: GrpcServiceContract = {
  packageName: 'messenger.message.v1',
  protoPath: 'messenger/message/v1/message.proto',
  serviceName: 'MessageService',
};

export const MEDIA_SERVICE: GrpcServiceContract = {
  packageName: 'messenger.media.v1',
  protoPath: 'messenger/media/v1/media.proto',
  serviceName: 'MediaService',
};

export const PRESENCE_SERVICE: GrpcServiceContract = {
  packageName: 'messenger.presence.v1',
  protoPath: 'messenger/presence/v1/presence.proto',
  serviceName: 'PresenceService',
};

function loadContract<T>(contract: GrpcServiceContract): T {
  const definition = protoLoader.loadSync(path.join(findProtosDir(), contract.protoPath), {
    ...PROTO_LOADER_OPTIONS,
    includeDirs: [findProtosDir()],
  });

  return grpc.loadPackageDefinition(definition) as unknown as T;
}

/**
 * Client channel options. Round robin spreads calls over every address that
 * the name resolves to: with "dns:///name:port" and a headless Kubernetes
 * Service, that is every ready pod, where the default (pick_first) would send
 * all calls to one of them.
 */
const CHANNEL_OPTIONS: grpc.ChannelOptions = {
  'grpc.keepalive_time_ms': 30_000,
  'grpc.keepalive_timeout_ms': 10_000,
  'grpc.keepalive_permit_without_calls': 1,
  'grpc.service_config': JSON.stringify({ loadBalancingConfig: [{ round_robin: {} }] }),
};

/**
 * Server channel options. Closing each connection after 5 minutes makes
 * clients resolve the name again, so that they also find pods started since
 * they connected. Calls in flight get 30 s to finish.
 */
const SERVER_CHANNEL_OPTIONS: grpc.ChannelOptions = {
  'grpc.max_connection_age_ms': 5 * 60_000,
  'grpc.max_connection_age_grace_ms': 30_000,
};

export function createAuthClient(address: string): AuthServiceClient {
  const proto = loadContract<AuthProto>(AUTH_SERVICE);

  return new proto.messenger.auth.v1.AuthService(address, grpc.credentials.createInsecure(), CHANNEL_OPTIONS);
}

export function createMessageClient(address: string): MessageServiceClient {
  const proto = loadContract<MessageProto>(MESSAGE_SERVICE);

  return new proto.messenger.message.v1.MessageService(address, grpc.credentials.createInsecure(), CHANNEL_OPTIONS);
}

export function createMediaClient(address: string): MediaServiceClient {
  const proto = loadContract<MediaProto>(MEDIA_SERVICE);

  return new proto.messenger.media.v1.MediaService(address, grpc.credentials.createInsecure(), CHANNEL_OPTIONS);
}

export function createPresenceClient(address: string): PresenceServiceClient {
  const proto = loadContract<PresenceProto>(PRESENCE_SERVICE);

  return new proto.messenger.presence.v1.PresenceService(
    address,
    grpc.credentials.createInsecure(),
    CHANNEL_OPTIONS,
  );
}

/** Options for a NestJS gRPC microservice that serves the given contracts. */
export function grpcServerOptions(contracts: GrpcServiceContract[], url: string) {
  return {
    package: contracts.map((contract) => contract.packageName),
    protoPath: contracts.map((contract) => contract.protoPath),
    url,
    loader: { ...PROTO_LOADER_OPTIONS, includeDirs: [findProtosDir()] },
    channelOptions: SERVER_CHANNEL_OPTIONS,
    // On shutdown, finish the calls in flight instead of cancelling them.
    gracefulShutdown: true,
  };
}
