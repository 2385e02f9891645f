// Original file: protos/messenger/message/v1/message.proto

import type { Conversation as _messenger_message_v1_Conversation, Conversation__Output as _messenger_message_v1_Conversation__Output } from '../../../messenger/message/v1/Conversation';

export interface ListConversationsResponse {
  'conversations'?: (_messenger_message_v1_Conversation)[];
}

export interface ListConversationsResponse__Output {
  'conversations': (_messenger_message_v1_Conversation__Output)[];
}
