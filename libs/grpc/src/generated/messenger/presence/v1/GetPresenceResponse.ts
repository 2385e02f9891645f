// Original file: protos/messenger/presence/v1/presence.proto

import type { UserPresence as _messenger_presence_v1_UserPresence, UserPresence__Output as _messenger_presence_v1_UserPresence__Output } from '../../../messenger/presence/v1/UserPresence';

export interface GetPresenceResponse {
  'users'?: (_messenger_presence_v1_UserPresence)[];
}

export interface GetPresenceResponse__Output {
  'users': (_messenger_presence_v1_UserPresence__Output)[];
}
