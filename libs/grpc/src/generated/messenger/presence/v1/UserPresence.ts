// Original file: protos/messenger/presence/v1/presence.proto

import type { PresenceStatus as _messenger_presence_v1_PresenceStatus, PresenceStatus__Output as _messenger_presence_v1_PresenceStatus__Output } from '../../../messenger/presence/v1/PresenceStatus';
import type { Long } from '@grpc/proto-loader';

export interface UserPresence {
  'userId'?: (string);
  'status'?: (_messenger_presence_v1_PresenceStatus);
  'lastSeenAt'?: (number | string | Long);
}

export interface UserPresence__Output {
  'userId': (string);
  'status': (_messenger_presence_v1_PresenceStatus__Output);
  'lastSeenAt': (number);
}
