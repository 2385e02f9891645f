// Original file: protos/messenger/presence/v1/presence.proto

import type { Long } from '@grpc/proto-loader';

export interface HeartbeatResponse {
  'expiresAt'?: (number | string | Long);
}

export interface HeartbeatResponse__Output {
  'expiresAt': (number);
}
