// Original file: protos/messenger/message/v1/message.proto

import type { Message as _messenger_message_v1_Message, Message__Output as _messenger_message_v1_Message__Output } from '../../../messenger/message/v1/Message';
import type { Long } from '@grpc/proto-loader';

export interface GetHistoryResponse {
  'messages'?: (_messenger_message_v1_Message)[];
  'hasMore'?: (boolean);
  'lastSeq'?: (number | string | Long);
}

export interface GetHistoryResponse__Output {
  'messages': (_messenger_message_v1_Message__Output)[];
  'hasMore': (boolean);
  'lastSeq': (number);
}
