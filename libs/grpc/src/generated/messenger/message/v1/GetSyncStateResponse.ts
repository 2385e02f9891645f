// Original file: protos/messenger/message/v1/message.proto

import type { SyncPosition as _messenger_message_v1_SyncPosition, SyncPosition__Output as _messenger_message_v1_SyncPosition__Output } from '../../../messenger/message/v1/SyncPosition';

export interface GetSyncStateResponse {
  'positions'?: (_messenger_message_v1_SyncPosition)[];
}

export interface GetSyncStateResponse__Output {
  'positions': (_messenger_message_v1_SyncPosition__Output)[];
}
