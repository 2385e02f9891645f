// Original file: protos/messenger/message/v1/message.proto

import type { Message as _messenger_message_v1_Message, Message__Output as _messenger_message_v1_Message__Output } from '../../../messenger/message/v1/Message';

export interface SendMessageResponse {
  'message'?: (_messenger_message_v1_Message | null);
  'duplicate'?: (boolean);
}

export interface SendMessageResponse__Output {
  'message': (_messenger_message_v1_Message__Output | null);
  'duplicate': (boolean);
}
