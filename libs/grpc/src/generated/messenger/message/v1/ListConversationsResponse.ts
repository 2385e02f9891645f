// Original file: protos/messenger/message/v1/message.proto

import type { Conversation as _messenger_message_v1_Conversation, Conversation__Output as _messenger_message_v1_Conversation__Output } from '../../../messenger/message/v1/Conversation';
import type { Long } from '@grpc/proto-loader';

export interface ListConversationsResponse {
  'conversations'?: (_messenger_message_v1_Conversation)[];
  'nextCursor'?: (string);
  'totalUnread'?: (number | string | Long);
}

export interface ListConversationsResponse__Output {
  'conversations': (_messenger_message_v1_Conversation__Output)[];
  'nextCursor': (string);
  'totalUnread': (number);
}
